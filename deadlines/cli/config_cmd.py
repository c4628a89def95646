"""``deadlines config``: the settings in force and where each came from."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import click

from deadlines.cli import settings
from deadlines.cli.formats import Output, output_options, table


def _shown(name: str, value: Any) -> str:
    if name == "rules":
        return os.pathsep.join(value) if value else "—"
    if name == "calendars" and value is None:
        return "calendars/"
    return str(value)


@click.command("config")
@output_options
def config_cmd(out: Output) -> None:
    """The settings in force (store, rules, calendars, lang, calendar, ahead) and where each
    came from: an environment variable, the configuration file, or the built-in default.

    The file is deadlines.toml in the working folder, else in the user's config folder, or the
    one --config (before the command) or $DEADLINES_CONFIG names. A command-line option beats
    them all, for that run."""
    s = settings.current()
    records: list[dict[str, Any]] = [
        {
            "key": k.name,
            "value": list(s[k.name]) if k.name == "rules" else s[k.name],
            "source": s.values[k.name].source,
            "env": k.env,
        }
        for k in settings.KEYS
    ]

    def lines() -> Iterator[str]:
        if s.file is None:
            yield out.t("config.no_file", name=settings.FILE_NAME)
        else:
            yield out.t("config.file", path=str(s.file))
        rows = [
            [
                r["key"],
                _shown(r["key"], s[r["key"]]),
                _source(r["source"], out),
                out.t(f"config.what.{r['key']}"),
            ]
            for r in records
        ]
        keys = ("key", "value", "from", "what")
        yield from table([out.t(f"head.{k}") for k in keys], rows)

    out.emit(records, lines)


def _source(source: str, out: Output) -> str:
    return out.t("config.default") if source == "default" else source
