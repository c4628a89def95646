"""What the store's commands share: the --db, --as-of and --lang options, opening the store,
progress on a terminal, and printing the moves a change made."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import click

from deadlines.cli.common import DATE
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
    help="The store file (default: $DEADLINES_DB, else ./deadlines.db).",
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Replay this day instead of today in China (Asia/Shanghai).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the human output.",
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


def print_moves(moves: Sequence[Move], *, header: bool = True) -> None:
    for m in moves:
        old = m.old_due.isoformat() if m.old_due else "—"
        new = m.new_due.isoformat() if m.new_due else "—"
        prov = " (provisional)" if m.new_provisional else ""
        inst = f" [{m.instance}]" if m.instance else ""
        click.echo(f"  {m.change:9} {m.case_id} {m.rule_id}{inst}: {old} -> {new}{prov}")
