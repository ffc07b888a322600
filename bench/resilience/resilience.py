#!/usr/bin/env python3
"""The resilience suite's load driver, checks and report (bench/README.md, Resilience); run.sh calls
each command in turn. Standard library only (http.client over TLS through nginx, threads).

  signin  --base URL --emails FILE --password P --form PATH --out sessions.json
  load    --base URL --sessions sessions.json --path POST_PATH --tag a --duration 25 --connections 12 --out a.load.json
  double  --base URL --sessions sessions.json --path POST_PATH --tag e --groups 20 --copies 4 --out e.load.json
  race    --base URL --sessions sessions.json --moderators mods.json --path POST_PATH --tag f --count 20 --out f.load.json
  tally   --tag a --title T --load a.load.json --db pg:PORT:DB|sqlite:FILE --mail DIR --emails-per-row 1 --out a.result.json
          [--fault fault.json] [--kind load|double|race|sqlite]
  report  --work DIR --out bench/results

Every comment the driver posts starts with a marker [res-TAG-THREAD-SEQ]: the rows, the
acknowledgements and the emails (their text quotes the comment) are matched by it.
"""
import argparse
import collections
import email
import email.policy
import http.client
import json
import os
import re
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
MARKER = re.compile(r"\[res-([a-z]+)-(\d+)-(\d+)\]")
ACK = re.compile(r"#my-comment-(\d+)$")
BODY = ("أقترح توضيح المادة بما يضمن حقوق جميع الأطراف، وتحديد المدد النظامية بدقة، "
        "ونشر الأدلة الإرشادية قبل بدء التطبيق بوقت كاف.")
CONTEXT = ssl.create_default_context()
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE


class Client:
    """One keep-alive connection with its own cookies, as one browser tab."""

    def __init__(self, base, cookies=None, timeout=20):
        self.url = urllib.parse.urlsplit(base)
        self.cookies = dict(cookies or {})
        self.timeout = timeout
        self.conn = None

    def _connect(self):
        if self.url.scheme == "https":
            self.conn = http.client.HTTPSConnection(self.url.hostname, self.url.port, timeout=self.timeout, context=CONTEXT)
        else:
            self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=self.timeout)

    def request(self, method, path, form=None):
        """(status, location, body); status 0 when the connection failed or timed out."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.conn is None:
                self._connect()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return 0, type(error).__name__, b""
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "expires=Thu, 01 Jan 1970" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.getheader("Location") or "", data

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None


def token_of(html):
    match = TOKEN.search(html.decode("utf-8", "replace"))
    if not match:
        raise RuntimeError("the page has no antiforgery token")
    return match.group(1)


def sign_in(base, address, password, form_path):
    client = Client(base)
    status, _, page = client.request("GET", "/ar/account/login")
    if status != 200:
        raise RuntimeError(f"login page: {status}")
    status, location, _ = client.request("POST", "/ar/account/login", {
        "__RequestVerificationToken": token_of(page), "Email": address, "Password": password})
    if status != 302 or "login" in location:
        raise RuntimeError(f"{address} could not sign in: {status} {location}")
    status, _, page = client.request("GET", form_path)
    if status != 200:
        raise RuntimeError(f"{address}: {form_path} answered {status}")
    client.close()
    return {"email": address, "cookies": client.cookies, "token": token_of(page)}


def cmd_signin(a):
    emails = [line.strip() for line in open(a.emails) if line.strip()]
    sessions = [None] * len(emails)
    errors = []

    def work(i):
        for attempt in range(5):
            try:
                sessions[i] = sign_in(a.base, emails[i], a.password, a.form)
                return
            except RuntimeError as error:
                last = error
                time.sleep(1 + attempt)
        errors.append(str(last))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(emails))]
    for chunk in range(0, len(threads), 4):
        for t in threads[chunk:chunk + 4]:
            t.start()
        for t in threads[chunk:chunk + 4]:
            t.join()
    if errors:
        sys.exit("sign-in failed: " + "; ".join(errors))
    json.dump(sessions, open(a.out, "w"))
    print(f"signed in {len(sessions)} accounts")


def comment_form(session, key, marker, article=""):
    return {"__RequestVerificationToken": session["token"], "NewComment.SubmissionKey": key,
            "NewComment.ArticleId": article, "NewComment.DisplayName": "مشارك",
            "NewComment.Body": f"{marker} {BODY}"}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.acked = []          # [marker, comment id] per acknowledged request
        self.statuses = collections.Counter()
        self.unanswered = []     # markers whose request got no answer (socket error, timeout)
        self.timeline = collections.Counter()  # "second:status"

    def add(self, marker, status, location, started):
        acked = 200 <= status < 400
        match = ACK.search(location) if status == 302 else None
        with self.lock:
            self.sent += 1
            self.statuses[str(status) if status else "no answer"] += 1
            self.timeline[f"{int(time.time() - started)}:{status}"] += 1
            if acked:
                self.acked.append([marker, int(match.group(1)) if match else None])
            elif status == 0:
                self.unanswered.append(marker)

    def dump(self, path, **extra):
        json.dump(dict(sent=self.sent, acked=self.acked, statuses=dict(self.statuses),
                       unanswered=self.unanswered, timeline=dict(self.timeline), **extra), open(path, "w"))


def cmd_load(a):
    sessions = json.load(open(a.sessions))
    tally = Tally()
    started = time.time()
    deadline = started + a.duration

    def worker(n):
        session = sessions[n % len(sessions)]
        client = Client(a.base, session["cookies"])
        seq = 0
        while time.time() < deadline:
            seq += 1
            marker = f"[res-{a.tag}-{n}-{seq}]"
            status, location, _ = client.request("POST", a.path, comment_form(session, str(uuid.uuid4()), marker))
            tally.add(marker, status, location, started)
            if status in (0, 502, 503, 504):
                time.sleep(0.2)  # a client that meets an outage does not hammer it
        client.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tally.dump(a.out, connections=a.connections, duration=a.duration, seconds=round(time.time() - started, 1))
    print(f"{a.tag}: sent {tally.sent}, acknowledged {len(tally.acked)}, {dict(tally.statuses)}")


def cmd_double(a):
    """The same form (same antiforgery token and SubmissionKey) sent COPIES times at once."""
    sessions = json.load(open(a.sessions))
    tally = Tally()
    started = time.time()
    for g in range(a.groups):
        session = sessions[g % len(sessions)]
        key, marker = str(uuid.uuid4()), f"[res-{a.tag}-{g}-1]"
        barrier = threading.Barrier(a.copies)
        clients = [Client(a.base, session["cookies"]) for _ in range(a.copies)]
        for c in clients:  # connect first, so the posts leave together
            c.request("GET", "/health/live")

        def post(c):
            barrier.wait()
            status, location, _ = c.request("POST", a.path, comment_form(session, key, marker))
            tally.add(marker, status, location, started)

        threads = [threading.Thread(target=post, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in clients:
            c.close()
    tally.dump(a.out, groups=a.groups, copies=a.copies)
    print(f"{a.tag}: sent {tally.sent}, acknowledged {len(tally.acked)}, {dict(tally.statuses)}")


def cmd_race(a):
    """Comments posted, then two moderators decide each at the same moment: one approves, one rejects."""
    sessions = json.load(open(a.sessions))
    moderators = json.load(open(a.moderators))
    tally = Tally()
    started = time.time()
    author = Client(a.base, sessions[0]["cookies"])
    comments = []
    for i in range(a.count):
        marker = f"[res-{a.tag}-0-{i + 1}]"
        status, location, _ = author.request("POST", a.path, comment_form(sessions[0], str(uuid.uuid4()), marker))
        tally.add(marker, status, location, started)
        match = ACK.search(location)
        if match:
            comments.append((marker, int(match.group(1))))
    author.close()
    decisions = []
    for marker, comment in comments:
        barrier = threading.Barrier(2)
        clients = [Client(a.base, m["cookies"]) for m in moderators]
        for c in clients:
            c.request("GET", "/health/live")
        answers = [None, None]

        def decide(i):
            m = moderators[i]
            if i == 0:
                path, form = f"/ar/consultations/moderation/{comment}/approve?queue=published", {"__RequestVerificationToken": m["token"]}
            else:
                path, form = (f"/ar/consultations/moderation/{comment}/reject?queue=published",
                              {"__RequestVerificationToken": m["token"], "Reason": "خارج موضوع المادة المطروحة للنقاش"})
            barrier.wait()
            status, location, _ = clients[i].request("POST", path, form)
            answers[i] = status

        threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in clients:
            c.close()
        decisions.append({"marker": marker, "comment": comment, "approve": answers[0], "reject": answers[1]})
    tally.dump(a.out, decisions=decisions, moderators=[m["email"] for m in moderators])
    print(f"{a.tag}: {len(decisions)} races; answers {collections.Counter((d['approve'], d['reject']) for d in decisions)}")


# --- checks ---------------------------------------------------------------------------------------

def query(db, sql):
    """Rows (lists of strings) from PostgreSQL (pg:PORT:DB, through psql) or SQLite (sqlite:FILE)."""
    kind, _, rest = db.partition(":")
    if kind == "sqlite":
        with sqlite3.connect(f"file:{rest}?mode=ro", uri=True, timeout=30) as c:
            return [[("" if v is None else str(v)) for v in row] for row in c.execute(sql)]
    port, _, name = rest.partition(":")
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", name, "-X", "-q", "-A", "-t",
                          "-F", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def read_mail(folder):
    """Every received message: (Message-ID, To, markers in its text)."""
    messages = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        text = ""
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                text += part.get_content()
        messages.append((str(message["Message-ID"] or ""), str(message["To"] or ""), MARKER.findall(text), name))
    return messages


def cmd_tally(a):
    load = json.load(open(a.load))
    fault = json.load(open(a.fault)) if a.fault else {}
    like = f"[res-{a.tag}-%"
    q = '"' if a.db.startswith("pg") else '"'
    rows = query(a.db, f'SELECT {q}Id{q}, {q}Body{q}, {q}Status{q} FROM {q}ConsultationComments{q} WHERE {q}Body{q} LIKE \'{like}\'')
    by_marker = collections.defaultdict(list)
    for row_id, body, status in rows:
        m = MARKER.search(body)
        if m:
            by_marker[m.group(0)].append((int(row_id), status))
    acked = {marker: cid for marker, cid in load["acked"]}
    lost = sorted(m for m in acked if m not in by_marker)
    wrong = sorted(m for m, cid in acked.items() if cid is not None and m in by_marker and cid not in [r for r, _ in by_marker[m]])
    duplicated = sum(len(v) - 1 for v in by_marker.values() if len(v) > 1)
    stored = len(rows)
    stored_unacked = sorted(m for m in by_marker if m not in acked)
    unanswered = set(load.get("unanswered", []))
    # A request answered with an error page stored nothing: every stored row was acknowledged or unanswered.
    stored_after_error = [m for m in stored_unacked if m not in unanswered]
    result = {
        "tag": a.tag, "title": a.title, "kind": a.kind,
        "sent": load["sent"], "acknowledged": len(load["acked"]), "stored": stored, "lost": len(lost),
        "duplicated_rows": duplicated, "stored_not_acknowledged": len(stored_unacked),
        "stored_after_error_answer": len(stored_after_error), "ack_names_other_row": len(wrong),
        "errors_by_status": {k: v for k, v in load["statuses"].items() if not (k.isdigit() and 200 <= int(k) < 400)},
        "statuses": load["statuses"], "timeline": load.get("timeline", {}),
        "examples": {"lost": lost[:5], "stored_after_error_answer": stored_after_error[:5]},
        "fault": fault,
    }
    for key in ("connections", "duration", "seconds", "groups", "copies"):
        if key in load:
            result[key] = load[key]
    if a.emails_per_row > 0 and a.mail:
        messages = [m for m in read_mail(a.mail) if any(t == a.tag for t, _, _ in m[2])]
        ids = collections.Counter(m[0] for m in messages)
        logical = collections.Counter((f"[res-{t}-{th}-{s}]", m[1]) for m in messages for t, th, s in m[2][:1] if t == a.tag)
        expected = stored - duplicated  # one logical email per stored comment (and per decision in f)
        result["emails"] = {
            "received": len(messages),
            "expected": expected * a.emails_per_row,
            "distinct_message_ids": len(ids),
            "duplicated_message_id": sum(n - 1 for n in ids.values() if n > 1),
            "duplicated_logical": sum(n - 1 for n in logical.values() if n > 1),
            "missing": max(0, expected * a.emails_per_row - len(logical)),
            "duplicate_examples": [k for k, n in ids.items() if n > 1][:5],
        }
        if a.db.startswith("pg"):
            outbox = query(a.db, 'SELECT "Status", count(*) FROM "OutboxMessages" GROUP BY 1')
            result["emails"]["outbox"] = {s: int(n) for s, n in outbox}
    if a.kind == "race":
        decisions = load["decisions"]
        ids = ",".join(str(d["comment"]) for d in decisions) or "0"
        states = {int(i): (s, m) for i, s, m in query(a.db, f'SELECT "Id", "Status", coalesce("ModeratedById"::text, \'\') FROM "ConsultationComments" WHERE "Id" IN ({ids})')}
        audit = collections.Counter()
        for entity, action, n in query(a.db, f'SELECT "EntityId", "Action", count(*) FROM "AuditEntries" WHERE "EntityType" = \'ConsultationComment\' AND "EntityId" IN ({",".join(repr(str(d["comment"])) for d in decisions) or "0"}) GROUP BY 1, 2'):
            audit[(int(entity), action)] += int(n)
        silent, one_each, audited, consistent = 0, 0, 0, 0
        for d in decisions:
            c, ok_a, ok_r = d["comment"], d["approve"] == 302, d["reject"] == 302
            if ok_a and ok_r:
                silent += 1  # both told "done": one decision overwrote the other
            if sorted([d["approve"], d["reject"]]) == [302, 409]:
                one_each += 1
            status = states.get(c, ("?", ""))[0]
            if (ok_a and not ok_r and status == "Published") or (ok_r and not ok_a and status == "Rejected"):
                consistent += 1
            winner = "consultation.comment.approved" if ok_a else "consultation.comment.rejected"
            loser = ("consultation.comment.rejected" if ok_a else "consultation.comment.approved") + ".conflict"
            if audit[(c, winner)] == 1 and audit[(c, loser)] == 1:
                audited += 1
        result["race"] = {"races": len(decisions), "one_wins_one_409": one_each, "silent_overwrites": silent,
                          "final_state_is_winners": consistent, "both_attempts_audited": audited,
                          "answers": dict(collections.Counter(f"approve {d['approve']} / reject {d['reject']}" for d in decisions))}
    result["verdict"], result["why"] = verdict(result)
    json.dump(result, open(a.out, "w"), ensure_ascii=False, indent=1)
    print(f"{a.tag}: {result['verdict']} ({result['why']})")


def verdict(r):
    problems = []
    f = r.get("fault", {})
    # After a kill -9 nginx answers 502 for the requests the dead instance had in hand: those may be
    # stored (committed just before the kill) and count as unanswered, not as errors (operations.md).
    allowed_statuses = f.get("allowed_statuses", ["502"] if "kill -9" in f.get("fault", "") else [])
    in_flight = sum(v for k, v in r["errors_by_status"].items() if k in allowed_statuses)
    if r["lost"]:
        problems.append(f"{r['lost']} acknowledged but not stored")
    if r["duplicated_rows"]:
        problems.append(f"{r['duplicated_rows']} duplicated rows")
    if r["stored_after_error_answer"] > in_flight:
        problems.append(f"{r['stored_after_error_answer']} stored but answered with an error")
    if r["ack_names_other_row"]:
        problems.append(f"{r['ack_names_other_row']} acknowledgements naming another row")
    if any(k.startswith("5") and k != "503" and k not in allowed_statuses for k in r["errors_by_status"]):
        problems.append("5xx other than 503: " + ", ".join(f"{k}: {v}" for k, v in r["errors_by_status"].items() if k.startswith("5") and k != "503" and k not in allowed_statuses))
    crashes = f.get("crashes", 0)
    if crashes:
        problems.append(f"{crashes} instance(s) crashed: {f.get('crash_detail', '')}")
    if f.get("locked_in_log"):
        problems.append(f"'database is locked' {f['locked_in_log']} times in the log")
    if f.get("unready_after"):
        problems.append(f"not ready again: {f['unready_after']}")
    e = r.get("emails")
    if e:
        allowed = f.get("allowed_duplicate_emails", 0)
        if e["duplicated_logical"] > allowed:
            problems.append(f"{e['duplicated_logical']} duplicated emails (at most {allowed})")
        if e["missing"]:
            problems.append(f"{e['missing']} emails not received")
    race = r.get("race")
    if race:
        if race["silent_overwrites"]:
            problems.append(f"{race['silent_overwrites']} silent overwrites")
        if race["one_wins_one_409"] != race["races"]:
            problems.append(f"{race['races'] - race['one_wins_one_409']} races without exactly one winner and one 409")
        if race["final_state_is_winners"] != race["races"]:
            problems.append("final state not the winner's")
        if race["both_attempts_audited"] != race["races"]:
            problems.append(f"{race['races'] - race['both_attempts_audited']} races without both attempts audited")
    if r["kind"] != "race" and r["acknowledged"] == 0:
        problems.append("nothing acknowledged")
    return ("pass" if not problems else "FAIL"), ("; ".join(problems) if problems else "all targets met")


# --- report ---------------------------------------------------------------------------------------

def cmd_report(a):
    results = []
    for name in sorted(os.listdir(a.work)):
        if name.endswith(".result.json"):
            r = json.load(open(os.path.join(a.work, name)))
            if r.get("kind") in ("load", "race", "double"):
                r["verdict"], r["why"] = verdict(r)  # the same rules as at the time of the tally, or their newer version
            results.append(r)
    meta = {}
    if os.path.exists(os.path.join(a.work, "meta.env")):
        for line in open(os.path.join(a.work, "meta.env")):
            k, _, v = line.rstrip("\n").partition("=")
            meta[k] = v
    os.makedirs(a.out, exist_ok=True)
    json.dump({"meta": meta, "scenarios": results}, open(os.path.join(a.out, "resilience.json"), "w"), ensure_ascii=False, indent=1)
    md = ["# Resilience (issue 11)", "",
          "Written by `bench/resilience/run.sh` (bench/README.md, Resilience); do not edit by hand.", ""]
    md += [f"- {k}: {v}" for k, v in meta.items() if k != "portal_settings"]
    if "portal_settings" in meta:
        md += ["", "Portal settings (both instances): `" + meta["portal_settings"] + "`"]
    md += ["", "Targets: 0 lost, 0 duplicated rows, 0 duplicated emails after SIGTERM, at most one duplicated email per "
           "killed dispatcher, 0 crashes on simultaneous start, 0 silent overwrites; nothing stored may be answered with "
           "an error, and every email is delivered once the fault is over.", "",
           "| scenario | sent | acknowledged | stored | lost | duplicated rows | emails received / expected | duplicated emails (Message-ID / logical) | errors by status | verdict |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in results:
        e = r.get("emails")
        emails = f"{e['received']} / {e['expected']}" if e else "n/a"
        dups = f"{e['duplicated_message_id']} / {e['duplicated_logical']}" if e else "n/a"
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(r["errors_by_status"].items())) or "none"
        md.append(f"| {r['tag']}) {r['title']} | {r['sent']} | {r['acknowledged']} | {r['stored']} | {r['lost']} | "
                  f"{r['duplicated_rows']} | {emails} | {dups} | {errors} | **{r['verdict']}** |")
    md += ["", "## Per scenario", ""]
    for r in results:
        md.append(f"### {r['tag']}) {r['title']}: {r['verdict']}")
        md.append("")
        md.append(f"- verdict: {r['why']}")
        f = r.get("fault") or {}
        for k, v in f.items():
            md.append(f"- {k.replace('_', ' ')}: {v}")
        md.append(f"- stored but not acknowledged (no answer, e.g. in flight at a kill): {r['stored_not_acknowledged']}; "
                  f"stored although answered with an error: {r['stored_after_error_answer']}")
        if r.get("emails"):
            e = r["emails"]
            md.append(f"- emails: {e['received']} received, {e['distinct_message_ids']} distinct Message-IDs, "
                      f"{e['missing']} missing; outbox afterwards: {e.get('outbox', {})}"
                      + (f"; duplicated Message-IDs: {', '.join(e['duplicate_examples'])}" if e["duplicate_examples"] else ""))
        if r.get("race"):
            md.append(f"- races: {r['race']}")
        if r.get("examples", {}).get("lost"):
            md.append(f"- lost, examples: {', '.join(r['examples']['lost'])}")
        if r.get("examples", {}).get("stored_after_error_answer"):
            md.append(f"- stored after an error answer, examples: {', '.join(r['examples']['stored_after_error_answer'])}")
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
        md.append(f"- all answers: {statuses}")
        md.append("")
    open(os.path.join(a.out, "resilience.md"), "w").write("\n".join(md) + "\n")
    print("\n".join(md[:40]))


def cmd_restore(a):
    """Row counts of every table in the dumped database and in its restored copy."""
    tables = [t for (t,) in query(a.db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
    def counts(db):
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
        return {t: int(n) for t, n in query(db, sql)}
    before, after = counts(a.db), counts(a.restored)
    differ = {t: [before.get(t), after.get(t)] for t in tables if before.get(t) != after.get(t)}
    fault = json.load(open(a.fault)) if a.fault else {}
    fault.update({"tables": len(tables), "rows_in_dumped_database": sum(before.values()),
                  "rows_in_restored_database": sum(after.values()), "tables_that_differ": differ or "none"})
    r = {"tag": a.tag, "title": a.title, "kind": "restore", "sent": "n/a", "acknowledged": "n/a",
         "stored": f"{len(tables) - len(differ)} of {len(tables)} tables equal", "lost": len(differ), "duplicated_rows": 0,
         "stored_not_acknowledged": 0, "stored_after_error_answer": 0, "ack_names_other_row": 0,
         "errors_by_status": {}, "statuses": {}, "fault": fault}
    r["verdict"], r["why"] = ("pass", "every table has the same row count") if not differ and tables else ("FAIL", f"{len(differ)} tables differ")
    json.dump(r, open(a.out, "w"), ensure_ascii=False, indent=1)
    print(f"{a.tag}: {r['verdict']} ({r['why']})")


def cmd_starts(a):
    """Simultaneous starts on an empty database: one line per instance start, trial<TAB>name<TAB>outcome<TAB>seconds<TAB>detail."""
    lines = [line.rstrip("\n").split("\t") for line in open(a.trials) if line.strip()]
    outcomes = collections.Counter(l[2] for l in lines)
    crashes = [l for l in lines if l[2] != "healthy"]
    fault = json.load(open(a.fault)) if a.fault else {}
    fault.update({"trials": len({l[0] for l in lines}), "starts": len(lines), "crashes": len(crashes),
                  "crash_detail": "; ".join(f"trial {l[0]} {l[1]}: {l[2]} {l[4]}" for l in crashes) or "none",
                  "seconds_to_ready": " ".join(l[3] for l in lines)})
    r = {"tag": a.tag, "title": a.title, "kind": "start", "sent": f"{len(lines)} starts", "acknowledged": f"{outcomes['healthy']} healthy",
         "stored": "n/a", "lost": 0, "duplicated_rows": 0, "stored_not_acknowledged": 0, "stored_after_error_answer": 0,
         "ack_names_other_row": 0, "errors_by_status": {k: v for k, v in outcomes.items() if k != "healthy"}, "statuses": dict(outcomes),
         "fault": fault}
    r["verdict"], r["why"] = ("pass", "0 crashes, every instance healthy") if not crashes and lines else ("FAIL", f"{len(crashes)} of {len(lines)} starts did not become healthy")
    json.dump(r, open(a.out, "w"), ensure_ascii=False, indent=1)
    print(f"{a.tag}: {r['verdict']} ({r['why']})")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("signin")
    for k in ("base", "emails", "password", "form", "out"):
        s.add_argument("--" + k, required=True)
    for name in ("load", "double", "race"):
        s = sub.add_parser(name)
        for k in ("base", "sessions", "path", "tag", "out"):
            s.add_argument("--" + k, required=True)
        s.add_argument("--duration", type=int, default=25)
        s.add_argument("--connections", type=int, default=12)
        s.add_argument("--groups", type=int, default=20)
        s.add_argument("--copies", type=int, default=4)
        s.add_argument("--count", type=int, default=20)
        s.add_argument("--moderators")
    s = sub.add_parser("tally")
    for k in ("tag", "title", "load", "db", "out"):
        s.add_argument("--" + k, required=True)
    s.add_argument("--mail")
    s.add_argument("--fault")
    s.add_argument("--kind", default="load")
    s.add_argument("--emails-per-row", type=int, default=1)
    s = sub.add_parser("restore")
    for k in ("tag", "title", "db", "restored", "out"):
        s.add_argument("--" + k, required=True)
    s.add_argument("--fault")
    s = sub.add_parser("starts")
    for k in ("tag", "title", "trials", "out"):
        s.add_argument("--" + k, required=True)
    s.add_argument("--fault")
    s = sub.add_parser("report")
    s.add_argument("--work", required=True)
    s.add_argument("--out", required=True)
    a = p.parse_args()
    {"signin": cmd_signin, "load": cmd_load, "double": cmd_double, "race": cmd_race,
     "tally": cmd_tally, "restore": cmd_restore, "starts": cmd_starts, "report": cmd_report}[a.command](a)


if __name__ == "__main__":
    main()
