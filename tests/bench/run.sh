#!/usr/bin/env bash
# GateOS load benchmark: the same scenarios against the mock upstream directly,
# nginx as a plain reverse proxy, and the gateos gateway; prints a markdown table
# and the DESIGN.md performance budget as PASS/FAIL lines. See README.md.
#
# Environment (all optional):
#   GATEOS_BENCH_BUILD_DIR  build directory (default <repo>/build-bench, Release)
#   GATEOS_BIN              use this gateos binary instead of building one
#   BENCH_NO_BUILD=1        use the binaries already in the build directory
#   BENCH_SCALE=0.2         multiply every request count (quick smoke run)
#   BENCH_RATE=N            requests/s of the paced "moderate load" scenario
#                           (default: half the slowest target's c=64 maximum)
#   BENCH_PIN=0             do not pin processes to CPUs
#   BENCH_THREADS=1         gateos server.threads (nginx runs 1 worker)
#   BENCH_SKIP_2000=1       skip the 2,000-stream scenario
#   BENCH_KEEP=1            keep the temporary directory (logs, configs)
#   BENCH_STRICT=1          exit 1 when a budget line fails (for CI)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${GATEOS_BENCH_BUILD_DIR:-$ROOT/build-bench}
SCALE=${BENCH_SCALE:-1}
RATE=${BENCH_RATE:-}
THREADS=${BENCH_THREADS:-1}
TMP=$(mktemp -d /tmp/gateos-bench.XXXXXX)
PIDS=()
RUN_START=$SECONDS

log() { printf '[bench %3ds] %s\n' $((SECONDS - RUN_START)) "$*" >&2; }

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(( $(ulimit -n) >= 10000 )) || log "warning: open-file limit $(ulimit -n) is low for 2,000 streams"

# ---- pinning: on 2+ cores the proxy under test gets CPU 1 to itself; the mock
# upstream and the load generators share CPU 0 (the same for every target). ----
NCPU=$(nproc)
if [[ ${BENCH_PIN:-1} == 1 && $NCPU -ge 2 ]] && command -v taskset >/dev/null; then
  PIN_CLIENT=(taskset -c 0)
  PIN_PROXY=(taskset -c 1)
else
  PIN_CLIENT=()
  PIN_PROXY=()
fi

# ---- build ----
GATEOS=${GATEOS_BIN:-}
build() {
  local gen=() targets=(gateos_bench_upstream gateos_bench_loadgen)
  command -v ninja >/dev/null && gen=(-G Ninja)
  if [[ ! -f $BUILD/CMakeCache.txt ]] || [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    if ! cmake -S "$ROOT" -B "$BUILD" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DGATEOS_BUILD_BENCH=ON \
        >"$TMP/cmake.log" 2>&1; then
      log "configuring the full tree failed (see below); building only the bench tools"
      tail -5 "$TMP/cmake.log" >&2
      buildToolsAlone
      return
    fi
  fi
  local help
  help=$(cmake --build "$BUILD" --target help 2>/dev/null || true)
  if [[ -z $GATEOS ]]; then
    if grep -qE '^gateos(:| )' <<<"$help"; then
      targets+=(gateos)
      local dir name
      for dir in "$ROOT"/plugins/*/; do
        name="gateos_$(basename "$dir")"
        [[ -f $dir/CMakeLists.txt ]] && grep -qE "^$name(:| )" <<<"$help" && targets+=("$name")
      done
      GATEOS=$BUILD/bin/gateos
    else
      log "no gateos target in this tree yet: gateway rows skipped"
    fi
  fi
  if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building (Release, $BUILD): ${targets[*]}"
    if ! cmake --build "$BUILD" --target "${targets[@]}" -j "$NCPU" >"$TMP/build.log" 2>&1; then
      grep -E 'error|FAILED' "$TMP/build.log" | head -20 >&2
      if [[ -n $GATEOS && -z ${GATEOS_BIN:-} ]]; then
        log "building gateos failed: gateway rows skipped"
        GATEOS=
        cmake --build "$BUILD" --target gateos_bench_upstream gateos_bench_loadgen -j "$NCPU" \
          >"$TMP/build.log" 2>&1 || { tail -30 "$TMP/build.log" >&2; exit 1; }
      else
        exit 1
      fi
    fi
  fi
  BIN=$BUILD/bin
}

# The bench tools need only Boost: build them from a generated top-level project
# when the whole tree does not configure (e.g. while the kernel is half-written).
buildToolsAlone() {
  local proj=$TMP/tools-project
  mkdir -p "$proj"
  cat >"$proj/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(gateos_bench_tools CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
set(GATEOS_BUILD_BENCH ON)
add_subdirectory("$ROOT/tests/bench" bench)
EOF
  local gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S "$proj" -B "$BUILD-tools" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >"$TMP/cmake-tools.log" 2>&1 &&
    cmake --build "$BUILD-tools" -j "$NCPU" >"$TMP/build-tools.log" 2>&1 ||
    { cat "$TMP/cmake-tools.log" "$TMP/build-tools.log" >&2; exit 1; }
  BIN=$BUILD-tools/bin
  [[ -n $GATEOS ]] || log "gateway rows skipped (set GATEOS_BIN to use a gateos built elsewhere)"
}

build
if [[ -n $GATEOS && ! -x $GATEOS ]]; then
  log "$GATEOS is not executable: gateway rows skipped"
  GATEOS=
fi
UPSTREAM=$BIN/gateos_bench_upstream
LOADGEN=$BIN/gateos_bench_loadgen
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { log "nginx not installed (apt-get install nginx-light)"; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

source "$ROOT/tests/bench/lib.sh"
source "$ROOT/tests/bench/scenarios.sh"

# ---- servers ----
log "starting mock upstream"
startServer mock "listening on" "${PIN_CLIENT[@]}" "$UPSTREAM" --listen 127.0.0.1:0 --threads 1
MOCK_PID=$SERVER_PID
MOCK_PORT=${SERVER_LINE##* }

NGINX_PORT=$("$LOADGEN" --free-port)
writeNginxConf "$TMP/nginx" "$NGINX_PORT" "$MOCK_PORT"
log "starting nginx on port $NGINX_PORT"
"${PIN_PROXY[@]}" "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" \
  >"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
waitForPort "$NGINX_PORT" || { cat "$TMP/nginx/error.log" >&2; exit 1; }

TARGETS=(direct nginx)
declare -A URL PID AUTH
URL[direct]=http://127.0.0.1:$MOCK_PORT
URL[nginx]=http://127.0.0.1:$NGINX_PORT
PID[direct]=$MOCK_PID
PID[nginx]=$NGINX_PID
AUTH[direct]="Bearer sk-bench-client"
AUTH[nginx]="Bearer sk-bench-client"

if [[ -n $GATEOS ]]; then
  if startGateos; then
    TARGETS+=(gateos)
  else
    log "gateos did not start: gateway rows skipped"
    GATEOS=
  fi
fi

# ---- scenarios ----
makeBodies "$TMP"
runScenarios
printReport
log "done in $((SECONDS - RUN_START)) s"
if [[ ${BENCH_STRICT:-0} == 1 && $FAILS -gt 0 ]]; then exit 1; fi
