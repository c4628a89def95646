"""An import file read into rows: CSV or JSON lines, a line at a time or a range of the file
in memory, each row's fields read as the store takes them (:class:`Row`), or the reason it
cannot be (:class:`RowError`, with its line). Nothing here looks at another row or the store:
:mod:`deadlines.store.importer` merges the rows and writes them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any

from deadlines.calendars.periods import ascii_digits
from deadlines.errors import DeadlineError, Phrase, StoreError
from deadlines.model import FactValue
from deadlines.store.checks import check_case_id, shown

if TYPE_CHECKING:
    from deadlines.store import importpool

# A line longer than this is refused without being read whole (a 200 MB line would take ~700 MB
# of memory): one case with its events inline fits many times over; long cases put events on
# their own lines.
MAX_LINE_CHARS = 1_048_576
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(slots=True)
class Row:
    """One parsed row (plain slots, not frozen: a million of them are built per import)."""

    line: int
    record: str
    case: str
    kind: str = ""
    unit: str = ""
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    type: str = ""
    on: dt.date | None = None
    note: str = ""
    data: Mapping[str, str] = field(default_factory=dict)
    supersedes: str | None = None
    id: str | None = None


class RowError(Exception):
    """A row that cannot be read; ``error``: the store's refusal, when it was one (it speaks the
    run's language)."""

    def __init__(self, line: int, message: str, error: DeadlineError | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.error = error


# --- values ------------------------------------------------------------------------------------
_INT = re.compile(r"[+-]?\d+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def parse_value(text: str) -> FactValue:
    """``true``/``false`` (``是``/``否``) -> bool, ``12`` -> int, ``1.5`` -> float, anything else a string.

    Numbers are ASCII digits (``inf``, ``nan``, ``1_000`` and other scripts' digits stay text);
    a number too long to be an amount stays text too, and the checks refuse it where a rule
    compares the fact as a number. Range and finiteness: :func:`checks.check_number`."""
    s = text.strip()
    low = s.lower()
    if low in ("true", "false", "是", "否"):
        return low in ("true", "是")
    if len(s) > 40:
        return text
    if _INT.fullmatch(s):
        return int(s)
    if _FLOAT.fullmatch(s):
        return float(s)
    return text


def parse_pair(text: str, what: str = "fact") -> tuple[str, str]:
    """``key=value`` as a pair; ``what`` ("fact" or "data") names it in an error."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise StoreError(key="rec.pair.bad", what=Phrase(f"rec.pair.{what}"), text=text)
    return key.strip(), value.strip()


def _mapping(text: Any, what: str) -> dict[str, Any]:
    if text in (None, ""):
        return {}
    if isinstance(text, dict):
        return dict(text)
    s = str(text).strip()
    if s.startswith("{"):
        try:
            value = json.loads(s)
        except json.JSONDecodeError as exc:
            raise StoreError(
                key="rec.parse.field_json", what=what, msg=exc.msg, col=exc.colno
            ) from None
        if not isinstance(value, dict):
            raise StoreError(key="rec.parse.field_not_object", what=what)
        return value
    out: dict[str, Any] = {}
    for part in s.split(";"):
        if part.strip():
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise StoreError(key="rec.parse.field_pairs", what=what, got=s)
            out[key.strip()] = value.strip()
    return out


_DATES: dict[str, dt.date] = {}
"""Dates read so far, by their text (an import repeats a few thousand days; bounded)."""
DAY_TEXTS: dict[dt.date, str] = {}
"""The ISO text of each date in _DATES (written as the store keeps it, once)."""


def _date(value: Any) -> dt.date:
    if isinstance(value, str):
        day = _DATES.get(value)
        if day is not None:
            return day
    s = ascii_digits(value.strip()) if isinstance(value, str) else str(value or "")
    if not _ISO.fullmatch(s):
        raise StoreError(key="rec.row.not_iso", got=s)
    try:
        day = dt.date.fromisoformat(s)
    except ValueError:
        raise StoreError(key="rec.row.not_real", got=s) from None
    if isinstance(value, str):
        if len(_DATES) >= 20_000:
            _DATES.clear()
            DAY_TEXTS.clear()
        _DATES[value] = day
        DAY_TEXTS[day] = day.isoformat()
    return day


def _text(rec: Mapping[str, Any], key: str) -> str:
    v = rec.get(key)
    if isinstance(v, str):  # first: a CSV row's every field
        return v.strip()
    if v is None:
        return ""
    if isinstance(v, dict | list):
        raise StoreError(
            key="rec.parse.not_text", what=key, got=Phrase(f"rec.json.{type(v).__name__}")
        )
    return str(v).strip()


def _scalar(what: str, v: Any) -> FactValue:
    """A fact or data value as given in JSON (true, 12, 1.5, text) or as text to read."""
    if isinstance(v, str):
        return parse_value(v)
    if isinstance(v, bool | int | float):
        return v
    raise StoreError(key="rec.parse.not_scalar", what=what, got=shown(v))


def _facts(raw: Any) -> dict[str, FactValue]:
    """A row's facts (a JSON object, or its text in a CSV cell), each value read as a fact."""
    return {k: _scalar(f"facts {k}", v) for k, v in _mapping(raw, "facts").items()}


def _data(raw: Any) -> dict[str, str]:
    """A row's event data (a JSON object, or its text in a CSV cell), each value as text."""
    return {
        k: v if isinstance(v, str) else str(_scalar(f"data {k}", v))
        for k, v in _mapping(raw, "data").items()
    }


def _row(line: int, rec: Mapping[str, Any], checked: str = "") -> Row:
    """One record read into a row; ``checked``: a case id already found good (the previous
    row's, so that a case's events do not check the same id again)."""
    record = _text(rec, "record")
    if not record:
        record = "case" if rec.get("kind") else "event" if rec.get("type") else ""
    case = _text(rec, "case") or _text(rec, "case_id")
    if record not in ("case", "event"):
        raise StoreError(key="rec.row.record", got=record)
    if not case:
        raise StoreError(key="rec.row.no_case")
    if case != checked:
        check_case_id(case)  # before the id is looked up in the store (bad bytes cannot be)
    if record == "case":
        raw = rec.get("facts")
        # a text (or none) is read once per distinct text and shared, as in a CSV row
        facts = _fields(raw or "", "facts") if raw is None or isinstance(raw, str) else _facts(raw)
        kind = _text(rec, "kind")
        if not kind:
            raise StoreError(key="rec.row.no_kind")
        # every field given, by position: ~3x cheaper than keywords and default factories
        return Row(line, "case", case, kind, _text(rec, "unit"), facts, "", None, "", {})
    etype = _text(rec, "type")
    if not etype:
        raise StoreError(key="rec.row.no_type")
    raw = rec.get("data")
    data = _fields(raw or "", "data") if raw is None or isinstance(raw, str) else _data(raw)
    note = _text(rec, "note")
    return Row(
        line,
        "event",
        case,
        "",
        "",
        {},
        etype,
        _date(rec.get("on")),
        note,
        data,
        _text(rec, "supersedes") or None,
        _text(rec, "id") or None,
    )


_FIELDS: dict[tuple[str, str], dict[str, Any]] = {}
"""Facts and data read so far, by their text (an import repeats a few shapes; bounded). Shared
between rows: nothing changes a row's facts or data once read."""


def _fields(text: str, what: str) -> dict[str, Any]:
    """A row's facts or data (``what``) given as text, read once per text."""
    known = _FIELDS.get((text, what))
    if known is not None:
        return known
    out = _facts(text) if what == "facts" else _data(text)
    if len(_FIELDS) >= 20_000:
        _FIELDS.clear()
    _FIELDS[text, what] = out
    return out


def _csv_row(line: int, rec: CsvFields, checked: str = "") -> Row:
    """:func:`_row` for a CSV row: the same row or the same error, without a dict per row (every
    field is text or missing, so each value is only stripped)."""
    f, at = rec
    record = (f[at["record"]] or "").strip()
    if not record:
        record = "case" if f[at["kind"]] else "event" if f[at["type"]] else ""
    case = (f[at["case"]] or "").strip() or (f[at["case_id"]] or "").strip()
    if record != "case" and record != "event":
        raise StoreError(key="rec.row.record", got=record)
    if not case:
        raise StoreError(key="rec.row.no_case")
    if case != checked:
        check_case_id(case)
    if record == "case":
        facts = _fields(f[at["facts"]] or "", "facts")
        kind = intern((f[at["kind"]] or "").strip())
        if not kind:
            raise StoreError(key="rec.row.no_kind")
        return Row(
            line, "case", case, kind, intern((f[at["unit"]] or "").strip()), facts, "", None, "", {}
        )
    etype = intern((f[at["type"]] or "").strip())
    if not etype:
        raise StoreError(key="rec.row.no_type")
    data = _fields(f[at["data"]] or "", "data")
    note = (f[at["note"]] or "").strip()
    on = f[at["on"]]
    return Row(
        line,
        "event",
        case,
        "",
        "",
        {},
        etype,
        (on is not None and _DATES.get(on)) or _date(on),
        note,
        data,
        (f[at["supersedes"]] or "").strip() or None,
        (f[at["id"]] or "").strip() or None,
    )


# --- reading ----------------------------------------------------------------------------------
class _LineTooLong(Exception):
    pass


class _Lines:
    """The file's lines, each read up to MAX_LINE_CHARS (a longer one is skipped unread and
    raises :class:`_LineTooLong`, after which reading goes on), reporting progress every 64 KiB
    or so. An iterator class, not a generator, so that it can go on after raising."""

    def __init__(self, f: Any, progress: Callable[[int], None] | None, limit: int) -> None:
        self.f, self.progress, self.limit = f, progress, limit
        self.pending = 0
        self.number = 0  # physical lines read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line: str = self.f.readline(self.limit + 1)
        if not line:
            if self.progress is not None:
                self.progress(self.pending)
                self.pending = 0
            raise StopIteration
        self.number += 1
        self._count(len(line))
        if len(line) > self.limit and not line.endswith("\n"):
            while (more := self.f.readline(self.limit)) and not more.endswith("\n"):
                self._count(len(more))
            self._count(len(more))
            raise _LineTooLong()
        return line

    def _count(self, n: int) -> None:
        self.pending += n  # characters: close enough to bytes for a progress bar
        if self.progress is not None and self.pending >= 65536:
            self.progress(self.pending)
            self.pending = 0


def _too_long(limit: int) -> StoreError:
    return StoreError(key="rec.parse.line_too_long", limit=limit)


def _no_constant(name: str) -> None:
    raise StoreError(key="rec.parse.not_number", name=name)


def _json_object(text: str) -> Any:
    """One JSON line; NaN and Infinity, 5,000-digit numbers and deep nesting are refused."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise StoreError(key="rec.parse.json", msg=exc.msg, col=exc.colno) from None
    except RecursionError:
        raise StoreError(key="rec.parse.json_deep") from None
    except DeadlineError:  # NaN, Infinity
        raise
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise StoreError(key="rec.parse.json_value", msg=str(exc)[:80]) from None


def file_records(
    path: Path, progress: Callable[[int], None] | None, limit: int = MAX_LINE_CHARS
) -> Iterator[tuple[int, Mapping[str, Any] | CsvFields | Exception]]:
    """(line, record or the error reading it), lazily. Bytes that are not UTF-8 are kept as
    lone surrogates, so the row holding them is refused by the text checks with its line."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        yield from _records_of(_Lines(f, progress, limit), is_json_lines(path), limit)


def is_json_lines(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson", ".json")


def _records_of(
    lines: _Lines, json_lines: bool, limit: int, header: str | None = None
) -> Iterator[tuple[int, Mapping[str, Any] | CsvFields | Exception]]:
    """The records of ``lines``; ``header``: a CSV file's first line, where ``lines`` begin
    further on."""
    if json_lines:
        return _json_records(lines, limit)
    return _csv_records(lines, limit, header)


def part_records(
    path: Path,
    part: importpool.Range,
    header: str,
    progress: Callable[[int], None] | None,
    *,
    to_end: bool = False,
) -> Iterator[tuple[int, Mapping[str, Any] | CsvFields | Exception]]:
    """:func:`file_records` of the lines of ``part`` (``to_end``: from its start to the end of the
    file), numbered as in the whole file; ``header``: the file's first line."""
    encoding = "utf-8-sig" if part.start == 0 else "utf-8"
    first = None if part.start == 0 else header
    with path.open("rb") as raw:
        raw.seek(part.start)
        text: io.TextIOBase
        if to_end:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
        else:
            data = raw.read(part.end - part.start).decode(encoding, "surrogateescape")
            if not is_json_lines(path):
                # a CSV range in memory: its lines split in C and, unless one is too long, read
                # as a list (the reader counts them), without a call of _Lines per line
                whole = list(io.StringIO(data, newline=""))
                if max(map(len, whole), default=0) <= MAX_LINE_CHARS:
                    yield from _csv_records(whole, MAX_LINE_CHARS, first, part.line)
                    if progress is not None:
                        progress(len(data))
                    return
            text = io.StringIO(data, newline="")
        lines = _Lines(text, progress, MAX_LINE_CHARS)
        lines.number = part.line - 1
        yield from _records_of(lines, is_json_lines(path), MAX_LINE_CHARS, first)


def _json_records(lines: _Lines, limit: int) -> Iterator[tuple[int, Mapping[str, Any] | Exception]]:
    while True:
        try:
            text = next(lines)
        except StopIteration:
            return
        except _LineTooLong:
            yield lines.number, _too_long(limit)
            continue
        n = lines.number
        if not text.strip():
            continue
        try:
            obj = _json_object(text)
        except ValueError as exc:
            yield n, exc
            continue
        if not isinstance(obj, dict):
            yield n, StoreError(key="rec.parse.line_not_object")
            continue
        events = obj.pop("events", None) or []
        yield n, obj
        if not isinstance(events, list):
            yield n, StoreError(key="rec.parse.events_list")
            continue
        for ev in events:
            if not isinstance(ev, dict):
                yield n, StoreError(key="rec.parse.events_objects")
                continue
            yield n, {"record": "event", "case": obj.get("case"), **ev}


CsvFields = tuple[list[str | None], Mapping[str, int]]
"""A CSV row's fields, padded with None to one past the header's width, and the header's column
of each name (a name the header lacks: that last None), read by :func:`_csv_row`."""
# the columns a row is read from, in _row's order
_COLUMNS = [
    "record",
    "case",
    "case_id",
    "kind",
    "unit",
    "facts",
    "type",
    "on",
    "note",
    "data",
    "supersedes",
    "id",
]


def _csv_records(
    lines: Iterable[str], limit: int, header_line: str | None = None, first: int = 1
) -> Iterator[tuple[int, Mapping[str, Any] | CsvFields | Exception]]:
    """The records of ``lines``: a file's :class:`_Lines`, which count themselves, or a list of
    lines whose first is line ``first`` of the file (none too long)."""
    reader = csv.reader(lines if header_line is None else chain((header_line,), lines))
    if isinstance(lines, _Lines):
        source = lines

        def number() -> int:
            return source.number

    else:
        before = first - 1 - (header_line is not None)

        def number() -> int:
            return before + reader.line_num

    header: list[str] | None = None
    at: dict[str, int] = {}
    pad: list[str | None] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except _LineTooLong:
            yield number(), _too_long(limit)
            continue
        except csv.Error as exc:
            yield (
                number(),
                StoreError(key="rec.parse.csv_row", msg=str(exc), limit=csv.field_size_limit()),
            )
            continue
        if header is None:
            header = [h.strip() for h in row]
            if "case" not in header:
                yield 1, StoreError(key="rec.parse.csv_header")
                return
            if len(set(header)) == len(header):  # else a name's value depends on the row's length
                at = {
                    name: header.index(name) if name in header else len(header) for name in _COLUMNS
                }
                pad = [None] * (len(header) + 1)
            continue
        if len(row) > len(header):
            yield (
                number(),
                StoreError(key="rec.parse.csv_fields", n=len(row), header=len(header)),
            )
            continue
        if not row:
            continue
        if at:
            fields: list[str | None] = row  # type: ignore[assignment]
            yield number(), (fields + pad[len(row) :], at)
        else:
            yield number(), dict(zip(header, row, strict=False))


def read_rows(
    records: Iterable[tuple[int, Mapping[str, Any] | CsvFields | Exception]],
) -> Iterator[Row | RowError]:
    checked = ""  # the last case id found good
    for line, rec in records:
        if isinstance(rec, Exception):
            yield RowError(line, str(rec), rec if isinstance(rec, DeadlineError) else None)
            continue
        try:
            row = (
                _csv_row(line, rec, checked) if isinstance(rec, tuple) else _row(line, rec, checked)
            )
            checked = row.case
            yield row
        except DeadlineError as exc:
            yield RowError(line, str(exc), exc)
        except ValueError as exc:
            yield RowError(line, str(exc))
