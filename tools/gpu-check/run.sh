#!/usr/bin/env bash
# Runs the packed gpu-check on the GPU machine (see README.md): unpacks the Vulkan loader,
# node and Dawn next to this script, points Vulkan at the NVIDIA driver if needed, runs.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
unxz() { # xz may be missing on a bare machine; Python's lzma is the fallback
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
if [ -z "${GPU_CHECK_SKIP_DEBS:-}" ]; then # set it to test the pack on a machine whose / must stay untouched
  for f in debs/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
[ -x node ] || { unxz node.xz node && chmod +x node; }
mkdir -p node_modules/webgpu/dist/linux-x64
cp webgpu/package.json webgpu/index.js node_modules/webgpu/
[ -f node_modules/webgpu/dist/linux-x64/dawn.node ] || unxz dawn.node.xz node_modules/webgpu/dist/linux-x64/dawn.node
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"; fi
echo "gpu-check: node $(./node --version), $(nvidia-smi -L 2>/dev/null | head -1 || echo 'no nvidia-smi'), VK_DRIVER_FILES=${VK_DRIVER_FILES:-unset}"
./node gpu-check.cjs
