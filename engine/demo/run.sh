#!/usr/bin/env bash
# engine/demo/run.sh — the main job, end to end, on a fresh Debian machine with JDK 17 and Maven:
# starts a throwaway registry (TLS + htpasswd) on a free loopback port, computes the image reference
# from a build number, builds a small OCI image itself, pushes it without a Docker daemon, prints the
# reference and digest, and writes the Kaniko login (config.json, Secret, pod fragment). Everything it
# starts is stopped on exit. BUILD_NUMBER (default 1) chooses the tag; DEMO_OUT keeps the outputs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
engine=$(cd "$here/.." && pwd)
say() { echo "demo: $*" >&2; }

# ---- tools
missing=()
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v openssl >/dev/null || missing+=(openssl)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
jar="$engine/target/aliyun-cr.jar"
if [ ! -f "$jar" ]; then
    say "building $jar"
    mvn -B -q -f "$engine/pom.xml" package -DskipTests
fi
cr() { "$engine/bin/aliyun-cr" "$@"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/aliyun-cr-demo.XXXXXX")
regpid=""
cleanup() { [ -n "$regpid" ] && kill "$regpid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
out=${DEMO_OUT:-$work/out}; mkdir -p "$out"

# ---- a throwaway registry on a free loopback port
port=""
for _ in $(seq 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { say "no free port"; exit 1; }
host="127.0.0.1:$port"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$work/key.pem" -out "$work/ca.pem" 2>/dev/null
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" | htpasswd -niB demo > "$work/htpasswd"
cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/data}}
http: {addr: "$host", tls: {certificate: $work/ca.pem, key: $work/key.pem}}
auth: {htpasswd: {realm: demo, path: $work/htpasswd}}
YML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
regpid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
say "registry on https://$host (user demo)"

# ---- the reference, from the build number
ref_json=$(cr ref --registry "$host/demo" --repository hello --build-number "${BUILD_NUMBER:-1}" --json)
reference=$(printf '%s' "$ref_json" | sed -n 's/.*"reference":"\([^"]*\)".*/\1/p')
say "reference: $reference"

# ---- a small OCI image, built here: one layer with a file, a config, a manifest
layout="$work/image"; mkdir -p "$layout/blobs/sha256" "$work/rootfs/etc"
echo "hello from build ${BUILD_NUMBER:-1}" > "$work/rootfs/etc/hello.txt"
tar -C "$work/rootfs" --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/layer.tar" etc
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -c "$work/layer.tar" > "$work/layer.tar.gz"
blob() { local h; h=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$layout/blobs/sha256/$h"; echo "$h"; }
layer=$(blob "$work/layer.tar.gz"); layer_size=$(stat -c %s "$work/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["cat","/etc/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff_id" > "$work/config.json"
config=$(blob "$work/config.json"); config_size=$(stat -c %s "$work/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest.json"
manifest=$(blob "$work/manifest.json"); manifest_size=$(stat -c %s "$work/manifest.json")
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"demo"}}]}' \
    "$manifest" "$manifest_size" > "$layout/index.json"
say "built oci:$layout:demo (manifest sha256:$manifest)"

# ---- push, without a daemon
result=$(printf '%s\n' "$password" | cr push "oci:$layout:demo" "$reference" --additional-tag latest \
    --username demo --password-stdin --ca-cert "$work/ca.pem" --cache-dir "$work/cache" --json)
digest=$(printf '%s' "$result" | sed -n 's/.*"digest":"\([^"]*\)".*/\1/p')
echo "reference: $reference"
echo "digest:    $digest"
[ "$digest" = "sha256:$manifest" ] || { say "the pushed digest differs from the image's"; exit 1; }

# ---- the Kaniko login: config.json, the Secret, the pod fragment that mounts it
printf '%s\n' "$password" | cr docker-config --registry "$host" --username demo --password-stdin --output "$out/kaniko/config.json" >/dev/null
cr kaniko-pod --secret demo-registry --yaml > "$out/kaniko-pod.yaml"
echo "kaniko:    $out/kaniko/config.json (mode $(stat -c %a "$out/kaniko/config.json")), $out/kaniko-pod.yaml"
# The Secret holds the login, so it is shown with its data redacted and never written to a file;
# in a real pipeline, `kaniko-secret --apply` (or the kanikoDockerConfigSecret step) puts it in the cluster.
echo "secret:    (kaniko-secret --name demo-registry --namespace ci ..., data redacted)"
printf '%s\n' "$password" | cr kaniko-secret --name demo-registry --namespace ci --registry "$host" --username demo --password-stdin \
    --output yaml | sed 's/^\(  \.dockerconfigjson: \).*/\1"<base64 of the config.json: redacted>"/; s/^/           /'
if [ -z "${DEMO_OUT:-}" ]; then say "(outputs are removed on exit; set DEMO_OUT=DIR to keep them)"; fi
