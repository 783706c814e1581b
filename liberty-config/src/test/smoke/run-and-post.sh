#!/usr/bin/env bash
# Smoke test of the README's run command: starts the server as a newcomer would (embedded PostgreSQL,
# development secret), posts a signed customer.created and invoice.finalized with curl and openssl,
# and checks that both are PROCESSED and the invoice is linked to company 42's billing period.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
secret=whsec_billhook_development_only
log=$(mktemp)
db_query() { psql -h 127.0.0.1 -p 55433 -U postgres -d billhook -tAc "$1"; }

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

url=http://localhost:9080
. liberty-config/src/test/smoke/two-events.sh
post_two_events_and_check || { tail -50 "$log"; exit 1; }
echo "smoke: 1 passed, 0 failed"
