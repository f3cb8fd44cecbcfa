#!/usr/bin/env bash
# The paid path's server-side capacity: pre-signed payments (io.microai.bench.PaidRequests, signed before the
# measured window) replayed exactly once each with wrk (scripts/bench/paid.lua) against a gateway and its verifier,
# both started with the launcher (scripts/microai), as an operator starts them, so the launcher's JVM flags are
# part of what is measured. Every request summarises the same text: after the first, a paid request is a cache hit.
#
# Prints, per protocol: paid req/s, p50/p99, the share of 200s (anything below 100 % fails the run: every
# replayed payment must succeed), CPU µs per paid request of the gateway and of the verifier (from /proc), the
# same for a second gateway with METRICS_ENABLED=false, the verifier's own POST /verify (legacy) or
# /verify/authorization (x402) capacity with the same wrk settings, the verifier's JMH recovery cost, RSS of each
# service after the load, and the ratios the targets name. With --cold: the services are started fresh and
# measured from the first second after healthy for 10 s, then warmed up and measured hot in the same run.
#
# Usage: scripts/bench/paid.sh [seconds (default 10)] [--protocol x402|legacy|both (default x402)] [--cold]
#          [--warmup SECONDS (default 30)] [--connections C (default 16)] [--headroom H (default 1.5)]
#          [--cold-payments N (default 10000)] [--no-jmh | --recovery-us US]
# Servers share core 0 (taskset), wrk runs on core 1; the presigner uses both cores while the servers idle.
# The launcher's JVM flags can be changed with MICROAI_JAVA_OPTS, as for any `scripts/microai` run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

recovery_us=""; secs=10; protocol=x402; cold=0; warmup=30; conns=16; headroom=1.5; cold_payments=10000; jmh=1
while [ $# -gt 0 ]; do
  case "$1" in
    --protocol) protocol="$2"; shift 2 ;;
    --cold) cold=1; shift ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) conns="$2"; shift 2 ;;
    --headroom) headroom="$2"; shift 2 ;;
    --cold-payments) cold_payments="$2"; shift 2 ;;
    --no-jmh) jmh=0; shift ;;
    --recovery-us) jmh=0; recovery_us="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) secs="$1"; shift ;;
    *) echo "paid.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$protocol" in x402) protocols=(x402) ;; legacy) protocols=(legacy) ;; both) protocols=(x402 legacy) ;;
  *) echo "paid.sh: --protocol must be x402, legacy or both" >&2; exit 2 ;; esac

missing() { echo "paid.sh: $1 is missing: $2 (or run scripts/install-test-tools)" >&2; exit 1; }
command -v wrk >/dev/null || missing wrk "apt-get install -y wrk"
command -v taskset >/dev/null || missing taskset "apt-get install -y util-linux"
command -v curl >/dev/null || missing curl "apt-get install -y curl"
[ "$(nproc)" -ge 2 ] || echo "paid.sh: WARNING: fewer than 2 CPUs: servers and wrk share one core" >&2

# Both jars, built together when either is missing or older than a source (the launcher would otherwise
# rebuild the runnable jar on its own, the bench module's changes included).
jar=bench/target/benchmarks.jar
stale() { [ -f "$1" ] || return 0; [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$1" -type f -print -quit 2>/dev/null)" ]; }
if stale "$jar" || stale cli/target/microai.jar; then
  command -v mvn >/dev/null || missing mvn "apt-get install -y maven"
  echo "paid.sh: building the runnable jar and $jar ..." >&2
  mvn -q -B -ntp -DskipTests -pl cli,bench -am package >&2 || { echo "paid.sh: build failed" >&2; exit 1; }
fi
M=scripts/microai
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.4f", ($14 + $15) / hz }' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
pin() { if [ "$(nproc)" -ge 2 ]; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

pids=()
work="$(mktemp -d)"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Rate limits out of the way (the limiter still runs, as in gateway.sh). Payments are single-use and signed
# ahead: x402 authorizations must stay valid for the whole run (maxTimeoutSeconds bounds validBefore), and
# every nonce and claimed authorization of the run must be remembered, so the bounds sized for real traffic
# are raised; neither changes the work a request does.
gateway_env=(RATE_LIMIT_ANONYMOUS_RPM=10000000 RATE_LIMIT_ANONYMOUS_BURST=10000000
  RATE_LIMIT_STANDARD_RPM=10000000 RATE_LIMIT_STANDARD_BURST=10000000
  X402_MAX_TIMEOUT_SECONDS=3600 NONCE_TTL_SECONDS=3600 NONCE_MAX_ENTRIES=2000000)
vport=$(free_port); gon=$(free_port); goff=$(free_port)
declare -A PID NAME=([$vport]=verifier [$gon]="gateway (metrics on)" [$goff]="gateway (metrics off)")

# Starts one service with the launcher, pinned to core 0. taskset, env and the launcher all exec (a simple
# command, not a function, is backgrounded), so $! is the JVM itself, whose /proc figures are read.
PIN0=(); [ "$(nproc)" -ge 2 ] && PIN0=(taskset -c 0)
start_verifier() {
  "${PIN0[@]}" env VERIFIER_PORT=$vport VERIFIER_HOST=127.0.0.1 "$M" verifier >>"$work/verifier.log" 2>&1 & pids+=($!); PID[$vport]=$!
}
start_gateway() { # port metrics(true|false)
  "${PIN0[@]}" env "${gateway_env[@]}" GATEWAY_PORT="$1" GATEWAY_HOST=127.0.0.1 VERIFIER_URL="http://127.0.0.1:$vport" \
    METRICS_ENABLED="$2" "$M" gateway >>"$work/gateway-$1.log" 2>&1 & pids+=($!); PID[$1]=$!
}
stop_service() { kill "${PID[$1]}" 2>/dev/null || true; wait "${PID[$1]}" 2>/dev/null || true; }
wait_healthy() { # port path
  for _ in $(seq 1 1200); do curl -sf -o /dev/null "http://127.0.0.1:$1$2" && return; sleep 0.05; done
  echo "paid.sh: the ${NAME[$1]} on port $1 did not become healthy; logs:" >&2; tail -n 30 "$work"/*.log >&2; exit 1
}

# Signs N requests of MODE for the gateway on PORT into FILE (both cores; the servers are idle meanwhile).
presign() { # mode n port file
  local t0 t1
  t0=$(date +%s.%N)
  "$java_bin" -cp "$jar" io.microai.bench.PaidRequests "$1" "$2" "http://127.0.0.1:$3" "$4" 2>"$work/presign.err" \
    || { echo "paid.sh: signing failed:" >&2; cat "$work/presign.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  SIGN_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}

# One wrk run of FILE against PORT, "once" (each line sent once; ends when they run out or after DURATION s)
# or "cycle" (round and round for DURATION s). Sets R_RPS R_P50 R_P99 R_N R_OK R_SHARE R_STATUSES R_SECS and
# R_CPU_G / R_CPU_V (CPU µs per answered request of the gateway GPORT and of the verifier; GPORT may be empty).
replay() { # port file once|cycle duration gport
  local port=$1 file=$2 how=$3 duration=$4 gport=${5:-} g0=0 g1=0 v0 v1 line
  rm -f "$work/done"
  [ -n "$gport" ] && g0=$(cpu_of "${PID[$gport]}")
  v0=$(cpu_of "${PID[$vport]}")
  pin 1 wrk -t1 -c"$conns" -d"${duration}s" --timeout 10s -s scripts/bench/paid.lua "http://127.0.0.1:$port" \
    -- "$file" 1 "$how" "$work/done" >"$work/wrk.out" 2>&1 || true
  v1=$(cpu_of "${PID[$vport]}")
  [ -n "$gport" ] && g1=$(cpu_of "${PID[$gport]}")
  line=$(grep '^PAID ' "$work/wrk.out" || true)
  [ -n "$line" ] || { echo "paid.sh: wrk gave no result:" >&2; cat "$work/wrk.out" >&2; exit 1; }
  read -r R_RPS R_P50 R_P99 R_N R_OK R_SHARE R_STATUSES R_SECS R_CPU_G R_CPU_V < <(echo "$line" | awk \
      -v gd="$(awk -v a="$g0" -v b="$g1" 'BEGIN { print b - a }')" -v vd="$(awk -v a="$v0" -v b="$v1" 'BEGIN { print b - a }')" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    n = f["answered"]; s = f["duration_us"] / 1e6
    printf "%.0f %.2f %.2f %d %d %s %s %.2f %.1f %.1f\n", n / s, f["p50_us"] / 1000, f["p99_us"] / 1000, n, f["ok"],
      f["share_ok"], (f["statuses"] == "" ? "none" : f["statuses"]), s, n ? gd * 1e6 / n : 0, n ? vd * 1e6 / n : 0 }')
}

row() { # label
  printf "%-52s %8s %8s %8s %7s %8s %10s %10s\n" "$1" "$R_RPS" "$R_P50" "$R_P99" "$R_N" "$R_SHARE" "$R_CPU_G" "$R_CPU_V"
}
header() {
  printf "%-52s %8s %8s %8s %7s %8s %10s %10s\n" "run (wrk -t1 -c$conns)" "req/s" "p50 ms" "p99 ms" "answered" "% 200" \
    "gw us/req" "ver us/req"
}
# Every replayed payment must succeed: anything else means the benchmark measured refusals.
require_all_ok() { # label
  if [ "$R_OK" != "$R_N" ] || [ "$R_N" -eq 0 ]; then
    echo "paid.sh: FAIL: $1: $R_OK of $R_N answered 200 (statuses $R_STATUSES); gateway log tail:" >&2
    tail -n 20 "$work"/gateway-*.log >&2
    exit 1
  fi
}

# Paid phases of PROTOCOL against gateway PORT: warm-up rounds of single-use payments until $warmup s of load,
# then the measured window. RATE[port] is the gateway's last warm-up round's req/s; measure leaves its run in R_*.
declare -A RATE
warm_up() { # protocol port
  local done_secs=0 n=2000 round=1
  RATE[$2]=0
  while awk -v d="$done_secs" -v w="$warmup" 'BEGIN { exit !(d < w) }'; do
    presign "$1" "$n" "$2" "$work/warm.txt"
    replay "$2" "$work/warm.txt" once 600 "$2"
    require_all_ok "warm-up round $round ($1, ${NAME[$2]})"
    echo "  warm-up round $round: $n payments signed in $SIGN_SECS s, replayed in $R_SECS s at $R_RPS req/s" >&2
    done_secs=$(awk -v d="$done_secs" -v s="$R_SECS" 'BEGIN { print d + s }')
    RATE[$2]=$R_RPS
    # Next round: up to 10 s of load at the rate just seen, no more than what is left of the warm-up.
    n=$(awk -v r="$R_RPS" -v d="$done_secs" -v w="$warmup" 'BEGIN { left = w - d; if (left > 10) left = 10;
      n = int(r * left * 1.1); print (n < 500 ? 500 : n) }')
    round=$((round + 1))
  done
}
measure() { # protocol port label
  local n
  n=$(awk -v r="${RATE[$2]}" -v s="$secs" -v h="$headroom" 'BEGIN { n = int(r * s * h); print (n < 1000 ? 1000 : n) }')
  presign "$1" "$n" "$2" "$work/paid.txt"
  echo "  measured window: $n payments signed (rate ${RATE[$2]} req/s x $secs s x headroom $headroom) in $SIGN_SECS s" >&2
  replay "$2" "$work/paid.txt" once "$secs" "$2"
  require_all_ok "$3"
  awk -v s="$R_SECS" -v w="$secs" 'BEGIN { exit !(s < w * 0.95) }' \
    && echo "  note: the payments ran out after $R_SECS s of the $secs s window (the rate rose past the headroom)" >&2
  return 0
}

# --recovery-us takes the figure from a JMH run on a quiet machine instead.
jmh_recovery() {
  [ "$jmh" = 1 ] || return 0
  # The verifier's per-request work alone (digest, parse, recover, checksum), with JMH's own JVM flags. Wall
  # time per operation: on a busy machine it reads high, which flatters the ratio below.
  "$java_bin" -jar "$jar" 'RecoveryBenchmark.verifyRequest' -f 1 -wi 10 -w 1 -i 5 -r 1 -tu us -bm avgt \
    -rf json -rff "$work/jmh.json" >"$work/jmh.out" 2>&1 || { echo "paid.sh: JMH failed:" >&2; tail "$work/jmh.out" >&2; return 0; }
  recovery_us=$(grep -o '"score" *: *[0-9.E-]*' "$work/jmh.json" | head -1 | sed 's/.*: *//' | awk '{ printf "%.1f", $1 }')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
verdict() { # value op limit
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { if (v == "n/a" || v == "") { print "?"; exit }
    ok = (op == ">=") ? (v >= l) : (v <= l); print ok ? "PASS" : "MISS" }'
}
target() { # label value op limit
  printf "  %-62s %10s   (target %s %s)  %s\n" "$1" "$2" "$3" "$4" "$(verdict "$2" "$3" "$4")"
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Machine: $(nproc) CPUs, $("$java_bin" -version 2>&1 | head -1), load average before: $load_before"
echo "Services: scripts/microai verifier / gateway, JVM flags: $(scripts/microai --print-jvm-flags gateway)"
echo "Gateway settings beyond the defaults: ${gateway_env[*]}"
echo

if [ "$cold" = 1 ]; then
  # x402 payments are signed for the gateway's terms, not for one process, so they are signed against a first
  # start and replayed at a second, fresh one; a legacy payment answers a nonce only the process that issued it
  # knows, so its challenges come from the measured process itself (and warm its challenge path).
  start_verifier; wait_healthy $vport /health
  start_gateway $gon true; wait_healthy $gon /healthz
  declare -A COLD
  for p in "${protocols[@]}"; do
    if [ "$p" = x402 ]; then
      presign x402 "$cold_payments" $gon "$work/cold-x402.txt"
      echo "cold x402: $cold_payments payments signed in $SIGN_SECS s against a first start; restarting both services" >&2
      stop_service $gon; stop_service $vport
      t0=$(date +%s.%N)
      start_verifier; start_gateway $gon true
      wait_healthy $vport /health; wait_healthy $gon /healthz
      up=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    else
      stop_service $gon; stop_service $vport
      t0=$(date +%s.%N)
      start_verifier; start_gateway $gon true
      wait_healthy $vport /health; wait_healthy $gon /healthz
      up=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      presign legacy "$cold_payments" $gon "$work/cold-legacy.txt"
      echo "cold legacy: $cold_payments challenges fetched from the fresh gateway and signed in $SIGN_SECS s" >&2
    fi
    replay $gon "$work/cold-$p.txt" once 10 $gon
    require_all_ok "cold $p"
    COLD[$p]="$R_RPS"
    awk -v s="$R_SECS" 'BEGIN { exit !(s < 9.5) }' \
      && echo "  note: the $cold_payments cold payments ran out after $R_SECS s; pass a larger --cold-payments" >&2
    echo "cold $p: healthy after $up s; first $R_SECS s: $R_RPS req/s, p50 $R_P50 ms, p99 $R_P99 ms, $R_SHARE % 200," \
      "gateway $R_CPU_G us/req, verifier $R_CPU_V us/req"
    echo "  RSS right after the cold window: gateway $(rss_mb "${PID[$gon]}") MB, verifier $(rss_mb "${PID[$vport]}") MB"
    warm_up "$p" $gon
    measure "$p" $gon "hot $p"
    echo "hot $p (after ${warmup} s of warm-up): $R_RPS req/s, p50 $R_P50 ms, p99 $R_P99 ms, $R_SHARE % 200," \
      "gateway $R_CPU_G us/req, verifier $R_CPU_V us/req"
    target "cold $p: first 10 s capacity / hot capacity" "$(ratio "${COLD[$p]}" "$R_RPS")" ">=" 0.7
    echo "  RSS after the load: gateway $(rss_mb "${PID[$gon]}") MB, verifier $(rss_mb "${PID[$vport]}") MB"
    echo
  done
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

start_verifier; start_gateway $gon true; start_gateway $goff false
wait_healthy $vport /health; wait_healthy $gon /healthz; wait_healthy $goff /healthz

declare -A RES
for p in "${protocols[@]}"; do
  for g in $gon $goff; do
    echo "warming up ${NAME[$g]}, $p (${warmup} s of paid load) ..." >&2
    warm_up "$p" $g
  done
  header
  for g in $gon $goff; do
    measure "$p" $g "$p, ${NAME[$g]}"
    row "$p paid, ${NAME[$g]}"
    RES[$p-$g]="$R_RPS $R_CPU_G $R_CPU_V"
  done
  # The verifier alone, same wrk settings: what the gateway calls for this protocol.
  vmode=$([ "$p" = x402 ] && echo verify-authorization || echo verify)
  vpath=$([ "$p" = x402 ] && echo /verify/authorization || echo /verify)
  presign "$vmode" 2000 $gon "$work/verify.txt"
  replay $vport "$work/verify.txt" cycle 3   # its own warm-up
  replay $vport "$work/verify.txt" cycle "$secs"
  require_all_ok "verifier $vpath"
  row "verifier $vpath (2000 bodies, cycled)"
  RES[$p-v]="$R_RPS $R_CPU_V"
  echo
done

jmh_recovery
echo "RSS after the load: gateway (metrics on) $(rss_mb "${PID[$gon]}") MB, gateway (metrics off) $(rss_mb "${PID[$goff]}") MB," \
  "verifier $(rss_mb "${PID[$vport]}") MB"
[ -n "$recovery_us" ] && echo "Verifier's JMH recovery cost (RecoveryBenchmark.verifyRequest$([ "$jmh" = 1 ] && echo ", this run" || echo ", --recovery-us")): $recovery_us us/op"
echo
for p in "${protocols[@]}"; do
  read -r on_rps on_g on_v <<<"${RES[$p-$gon]}"
  read -r off_rps off_g _ <<<"${RES[$p-$goff]}"
  read -r v_rps v_v <<<"${RES[$p-v]}"
  echo "$p:"
  target "paid capacity / verifier's own capacity" "$(ratio "$on_rps" "$v_rps")" ">=" 0.8
  target "gateway CPU per paid request, cache hit, verifier excluded (us)" "$on_g" "<=" 300
  if [ -n "$recovery_us" ]; then
    target "verifier CPU per verification (paid run) / 2 x JMH recovery" "$(ratio "$on_v" "$(awk -v r="$recovery_us" 'BEGIN { print 2 * r }')")" "<=" 1
    target "verifier CPU per verification (own run) / 2 x JMH recovery" "$(ratio "$v_v" "$(awk -v r="$recovery_us" 'BEGIN { print 2 * r }')")" "<=" 1
  fi
  target "paid capacity, metrics on / off" "$(ratio "$on_rps" "$off_rps")" ">=" 0.97
  target "gateway CPU per paid request, metrics off / on" "$(ratio "$off_g" "$on_g")" ">=" 0.97
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
