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

    def __init__(self, base, cookies=None, timeout=20, headers=None):
        self.url = urllib.parse.urlsplit(base)
        self.cookies = dict(cookies or {})
        self.timeout = timeout
        self.conn = None
        self.headers = dict(headers or {})  # sent with every request (X-Forwarded-* when talking to an instance directly)
        self.served_by = ""  # the bench nginx's X-Upstream header of the last answer: which instance answered

    def _connect(self):
        if self.url.scheme == "https":
            self.conn = http.client.HTTPSConnection(self.url.hostname, self.url.port, timeout=self.timeout, context=CONTEXT)
        else:
            self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=self.timeout)

    def request(self, method, path, form=None, files=None):
        """(status, location, body); status 0 when the connection failed or timed out. With files
        ({field: (file name, content type, bytes)}) the form is sent as multipart/form-data."""
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            boundary = "res" + uuid.uuid4().hex
            parts = []
            for k, v in (form or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
            for k, (name, kind, data) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                             f'Content-Type: {kind}\r\n\r\n'.encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif form is not None:
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
        self.served_by = response.getheader("X-Upstream") or ""
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

    errored = {}  # marker -> (session, key) of each request answered with an error or not at all

    def worker(n):
        session = sessions[n % len(sessions)]
        client = Client(a.base, session["cookies"])
        seq = 0
        while time.time() < deadline:
            seq += 1
            marker = f"[res-{a.tag}-{n}-{seq}]"
            key = str(uuid.uuid4())
            status, location, _ = client.request("POST", a.path, comment_form(session, key, marker))
            tally.add(marker, status, location, started)
            if not 200 <= status < 400:
                with tally.lock:
                    errored[marker] = (n % len(sessions), key)
            if status in (0, 502, 503, 504):
                time.sleep(0.2)  # a client that meets an outage does not hammer it
        client.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    retries = []
    if a.retry_errors and errored:
        # As a participant would once the portal is back: the same form (same SubmissionKey) sent
        # again. Which of them were stored already, before that (their commit answered with an error)?
        probe = Client(a.base)
        for _ in range(120):  # until the portal answers ready again (at most a minute)
            if probe.request("GET", "/health/ready")[0] == 200:
                break
            time.sleep(0.5)
        probe.close()
        stored = set()
        for (body,) in query(a.db, f'SELECT "Body" FROM "ConsultationComments" WHERE "Body" LIKE \'[res-{a.tag}-%\''):
            m = MARKER.search(body)
            if m and m.group(0) in errored:
                stored.add(m.group(0))
        items = sorted(errored.items())
        lock = threading.Lock()

        def retry(part):
            clients = {}
            for marker, (si, key) in part:
                client = clients.setdefault(si, Client(a.base, sessions[si]["cookies"]))
                status, location, _ = client.request("POST", a.path, comment_form(sessions[si], key, marker))
                match = ACK.search(location) if status == 302 else None
                with lock:
                    retries.append({"marker": marker, "stored_before_retry": marker in stored, "status": status,
                                    "ack": int(match.group(1)) if match else None})
            for c in clients.values():
                c.close()

        threads = [threading.Thread(target=retry, args=(items[i::a.connections],)) for i in range(a.connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    tally.dump(a.out, connections=a.connections, duration=a.duration, seconds=round(time.time() - started, 1), retries=retries)
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


VERSION = re.compile(r'name="(?:Input\.)?Version" value="(\d*)"')


def version_of(html):
    match = VERSION.search(html.decode("utf-8", "replace"))
    return match.group(1) if match else ""


def two_at_once(clients, requests):
    """Sends requests[i] (method, path, form) on clients[i] at the same moment; [(status, body, served by)]."""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def send(i):
        method, path, form = requests[i]
        barrier.wait()
        status, _, body = clients[i].request(method, path, form)
        answers[i] = (status, body, clients[i].served_by)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def cmd_review(a):
    """Two legislation reviewers open the same comment's form, then save different dispositions and
    responses at the same moment (issue 11, item 2): one is saved, the other gets the 409 page."""
    reviewers = json.load(open(a.sessions))
    comments = [int(line) for line in open(a.path) if line.strip()][:a.count]
    started = time.time()
    tally = Tally()
    decisions = []
    choices = [("Accepted", "1"), ("NotAccepted", "2")]  # the marker's last part: which reviewer
    for n, comment in enumerate(comments):
        path = f"/ar/consultations/manage/{a.consultation}/review/comments/{comment}"
        clients = [Client(a.base, r["cookies"]) for r in reviewers]
        requests, versions, shown_by = [], [], []
        for i, c in enumerate(clients):
            status, _, page = c.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{reviewers[i]['email']}: {path} answered {status}")
            versions.append(version_of(page))
            shown_by.append(c.served_by)
            disposition, who = choices[i]
            requests.append(("POST", path, {
                "__RequestVerificationToken": token_of(page), "Input.Disposition": disposition,
                "Input.ResponseAr": f"[res-{a.tag}-{n}-{who}] رد المراجع {who} على التعليق", "Input.ResponseEn": "",
                "Input.Version": versions[-1], "Input.Return": ""}))
        answers = two_at_once(clients, requests)
        for c in clients:
            c.close()
        record = {"comment": comment, "versions": versions, "shown_by": shown_by, "answers": [], "served_by": []}
        for i, (status, body, served) in enumerate(answers):
            tally.add(f"[res-{a.tag}-{n}-{choices[i][1]}]", status, "", started)
            record["answers"].append(status)
            record["served_by"].append(served)
        if sorted(record["answers"]) == [302, 409]:
            winner = record["answers"].index(302)
            page = answers[1 - winner][1].decode("utf-8", "replace")
            conflict = page.split('class="alert alert-warning ep-conflict"', 1)
            # The conflict notice quotes the answer saved meanwhile; the form keeps the loser's own.
            notice = "</div>".join(conflict[1].split("</div>")[:2]) if len(conflict) == 2 else ""
            record["conflict_page_shows_other"] = f"[res-{a.tag}-{n}-{choices[winner][1]}]" in notice
            record["conflict_page_keeps_own"] = f"[res-{a.tag}-{n}-{choices[1 - winner][1]}]" in page
            record["winner"] = choices[winner][1]
        decisions.append(record)
    tally.dump(a.out, decisions=decisions, reviewers=[r["email"] for r in reviewers])
    print(f"{a.tag}: {len(decisions)} races; answers {collections.Counter(tuple(d['answers']) for d in decisions)}")


SUBMISSION_KEY = re.compile(r'name="Input\.SubmissionKey"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="Input\.SubmissionKey"')
CASE_PATH = re.compile(r"/cases/([A-Za-z0-9-]+)$")


def cmd_uploads(a):
    """A participant sends a complaint with a PDF to one instance and downloads it from the other
    (uploads on storage both share, docs/operations.md "Several instances")."""
    sessions = json.load(open(a.sessions))
    instances = a.instances.split(",")
    started = time.time()
    tally = Tally()
    uploads = []
    for n in range(a.count):
        session = sessions[n % len(sessions)]
        up, down = instances[n % 2], instances[(n + 1) % 2]
        forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": f"203.0.113.{n % 250 + 1}"}
        sender = Client(up, session["cookies"], headers=forwarded)
        reader = Client(down, session["cookies"], headers=forwarded)
        marker = f"[res-{a.tag}-{n}-1]"
        content = (b"%PDF-1.4\n% " + marker.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n"
                   + os.urandom(2048).hex().encode() + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        record = {"marker": marker, "uploaded_to": up, "downloaded_from": down, "bytes": len(content)}
        status, _, page = sender.request("GET", f"/ar/complaints/new/{a.route}?agency={a.agency}")
        if status != 200:
            raise RuntimeError(f"complaint form on {up}: {status}")
        html = page.decode("utf-8", "replace")
        key = SUBMISSION_KEY.search(html)
        form = {"__RequestVerificationToken": token_of(page), "Input.SubmissionKey": next(g for g in key.groups() if g) if key else str(uuid.uuid4()),
                "Input.AgencyId": a.agency, "Input.Subject": f"{marker} تأخر المعاملة",
                "Input.Description": f"{marker} تأخرت معاملتي أكثر من المدة المعلنة، والمستند المرفق يبين تاريخ التقديم."}
        status, location, _ = sender.request("POST", f"/ar/complaints/new/{a.route}", form,
                                             files={"Input.Files": (f"evidence-{n}.pdf", "application/pdf", content)})
        tally.add(marker, status, "", started)
        record["upload_status"] = status
        match = CASE_PATH.search(location) if status == 302 else None
        if match:
            record["tracking_number"] = match.group(1)
            status, _, page = reader.request("GET", urllib.parse.urlsplit(location).path)
            links = re.findall(r'href="([^"]*/cases/' + re.escape(match.group(1)) + r'/attachments/\d+)"', page.decode("utf-8", "replace"))
            record["case_page_status"] = status
            record["download_status"] = None
            if links:
                status, _, data = reader.request("GET", links[0])
                record["download_status"] = status
                record["same_bytes"] = status == 200 and data == content
        sender.close()
        reader.close()
        uploads.append(record)
    tally.dump(a.out, uploads=uploads)
    print(f"{a.tag}: {len(uploads)} uploads; same bytes from the other instance: {sum(1 for u in uploads if u.get('same_bytes'))}")


def cmd_caserace(a):
    """Two case officers open the same case, then send different responses at the same moment."""
    officers = json.load(open(a.sessions))
    numbers = [u["tracking_number"] for u in json.load(open(a.path))["uploads"] if u.get("tracking_number")][:a.count]
    ids = dict((tn, int(i)) for tn, i in query(a.db, 'SELECT "TrackingNumber", "Id" FROM "Cases" WHERE "TrackingNumber" IN ('
                                                 + ",".join(f"'{tn}'" for tn in numbers) + ")")) if numbers else {}
    started = time.time()
    tally = Tally()
    decisions = []
    for n, tn in enumerate(numbers):
        case = ids[tn]
        path = f"/ar/staff/cases/{case}"
        clients = [Client(a.base, o["cookies"]) for o in officers]
        requests, versions, who = [], [], "12"
        for i, c in enumerate(clients):
            status, _, page = c.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{officers[i]['email']}: {path} answered {status}")
            versions.append(version_of(page))
            requests.append(("POST", path + "/respond", {
                "__RequestVerificationToken": token_of(page), "Version": versions[-1],
                "Response.Text": f"[res-{a.tag}-{n}-{who[i]}] رد الموظف {who[i]}: راجعنا معاملتك وأنجزت اليوم."}))
        answers = two_at_once(clients, requests)
        for c in clients:
            c.close()
        record = {"case": case, "tracking_number": tn, "versions": versions, "answers": [x[0] for x in answers], "served_by": [x[2] for x in answers]}
        for i, (status, _, _) in enumerate(answers):
            tally.add(f"[res-{a.tag}-{n}-{who[i]}]", status, "", started)
        if sorted(record["answers"]) == [302, 409]:
            winner = record["answers"].index(302)
            page = answers[1 - winner][1].decode("utf-8", "replace")
            record["winner"] = who[winner]
            record["conflict_page_shows_other"] = f"[res-{a.tag}-{n}-{who[winner]}]" in page
            record["conflict_page_keeps_own"] = f"[res-{a.tag}-{n}-{who[1 - winner]}]" in page
        decisions.append(record)
    tally.dump(a.out, decisions=decisions, officers=[o["email"] for o in officers])
    print(f"{a.tag}: {len(decisions)} races; answers {collections.Counter(tuple(d['answers']) for d in decisions)}")


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
    if a.kind in ("review", "caserace", "uploads"):
        result = tally_staff(a, load, fault) if a.kind != "uploads" else tally_uploads(a, load, fault)
        result["verdict"], result["why"] = verdict(result)
        json.dump(result, open(a.out, "w"), ensure_ascii=False, indent=1)
        print(f"{a.tag}: {result['verdict']} ({result['why']})")
        return
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
    retries = load.get("retries", [])
    if retries:
        # A comment stored although its answer was an error, whose form sent again landed on that one
        # row: the database went away between the commit and its answer (the portal could not know).
        landed = {r["marker"] for r in retries if r["stored_before_retry"] and r["status"] == 302
                  and len(by_marker.get(r["marker"], [])) == 1 and r["ack"] == by_marker[r["marker"]][0][0]}
        # Rows stored by the retry itself were not stored "although answered with an error".
        before = {r["marker"] for r in retries if r["stored_before_retry"]}
        resolved = [m for m in stored_after_error if m in before and m in landed]
        stored_after_error = [m for m in stored_after_error if m in before and m not in landed]
        retry_ok = [r for r in retries if r["status"] == 302 and r["ack"] is not None and len(by_marker.get(r["marker"], [])) == 1
                    and r["ack"] == by_marker[r["marker"]][0][0]]
        lost += sorted(r["marker"] for r in retries if r["status"] == 302 and r["marker"] not in by_marker)
        for r in retries:
            if r["status"] == 302 and r["ack"] is not None:
                acked[r["marker"]] = r["ack"]
        stored_unacked = sorted(m for m in by_marker if m not in acked)
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
    if retries:
        result["retried"] = {"forms_answered_with_an_error_sent_again_after_the_fault": len(retries),
                             "acknowledged_and_stored_once": len(retry_ok),
                             "already_stored_before_the_retry_commit_answer_lost": len(resolved),
                             "examples_already_stored": resolved[:5],
                             "retry_answers": dict(collections.Counter(str(r["status"]) for r in retries))}
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


def base_result(a, load, fault):
    return {"tag": a.tag, "title": a.title, "kind": a.kind, "sent": load["sent"], "acknowledged": len(load["acked"]),
            "lost": 0, "duplicated_rows": 0, "stored_not_acknowledged": 0, "stored_after_error_answer": 0, "ack_names_other_row": 0,
            "errors_by_status": {k: v for k, v in load["statuses"].items() if not (k.isdigit() and 200 <= int(k) < 400)},
            "statuses": load["statuses"], "timeline": load.get("timeline", {}), "fault": fault}


def tally_staff(a, load, fault):
    """Two staff members saving the same thing at once (j: a comment's disposition and response, k: a
    case's response): exactly one saved, the other the 409 page with the other's change, both audited."""
    decisions = load["decisions"]
    result = base_result(a, load, fault)
    if a.kind == "review":
        ids = ",".join(str(d["comment"]) for d in decisions) or "0"
        rows = {int(i): (r, int(v)) for i, r, v in query(a.db, f'SELECT "Id", coalesce("ResponseAr", \'\'), "ReviewVersion" FROM "ConsultationComments" WHERE "Id" IN ({ids})')}
        entity, saved_action, conflict_action = "ConsultationComment", "consultation.comment.disposition", "consultation.comment.disposition.conflict"
        keys = {d["comment"]: str(d["comment"]) for d in decisions}
    else:
        numbers = ",".join(f"'{d['tracking_number']}'" for d in decisions) or "''"
        rows = {}
        for case_id, text in query(a.db, f'SELECT e."CaseId", coalesce(e."Body", \'\') FROM "CaseTimeline" e JOIN "Cases" c ON c."Id" = e."CaseId" WHERE c."TrackingNumber" IN ({numbers}) AND e."Event" = \'Responded\''):
            rows.setdefault(int(case_id), []).append(text)
        entity, saved_action, conflict_action = "Case", "case.responded", "case.conflict"
        keys = {d["case"]: d["tracking_number"] for d in decisions}
    audit = collections.Counter()
    wanted = ",".join(f"'{k}'" for k in keys.values()) or "''"
    for entity_id, action, n in query(a.db, f'SELECT "EntityId", "Action", count(*) FROM "AuditEntries" WHERE "EntityType" = \'{entity}\' AND "EntityId" IN ({wanted}) AND "Id" > {a.audit_after} GROUP BY 1, 2'):
        audit[(entity_id, action)] += int(n)
    silent = one_each = winners = shown = kept = audited = crossed = 0
    instances = collections.Counter()
    for d in decisions:
        key = d["comment"] if a.kind == "review" else d["case"]
        ok = [x == 302 for x in d["answers"]]
        instances.update(x for x in d["served_by"] if x)
        if len(set(d["served_by"])) == 2:
            crossed += 1
        if all(ok):
            silent += 1  # both told "saved": one overwrote the other
        if sorted(d["answers"]) == [302, 409]:
            one_each += 1
            marker = f"[res-{a.tag}-{decisions.index(d)}-{d['winner']}]"
            if a.kind == "review":
                text, version = rows.get(key, ("", -1))
                if text.startswith(marker) and str(version) == str(int(d["versions"][0] or 0) + 1):
                    winners += 1
            else:
                texts = rows.get(key, [])
                if len(texts) == 1 and texts[0].startswith(marker):
                    winners += 1
            shown += 1 if d.get("conflict_page_shows_other") else 0
            kept += 1 if d.get("conflict_page_keeps_own") else 0
        if audit[(keys[key], saved_action)] == 1 and audit[(keys[key], conflict_action)] == 1:
            audited += 1
    result["stored"] = f"{winners} winners' answers"
    result["race"] = {"races": len(decisions), "one_wins_one_409": one_each, "silent_overwrites": silent,
                      "final_state_is_winners": winners, "conflict_page_shows_the_other_change": shown,
                      "conflict_page_keeps_own_answer": kept, "both_attempts_audited": audited,
                      "posts_answered_by": dict(instances), "races_whose_two_posts_went_to_different_instances": crossed,
                      "answers": dict(collections.Counter(" / ".join(str(x) for x in d["answers"]) for d in decisions))}
    if a.kind == "caserace" and a.mail:
        messages = [m for m in read_mail(a.mail) if any(t == a.tag for t, _, _ in m[2])]
        # The case's subject quotes l's marker; the response, k's.
        markers = collections.Counter(next(f"[res-{t}-{th}-{w}]" for t, th, w in m[2] if t == a.tag) for m in messages)
        winner_markers = {f"[res-{a.tag}-{i}-{d['winner']}]" for i, d in enumerate(decisions) if d.get("winner")}
        ids = collections.Counter(m[0] for m in messages)
        result["emails"] = {"received": len(messages), "expected": len(winner_markers), "distinct_message_ids": len(ids),
                            "duplicated_message_id": sum(n - 1 for n in ids.values() if n > 1),
                            "duplicated_logical": sum(n - 1 for n in markers.values() if n > 1),
                            "missing": len(winner_markers - set(markers)), "sent_for_the_losing_attempt": len(set(markers) - winner_markers),
                            "duplicate_examples": [k for k, n in ids.items() if n > 1][:5]}
    return result


def tally_uploads(a, load, fault):
    uploads = load["uploads"]
    result = base_result(a, load, fault)
    same = sum(1 for u in uploads if u.get("same_bytes"))
    result["stored"] = f"{same} of {len(uploads)} documents read back from the other instance"
    result["lost"] = len(uploads) - same
    result["uploads"] = {"documents": len(uploads), "uploaded_then_downloaded_from_the_other_instance_byte_for_byte": same,
                         "uploaded_to": dict(collections.Counter(u["uploaded_to"] for u in uploads)),
                         "failures": [u for u in uploads if not u.get("same_bytes")][:3]}
    return result


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
        for key, what in (("conflict_page_shows_the_other_change", "conflict pages without the other person's change"),
                          ("conflict_page_keeps_own_answer", "conflict pages without the loser's own answer")):
            if key in race and race[key] != race["races"]:
                problems.append(f"{race['races'] - race[key]} {what}")
        if "posts_answered_by" in race and len(race["posts_answered_by"]) < 2:
            problems.append("the posts did not reach both instances")
    e = r.get("emails") or {}
    if e.get("sent_for_the_losing_attempt"):
        problems.append(f"{e['sent_for_the_losing_attempt']} emails sent for an attempt that was not saved")
    if r.get("kind") == "uploads" and r["lost"]:
        problems.append(f"{r['lost']} documents not read back byte for byte from the other instance")
    retried = r.get("retried")
    if retried and retried["acknowledged_and_stored_once"] != retried["forms_answered_with_an_error_sent_again_after_the_fault"]:
        problems.append(f"{retried['forms_answered_with_an_error_sent_again_after_the_fault'] - retried['acknowledged_and_stored_once']} forms sent again after the fault not acknowledged and stored once")
    if r["kind"] not in ("race", "review", "caserace") and r["acknowledged"] == 0:
        problems.append("nothing acknowledged")
    return ("pass" if not problems else "FAIL"), ("; ".join(problems) if problems else "all targets met")


# --- report ---------------------------------------------------------------------------------------

def cmd_report(a):
    results = []
    for name in sorted(os.listdir(a.work)):
        if name.endswith(".result.json"):
            r = json.load(open(os.path.join(a.work, name)))
            if r.get("kind") in ("load", "race", "double", "review", "caserace", "uploads"):
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
        if r.get("retried"):
            md.append(f"- the same forms sent again after the fault: {r['retried']}")
        if r.get("uploads"):
            md.append(f"- uploads: {r['uploads']}")
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
    for name in ("load", "double", "race", "review", "uploads", "caserace"):
        s = sub.add_parser(name)
        for k in ("base", "sessions", "path", "tag", "out"):
            s.add_argument("--" + k, required=True)
        s.add_argument("--duration", type=int, default=25)
        s.add_argument("--connections", type=int, default=12)
        s.add_argument("--groups", type=int, default=20)
        s.add_argument("--copies", type=int, default=4)
        s.add_argument("--count", type=int, default=20)
        s.add_argument("--moderators")
        s.add_argument("--consultation")
        s.add_argument("--instances")
        s.add_argument("--route")
        s.add_argument("--agency")
        s.add_argument("--db")
        s.add_argument("--retry-errors", action="store_true")
    s = sub.add_parser("tally")
    for k in ("tag", "title", "load", "db", "out"):
        s.add_argument("--" + k, required=True)
    s.add_argument("--mail")
    s.add_argument("--fault")
    s.add_argument("--kind", default="load")
    s.add_argument("--emails-per-row", type=int, default=1)
    s.add_argument("--audit-after", type=int, default=0)
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
     "review": cmd_review, "uploads": cmd_uploads, "caserace": cmd_caserace,
     "tally": cmd_tally, "restore": cmd_restore, "starts": cmd_starts, "report": cmd_report}[a.command](a)


if __name__ == "__main__":
    main()
