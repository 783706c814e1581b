#!/usr/bin/env bash
# Ingest benchmark against a running server: ROUNDS rounds of SECONDS s at CONNECTIONS connections, each round
# with freshly signed requests (new event ids), printing requests/s, latency percentiles and errors per round.
# The JIT needs a few rounds on a small machine: read the later rounds.
#   usage: ingest.sh [URL] [SECRET]      env: ROUNDS (5), SECONDS (20), CONNECTIONS (16), THREADS (2)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
rounds=${ROUNDS:-5} seconds=${SECONDS_PER_ROUND:-20} connections=${CONNECTIONS:-16} threads=${THREADS:-2}
command -v wrk >/dev/null || { echo "ingest.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
requests=$(mktemp)
trap 'rm -f "$requests"' EXIT
for round in $(seq 1 "$rounds"); do
  python3 signed_requests.py "$secret" $((seconds * 8000)) "$requests"
  printf 'round %d: ' "$round"
  BILLHOOK_REQUESTS=$requests BILLHOOK_THREADS=$threads \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" -s ingest.lua "$url" | grep -E "requests/s|p50|p95|p99|errors" | tr '\n' ' '
  echo
done
