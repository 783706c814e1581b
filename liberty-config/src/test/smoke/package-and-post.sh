#!/usr/bin/env bash
# Smoke test of the deployable server (docs/deployment.md): builds billhook.jar and billhook-migrate.jar, and on
# the PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres) deploys them as production would:
# - an owner role migrates the schema with billhook-migrate.jar and grants row access to an application role;
# - the application role can change no table;
# - a server started with BILLHOOK_DB_MIGRATE=false refuses an unmigrated database;
# - the server, as the application role, its passwords and webhook secret read from files of a variable source
#   directory, takes a signed customer.created and invoice.finalized and processes both;
# - its standard output is JSON at INFO with access-log records when asked for, and neither secret appears in
#   what the server wrote.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGOPTIONS="-c client_min_messages=warning"
database=billhook_package_smoke
work=$(mktemp -d)
port=9480
url=http://localhost:$port
secret=whsec_package_smoke_$RANDOM$RANDOM
owner_password=owner_$RANDOM$RANDOM
app_password=app_$RANDOM$RANDOM
server=

admin() { psql -v ON_ERROR_STOP=1 -q -d postgres -c "$1"; }
db_query() { psql -d "$database" -tAc "$1"; }

stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server"
    for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
  fi
  server=
}
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT

mvn -B --no-transfer-progress -q -DskipTests -Ddist clean package
jar=liberty-config/target/billhook.jar
migrate_jar=liberty-config/target/billhook-migrate.jar
ls -l "$jar" "$migrate_jar"

# configured by its environment only: the artifact carries no password and no server.env of a test
packaged_env=$(unzip -p "$jar" wlp/usr/servers/billhook/server.env | grep -v '^#' || true)
[ "$packaged_env" = "MALLOC_ARENA_MAX=2" ] || { echo "smoke: FAILED, the packaged server.env holds: $packaged_env"; exit 1; }

admin "DROP DATABASE IF EXISTS $database WITH (FORCE)"
admin "DROP ROLE IF EXISTS billhook_smoke_app"
admin "DROP ROLE IF EXISTS billhook_smoke_owner"
admin "CREATE ROLE billhook_smoke_owner LOGIN PASSWORD '$owner_password'"
admin "CREATE ROLE billhook_smoke_app LOGIN PASSWORD '$app_password'"
admin "CREATE DATABASE $database OWNER billhook_smoke_owner"
# as PostgreSQL 15 and later create every database; older ones let every role create tables in public
psql -v ON_ERROR_STOP=1 -q -d "$database" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

start_server() {
  (cd "$work" && WLP_JAR_EXTRACT_DIR="$work/extract" BILLHOOK_HTTP_PORT=$port BILLHOOK_HTTPS_PORT=9483 \
     BILLHOOK_JMS_PORT=7476 BILLHOOK_JMS_SSL_PORT=7486 BILLHOOK_DB_MIGRATE=false \
     BILLHOOK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$database" BILLHOOK_DB_USER=billhook_smoke_app \
     VARIABLE_SOURCE_DIRS="$work/secrets" exec "$java" -jar "$OLDPWD/$jar" >>"$work/console.log" 2>&1) &
  server=$!
}
messages() { cat "$work"/extract/wlp/usr/servers/billhook/logs/messages.log 2>/dev/null || true; }

mkdir "$work/secrets"
printf '%s\n' "$app_password" >"$work/secrets/BILLHOOK_DB_PASSWORD"
printf '%s' "$secret" >"$work/secrets/STRIPE_WEBHOOK_SECRET"

# 1. a server that may not migrate refuses the database its release's migrations have not reached
start_server
for _ in $(seq 1 90); do
  messages | grep -c 'BILLHOOK_DB_MIGRATE=false and the schema is at version null' >/dev/null && break
  sleep 1
done
messages | grep -c 'BILLHOOK_DB_MIGRATE=false and the schema is at version null' >/dev/null \
  || { tail -20 "$work/console.log"; echo "smoke: FAILED, an unmigrated database was not refused"; exit 1; }
for _ in $(seq 1 60); do
  ready=$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)
  [ "$ready" != "000" ] && break
  sleep 1
done
[ "$ready" = "503" ] || { echo "smoke: FAILED, readiness of a server on an unmigrated database: $ready"; exit 1; }
stop
rm -rf "$work/extract"
echo "smoke: an unmigrated database is refused with BILLHOOK_DB_MIGRATE=false"

# 2. the migrations as their own step, the owner's password from a file too
mkdir "$work/owner"
printf '%s\n' "$owner_password" >"$work/owner/BILLHOOK_DB_PASSWORD"
BILLHOOK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$database" BILLHOOK_DB_USER=billhook_smoke_owner \
  BILLHOOK_DB_APP_USER=billhook_smoke_app VARIABLE_SOURCE_DIRS="$work/owner" "$java" -jar "$migrate_jar" 2>"$work/migrate.log"
if PGPASSWORD=$app_password psql -U billhook_smoke_app -d "$database" -qc 'CREATE TABLE smoke_ddl (id int)' 2>/dev/null; then
  echo "smoke: FAILED, the application role can create tables"; exit 1
fi
if PGPASSWORD=$app_password psql -U billhook_smoke_app -d "$database" -qc 'DROP TABLE webhook_event' 2>/dev/null; then
  echo "smoke: FAILED, the application role can drop tables"; exit 1
fi
echo "smoke: the application role can change no table"

# 3. the server as the application role, configured by its environment and variable files, JSON on stdout
export BILLHOOK_CONSOLE_LOG_FORMAT=json BILLHOOK_ACCESS_LOG=true
start_server
for _ in $(seq 1 120); do
  curl -sf "$url/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { tail -50 "$work/console.log"; echo "smoke: the server did not start"; exit 1; }
  sleep 1
done
curl -sf "$url/health/ready" >/dev/null || { tail -50 "$work/console.log"; echo "smoke: not ready"; exit 1; }
. liberty-config/src/test/smoke/two-events.sh
post_two_events_and_check || { messages | tail -20; exit 1; }

# 4. JSON on stdout: the processing lines at INFO with their correlation ids, and the access log
sleep 2
grep '^{' "$work/console.log" | python3 -c 'import json, sys; [json.loads(line) for line in sys.stdin]' \
  || { echo "smoke: FAILED, a line of standard output is not JSON"; exit 1; }
grep '"type":"liberty_message"' "$work/console.log" | grep '"loglevel":"INFO"' | grep -c '"ext_correlation_id"' >/dev/null \
  || { tail -5 "$work/console.log"; echo "smoke: FAILED, no INFO line with a correlation id on standard output"; exit 1; }
grep '"type":"liberty_accesslog"' "$work/console.log" | grep -c '"ibm_uriPath":"\\/webhooks\\/stripe"' >/dev/null \
  || { echo "smoke: FAILED, no access-log record of the posts on standard output"; exit 1; }
echo "smoke: standard output is JSON at INFO, with the access log"

# 4. no secret in the server's output
if grep -rqF -e "$secret" -e "$app_password" "$work/console.log" "$work"/extract/wlp/usr/servers/billhook/logs; then
  echo "smoke: FAILED, a secret appears in the server's output"; exit 1
fi
stop
admin "DROP DATABASE $database WITH (FORCE)"
admin "DROP ROLE billhook_smoke_app"
admin "DROP ROLE billhook_smoke_owner"
echo "smoke: packaged server, 1 passed, 0 failed"
