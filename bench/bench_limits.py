"""Benchmark: the costs that must stay bounded (issue 8), at doubling sizes.

    nice -n 10 .venv/bin/python bench/bench_limits.py [--events 1000 4000 16000] [--rules 2500 5000 10000]

1. One enforcement case with many seized assets (each asset: seized, ascertained, pricing
   started), imported from a JSON-lines file with one event per line; then one more event added
   to that case, and ``case show`` rendered. Each size runs in a child process so that its peak
   memory (``ru_maxrss``) is its own.
2. ``deadlines rules check`` over a folder of N synthetic rules (``check_paths``).

Prints seconds, peak MB and the ratio to the previous size: linear means ~4x per 4x step (each
step here is x4, so "within 2x per doubling" means at most 16x). A figure, not a test.

Measured on the shared 2-core machine (2026-11-30, nice 10, other jobs running):

    events   import (old engine)   event add (old)   case show   peak
     1,000   0.23 s  (0.75 s)      0.15 s  (0.09 s)   1.2 MB     46 MB
     4,000   0.85 s  (2.68 s)      0.38 s  (0.37 s)   4.9 MB     83 MB
    16,000   2.94 s (14.97 s)      1.89 s  (8.45 s)  19.6 MB    203 MB
    rules check: 2,500 rules 0.74 s, 5,000 1.80 s, 10,000 2.52 s (was 25-29 s at 10,000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILED = dt.date(2025, 1, 2)


def write_case(path: Path, events: int) -> None:
    """A case filed on FILED with (events - 1) / 3 assets, three events each, one per line."""
    assets = max(1, (events - 1) // 3)
    with path.open("w", encoding="utf-8") as f:
        head = {"record": "case", "case": "E-BIG", "kind": "enforcement", "unit": "中级人民法院"}
        f.write(json.dumps(head, ensure_ascii=False) + "\n")
        rows = [("enforcement.filed", FILED, None)]
        for i in range(assets):
            day = FILED + dt.timedelta(days=1 + i % 300)
            asset = {"asset": f"A-{i}"}
            rows.append(("enforcement.property-seized", day, asset))
            rows.append(("enforcement.property-ascertained", day + dt.timedelta(days=5), asset))
            rows.append(("enforcement.pricing-started", day + dt.timedelta(days=20), asset))
        for etype, on, data in rows:
            ev: dict[str, object] = {"record": "event", "case": "E-BIG", "type": etype}
            ev["on"] = on.isoformat()
            if data:
                ev["data"] = data
            f.write(json.dumps(ev, ensure_ascii=False) + "\n")


def one_case(events: int) -> dict[str, float]:
    from click.testing import CliRunner

    from deadlines.cli import main as cli
    from deadlines.store import import_file, init_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.jsonl"
        write_case(src, events)
        store, _, _ = init_store(Path(tmp) / "t.db")
        with store:
            t0 = time.perf_counter()
            report = import_file(store, src)
            t_import = time.perf_counter() - t0
            t0 = time.perf_counter()
            store.add_event(
                "E-BIG",
                "enforcement.property-seized",
                dt.date(2026, 11, 2),
                data={"asset": "A-new"},
            )
            t_add = time.perf_counter() - t0
        t0 = time.perf_counter()
        shown = CliRunner().invoke(cli, ["case", "show", "E-BIG", "--db", str(Path(tmp) / "t.db")])
        t_show = time.perf_counter() - t0
        assert shown.exit_code == 0, shown.output[-300:]
        show = len(shown.stdout.encode())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "events": report.events,
        "obligations": report.obligations,
        "import_s": t_import,
        "event_add_s": t_add,
        "show_s": t_show,
        "show_mb": show / 1e6,
        "peak_mb": peak,
    }


def write_rules(folder: Path, n: int) -> None:
    parts = []
    for i in range(n):
        # every tenth rule counts after the one before it: the reference checks run too
        link = (
            f'after = "bankruptcy.synthetic-{i - 1}"\n'
            if i % 10
            else 'trigger = "bankruptcy.accepted"\n'
        )
        parts.append(
            f'[[rule]]\nid = "bankruptcy.synthetic-{i}"\ntitle_zh = "合成{i}"\n'
            f'title_en = "Synthetic {i}"\nclause = "二.十二.65"\nquote = "q"\nunit = "u"\n'
            f'case_kind = "bankruptcy"\nkind = "deadline"\n{link}period = "{i % 90 + 1} days"\n'
            'completed_by = ["bankruptcy.closed"]\ncalendar = "cn-nx"\n'
        )
    (folder / "many.toml").write_text("\n".join(parts), encoding="utf-8")


def rules_check(n: int) -> dict[str, float]:
    from deadlines.rules import check_paths

    with tempfile.TemporaryDirectory() as tmp:
        write_rules(Path(tmp), n)
        t0 = time.perf_counter()
        problems = check_paths([tmp])
        took = time.perf_counter() - t0
    assert not problems, problems[:3]
    return {"rules": n, "check_s": took}


def child(kind: str, n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, nargs="*", default=[1000, 4000, 16000])
    ap.add_argument("--rules", type=int, nargs="*", default=[2500, 5000, 10000])
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        print(json.dumps(one_case(n) if kind == "case" else rules_check(n)))
        return
    prev: dict[str, float] | None = None
    for n in args.events:
        r = child("case", n)
        ratio = f" (x{r['import_s'] / prev['import_s']:.1f})" if prev else ""
        print(
            f"case with {r['events']:>6.0f} events: import {r['import_s']:7.2f} s{ratio}, "
            f"{r['obligations']:.0f} obligations; event add {r['event_add_s']:.2f} s; "
            f"case show {r['show_s']:.2f} s, {r['show_mb']:.1f} MB; peak {r['peak_mb']:.0f} MB"
        )
        prev = r
    prev = None
    for n in args.rules:
        r = child("rules", n)
        ratio = f" (x{r['check_s'] / prev['check_s']:.1f})" if prev else ""
        print(f"rules check, {n:>6} rules: {r['check_s']:6.2f} s{ratio}")
        prev = r


if __name__ == "__main__":
    main()
