#!/usr/bin/env bash
# Drain benchmark against a running server: a backlog of EVENTS mixed Stripe events (copies of the subscription
# lifecycle scenario, each with its own company and Stripe ids: customers, subscriptions, invoices, charges,
# refunds) is stored while the consumer is paused (`server pause --target=<the MDB>`), then the consumer is
# resumed. It prints PostgreSQL's single-row commit rate first (pg-limit.sh, the machine's reference figure of the
# run), the time to drain, the events applied per second and their ratio to that limit, and the latency
# (stored → processed) of high-lane Retell events posted during the drain, RATE a second.
#   usage: drain.sh [URL] [SECRET]
#   env: EVENTS (100000), RATE (10), CLIENTS (8), WLP (the Liberty install, default this module's target/liberty/wlp),
#        SERVER (billhook), PGHOST/PGPORT/PGDATABASE/PGUSER (default the development run's database),
#        BILLHOOK_ADMIN_USERNAME/PASSWORD and RETELL_API_KEY (default the development run's)
#        STRIPE_EVENTS (the Stripe corpus folder, default ../shared/stripe-events beside the project)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
events=${EVENTS:-100000} rate=${RATE:-10} clients=${CLIENTS:-8}
wlp=${WLP:-$(cd ../../.. && pwd)/target/liberty/wlp} server=${SERVER:-billhook}
consumer=billhook#billing-ejb.jar#WebhookEventConsumer
admin=${BILLHOOK_ADMIN_USERNAME:-admin}:${BILLHOOK_ADMIN_PASSWORD:-admin-development-only}
retell_key=${RETELL_API_KEY:-retell_development_only}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55433} PGDATABASE=${PGDATABASE:-billhook} PGUSER=${PGUSER:-postgres}
sql() { psql -qAtX -c "$1"; }

requests=$(mktemp) probe=
trap 'rm -f "$requests"; [ -n "$probe" ] && kill "$probe" 2>/dev/null; "$wlp/bin/server" resume "$server" --target=$consumer >/dev/null 2>&1 || true' EXIT

# the high-lane probe calls a number of a company of its own
number=+1555$(printf '%07d' $((RANDOM * 32768 + RANDOM)) | cut -c1-7)
curl -sf -o /dev/null -u "$admin" -H "X-Requested-By: drain.sh" -X PUT "$url/api/admin/companies/999999/phone-numbers/${number/+/%2B}?label=drain-probe"

connections=16 seconds=20
. ./pg-limit.sh

python3 scenario_requests.py "$secret" "$events" "${STRIPE_EVENTS:-../../../../../shared/stripe-events}/scenario-subscription-lifecycle" "$requests"
first=$(sql "SELECT coalesce(max(id), 0) + 1 FROM webhook_event")
"$wlp/bin/server" pause "$server" --target=$consumer >/dev/null
python3 post.py backlog "$url" "$requests" "$clients"
early=$(sql "SELECT count(*) FROM webhook_event WHERE id >= $first AND status <> 'RECEIVED'")
echo "stored while paused: $(sql "SELECT count(*) FROM webhook_event WHERE id >= $first") (processed while paused: $early)"
if [ "$early" -gt 0 ]; then
  echo "the consumer was not paused (another drain.sh running?): no drain rate can be measured" >&2
  exit 1
fi

python3 post.py retell "$url" "$retell_key" "$number" "$rate" & probe=$!
started=$(date +%s.%N)
"$wlp/bin/server" resume "$server" --target=$consumer >/dev/null
waiting() { sql "SELECT count(*) FROM webhook_event WHERE id >= $first AND status IN ('RECEIVED', 'RETRYING')"; }
left=$(waiting)
while [ "$left" -gt 0 ]; do
  sleep 1
  left=$(waiting)
  printf '\r%6.0f s: %7d waiting' "$(echo "$(date +%s.%N) - $started" | bc)" "$left"
done
took=$(echo "$(date +%s.%N) - $started" | bc)
kill "$probe"; wait "$probe" || true; probe=
echo
sql "SELECT status, count(*) FROM webhook_event WHERE id >= $first AND provider = 'stripe' GROUP BY 1 ORDER BY 1" \
  | awk -F'|' '{ printf "  %-12s %7d\n", $1, $2 }'
processed=$(sql "SELECT count(*) FROM webhook_event WHERE id >= $first AND provider = 'stripe' AND status = 'PROCESSED'")
printf 'drained %d events in %.1f s: %.0f events/s, %.0f applied to the domain/s\n' "$events" "$took" \
  "$(echo "$events / $took" | bc -l)" "$(echo "$processed / $took" | bc -l)"
sql "SELECT 'attempts: ' || count(*) || ', of them failed: ' || count(*) FILTER (WHERE a.error_class IS NOT NULL)
            || ' (an event applied before the one it needs is quarantined or retried, then applied again)'
       FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
      WHERE e.id >= $first AND e.provider = 'stripe'"
[ -n "$limit" ] && printf 'drain / PostgreSQL limit: %.0f / %d = %.3f (target >= 0.12)\n' \
  "$(echo "$events / $took" | bc -l)" "$limit" "$(echo "$events / $took / $limit" | bc -l)"
sql "SELECT 'high-lane latency (stored -> processed) of ' || count(*) || ' Retell events: p50 '
            || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || ' ms, p95 '
            || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) || ' ms, p99 '
            || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || ' ms, max ' || round(max(ms)) || ' ms'
       FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM webhook_event
              WHERE id >= $first AND provider = 'retell' AND status = 'PROCESSED') l"
