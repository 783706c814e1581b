# Sourced by the benchmarks: prints and sets $limit, PostgreSQL's single-row commit rate at $connections clients
# for $seconds s (pgbench, pg-limit.sql), the physical limit of this machine a receiver without batching meets.
# PGHOST/PGPORT/PGDATABASE/PGUSER, default the development run's database. Empty when pgbench is not installed.
limit=
if command -v pgbench >/dev/null; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55433} PGDATABASE=${PGDATABASE:-billhook} PGUSER=${PGUSER:-postgres}
  export PGOPTIONS="-c client_min_messages=warning"
  psql -q -c "DROP TABLE IF EXISTS bench_insert_limit; DROP SEQUENCE IF EXISTS bench_insert_limit_seq;
              CREATE SEQUENCE bench_insert_limit_seq;
              CREATE TABLE bench_insert_limit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, provider text NOT NULL,
                provider_event_id text NOT NULL, event_type text NOT NULL, payload text NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(), UNIQUE (provider, provider_event_id))"
  limit=$(pgbench -n -c "$connections" -j "${threads:-2}" -T "$seconds" -f pg-limit.sql 2>/dev/null \
          | grep -o 'tps = [0-9.]*' | awk '{printf "%.0f", $3}')
  psql -q -c "DROP TABLE bench_insert_limit; DROP SEQUENCE bench_insert_limit_seq"
  printf 'PostgreSQL limit (pgbench, %d clients, one row a commit): %s inserts/s\n' "$connections" "$limit"
else
  echo "pgbench is not installed: the PostgreSQL limit is not measured"
fi
