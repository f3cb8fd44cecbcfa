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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pin() { if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

pids=()
logs="$(mktemp -d)"
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$logs"; }
trap cleanup EXIT

vport=$(free_port); on=$(free_port); off=$(free_port); hello=$(free_port)
jvm=(-Xms256m -Xmx512m -XX:+UseParallelGC)
limits=(RATE_LIMIT_ANONYMOUS_RPM=100000000 RATE_LIMIT_ANONYMOUS_BURST=100000000 RATE_LIMIT_STANDARD_RPM=100000000 RATE_LIMIT_STANDARD_BURST=100000000)
VERIFIER_PORT=$vport VERIFIER_HOST=127.0.0.1 pin 0 java "${jvm[@]}" -jar $jar verifier >"$logs/v.log" 2>&1 & pids+=($!)
env "${limits[@]}" GATEWAY_PORT=$on GATEWAY_HOST=127.0.0.1 VERIFIER_URL=http://127.0.0.1:$vport METRICS_ENABLED=true \
  pin 0 java "${jvm[@]}" -jar $jar gateway >"$logs/on.log" 2>&1 & pids+=($!)
env "${limits[@]}" GATEWAY_PORT=$off GATEWAY_HOST=127.0.0.1 VERIFIER_URL=http://127.0.0.1:$vport METRICS_ENABLED=false \
  pin 0 java "${jvm[@]}" -jar $jar gateway >"$logs/off.log" 2>&1 & pids+=($!)
pin 0 java "${jvm[@]}" -cp bench/target/benchmarks.jar io.microai.bench.HelloServer $hello >"$logs/hello.log" 2>&1 & pids+=($!)

for port in $on $off $hello; do
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
done

# Prints "req/s p99_ms" for one wrk run.
run() { # url conns [lua]
  local args=(-t1 -c"$2" -d"${secs}s" --latency)
  [ -n "${3:-}" ] && args+=(-s "$3")
  pin 1 wrk "${args[@]}" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    $1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%.0f %.2f\n", rps, p99}'
}
warm() { pin 1 wrk -t1 -c16 -d3s ${2:+-s "$2"} "$1" >/dev/null; }

lua=scripts/bench/summarize.lua
for port in $on $off; do warm "http://127.0.0.1:$port/api/ai/summarize" $lua; warm "http://127.0.0.1:$port/healthz"; done
warm "http://127.0.0.1:$hello/"

printf "%-34s %5s %10s %9s\n" "target" "conns" "req/s" "p99 ms"
declare -A R
for c in 16 64; do
  for name in on off; do
    port=$([ $name = on ] && echo $on || echo $off)
    read -r rps p99 < <(run "http://127.0.0.1:$port/api/ai/summarize" $c $lua); R[402-$name-$c]=$rps
    printf "%-34s %5s %10s %9s\n" "POST summarize (402), metrics $name" $c "$rps" "$p99"
    read -r rps p99 < <(run "http://127.0.0.1:$port/healthz" $c); R[hz-$name-$c]=$rps
    printf "%-34s %5s %10s %9s\n" "GET /healthz, metrics $name" $c "$rps" "$p99"
  done
  read -r rps p99 < <(run "http://127.0.0.1:$hello/" $c); R[hello-$c]=$rps
  printf "%-34s %5s %10s %9s\n" "bare Undertow hello (ceiling)" $c "$rps" "$p99"
done
echo
for c in 16 64; do
  awk -v c=$c -v a="${R[402-on-$c]}" -v b="${R[402-off-$c]}" -v h="${R[hz-on-$c]}" -v ho="${R[hz-off-$c]}" -v ce="${R[hello-$c]}" 'BEGIN {
    printf "c=%s  metrics on/off: challenge %.3f, healthz %.3f (target >= 0.97)   gateway/ceiling: challenge %.3f, healthz %.3f (target >= 0.6)\n", c, a/b, h/ho, a/ce, h/ce }'
done
