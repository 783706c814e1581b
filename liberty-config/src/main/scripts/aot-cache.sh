#!/usr/bin/env bash
# Trains the JVM's ahead-of-time cache for a Billhook server (JEPs 483, 514, 515: classes loaded and linked and
# method profiles, kept from one start): one start to /health/ready and a stop, with the cache written at the
# stop, then configDropins/overrides/jvm.options points every later start at it. Needs a JDK 25 or newer as the
# server's Java; with an older one it removes any earlier cache and leaves the server as it is. The server's
# database must be reachable (the start runs the schema migration, as any start does). Run it again after a
# change of JDK or Liberty: a cache the JVM does not accept is ignored with a warning, never an error. The training
# start listens on ports of its own (TRAINING_PORT and the three after it), so nothing waiting for the server's
# own port mistakes it for the server.
#   usage: aot-cache.sh WLP_DIR SERVER        env: TRAINING_PORT (19080)
set -euo pipefail
wlp=$(cd "$1" && pwd) server=$2 port=${TRAINING_PORT:-19080}
dir=$wlp/usr/servers/$server
cache=$dir/billhook.aot overrides=$dir/configDropins/overrides/jvm.options
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# the cache must be made with the options it is used with: compact object headers (JEP 519) are one of them
options="-XX:+UseCompactObjectHeaders"

rm -f "$cache" "$overrides"
if ! "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  echo "aot-cache: $("$java" -version 2>&1 | head -1) has no ahead-of-time cache (JDK 25+ has); the server starts without one"
  exit 0
fi
"$wlp/bin/server" stop "$server" >/dev/null || true
# in a jvm.options file, not JVM_ARGS: the JVM that assembles the cache at the stop is given the options of the
# file, and a cache made without Liberty's module options is refused by every start
mkdir -p "$(dirname "$overrides")"
train() {
  printf '%s\n' "# written by aot-cache.sh for its training start" $options "-XX:AOTCacheOutput=$cache" > "$overrides"
  BILLHOOK_HTTP_PORT=$port BILLHOOK_HTTPS_PORT=$((port + 1)) BILLHOOK_JMS_PORT=$((port + 2)) \
    BILLHOOK_JMS_SSL_PORT=$((port + 3)) "$wlp/bin/server" start "$server"
  local started=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
    if (( SECONDS - started > 180 )); then
      "$wlp/bin/server" stop "$server" >/dev/null || true
      rm -f "$cache" "$overrides"
      echo "aot-cache: $server not ready after 180 s; no cache made" >&2
      exit 1
    fi
    sleep 0.5
  done
  "$wlp/bin/server" stop "$server"
}
# Temurin 25.0.3 sometimes crashes while it writes the cache at the stop (SIGSEGV in
# InstanceKlass::can_be_verified_at_dumptime, an hs_err file in the server's folder), so it is trained once more
# before the server is left without a cache
for attempt in 1 2; do
  train
  [ -s "$cache" ] && break
  echo "aot-cache: the JVM wrote no cache at attempt $attempt (see $dir/logs/console.log and any hs_err file there)" >&2
done
if [ ! -s "$cache" ]; then
  rm -f "$overrides"
  echo "aot-cache: no cache made; the server starts without one" >&2
  exit 0
fi
printf '%s\n' "# written by aot-cache.sh: the JVM's ahead-of-time cache, made with these options" $options \
  "-XX:AOTCache=$cache" > "$overrides"
echo "aot-cache: $(du -m "$cache" | cut -f1) MB cache in $cache"
