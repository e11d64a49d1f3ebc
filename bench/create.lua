-- SPDX-License-Identifier: GPL-2.0-or-later
-- wrk script: V2 salesOrderInvoiceCreate of one item, each request on a fresh
-- order, optionally followed on the same connection by a capture of the
-- invoice just created (BENCH_CAPTURE=1; run wrk with -t equal to -c so each
-- thread owns one connection).  Orders come from bulk-seed --open-orders:
-- increment ids BENCH_FIRST_INC + n and item ids BENCH_FIRST_ITEM + n * M
-- (M = BENCH_ITEMS), n = BENCH_OFFSET .. BENCH_OFFSET + BENCH_COUNT - 1,
-- split between BENCH_THREADS threads (= wrk -t).  Prints a RESULT line like soap.lua, where
-- requests counts creates and captures alike.  BENCH_DELAY_MS pauses before
-- every request (soak mode).
local sid = os.getenv("BENCH_SID") or ""
local first_inc = tonumber(os.getenv("BENCH_FIRST_INC"))
local first_item = tonumber(os.getenv("BENCH_FIRST_ITEM"))
local m = tonumber(os.getenv("BENCH_ITEMS") or "1")
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
local count = tonumber(os.getenv("BENCH_COUNT") or "1000000")
local capture = os.getenv("BENCH_CAPTURE") == "1"

local head = '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>'
local tail = '</SOAP-ENV:Body></SOAP-ENV:Envelope>'
local hdrs = { ["Content-Type"] = "text/xml; charset=utf-8",
               ["SOAPAction"] = '"urn:Mage_Api_Model_Server_V2_HandlerAction"' }

local threads = {}
local nthreads = 0
failed = 0
bytes = 0
creates = 0
captures = 0
tid = 0
ntid = tonumber(os.getenv("BENCH_THREADS") or "1") -- must equal wrk -t
k = 0
pending_capture = nil

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if delay_ms then
  function delay()
    return delay_ms
  end
end

function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
  table.insert(threads, thread)
end

local function create_body(n)
  local inc = string.format("%d", first_inc + n)
  local item = string.format("%d", first_item + n * m)
  return head .. '<ns1:salesOrderInvoiceCreate><sessionId xsi:type="xsd:string">' .. sid ..
    '</sessionId><invoiceIncrementId xsi:type="xsd:string">' .. inc ..
    '</invoiceIncrementId><itemsQty SOAP-ENC:arrayType="ns1:orderItemIdQty[1]" xsi:type="ns1:orderItemIdQtyArray"><item xsi:type="ns1:orderItemIdQty"><order_item_id xsi:type="xsd:int">' ..
    item .. '</order_item_id><qty xsi:type="xsd:double">1</qty></item></itemsQty><comment xsi:type="xsd:string">bench</comment></ns1:salesOrderInvoiceCreate>' .. tail
end

local function capture_body(inv)
  return head .. '<ns1:salesOrderInvoiceCapture><sessionId xsi:type="xsd:string">' .. sid ..
    '</sessionId><invoiceIncrementId xsi:type="xsd:string">' .. inv ..
    '</invoiceIncrementId></ns1:salesOrderInvoiceCapture>' .. tail
end

function request()
  if pending_capture then
    local inv = pending_capture
    pending_capture = nil
    captures = captures + 1
    return wrk.format("POST", nil, hdrs, capture_body(inv))
  end
  local n = offset + tid + k * ntid
  k = k + 1
  creates = creates + 1
  if n >= offset + count then
    if not warned then io.stderr:write(string.format("create.lua: out of fresh orders (n=%d tid=%d k=%d)\n", n, tid, k)) end
    warned = true
  end
  return wrk.format("POST", nil, hdrs, create_body(n))
end

function response(status, headers, body)
  bytes = bytes + #body
  if status ~= 200 or body:find("<faultcode>", 1, true) then
    failed = failed + 1
    if failed == 1 then io.stderr:write("first failed answer: " .. status .. " " .. body:sub(1, 400) .. "\n") end
    return
  end
  if capture then
    local inv = body:match('<result xsi:type="xsd:string">(%d+)</result>')
    if inv then pending_capture = inv end
  end
end

function done(summary, latency, requests)
  local f, b, c, cp = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    f = f + t:get("failed")
    b = b + t:get("bytes")
    c = c + t:get("creates")
    cp = cp + t:get("captures")
  end
  local e = summary.errors
  local errs = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f req_s=%.1f p50_us=%d p99_us=%d max_us=%d failed=%d socket_errors=%d avg_bytes=%d creates=%d captures=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, f, errs,
    summary.requests > 0 and math.floor(b / summary.requests) or 0, c, cp))
end
