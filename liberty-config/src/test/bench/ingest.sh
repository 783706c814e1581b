#!/usr/bin/env bash
# Ingest benchmark, Billhook side by side with the peer — the receiver of Stripe's docs (peer/server.js: express.raw,
# stripe.webhooks.constructEvent, one INSERT ... ON CONFLICT DO NOTHING, a pool of 16) — in one run on one machine:
#  1. PostgreSQL's single-row commit rate at the same concurrency (pgbench, pg-limit.sql), the machine's reference;
#  2. WARMUPS rounds of each, alternating, then measured rounds at CONNECTIONS and at WIDE connections, peer and
#     Billhook in turn, each round of SECONDS_PER_ROUND s with freshly signed unique customer.updated events;
#     Billhook processes what it takes meanwhile, and after each of its rounds the time until everything it
#     acknowledged is processed is printed;
#  3. a round of each paced at half the peer's best rate (latency at equal load);
#  4. the ratios Billhook / peer and Billhook / limit, and the resident memory of the server at the end.
# Run it against a running server that has processed what it was sent before (pgbench shares the machine with it).
#   usage: ingest.sh [URL] [SECRET]
#   env: WARMUPS (3), SECONDS_PER_ROUND (20), CONNECTIONS (16), WIDE (64), THREADS (2), PEER_PORT (3999),
#        PGHOST/PGPORT/PGDATABASE/PGUSER (default the development run's database)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
warmups=${WARMUPS:-3} seconds=${SECONDS_PER_ROUND:-20} connections=${CONNECTIONS:-16} wide=${WIDE:-64}
threads=${THREADS:-2} peer_port=${PEER_PORT:-3999}
peer_url=http://127.0.0.1:$peer_port
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55433} PGDATABASE=${PGDATABASE:-billhook} PGUSER=${PGUSER:-postgres}
for tool in wrk node npm psql; do
  command -v $tool >/dev/null || { echo "ingest.sh: $tool is not installed"; exit 1; }
done
requests=$(mktemp) peer=
trap 'rm -f "$requests"; [ -n "$peer" ] && kill "$peer" 2>/dev/null; psql -q -c "DROP TABLE IF EXISTS bench_peer_event" || true' EXIT

. ./pg-limit.sh
. ./wrk-round.sh

# the peer, on a table of its own
[ -d peer/node_modules ] || (cd peer && npm install --no-audit --no-fund --silent)
psql -q -c "DROP TABLE IF EXISTS bench_peer_event;
            CREATE TABLE bench_peer_event (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              stripe_event_id text NOT NULL UNIQUE, event_type text NOT NULL, payload jsonb NOT NULL,
              received_at timestamptz NOT NULL DEFAULT now())"
PEER_PORT=$peer_port STRIPE_WEBHOOK_SECRET=$secret node peer/server.js &
peer=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "$peer_url" && break; sleep 0.2; done

round() {  # target URL, connections, extra environment for wrk: one round, its summary on one line
  python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
  wrk_round "$1" "$2" "$requests" "${3:-}"
}
waiting() { psql -qAtX -c "SELECT count(*) FROM webhook_event WHERE status IN ('RECEIVED', 'RETRYING')"; }
caught_up() {  # how long Billhook takes to process what it acknowledged
  local started=$SECONDS
  while [ "$(waiting)" -gt 0 ]; do
    [ $((SECONDS - started)) -gt 600 ] && { echo "not caught up after 600 s: $(waiting) waiting"; return; }
    sleep 1
  done
  echo "all it acknowledged processed $((SECONDS - started)) s after the round"
}

for r in $(seq 1 "$warmups"); do
  echo "warm-up $r, peer:     $(round "$peer_url" "$connections")"
  echo "warm-up $r, Billhook: $(round "$url" "$connections")"
  echo "  $(caught_up)"
done

declare -A best
for c in "$connections" "$wide"; do
  line=$(round "$peer_url" "$c"); echo "peer at $c connections:     $line"; best[peer$c]=$(rate "$line")
  line=$(round "$url" "$c"); echo "Billhook at $c connections: $line"; best[billhook$c]=$(rate "$line")
  echo "  $(caught_up)"
done

half=$(( (best[peer$connections] > best[peer$wide] ? best[peer$connections] : best[peer$wide]) / 2 ))
# each connection pauses so that together they ask for half the peer's best rate
pause=$(awk -v c="$connections" -v r="$half" 'BEGIN { printf "%d", c * 1000 / r }')
peer_paced=$(round "$peer_url" "$connections" "BILLHOOK_DELAY_MS=$pause")
echo "peer paced at $half requests/s (each connection pausing $pause ms):     $peer_paced"
billhook_paced=$(round "$url" "$connections" "BILLHOOK_DELAY_MS=$pause")
echo "Billhook paced at $half requests/s (each connection pausing $pause ms): $billhook_paced"
echo "  $(caught_up)"

for c in "$connections" "$wide"; do
  awk -v b="${best[billhook$c]}" -v p="${best[peer$c]}" -v l="${limit:-0}" -v c="$c" 'BEGIN {
    printf "at %d connections: Billhook / peer: %d / %d = %.2f (target >= 1.0)", c, b, p, b / p
    if (l > 0) printf "; Billhook / limit: %d / %d = %.2f", b, l, b / l
    printf "\n" }'
done
awk -v b="$(p99 "$billhook_paced")" -v p="$(p99 "$peer_paced")" -v h="$half" 'BEGIN {
  printf "at %d requests/s: p99 Billhook %.2f ms, peer %.2f ms (target: Billhook <= peer)\n", h, b, p }'
# the server's resident memory now, when it is on this machine
port=${url##*:}; port=${port%%/*}
pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$pid" ] && echo "Billhook's resident memory at the end: $(( $(ps -o rss= -p "$pid") / 1024 )) MB (target <= 512)"
