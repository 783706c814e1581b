"""Checks deploy/kubernetes against the server it deploys (no cluster is needed; kubectl renders the kustomization):
the probes name the server's health endpoints and port, the Secret is mounted where the image's
VARIABLE_SOURCE_DIRS looks, the selectors of the Service and the PodDisruptionBudget match the servers' pods,
two replicas roll without a gap, and the migration Job runs the migrate jar the image carries.
Usage: python3 check-kubernetes.py (from the checkout's root); exit 1 and one line per failure."""
import re
import subprocess
import sys

import yaml

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


rendered = subprocess.run(["kubectl", "kustomize", "deploy/kubernetes"], check=True, capture_output=True, text=True).stdout
resources = {(doc["kind"], doc["metadata"]["name"]): doc for doc in yaml.safe_load_all(rendered) if doc}
containerfile = open("deploy/Containerfile").read()
server_xml = open("liberty-config/src/main/liberty/config/server.xml").read()

deployment = resources[("Deployment", "billhook")]
pod = deployment["spec"]["template"]
container = pod["spec"]["containers"][0]
http_port = re.search(r'name="BILLHOOK_HTTP_PORT" defaultValue="(\d+)"', server_xml).group(1)
ports = {p["name"]: p["containerPort"] for p in container["ports"]}
check(str(ports.get("http")) == http_port, f"the container's http port {ports.get('http')} is not server.xml's {http_port}")
check(f"EXPOSE {http_port}" in containerfile, f"the Containerfile does not expose {http_port}")

check(deployment["spec"]["replicas"] == 2, "the Deployment does not run two replicas")
rolling = deployment["spec"]["strategy"]["rollingUpdate"]
check(rolling["maxUnavailable"] == 0, "a rolling update may take a server away before its successor is ready")
for probe, path in (("startupProbe", "/health/started"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live")):
    get = container.get(probe, {}).get("httpGet", {})
    check(get.get("path") == path and get.get("port") == "http", f"{probe} does not ask {path} on the http port")

dirs = re.search(r"VARIABLE_SOURCE_DIRS=(\S+)", containerfile).group(1).split(":")
secret_volumes = {v["name"] for v in pod["spec"]["volumes"] if v.get("secret", {}).get("secretName") == "billhook-secrets"}
mounts = [m["mountPath"] for m in container["volumeMounts"] if m["name"] in secret_volumes]
check(mounts and all(m in dirs for m in mounts), f"the Secret is mounted at {mounts}, not in VARIABLE_SOURCE_DIRS {dirs}")
check(any(ref.get("configMapRef", {}).get("name") == "billhook-config" for ref in container["envFrom"]),
      "the servers do not take the ConfigMap's settings")
config = resources[("ConfigMap", "billhook-config")]["data"]
check(config.get("BILLHOOK_DB_MIGRATE") == "false", "the servers migrate the schema themselves")
check(config.get("BILLHOOK_CONSOLE_LOG_FORMAT") == "json", "the servers do not log JSON to stdout")

labels = pod["metadata"]["labels"]
for kind, name, selector in (("Service", "billhook", lambda d: d["spec"]["selector"]),
                             ("PodDisruptionBudget", "billhook", lambda d: d["spec"]["selector"]["matchLabels"])):
    chosen = selector(resources[(kind, name)])
    check(chosen.items() <= labels.items(), f"the {kind}'s selector {chosen} does not choose the servers' pods {labels}")
check(resources[("PodDisruptionBudget", "billhook")]["spec"]["minAvailable"] == 1, "the budget lets both servers go")

job = next(doc for (kind, _), doc in resources.items() if kind == "Job")
command = job["spec"]["template"]["spec"]["containers"][0]["command"]
jar = command[-1]
check(re.search(r"COPY .*billhook-migrate\.jar " + re.escape(jar), containerfile) is not None,
      f"the migration Job runs {jar}, which the image does not carry")

for failure in failures:
    print("check-kubernetes: " + failure)
if failures:
    sys.exit(1)
print(f"check-kubernetes: {len(resources)} resources, all consistent with the server and the image")
