"""Holiday year files: where they come from, reading and validating them.

The format is documented in ``calendars/README.md``. Every file is one year of one layer
(``cn/2027.toml`` for a State Council notice, ``cn-nx/2021.toml`` for Ningxia's regional days),
carries its source, and is validated whole when the calendar is built: a bad file fails with its
path and the bad key, never halfway through a computation.

The files ship inside the package (``deadlines.holiday_data``, built from the checkout's
``calendars/`` folder, as the plan's rules are); a configured folder (``$DEADLINES_CALENDARS``)
adds years or overrides shipped ones, file by file. A configured folder that does not exist is an
error, never a silent fallback to the shipped data.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path
from typing import Any, Literal, NamedTuple

from deadlines.errors import CalendarDataError, Joined, Phrase, Said, did_you_mean

LAYERS = ("cn", "cn-nx")
ENV_VAR = "DEADLINES_CALENDARS"
LIBRARY_FILE = "cn-library.toml"
"""The shipped corrections of the chinese-calendar layer (:mod:`deadlines.calendars.library`)."""
Origin = Literal["package", "folder"]
_CONFIDENCE = {"cn": ("official",), "cn-nx": ("high", "medium", "low")}
_KEYS = (
    "year",
    "calendar",
    "document",
    "document_via",
    "document_status",
    "urls",
    "published",
    "confidence",
    "notes",
    "rest",
    "workdays",
)
_DAY_KEYS = ("date", "name")
_DAY_EXAMPLE = '{date = 2027-10-01, name = "国庆节"}'
DOCUMENT_STATUSES = ("unverified-unofficial",)
"""How far a document number is checked, when it is not read from the document itself: the
catalogue's ``source.status.*`` says each in both languages."""


class YearFile(NamedTuple):
    """One holiday year file, read and checked (a NamedTuple: every command that reads a calendar
    imports this module, and a frozen dataclass is ten times as costly to create)."""

    path: Path
    year: int
    layer: str
    source: Said
    """The document number (with whatever relays or grades it) and first URL, as explanations
    cite them."""
    confidence: str
    rest: dict[dt.date, str]
    workdays: dict[dt.date, str]
    origin: Origin = "package"
    """``package`` for a file shipped with the program, ``folder`` for one of the configured folder."""

    @property
    def where(self) -> Phrase:
        """Where the year came from, as ``calendar years`` shows it."""
        if self.origin == "package":
            return Phrase("origin.package", {"file": f"{self.layer}/{self.path.name}"})
        return Phrase("origin.folder", {"path": str(self.path)})


class LoadedFiles:
    """The year files of a calendar, national and regional by year, and every path read."""

    __slots__ = ("national", "paths", "regional")

    def __init__(self) -> None:
        self.national: dict[int, YearFile] = {}
        self.regional: dict[int, YearFile] = {}
        self.paths: list[Path] = []


def _fail(path: Path, key: str, expected: Phrase, got: object) -> CalendarDataError:
    # TOML has no null: None is a key the file does not give
    return CalendarDataError(
        key="err.year_file.missing" if got is None else "err.year_file.key",
        path=str(path),
        name=key,
        expected=expected,
        got=got,
    )


def _expect(what: str, **fields: object) -> Phrase:
    """What a key of a year file expects (``year_file.expect.<what>``)."""
    return Phrase(f"year_file.expect.{what}", fields)


def _or(values: tuple[str, ...]) -> Phrase:
    return _expect("values", values=Joined(values, "sep.or"))


def _one_of(accepted: tuple[str, ...]) -> Phrase:
    return _expect("one_of", accepted=Joined(accepted, "sep.enumeration"))


def _days(path: Path, raw: dict[str, Any], key: str, year: int) -> dict[dt.date, str]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        raise _fail(path, key, _expect("days", example='{date = YYYY-MM-DD, name = "…"}'), items)
    days: dict[dt.date, str] = {}
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, where, _expect("day", example=_DAY_EXAMPLE), item)
        for k in item:
            if k not in _DAY_KEYS:
                raise _fail(path, f"{where}.{k}", _one_of(_DAY_KEYS), k)
        day, name = item.get("date"), item.get("name")
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or day.year != year:
            raise _fail(path, f"{where}.date", _expect("date", year=year), day)
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, f"{where}.name", _expect("name"), name)
        if day in days:
            raise _fail(path, f"{where}.date", _expect("once"), day.isoformat())
        days[day] = name.strip()
    return days


def load_year_file(path: Path, layer: str, origin: Origin = "folder") -> YearFile:
    """Read and validate one year file; raise :class:`CalendarDataError` naming path and key."""
    import tomllib  # only when a calendar is built: a command's calendar usually comes cached

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CalendarDataError(key="err.year_file.toml", path=str(path), msg=exc) from None
    for key in raw:
        if key not in _KEYS:
            raise CalendarDataError(
                key="err.year_file.unknown_key",
                path=str(path),
                name=key,
                dym=did_you_mean(key, _KEYS),
                accepted=Joined(_KEYS, "sep.enumeration"),
            )
    year = raw.get("year")
    if not isinstance(year, int) or str(year) != path.stem:
        raise _fail(path, "year", _expect("year", year=path.stem), year)
    if raw.get("calendar") != layer:
        raise _fail(path, "calendar", _expect("calendar", layer=layer), raw.get("calendar"))
    confidence = raw.get("confidence")
    if confidence not in _CONFIDENCE[layer]:
        raise _fail(path, "confidence", _or(_CONFIDENCE[layer]), confidence)
    document, urls = raw.get("document"), raw.get("urls", [])
    if document is not None and (not isinstance(document, str) or not document.strip()):
        example = "国办发明电〔2026〕1号"
        raise _fail(path, "document", _expect("document", example=example), document)
    if not isinstance(urls, list) or not all(isinstance(u, str) and u for u in urls):
        raise _fail(path, "urls", _expect("urls"), urls)
    if not document and not urls:
        raise _fail(path, "document", _expect("source"), None)
    if "notes" in raw and not isinstance(raw["notes"], str):
        raise _fail(path, "notes", _expect("text"), raw["notes"])
    rest = _days(path, raw, "rest", year)
    workdays = _days(path, raw, "workdays", year)
    for day in workdays:
        if day in rest:
            raise _fail(path, "workdays", _expect("not_rest"), day.isoformat())
        if day.weekday() < 5:
            raise _fail(path, "workdays", _expect("weekend"), day.isoformat())
    if layer == "cn" and not rest:
        raise _fail(path, "rest", _expect("rest"), [])
    cited = _document(path, raw, document) if document else None
    source = Joined(tuple(s for s in (cited, urls[0] if urls else None) if s), "sep.comma")
    return YearFile(path, year, layer, source, confidence, rest, workdays, origin)


def _document(path: Path, raw: dict[str, Any], document: str) -> Phrase | str:
    """The document number, with the document that relays it (``document_via``) and how far the
    number is checked (``document_status``), each said in the reader's language."""
    via, status = raw.get("document_via"), raw.get("document_status")
    if via is not None and (not isinstance(via, str) or not via.strip()):
        example = "盐池县 盐政办发〔2014〕119号"
        raise _fail(path, "document_via", _expect("via", example=example), via)
    if status is not None and status not in DOCUMENT_STATUSES:
        raise _fail(path, "document_status", _or(DOCUMENT_STATUSES), status)
    cited: Phrase | str = (
        Phrase("source.via", {"document": document, "via": via}) if via else document
    )
    if status:
        cited = Phrase(
            "source.status", {"document": cited, "status": Phrase(f"source.status.{status}")}
        )
    return cited


def shipped_dir() -> Path:
    """The folder of the year files shipped with the package.

    In a source checkout where the package is not installed, the ``calendars/`` folder beside the
    ``deadlines`` package is the same data (as for the plan's rules).
    """
    try:
        spec = importlib.util.find_spec("deadlines.holiday_data")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        # a data-only (namespace) package: its one folder, wherever it was installed
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "calendars"


_store_dir: tuple[Path | None] | None = None


def set_store_dir(folder: Path | None, *, active: bool = True) -> None:
    """The calendar folder of the store in use (deadlines.store.config), which stands in for
    ``$DEADLINES_CALENDARS`` (None: the shipped data only); ``active=False``: the environment's."""
    global _store_dir
    _store_dir = (folder,) if active else None


def configured_dir() -> Path | None:
    """The store's calendar folder when one is open, else ``$DEADLINES_CALENDARS`` if set (it
    must then exist), else None."""
    if _store_dir is not None:
        return _store_dir[0]
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


def check_folder(folder: Path, what: Said) -> None:
    """``what`` names the folder's setting (``$DEADLINES_CALENDARS``) in the error."""
    if not folder.is_dir():
        raise CalendarDataError(key="err.folder.calendars_not_dir", what=what, folder=str(folder))


def load_dir(
    folder: Path | None, origin: Origin = "folder", into: LoadedFiles | None = None
) -> LoadedFiles:
    """Every year file under ``folder/cn`` and ``folder/cn-nx``, over those already in ``into``."""
    loaded = into if into is not None else LoadedFiles()
    if folder is None:
        return loaded
    for layer, target in (("cn", loaded.national), ("cn-nx", loaded.regional)):
        sub = folder / layer
        if not sub.is_dir():
            continue
        for path in sorted(sub.glob("*.toml")):
            year_file = load_year_file(path, layer, origin)
            replaced = target.get(year_file.year)
            if replaced is not None:
                loaded.paths.remove(replaced.path)
            target[year_file.year] = year_file
            loaded.paths.append(path)
    return loaded


def load_all(folder: Path | None) -> LoadedFiles:
    """The shipped year files, then those of ``folder`` (a configured folder) over them."""
    loaded = load_dir(shipped_dir(), "package")
    if folder is not None:
        check_folder(folder, Phrase("err.folder.calendar"))
        load_dir(folder, "folder", loaded)
    return loaded
