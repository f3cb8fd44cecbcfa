#!/usr/bin/env bash
# Verifier throughput with wrk: a valid POST /verify (one signer recovery per request) at 1 and 8
# connections against one verifier pinned to core 0, wrk on core 1. Prints req/s, p99 and the
# verifier's CPU per request (from /proc/PID/stat before and after each run; also that of its
# request threads alone), to compare with RecoveryBenchmark.recoverSigner in JMH.
# Usage: scripts/bench/verifier.sh [seconds-per-run (default 10)]
#   JAR=path/to/microai.jar   another build (default cli/target/microai.jar)
#   VERIFIER_JAVA_OPTS=...    extra JVM options, e.g. -XX:StartFlightRecording=... to profile
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
secs="${1:-10}"
jar="${JAR:-cli/target/microai.jar}"
command -v wrk >/dev/null || { echo "verifier.sh: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$jar" ] || scripts/microai --version >/dev/null
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.4f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# CPU seconds of the request threads alone (Undertow's XNIO I/O and worker threads): without the JIT
# compiler, GC and timers, which a busy shared machine stretches over the run.
request_cpu_of() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '
    { c = $0; sub(/^[0-9]+ \(/, "", c); name = substr(c, 1, index(c, ") ") - 1); rest = substr(c, index(c, ") ") + 2)
      split(rest, f, " "); if (name ~ /^XNIO-/) t += f[12] + f[13] }
    END { printf "%.4f", t / hz }'
}
PIN0=(); PIN1=()
command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] && { PIN0=(taskset -c 0); PIN1=(taskset -c 1); }

logs="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$logs"; }
trap cleanup EXIT

port=$(free_port)
# taskset execs the JVM, so $! is the verifier's own pid (for its CPU time).
# shellcheck disable=SC2086
VERIFIER_PORT=$port VERIFIER_HOST=127.0.0.1 "${PIN0[@]}" java -Xms256m -Xmx512m -XX:+UseParallelGC ${VERIFIER_JAVA_OPTS:-} \
  -jar "$jar" verifier >"$logs/v.log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && { up=1; break; }; sleep 0.2; done
[ $up = 1 ] || { echo "verifier.sh: the verifier did not start; its log:" >&2; cat "$logs/v.log" >&2; exit 1; }

lua=scripts/bench/verify.lua
url="http://127.0.0.1:$port/verify"
# A benchmark of refusals would measure the wrong thing: check the body really recovers its signer.
body=$(awk -F"'" '/wrk.body|\.\. / { for (i = 2; i <= NF; i += 2) printf "%s", $i }' "$lua")
answer=$(curl -s -H 'Content-Type: application/json' --data-binary "$body" "$url")
case "$answer" in
  *'"recovered_address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"'*) ;;
  *) echo "verifier.sh: the benchmark body does not verify: $answer" >&2; exit 1 ;;
esac

# Prints "req/s p99_ms cpu_us_per_request request_thread_cpu_us_per_request" for one wrk run.
run() { # conns
  local before after rbefore rafter
  before=$(cpu_of "$pid"); rbefore=$(request_cpu_of "$pid")
  "${PIN1[@]}" wrk -t1 -c"$1" -d"${secs}s" --latency -s "$lua" "$url" >"$logs/wrk.out"
  after=$(cpu_of "$pid"); rafter=$(request_cpu_of "$pid")
  grep -q "Non-2xx" "$logs/wrk.out" && { echo "verifier.sh: some answers were not 200:" >&2; cat "$logs/wrk.out" >&2; exit 1; }
  awk -v cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" -v rcpu="$(awk -v a="$rafter" -v b="$rbefore" 'BEGIN { print a - b }')" '
    /requests in/ {n=$1}
    /Requests\/sec/ {rps=$2}
    $1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%.0f %.2f %.1f %.1f\n", rps, p99, n ? cpu * 1e6 / n : 0, n ? rcpu * 1e6 / n : 0}' "$logs/wrk.out"
}
# JIT warm-up: BouncyCastle's field arithmetic takes several seconds to settle.
"${PIN1[@]}" wrk -t1 -c8 -d10s -s "$lua" "$url" >/dev/null

echo "Load average (1/5/15 min) before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-24s %5s %10s %9s %14s %22s\n" "target" "conns" "req/s" "p99 ms" "CPU us/req" "request threads us/req"
for c in 1 8; do
  read -r rps p99 cpu rcpu < <(run "$c")
  printf "%-24s %5s %10s %9s %14s %22s\n" "POST /verify (valid)" "$c" "$rps" "$p99" "$cpu" "$rcpu"
done
echo "Load average (1/5/15 min) after: $(cut -d' ' -f1-3 /proc/loadavg)"
