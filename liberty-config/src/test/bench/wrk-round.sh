# Sourced by the benchmarks: one wrk round with ingest.lua and what its summary line says.
#   wrk_round URL CONNECTIONS REQUESTS_FILE [ENV=VALUE]: a round of $seconds s with $threads threads, on one line
wrk_round() {
  env BILLHOOK_REQUESTS="$3" BILLHOOK_THREADS="$threads" ${4:-} \
    wrk -t"$threads" -c"$2" -d"${seconds}s" -s ingest.lua "$1" | grep -E "^(requests/s|p50|p95|p99|p99.9|errors):" | tr '\n' ' '
}
rate() { grep -o 'requests/s: [0-9]*' <<<"$1" | awk '{print $2}'; }
p99() { grep -o 'p99: [0-9.]*' <<<"$1" | awk '{print $2}'; }
errors() {  # the sum of the figures of ingest.lua's errors line
  grep -o "errors: connect [0-9]*, read [0-9]*, write [0-9]*, timeout [0-9]*, non-2xx [0-9]*" <<<"$1" | tail -1 \
    | sed "s/non-2xx/non-ok/" | grep -o "[0-9]\+" | awk "{ s += \$1 } END { print s + 0 }"
}
