"""Handing one message to one destination, through apprise.

apprise already speaks SMTP mail, 企业微信 and 钉钉 group robots, 飞书 and plain JSON webhooks, with
their authentication and quirks; we write no SMTP or webhook client of our own. It is imported
here, when a message is actually sent, so that every other command starts without it.

Each message carries its notice ids: a mail in its header ``X-Deadlines-Notices``, a JSON webhook
in its payload's ``deadlines`` member, and every channel at the end of each line of its text. Mail also gets
a stable ``Message-ID``: apprise offers no way to set one (a header of our own would make a second
``Message-ID``, which RFC 5322 forbids and large providers reject), so while a mail is built its
id generator answers with the message's own id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from deadlines.errors import DeadlineError
from deadlines.notices.units import Units, UnitsError, expand, is_mail

CHAT_ROBOTS = ("wecombot", "dingtalk", "feishu", "lark")


class DeliveryError(DeadlineError):
    """A destination did not accept a message; the text says why (one line)."""


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    mimetype: str


def check_destinations(units: Units) -> None:
    """Every destination must be a URL apprise understands (secrets replaced by a placeholder)."""
    import apprise

    for unit, urls in units.send_to.items():
        for i, url in enumerate(urls):
            probe = expand(url, _Placeholders())
            if apprise.Apprise.instantiate(probe, asset=_asset()) is None:
                raise UnitsError(
                    key="units.unknown_service",
                    where=f'{units.path}: units."{unit}".send_to[{i}]',
                    url=url,
                )


class _Placeholders(dict[str, str]):
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> str:
        return "placeholder"


def _asset() -> Any:
    import apprise

    # memory only: apprise would otherwise keep state files in the user's home directory
    return apprise.AppriseAsset(storage_mode="memory")


def deliver(
    url: str,
    *,
    title: str,
    body: str,
    message_id: str,
    notice_ids: Sequence[str],
    attachments: Sequence[Attachment] = (),
) -> None:
    """Send one message; raise :class:`DeliveryError` with apprise's reason if it fails."""
    import apprise
    from apprise.attachment.memory import AttachMemory

    plugin = apprise.Apprise.instantiate(expand(url), asset=_asset())
    if plugin is None:
        raise DeliveryError(f"apprise does not understand the destination {url}")
    _label(plugin, message_id, notice_ids, mail=is_mail(url))
    attach = apprise.AppriseAttachment(asset=_asset())
    for a in attachments:
        memory = AttachMemory(content=a.content, name=a.name, mimetype=a.mimetype)  # type: ignore[no-untyped-call]
        attach.add(memory)
    robot = url.split("://", 1)[0].lower() in CHAT_ROBOTS
    parts = _parts(title, body, plugin.body_maxlen) if robot else [(title, body)]
    for part_title, part_body in parts:
        _notify(
            plugin,
            part_title,
            part_body,
            attach if attachments else None,
            message_id if is_mail(url) else None,
        )


def _notify(plugin: Any, title: str, body: str, attach: Any, mail_id: str | None) -> None:
    import apprise

    with (
        apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as log,  # type: ignore[no-untyped-call]
        _fixed_message_id(mail_id),
    ):
        try:
            ok = plugin.notify(
                body=body, title=title, body_format=apprise.NotifyFormat.TEXT, attach=attach
            )
        except Exception as exc:  # a plugin's own bug must not stop the other destinations
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from None
    if not ok:
        raise DeliveryError(_reason(log.getvalue()))


def _parts(title: str, body: str, limit: int) -> list[tuple[str, str]]:
    """A group robot's text limit is in bytes (企业微信: 2048) where apprise counts characters:
    cut the digest between lines into parts that fit with their title, numbered (1/3)."""
    budget = max(limit - len(title.encode()) - 16, 200)
    parts: list[str] = []
    current = ""
    for line in body.splitlines(keepends=True):
        line = line.encode()[:budget].decode(errors="ignore")  # a line alone longer than a part
        if current and len((current + line).encode()) > budget:
            parts.append(current)
            current = ""
        current += line
    parts.append(current)
    if len(parts) == 1:
        return [(title, body)]
    return [(f"{title} ({i}/{len(parts)})", part) for i, part in enumerate(parts, 1)]


def _label(plugin: Any, message_id: str, notice_ids: Sequence[str], *, mail: bool) -> None:
    """Put the message id and its notice ids where the channel has room for them: mail headers
    (the id list folded over lines: a mail line may not pass 998 characters), and a ``deadlines``
    member of a JSON webhook's payload (an HTTP header that long would be refused)."""
    headers = getattr(plugin, "headers", None)
    if isinstance(headers, dict):
        headers["X-Deadlines-Message"] = message_id
        if mail:
            headers["X-Deadlines-Notices"] = "\n ".join(notice_ids)
    extras = getattr(plugin, "payload_extras", None)
    if isinstance(extras, dict):
        extras["deadlines"] = {"message_id": message_id, "notices": list(notice_ids)}


def _reason(log: str) -> str:
    """apprise's warnings, and the socket or HTTP detail it logs at debug level, on one line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    keep = [
        line
        for line in lines
        if not line.startswith("DEBUG ") or "Exception" in line or "error" in line.lower()
    ]
    text = "; ".join(line.removeprefix("DEBUG ").removeprefix("WARNING ") for line in keep[-3:])
    return text or "the destination refused the message"


@contextmanager
def _fixed_message_id(message_id: str | None) -> Iterator[None]:
    """While a mail is built, apprise's Message-ID generator returns ``message_id``."""
    if message_id is None:
        yield
        return
    from unittest import mock

    from apprise.plugins.email import base

    with mock.patch.object(base, "make_msgid", return_value=message_id):
        yield
