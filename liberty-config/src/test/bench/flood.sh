#!/usr/bin/env bash
# Forged-flood benchmark against a running server: what a flood of forged Stripe requests (a signature made under
# another secret, so each is refused 400 invalid-signature) costs beside real traffic. First PostgreSQL's
# single-row commit rate (the machine's reference figure), then WARMUPS rounds of valid and of forged requests, then three
# measured rounds of SECONDS_PER_ROUND s at CONNECTIONS connections: valid deliveries alone, forged requests alone,
# valid deliveries while a flood at as many connections again runs beside them, and valid deliveries while SLOW
# slow senders (slow_senders.py) each trickle a 1 MiB body. It prints each round and the ratios: forged / valid (a
# refusal must cost less than an acceptance: target >= 3), valid during the flood / valid alone (target >= 0.8, with
# no error among the valid ones), and valid beside the slow senders / valid alone.
#   usage: flood.sh [URL] [SECRET]
#   env: WARMUPS (3), SECONDS_PER_ROUND (20), CONNECTIONS (16), THREADS (2), SLOW (300)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
secret=${2:-${STRIPE_WEBHOOK_SECRET:-whsec_billhook_development_only}}
warmups=${WARMUPS:-3} seconds=${SECONDS_PER_ROUND:-20} connections=${CONNECTIONS:-16} threads=${THREADS:-2}
slow=${SLOW:-300}
forger=whsec_forged_by_the_flood_benchmark
command -v wrk >/dev/null || { echo "flood.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
valid=$(mktemp) forged=$(mktemp) beside=$(mktemp)
trap 'rm -f "$valid" "$forged" "$beside"' EXIT

. ./pg-limit.sh
. ./wrk-round.sh

sign() {  # secret, file: fresh requests for one round
  python3 signed_requests.py "$1" $((seconds * 8000)) "$2"
}
measure() {  # requests file: one round at $connections, its summary on one line
  wrk_round "$url" "$connections" "$1"
}

# both paths are warmed alike: the JIT needs a few rounds of each on a small machine
for r in $(seq 1 "$warmups"); do
  sign "$secret" "$valid"
  echo "warm-up $r, valid: $(measure "$valid")"
  sign "$forger" "$forged"
  echo "warm-up $r, forged: $(measure "$forged")"
done
sign "$secret" "$valid"
alone=$(measure "$valid")
echo "valid alone: $alone"
sign "$forger" "$forged"
flood=$(measure "$forged")
echo "forged alone (each answered 400, counted as non-2xx): $flood"
sign "$secret" "$valid"
sign "$forger" "$forged"
measure "$forged" >"$beside" &
flooding=$!
during=$(measure "$valid")
wait "$flooding"
echo "valid during the flood: $during"
echo "the flood beside them: $(cat "$beside")"
sign "$secret" "$valid"
host=$(sed -E 's#^[a-z]+://([^:/]+).*#\1#' <<<"$url") port=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<<"$url")
python3 slow_senders.py "$host" "${port:-80}" "$slow" $((seconds + 2)) >"$beside" &
trickling=$!
sleep 2
slowly=$(measure "$valid")
wait "$trickling"
echo "valid beside $slow slow senders: $slowly"
echo "the slow senders: $(cat "$beside")"

awk -v f="$(rate "$flood")" -v v="$(rate "$alone")" -v d="$(rate "$during")" -v e="$(errors "$during")" \
    -v n="$slow" -v s="$(rate "$slowly")" -v se="$(errors "$slowly")" -v l="${limit:-0}" 'BEGIN {
  printf "forged / valid: %d / %d = %.2f (target >= 3)\n", f, v, f / v
  printf "valid during the flood / valid alone: %d / %d = %.2f (target >= 0.8), errors among them: %d (target 0)\n", d, v, d / v, e
  printf "valid beside %d slow senders / valid alone: %d / %d = %.2f, errors among them: %d\n", n, s, v, s / v, se
  if (l > 0) printf "valid alone / PostgreSQL limit: %d / %d = %.2f\n", v, l, v / l
}'
