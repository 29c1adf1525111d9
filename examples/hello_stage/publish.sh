#!/bin/sh
# Builds the example plugin out of tree, then packs and signs it into a folder
# registry (index.json + archive) that `gateos registry add` accepts.
#
#   examples/hello_stage/publish.sh REGISTRY_DIR [KEY_DIR]
#
# KEY_DIR holds publisher.key/publisher.pub; a new key pair is made there when
# missing (default: REGISTRY_DIR/../publisher). Keep the secret key out of any
# repository. Environment:
#   GATEOS_REGISTRY_TOOL  the gateos-registry binary (default: <repo>/build/bin/gateos-registry)
#   BUILD_DIR             where to build (default: a fresh temporary folder)
#   CMAKE_ARGS            extra cmake arguments, e.g. -DGATEOS_SANITIZE=ON for a sanitized gateos
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 REGISTRY_DIR [KEY_DIR]" >&2; exit 2; }
mkdir -p "$1"
registry=$(cd "$1" && pwd)
key_dir=${2:-$(dirname "$registry")/publisher}
tool=${GATEOS_REGISTRY_TOOL:-$repo/build/bin/gateos-registry}
[ -x "$tool" ] || { echo "publish.sh: $tool not found: build GateOS first (make) or set GATEOS_REGISTRY_TOOL" >&2; exit 1; }

build_dir=${BUILD_DIR:-}
if [ -z "$build_dir" ]; then
  build_dir=$(mktemp -d "${TMPDIR:-/tmp}/gateos-hello-stage.XXXXXX")
  trap 'rm -rf "$build_dir"' EXIT
fi

generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
launcher=""
command -v ccache >/dev/null 2>&1 && launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
# shellcheck disable=SC2086 # word splitting of the optional arguments is intended
cmake -S "$here" -B "$build_dir" $generator $launcher -DGATEOS_SDK_DIR="$repo/sdk" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" >/dev/null

if [ ! -f "$key_dir/publisher.key" ]; then
  "$tool" keygen --out "$key_dir" --name "GateOS examples"
fi
"$tool" pack "$build_dir/plugins/stages.hello_header" --key "$key_dir/publisher.key" --registry "$registry"
echo "published stages.hello_header into $registry (trust $key_dir/publisher.pub)"
