"""What the store's commands share: the --db and --as-of options, opening the store, progress on
a terminal, and the moves a change made (records and lines)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import click

from deadlines.cli.common import BOUNDED_DATE
from deadlines.cli.formats import Output, width
from deadlines.store.config import StoreConfig
from deadlines.store.database import (
    Move,
    Store,
    open_store,
)

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="DEADLINES_DB",
    default=None,
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    type=BOUNDED_DATE,
    default=None,
)


def open_db(db: str | None) -> Store:
    return open_store(db)


@contextmanager
def progress(length: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silent in cron jobs and pipes."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_eta=True) as bar:
        yield bar.update


def config_line(cfg: StoreConfig, out: Output) -> str:
    """The rule and calendar folders a store computes with (deadlines.store.config)."""
    return out.t(
        "store.config",
        rules=", ".join(cfg.rules) or out.t("store.plan_rules_only"),
        calendars=cfg.calendars or out.t("store.shipped_calendars"),
    )


def move_lines(moves: Sequence[Move], out: Output) -> Iterator[str]:
    """``  改期 E-1 enforcement.filed: 2026-11-30 -> 2026-12-01``, one line a move."""
    labels = [out.t(f"change.{m.change}") for m in moves]
    w = max((width(label) for label in labels), default=0)
    for m, label in zip(moves, labels, strict=True):
        pad = " " * (w - width(label))
        old = m.old_due.isoformat() if m.old_due else "—"
        new = m.new_due.isoformat() if m.new_due else "—"
        prov = f" {out.t('cli.provisional')}" if m.new_provisional else ""
        inst = f" [{m.instance}]" if m.instance else ""
        yield f"  {label}{pad} {m.case_id} {m.rule_id}{inst}: {old} -> {new}{prov}"
