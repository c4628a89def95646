"""The ``deadlines`` command line: thin commands over the library.

Each command parses its input, makes one library call and prints. A library
:class:`~deadlines.errors.DeadlineError` becomes one line on stderr and exit code 1, here and only
here; bad command-line input (an impossible date, a malformed period, an unknown calendar) is
rejected by click parameter types with exit code 2.

Output goes through :class:`deadlines.cli.output.Guarded`: a failed write (a full disk, a closed
pipe, an encoding that cannot show Chinese) becomes one line and exit 1, and raises inside the
command, so that ``remind --new`` records nothing it could not print.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from deadlines.cli import output
from deadlines.errors import DeadlineError


class DeadlinesGroup(click.Group):
    """A group that turns every error into one clear line on stderr instead of a traceback.

    Library errors (:class:`DeadlineError`) exit with 1; bad command-line input (click's usage
    errors: an impossible date, a malformed period, an unknown calendar) with 2.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeadlineError as exc:
            raise click.ClickException(str(exc)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            with output.guarded():
                super().main(args, prog_name, complete_var, False, **extra)
        except output.OutputError as exc:
            output.give_up_stdout()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except RecursionError:
            click.echo("Error: the input is nested too deeply to read", err=True)
            sys.exit(1)
        except MemoryError:
            click.echo("Error: out of memory; the input is too large", err=True)
            sys.exit(1)
        except Exception as exc:  # the last guard: one line, never a traceback
            tb, at = exc.__traceback__, ""
            while tb is not None:
                at = f" at {tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
                tb = tb.tb_next
            click.echo(
                f"Error: internal error{at}: {type(exc).__name__}: "
                f"{str(exc)[:200]!r}; please report it with the command that caused it",
                err=True,
            )
            sys.exit(70)
        sys.exit(0)


@click.group(cls=DeadlinesGroup)
@click.version_option(package_name="deadlines")
def main() -> None:
    """Statutory deadlines and reminders for the Shizuishan (Ningxia) 2023 plan.

    Due dates are computed on the Chinese working-day calendar (cn) or with Ningxia's regional
    holidays (cn-nx); every answer explains how it was reached.
    """


def _register() -> None:
    from deadlines.cli import (
        admin_cmd,
        calendar_cmd,
        case_cmd,
        daily_cmd,
        due_cmd,
        notice_cmd,
        rules_cmd,
        send_cmd,
        web_cmd,
    )

    main.add_command(due_cmd.due)
    calendar_cmd.calendar_group.add_command(notice_cmd.import_notice)
    main.add_command(calendar_cmd.calendar_group)
    for command in (
        *case_cmd.COMMANDS,
        *daily_cmd.COMMANDS,
        *send_cmd.COMMANDS,
        *web_cmd.COMMANDS,
        *admin_cmd.COMMANDS,
    ):
        main.add_command(command)
    rules_cmd.register(main)


_register()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
