-- Signed-in complaint submission: each request is the complaint intake's real form
-- (/ar/complaints/new/government-service), posted by one of the signed-in participants in $WRK_SESSIONS
-- (Cookie header <tab> antiforgery token, one per line), in rotation, to one of the agencies in
-- $WRK_AGENCIES. Every request carries its own SubmissionKey and a marker [bench:RUN:THREAD:SEQ] in its
-- description, so no two are the same submission and the database can be checked afterwards
-- (CasesBench.VerifyAsync). A request is acknowledged when the portal answers its success redirect, a
-- 302 to the new case's page (/ar/cases/TRACKING-NUMBER); anything else is counted by status.
-- done() writes JSON to $WRK_OUT, and the acknowledged tracking numbers, one a line, to $WRK_OUT.acked.

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  sent, acked, statuses, ids = 0, 0, {}, {}
  sessions, agencies = {}, {}
  for line in io.lines(os.getenv("WRK_SESSIONS")) do
    local cookie, token = line:match("^([^\t]+)\t(.+)$")
    table.insert(sessions, { cookie = cookie, token = "__RequestVerificationToken=" .. urlencode(token) })
  end
  for a in string.gmatch(os.getenv("WRK_AGENCIES") or "", "%d+") do
    table.insert(agencies, a)
  end
  run = os.getenv("WRK_RUN")
  path = os.getenv("WRK_PATH")
  subjects = { urlencode("تأخر الرد على الطلب"), urlencode("صعوبة حجز موعد"), urlencode("خطأ في بيانات الفاتورة"), urlencode("انقطاع الخدمة المتكرر") }
  description = urlencode("تقدمت بالطلب منذ أكثر من شهر ولم أتلق أي رد حتى الآن، وراجعت الفرع مرتين وطُلب مني تقديم المستندات نفسها مرة أخرى.")
  service = urlencode("إصدار رخصة")
end

function request()
  sent = sent + 1
  local s = sessions[(sent * 7 + id) % #sessions + 1]
  local key = string.format("%s-%04x-4000-8000-%012x", run, id, sent)
  local marker = urlencode(string.format(" [bench:%s:%d:%d]", run, id, sent))
  local body = s.token ..
    "&Input.SubmissionKey=" .. key ..
    "&Input.AgencyId=" .. agencies[sent % #agencies + 1] ..
    "&Input.Service=" .. service ..
    "&Input.Subject=" .. subjects[sent % #subjects + 1] ..
    "&Input.Description=" .. description .. marker
  return wrk.format("POST", path, { ["Cookie"] = s.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 302 then
    local location = headers["Location"] or headers["location"] or ""
    local number = location:match("/cases/(%u%u%u%-%d+%-%d+)$")
    if number then
      acked = acked + 1
      ids[acked] = number
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local parts, total_sent, total_acked, all = {}, 0, 0, {}
  for _, t in ipairs(threads) do
    local s, a = t:get("sent"), t:get("acked")
    total_sent, total_acked = total_sent + s, total_acked + a
    table.insert(parts, string.format('{"id":%d,"sent":%d,"acked":%d}', t:get("id"), s, a))
    for code, n in pairs(t:get("statuses")) do
      all[code] = (all[code] or 0) + n
    end
  end
  local codes = {}
  for code, n in pairs(all) do
    table.insert(codes, string.format('"%d":%d', code, n))
  end
  local json = string.format(
    '{"scenario":"%s","run":"%s","requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d},' ..
    '"sent":%d,"acked":%d,"statuses":{%s},"threads":[%s]}\n',
    os.getenv("WRK_SCENARIO") or "submit", os.getenv("WRK_RUN"), summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    total_sent, total_acked, table.concat(codes, ","), table.concat(parts, ","))
  local f = assert(io.open(os.getenv("WRK_OUT"), "w"))
  f:write(json)
  f:close()
  local a = assert(io.open(os.getenv("WRK_OUT") .. ".acked", "w"))
  for _, t in ipairs(threads) do
    for _, number in ipairs(t:get("ids")) do
      a:write(number, "\n")
    end
  end
  a:close()
end
