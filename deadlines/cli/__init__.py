"""The ``deadlines`` command line: thin commands over the library.

Each command parses its input, makes one library call and prints. A library
:class:`~deadlines.errors.DeadlineError` becomes one line on stderr and exit code 1, here and only
here; bad command-line input (an impossible date, a malformed period, an unknown calendar) is
rejected by click parameter types with exit code 2.

Output goes through :class:`deadlines.cli.output.Guarded`: a failed write (a full disk, a closed
stdout, an encoding that cannot show Chinese) becomes one line and exit 1, and raises inside the
command, so that ``remind --new`` records nothing it could not print. A reader that leaves the
pipe (``| head``) ends the command quietly with exit 141, the shell's code for SIGPIPE.

The run's language is decided from the command line and the settings before click parses
anything, so that help and click's own words speak it (:mod:`deadlines.cli.clicklang`). Help texts
are the catalogue's (:mod:`deadlines.messages.help`), not the commands' docstrings, which are for
whoever reads the code.
"""

from __future__ import annotations

import gc

# The cyclic garbage collector is paused while the command line's modules load (click's included)
# and what they made is then frozen (the end of this module; a command's own module likewise, in
# _load): module objects live as long as the process, and collecting while they are made only
# traverses them again and again, ~7% of a command's start (~28M instructions of ~430M, callgrind).
_collecting = gc.isenabled()
gc.disable()

import importlib  # noqa: E402 - after pausing the collector, on purpose
import sys  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import click  # noqa: E402

from deadlines.cli import clicklang, output, settings  # noqa: E402
from deadlines.cli.formats import choose_lang, current_lang  # noqa: E402
from deadlines.errors import DeadlineError  # noqa: E402
from deadlines.messages import LANGS, text  # noqa: E402

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def _given(words: Sequence[str], option: str) -> str | None:
    """The value of the last ``option`` on the command line (before or after the command)."""
    found = None
    for i, w in enumerate(words):
        if w.startswith(f"{option}="):
            found = w.partition("=")[2]
        elif w == option and i + 1 < len(words):
            found = words[i + 1]
    return found


def _run_lang(words: Sequence[str]) -> str | None:
    """The run's language, known before click parses anything, so that help and even a usage
    error speak it: --lang anywhere on the command line, else $DEADLINES_LANG or the
    configuration's (a configuration that cannot be read is reported later, by the command)."""
    lang = _given(words, "--lang")
    if lang in LANGS:
        return lang
    try:
        return settings.load(_given(words, "--config")).lang
    except DeadlineError:
        return None


def _usage_message(exc: click.UsageError) -> str:
    """A usage error in the run's language: click's own words come through the catalogue
    (:mod:`deadlines.cli.clicklang`); a missing parameter is said here, as click ends it with a
    full stop of its own and puts the accepted values after it."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None and exc.ctx is not None:
        lang = current_lang()
        kind = exc.param.param_type_name
        key = f"cli.missing.{kind if kind in ('option', 'argument') else 'parameter'}"
        message = text(key, lang, param=exc.param.get_error_hint(exc.ctx))
        accepted = exc.param.type.get_missing_message(param=exc.param, ctx=exc.ctx)
        return message + (text("cli.sep", lang) + accepted if accepted else "")
    return exc.format_message()


def _named(root: click.Group, words: Sequence[str]) -> str:
    """``deadlines calendar month``: the commands the command line names, for where its help is."""
    names = ["deadlines"]
    command: click.Command = root
    ctx = click.Context(root)
    rest = iter(words)
    for word in rest:
        if word in ("--config", "--lang"):  # the options taking a value before a command
            next(rest, None)
        elif not word.startswith("-"):
            sub = command.get_command(ctx, word) if isinstance(command, click.Group) else None
            if sub is None:
                break
            names.append(word)
            command = sub
    return " ".join(names)


class DeadlinesGroup(click.Group):
    """A group that turns every error into one clear line on stderr instead of a traceback.

    Library errors (:class:`DeadlineError`) exit with 1; bad command-line input (click's usage
    errors: an impossible date, a malformed period, an unknown calendar) with 2.
    """

    context_class = clicklang.HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMAND_MODULES)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """Completing a command's name: each is offered with its help (zsh, fish)."""
        clicklang.localize(ctx)
        return super().shell_complete(ctx, incomplete)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as exc:  # click's did-you-mean knows only loaded commands
            raise click.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMAND_MODULES:
            _load(_COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except output.OutputError:
            raise  # main gives stdout up first, so that the exit does not fail a second time
        except DeadlineError as exc:
            raise click.ClickException(exc.in_lang(current_lang())) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        choose_lang(_run_lang(words))
        clicklang.install()
        if not standalone_mode:
            return super().main(words, prog_name, complete_var, False, **extra)
        try:
            self._standalone(words, prog_name, complete_var, **extra)
        finally:
            if args is None:  # a process of its own, not a caller's (tests, CliRunner)
                _teardown_uninterrupted()

    def _standalone(
        self, words: list[str], prog_name: str | None, complete_var: str | None, **extra: Any
    ) -> None:
        """Run the command; every way out is one line and an exit code, never a traceback."""
        try:
            with output.guarded():
                output.check_arguments(words)
                super().main(words, prog_name, complete_var, False, **extra)
        except output.OutputError as exc:
            output.give_up_stdout()
            if exc.reader_left:  # `| head`: quiet, with the shell's code for SIGPIPE
                sys.exit(128 + 13)
            _fail(exc.in_lang(current_lang()), 1)
        except output.ArgumentError as exc:
            _fail(exc.in_lang(current_lang()), 2)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare group: its help, not an error
            click.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            # click's parser leaves out the context of an option missing its value
            command = exc.ctx.command_path if exc.ctx else _named(self, words)
            _fail(
                _usage_message(exc) + " " + text("cli.see_help", current_lang(), command=command),
                exc.exit_code,
            )
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            click.echo(text(_aborted_key(), current_lang()), err=True)
            sys.exit(1)
        except RecursionError:
            _fail(text("cli.too_deep", current_lang()), 1)
        except OSError as exc:  # a file named on the command line: missing folder, permissions
            # the system's own words (strerror) are quoted as it says them
            name = f" {exc.filename}" if exc.filename else ""
            reason = exc.strerror or str(exc)
            _fail(text("cli.cannot_use", current_lang(), name=name, reason=reason), 1)
        except MemoryError:
            _fail(text("cli.out_of_memory", current_lang()), 1)
        except Exception as exc:  # the last guard: one line, never a traceback
            tb, at = exc.__traceback__, ""
            while tb is not None:
                at = f" at {tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
                tb = tb.tb_next
            _fail(
                f"internal error{at}: {type(exc).__name__}: {str(exc)[:200]!r}; please report it "
                "with the command that caused it",
                70,
            )
        sys.exit(0)


def _fail(message: str, code: int) -> None:
    """The one line on stderr: control characters in the message (a path or value with a line
    break in it) are escaped, so an error is always exactly one line."""
    click.echo(text("cli.error", current_lang(), message=output.one_line(message)), err=True)
    sys.exit(code)


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: click's own says it in the language of the moment the program was loaded."""
    if value and not ctx.resilient_parsing:
        from importlib.metadata import version

        said = text("cli.version", current_lang(), prog=ctx.info_name, version=version("deadlines"))
        click.echo(said)
        ctx.exit()


@click.group(cls=DeadlinesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version)
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Statutory deadlines and reminders for the Shizuishan (Ningxia) 2023 plan.

    Due dates are computed on the Chinese working-day calendar (cn) or with Ningxia's regional
    holidays (cn-nx, the plan's own); every answer explains how it was reached. Output is
    Chinese unless --lang en (or lang = "en" in deadlines.toml); --format json|jsonl|csv for
    programs.
    """
    ctx.with_resource(settings.exported(settings.load(config_path)))


clicklang.adopt(main)


# Each command's module, imported only when that command runs (or --help lists them all): a
# command pays for its own imports, not for the web server's or the mail sender's.
_COMMAND_MODULES = {
    "due": "due_cmd",
    "calendar": "calendar_cmd",
    "config": "config_cmd",
    **dict.fromkeys(("kinds", "events"), "catalogue_cmd"),
    **dict.fromkeys(("init", "case", "event", "import"), "case_cmd"),
    **dict.fromkeys(("next", "remind", "overdue", "recompute"), "daily_cmd"),
    **dict.fromkeys(("send", "outbox", "export"), "send_cmd"),
    **dict.fromkeys(("serve", "user"), "web_cmd"),
    **dict.fromkeys(("check", "backup"), "admin_cmd"),
    "rules": "rules_cmd",
}


@contextmanager
def _long_lived() -> Iterator[None]:
    """Import with the collector paused, then freeze what was made (see the top of the module)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _load(module_name: str) -> None:
    """Register the commands of ``deadlines.cli.<module_name>``."""
    with _long_lived():
        module = importlib.import_module(f"deadlines.cli.{module_name}")
    commands: tuple[click.Command, ...]
    if module_name == "due_cmd":
        commands = (module.due,)
    elif module_name == "calendar_cmd":
        from deadlines.cli import notice_cmd

        module.calendar_group.add_command(notice_cmd.import_notice)
        commands = (module.calendar_group,)
    elif module_name == "config_cmd":
        commands = (module.config_cmd,)
    elif module_name == "rules_cmd":
        commands = (module.rules_group,)
    else:
        commands = module.COMMANDS
    for command in commands:
        clicklang.adopt(command)
        main.add_command(command)


gc.freeze()
if _collecting:
    gc.enable()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _aborted_key() -> str:
    """An interruption after a write was committed (a recompute printing its thousands of moves,
    a sending run printing what it recorded) says the write stands: "Aborted." alone would let
    the user believe nothing changed and run it again."""
    database = sys.modules.get("deadlines.store.database")
    saved = database is not None and database.Store.commits > 0
    return "cli.aborted_saved" if saved else "cli.aborted"


def _teardown_uninterrupted() -> None:
    """The command has said its last word (its output or its one-line error): a Ctrl-C during
    the interpreter's teardown (multiprocessing joining its helpers at exit) would otherwise kill
    the process by the signal, with no word and exit -2, after a run that succeeded."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
