# Helpers for run.sh (sourced; uses its globals: TMP, PIDS, LOADGEN, GATEOS, ...).

# startServer NAME PATTERN CMD... — spawns CMD with stdout+stderr into a FIFO and
# reads lines until one contains PATTERN (15 s at most). Sets SERVER_PID,
# SERVER_LINE and SERVER_MS (spawn to that line). The rest of the output goes to
# $TMP/NAME.log.
startServer() {
  local name=$1 pattern=$2
  shift 2
  local fifo=$TMP/$name.fifo out=$TMP/$name.log fd line t0 t1
  mkfifo "$fifo"
  t0=$EPOCHREALTIME
  "$@" >"$fifo" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  exec {fd}<"$fifo"
  SERVER_LINE=
  local deadline=$((SECONDS + 15))
  while ((SECONDS < deadline)) && IFS= read -r -t 15 -u "$fd" line; do
    printf '%s\n' "$line" >>"$out"
    if [[ $line == *"$pattern"* ]]; then
      SERVER_LINE=$line
      break
    fi
  done
  t1=$EPOCHREALTIME
  SERVER_MS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
  cat <&"$fd" >>"$out" &
  PIDS+=("$!")
  exec {fd}<&-
  if [[ -z $SERVER_LINE ]]; then
    log "$name did not print '$pattern'; its output:"
    cat "$out" >&2
    return 1
  fi
}

waitForPort() {
  local i
  for i in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  log "nothing listens on port $1"
  return 1
}

# nginx as a plain reverse proxy, tuned the way one would for this job: one
# worker, upstream keep-alive pool, no buffering of streamed answers, no logs,
# request bodies kept in memory (as the gateway does).
writeNginxConf() {
  local dir=$1 port=$2 upstream=$3
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 20000;
daemon off;
user $(id -un);
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  keepalive_timeout 300s;
  keepalive_requests 1000000;
  client_max_body_size 64m;
  client_body_buffer_size 1m;
  upstream mock {
    server 127.0.0.1:$upstream;
    keepalive 1024;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
  }
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
EOF
}

startGateos() {
  local data=$TMP/gateos-data key
  if ! key=$("$GATEOS" key create --data-dir="$data" --name=bench 2>"$TMP/key.log" | tail -n 1) ||
      [[ $key != gsk_* ]]; then
    log "gateos key create failed: $(tail -n 3 "$TMP/key.log")"
    return 1
  fi
  # Every bundled plugin, from the build's local registry (as a user would install them).
  if ! "$GATEOS" plugin install --all --data-dir="$data" >"$TMP/plugins.log" 2>&1; then
    log "gateos plugin install --all failed: $(tail -n 3 "$TMP/plugins.log")"
    return 1
  fi
  cat >"$TMP/gateos.json" <<EOF
{
  "server": {"threads": $THREADS, "max_body_bytes": 33554432, "drain_timeout_ms": 1000},
  "log": {"level": "warn"},
  "providers": {
    "bench": {"driver": "drivers.openai",
              "options": {"base_url": "http://127.0.0.1:$MOCK_PORT/v1", "models": ["m"],
                          "timeouts": {"connect_ms": 5000, "first_byte_ms": 60000,
                                       "idle_ms": 60000, "total_ms": 120000}},
              "api_key": "sk-bench-upstream"}
  }
}
EOF
  log "starting gateos"
  startServer gateos "GateOS listening on" "${PIN_PROXY[@]}" "$GATEOS" serve --data-dir="$data" \
    --config="$TMP/gateos.json" --listen=127.0.0.1:0 || return 1
  GATEOS_PID=$SERVER_PID
  COLD_START_MS=$SERVER_MS
  local port=${SERVER_LINE##*:}
  port=${port%%[!0-9]*}
  URL[gateos]=http://127.0.0.1:$port
  PID[gateos]=$GATEOS_PID
  AUTH[gateos]="Bearer $key"
  sleep 0.5  # let start-up work (plugin loading, first writes) settle before reading idle RSS
  IDLE_RSS_KB=$(statusKb "$GATEOS_PID" VmRSS)
  local probe
  probe=$(curlLike "${URL[gateos]}" "$key")
  if [[ $probe != *'"completed":1'* ]]; then
    log "gateos does not answer a chat completion through the mock: $probe"
    log "gateos output: $(tail -n 5 "$TMP/gateos.log" 2>/dev/null)"
    return 1
  fi
}

# One request through a target with the load generator (no curl dependency).
curlLike() {
  printf '{"model":"bench/m","messages":[{"role":"user","content":"ping"}]}' >"$TMP/probe.json"
  "$LOADGEN" --mode small --concurrency 1 --requests 1 --url "$1/v1/chat/completions" \
    --header "Authorization: Bearer $2" --body-file "$TMP/probe.json" --timeout-s 10 || true
}

# Request bodies per target (the gateway needs "bench/m", the mock takes any model).
makeBodies() {
  local dir=$1/body t model
  mkdir -p "$dir"
  genPrompt 204800 >"$dir/prompt.txt"
  for t in direct nginx gateos; do
    model=m
    [[ $t == gateos ]] && model=bench/m
    printf '{"model":"%s","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello in five words."}],"max_tokens":32}' \
      "$model" >"$dir/$t-small.json"
    streamBody "$model" 100 10 >"$dir/$t-stream.json"
    streamBody "$model" 10 1 >"$dir/$t-ttfb.json"
    streamBody "$model" 1 0 >"$dir/$t-warm.json"
    { printf '{"model":"%s","messages":[{"role":"system","content":"You are a senior engineer reviewing code."},{"role":"user","content":"' "$model"
      cat "$dir/prompt.txt"
      printf '"}],"max_tokens":256}'; } >"$dir/$t-big.json"
  done
}

streamBody() {
  printf '{"model":"%s","stream":true,"stream_options":{"include_usage":true},"mock_chunks":%d,"mock_interval_ms":%d,"messages":[{"role":"user","content":"Write a haiku about proxies."}]}' "$1" "$2" "$3"
}

# ~N bytes of JSON-string-safe prompt text: a code-review request with source
# lines and prose, newlines escaped, no quotes or backslashes; no secrets, so the
# redaction stage scans everything and rewrites nothing.
genPrompt() {
  awk -v target="$1" 'BEGIN {
    n = split("Please review the following module and point out bugs, races and missing error handling.|" \
      "import os, sys, json, logging|from dataclasses import dataclass, field|" \
      "logger = logging.getLogger(__name__)|@dataclass|class RetryPolicy:|" \
      "    max_attempts: int = 5|    backoff_ms: list = field(default_factory=list)|" \
      "    def delay_for(self, attempt: int) -> float:|        if attempt >= len(self.backoff_ms):|" \
      "            return self.backoff_ms[-1] / 1000.0|        return self.backoff_ms[attempt] / 1000.0|" \
      "def load_config(path):|    with open(path) as handle:|        return json.load(handle)|" \
      "The service reads its configuration at start-up and retries failed upstream calls.|" \
      "When the upstream times out we see duplicated writes in the orders table.|" \
      "for (size_t i = 0; i < items.size(); ++i) { total += items[i].price * items[i].qty; }|" \
      "    if (!status.ok()) return status.withContext(load orders);|" \
      "SELECT id, customer_id, total FROM orders WHERE created_at > ? ORDER BY id LIMIT 500;|" \
      "    except TimeoutError as exc:|        logger.warning(upstream timeout after %s ms, exc)|" \
      "It would help to know whether the retry loop can run twice for the same idempotency key.|" \
      "    return {id: order.id, status: order.status, items: len(order.items)}", line, "|")
    srand(42)
    size = 0
    while (size < target) {
      s = line[int(rand() * n) + 1] "\\n"
      if (size + length(s) > target) s = substr("..........................................................................................", 1, target - size)
      printf "%s", s
      size += length(s)
    }
  }'
}

jget() { sed -n "s/.*\"$2\":\([-0-9.a-z]*\).*/\1/p" <<<"$1"; }

procTree() {
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do procTree "$c"; done
}

# CPU time of a process tree in ns: the scheduler's per-thread runtime (ns
# precision) when /proc exposes it, else utime+stime (clock ticks).
cpuNs() {
  local total=0 p t v rest
  for p in $(procTree "$1"); do
    if [[ -r /proc/$p/schedstat ]]; then
      for t in /proc/"$p"/task/*/schedstat; do
        read -r v rest <"$t" 2>/dev/null && total=$((total + v))
      done
    elif [[ -r /proc/$p/stat ]]; then
      rest=$(sed 's/.*) //' /proc/"$p"/stat)
      v=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($12 + $13) * 1e9 / hz }' <<<"$rest")
      total=$((total + v))
    fi
  done
  echo "$total"
}

statusKb() {
  local total=0 p v
  for p in $(procTree "$1"); do
    v=$(awk -v k="$2:" '$1 == k { print $2 }' /proc/"$p"/status 2>/dev/null)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# Peak RSS is reset per scenario where the kernel allows it (clear_refs 5).
resetPeak() {
  local p
  for p in $(procTree "$1"); do echo 5 >/proc/"$p"/clear_refs 2>/dev/null || true; done
}
