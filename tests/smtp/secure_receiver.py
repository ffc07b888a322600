"""A real SMTP server for the STARTTLS and AUTH tests (tests/EParticipation.Tests/Notifications/SmtpConnectionTests.cs).

aiosmtpd offering STARTTLS with the given certificate, refusing AUTH before TLS and mail before AUTH,
accepting one user name and password. Each accepted message goes into a Maildir; each session step
is written as a line to the log file, which the test reads.

usage: secure_receiver.py PORT CERT_PEM KEY_PEM MAILDIR USER PASSWORD LOG
"""
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, maildir, user, password, log_path = sys.argv[1:8]
log = open(log_path, "a", buffering=1, encoding="utf-8")
lock = threading.Lock()


def note(line):
    with lock:
        log.write(line + "\n")


class Handler(Mailbox):
    # aiosmtpd calls this hook without awaiting it, once the TLS handshake succeeded.
    def handle_STARTTLS(self, server, session, envelope):
        note("STARTTLS")
        return True

    async def handle_DATA(self, server, session, envelope):
        note(f"DATA tls={session.ssl is not None} authenticated={session.authenticated} to={','.join(envelope.rcpt_tos)}")
        return await super().handle_DATA(server, session, envelope)


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    name = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "?"
    note(f"AUTH {name} {'ok' if ok else 'refused'} tls={session.ssl is not None}")
    # handled=False: aiosmtpd answers 535 itself on a refusal.
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(
    Handler(maildir),
    hostname="127.0.0.1",
    port=int(port),
    tls_context=context,
    require_starttls=True,
    authenticator=authenticate,
    auth_required=True,
    auth_require_tls=True,
)
controller.start()
note("READY")
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
stop.wait()
controller.stop()
