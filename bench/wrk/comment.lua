-- Signed-in comment submission: each request is the consultation page's comment form, posted by one
-- of the signed-in participants in $WRK_SESSIONS (Cookie header <tab> antiforgery token, one per line),
-- in rotation. Every request carries its own SubmissionKey and a marker [bench:RUN:THREAD:SEQ] in
-- its text, so no two are the same submission and the database can be checked afterwards
-- (SubmissionCheck.cs). A request is acknowledged when the portal answers 302 to the consultation page
-- at the new comment (its success redirect, "#my-comment-ID"); anything else is counted by status.
-- done() writes JSON to $WRK_OUT, and the acknowledged comments' ids, one a line, to $WRK_OUT.acked.

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
  sessions, bodies, articles = {}, {}, { "" }
  for line in io.lines(os.getenv("WRK_SESSIONS")) do
    local cookie, token = line:match("^([^\t]+)\t(.+)$")
    table.insert(sessions, { cookie = cookie, token = "__RequestVerificationToken=" .. urlencode(token) })
  end
  for line in io.lines(os.getenv("WRK_BODIES")) do
    table.insert(bodies, urlencode(line))
  end
  for a in string.gmatch(os.getenv("WRK_ARTICLES") or "", "%d+") do
    table.insert(articles, a)
  end
  run = os.getenv("WRK_RUN")
  path = os.getenv("WRK_PATH")
  names = { urlencode("مشارك"), urlencode("مواطن"), urlencode("سارة"), urlencode("عبدالله") }
end

function request()
  sent = sent + 1
  local s = sessions[(sent * 7 + id) % #sessions + 1]
  local key = string.format("%s-%04x-4000-8000-%012x", run, id, sent)
  local marker = urlencode(string.format(" [bench:%s:%d:%d]", run, id, sent))
  local body = s.token ..
    "&NewComment.SubmissionKey=" .. key ..
    "&NewComment.ArticleId=" .. articles[sent % #articles + 1] ..
    "&NewComment.DisplayName=" .. names[sent % #names + 1] ..
    "&NewComment.Body=" .. bodies[sent % #bodies + 1] .. marker
  return wrk.format("POST", path, { ["Cookie"] = s.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 302 then
    local location = headers["Location"] or headers["location"] or ""
    local comment = location:match("#my%-comment%-(%d+)$")
    if comment then
      acked = acked + 1
      ids[acked] = comment
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
    for _, comment in ipairs(t:get("ids")) do
      a:write(comment, "\n")
    end
  end
  a:close()
end
