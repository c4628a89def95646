"""Real servers on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) and an HTTP server
for webhooks. Each records what arrived, can be made slow, and stops when its block ends."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    """A port nothing listens on (for a server that is 'down')."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    port: int
    delay: float = 0.0
    mails: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        self.mails.append(msg)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@contextmanager
def smtp_server(port: int | None = None, delay: float = 0.0) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox(port or free_port(), delay)
    controller = Controller(box, hostname="127.0.0.1", port=box.port, ready_timeout=5)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Hook:
    port: int
    delay: float = 0.0
    posts: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def webhook_server(delay: float = 0.0) -> Iterator[Hook]:
    hook = Hook(0, delay)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            if hook.delay:
                time.sleep(hook.delay)
            hook.posts.append(json.loads(body))
            hook.headers.append(dict(self.headers))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hook.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
