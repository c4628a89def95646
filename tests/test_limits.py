"""Limits that keep costs bounded: rules of one case kind past durable-rules' capacity, and
events per case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.errors import StoreError
from deadlines.rules import load_rules
from deadlines.rules.matching import (
    DURABLE_RULES_PER_KIND,
    DurableMatcher,
    PythonMatcher,
    durable_available,
)
from deadlines.store import checks, init_store


def many_rules(folder: Path, n: int) -> Path:
    parts = [
        f'[[rule]]\nid = "bankruptcy.synthetic-{i}"\ntitle_zh = "合成{i}"\ntitle_en = "S{i}"\n'
        'clause = "二.十二.65"\nquote = "q"\nunit = "u"\ncase_kind = "bankruptcy"\n'
        f'kind = "aging"\ntrigger = "bankruptcy.accepted"\nperiod = "{i % 9 + 1} years"\n'
        'completed_by = ["bankruptcy.closed"]\ncalendar = "cn-nx"\n'
        f'when = {{ all = [{{ fact = "n", op = ">=", value = {i} }}] }}\n'
        for i in range(n)
    ]
    folder.mkdir(exist_ok=True)
    (folder / "many.toml").write_text("\n".join(parts), encoding="utf-8")
    return folder


def test_a_kind_past_durable_rules_capacity_is_matched_in_python(tmp_path: Path) -> None:
    rules = load_rules([many_rules(tmp_path / "r", 300)], use_env=False)
    python = PythonMatcher(rules)
    facts = {"n": 120}
    expected = python.match("bankruptcy", facts)
    # the plan's two aging flags (超5年, 超3年: no condition), plus synthetic-0 .. synthetic-120
    assert len(expected) == 2 + 121
    if durable_available():  # durable-rules would fail with error 108 (or crash) here
        durable = DurableMatcher(rules)
        assert durable.match("bankruptcy", facts) == expected
        assert durable.match("loan", {"amount_yuan": 5}) == python.match("loan", {"amount_yuan": 5})
    out = CliRunner().invoke(main, ["rules", "check", str(tmp_path / "r"), "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert f"more than durable-rules holds ({DURABLE_RULES_PER_KIND})" in out.output
    assert "'bankruptcy' has 303 rules" in out.output


def test_a_case_holds_a_bounded_number_of_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "MAX_CASE_EVENTS", 3)
    store, _, _ = init_store(tmp_path / "t.db")
    with store:
        store.add_case("E1", "enforcement")
        store.add_event("E1", "enforcement.filed", dt.date(2026, 3, 2))
        for day in (3, 4):
            store.add_event("E1", "enforcement.query-launched", dt.date(2026, 3, day))
        with pytest.raises(StoreError, match="at most 3 per case"):
            store.add_event("E1", "enforcement.query-launched", dt.date(2026, 3, 5))
        assert store.counts()["events"] == 3


def test_a_large_file_with_a_bad_last_row_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PRECHECK_BYTES the file is checked whole, row by row, alongside the write (in a
    second process, tests/test_import_background.py), or before it where the process cannot
    fork: either way the bad last row is refused and nothing is committed (without a fork,
    nothing is even written)."""
    from deadlines.store import importer
    from deadlines.store.database import Store

    src = tmp_path / "big.jsonl"
    rows = [
        f'{{"record": "case", "case": "C{i}", "kind": "loan", "unit": "石嘴山银行"}}\n'
        for i in range(3000)
    ]
    src.write_text("".join(rows) + '{"record": "case", "case": "BAD", "kind": "lawsuit"}\n')
    monkeypatch.setattr(importer, "PRECHECK_BYTES", 1000)
    writes: list[int] = []
    real = Store.insert_cases
    monkeypatch.setattr(Store, "insert_cases", lambda self, r: writes.append(1) or real(self, r))
    store, _, _ = init_store(tmp_path / "t.db")
    with store:
        for fork in (True, False):
            writes.clear()
            monkeypatch.setattr(importer, "can_fork", lambda: fork)  # noqa: B023
            with pytest.raises(StoreError, match=r"big.jsonl:3001: unknown case kind 'lawsuit'"):
                importer.import_file(store, src, chunk_rows=500)
            assert store.counts()["cases"] == 0
        assert writes == []
