#!/usr/bin/env bash
# Smoke test of the README's run command: starts the server as a newcomer would (embedded PostgreSQL,
# development secret), posts a signed customer.created and invoice.finalized with curl and openssl,
# and checks that both are PROCESSED and the invoice is linked to company 42's billing period.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
events=../shared/stripe-events/scenario-subscription-lifecycle
secret=whsec_billhook_development_only
log=$(mktemp)
psql_dev() { psql -h 127.0.0.1 -p 55433 -U postgres -d billhook -tAc "$1"; }

# its own process group, like a terminal's foreground job: stopping the group stops Maven, the server
# and the embedded database together, as Ctrl-C does
setsid mvn -B --no-transfer-progress -DskipTests -Drun verify >"$log" 2>&1 &
server=$!
stop() {
  kill -TERM -- "-$server" 2>/dev/null || true
  for _ in $(seq 1 30); do pgrep -g "$server" >/dev/null || return 0; sleep 1; done
  echo "smoke: processes of the run still alive after 30 s:"; pgrep -a -g "$server" || true
}
trap stop EXIT

for _ in $(seq 1 180); do
  curl -sf http://localhost:9080/health/ready >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "smoke: the server did not start"; exit 1; }
  sleep 2
done
curl -sf http://localhost:9080/health/ready >/dev/null || { tail -50 "$log"; echo "smoke: not ready"; exit 1; }

post() {
  local t sig
  t=$(date +%s)
  sig=$(printf '%s.' "$t" | cat - "$1" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')
  curl -sf -X POST http://localhost:9080/webhooks/stripe -H 'Content-Type: application/json' \
       -H "Stripe-Signature: t=$t,v1=$sig" --data-binary @"$1"
  echo
}
post "$events/01-customer.created.json"
post "$events/04-invoice.finalized.json"

for _ in $(seq 1 60); do
  linked=$(psql_dev "SELECT count(*) FROM invoice i JOIN billing_period p ON p.id = i.billing_period_id
                     WHERE i.stripe_invoice_id = 'in_1tzSEi2eC3uLkQFzixF6oUQc' AND p.company_id = 42" 2>/dev/null || echo 0)
  [ "$linked" = "1" ] && break
  sleep 1
done
psql_dev "SELECT event_type, status FROM webhook_event
          WHERE provider_event_id IN ('evt_1NKYzr2eC3uLkQFzuXWcqT4x', 'evt_1i2Csd2eC3uLkQFzqVE9x9pW') ORDER BY id"
[ "$linked" = "1" ] || { tail -50 "$log"; echo "smoke: FAILED, the invoice is not linked"; exit 1; }
processed=$(psql_dev "SELECT count(*) FROM webhook_event WHERE provider_event_id IN
                      ('evt_1NKYzr2eC3uLkQFzuXWcqT4x', 'evt_1i2Csd2eC3uLkQFzqVE9x9pW') AND status = 'PROCESSED'")
[ "$processed" = "2" ] || { echo "smoke: FAILED, $processed of 2 events PROCESSED"; exit 1; }
echo "smoke: 1 passed, 0 failed"
