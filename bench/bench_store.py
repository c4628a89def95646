"""Benchmark of the store: import and recompute rates, store size and the daily `remind` run at
100,000 and 1,000,000 cases.

Not a test: it prints figures. For each size it

1. generates a CSV of N synthetic cases (half enforcement cases with four obligations, half
   manufacturing VAT refunds with two: about three obligations and five events a case), in which
   all but OPEN cases have completed every duty, and the OPEN ones fall due around AS_OF — so that
   both sizes have the same number of notices due;
2. imports it with ``deadlines import`` in a fresh process and reports events/s and the process's
   peak memory (RSS), which must stay flat in N;
3. times ``deadlines remind --as-of AS_OF`` in a fresh process (wall time, interpreter start
   included), twice;
4. times ``deadlines recompute`` over the whole store in a fresh process (events/s, peak RSS).

Targets (issue 11): import and recompute >= 60,000 events/s at 1M with flat memory; the 1M store
<= 1 GiB; remind <= 1.5x its 100k time. The machine's load average is printed with the figures
(a shared machine: run it with ``nice -n 10``, once). Usage::

    python bench/bench_store.py                 # 100k and 1M (takes minutes)
    python bench/bench_store.py --sizes 100000  # one size

Measured on 2026-12-01 at 00:25 UTC (schema version 14; 2 cores and no other work running, load
1-2 counting this script's own processes; Python 3.11, SQLite 3.40; import and recompute with
their default two worker processes each):

    size        import events/s (per CPU s), peak   recompute events/s (per CPU s)  store     remind
    100,000     51,781 (28,936), 147 MiB            96,856 (52,135), 89 MiB         92 MiB    0.21 s
    1,000,000   76,170 (40,437), 153 MiB            108,650 (56,041), 89 MiB        926 MiB   0.14 s

remind at 1M is 0.67x its 100k time (459 notices each); peak memory 1.04x. (The evening before,
the import in one process beside its row check: 27,940 and 28,374 events/s.)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 6, 15)  # a Monday; every generated event is on or before it
OPEN = 1_000  # cases with a duty still open near AS_OF, the same at every size
FIRST = dt.date(2025, 1, 6)
COURTS = ("大武口区人民法院", "惠农区人民法院", "平罗县人民法院", "石嘴山市中级人民法院")
TAX = ("国家税务总局石嘴山市税务局", "国家税务总局平罗县税务局")


def generate(path: Path, n: int, seed: int = 4) -> int:
    """Write N cases; returns the number of events written.

    The gaps between events are random (as in real files, so neither the engine's caches nor the
    store see repeated shapes). The OPEN cases are every (N // OPEN)-th case and their dates
    depend only on their rank among the open ones, so every size has exactly the same notices.
    """
    rng = random.Random(seed)
    span = (AS_OF - FIRST).days - 150
    step = n // OPEN
    events = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("record", "case", "kind", "unit", "facts", "type", "on", "note", "data"))
        for i in range(n):
            rank, rest = divmod(i, step)
            is_open = rest == 0 and rank < OPEN
            r = random.Random(rank) if is_open else rng
            if is_open:  # started shortly before AS_OF: its duty falls due around it
                start = AS_OF - dt.timedelta(days=r.randint(1, 60))
            else:
                start = FIRST + dt.timedelta(days=r.randrange(span))
            if start.weekday() >= 5:
                start -= dt.timedelta(days=start.weekday() - 4)
            cid = f"B{i:07d}"
            at = start
            rows: list[tuple[str, dt.date, str]] = []

            def add(etype: str, lo: int, hi: int, data: str = "") -> None:
                nonlocal at
                at = at + dt.timedelta(days=r.randint(lo, hi))  # noqa: B023
                rows.append((etype, at, data))  # noqa: B023

            if i % 2 == 0:
                w.writerow(
                    (
                        "case",
                        cid,
                        "enforcement",
                        COURTS[i % 4],
                        "property_complexity=simple",
                        "",
                        "",
                        "",
                        "",
                    )
                )
                add("enforcement.filed", 0, 0)
                add("enforcement.query-launched", 0, 1)
                add("enforcement.query-results", 1, 6)
                add("enforcement.online-seized", 0, 1)
                add("enforcement.property-seized", 0, 5, "asset=A-1")
                if not is_open:
                    add("enforcement.property-ascertained", 5, 25, "asset=A-1")
                    add("enforcement.pricing-started", 1, 6, "asset=A-1")
            else:
                w.writerow(
                    ("case", cid, "vat-refund", TAX[i % 2], "manufacturing=true", "", "", "", "")
                )
                add("vat-refund.accepted", 0, 0)
                if not is_open:
                    add("vat-refund.arrived", 1, 2)
                    add("vat-refund.refunded", 1, 9)
            for etype, on, data in rows:
                if on <= AS_OF:
                    w.writerow(("event", cid, "", "", "", etype, on.isoformat(), "", data))
                    events += 1
    return events


def _child(args: list[str]) -> None:
    """Run one CLI command in this process, then print its peak RSS (MiB) and the CPU seconds it
    used (user + system, interpreter start included, and those of the processes it started and
    waited for: the import's background check) on the last line."""
    sys.path.insert(0, str(ROOT))
    from deadlines.cli import main

    code = 0
    try:
        main(args, standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover
        code = int(exc.code or 0)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    print(
        json.dumps(
            {
                "peak_mib": round(usage.ru_maxrss / 1024, 1),
                "child_peak_mib": round(children.ru_maxrss / 1024, 1),  # the largest one
                "cpu_s": cpu,
                "code": code,
            }
        ),
        file=sys.stderr,
    )


def run(args: list[str], *, quiet: bool = True) -> tuple[float, float, str]:
    """(wall seconds, peak MiB, stdout) of one CLI command in a fresh process; its CPU seconds
    in ``last_cpu`` (on a shared machine the wall time counts the other work too)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"command {args} failed:\n{proc.stderr[-2000:]}")
    last = json.loads(proc.stderr.strip().splitlines()[-1])
    last_cpu[0] = float(last["cpu_s"])
    last_child_peak[0] = float(last["child_peak_mib"])
    return wall, float(last["peak_mib"]), proc.stdout


last_cpu = [0.0]
last_child_peak = [0.0]


def bench(n: int, folder: Path, jobs: int | None = None) -> dict[str, float]:
    src = folder / f"cases-{n}.csv"
    db = folder / f"store-{n}.db"
    t = time.perf_counter()
    events = generate(src, n)
    gen = time.perf_counter() - t
    print(
        f"\n== {n:,} cases: {events:,} events generated in {gen:.1f} s "
        f"({src.stat().st_size / 2**20:.0f} MiB CSV)"
    )
    run(["init", "--db", str(db)])
    wall, peak, out = run(["import", str(src), "--db", str(db)])
    cpu = last_cpu[0]
    print(
        f"import: {wall:.1f} s, {events / wall:,.0f} events/s ({n / wall:,.0f} cases/s), "
        f"CPU {cpu:.1f} s ({events / cpu:,.0f} events per CPU second), "
        f"peak RSS {peak:.0f} MiB (load {os.getloadavg()[0]:.2f}) — {out.strip()}"
    )
    print(f"store file: {db.stat().st_size / 2**20:.0f} MiB")
    args = ["remind", "--as-of", AS_OF.isoformat(), "--format", "json", "--db", str(db)]
    first, _, out = run(args)
    count = len(json.loads(out))
    second, _, _ = run(args)
    base, _, _ = run(["--help"])
    print(
        f"remind: {count} notices; first run {first:.2f} s, second run {second:.2f} s "
        f"(interpreter start and imports alone: {base:.2f} s)"
    )
    jobs_args = [] if jobs is None else ["--jobs", str(jobs)]
    re_wall, re_peak, out = run(["recompute", "--db", str(db), *jobs_args])
    re_cpu = last_cpu[0]
    workers = f" (a worker: {last_child_peak[0]:.0f} MiB)" if last_child_peak[0] else ""
    print(
        f"recompute: {re_wall:.1f} s, {events / re_wall:,.0f} events/s, CPU {re_cpu:.1f} s "
        f"({events / re_cpu:,.0f} events per CPU second, workers' included), peak RSS "
        f"{re_peak:.0f} MiB{workers}"
        f" — {out.strip().splitlines()[0] if out.strip() else ''} (load {os.getloadavg()[0]:.2f})"
    )
    return {
        "events_per_s": events / wall,
        "events_per_cpu_s": events / cpu,
        "recompute_per_cpu_s": events / re_cpu,
        "recompute_per_s": events / re_wall,
        "recompute_peak_mib": re_peak,
        "store_mib": db.stat().st_size / 2**20,
        "peak_mib": peak,
        "remind_s": first,
        "remind2_s": second,
        "notices": count,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp dir)")
    ap.add_argument("--jobs", type=int, default=None, help="recompute --jobs (default: its own)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        results = {n: bench(n, Path(tmp), args.jobs) for n in args.sizes}
    print("\nsummary")
    for n, r in results.items():
        print(
            f"  {n:>9,} cases: import {r['events_per_s']:,.0f} events/s"
            f" ({r['events_per_cpu_s']:,.0f} per CPU s), peak {r['peak_mib']:.0f} MiB;"
            f" recompute {r['recompute_per_s']:,.0f} events/s"
            f" ({r['recompute_per_cpu_s']:,.0f} per CPU s), peak "
            f"{r['recompute_peak_mib']:.0f} MiB; store {r['store_mib']:.0f} MiB (target at 1M"
            f" <= 1024); remind {r['remind_s']:.2f} s ({r['notices']} notices), "
            f"again {r['remind2_s']:.2f} s"
        )
    sizes = sorted(results)
    if len(sizes) > 1:
        lo, hi = results[sizes[0]], results[sizes[-1]]
        print(
            f"  remind ratio {sizes[-1]:,} / {sizes[0]:,}: {hi['remind_s'] / lo['remind_s']:.2f}x"
            " (target <= 1.5x); peak memory ratio "
            f"{hi['peak_mib'] / lo['peak_mib']:.2f}x"
        )


if __name__ == "__main__":
    main()
