"""Rules as data: load, validate and look up the plan's time limits (``rules/*.toml``).

A rule file is TOML with up to five kinds of table, never code:

``[[rule]]``
    one time limit. Keys (``*`` = required)::

        id*            stable id, lower-case words and dots: "credit.small-loan"
        ref            the row of time-limits.md it encodes: "L48"
        title_zh*, title_en*
        clause*        the plan's clause key: part.section.item[#occurrence], e.g. "二.十二.63",
                       "二.一.2#2" (the plan prints two item 2s), "三.四", "首部.征求意见时间"
        quote*         the clause's words (short)
        unit*          the responsible unit (责任单位)
        case_kind*     a case kind of events.toml
        kind*          deadline | reminder | aging | recurring
        direction      from (default) | before (required for reminders)
        period         "20 working days", "30 days", "3 months", "5 years"; required except for
                       recurring rules, which have ``every`` instead
        every          month | quarter | half-year | year   (recurring)
        anchor         calendar (default: calendar months/half-years) | rolling   (recurring)
        roll           forward (default) | none: does a recurring period's last day roll?
        trigger        the event type that starts it; or
        after          the rule whose completion starts it (a chain); with ``trigger`` too, the
                       rule applies once that rule is complete and counts from ``trigger``
        completed_by*  event types, any of which completes it
        cap            a rule on the same act also binding it; the earlier date binds
        per            the event-data key telling instances apart (one obligation per asset ...)
        pausable       true: court pause/resume events of the case kind are deducted (扣除)
        extended_by    extension events (data "period") added before the roll (延长)
        when           a condition on the case's facts (deadlines.conditions) selecting a variant
        calendar*      cn | cn-nx
        emit           false: the rule only caps others and yields no obligation of its own
        enabled        false: listed, but yields nothing until a user file enables it
        default_reason why a default was chosen where the plan is silent
        sources        legal sources, each marked [confirmed] / [memory] / [design]

``[[note]]``
    ``ref``, ``clause``, ``quote``, ``why``: a row of time-limits.md that is not a rule, and why.

``[[override]]``
    ``id`` of an existing rule plus the keys to replace: how a user file changes a default
    (e.g. enables ``labour.hr-bulletin`` with ``every = "quarter"``) without copying the rule.

``[[event]]``, ``[[case_kind]]``
    the catalogue (``rules/events.toml``); user files may add to it.

The plan's files ship as the package ``deadlines.plan_rules``. User directories come from
``load_rules(extra_dirs=...)`` (the CLI's ``--rules DIR``) and from the ``DEADLINES_RULES`` setting
(directories separated by ``os.pathsep``); they load after the plan's, in that order.

Everything is validated before any rule runs. Every problem is reported as
``path:line: rule 'id': key: what is wrong`` with "did you mean" for unknown names; loading fails
with :class:`RuleFileError`, which carries the whole list.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from deadlines.calendars import CALENDARS
from deadlines.conditions import Condition, facts_used, parse_condition
from deadlines.errors import PeriodError, RuleError
from deadlines.periods import Period

RuleKind = Literal["deadline", "reminder", "aging", "recurring"]
KINDS: tuple[RuleKind, ...] = ("deadline", "reminder", "aging", "recurring")
EVERY = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
ROLES = ("", "pause", "resume", "extension")
ENV_VAR = "DEADLINES_RULES"

_REQUIRED = (
    "id",
    "title_zh",
    "title_en",
    "clause",
    "quote",
    "unit",
    "case_kind",
    "kind",
    "completed_by",
    "calendar",
)
_OPTIONAL = (
    "ref",
    "direction",
    "period",
    "every",
    "anchor",
    "roll",
    "trigger",
    "after",
    "cap",
    "per",
    "pausable",
    "extended_by",
    "when",
    "emit",
    "enabled",
    "default_reason",
    "sources",
)
RULE_KEYS = _REQUIRED + _OPTIONAL
_TABLES = ("rule", "note", "override", "event", "case_kind")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_FACT_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
_CLAUSE_RE = re.compile(r"^(?:首部|[一二三四])(?:\.[^.\s]+)+$")


class RuleFileError(RuleError):
    """One or more rule files are invalid; ``problems`` lists every one, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


@dataclass(frozen=True)
class CaseKind:
    id: str
    zh: str
    en: str


@dataclass(frozen=True)
class EventType:
    id: str
    zh: str
    en: str
    case_kinds: tuple[str, ...]
    future: bool = False
    role: str = ""
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Note:
    """A row of time-limits.md that is deliberately not a rule, with the reason."""

    ref: str
    clause: str
    quote: str
    why: str
    source: str


@dataclass(frozen=True)
class Rule:
    id: str
    title_zh: str
    title_en: str
    clause: str
    quote: str
    unit: str
    case_kind: str
    kind: RuleKind
    completed_by: tuple[str, ...]
    calendar: str
    version: str
    """``sha256:`` + 12 hex digits of the rule's content (after overrides)."""
    source: str
    """``path:line`` of the rule's table."""
    ref: str = ""
    direction: Literal["from", "before"] = "from"
    period: Period | None = None
    every: str | None = None
    anchor: Literal["calendar", "rolling"] = "calendar"
    roll: Literal["forward", "none"] = "forward"
    trigger: str | None = None
    after: str | None = None
    cap: str | None = None
    per: str | None = None
    pausable: bool = False
    extended_by: tuple[str, ...] = ()
    when: Condition | None = None
    emit: bool = True
    enabled: bool = True
    default_reason: str = ""
    sources: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The rule's table as loaded (overrides applied), e.g. to print it."""

    @property
    def period_text(self) -> str | None:
        """The period as ``deadlines due`` accepts it (a recurring rule: its interval)."""
        return str(self.period) if self.period is not None else None

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(facts_used(self.when))


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    events: Mapping[str, EventType]
    case_kinds: Mapping[str, CaseKind]
    notes: tuple[Note, ...] = ()
    version: str = ""
    """A hash over every rule's version: changes whenever any rule changes."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.rules})
        by_kind: dict[str, list[Rule]] = {}
        for r in self.rules:
            by_kind.setdefault(r.case_kind, []).append(r)
        object.__setattr__(self, "_by_kind", {k: tuple(v) for k, v in by_kind.items()})

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id  # type: ignore[attr-defined]

    def get(self, rule_id: str) -> Rule:
        """The rule ``rule_id``; :class:`RuleError` with a "did you mean" if there is none."""
        by_id: dict[str, Rule] = self._by_id  # type: ignore[attr-defined]
        if rule_id in by_id:
            return by_id[rule_id]
        raise RuleError(f"unknown rule {rule_id!r}{_did_you_mean(rule_id, by_id)}")

    def for_kind(self, case_kind: str) -> tuple[Rule, ...]:
        by_kind: dict[str, tuple[Rule, ...]] = self._by_kind  # type: ignore[attr-defined]
        return by_kind.get(case_kind, ())

    def search(self, words: str) -> list[Rule]:
        """Rules whose id, ref, titles or clause contain every word of ``words`` (any case)."""
        terms = words.lower().split()
        out = []
        for r in self.rules:
            hay = " ".join((r.id, r.ref, r.title_zh, r.title_en, r.clause, r.quote)).lower()
            if terms and all(t in hay for t in terms):
                out.append(r)
        return out


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- locating keys in the file, for messages ---------------------------------------------------

_HEADER_RE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")


class _Lines:
    """Line numbers of ``[[table]]`` headers and the keys inside them (tomllib gives none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines, 1):
            m = _HEADER_RE.match(line)
            if m:
                self.headers.setdefault(m.group(1), []).append(i)
        self.all_headers = sorted(n for ns in self.headers.values() for n in ns)

    def table(self, name: str, index: int) -> int:
        found = self.headers.get(name, [])
        return found[index] if index < len(found) else 1

    def key(self, name: str, index: int, key: str) -> int:
        start = self.table(name, index)
        end = next((n for n in self.all_headers if n > start), len(self.lines) + 1)
        key_re = re.compile(
            rf"^\s*(?:{re.escape(key)}\s*=|\[\s*{re.escape(name)}\.{re.escape(key)}\s*\])"
        )
        for n in range(start, end):
            if key_re.match(self.lines[n - 1]):
                return n
        return start


# -- loading -----------------------------------------------------------------------------------


@dataclass
class _Raw:
    table: str
    index: int
    data: dict[str, Any]
    path: str
    lines: _Lines

    def where(self, key: str | None = None) -> str:
        line = (
            self.lines.key(self.table, self.index, key)
            if key
            else self.lines.table(self.table, self.index)
        )
        return f"{self.path}:{line}"


def plan_rule_files() -> list[tuple[str, str]]:
    """(display path, text) of the plan's rule files, from the installed package.

    In a source checkout where the package is not installed, the ``rules/`` folder beside the
    ``deadlines`` package is the same data.
    """
    try:
        root: Any = resources.files("deadlines.plan_rules")
        files = sorted(
            (p for p in root.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name
        )
        return [(f"rules/{p.name}", p.read_text(encoding="utf-8")) for p in files]
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "rules"
        return [
            (f"rules/{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.toml"))
        ]


def _dir_files(d: str | os.PathLike[str]) -> list[tuple[str, str]]:
    p = Path(d)
    if p.is_file():
        return [(str(p), p.read_text(encoding="utf-8"))]
    if not p.is_dir():
        raise RuleError(f"rules directory {str(p)!r} does not exist; give a folder of *.toml files")
    return [(str(f), f.read_text(encoding="utf-8")) for f in sorted(p.glob("*.toml"))]


def env_dirs() -> list[str]:
    return [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d]


def load_rules(
    extra_dirs: Sequence[str | os.PathLike[str]] = (), *, use_env: bool = True
) -> RuleSet:
    """The plan's rules plus those of ``DEADLINES_RULES`` and ``extra_dirs``, validated.

    Raises :class:`RuleFileError` listing every problem, before any rule runs.
    """
    files = plan_rule_files()
    for d in [*(env_dirs() if use_env else []), *extra_dirs]:
        files += _dir_files(d)
    return load_texts(files)


def check_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Every problem in the plan's rules plus ``paths`` (files or folders); [] when all is well."""
    files = plan_rule_files()
    for p in paths:
        files += _dir_files(p)
    try:
        load_texts(files)
    except RuleFileError as exc:
        return list(exc.problems)
    return []


def load_texts(files: Sequence[tuple[str, str]]) -> RuleSet:
    """Build a :class:`RuleSet` from (path, TOML text) pairs, in order; see the module docstring."""
    problems: list[str] = []
    raws: dict[str, list[_Raw]] = {t: [] for t in _TABLES}
    for path, text in files:
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            line = m.group(1) if m else "1"
            msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            problems.append(f"{path}:{line}: invalid TOML: {msg}")
            continue
        lines = _Lines(text)
        for name, value in doc.items():
            if name not in _TABLES:
                line = lines.table(name, 0) if name in lines.headers else 1
                problems.append(
                    f"{path}:{line}: unknown table {name!r}{_did_you_mean(name, _TABLES)}; "
                    f"a rule file has [[rule]], [[note]], [[override]], [[event]], [[case_kind]]"
                )
                continue
            if not isinstance(value, list):
                problems.append(f"{path}:1: {name!r} must be an array of tables: write [[{name}]]")
                continue
            for i, item in enumerate(value):
                raws[name].append(_Raw(name, i, dict(item), path, lines))

    kinds, events = _catalogue(raws, problems)
    # overrides apply to rules by id, after every file is read
    rule_raws = raws["rule"]
    by_id: dict[str, _Raw] = {}
    for raw in rule_raws:
        rid = raw.data.get("id")
        if isinstance(rid, str) and rid in by_id:
            problems.append(
                f"{raw.where('id')}: rule {rid!r}: duplicate id (first defined at "
                f"{by_id[rid].where('id')}); use [[override]] to change a rule"
            )
        elif isinstance(rid, str):
            by_id[rid] = raw
    for ov in raws["override"]:
        rid = ov.data.get("id")
        if not isinstance(rid, str) or rid not in by_id:
            problems.append(
                f"{ov.where('id')}: override: unknown rule {rid!r}{_did_you_mean(str(rid), by_id)}"
            )
            continue
        for k, v in ov.data.items():
            if k == "id":
                continue
            if k not in RULE_KEYS:
                problems.append(
                    f"{ov.where(k)}: override of {rid!r}: unknown key {k!r}"
                    f"{_did_you_mean(k, RULE_KEYS)}"
                )
                continue
            by_id[rid].data[k] = v
            by_id[rid].data.setdefault("__overridden__", []).append(ov.where(k))

    rules = [r for raw in by_id.values() if (r := _rule(raw, kinds, events, problems))]
    ids = {r.id for r in rules}
    for r in rules:
        _check_refs(r, by_id[r.id], ids, {x.id: x for x in rules}, problems)
    _check_cycles(rules, by_id, problems)
    notes = [_note(raw, problems) for raw in raws["note"]]
    if problems:
        raise RuleFileError(problems)
    version = hashlib.sha256("".join(sorted(r.version for r in rules)).encode()).hexdigest()[:12]
    return RuleSet(
        rules=tuple(rules),
        events=events,
        case_kinds=kinds,
        notes=tuple(n for n in notes if n),
        version=f"sha256:{version}",
    )


def _text(raw: _Raw, key: str, problems: list[str], label: str) -> str | None:
    v = raw.data.get(key)
    if not isinstance(v, str) or not v.strip():
        problems.append(f"{raw.where(key)}: {label}: {key}: expected text, got {v!r}")
        return None
    return v


def _catalogue(
    raws: dict[str, list[_Raw]], problems: list[str]
) -> tuple[dict[str, CaseKind], dict[str, EventType]]:
    kinds: dict[str, CaseKind] = {}
    for raw in raws["case_kind"]:
        kid = raw.data.get("id")
        label = f"case kind {kid!r}"
        zh, en = _text(raw, "zh", problems, label), _text(raw, "en", problems, label)
        if not isinstance(kid, str) or not kid:
            problems.append(f"{raw.where('id')}: case kind: id: expected text, got {kid!r}")
        elif kid in kinds:
            problems.append(f"{raw.where('id')}: {label}: duplicate id")
        elif zh and en:
            kinds[kid] = CaseKind(kid, zh, en)
    events: dict[str, EventType] = {}
    allowed = {"id", "zh", "en", "case_kinds", "future", "role", "data"}
    for raw in raws["event"]:
        eid = raw.data.get("id")
        label = f"event {eid!r}"
        for k in raw.data:
            if k not in allowed:
                problems.append(
                    f"{raw.where(k)}: {label}: unknown key {k!r}{_did_you_mean(k, allowed)}"
                )
        zh, en = _text(raw, "zh", problems, label), _text(raw, "en", problems, label)
        cks = raw.data.get("case_kinds")
        ok = True
        if not isinstance(eid, str) or not _ID_RE.match(eid):
            problems.append(
                f"{raw.where('id')}: event: id: expected words joined by dots, e.g. "
                f"'loan.decided', got {eid!r}"
            )
            ok = False
        elif eid in events:
            problems.append(f"{raw.where('id')}: {label}: duplicate id")
            ok = False
        if not isinstance(cks, list) or not cks:
            problems.append(f"{raw.where('case_kinds')}: {label}: case_kinds: expected a list")
            ok = False
        else:
            for ck in cks:
                if ck not in kinds:
                    problems.append(
                        f"{raw.where('case_kinds')}: {label}: case_kinds: unknown case kind "
                        f"{ck!r}{_did_you_mean(str(ck), kinds)}"
                    )
                    ok = False
        role = raw.data.get("role", "")
        if role not in ROLES:
            problems.append(
                f"{raw.where('role')}: {label}: role: expected one of pause, resume, extension, "
                f"got {role!r}"
            )
            ok = False
        future = raw.data.get("future", False)
        if not isinstance(future, bool):
            problems.append(f"{raw.where('future')}: {label}: future: expected true or false")
            ok = False
        data = raw.data.get("data", {})
        if not isinstance(data, dict):
            problems.append(f"{raw.where('data')}: {label}: data: expected a table")
            ok = False
        if ok and zh and en and isinstance(eid, str) and isinstance(cks, list):
            events[eid] = EventType(eid, zh, en, tuple(cks), future, role, dict(data))
    return kinds, events


def _note(raw: _Raw, problems: list[str]) -> Note | None:
    label = f"note {raw.data.get('ref')!r}"
    vals = [_text(raw, k, problems, label) for k in ("ref", "clause", "quote", "why")]
    if not all(vals):
        return None
    ref, clause, quote, why = (v or "" for v in vals)
    return Note(ref, clause, quote, why, raw.where())


def _rule(
    raw: _Raw, kinds: Mapping[str, CaseKind], events: Mapping[str, EventType], problems: list[str]
) -> Rule | None:
    d = raw.data
    rid = d.get("id")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        problems.append(
            f"{raw.where('id')}: rule: id: expected words joined by dots, e.g. 'credit.small-loan', "
            f"got {rid!r}"
        )
        return None
    n_before = len(problems)

    def bad(key: str, msg: str) -> None:
        problems.append(f"{raw.where(key)}: rule {rid!r}: {key}: {msg}")

    for k in d:
        if k not in RULE_KEYS and k != "__overridden__":
            bad(k, f"unknown key{_did_you_mean(k, RULE_KEYS)}")
    for k in _REQUIRED:
        if k not in d:
            problems.append(f"{raw.where()}: rule {rid!r}: {k}: missing (required)")
    for k in ("title_zh", "title_en", "clause", "quote", "unit", "ref", "default_reason", "per"):
        if k in d and (not isinstance(d[k], str) or not d[k].strip()):
            bad(k, f"expected text, got {d[k]!r}")
    if isinstance(d.get("clause"), str) and not _CLAUSE_RE.match(d["clause"]):
        bad(
            "clause",
            f"expected part.section.item, e.g. '二.十二.63' or '二.一.2#2', got {d['clause']!r}",
        )
    for k in ("pausable", "emit", "enabled"):
        if k in d and not isinstance(d[k], bool):
            bad(k, f"expected true or false, got {d[k]!r}")
    if "sources" in d and (
        not isinstance(d["sources"], list) or not all(isinstance(s, str) for s in d["sources"])
    ):
        bad("sources", "expected a list of texts")

    kind = d.get("kind")
    if "kind" in d and kind not in KINDS:
        bad(
            "kind",
            f"expected one of {', '.join(KINDS)}, got {kind!r}{_did_you_mean(str(kind), KINDS)}",
        )
    ck = d.get("case_kind")
    if "case_kind" in d and ck not in kinds:
        bad("case_kind", f"unknown case kind {ck!r}{_did_you_mean(str(ck), kinds)}")
    cal = d.get("calendar")
    if "calendar" in d and cal not in CALENDARS:
        bad(
            "calendar",
            f"unknown calendar {cal!r}; accepted: {', '.join(CALENDARS)}{_did_you_mean(str(cal), CALENDARS)}",
        )

    direction = d.get("direction", "before" if kind == "reminder" else "from")
    if direction not in ("from", "before"):
        bad("direction", f"expected 'from' or 'before', got {direction!r}")
    elif kind == "reminder" and direction != "before":
        bad("direction", "a reminder counts back from an expiry: direction = 'before'")
    elif kind != "reminder" and direction == "before":
        bad("direction", f"only a reminder counts back ('before'); a {kind} counts 'from'")

    period: Period | None = None
    every = d.get("every")
    enabled = d.get("enabled", True)
    if kind == "recurring":
        if "period" in d:
            bad(
                "period",
                "a recurring rule has 'every' (month, quarter, half-year, year), not a period",
            )
        if every is None and enabled:
            bad(
                "every",
                "missing: a recurring rule needs every = month | quarter | half-year | year",
            )
        elif every is not None and every not in EVERY:
            bad(
                "every",
                f"expected one of {', '.join(EVERY)}, got {every!r}{_did_you_mean(str(every), EVERY)}",
            )
        else:
            period = Period(EVERY[every], "month") if every else None
    else:
        if "every" in d:
            bad("every", f"only a recurring rule has 'every'; a {kind} has a period")
        text = d.get("period")
        if text is None:
            problems.append(f"{raw.where()}: rule {rid!r}: period: missing (required for a {kind})")
        else:
            try:
                period = Period.parse(text)
            except PeriodError:
                bad(
                    "period",
                    f"expected e.g. '20 working days', got {text!r}",
                )
            else:
                if kind == "aging" and period.unit not in ("month", "year"):
                    bad("period", f"an aging flag (超N年) is in years or months, got {text!r}")
    anchor = d.get("anchor", "calendar")
    if anchor not in ("calendar", "rolling"):
        bad("anchor", f"expected 'calendar' or 'rolling', got {anchor!r}")
    roll = d.get("roll", "forward")
    if roll not in ("forward", "none"):
        bad("roll", f"expected 'forward' or 'none', got {roll!r}")

    def event_list(key: str, role: str | None = None) -> tuple[str, ...]:
        v = d.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            bad(key, f"expected a list of event types, got {v!r}")
            return ()
        for e in v:
            if e not in events:
                bad(key, f"unknown event {e!r}{_did_you_mean(e, events)}")
            elif ck in kinds and ck not in events[e].case_kinds:
                bad(key, f"event {e!r} does not belong to case kind {ck!r}")
            elif role is not None and events[e].role != role:
                bad(
                    key,
                    f"event {e!r} is not an {role} event (its role is {events[e].role or 'none'!r})",
                )
        return tuple(v)

    completed_by = event_list("completed_by")
    if "completed_by" in d and not completed_by:
        bad("completed_by", "expected at least one event type")
    extended_by = event_list("extended_by", "extension")
    trigger = d.get("trigger")
    if trigger is not None:
        (trigger,) = event_list("trigger") or (None,)
    if trigger is None and d.get("after") is None:
        problems.append(f"{raw.where()}: rule {rid!r}: trigger: missing (give trigger or after)")
    if d.get("pausable") and ck in kinds:
        roles = {e.role for e in events.values() if ck in e.case_kinds}
        if not {"pause", "resume"} <= roles:
            bad("pausable", f"case kind {ck!r} has no pause and resume events in the catalogue")
    if (d.get("pausable") or extended_by) and (
        kind != "deadline" or (period is not None and period.unit == "workday")
    ):
        key = "pausable" if d.get("pausable") else "extended_by"
        bad(key, "deductions and extensions apply only to day, month or year deadlines")

    when: Condition | None = None
    if "when" in d:
        try:
            when = parse_condition(d["when"], "when")
        except ValueError as exc:
            problems.append(f"{raw.where('when')}: rule {rid!r}: {exc}")
        else:
            for f in facts_used(when):
                if not _FACT_RE.match(f):
                    bad("when", f"fact name {f!r}: use lower-case letters, digits and _")
    for k in ("after", "cap"):
        if k in d and not isinstance(d[k], str):
            bad(k, f"expected a rule id, got {d[k]!r}")
    if len(problems) > n_before:
        return None

    content = {k: v for k, v in d.items() if k != "__overridden__"}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode())
    return Rule(
        id=rid,
        title_zh=d["title_zh"],
        title_en=d["title_en"],
        clause=d["clause"],
        quote=d["quote"],
        unit=d["unit"],
        case_kind=str(ck),
        kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
        completed_by=completed_by,
        calendar=str(cal),
        version=f"sha256:{digest.hexdigest()[:12]}",
        source=raw.where(),
        ref=d.get("ref", ""),
        direction=direction,
        period=period,
        every=every,
        anchor=anchor,
        roll=roll,
        trigger=trigger,
        after=d.get("after"),
        cap=d.get("cap"),
        per=d.get("per"),
        pausable=d.get("pausable", False),
        extended_by=extended_by,
        when=when,
        emit=d.get("emit", True),
        enabled=enabled,
        default_reason=d.get("default_reason", ""),
        sources=tuple(d.get("sources", ())),
        data=content,
    )


def _check_refs(
    r: Rule, raw: _Raw, ids: set[str], rules: Mapping[str, Rule], problems: list[str]
) -> None:
    for key in ("after", "cap"):
        ref = getattr(r, key)
        if ref is None:
            continue
        if ref not in ids:
            problems.append(
                f"{raw.where(key)}: rule {r.id!r}: {key}: unknown rule {ref!r}{_did_you_mean(ref, ids)}"
            )
        elif rules[ref].case_kind != r.case_kind:
            problems.append(
                f"{raw.where(key)}: rule {r.id!r}: {key}: rule {ref!r} is for case kind "
                f"{rules[ref].case_kind!r}, not {r.case_kind!r}"
            )
        elif key == "cap" and rules[ref].kind != "deadline":
            problems.append(f"{raw.where(key)}: rule {r.id!r}: cap: rule {ref!r} is not a deadline")


def _check_cycles(rules: Sequence[Rule], raws: Mapping[str, _Raw], problems: list[str]) -> None:
    """Refuse chains (``after`` / ``cap`` links) that lead back to where they started."""
    links = {r.id: [(k, v) for k in ("after", "cap") if (v := getattr(r, k))] for r in rules}
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        for key, nxt in links.get(node, []):
            if nxt in path:
                cycle = [*path[path.index(nxt) :], nxt]
                problems.append(
                    f"{raws[node].where(key)}: rule {node!r}: {key}: chain cycle {' -> '.join(cycle)}"
                )
            elif nxt in links and nxt not in done:
                visit(nxt, [*path, nxt])
        done.add(node)

    for rid in links:
        if rid not in done:
            visit(rid, [rid])
