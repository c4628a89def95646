"""click in the run's language: its own words, and every command's help from the catalogue.

**click's own words** ("Usage:", "Options", its usage and type errors with their did-you-mean):
click marks each with gettext, bound per module (``from gettext import gettext as _``). The
standard library would look those up only in compiled ``.mo`` files, for one process-wide domain
picked by the locale's environment variables, so a Chinese run would depend on ``LANG`` and on a
file to compile. :func:`install` instead binds, in each of click's modules, a ``_`` and an
``ngettext`` that look click's English up in the catalogue's ``click.*`` table
(:mod:`deadlines.messages.usage`) and give click the text of the run's language to fill in. With
``--lang en`` they return click's own English unchanged.

**Help texts** (a command's help, the short line a group lists it by, each option's help, an
epilog) live in the catalogue's ``help:`` table (:mod:`deadlines.messages.help`), keyed by the
command's path: ``help:deadlines due``, ``help:deadlines due --from``; an option without a text of
its own under that command takes the shared one, ``help:--db``. They are put on the command
objects by :func:`localize` just before click renders help (or completes a word, where zsh and fish
show the help beside each candidate), so no run that shows no help reads the table.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from deadlines.cli.formats import Choice, current_lang, width
from deadlines.messages import LANGS, Lang, has, section, text

ROOT = "deadlines"
EPILOG = "#epilog"

# the click modules whose texts a user of this program can meet (shell_completion only when
# completing: it is imported then)
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")

_translations: dict[str, str] = {}


def _zh() -> dict[str, str]:
    """click's English (the singular of a plural pair) -> our Chinese."""
    if not _translations:
        for entry in section("click.").values():
            en = entry["en"]
            zh = entry["zh"]
            assert isinstance(zh, str)
            _translations[en[0] if isinstance(en, tuple) else en] = zh
    return _translations


def gettext(message: str) -> str:
    """click's ``_``: ``message`` in the run's language."""
    if current_lang() == "en":
        return message
    return _zh().get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``: English has two forms, Chinese one."""
    if current_lang() == "en":
        return singular if n == 1 else plural
    return _zh().get(singular, plural)


def install() -> None:
    """Bind :func:`gettext` and :func:`ngettext` into click's modules (once; cheap after)."""
    names = list(_MODULES)
    if "click.shell_completion" in sys.modules:
        names.append("shell_completion")
    for name in names:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is not gettext:
            module._ = gettext  # type: ignore[attr-defined]
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext  # type: ignore[attr-defined]


# --- help texts ----------------------------------------------------------------------------------
def command_path(ctx: click.Context) -> str:
    """``deadlines calendar month``: the command's names from the root, whatever argv[0] was."""
    names: list[str] = []
    c: click.Context | None = ctx
    while c is not None and c.parent is not None:
        names.append(c.command.name or "")
        c = c.parent
    return " ".join([ROOT, *reversed(names)])


def short(help_text: str) -> str:
    """The line a group lists a command by: the first paragraph of its help."""
    return " ".join(help_text.split("\n\n", 1)[0].split())


def option_key(path: str, option: click.Option) -> str:
    """The catalogue key of ``option``'s help under the command at ``path``."""
    flag = max(option.opts, key=len)
    own = f"help:{path} {flag}"
    return own if has(own) else f"help:{flag}"


def options(command: click.Command, ctx: click.Context) -> Iterator[click.Option]:
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            yield param


def localize(ctx: click.Context, *, loaded_only: bool = False) -> None:
    """Give ``ctx``'s command, its options and the commands it lists their help in the run's
    language (with ``loaded_only``, of its sub-commands only those already imported)."""
    lang: Lang = current_lang()
    command, path = ctx.command, command_path(ctx)
    command.help = text(f"help:{path}", lang)
    command.epilog = text(f"help:{path} {EPILOG}", lang) if has(f"help:{path} {EPILOG}") else None
    for option in options(command, ctx):
        option.help = text(option_key(path, option), lang)
    if isinstance(command, click.Group):
        for name in list(command.commands) if loaded_only else command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                sub.short_help = short(text(f"help:{path} {name}", lang))


# --- laying help out by display width ------------------------------------------------------------
# A line may break between two Chinese characters (not only at spaces), but never before a closing
# mark or after an opening one.
# (an ASCII quote is either; quoted Chinese is kept with its quotes)
_CLOSING = set("，。、；：？！）」』】》”’,.;:?!)]}'\"")
_OPENING = set("（「『【《“‘([{'\"")


def _tokens(text: str) -> list[str]:
    """Words, single wide characters and single spaces, punctuation kept with its neighbour."""
    out: list[str] = []
    word = ""
    glue = False  # the previous token ended with an opening mark: the next one joins it

    def push(token: str) -> None:
        nonlocal glue
        if out and out[-1] != " " and (glue or token[0] in _CLOSING):
            out[-1] += token
        else:
            out.append(token)
        glue = token[-1] in _OPENING

    for ch in text:
        if ch.isspace() or width(ch) == 2:
            if word:
                push(word)
                word = ""
            if not ch.isspace():
                push(ch)
            elif out and out[-1] != " ":
                out.append(" ")
                glue = False
        else:
            word += ch
    if word:
        push(word)
    return out


def wrap(text: str, columns: int) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``columns`` display columns (a longer word
    stands alone on its line)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(text):
        w = width(token)
        if token == " ":
            if line:
                line, used = line + " ", used + 1
        elif used + w <= columns or not line.strip():
            line, used = line + token, used + w
        else:
            lines.append(line.rstrip())
            line, used = token, w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _wide(text: str) -> bool:
    """Whether ``text`` holds a character two columns wide (measured one by one: a line break
    makes the width of a whole text unknown)."""
    return any(width(ch) == 2 for ch in text)


class HelpFormatter(click.HelpFormatter):
    """click's help layout, measuring Chinese by display width (two columns a character) and
    breaking lines between characters; English text is laid out by click itself."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and current_lang() == "zh":  # 用法：deadlines (the colon is wide)
            prefix = text("click.usage", "zh")
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self.write(
            f"{'':>{self.current_indent}}{text('cli.label', current_lang(), label=heading)}\n"
        )

    def write_text(self, text: str) -> None:
        if not _wide(text):
            return super().write_text(text)
        indent = " " * self.current_indent
        columns = max(self.width - self.current_indent, 20)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
        self.write(
            "\n\n".join("\n".join(indent + ln for ln in wrap(p, columns)) for p in paragraphs)
        )
        self.write("\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not any(_wide(second) for _, second in rows):
            return super().write_dl(rows, col_max, col_spacing)
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max)
        first_col += col_spacing
        columns = max(self.width - first_col - 2, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            lines = wrap(" ".join(second.split()), columns)
            if not lines:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class HelpContext(click.Context):
    """A context whose command shows its help from the catalogue, in the run's language."""

    formatter_class = HelpFormatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # completing a word: zsh and fish show help beside it (a group that imports its commands
        # only when asked lists them itself, when the word to complete is a command's name)
        if self.resilient_parsing:
            localize(self, loaded_only=True)

    def get_help(self) -> str:
        localize(self)
        return super().get_help()


def adopt(command: click.Command) -> None:
    """Make ``command`` and its sub-commands create :class:`HelpContext` contexts, and let each
    take --lang (the run's language is read from the command line before click parses it, so it
    may stand anywhere, even on a command that prints nothing to translate)."""
    command.context_class = HelpContext
    if not any("--lang" in p.opts for p in command.params):
        command.params.append(click.Option(["--lang"], type=Choice(LANGS), expose_value=False))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            adopt(sub)
