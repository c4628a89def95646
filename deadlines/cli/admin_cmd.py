"""Looking after the store file: ``check`` (is it whole?) and ``backup`` (a consistent copy).

Each makes one library call (:mod:`deadlines.store.health`) and prints.
"""

from __future__ import annotations

import click

from deadlines.cli.store_common import db_option, open_db
from deadlines.store.database import default_path
from deadlines.store.health import backup, check_store


@click.command("check")
@db_option
def check_cmd(db: str | None) -> None:
    """Check the store: SQLite's integrity check and the program's own invariants.

    Exit 0 when all is well; otherwise one line per problem and exit 1 (restore from a backup:
    see the README).
    """
    problems = check_store(db)
    path = default_path(db)
    if problems:
        for p in problems:
            click.echo(p)
        n = len(problems)
        raise click.ClickException(
            f"store {path}: {n} problem{'s' * (n != 1)} (listed above); restore it from a backup "
            "(README: Backup and restore)"
        )
    with open_db(db) as store:
        counts = store.counts()
    click.echo(
        f"ok: store {path} is whole ({counts['cases']} cases, {counts['events']} events, "
        f"{counts['obligations']} obligations)"
    )


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
@db_option
def backup_cmd(dest: str, db: str | None) -> None:
    """Copy the store to DEST (a new file) with SQLite's online backup; safe while jobs run."""
    with open_db(db) as store:
        pages = backup(store, dest)
        path = store.path
    click.echo(f"backed up {path} to {dest} ({pages} pages)")


COMMANDS: tuple[click.Command, ...] = (check_cmd, backup_cmd)
