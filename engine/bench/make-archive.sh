#!/usr/bin/env bash
# make-archive.sh OUT.tar NAME:TAG LAYER.tar... — writes a `docker save` tarball (manifest.json, the
# image config with rootfs.diff_ids, one uncompressed layer.tar per layer) from ready layer tars.
set -euo pipefail
out=$1; name=$2; shift 2
stage=$(mktemp -d "${out}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
diffs=(); layers=()
for l in "$@"; do
    hex=$(sha256sum "$l" | cut -d' ' -f1)
    mkdir -p "$stage/$hex"
    ln "$l" "$stage/$hex/layer.tar" 2>/dev/null || cp "$l" "$stage/$hex/layer.tar"
    diffs+=("\"sha256:$hex\""); layers+=("\"$hex/layer.tar\"")
done
join() { local IFS=,; echo "$*"; }
config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(join "${diffs[@]}")]}}"
chex=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
printf '%s' "$config" > "$stage/$chex.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":[%s]}]' "$chex" "$name" "$(join "${layers[@]}")" > "$stage/manifest.json"
tar -C "$stage" -cf "$out" manifest.json "$chex.json" $(cd "$stage" && ls -d */)
