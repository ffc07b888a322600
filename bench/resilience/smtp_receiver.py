#!/usr/bin/env python3
"""A real SMTP receiver for the resilience suite (bench/README.md): aiosmtpd on 127.0.0.1:PORT that
accepts every message and writes it, exactly as received, to FOLDER/<time>-<n>.eml (through a
temporary name, so a reader only ever sees whole files). Message-IDs are counted from these files.

    smtp_receiver.py PORT FOLDER
"""
import itertools
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller

counter = itertools.count(1)


class Writer:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time():.6f}-{os.getpid()}-{next(counter):06d}.eml"
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Writer(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"SMTP receiver on 127.0.0.1:{port}, writing to {folder}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
