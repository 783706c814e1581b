#!/usr/bin/env bash
# Statistics benchmark: loads EVENTS (default 1,000,000) webhook events over 30 days into a fresh database and
# times the statistics query the server runs. Without BILLHOOK_BENCH_DB_URL it starts a throwaway PostgreSQL
# on port 55434 (stopped again at the end); with it, that URL's database is dropped and created.
#   usage: statistics.sh [EVENTS] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
events=${1:-1000000} days=${2:-30}
url=${BILLHOOK_BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:55434/billhook_bench}
mvn -B --no-transfer-progress -q -DskipTests install -pl billing-ejb -am
run() { mvn -B --no-transfer-progress -q -pl billing-ejb exec:java -Dexec.classpathScope=test "$@"; }
if [ -z "${BILLHOOK_BENCH_DB_URL:-}" ]; then
  run -Dexec.mainClass=io.billhook.testdb.TestDatabase -Dexec.args="start $url"
  trap 'run -Dexec.mainClass=io.billhook.testdb.TestDatabase -Dexec.args="stop $url"' EXIT
fi
run -Dexec.mainClass=io.billhook.statistics.control.StatisticsBenchmark -Dexec.args="$url $events $days"
