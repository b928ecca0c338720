"""A real SMTP server on loopback for the email tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """Messages the test SMTP server received."""

    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    """A running SMTP server and what it received."""

    url: str
    inbox: Inbox


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(inbox: Inbox) -> Iterator[SmtpServer]:
    """aiosmtpd delivering to this inbox on a free loopback port, for as long as the block runs."""
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # A loopback relay without TLS: plain delivery has to be asked for explicitly.
        yield SmtpServer(url=f"smtp+insecure://127.0.0.1:{port}", inbox=inbox)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """aiosmtpd listening on a free loopback port."""
    with serving(Inbox()) as server:
        yield server
