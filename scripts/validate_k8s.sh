#!/usr/bin/env bash
# Validates every manifest in deploy/kubernetes/ offline, with no cluster:
#   1. against the OpenAPI schemas of Kubernetes K8S_VERSIONS (default 1.29.0, the oldest with
#      every field used here, and 1.33.0), strictly (an unknown or misspelt field is an error),
#      with PyPI's kubernetes-validate (pinned; installed once into .build/k8s-validate-venv);
#   2. for what schemas cannot see: selectors that match their pods' labels, the Service's and
#      NetworkPolicy's ports that are the container's, the Indexed Job's completions equal to the
#      N of its --shard I/N, and the hardening every pod must keep (non-root, read-only root
#      filesystem, all capabilities dropped, no privilege escalation, an emptyDir on /tmp).
# Exits non-zero on the first failing step.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifests="${1:-$root/deploy/kubernetes}"
versions="${K8S_VERSIONS:-1.29.0 1.33.0}"
venv="$root/.build/k8s-validate-venv"
requirement="kubernetes-validate==1.37.0"

if ! "$venv/bin/python" -c 'import kubernetes_validate, yaml' 2>/dev/null \
  || ! "$venv/bin/pip" show kubernetes-validate 2>/dev/null | grep -x "Version: ${requirement#*==}" >/dev/null; then
  echo "validate-k8s: installing $requirement into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$requirement"
fi

files=("$manifests"/*.yaml)
[[ -e "${files[0]}" ]] || { echo "validate-k8s: no manifests in $manifests" >&2; exit 1; }

for version in $versions; do
  echo "validate-k8s: schemas of Kubernetes $version, strict"
  "$venv/bin/kubernetes-validate" --strict --kubernetes-version "$version" "${files[@]}"
done

echo "validate-k8s: cross-checks"
"$venv/bin/python" - "${files[@]}" <<'PY'
import re
import sys

import yaml

documents = []
for path in sys.argv[1:]:
    for document in yaml.safe_load_all(open(path)):
        if document:
            documents.append((path.rsplit("/", 1)[-1], document))
errors = []


def check(condition, message):
    if not condition:
        errors.append(message)


def pod_specs():
    for name, document in documents:
        template = document.get("spec", {}).get("template")
        if template:
            yield name, document, template


namespaces = {d["metadata"]["name"] for _, d in documents if d["kind"] == "Namespace"}
for name, document in documents:
    if document["kind"] != "Namespace":
        check(document["metadata"].get("namespace") in namespaces,
              f"{name}: {document['kind']} {document['metadata']['name']} is not in the namespace the manifests create")

container_ports = {}
for name, document, template in pod_specs():
    title = f"{name}: {document['kind']} {document['metadata']['name']}"
    labels = template["metadata"].get("labels", {})
    selector = document["spec"].get("selector", {}).get("matchLabels")
    if selector is not None:
        check(all(labels.get(k) == v for k, v in selector.items()), f"{title}: selector {selector} does not match the pod labels {labels}")
    spec = template["spec"]
    pod_security = spec.get("securityContext", {})
    check(pod_security.get("runAsNonRoot") is True, f"{title}: pod without runAsNonRoot")
    check(pod_security.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{title}: pod without the RuntimeDefault seccomp profile")
    check(spec.get("automountServiceAccountToken") is False, f"{title}: mounts a service account token")
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    for container in spec["containers"]:
        security = container.get("securityContext", {})
        check(security.get("readOnlyRootFilesystem") is True, f"{title}: {container['name']} has a writable root filesystem")
        check(security.get("allowPrivilegeEscalation") is False, f"{title}: {container['name']} allows privilege escalation")
        check(security.get("capabilities", {}).get("drop") == ["ALL"], f"{title}: {container['name']} does not drop all capabilities")
        mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
        check("/tmp" in mounts and "emptyDir" in volumes.get(mounts["/tmp"]["name"], {}), f"{title}: {container['name']} has no emptyDir on /tmp")
        resources = container.get("resources", {})
        check(all(key in resources.get(kind, {}) for kind in ("requests", "limits") for key in ("cpu", "memory")),
              f"{title}: {container['name']} without cpu and memory requests and limits")
        check("@" not in yaml.safe_dump(resources), f"{title}: unfilled placeholder in resources")
        for port in container.get("ports", []):
            container_ports.setdefault(labels.get("app.kubernetes.io/name"), {})[port.get("name")] = port["containerPort"]
        args = " ".join(container.get("args", []))
        if document["kind"] == "Job" and document["spec"].get("completionMode") == "Indexed":
            shard = re.search(r"--shard[= ]\$\(JOB_COMPLETION_INDEX\)/(\d+)", args)
            check(shard is not None, f"{title}: an Indexed Job whose pods do not pass --shard $(JOB_COMPLETION_INDEX)/N")
            if shard:
                check(int(shard.group(1)) == document["spec"]["completions"],
                      f"{title}: --shard .../{shard.group(1)} but completions {document['spec']['completions']}")
            check("--skip-existing" in args, f"{title}: the batch does not pass --skip-existing")

for name, document in documents:
    kind = document["kind"]
    if kind == "Service":
        app = document["spec"]["selector"].get("app.kubernetes.io/name")
        ports = container_ports.get(app, {})
        check(bool(ports), f"{name}: Service selects no pod with ports")
        for port in document["spec"]["ports"]:
            target = port.get("targetPort")
            check(target in ports or target in ports.values(), f"{name}: targetPort {target} is none of {ports}")
    if kind == "NetworkPolicy":
        spec = document["spec"]
        if not spec["podSelector"]:
            check("Egress" in spec["policyTypes"] and not spec.get("egress"), f"{name}: the namespace-wide policy does not deny all egress")
        for rule in spec.get("ingress", []):
            app = spec["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name")
            for port in rule.get("ports", []):
                check(port["port"] in container_ports.get(app, {}).values(), f"{name}: ingress port {port['port']} is not a port of {app}")
    if kind == "HorizontalPodAutoscaler":
        target = document["spec"]["scaleTargetRef"]["name"]
        check(any(d["kind"] == "Deployment" and d["metadata"]["name"] == target for _, d in documents), f"{name}: scales {target}, which is not here")

for error in errors:
    print(f"validate-k8s: {error}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"validate-k8s: {len(documents)} objects in {len(sys.argv) - 1} files pass the cross-checks")
PY
echo "validate-k8s: all manifests valid"
