"""The clerk's web view: ``deadlines serve`` and its accounts (``deadlines user add | list``).

The web libraries (Starlette, uvicorn, Jinja2, argon2) are imported inside the commands, so every
other command starts as fast as before.
"""

from __future__ import annotations

import getpass
import sys

import click

from deadlines.cli.formats import Choice, Output, Range, current_lang, output_options, table
from deadlines.cli.store_common import db_option, open_db
from deadlines.errors import StoreError
from deadlines.messages import text


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=Range(1, 65535), default=8000, show_default=True)
@db_option
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the clerk's pages and the JSON API over the store (uvicorn, one process).

    Pages: today's list, a case with its next deadline and the form to record an event, "when is
    it due", the calendar, the overdue counts. Accounts: `deadlines user add`.
    """
    open_db(db).close()  # a missing or foreign store is one clear error now, not at first request
    import uvicorn

    from deadlines.web.app import create_app

    lang = current_lang()
    shown = db or text("serve.the_store", lang)
    click.echo(text("serve.serving", lang, db=shown, host=host, port=port), err=True)
    from deadlines.cli.settings import current

    app = create_app(db, default_calendar=current().calendar)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@click.group("user")
def user_group() -> None:
    """Web accounts: clerks (one unit), supervisors (every unit, read only), admins."""


def _read_password() -> str:
    if sys.stdin.isatty():
        lang = current_lang()  # click asks the repeat and says a mismatch in the same language
        said, suffix = text("cli.password", lang), text("cli.prompt_suffix", lang)
        return str(
            click.prompt(said, hide_input=True, confirmation_prompt=True, prompt_suffix=suffix)
        )
    line = sys.stdin.readline()
    if not line:
        raise StoreError(key="user.no_password")
    return line.rstrip("\r\n")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment (a container, a cron job)
        return "unknown"


@user_group.command("add")
@click.argument("name")
@click.option("--unit", default=None)
@click.option(
    "--role",
    type=Choice(["clerk", "supervisor", "admin"]),
    required=True,
)
@db_option
@output_options
def user_add(name: str, unit: str | None, role: str, db: str | None, out: Output) -> None:
    """Add account NAME; the password is prompted (read from standard input when piped)."""
    from deadlines.web.accounts import add_user, check_new_user, unit_known

    check_new_user(name, unit, role, "x" * 64)  # refuse a bad name before asking the password
    password = _read_password()
    with open_db(db) as store:
        add_user(store, name, unit, role, password, by=f"cli:{_os_user()}")
        unknown = unit is not None and not unit_known(store, unit)
    record = {"name": name, "role": role, "unit": unit}
    said = {"role": out.t(f"web.role.{role}"), "name": name, "unit": unit}
    out.emit([record], lambda: [out.t("user.added_unit" if unit else "user.added", **said)])
    if unknown:
        click.echo(out.t("user.unit_unknown", unit=unit), err=True)


@user_group.command("list")
@db_option
@output_options
def user_list(db: str | None, out: Output) -> None:
    """The accounts: name, role, unit."""
    from deadlines.web.accounts import list_users

    with open_db(db) as store:
        users = list_users(store)
    keys = ("name", "role", "unit")
    records = [{"name": u.name, "role": u.role, "unit": u.unit} for u in users]
    heads = [out.t(f"user.head.{k}") for k in keys]
    rows = [[u.name, out.t(f"web.role.{u.role}"), u.unit or "—"] for u in users]
    out.emit(records, lambda: table(heads, rows), columns=keys)


COMMANDS: tuple[click.Command, ...] = (serve, user_group)
