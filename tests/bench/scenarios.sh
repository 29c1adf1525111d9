# Scenarios, the table and the budget verdicts for run.sh (sourced).

declare -A R_JSON R_CPU R_RSS R_IDLE
SCENARIOS=()
declare -A TITLE

scaled() { awk -v n="$1" -v s="$SCALE" -v m="${2:-1}" 'BEGIN { v = int(n * s); print (v < m ? m : v) }'; }

# runLoad SCENARIO TARGET BODY-KIND LOADGEN-ARGS... — one measured run: CPU of the
# server under test (the mock for "direct", nginx's processes, gateos) and its
# peak RSS, around one load generator run.
runLoad() {
  local scen=$1 target=$2 kind=$3
  shift 3
  local pid=${PID[$target]} c0 c1 out done_
  resetPeak "$pid"
  c0=$(cpuNs "$pid")
  out=$("${PIN_CLIENT[@]}" "$LOADGEN" --url "${URL[$target]}/v1/chat/completions" \
    --header "Authorization: ${AUTH[$target]}" --body-file "$TMP/body/$target-$kind.json" \
    --timeout-s 90 "$@") || out='{"errors":-1,"completed":0}'
  c1=$(cpuNs "$pid")
  done_=$(jget "$out" completed)
  R_JSON[$scen,$target]=$out
  R_CPU[$scen,$target]=$(awk -v d=$((c1 - c0)) -v n="${done_:-0}" 'BEGIN { if (n > 0) printf "%.1f", d / 1000 / n }')
  R_RSS[$scen,$target]=$(statusKb "$pid" VmHWM)
  log "  $scen / $target: $out"
}

# warm TARGET BODY-KIND LOADGEN-ARGS... — unmeasured run that opens pools and faults in memory.
warm() {
  local target=$1 kind=$2
  shift 2
  "${PIN_CLIENT[@]}" "$LOADGEN" --url "${URL[$target]}/v1/chat/completions" \
    --header "Authorization: ${AUTH[$target]}" --body-file "$TMP/body/$target-$kind.json" \
    --timeout-s 60 "$@" >/dev/null || true
}

scenario() {
  SCENARIOS+=("$1")
  TITLE[$1]=$2
  log "scenario: $2"
}

runScenarios() {
  local t n idle_pid
  scenario c1 "small, c=1"
  n=$(scaled 10000 200)
  for t in "${TARGETS[@]}"; do
    warm "$t" small --mode small --concurrency 8 --requests 1000
    runLoad c1 "$t" small --mode small --concurrency 1 --requests "$n"
  done

  scenario c64 "small, c=64 (max rps)"
  n=$(scaled 20000 500)
  for t in "${TARGETS[@]}"; do
    warm "$t" small --mode small --concurrency 64 --requests 2000
    runLoad c64 "$t" small --mode small --concurrency 64 --requests "$n"
  done

  # Moderate load: half of what the slowest target sustained at c=64, the same
  # rate for every target, so nobody's latency is queueing (BENCH_RATE overrides).
  if [[ -z $RATE ]]; then
    RATE=$(for t in "${TARGETS[@]}"; do jget "${R_JSON[c64,$t]}" rps; done |
      awk 'NR == 1 || $1 < m { m = $1 } END { r = int(m / 200) * 100; print (r < 100 ? 100 : r) }')
  fi
  scenario paced "small, c=64 paced at ${RATE}/s"
  n=$(scaled $((RATE * 2)) 200)
  for t in "${TARGETS[@]}"; do
    runLoad paced "$t" small --mode small --concurrency 64 --requests "$n" --rate "$RATE"
  done

  scenario idle "small, c=64 + 2,000 idle conns"
  n=$(scaled 20000 500)
  for t in "${TARGETS[@]}"; do
    rm -f "$TMP/idle.ready"
    "${PIN_CLIENT[@]}" "$LOADGEN" --mode idle --connections 2000 --url "${URL[$t]}/healthz" \
      --ready-file "$TMP/idle.ready" --hold-seconds 120 >"$TMP/idle-$t.json" 2>"$TMP/idle-$t.log" &
    idle_pid=$!
    PIDS+=("$idle_pid")
    for _ in $(seq 1 300); do [[ -s $TMP/idle.ready ]] && break; sleep 0.1; done
    runLoad idle "$t" small --mode small --concurrency 64 --requests "$n"
    kill -TERM "$idle_pid" 2>/dev/null || true
    wait "$idle_pid" 2>/dev/null || true
    R_IDLE[$t]=$(tail -n 1 "$TMP/idle-$t.json")
    log "  idle connections / $t: ${R_IDLE[$t]}"
  done

  scenario ttfb "stream TTFB, 8 streams x 25 rounds, 10 events"
  for t in "${TARGETS[@]}"; do
    warm "$t" warm --mode stream --streams 8 --rounds 5
    runLoad ttfb "$t" ttfb --mode stream --streams 8 --rounds "$(scaled 25 10)"
  done

  scenario s500 "500 streams x 100 events, 10 ms apart"
  for t in "${TARGETS[@]}"; do
    warm "$t" warm --mode stream --streams 500
    runLoad s500 "$t" stream --mode stream --streams "$(scaled 500 50)"
  done

  if [[ ${BENCH_SKIP_2000:-0} != 1 ]]; then
    scenario s2000 "2,000 streams x 100 events, 10 ms apart"
    for t in "${TARGETS[@]}"; do
      warm "$t" warm --mode stream --streams 2000
      runLoad s2000 "$t" stream --mode stream --streams "$(scaled 2000 100)"
    done
  fi

  scenario big1 "200 KB prompt, c=1"
  n=$(scaled 400 20)
  for t in "${TARGETS[@]}"; do
    warm "$t" big --mode small --concurrency 8 --requests 50
    runLoad big1 "$t" big --mode small --concurrency 1 --requests "$n"
  done

  scenario big8 "200 KB prompt, c=8"
  n=$(scaled 1500 40)
  for t in "${TARGETS[@]}"; do
    runLoad big8 "$t" big --mode small --concurrency 8 --requests "$n"
  done
}

# µs → "850 µs" / "12.3 ms" / "1.02 s" (signed values keep their sign).
fmtUs() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "-"; exit }
    a = v < 0 ? -v : v
    if (a < 10000) printf "%.0f µs", v
    else if (a < 10000000) printf "%.1f ms", v / 1000
    else printf "%.2f s", v / 1e6
  }'
}

num() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
sub_() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'; }

printReport() {
  local s t j d
  echo
  echo "## GateOS load benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $NCPU CPUs, pinning: ${PIN_PROXY[*]:-off}, scale $SCALE)"
  echo
  echo "| scenario | target | rps | p50 | p99 | added p50 vs direct | added p99 vs direct | CPU µs/req | CPU ratio to nginx | TTFB p99 | peak RSS | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for s in "${SCENARIOS[@]}"; do
    d=${R_JSON[$s,direct]:-}
    for t in "${TARGETS[@]}"; do
      j=${R_JSON[$s,$t]:-}
      [[ -n $j ]] || continue
      local ttfb="-" added50="-" added99="-" cr="-"
      [[ $(jget "$j" ttfb_p99_us) != 0.0 ]] && ttfb=$(fmtUs "$(jget "$j" ttfb_p99_us)")
      if [[ $t != direct ]]; then
        added50=$(fmtUs "$(sub_ "$(jget "$j" p50_us)" "$(jget "$d" p50_us)")")
        added99=$(fmtUs "$(sub_ "$(jget "$j" p99_us)" "$(jget "$d" p99_us)")")
        cr=$(ratio "${R_CPU[$s,$t]}" "${R_CPU[$s,nginx]:-}")
      fi
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s MB | %s |\n' \
        "${TITLE[$s]}" "$t" "$(num "$(jget "$j" rps)")" "$(fmtUs "$(jget "$j" p50_us)")" \
        "$(fmtUs "$(jget "$j" p99_us)")" "$added50" "$added99" "${R_CPU[$s,$t]:--}" "${cr:--}" "$ttfb" \
        "$(awk -v k="${R_RSS[$s,$t]}" 'BEGIN { printf "%.1f", k / 1024 }')" "$(jget "$j" errors)"
    done
  done
  echo
  echo "Idle keep-alive connections held during \"${TITLE[idle]}\":"
  for t in "${TARGETS[@]}"; do
    echo "- $t: $(jget "${R_IDLE[$t]:-}" completed) of 2000 still open, $(jget "${R_IDLE[$t]:-}" errors) failed or closed"
  done
  echo
  printBudget
}

FAILS=0
# verdict TEXT MEASURED OK(0|1|"") — one budget line; an empty OK means not measured.
verdict() {
  local mark
  case $3 in
    1) mark=PASS ;;
    0) mark=FAIL; FAILS=$((FAILS + 1)) ;;
    *) mark="n/a" ;;
  esac
  printf -- '- **%s** %s — measured: %s\n' "$mark" "$1" "$2"
}
le() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }

printBudget() {
  echo "### DESIGN.md performance budget (gateos)"
  echo
  if [[ -z ${R_JSON[c1,gateos]:-} ]]; then
    echo "gateos was not measured: no verdicts."
    return
  fi
  local g n d v r errs=0 s
  g=${R_CPU[c64,gateos]:-}; n=${R_CPU[c64,nginx]:-}
  r=$(ratio "$g" "$n")
  verdict "CPU per small request ≤ 1.2× nginx (c=64)" "${g:-?} µs vs nginx ${n:-?} µs = ${r:-?}×" "$(le "$r" 1.2)"
  for s in paced c1; do
    v=$(sub_ "$(jget "${R_JSON[$s,gateos]:-}" p50_us)" "$(jget "${R_JSON[$s,direct]:-}" p50_us)")
    verdict "added p50 ≤ 50 µs (${TITLE[$s]})" "$(fmtUs "$v")" "$(le "$v" 50)"
  done
  v=$(sub_ "$(jget "${R_JSON[paced,gateos]:-}" p99_us)" "$(jget "${R_JSON[paced,direct]:-}" p99_us)")
  verdict "added p99 ≤ 250 µs (${TITLE[paced]})" "$(fmtUs "$v")" "$(le "$v" 250)"
  v=$(sub_ "$(jget "${R_JSON[ttfb,gateos]:-}" ttfb_p50_us)" "$(jget "${R_JSON[ttfb,direct]:-}" ttfb_p50_us)")
  verdict "added time to first byte (p50) ≤ 100 µs (${TITLE[ttfb]})" "$(fmtUs "$v")" "$(le "$v" 100)"
  d=$(jget "${R_JSON[s500,direct]:-}" p50_us)
  v=$(sub_ "$(jget "${R_JSON[s500,gateos]:-}" p50_us)" "$d")
  verdict "per-event overhead invisible: added p50 stream duration ≤ 1% (${TITLE[s500]})" \
    "$(fmtUs "$v") on $(fmtUs "$d")" "$(le "$v" "$(awk -v d="${d:-0}" 'BEGIN { print d / 100 }')")"
  if [[ -n ${R_JSON[s2000,gateos]:-} ]]; then
    g=$(jget "${R_JSON[s2000,gateos]}" ttfb_p99_us); n=$(jget "${R_JSON[s2000,nginx]}" ttfb_p99_us)
    local ok
    ok=$(le "$g" "$(awk -v n="$n" 'BEGIN { print n * 1.1 }')")
    [[ $(jget "${R_JSON[s2000,gateos]}" errors) == 0 ]] || ok=0
    verdict "2,000 streams all end with [DONE], TTFB p99 ≤ nginx's (+10% noise)" \
      "$(fmtUs "$g") vs nginx $(fmtUs "$n"), errors $(jget "${R_JSON[s2000,gateos]}" errors)" "$ok"
  fi
  local held idle_err rps_idle rps_c64 ok
  held=$(jget "${R_IDLE[gateos]:-}" completed); idle_err=$(jget "${R_IDLE[gateos]:-}" errors)
  rps_idle=$(jget "${R_JSON[idle,gateos]:-}" rps); rps_c64=$(jget "${R_JSON[c64,gateos]:-}" rps)
  ok=$(le "$(awk -v a="$rps_c64" 'BEGIN { print a * 0.8 }')" "$rps_idle")
  [[ $held == 2000 && $idle_err == 0 && $(jget "${R_JSON[idle,gateos]:-}" errors) == 0 ]] || ok=0
  verdict "2,000 idle keep-alive connections held while serving c=64 at ≥ 80% of its max rps" \
    "${held:-?} held, ${idle_err:-?} dropped, $(num "${rps_idle:-0}") vs $(num "${rps_c64:-0}") rps" "$ok"
  v=$(sub_ "$(jget "${R_JSON[big1,gateos]:-}" p50_us)" "$(jget "${R_JSON[big1,direct]:-}" p50_us)")
  verdict "200 KB prompt: added p50 ≤ 1 ms (${TITLE[big1]})" "$(fmtUs "$v")" "$(le "$v" 1000)"
  v=$(awk -v k="${IDLE_RSS_KB:-}" 'BEGIN { if (k != "") printf "%.1f", k / 1024 }')
  verdict "idle memory ≤ 30 MB (RSS 0.5 s after ready)" "${v:-?} MB" "$(le "$v" 30)"
  verdict "cold start to ready ≤ 200 ms (spawn → listening line)" "${COLD_START_MS:-?} ms" "$(le "${COLD_START_MS:-}" 200)"
  for s in "${SCENARIOS[@]}"; do
    v=$(jget "${R_JSON[$s,gateos]:-}" errors)
    [[ ${v:-1} == 0 ]] || errs=$((errs + 1))
  done
  verdict "no failed request through gateos in any scenario" "$errs scenario(s) with errors" \
    "$([[ $errs == 0 ]] && echo 1 || echo 0)"
  echo
  echo "$FAILS budget line(s) failed."
}
