#!/usr/bin/env bash
# Cold-start figures: how the paid path performs from the moment `stack up -d` reports both services
# healthy. Two fresh stacks (embedded provider, rate limits out of the way, free ports):
#   1. closed loop (-c 16): paid capacity in the first 10 s after healthy, then 20 s more, then the hot
#      capacity over 10 s, so the cold figure can be read as a share of the hot one;
#   2. open loop (--rate 30 for 60 s from healthy): paid and whole-flow latency percentiles.
# Usage: scripts/bench/cold.sh [rate (default 30)] [seconds (default 60)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rate="${1:-30}"
seconds="${2:-60}"
M=scripts/microai
"$M" --version >/dev/null
command -v jq >/dev/null || { echo "cold.sh: jq is missing: apt-get install -y jq" >&2; exit 1; }
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
state="$(mktemp -d)"
trap '"$M" stack down --state-dir "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
limits=(-e RATE_LIMIT_ANONYMOUS_RPM=10000000 -e RATE_LIMIT_ANONYMOUS_BURST=10000000 -e RATE_LIMIT_STANDARD_RPM=10000000 -e RATE_LIMIT_STANDARD_BURST=10000000)

up() { # prints the seconds to healthy; the caller picks $gp and $vp
  "$M" stack up -d --state-dir "$state" --gateway-port "$gp" --verifier-port "$vp" "${limits[@]}" \
    | sed -n 's/.*healthy in \([0-9.]*\) s.*/\1/p'
}
down() { "$M" stack down --state-dir "$state" >/dev/null; }
load() { "$M" load --gateway "http://127.0.0.1:$gp" --json --no-progress "$@"; }

gp=$(free_port); vp=$(free_port)
up1=$(up)
load -c 16 --duration 10s >"$state/cold.json"
load -c 16 --duration 20s >/dev/null
load -c 16 --duration 10s >"$state/hot.json"
down

gp=$(free_port); vp=$(free_port)
up2=$(up)
load --rate "$rate" --duration "${seconds}s" >"$state/open.json"
down

j() { jq -r "$2" "$state/$1.json"; }
cold=$(j cold .flows_per_second); hot=$(j hot .flows_per_second)
printf "%-56s %s\n" "stack up -d to both healthy (two runs)" "$up1 s, $up2 s"
printf "%-56s %s\n" "paid flows/s, first 10 s after healthy (-c 16)" "$cold (paid p99 $(j cold .paid_request_latency_ms.p99) ms)"
printf "%-56s %s\n" "paid flows/s, hot (after 30 s of load, -c 16)" "$hot (paid p99 $(j hot .paid_request_latency_ms.p99) ms)"
printf "%-56s %s\n" "cold / hot" "$(awk -v c="$cold" -v h="$hot" 'BEGIN { printf "%.2f", c / h }')"
printf "%-56s %s\n" "--rate $rate for ${seconds} s from healthy: paid p50 / p95 / p99" \
  "$(j open .paid_request_latency_ms.p50) / $(j open .paid_request_latency_ms.p95) / $(j open .paid_request_latency_ms.p99) ms"
printf "%-56s %s\n" "--rate $rate for ${seconds} s from healthy: flow p50 / p99" \
  "$(j open .flow_latency_ms.p50) / $(j open .flow_latency_ms.p99) ms"
printf "%-56s %s\n" "client/server counts agree (open loop)" "$(j open .counts_agree)"
