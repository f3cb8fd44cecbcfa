-- wrk script: replays pre-signed requests (io.microai.bench.PaidRequests output: one POST per line, tab-separated
-- path, body, then "Name: value" headers), each exactly once. Payments are single-use, so a resent line would be
-- refused and count against the gateway.
--
--   wrk -t T -c C -d D -s scripts/bench/paid.lua URL -- FILE T once DONE_FILE
--   wrk -t T -c C -d D -s scripts/bench/paid.lua URL -- FILE T cycle
--
-- "cycle" goes round the lines again until wrk's -d is over: for the verifier, which keeps no state, so a body
-- costs the same the second time. "once" is for payments.
--
-- Thread k of T takes lines k, k+T, k+2T, ...: disjoint slices. A connection asks delay() before each request;
-- once its thread's slice is spoken for, the connection is parked (a delay longer than any run) instead of
-- sending anything, and the thread stops when every request it sent has been answered. wrk also calls
-- request() once before the run to check the script (on the first thread only); that call gets a line
-- without consuming it, so it is never sent twice. done() prints one machine-readable line:
--   PAID sent=N answered=N ok=N share_ok=100.000 statuses=200:N[,402:M...] duration_us=... p50_us=... p99_us=...

local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

-- Per-thread state, global so that done() can read it with thread:get().
requests = {}
reserved = 0   -- slots handed out by delay(): one per request() that will send
consumed = 0   -- lines request() has returned for sending
answered = 0
statuses = {}
local PARK_MS = 1000000000
local done_file, total, cycle

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    fields[#fields + 1] = field
  end
  return fields
end

function init(args)
  local file = assert(args[1], "paid.lua: pass the request file after --")
  total = tonumber(args[2] or "1")
  cycle = args[3] == "cycle"
  done_file = args[4]
  local me = id
  local n = 0
  for line in io.lines(file) do
    if n % total == me then
      local f = split(line)
      local headers = {}
      for i = 3, #f do
        local name, value = f[i]:match("^([^:]+): (.*)$")
        headers[name] = value
      end
      requests[#requests + 1] = wrk.format("POST", f[1], headers, f[2])
    end
    n = n + 1
  end
end

-- wrk always sleeps for its whole -d before reporting, unless interrupted; the last thread to finish its slice
-- interrupts it (wrk's parent of the shell os.execute starts) so the run ends when the requests run out.
local function finished()
  wrk.thread:stop()
  if done_file then
    -- system() ignores SIGINT while its shell runs, hence the signal from the background, once it has returned
    -- (and once more, should the first have come too early).
    os.execute(string.format("echo %d >> '%s'; [ $(wc -l < '%s') -ge %d ] && (sleep 0.05; kill -INT $PPID; sleep 1;"
      .. " kill -INT $PPID) >/dev/null 2>&1 &", id, done_file, done_file, total))
  end
end

function delay()
  if cycle or reserved < #requests then
    reserved = reserved + 1
    return 0
  end
  return PARK_MS
end

function request()
  if cycle then
    consumed = consumed + 1
    return requests[(consumed - 1) % #requests + 1]
  end
  if consumed < reserved then
    consumed = consumed + 1
    return requests[consumed]
  end
  -- wrk's check of the script before the run: show it a request, send nothing.
  return requests[1] or wrk.format("GET", "/")
end

function response(status, headers, body)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if answered == #requests and not cycle then
    finished()
  end
end

function done(summary, latency, requests_summary)
  local sent, got, ok = 0, 0, 0
  local merged = {}
  for _, thread in ipairs(threads) do
    sent = sent + (thread:get("consumed") or 0)
    got = got + (thread:get("answered") or 0)
    local s = thread:get("statuses") or {}
    for code, n in pairs(s) do
      merged[code] = (merged[code] or 0) + n
    end
  end
  ok = merged[200] or 0
  local codes = {}
  for code, _ in pairs(merged) do
    codes[#codes + 1] = code
  end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do
    parts[#parts + 1] = code .. ":" .. merged[code]
  end
  io.write(string.format("PAID sent=%d answered=%d ok=%d share_ok=%.3f statuses=%s duration_us=%d p50_us=%d p99_us=%d\n",
    sent, got, ok, got > 0 and 100 * ok / got or 0, table.concat(parts, ","), summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
