#!/usr/bin/env bash
# Gateway throughput with wrk: the 402 challenge path of POST /api/ai/summarize and GET /healthz, at
# 16 and 64 connections, against a gateway with METRICS_ENABLED=true and one with =false started
# side by side, and a bare Undertow hello handler as the ceiling. Servers share core 0, wrk runs on
# core 1. Prints req/s and p99 per run, then the on/off and gateway/ceiling ratios.
# Usage: scripts/bench/gateway.sh [seconds-per-run (default 10)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
secs="${1:-10}"
command -v wrk >/dev/null || { echo "gateway.sh: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
scripts/microai --version >/dev/null
[ -f bench/target/benchmarks.jar ] || mvn -q -B -DskipTests -pl bench -am install
jar=cli/target/microai.jar
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.4f", ($14 + $15) / hz }' "/proc/$1/stat"; }
pin() { if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

pids=()
logs="$(mktemp -d)"
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$logs"; }
trap cleanup EXIT

vport=$(free_port); on=$(free_port); off=$(free_port); hello=$(free_port)
declare -A PID
# Servers share core 0; taskset execs the JVM, so $! is the server's own pid (for its CPU time).
PIN0=(); command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] && PIN0=(taskset -c 0)
jvm=(-Xms256m -Xmx512m -XX:+UseParallelGC)
limits=(RATE_LIMIT_ANONYMOUS_RPM=10000000 RATE_LIMIT_ANONYMOUS_BURST=10000000 RATE_LIMIT_STANDARD_RPM=10000000 RATE_LIMIT_STANDARD_BURST=10000000)
VERIFIER_PORT=$vport VERIFIER_HOST=127.0.0.1 "${PIN0[@]}" java "${jvm[@]}" -jar $jar verifier >"$logs/v.log" 2>&1 & pids+=($!)
"${PIN0[@]}" env "${limits[@]}" GATEWAY_PORT=$on GATEWAY_HOST=127.0.0.1 VERIFIER_URL=http://127.0.0.1:$vport METRICS_ENABLED=true \
  java "${jvm[@]}" -jar $jar gateway >"$logs/on.log" 2>&1 & pids+=($!); PID[$on]=$!
"${PIN0[@]}" env "${limits[@]}" GATEWAY_PORT=$off GATEWAY_HOST=127.0.0.1 VERIFIER_URL=http://127.0.0.1:$vport METRICS_ENABLED=false \
  java "${jvm[@]}" -jar $jar gateway >"$logs/off.log" 2>&1 & pids+=($!); PID[$off]=$!
"${PIN0[@]}" java "${jvm[@]}" -cp bench/target/benchmarks.jar io.microai.bench.HelloServer $hello >"$logs/hello.log" 2>&1 & pids+=($!); PID[$hello]=$!

# Four JVMs starting on one core take a while; wait for each, and say so if one never comes up.
for port in $on $off $hello; do
  up=0
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && { up=1; break; }; sleep 0.2; done
  [ $up = 1 ] || { echo "gateway.sh: the server on port $port did not start; its log:" >&2; cat "$logs"/*.log >&2; exit 1; }
done

# Prints "req/s p99_ms cpu_us_per_request" for one wrk run against the server on PORT.
run() { # port path conns [lua]
  local args=(-t1 -c"$3" -d"${secs}s" --latency)
  [ -n "${4:-}" ] && args+=(-s "$4")
  local before after
  before=$(cpu_of "${PID[$1]}")
  pin 1 wrk "${args[@]}" "http://127.0.0.1:$1$2" >"$logs/wrk.out"
  after=$(cpu_of "${PID[$1]}")
  awk -v cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" '
    /requests in/ {n=$1}
    /Requests\/sec/ {rps=$2}
    $1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%.0f %.2f %.1f\n", rps, p99, n ? cpu * 1e6 / n : 0}' "$logs/wrk.out"
}
warm() { pin 1 wrk -t1 -c16 -d3s ${2:+-s "$2"} "$1" >/dev/null; }

lua=scripts/bench/summarize.lua
for port in $on $off; do warm "http://127.0.0.1:$port/api/ai/summarize" $lua; warm "http://127.0.0.1:$port/healthz"; done
warm "http://127.0.0.1:$hello/"

printf "%-34s %5s %10s %9s %14s\n" "target" "conns" "req/s" "p99 ms" "CPU us/req"
declare -A R
for c in 16 64; do
  for name in on off; do
    port=$([ $name = on ] && echo $on || echo $off)
    read -r rps p99 cpu < <(run "$port" /api/ai/summarize $c $lua); R[402-$name-$c]=$rps
    printf "%-34s %5s %10s %9s %14s\n" "POST summarize (402), metrics $name" $c "$rps" "$p99" "$cpu"
    read -r rps p99 cpu < <(run "$port" /healthz $c); R[hz-$name-$c]=$rps
    printf "%-34s %5s %10s %9s %14s\n" "GET /healthz, metrics $name" $c "$rps" "$p99" "$cpu"
  done
  read -r rps p99 cpu < <(run "$hello" / $c); R[hello-$c]=$rps
  printf "%-34s %5s %10s %9s %14s\n" "bare Undertow hello (ceiling)" $c "$rps" "$p99" "$cpu"
done
echo
for c in 16 64; do
  awk -v c=$c -v a="${R[402-on-$c]}" -v b="${R[402-off-$c]}" -v h="${R[hz-on-$c]}" -v ho="${R[hz-off-$c]}" -v ce="${R[hello-$c]}" 'BEGIN {
    printf "c=%s  metrics on/off: challenge %.3f, healthz %.3f (target >= 0.97)   gateway/ceiling: challenge %.3f, healthz %.3f (target >= 0.6)\n", c, a/b, h/ho, a/ce, h/ce }'
done
