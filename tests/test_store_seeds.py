"""The sample data: rebuilt byte for byte by its generator, imported cleanly, covering every rule."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from deadlines.rules.engine import load_rules
from deadlines.store.database import init_store
from deadlines.store.importer import import_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("seed_generate", SEEDS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_sample_matches_a_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "sample.jsonl"
    _generator().write(out)
    assert out.read_bytes() == (SEEDS / "sample.jsonl").read_bytes(), (
        "seeds/sample.jsonl differs from a rebuild: run python seeds/generate.py"
    )


def test_sample_imports_cleanly_and_covers_every_rule(tmp_path: Path) -> None:
    store, _, _ = init_store(tmp_path / "s.db")
    with store:
        report = import_file(store, SEEDS / "sample.jsonl", as_of=dt.date(2026, 11, 30))
        assert report.skipped == []
        assert 200 <= report.cases <= 500
        used = {r[0] for r in store.conn.execute("SELECT DISTINCT rule_id FROM obligations")}
        years = {
            r[0] for r in store.conn.execute("SELECT DISTINCT substr(on_date, 1, 4) FROM events")
        }
    expected = {r.id for r in load_rules().rules if r.emit and r.enabled}
    assert expected <= used
    assert {"2025", "2026", "2027"} <= years
