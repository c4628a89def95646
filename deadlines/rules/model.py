"""Rules as data: load, validate and look up the plan's time limits (``rules/*.toml``).

A rule file is TOML with up to five kinds of table, never code:

``[[rule]]``
    one time limit. Keys (``*`` = required)::

        id*            stable id, lower-case words and dots: "credit.small-loan"
        ref            the row of docs/time-limits.md it encodes: "L48"
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
        when           a condition on the case's facts (deadlines.rules.conditions) selecting a variant
        calendar*      cn | cn-nx
        emit           false: the rule only caps others and yields no obligation of its own
        enabled        false: listed, but yields nothing until a user file enables it
        default_reason_zh, default_reason_en
                       why a default was chosen where the plan is silent; both or neither
        sources_zh, sources_en
                       legal sources, the same ones in the same order in both lists, each marked
                       [已核实] / [凭记忆] / [设计选择] and [confirmed] / [memory] / [design]:
                       wording seen in a published source / recalled, not checked against one /
                       a choice of this program that no legal text dictates. A citation names
                       the same clause or article in both languages.

``[[note]]``
    ``ref``, ``clause``, ``quote``, ``why``: a row of docs/time-limits.md that is not a rule, and why.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from deadlines.calendars.periods import Period
from deadlines.errors import RuleError, Said, say
from deadlines.errors import did_you_mean as close_to
from deadlines.messages import Lang, text
from deadlines.rules.conditions import Condition, facts_used

RuleKind = Literal["deadline", "reminder", "aging", "recurring"]
KINDS: tuple[RuleKind, ...] = ("deadline", "reminder", "aging", "recurring")
EVERY = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
ROLES = ("", "pause", "resume", "extension")


class RuleFileError(RuleError):
    """One or more rule files are invalid; ``problems`` lists every one, one line each."""

    def __init__(self, problems: Sequence[Said]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.in_lang("en"))

    def in_lang(self, lang: Lang) -> str:
        n = len(self.problems) - 1
        more = text("err.rules.more", lang, n=n) if n else ""
        return f"{say(self.problems[0], lang)}{more}"


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
    """A row of docs/time-limits.md that is deliberately not a rule, with the reason."""

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
    default_reason_zh: str = ""
    default_reason_en: str = ""
    sources_zh: tuple[str, ...] = ()
    sources_en: tuple[str, ...] = ()
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
        raise RuleError(
            key="err.unknown_rule", rule=rule_id, hint=close_to(rule_id, by_id), n=len(by_id)
        )

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
