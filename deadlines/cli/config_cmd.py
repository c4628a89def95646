"""``deadlines config``: the settings in force and where each came from."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import click

from deadlines.cli import settings
from deadlines.cli.formats import Output, output_options, table
from deadlines.cli.store_common import config_line, db_option
from deadlines.store import config as store_config
from deadlines.store.config import StoreConfig
from deadlines.store.database import default_path


def _shown(name: str, value: Any, out: Output) -> str:
    if name == "rules":
        return os.pathsep.join(value) if value else "—"
    if name == "calendars" and value is None:
        return out.t("store.shipped_calendars")
    return str(value)


def recorded(db: str | None) -> tuple[str, StoreConfig] | None:
    """The store's own record of its rule and calendar folders (deadlines.store.config), read
    without opening it for work, so that a store at odds with the environment can be shown."""
    path = default_path(db)
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            cfg = store_config.read(conn)
    except sqlite3.Error:
        return None
    return (str(path), cfg) if cfg is not None else None


@click.command("config")
@db_option
@output_options
def config_cmd(db: str | None, out: Output) -> None:
    """The settings in force (store, rules, calendars, lang, calendar, ahead) and where each
    came from: an environment variable, the configuration file, or the built-in default.

    The file is deadlines.toml in the working folder, else in the user's config folder, or the
    one --config (before the command) or $DEADLINES_CONFIG names. A command-line option beats
    them all, for that run. With a store (--db, or the store in force), the rule and calendar
    folders it records are shown too: every command on that store computes with them."""
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
    store = recorded(db)
    if store is not None:
        path, cfg = store
        records += [
            {"key": "store_rules", "value": list(cfg.rules), "source": path, "env": None},
            {"key": "store_calendars", "value": cfg.calendars, "source": path, "env": None},
        ]

    def lines() -> Iterator[str]:
        if s.file is None:
            yield out.t("config.no_file", name=settings.FILE_NAME)
        else:
            yield out.t("config.file", path=str(s.file))
        rows = [
            [
                r["key"],
                _shown(r["key"], s[r["key"]], out),
                _source(r["source"], out),
                out.t(f"config.what.{r['key']}"),
            ]
            for r in records[: len(settings.KEYS)]
        ]
        keys = ("key", "value", "from", "what")
        yield from table([out.t(f"head.{k}") for k in keys], rows)
        if store is not None:
            yield out.t("config.store", path=store[0])
            yield "  " + config_line(store[1], out)

    out.emit(records, lines)


def _source(source: str, out: Output) -> str:
    return out.t("config.default") if source == "default" else source
