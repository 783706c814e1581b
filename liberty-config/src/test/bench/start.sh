#!/usr/bin/env bash
# Start benchmark: how long the built server takes from `server start` to /health/ready UP, RUNS times (the server
# is stopped before each start), with the median, beside PostgreSQL's single-row commit rate of the same run (the
# machine's reference figure). The server must be built and configured (command 1 builds it; stop that run first,
# or run this against its server after it has been stopped); its database must be reachable.
#   usage: start.sh [URL]
#   env: RUNS (5), WLP (the Liberty install, default this module's target/liberty/wlp), SERVER (billhook),
#        PGHOST/PGPORT/PGDATABASE/PGUSER (default the development run's database)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:9080}
runs=${RUNS:-5} seconds=10 connections=16 threads=2
wlp=${WLP:-$(cd ../../.. && pwd)/target/liberty/wlp} server=${SERVER:-billhook}

. ./pg-limit.sh

"$wlp/bin/server" stop "$server" >/dev/null || true
times=()
for run in $(seq 1 "$runs"); do
  started=$(date +%s%N)
  "$wlp/bin/server" start "$server" >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = 200 ]; do
    [ $(( ($(date +%s%N) - started) / 1000000000 )) -gt 120 ] && { echo "not ready after 120 s"; exit 1; }
    sleep 0.1
  done
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  times+=("$ms")
  printf 'start %d: ready after %.1f s\n' "$run" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
  "$wlp/bin/server" stop "$server" >/dev/null
done
printf '%s\n' "${times[@]}" | sort -n | awk -v l="${limit:-?}" '{ t[NR] = $1 } END {
  printf "start to ready, median of %d: %.1f s (target <= 8 s); PostgreSQL limit of this run: %s inserts/s\n", NR, t[int((NR + 1) / 2)] / 1000, l }'
