#!/usr/bin/env bash
# Packs tools/gpu-check for a GPU machine that has neither Node.js nor a network: a one-file
# bundle of the check, this machine's node binary, Dawn (the webgpu package's dawn.node) and
# the Vulkan loader .deb, all under tmp/gpu-check/ (git-ignored), with run.sh to start it.
# Usage (from the workspace root): bash tools/gpu-check/pack.sh [out-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/tmp/gpu-check}"
mkdir -p "$out/debs" "$out/webgpu"
cd "$root"

echo "bundling tools/src/gpu-check/main.ts -> $out/gpu-check.cjs" >&2
npx rolldown tools/src/gpu-check/main.ts --platform node --format cjs --external webgpu \
  --file "$out/gpu-check.cjs" >&2

node_bin="$(readlink -f "$(command -v node)")"
if [ ! -s "$out/node.xz" ] || [ "$node_bin" -nt "$out/node.xz" ]; then
  echo "compressing $node_bin" >&2
  xz -T0 -6 -c "$node_bin" > "$out/node.xz"
fi

dawn="node_modules/webgpu/dist/linux-x64/dawn.node"
[ -f "$dawn" ] || { echo "missing $dawn: install the optional 'webgpu' package (npm ci)" >&2; exit 1; }
cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$out/webgpu/"
if [ ! -s "$out/dawn.node.xz" ] || [ "$dawn" -nt "$out/dawn.node.xz" ]; then
  echo "compressing $dawn" >&2
  xz -T0 -6 -c "$dawn" > "$out/dawn.node.xz"
fi

if ! ls "$out"/debs/libvulkan1_*.deb >/dev/null 2>&1; then
  echo "downloading the Vulkan loader (libvulkan1, amd64)" >&2
  lists="$(mktemp -d)"
  mkdir -p "$lists/partial"
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  apt-get "${o[@]}" update >/dev/null
  (cd "$out/debs" && apt-get "${o[@]}" download libvulkan1 >/dev/null)
  rm -rf "$lists"
fi

cp tools/gpu-check/run.sh "$out/run.sh"
du -sh "$out" >&2
