-- A GET scenario: wrk sends the address given on its command line; this script only reports.
-- done() writes one JSON object to $WRK_OUT: requests, duration, bytes, socket and status errors
-- (wrk counts any status >= 400 as a status error) and latency percentiles in microseconds.

-- With $WRK_COOKIE set (a file: Cookie header <tab> anything), every request carries that sign-in.

local scenario = os.getenv("WRK_SCENARIO") or "get"
local cookie_file = os.getenv("WRK_COOKIE")
if cookie_file and cookie_file ~= "" then
  local line = io.open(cookie_file):read("*l")
  wrk.headers["Cookie"] = line:match("^([^\t]+)")
end
local out = os.getenv("WRK_OUT")

function done(summary, latency, requests)
  local e = summary.errors
  local json = string.format(
    '{"scenario":"%s","requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    scenario, summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9))
  if out then
    local f = assert(io.open(out, "w"))
    f:write(json)
    f:close()
  else
    io.write(json)
  end
end
