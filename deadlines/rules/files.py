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
from deadlines.errors import Joined, PeriodError, Phrase, RuleError, Said, did_you_mean
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
)
from deadlines.textfiles import toml_error_at

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
_CLAUSE_EXAMPLES = {"a": "二.十二.63", "b": "二.一.2#2"}
"""Clauses as a rule gives them: part, section, item (and a sentence)."""

_REPLACED = {
    "default_reason": ("default_reason_zh", "default_reason_en"),
    "sources": ("sources_zh", "sources_en"),
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
            at, msg = toml_error_at(exc)
            line = at[0] if at else 1
            problems.append(Phrase("err.rules.toml", {"path": path, "line": line, "msg": msg}))
            continue
        lines = _Lines(text)
        for name, value in doc.items():
            if name not in _TABLES:
                line = lines.table(name, 0) if name in lines.headers else 1
                said = {
                    "path": path,
                    "line": line,
                    "name": name,
                    "dym": did_you_mean(name, _TABLES),
                }
                problems.append(Phrase("err.rules.unknown_table", said))
                continue
            if not isinstance(value, list):
                problems.append(Phrase("err.rules.not_array", {"path": path, "name": name}))
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
            said = {"where": raw.where("id"), "rid": rid, "first": by_id[rid].where("id")}
            problems.append(Phrase("err.rules.duplicate_rule", said))
        elif isinstance(rid, str):
            by_id[rid] = raw
    for ov in raws["override"]:
        rid = ov.data.get("id")
        if not isinstance(rid, str) or rid not in by_id:
            said = {"where": ov.where("id"), "rid": rid, "dym": did_you_mean(str(rid), by_id)}
            problems.append(Phrase("err.rules.override_rule", said))
            continue
        for k, v in ov.data.items():
            if k == "id":
                continue
            if k not in RULE_KEYS:
                said = {
                    "where": ov.where(k),
                    "rid": rid,
                    "key": k,
                    "dym": did_you_mean(k, RULE_KEYS),
                }
                problems.append(Phrase("err.rules.override_key", said))
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


def _text(raw: _Raw, key: str, problems: list[Said], label: Phrase) -> str | None:
    v = raw.data.get(key)
    if not isinstance(v, str) or not v.strip():
        said = {"where": raw.where(key), "label": label, "key": key, "got": v}
        # TOML has no null: None is a key the file does not give
        problems.append(Phrase("err.rules.text_missing" if v is None else "err.rules.text", said))
        return None
    return v


def _catalogue(
    raws: dict[str, list[_Raw]], problems: list[Said]
) -> tuple[dict[str, CaseKind], dict[str, EventType]]:
    kinds: dict[str, CaseKind] = {}
    for raw in raws["case_kind"]:
        kid = raw.data.get("id")
        label = Phrase("err.rules.label.case_kind", {"id": kid})
        zh, en = _text(raw, "zh", problems, label), _text(raw, "en", problems, label)
        if not isinstance(kid, str) or not kid:
            problems.append(
                Phrase("err.rules.case_kind_id", {"where": raw.where("id"), "got": kid})
            )
        elif kid in kinds:
            problems.append(
                Phrase("err.rules.duplicate", {"where": raw.where("id"), "label": label})
            )
        elif zh and en:
            kinds[kid] = CaseKind(kid, zh, en)
    events: dict[str, EventType] = {}
    allowed = {"id", "zh", "en", "case_kinds", "future", "role", "data"}
    for raw in raws["event"]:
        eid = raw.data.get("id")
        label = Phrase("err.rules.label.event", {"id": eid})
        for k in raw.data:
            if k not in allowed:
                said = {"where": raw.where(k), "label": label, "key": k}
                problems.append(
                    Phrase("err.rules.unknown_key", {**said, "dym": did_you_mean(k, allowed)})
                )
        zh, en = _text(raw, "zh", problems, label), _text(raw, "en", problems, label)
        cks = raw.data.get("case_kinds")
        ok = True
        if not isinstance(eid, str) or not _ID_RE.match(eid):
            said = {"where": raw.where("id"), "example": "loan.decided", "got": repr(eid)}
            problems.append(Phrase("err.rules.event_id", said))
            ok = False
        elif eid in events:
            problems.append(
                Phrase("err.rules.duplicate", {"where": raw.where("id"), "label": label})
            )
            ok = False
        if not isinstance(cks, list) or not cks:
            said = {"where": raw.where("case_kinds"), "label": label}
            problems.append(Phrase("err.rules.case_kinds_list", said))
            ok = False
        else:
            for ck in cks:
                if ck not in kinds:
                    said = {"where": raw.where("case_kinds"), "label": label, "ck": ck}
                    said["dym"] = did_you_mean(str(ck), kinds)
                    problems.append(Phrase("err.rules.case_kinds_unknown", said))
                    ok = False
        role = raw.data.get("role", "")
        if role not in ROLES:
            said = {"where": raw.where("role"), "label": label, "got": role}
            problems.append(Phrase("err.rules.role", said))
            ok = False
        future = raw.data.get("future", False)
        if not isinstance(future, bool):
            problems.append(
                Phrase("err.rules.future", {"where": raw.where("future"), "label": label})
            )
            ok = False
        data = raw.data.get("data", {})
        if not isinstance(data, dict):
            problems.append(Phrase("err.rules.data", {"where": raw.where("data"), "label": label}))
            ok = False
        if ok and zh and en and isinstance(eid, str) and isinstance(cks, list):
            events[eid] = EventType(eid, zh, en, tuple(cks), future, role, dict(data))
    return kinds, events


def _note(raw: _Raw, problems: list[Said]) -> Note | None:
    label = Phrase("err.rules.label.note", {"ref": raw.data.get("ref")})
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

    def bad(key: str, msg: Phrase, where: str | None = None) -> None:
        said = {"where": where or raw.where(key), "rid": rid, "key": key, "msg": msg}
        problems.append(Phrase("err.rules.rule_key", said))

    for k in d:
        if k in _REPLACED:
            zh, en = _REPLACED[k]
            bad(k, Phrase("err.rules.replaced", {"zh": zh, "en": en}))
        elif k not in RULE_KEYS and k != "__overridden__":
            bad(k, Phrase("err.rules.unknown_rule_key", {"dym": did_you_mean(k, RULE_KEYS)}))
    for k in _REQUIRED:
        if k not in d:
            bad(k, Phrase("err.rules.missing"), raw.where())
    text_keys = ("title_zh", "title_en", "clause", "quote", "unit", "ref", "per")
    for k in (*text_keys, "default_reason_zh", "default_reason_en"):
        if k in d and (not isinstance(d[k], str) or not d[k].strip()):
            bad(k, Phrase("err.rules.expected_text", {"got": d[k]}))
    if isinstance(d.get("clause"), str) and not _CLAUSE_RE.match(d["clause"]):
        bad("clause", Phrase("err.rules.clause", _CLAUSE_EXAMPLES | {"got": d["clause"]}))
    for k in ("pausable", "emit", "enabled"):
        if k in d and not isinstance(d[k], bool):
            bad(k, Phrase("err.rules.bool", {"got": d[k]}))
    _check_prose(d, bad)

    kind = d.get("kind")
    if "kind" in d and kind not in KINDS:
        bad("kind", _one_of(KINDS, kind))
    ck = d.get("case_kind")
    if "case_kind" in d and ck not in kinds:
        dym = did_you_mean(str(ck), kinds)
        bad("case_kind", Phrase("err.rules.unknown_case_kind", {"ck": ck, "dym": dym}))
    cal = d.get("calendar")
    if "calendar" in d and cal not in CALENDARS:
        accepted = Joined(CALENDARS, "sep.enumeration")
        dym = did_you_mean(str(cal), CALENDARS)
        bad(
            "calendar",
            Phrase("err.rules.unknown_calendar", {"cal": cal, "accepted": accepted, "dym": dym}),
        )

    direction = d.get("direction", "before" if kind == "reminder" else "from")
    if direction not in ("from", "before"):
        bad("direction", _either("from", "before", direction))
    elif kind == "reminder" and direction != "before":
        bad("direction", Phrase("err.rules.reminder_before"))
    elif kind != "reminder" and direction == "before":
        bad("direction", Phrase("err.rules.only_reminder_before", {"kind": kind}))

    period: Period | None = None
    every = d.get("every")
    enabled = d.get("enabled", True)
    if kind == "recurring":
        if "period" in d:
            bad("period", Phrase("err.rules.recurring_period"))
        if every is None and enabled:
            bad("every", Phrase("err.rules.recurring_every"))
        elif every is not None and every not in EVERY:
            bad("every", _one_of(EVERY, every))
        else:
            period = Period(EVERY[every], "month") if every else None
    else:
        if "every" in d:
            bad("every", Phrase("err.rules.only_recurring_every", {"kind": kind}))
        text = d.get("period")
        if text is None:
            bad("period", Phrase("err.rules.missing_for", {"kind": kind}), raw.where())
        else:
            try:
                period = Period.parse(text)
            except PeriodError:
                bad("period", Phrase("err.rules.period", {"got": text}))
            else:
                if kind == "aging" and period.unit not in ("month", "year"):
                    bad("period", Phrase("err.rules.aging_period", {"flag": "超N年", "got": text}))
    anchor = d.get("anchor", "calendar")
    if anchor not in ("calendar", "rolling"):
        bad("anchor", _either("calendar", "rolling", anchor))
    roll = d.get("roll", "forward")
    if roll not in ("forward", "none"):
        bad("roll", _either("forward", "none", roll))

    def event_list(key: str, role: str | None = None) -> tuple[str, ...]:
        v = d.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            bad(key, Phrase("err.rules.event_list", {"got": v}))
            return ()
        for e in v:
            if e not in events:
                bad(
                    key, Phrase("err.rules.unknown_event", {"e": e, "dym": did_you_mean(e, events)})
                )
            elif ck in kinds and ck not in events[e].case_kinds:
                bad(key, Phrase("err.rules.event_case_kind", {"e": e, "ck": ck}))
            elif role is not None and events[e].role != role:
                said = {"e": e, "role": role, "has": events[e].role or "none"}
                bad(key, Phrase("err.rules.event_role", said))
        return tuple(v)

    completed_by = event_list("completed_by")
    if "completed_by" in d and not completed_by:
        bad("completed_by", Phrase("err.rules.no_events"))
    extended_by = event_list("extended_by", "extension")
    trigger = d.get("trigger")
    if trigger is not None:
        (trigger,) = event_list("trigger") or (None,)
    if trigger is None and d.get("after") is None:
        bad("trigger", Phrase("err.rules.missing_trigger"), raw.where())
    if d.get("pausable") and ck in kinds:
        roles = {e.role for e in events.values() if ck in e.case_kinds}
        if not {"pause", "resume"} <= roles:
            bad("pausable", Phrase("err.rules.no_pause", {"ck": ck}))
    if (d.get("pausable") or extended_by) and (
        kind != "deadline" or (period is not None and period.unit == "workday")
    ):
        key = "pausable" if d.get("pausable") else "extended_by"
        bad(key, Phrase("err.rules.deductions"))

    when: Condition | None = None
    if "when" in d:
        try:
            when = parse_condition(d["when"], "when")
        except RuleError as exc:
            msg = Phrase(exc.key, exc.fields) if exc.key else str(exc)
            problems.append(
                Phrase("err.rules.when", {"where": raw.where("when"), "rid": rid, "msg": msg})
            )
        else:
            for f in facts_used(when):
                if not _FACT_RE.match(f):
                    bad("when", Phrase("err.rules.fact_name", {"fact": f}))
    for k in ("after", "cap"):
        if k in d and not isinstance(d[k], str):
            bad(k, Phrase("err.rules.rule_ref", {"got": d[k]}))
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


def _one_of(accepted: Collection[str], got: object) -> Phrase:
    """``expected one of a, b, c, got 'x'`` (with a did-you-mean), the list joined as the language
    lists things."""
    said = {"accepted": Joined(tuple(accepted), "sep.enumeration"), "got": got}
    return Phrase("err.rules.one_of", {**said, "dym": did_you_mean(str(got), accepted)})


def _either(a: str, b: str, got: object) -> Phrase:
    return Phrase("err.rules.either", {"a": a, "b": b, "got": got})


def _check_prose(d: Mapping[str, Any], bad: Callable[[str, Phrase], None]) -> None:
    """The reasons and sources come in both languages, or not at all (as the titles do)."""
    for zh, en in (("default_reason_zh", "default_reason_en"), ("sources_zh", "sources_en")):
        if (zh in d) != (en in d):
            given, missing = (zh, en) if zh in d else (en, zh)
            bad(missing, Phrase("err.rules.prose_pair", {"given": given, "missing": missing}))
    for k in ("sources_zh", "sources_en"):
        v = d.get(k, [])
        if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
            bad(k, Phrase("err.rules.text_list", {"got": v}))
            return
    if "sources_zh" in d and "sources_en" in d and len(d["sources_zh"]) != len(d["sources_en"]):
        said = {"n_en": len(d["sources_en"]), "n_zh": len(d["sources_zh"])}
        bad("sources_en", Phrase("err.rules.sources_count", said))


def _check_refs(
    r: Rule, raw: _Raw, ids: Collection[str], rules: Mapping[str, Rule], problems: list[Said]
) -> None:
    for key in ("after", "cap"):
        ref = getattr(r, key)
        if ref is None:
            continue
        if ref not in ids:
            msg = Phrase("err.rules.unknown_rule", {"ref": ref, "dym": did_you_mean(ref, ids)})
        elif rules[ref].case_kind != r.case_kind:
            said = {"ref": ref, "theirs": rules[ref].case_kind, "ours": r.case_kind}
            msg = Phrase("err.rules.other_case_kind", said)
        elif key == "cap" and rules[ref].kind != "deadline":
            msg = Phrase("err.rules.cap_not_deadline", {"ref": ref})
        else:
            continue
        said = {"where": raw.where(key), "rid": r.id, "key": key, "msg": msg}
        problems.append(Phrase("err.rules.rule_key", said))


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
                    where = raws[node].where(links[node][0][0])
                    said = {"where": where, "rid": node, "max": MAX_CHAIN}
                    problems.append(Phrase("err.rules.chain_long", said))
                    depth[node] = -(10**9)  # reported once, not again for every rule above
                stack.pop()
                del on_path[path.pop()]
                continue
            key, nxt = step
            if nxt in on_path:
                cycle = [*path[on_path[nxt] :], nxt]
                msg = Phrase("err.rules.chain_cycle", {"cycle": " -> ".join(cycle)})
                said = {"where": raws[node].where(key), "rid": node, "key": key, "msg": msg}
                problems.append(Phrase("err.rules.rule_key", said))
            elif nxt in links and nxt not in depth:
                on_path[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(links[nxt]))
