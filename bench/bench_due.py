"""Benchmark: `deadlines.due()` calls per second, with and without reading the explanation.

    .venv/bin/python bench/bench_due.py [--n 50000]

On the same random inputs (triggers 2024-01-01 .. 2026-06-30, "20 working days" on cn-nx, the
calendar looked up by name on every call as a caller would), times: the working-day arithmetic
alone (``Calendar.add_workdays``), ``deadlines.due(...)`` whose steps are never read (the date
only: the explanation is derived when read), and ``deadlines.due(...).explain("zh")``.
Targets (issue 11): due() >= 100,000 calls/s and <= 25x the arithmetic; with the steps read
>= 10,000/s. Best of 3 runs each. A figure, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import deadlines


def best(fn: Callable[[], object], ops: int, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in seconds per operation."""
    out = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out = min(out, (time.perf_counter() - t) / ops)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50_000)
    args = ap.parse_args()
    rng = random.Random(11)
    first = dt.date(2024, 1, 1).toordinal()
    starts = [dt.date.fromordinal(first + rng.randrange(912)) for _ in range(args.n)]
    few = starts[: max(1, args.n // 10)]
    cal = deadlines.calendar("cn-nx")
    due = deadlines.due
    due("20 working days", start=starts[0], calendar="cn-nx").explain("zh")  # build, load

    def arithmetic() -> None:
        add = cal.add_workdays
        for d in starts:
            add(d, 20)

    def dates() -> None:
        for d in starts:
            due("20 working days", start=d, calendar="cn-nx")

    def explained() -> None:
        for d in few:
            due("20 working days", start=d, calendar="cn-nx").explain("zh")

    t_arith = best(arithmetic, len(starts))
    t_due = best(dates, len(starts))
    t_steps = best(explained, len(few))
    print(f'"20 working days" on cn-nx, {args.n:,} random triggers (load {os.getloadavg()[0]:.2f})')
    print(f"  Calendar.add_workdays        {t_arith * 1e6:8.2f} us   {1 / t_arith:>11,.0f}/s")
    print(
        f"  due(), steps not read        {t_due * 1e6:8.2f} us   {1 / t_due:>11,.0f}/s"
        f"   {t_due / t_arith:5.1f}x the arithmetic   (targets >= 100,000/s, <= 25x)"
    )
    print(
        f"  due().explain('zh')          {t_steps * 1e6:8.2f} us   {1 / t_steps:>11,.0f}/s"
        f"   ({len(few):,} calls; target >= 10,000/s)"
    )


if __name__ == "__main__":
    main()
