"""One output contract for every command that prints data: ``--format text|json|jsonl|csv``.

A command builds its answer as *records* (flat-ish dicts with the keys documented in
``docs/output.md``) and a text renderer, and hands both to :meth:`Output.emit`:

- ``text`` (the default): the renderer's lines, in ``--lang`` (zh by default, or the config's);
- ``json``: one document, indented: the command's ``document`` if it has one, else the list of
  records (``--json`` is short for ``--format json``);
- ``jsonl``: one record per line (JSON Lines), for streaming into other tools;
- ``csv``: one record per row, a header row first; lists and objects as JSON text, true/false as
  1/0; ``--bom``
  starts the file with a UTF-8 byte-order mark so that Excel on a Chinese Windows desktop reads it
  as UTF-8 (off by default: programs reading the CSV do not expect one).

To adopt it, decorate the command with :func:`output_options`; it receives ``out: Output``::

    @click.command()
    @output_options
    def thing(out: Output) -> None:
        rows = [{"id": "x", "due": "2026-10-16"}]
        out.emit(rows, lambda: table([out.t("head.id"), out.t("head.due")], [["x", "2026-10-16"]]))

Tables line up by display width (a Chinese character takes two columns), measured by ``wcwidth``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, get_args

import click

from deadlines.calendars.dates import weekday
from deadlines.cli import settings
from deadlines.errors import DeadlineError
from deadlines.messages import DEFAULT_LANG, LANGS, Lang, check_lang, text

Format = Literal["text", "json", "jsonl", "csv"]
FORMATS: tuple[Format, ...] = get_args(Format)
Record = Mapping[str, Any]
_NO_DOCUMENT = object()


_chosen: list[Lang] = []


def _default_lang() -> str:
    return current_lang()


def choose_lang(lang: str | None) -> None:
    """The language of this run's messages (errors included); None: the configured one."""
    _chosen.clear()
    if lang in LANGS:
        _chosen.append(check_lang(lang))


def current_lang() -> Lang:
    """The language chosen for this run: --lang, else the configuration's, else zh."""
    if _chosen:
        return _chosen[-1]
    try:
        return check_lang(settings.current().lang)
    except (DeadlineError, ValueError):
        return DEFAULT_LANG


class Choice(click.Choice[str]):
    """click's Choice, refusing a value in the language of the run."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            choices = ", ".join(str(c) for c in self.choices)
            self.fail(
                text("cli.bad_choice", current_lang(), value=value, choices=choices), param, ctx
            )

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        """The accepted values on the error's one line (click's own puts each on a line)."""
        choices = ", ".join(str(c) for c in self.choices)
        return text("cli.choose_from", current_lang(), choices=choices)


class Range(click.IntRange):
    """click's IntRange with both ends, refusing a value in the language of the run with the range
    it accepts; N in the help."""

    name = "n"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            lang = current_lang()
            self.fail(
                text("cli.bad_int", lang, value=value, low=self.min, high=self.max), param, ctx
            )


lang_option = click.option(
    "--lang",
    type=Choice(LANGS),
    default=_default_lang,
)


class Output(NamedTuple):
    """How a command prints its answer (a NamedTuple: cheaper to create at import than a frozen
    dataclass, and as immutable)."""

    format: Format = "text"
    lang: Lang = "zh"
    bom: bool = False

    def t(self, key: str, /, **fields: object) -> str:
        """The catalogue's text for ``key`` in this output's language."""
        return text(key, self.lang, **fields)

    def emit(
        self,
        records: Sequence[Record],
        render: Callable[[], Iterable[str]],
        *,
        document: object = _NO_DOCUMENT,
        columns: Sequence[str] | None = None,
    ) -> None:
        """Print the answer in the chosen format (see the module docstring)."""
        if self.format == "text":
            text_out = "".join(line + "\n" for line in render())
        elif self.format == "json":
            doc = list(records) if document is _NO_DOCUMENT else document
            text_out = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        elif self.format == "jsonl":
            text_out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        else:
            text_out = to_csv(records, columns, bom=self.bom)
        # through sys.stdout itself: the command line guards it (deadlines.cli.output), so a write
        # that fails is an error where it happens, and a control character is escaped
        sys.stdout.write(text_out)
        sys.stdout.flush()


def _cell(value: object) -> object:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value


def to_csv(records: Sequence[Record], columns: Sequence[str] | None, *, bom: bool = False) -> str:
    """Records as CSV: ``columns`` (else every key, in first-seen order) and a header row."""
    if columns is None:
        columns = list(dict.fromkeys(k for r in records for k in r))
    buf = io.StringIO()
    # "\n" line ends: standard output escapes a bare carriage return (deadlines.cli.output)
    writer = csv.DictWriter(
        buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for r in records:
        writer.writerow({k: _cell(r.get(k)) for k in columns})
    return ("\ufeff" if bom else "") + buf.getvalue()


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format``, ``--json``, ``--bom`` and ``--lang``; the command gets ``out: Output``."""

    @functools.wraps(f)
    def wrapper(*args: Any, fmt: str, as_json: bool, bom: bool, lang: str, **kwargs: Any) -> Any:
        chosen = "json" if as_json else fmt
        choose_lang(lang)
        if bom and chosen != "csv":
            raise click.UsageError(text("cli.bom_needs_csv", check_lang(lang)))
        out = Output(format=chosen, lang=check_lang(lang), bom=bom)  # type: ignore[arg-type]
        return f(*args, out=out, **kwargs)

    options = (
        click.option(
            "--format",
            "fmt",
            type=Choice(FORMATS),
            default="text",
            show_default=True,
        ),
        click.option("--json", "as_json", is_flag=True),
        click.option("--bom", is_flag=True),
        lang_option,
    )
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def width(s: str) -> int:
    """Columns ``s`` takes on a terminal: a Chinese character two, an accent none."""
    from wcwidth import wcswidth

    w = wcswidth(s)
    return w if w >= 0 else len(s)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], indent: str = "") -> list[str]:
    """Rows under ``headers``, each column padded to its widest cell's display width."""
    body = [list(r) for r in rows]
    widths = [max(width(c) for c in col) for col in zip(headers, *body, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)]
        return (indent + "  ".join(padded)).rstrip()

    return [line(headers), *(line(r) for r in body)]


def labelled(items: Sequence[tuple[str, str]], lang: Lang, indent: str = "  ") -> list[str]:
    """``label: value`` lines, the values lined up by display width."""
    labels = [text("cli.label", lang, label=k) for k, _ in items]
    w = max((width(k) for k in labels), default=0)
    return [
        f"{indent}{k}{' ' * (w - width(k))} {v}" for k, (_, v) in zip(labels, items, strict=True)
    ]


def dated(d: dt.date | None, lang: Lang) -> str:
    """2026-10-16(星期五) / 2026-10-16 (Fri); — for no date."""
    if d is None:
        return "—"
    return text("cli.dated", lang, date=d.isoformat(), weekday=weekday(d, lang))
