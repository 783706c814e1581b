#!/usr/bin/env bash
# Retention benchmark, against a running server (command 1) and its database:
#  1. PostgreSQL's single-row commit rate (pgbench, the machine's reference of this run);
#  2. loads EVENTS (1,000,000) finished and unfinished events received over the last DAYS (500) days, each with the
#     payload of a real Stripe invoice.paid, one attempt each, a duplicate for every 20th and a refused request for
#     every 100th, and prints the tables' and indexes' sizes (pg_total_relation_size) and the bytes an event costs;
#  3. a warm-up round, then an ingest round of SECONDS_PER_ROUND s at CONNECTIONS (wrk, signed unique events,
#     processing on) without retention, the same round while a retention pass (POST /api/admin/retention/runs, the
#     server's defaults) works through what was loaded, and, once the pass is done, one more without it; the
#     ingest p99 of each and what the pass did;
#  4. the sizes after the pass and a VACUUM, and the bytes an event costs with its payload redacted.
# The loaded rows carry provider event ids of their own (evt_retention_bench_…); what the pass keeps of them stays.
#   usage: retention.sh [URL] [SECRET]
#   env: EVENTS (1000000), DAYS (500), SECONDS_PER_ROUND (20), CONNECTIONS (16), THREADS (2),
#        BILLHOOK_USERNAME/BILLHOOK_PASSWORD (the development run's operator), PGHOST/PGPORT/PGDATABASE/PGUSER
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
events=${EVENTS:-1000000} days=${DAYS:-500} seconds=${SECONDS_PER_ROUND:-20} connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
operator=${BILLHOOK_USERNAME:-admin}:${BILLHOOK_PASSWORD:-admin-development-only}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55433} PGDATABASE=${PGDATABASE:-billhook} PGUSER=${PGUSER:-postgres}
export PGOPTIONS="-c client_min_messages=warning"
for tool in wrk psql curl python3; do
  command -v $tool >/dev/null || { echo "retention.sh: $tool is not installed"; exit 1; }
done
requests=$(mktemp) pass_out=$(mktemp)
trap 'rm -f "$requests" "$pass_out"' EXIT
payload=../../../../../shared/stripe-events/invoice.paid.json
[ -f "$payload" ] || payload=$(ls ../../../../../shared/stripe-events/*.json | head -1)

. ./pg-limit.sh
. ./wrk-round.sh

sizes() {
  psql -qAtX -F '|' -c "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)), pg_size_pretty(pg_indexes_size(oid))
                          FROM pg_class WHERE relname IN ('webhook_event', 'webhook_attempt', 'webhook_duplicate',
                                                         'webhook_rejection') ORDER BY relname" \
    | awk -F'|' '{printf "  %-18s total %10s, of which indexes %10s\n", $1, $2, $3}'
  psql -qAtX -c "SELECT '  all four: ' || pg_size_pretty(sum(pg_total_relation_size(oid)))
                   FROM pg_class WHERE relname IN ('webhook_event', 'webhook_attempt', 'webhook_duplicate', 'webhook_rejection')"
}
total_bytes() {
  psql -qAtX -c "SELECT sum(pg_total_relation_size(oid)) FROM pg_class
                  WHERE relname IN ('webhook_event', 'webhook_attempt', 'webhook_duplicate', 'webhook_rejection')"
}

run=$(date +%s)
echo "loading $events events over $days days (payload: $(basename "$payload"), $(wc -c <"$payload") bytes)"
started=$SECONDS
for from in $(seq 1 100000 "$events"); do
  to=$((from + 99999 < events ? from + 99999 : events))
  psql -q -v payload="$(tr -d '\n' <"$payload")" -v from="$from" -v to="$to" -v events="$events" -v days="$days" -v run="$run" <<'SQL'
INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, received_at, enqueued_at, status,
                           attempts, correlation_id, processed_at, processing_millis)
SELECT 'stripe', 'evt_retention_bench_' || :'run' || '_' || n, 'invoice.paid', 'HIGH', :'payload'::jsonb, r, r, s, 1,
       'retention-bench', CASE WHEN s <> 'RECEIVED' THEN r END, CASE WHEN s IN ('PROCESSED', 'IGNORED') THEN 20 END
  FROM generate_series(:from::bigint, :to::bigint) n,
       LATERAL (SELECT now() - make_interval(secs => (:days * 86400.0) * (n::float8 / :events)) AS r,
                       CASE WHEN n % 100 < 85 THEN 'PROCESSED' WHEN n % 100 < 97 THEN 'IGNORED'
                            WHEN n % 100 < 99 THEN 'FAILED' ELSE 'QUARANTINED' END AS s) generated;
SQL
done
psql -q -v run="$run" <<'SQL'
INSERT INTO webhook_attempt (webhook_event_id, attempt, started_at, finished_at, duration_millis, outcome, correlation_id)
SELECT id, 1, received_at, received_at + interval '20 ms', 20, status, correlation_id
  FROM webhook_event WHERE provider_event_id LIKE 'evt_retention_bench_' || :'run' || '_%';
INSERT INTO webhook_duplicate (webhook_event_id, received_at)
SELECT id, received_at + interval '5 minutes'
  FROM webhook_event WHERE provider_event_id LIKE 'evt_retention_bench_' || :'run' || '_%' AND id % 20 = 0;
INSERT INTO webhook_rejection (provider, reason, http_status, body_bytes, remote_address, received_at, correlation_id)
SELECT 'stripe', 'invalid-signature', 400, 1400, '198.51.100.7', received_at, 'retention-bench'
  FROM webhook_event WHERE provider_event_id LIKE 'evt_retention_bench_' || :'run' || '_%' AND id % 100 = 7;
VACUUM ANALYZE webhook_event, webhook_attempt, webhook_duplicate, webhook_rejection;
SQL
echo "loaded in $((SECONDS - started)) s"
rows=$(psql -qAtX -c "SELECT count(*) FROM webhook_event")
before=$(total_bytes)
echo "before retention ($rows events in the table):"
sizes
payload_bytes=$(psql -qAtX -c "SELECT round(avg(pg_column_size(payload))) FROM webhook_event WHERE payload_redacted_at IS NULL")
echo "bytes per event, everything kept (all four tables, indexes included): $((before / rows)); its payload as stored: $payload_bytes"

python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
echo "warm-up:                  $(wrk_round "$url/webhooks/stripe" "$connections" "$requests")"
python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
quiet=$(wrk_round "$url/webhooks/stripe" "$connections" "$requests")
echo "ingest without retention: $quiet"

python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
pass_started=$SECONDS
curl -s -u "$operator" -X POST -H 'X-Requested-By: retention.sh' "$url/api/admin/retention/runs" >"$pass_out" &
pass=$!
sleep 2
busy=$(wrk_round "$url/webhooks/stripe" "$connections" "$requests")
running=$(kill -0 "$pass" 2>/dev/null && echo "still running" || echo "ended before the round did")
echo "ingest during retention:  $busy (the pass $running)"
wait "$pass"
echo "retention pass: $(cat "$pass_out") ($((SECONDS - pass_started)) s)"
python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
after=$(wrk_round "$url/webhooks/stripe" "$connections" "$requests")
echo "ingest after retention:   $after"

psql -q -c "VACUUM ANALYZE webhook_event, webhook_attempt, webhook_duplicate, webhook_rejection"
kept=$(psql -qAtX -c "SELECT count(*) FROM webhook_event")
redacted=$(psql -qAtX -c "SELECT count(*) FROM webhook_event WHERE payload_redacted_at IS NOT NULL")
echo "after retention and VACUUM ($kept events, $redacted of them redacted):"
sizes
redacted_bytes=$(psql -qAtX -c "SELECT round(avg(pg_column_size(payload))) FROM webhook_event WHERE payload_redacted_at IS NOT NULL")
echo "a redacted payload as stored: $redacted_bytes bytes (the files keep their size: PostgreSQL reuses the space for new rows)"
printf 'ingest p99 before retention %s ms, during %s ms, after %s ms (during / before: %.2f x)\n' "$(p99 "$quiet")" \
  "$(p99 "$busy")" "$(p99 "$after")" "$(python3 -c "print($(p99 "$busy") / $(p99 "$quiet"))")"
printf 'ingest rate before retention %s requests/s, during %s, after %s\n' "$(rate "$quiet")" "$(rate "$busy")" "$(rate "$after")"
[ -n "$limit" ] && echo "PostgreSQL limit of this run: $limit inserts/s"
