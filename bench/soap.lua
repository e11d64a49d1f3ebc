-- SPDX-License-Identifier: GPL-2.0-or-later
-- wrk script for one fixed request (bench/run.sh sets the environment):
--   BENCH_BODY    file with the request body; @SID@ and @INV@ are replaced by
--                 BENCH_SID / BENCH_INV (absent: a GET without body)
--   BENCH_CTYPE   Content-Type (default text/xml; charset=utf-8)
--   BENCH_ACTION  SOAPAction header value (absent: no header)
--   BENCH_FAULT   substring that marks a failed answer (default <faultcode>)
--   BENCH_DELAY_MS  pause before each request on a connection (soak mode)
--   BENCH_INV_FIRST, BENCH_INV_COUNT  when set, every request asks for a
--                 random invoice BENCH_INV_FIRST + [0, COUNT) instead of @INV@
-- Every answer is checked: HTTP status other than 200, or the fault marker in
-- the body, counts as an error; done() prints one RESULT line for run.sh.
local fault_marker = os.getenv("BENCH_FAULT") or "<faultcode>"
local body_file = os.getenv("BENCH_BODY")
local threads = {}
failed = 0
bytes = 0

if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  local body = f:read("*a")
  f:close()
  body = body:gsub("@SID@", os.getenv("BENCH_SID") or ""):gsub("@INV@", os.getenv("BENCH_INV") or "")
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = os.getenv("BENCH_CTYPE") or "text/xml; charset=utf-8"
  local action = os.getenv("BENCH_ACTION")
  if action then wrk.headers["SOAPAction"] = action end
else
  wrk.method = "GET"
end

local inv_first = tonumber(os.getenv("BENCH_INV_FIRST") or "")
local inv_count = tonumber(os.getenv("BENCH_INV_COUNT") or "")
if inv_first and inv_count and body_file then
  local f = assert(io.open(body_file, "rb"))
  local tmpl = f:read("*a"):gsub("@SID@", os.getenv("BENCH_SID") or "")
  f:close()
  local pre, post = tmpl:match("^(.*)@INV@(.*)$")
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  function request()
    local body = pre .. string.format("%d", inv_first + math.random(0, inv_count - 1)) .. post
    return wrk.format(nil, nil, nil, body)
  end
end

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if delay_ms then
  function delay()
    return delay_ms
  end
end

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  bytes = bytes + #body
  if status ~= 200 or body:find(fault_marker, 1, true) then
    failed = failed + 1
    if failed == 1 then io.stderr:write("first failed answer: " .. status .. " " .. body:sub(1, 400) .. "\n") end
  end
end

function done(summary, latency, requests)
  local f, b = 0, 0
  for _, t in ipairs(threads) do
    f = f + t:get("failed")
    b = b + t:get("bytes")
  end
  local e = summary.errors
  local errs = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f req_s=%.1f p50_us=%d p99_us=%d max_us=%d failed=%d socket_errors=%d avg_bytes=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, f, errs,
    summary.requests > 0 and math.floor(b / summary.requests) or 0))
end
