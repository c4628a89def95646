"""Looking after the store file: ``check`` (is it whole?) and ``backup`` (a consistent copy).

Each makes one library call (:mod:`deadlines.store.health`) and prints through the output
contract (:mod:`deadlines.cli.formats`).
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from deadlines.cli.formats import Output, output_options
from deadlines.cli.store_common import db_option, open_db
from deadlines.store.database import default_path
from deadlines.store.health import backup, check_store


@click.command("check")
@db_option
@output_options
def check_cmd(db: str | None, out: Output) -> None:
    """Check the store: SQLite's integrity check and the program's own invariants.

    Exit 0 when all is well; otherwise one line per problem and exit 1 (restore from a backup:
    see the README). JSON: {store, ok, problems, cases, events, obligations}.
    """
    problems = check_store(db, lang=out.lang)
    path = str(default_path(db))
    counts: dict[str, int | None] = {"cases": None, "events": None, "obligations": None}
    if not problems:
        with open_db(db) as store:
            counts = {k: v for k, v in store.counts().items() if k in counts}
    record = {"store": path, "ok": not problems, "problems": problems, **counts}

    def lines() -> Iterator[str]:
        if problems:
            yield from problems
        else:
            yield out.t("check.ok", path=path, **counts)

    out.emit([record], lines, document=record)
    if problems:
        raise click.ClickException(out.t("check.failed", path=path, n=len(problems)))


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
@db_option
@output_options
def backup_cmd(dest: str, db: str | None, out: Output) -> None:
    """Copy the store to DEST (a new file) with SQLite's online backup; safe while jobs run.
    JSON: {store, backup, pages}."""
    with open_db(db) as store:
        pages = backup(store, dest)
        path = str(store.path)
    record = {"store": path, "backup": dest, "pages": pages}
    out.emit(
        [record], lambda: [out.t("backup.done", path=path, dest=dest, pages=pages)], document=record
    )


COMMANDS: tuple[click.Command, ...] = (check_cmd, backup_cmd)
