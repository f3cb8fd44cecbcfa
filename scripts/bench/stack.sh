#!/usr/bin/env bash
# Stack-level figures: `stack up` time to both healthy, idle RSS of each service, the paid path under
# `microai load` with the embedded provider (throughput, p99), RSS after the load, and the cost of one
# /metrics scrape of the loaded gateway (bytes, ms). Usage: scripts/bench/stack.sh [flows (default 3000)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
flows="${1:-3000}"
M=scripts/microai
"$M" --version >/dev/null
command -v jq >/dev/null || { echo "stack.sh: jq is missing: apt-get install -y jq" >&2; exit 1; }
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 40000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
state="$(mktemp -d)"
trap '"$M" stack down --state-dir "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
gp=$(free_port); vp=$(free_port)
limits=(-e RATE_LIMIT_ANONYMOUS_RPM=10000000 -e RATE_LIMIT_ANONYMOUS_BURST=10000000 -e RATE_LIMIT_STANDARD_RPM=10000000 -e RATE_LIMIT_STANDARD_BURST=10000000)

up_out=$("$M" stack up -d --state-dir "$state" --gateway-port "$gp" --verifier-port "$vp" "${limits[@]}")
up_secs=$(echo "$up_out" | sed -n 's/.*healthy in \([0-9.]*\) s.*/\1/p')
pid_of() { "$M" stack status --state-dir "$state" --json | jq -r ".services[] | select(.name == \"$1\") | .pid"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
gpid=$(pid_of gateway); vpid=$(pid_of verifier)
sleep 5
idle_g=$(rss_mb "$gpid"); idle_v=$(rss_mb "$vpid")

"$M" load --gateway "http://127.0.0.1:$gp" -n 500 -c 16 --no-progress >/dev/null   # warm-up, not reported
"$M" load --gateway "http://127.0.0.1:$gp" -n "$flows" -c 16 --repeat-ratio 0.3 --json --no-progress >"$state/load.json"
loaded_g=$(rss_mb "$gpid"); loaded_v=$(rss_mb "$vpid")

# One scrape of the loaded gateway, as Prometheus sees it (plain text, and gzip): median of 21.
scrape_stats() { # extra curl args
  for _ in $(seq 1 21); do curl -s -o /dev/null -w '%{size_download} %{time_total}\n' "$@" "http://127.0.0.1:$gp/metrics"; done \
    | sort -k2 -n | sed -n 11p
}
read -r plain_bytes plain_s < <(scrape_stats)
read -r gz_bytes gz_s < <(scrape_stats -H 'Accept-Encoding: gzip')

j() { jq -r "$1" "$state/load.json"; }
printf "%-52s %s\n" "stack up -d to both healthy" "${up_secs} s"
printf "%-52s %s\n" "idle RSS gateway / verifier" "${idle_g} MB / ${idle_v} MB"
printf "%-52s %s\n" "paid flows ($(j .flows), -c 16, embedded provider, 30 % repeats)" "$(j .flows_per_second) flows/s ($(j .requests_per_second) HTTP req/s)"
printf "%-52s %s\n" "paid request latency p50 / p95 / p99" "$(j .paid_request_latency_ms.p50) / $(j .paid_request_latency_ms.p95) / $(j .paid_request_latency_ms.p99) ms"
printf "%-52s %s\n" "whole flow (402 + paid) latency p50 / p99" "$(j .flow_latency_ms.p50) / $(j .flow_latency_ms.p99) ms"
printf "%-52s %s\n" "client/server counts agree" "$(j .counts_agree)"
printf "%-52s %s\n" "RSS after load gateway / verifier" "${loaded_g} MB / ${loaded_v} MB"
printf "%-52s %s\n" "one /metrics scrape of the loaded gateway (text)" "$plain_bytes bytes, $(awk -v s="$plain_s" 'BEGIN { printf "%.1f", s * 1000 }') ms"
printf "%-52s %s\n" "one /metrics scrape of the loaded gateway (gzip)" "$gz_bytes bytes, $(awk -v s="$gz_s" 'BEGIN { printf "%.1f", s * 1000 }') ms"
