#!/usr/bin/env bash
# Builds deploy/Containerfile with podman on a stand-in for the official Open Liberty base, which no registry here
# can serve: a static busybox with the official image's folders and with features.sh and configure.sh that only
# list what they would work on. It checks the Containerfile's own part: every file it copies exists after
# `mvn -DskipTests -Ddist clean package` and lands where server.xml, the Kubernetes Job and the probes expect it,
# owned by user 1001, with the environment the manifests rely on. It does not check the official image's scripts,
# the features they install or a server started from the image (docs/deployment.md says so).
# Needs podman, runc and busybox-static (Debian packages); run after the dist build, as root.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
for file in liberty-config/target/billhook-migrate.jar liberty-config/target/liberty/wlp/usr/servers/billhook/apps/billhook.ear \
            liberty-config/target/liberty/wlp/usr/shared/resources/postgresql/postgresql.jar; do
  [ -f "$file" ] || { echo "containerfile-check: $file is missing: run mvn -DskipTests -Ddist clean package first"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"; podman rmi -f localhost/billhook:containerfile-check localhost/open-liberty-stand-in:kernel-slim >/dev/null 2>&1 || true' EXIT

# crun refuses this machine's hybrid cgroups, and the machine withholds CAP_SYS_RESOURCE: runc, lower limits
podman=(podman --runtime runc)
limits=(--network none --ulimit nofile=10000:10000 --ulimit nproc=10000:10000)

root=$work/rootfs
mkdir -p "$root/bin" "$root/usr/local/bin" "$root/config" "$root/opt/ol/wlp/usr/shared/resources" "$root/tmp"
cp "$(command -v busybox)" "$root/bin/busybox"
for tool in sh ls stat cat test id; do ln -s busybox "$root/bin/$tool"; done
printf '#!/bin/sh\necho "stand-in features.sh, with:"; ls /config\n' >"$root/usr/local/bin/features.sh"
printf '#!/bin/sh\necho "stand-in configure.sh"\n' >"$root/usr/local/bin/configure.sh"
chmod +x "$root"/usr/local/bin/*.sh
tar -C "$root" -cf "$work/base.tar" .
"${podman[@]}" import -q --change 'ENV PATH=/usr/local/bin:/bin' "$work/base.tar" localhost/open-liberty-stand-in:kernel-slim >/dev/null

"${podman[@]}" build -q "${limits[@]}" --build-arg BASE_IMAGE=localhost/open-liberty-stand-in:kernel-slim \
  -f deploy/Containerfile -t localhost/billhook:containerfile-check . >/dev/null

checks=$("${podman[@]}" run --rm "${limits[@]}" localhost/billhook:containerfile-check sh -c '
  for file in /config/server.xml /config/jvm.options /config/apps/billhook.ear /opt/billhook/billhook-migrate.jar \
              /opt/ol/wlp/usr/shared/resources/postgresql/postgresql.jar; do
    test -f "$file" || echo "missing $file"
    [ "$(stat -c %u "$file")" = 1001 ] || echo "$file is not owned by 1001"
  done
  [ "$(id -u)" = 1001 ] || echo "the image does not run as 1001"
  echo "env $BILLHOOK_CONSOLE_LOG_FORMAT $VARIABLE_SOURCE_DIRS"')
echo "$checks"
grep -q '^missing\|not owned\|does not run' <<<"$checks" && { echo "containerfile-check: FAILED"; exit 1; }
grep -q '^env json /config/variables:/etc/billhook/secrets$' <<<"$checks" || { echo "containerfile-check: FAILED, environment"; exit 1; }
grep -q "mountPath: /etc/billhook/secrets" deploy/kubernetes/deployment.yaml || { echo "containerfile-check: FAILED, the Secret's mount"; exit 1; }
echo "containerfile-check: the Containerfile builds on a stand-in base; its files, owner and environment are in place"
