#!/usr/bin/env bash
# Ingest benchmark against a running server. First, with pgbench, the physical limit of this machine at the same
# concurrency: single-row inserts of a webhook-sized row into PostgreSQL (PGHOST/PGPORT/PGDATABASE/PGUSER, default
# the development run's database), each its own commit. Then ROUNDS rounds of SECONDS_PER_ROUND s at CONNECTIONS
# connections as fast as they go, each round with freshly signed requests (new event ids), printing requests/s,
# latency percentiles and errors per round (the JIT needs a few rounds on a small machine: read the later rounds),
# and the ratio of the best round to the limit. Last, one paced round at half the best rate, for the latency there.
# Run it against a server that has processed what it was sent before (pgbench shares the machine with it).
#   usage: ingest.sh [URL] [SECRET]      env: ROUNDS (5), SECONDS_PER_ROUND (20), CONNECTIONS (16), THREADS (2)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
rounds=${ROUNDS:-5} seconds=${SECONDS_PER_ROUND:-20} connections=${CONNECTIONS:-16} threads=${THREADS:-2}
command -v wrk >/dev/null || { echo "ingest.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
requests=$(mktemp)
trap 'rm -f "$requests"' EXIT

. ./pg-limit.sh

round() {  # label, extra environment for wrk
  python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
  printf '%s: ' "$1"
  env BILLHOOK_REQUESTS="$requests" BILLHOOK_THREADS="$threads" ${2:-} \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" -s ingest.lua "$url" | grep -E "requests/s|p50|p95|p99|errors" | tr '\n' ' '
  echo
}
best=0
for r in $(seq 1 "$rounds"); do
  line=$(round "round $r")
  echo "$line"
  rate=$(grep -o 'requests/s: [0-9]*' <<<"$line" | awk '{print $2}')
  [ "$rate" -gt "$best" ] && best=$rate
done
[ -n "$limit" ] && awk -v a="$best" -v b="$limit" 'BEGIN { printf "best round / limit: %d / %d = %.0f %%\n", a, b, 100 * a / b }'
# each connection pauses so that together they ask for half the best rate
pause=$(awk -v c="$connections" -v r="$best" 'BEGIN { printf "%d", c * 1000 / (r / 2) }')
round "paced at half of $best requests/s (each connection pausing $pause ms)" "BILLHOOK_DELAY_MS=$pause"
