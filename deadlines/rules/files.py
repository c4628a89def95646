"""Reading rule files and checking every key: the work behind :func:`deadlines.rules.load_rules`.

The format is described in :mod:`deadlines.rules.model`. Every problem found is collected, as
``path:line: rule 'id': key: what is wrong`` with "did you mean" for unknown names, and raised
together as one :class:`~deadlines.rules.RuleFileError` before any rule runs. tomllib gives no
line numbers, so :class:`_Lines` finds the ``[[table]]`` headers and keys in the text itself.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from deadlines.cache import cached, code_stamp
from deadlines.calendars.layers import CALENDARS
from deadlines.calendars.periods import Period
from deadlines.errors import PeriodError, Phrase, Said
from deadlines.rules.conditions import Condition, facts_used, parse_condition
from deadlines.rules.model import (
    EVERY,
    KINDS,
    ROLES,
    CaseKind,
    EventType,
    Note,
    Rule,
    RuleFileError,
    RuleSet,
    did_you_mean,
)

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
    "default_reason_zh",
    "default_reason_en",
    "sources_zh",
    "sources_en",
)
_REPLACED = {
    "default_reason": "default_reason_zh and default_reason_en",
    "sources": "sources_zh and sources_en",
}
"""Keys of older rule files, each replaced by its text in both languages."""
RULE_KEYS = _REQUIRED + _OPTIONAL
_TABLES = ("rule", "note", "override", "event", "case_kind")
_CODE = ("rules", "calendars/periods.py", "errors.py", "cache.py")
"""The source a cached rule set depends on: its classes, and the code that validates it."""
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_FACT_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
_CLAUSE_RE = re.compile(r"^(?:首部|[一二三四])(?:\.[^.\s]+)+$")


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
        after = bisect.bisect_right(self.all_headers, start)
        end = self.all_headers[after] if after < len(self.all_headers) else len(self.lines) + 1
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
        moved: dict[str, str] = self.data.get("__overridden__", {})
        if key in moved:  # an override's value: report it where the override set it
            return moved[key]
        line = (
            self.lines.key(self.table, self.index, key)
            if key
            else self.lines.table(self.table, self.index)
        )
        return f"{self.path}:{line}"


def load_texts(files: Sequence[tuple[str, str]]) -> RuleSet:
    """Build a :class:`RuleSet` from (path, TOML text) pairs, in order; see the module docstring.

    The result is kept in the user's cache (:mod:`deadlines.cache`), keyed by every file's path
    and full text and by this code, so a command need not parse and validate unchanged files."""
    key = (code_stamp(_CODE), tuple((path, text) for path, text in files))
    return cached("rules", key, lambda: _load_texts(files))


def _load_texts(files: Sequence[tuple[str, str]]) -> RuleSet:
    import tomllib  # only when the user's cache has no rule set for these files

    problems: list[Said] = []
    raws: dict[str, list[_Raw]] = {t: [] for t in _TABLES}
    for path, text in files:
        try:
            doc = tomllib.loads(text)
        except RecursionError:
            problems.append(Phrase("err.rules.too_deep", {"path": path}))
            continue
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            line = m.group(1) if m else "1"
            msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            problems.append(Phrase("err.rules.toml", {"path": path, "line": line, "msg": msg}))
            continue
        lines = _Lines(text)
        for name, value in doc.items():
            if name not in _TABLES:
                line = lines.table(name, 0) if name in lines.headers else 1
                problems.append(
                    f"{path}:{line}: unknown table {name!r}{did_you_mean(name, _TABLES)}; "
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
                f"{ov.where('id')}: override: unknown rule {rid!r}{did_you_mean(str(rid), by_id)}"
            )
            continue
        for k, v in ov.data.items():
            if k == "id":
                continue
            if k not in RULE_KEYS:
                problems.append(
                    f"{ov.where(k)}: override of {rid!r}: unknown key {k!r}"
                    f"{did_you_mean(k, RULE_KEYS)}"
                )
                continue
            by_id[rid].data[k] = v
            by_id[rid].data.setdefault("__overridden__", {})[k] = ov.where(k)

    rules = [r for raw in by_id.values() if (r := _rule(raw, kinds, events, problems))]
    rules_by_id = {r.id: r for r in rules}
    for r in rules:
        _check_refs(r, by_id[r.id], rules_by_id.keys(), rules_by_id, problems)
    _check_cycles(rules, by_id, problems)
    notes = [_note(raw, problems) for raw in raws["note"]]
    if problems:
        raise RuleFileError(problems)
    import hashlib  # the rules' versions: only when the cache has no rule set

    version = hashlib.sha256("".join(sorted(r.version for r in rules)).encode()).hexdigest()[:12]
    return RuleSet(
        rules=tuple(rules),
        events=events,
        case_kinds=kinds,
        notes=tuple(n for n in notes if n),
        version=f"sha256:{version}",
    )


def _text(raw: _Raw, key: str, problems: list[Said], label: str) -> str | None:
    v = raw.data.get(key)
    if not isinstance(v, str) or not v.strip():
        problems.append(f"{raw.where(key)}: {label}: {key}: expected text, got {v!r}")
        return None
    return v


def _catalogue(
    raws: dict[str, list[_Raw]], problems: list[Said]
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
                    f"{raw.where(k)}: {label}: unknown key {k!r}{did_you_mean(k, allowed)}"
                )
        zh, en = _text(raw, "zh", problems, label), _text(raw, "en", problems, label)
        cks = raw.data.get("case_kinds")
        ok = True
        if not isinstance(eid, str) or not _ID_RE.match(eid):
            said = {"where": raw.where("id"), "example": "loan.decided", "got": repr(eid)}
            problems.append(Phrase("err.rules.event_id", said))
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
                        f"{ck!r}{did_you_mean(str(ck), kinds)}"
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


def _note(raw: _Raw, problems: list[Said]) -> Note | None:
    label = f"note {raw.data.get('ref')!r}"
    vals = [_text(raw, k, problems, label) for k in ("ref", "clause", "quote", "why")]
    if not all(vals):
        return None
    ref, clause, quote, why = (v or "" for v in vals)
    return Note(ref, clause, quote, why, raw.where())


def _rule(
    raw: _Raw, kinds: Mapping[str, CaseKind], events: Mapping[str, EventType], problems: list[Said]
) -> Rule | None:
    import hashlib  # the rule's version: only when the cache has no rule set

    d = raw.data
    rid = d.get("id")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        said = {"where": raw.where("id"), "example": "credit.small-loan", "got": repr(rid)}
        problems.append(Phrase("err.rules.rule_id", said))
        return None
    n_before = len(problems)

    def bad(key: str, msg: str) -> None:
        problems.append(f"{raw.where(key)}: rule {rid!r}: {key}: {msg}")

    for k in d:
        if k in _REPLACED:
            bad(k, f"replaced by {_REPLACED[k]}: give the text in both languages")
        elif k not in RULE_KEYS and k != "__overridden__":
            bad(k, f"unknown key{did_you_mean(k, RULE_KEYS)}")
    for k in _REQUIRED:
        if k not in d:
            problems.append(f"{raw.where()}: rule {rid!r}: {k}: missing (required)")
    text_keys = ("title_zh", "title_en", "clause", "quote", "unit", "ref", "per")
    for k in (*text_keys, "default_reason_zh", "default_reason_en"):
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
    _check_prose(d, bad)

    kind = d.get("kind")
    if "kind" in d and kind not in KINDS:
        bad(
            "kind",
            f"expected one of {', '.join(KINDS)}, got {kind!r}{did_you_mean(str(kind), KINDS)}",
        )
    ck = d.get("case_kind")
    if "case_kind" in d and ck not in kinds:
        bad("case_kind", f"unknown case kind {ck!r}{did_you_mean(str(ck), kinds)}")
    cal = d.get("calendar")
    if "calendar" in d and cal not in CALENDARS:
        bad(
            "calendar",
            f"unknown calendar {cal!r}; accepted: {', '.join(CALENDARS)}{did_you_mean(str(cal), CALENDARS)}",
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
                f"expected one of {', '.join(EVERY)}, got {every!r}{did_you_mean(str(every), EVERY)}",
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
                bad(key, f"unknown event {e!r}{did_you_mean(e, events)}")
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
        default_reason_zh=d.get("default_reason_zh", ""),
        default_reason_en=d.get("default_reason_en", ""),
        sources_zh=tuple(d.get("sources_zh", ())),
        sources_en=tuple(d.get("sources_en", ())),
        data=content,
    )


def _check_prose(d: Mapping[str, Any], bad: Callable[[str, str], None]) -> None:
    """The reasons and sources come in both languages, or not at all (as the titles do)."""
    for zh, en in (("default_reason_zh", "default_reason_en"), ("sources_zh", "sources_en")):
        if (zh in d) != (en in d):
            given, missing = (zh, en) if zh in d else (en, zh)
            bad(missing, f"missing: {given} is given, so {missing} is required too")
    for k in ("sources_zh", "sources_en"):
        v = d.get(k, [])
        if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
            bad(k, f"expected a list of texts, got {v!r}")
            return
    if "sources_zh" in d and "sources_en" in d and len(d["sources_zh"]) != len(d["sources_en"]):
        bad(
            "sources_en",
            f"{len(d['sources_en'])} sources, but sources_zh has {len(d['sources_zh'])}: "
            "the same sources in both languages, in the same order",
        )


def _check_refs(
    r: Rule, raw: _Raw, ids: Collection[str], rules: Mapping[str, Rule], problems: list[Said]
) -> None:
    for key in ("after", "cap"):
        ref = getattr(r, key)
        if ref is None:
            continue
        if ref not in ids:
            problems.append(
                f"{raw.where(key)}: rule {r.id!r}: {key}: unknown rule {ref!r}{did_you_mean(ref, ids)}"
            )
        elif rules[ref].case_kind != r.case_kind:
            problems.append(
                f"{raw.where(key)}: rule {r.id!r}: {key}: rule {ref!r} is for case kind "
                f"{rules[ref].case_kind!r}, not {r.case_kind!r}"
            )
        elif key == "cap" and rules[ref].kind != "deadline":
            problems.append(f"{raw.where(key)}: rule {r.id!r}: cap: rule {ref!r} is not a deadline")


# An ``after`` / ``cap`` chain longer than this is a mistake (the plan's longest has 4 links), and
# evaluating it recurses once per link.
MAX_CHAIN = 32


def _check_cycles(rules: Sequence[Rule], raws: Mapping[str, _Raw], problems: list[Said]) -> None:
    """Refuse chains (``after`` / ``cap`` links) that lead back to where they started, or that
    are longer than MAX_CHAIN links. Iterative, linear in the number of links."""
    links = {r.id: [(k, v) for k in ("after", "cap") if (v := getattr(r, k))] for r in rules}
    depth: dict[str, int] = {}  # finished: the longest chain from here
    for root in links:
        if root in depth:
            continue
        path: list[str] = [root]
        on_path = {root: 0}
        stack = [iter(links[root])]
        while stack:
            node = path[-1]
            step = next(stack[-1], None)
            if step is None:
                depth[node] = 1 + max(
                    (depth.get(n, 0) for _, n in links.get(node, []) if n in depth), default=0
                )
                if depth[node] > MAX_CHAIN:
                    problems.append(
                        f"{raws[node].where(links[node][0][0])}: rule {node!r}: chain of "
                        f"after/cap links longer than {MAX_CHAIN} rules; accepted: at most "
                        f"{MAX_CHAIN} (is a link wrong?)"
                    )
                    depth[node] = -(10**9)  # reported once, not again for every rule above
                stack.pop()
                del on_path[path.pop()]
                continue
            key, nxt = step
            if nxt in on_path:
                cycle = [*path[on_path[nxt] :], nxt]
                problems.append(
                    f"{raws[node].where(key)}: rule {node!r}: {key}: chain cycle {' -> '.join(cycle)}"
                )
            elif nxt in links and nxt not in depth:
                on_path[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(links[nxt]))
