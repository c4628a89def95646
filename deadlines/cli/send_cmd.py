"""Delivery commands: send (the daily job), outbox (what was and was not delivered), and
export ics (calendar feeds).

Each opens the store, makes one library call (deadlines.notices.sending, .outbox, .ics) and
prints; library errors become one line and exit 1 in the group (deadlines.cli).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import click

from deadlines.cli.formats import Output, lang_option, output_options
from deadlines.cli.store_common import as_of_option, db_option, open_db
from deadlines.errors import DeadlineError
from deadlines.messages import Lang, check_lang, text
from deadlines.model import NO_UNIT
from deadlines.notices import ics, outbox
from deadlines.notices.sending import SendReport, send
from deadlines.notices.units import load_units, units_path


@click.command("send")
@as_of_option
@click.option("--dry-run", is_flag=True)
@click.option("--unit", "only", multiple=True)
@click.option(
    "--units",
    "units_file",
    type=click.Path(dir_okay=False),
    default=None,
)
@db_option
@output_options
def send_cmd(
    as_of: dt.date | None,
    dry_run: bool,
    only: tuple[str, ...],
    units_file: str | None,
    db: str | None,
    out: Output,
) -> None:
    """Deliver the day's new notices: one digest per unit to each of its destinations.

    Destinations are apprise URLs in the units file (mail, 企业微信 / 钉钉 / 飞书 group robots, JSON
    webhooks). Each message is kept in the store's outbox until delivered; a failed one is retried
    by later runs. Exit 1 with a one-line summary when a destination failed or a unit with notices
    has no destination.
    """
    language = out.lang
    with open_db(db) as store:
        units = load_units(units_path(units_file, store.path))
        report = send(store, units, as_of, only=only, dry_run=dry_run, lang=language)
    document = report.as_json()
    out.emit([document], lambda: _report_lines(report, language), document=document)
    problems = _problems(report, language)
    if problems:
        for line in problems[:-1]:
            click.echo(text("cli.error", language, message=line), err=True)
        raise click.ClickException(problems[-1])


def _report_lines(report: SendReport, lang: Lang) -> Iterator[str]:
    if report.dry_run:
        yield text("delivery.dry_run", lang)
        for m in report.queued:
            yield (
                text(
                    "delivery.would_send",
                    lang,
                    destination=m.destination,
                    title=m.title,
                    n=len(m.notices),
                )
            )
            yield "  " + m.body.rstrip("\n").replace("\n", "\n  ")
        for a in report.attempts:
            m = a.message
            yield (
                text(
                    "delivery.would_retry",
                    lang,
                    destination=m.destination,
                    title=m.title,
                    attempt=m.attempts + 1,
                )
            )
        if not report.queued and not report.attempts:
            yield text("delivery.nothing", lang)
        return
    for a in report.attempts:
        state = "delivered" if a.error is None else "failed"
        line = (
            f"{text(f'delivery.state.{state}', lang)}  {a.message.destination}  {a.message.title}"
        )
        yield line + (f"  ({why_failed(a.error, lang)})" if a.error else "")
    yield (
        text(
            "delivery.summary",
            lang,
            sent=report.sent,
            failed=len(report.failed),
            pending=report.pending,
            notices=len(report.notices),
        )
    )


def _problems(report: SendReport, lang: Lang) -> list[str]:
    """One line per unit without a destination, then one for the failed destinations."""
    lines = [
        text("delivery.unrouted", lang, unit=unit, n=len(ids), path=report.units_file)
        if unit != NO_UNIT
        else text("delivery.no_unit", lang, n=len(ids))
        for unit, ids in report.unrouted.items()
    ]
    if report.failed and not report.dry_run:
        destinations = ", ".join(dict.fromkeys(a.message.destination for a in report.failed))
        lines.append(
            text(
                "delivery.failed_line",
                lang,
                n=len(report.failed),
                destinations=destinations,
            )
        )
    elif report.pending and not report.dry_run:
        # nothing failed in this run, but a message is still undelivered: cron must hear of it
        lines.append(text("delivery.waiting_line", lang, n=report.pending))
    return lines


_WHY = (
    ("refused", re.compile(r"connection refused|errno 111", re.I)),
    ("timeout", re.compile(r"timed? ?out", re.I)),
    ("host", re.compile(r"name or service not known|getaddrinfo|nodename nor servname", re.I)),
    ("login", re.compile(r"authenticat|\b535\b|username and password", re.I)),
    ("http", re.compile(r"(?:error|code)[=: ]+([45]\d\d)\b", re.I)),
)


def why_failed(raw: str, lang: Lang) -> str:
    """Why a delivery failed, in ``lang``: the channel's own words are English, so a Chinese run
    names the kind of failure (refused, timed out, unknown host, login, HTTP status) and points
    to ``--lang en`` for the rest; the raw words stay in the JSON's ``last_error``."""
    for kind, pattern in _WHY:
        found = pattern.search(raw)
        if found:
            code = found.group(1) if found.groups() else ""
            return text(f"delivery.why.{kind}", lang, raw=raw, code=code)
    return text("delivery.why.other", lang, raw=raw)


@click.command("outbox")
@click.option("--pending", "which", flag_value="pending")
@click.option("--failed", "which", flag_value="failed")
@db_option
@output_options
def outbox_cmd(which: str | None, db: str | None, out: Output) -> None:
    """The messages sent and owed: destination, state, attempts, last error, notice ids."""
    with open_db(db) as store:
        messages = outbox.listing(store.conn, cast(outbox.Which, which or "all"))

    def lines() -> Iterator[str]:
        if not messages:
            yield out.t("delivery.outbox.empty")
        for m in messages:
            state = "failed" if m.failed else m.state
            when = m.delivered_at or m.next_attempt_at or m.created_at
            yield (
                f"{m.id}  {out.t(f'delivery.state.{state}')}  {when}  "
                f"{out.t('delivery.attempts', n=m.attempts)}  {m.unit}  {m.destination}"
            )
            yield f"    {m.title}"
            yield f"    {' '.join(m.notices)}"
            if m.last_error and m.state == "pending":
                yield f"    {why_failed(m.last_error, out.lang)}"

    out.emit([m.as_json() for m in messages], lines, columns=outbox.MESSAGE_KEYS)


@click.group("export")
def export_group() -> None:
    """Export the stored deadlines for other programs (calendar feeds)."""


@export_group.command("ics")
@click.option("--unit", default=None)
@click.option("--case", "case_id", metavar="ID", default=None)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
)
@as_of_option
@lang_option
@db_option
def export_ics(
    unit: str | None,
    case_id: str | None,
    output: str | None,
    as_of: dt.date | None,
    lang: str,
    db: str | None,
) -> None:
    """One all-day event per deadline (RFC 5545), for Outlook or a phone calendar.

    UIDs are stable, so a calendar that imports the file again updates its events; a deadline met
    in the last 30 days, or announced and then taken away by a correction, is exported as
    cancelled. With --case, every deadline of the case.
    """
    with open_db(db) as store:
        data = ics.export(store, unit=unit, case=case_id, lang=check_lang(lang), as_of=as_of)
    if output is None:
        click.echo(data, nl=False)
        return
    _write_whole(Path(output), data)


def _write_whole(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a reader sees old or new."""
    folder = path.parent or Path(".")
    if not folder.is_dir():
        raise DeadlineError(key="export.no_folder", path=str(path), folder=str(folder))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    except OSError as exc:
        raise DeadlineError(
            key="export.cannot_write", path=str(path), reason=exc.strerror or exc
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


COMMANDS: tuple[click.Command, ...] = (send_cmd, outbox_cmd, export_group)
