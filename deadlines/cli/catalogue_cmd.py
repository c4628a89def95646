"""``deadlines kinds`` and ``deadlines events [KIND]``: what can be recorded, and which facts each
case kind's rules read (rules/events.toml and the rules' conditions)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from deadlines.cli.common import rules_option
from deadlines.cli.formats import Output, output_options, table
from deadlines.rules import load_rules


@click.command("kinds")
@rules_option
@output_options
def kinds_cmd(rule_dirs: tuple[str, ...], out: Output) -> None:
    """The case kinds: id, name, the facts their rules read (case add --fact) and their rules."""
    rules = load_rules(rule_dirs)
    records: list[dict[str, Any]] = []
    for k in rules.case_kinds.values():
        mine = rules.for_kind(k.id)
        facts = sorted({f for r in mine for f in r.facts})
        records.append(
            {
                "id": k.id,
                "title_zh": k.zh,
                "title_en": k.en,
                "facts": facts,
                "rules": [r.id for r in mine],
            }
        )

    def lines() -> Iterator[str]:
        keys = ("id", "name", "facts", "rules")
        rows = [
            [
                r["id"],
                r["title_zh"] if out.lang == "zh" else r["title_en"],
                ", ".join(r["facts"]) or "—",
                str(len(r["rules"])),
            ]
            for r in records
        ]
        yield from table([out.t(f"head.{k}") for k in keys], rows)

    out.emit(records, lines)


@click.command("events")
@click.argument("kind", required=False)
@rules_option
@output_options
def events_cmd(kind: str | None, rule_dirs: tuple[str, ...], out: Output) -> None:
    """The event types that can be recorded (of KIND's cases only, if given): id, name, role
    (pause, resume, extension), whether it may be dated ahead, and the data it carries."""
    rules = load_rules(rule_dirs)
    if kind is not None and kind not in rules.case_kinds:
        raise click.BadParameter(
            out.t("err.unknown_kind", kind=kind, accepted=", ".join(rules.case_kinds)),
            param_hint="KIND",
        )
    records: list[dict[str, Any]] = [
        {
            "id": e.id,
            "title_zh": e.zh,
            "title_en": e.en,
            "case_kinds": list(e.case_kinds),
            "role": e.role,
            "future": e.future,
            "data": dict(e.data),
        }
        for e in rules.events.values()
        if kind is None or kind in e.case_kinds
    ]

    def lines() -> Iterator[str]:
        keys = ("id", "name", "role", "data")
        rows = [
            [
                r["id"],
                (r["title_zh"] if out.lang == "zh" else r["title_en"])
                + (f" {out.t('events.future')}" if r["future"] else ""),
                out.t(f"role.{r['role'] or 'none'}"),
                ", ".join(r["data"]) or "—",
            ]
            for r in records
        ]
        yield from table([out.t(f"head.{k}") for k in keys], rows)

    out.emit(records, lines)


COMMANDS: tuple[click.Command, ...] = (kinds_cmd, events_cmd)
