"""Benchmark: working-day arithmetic against plain date arithmetic and chinese-calendar.

Run: .venv/bin/python bench/bench_calendar.py [--n 200000]

Measures, per operation, ``Calendar.add_workdays`` and ``Calendar.count_workdays`` against
``date + timedelta(days=n)`` (the cost floor of any date arithmetic) and against
``chinese_calendar.find_workday`` (the library's own day-by-day search), on the same random
inputs, and prints the ratios. Target (issue 2): add/count <= 4x date + timedelta.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable

import chinese_calendar

import deadlines


def per_op(fn: Callable[[], object], ops: int, repeat: int = 5) -> float:
    """Best of ``repeat`` runs, in nanoseconds per operation."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter_ns()
        fn()
        best = min(best, (time.perf_counter_ns() - t) / ops)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="operations per measurement")
    args = parser.parse_args()
    rng = random.Random(2026)
    cal = deadlines.calendar("cn-nx")
    first = dt.date(2005, 1, 1).toordinal()
    last = dt.date(2026, 6, 30).toordinal()  # chinese-calendar's range, so all three can run
    starts = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(args.n)]
    ns = [rng.randint(1, 40) for _ in range(args.n)]
    ends = [d + dt.timedelta(days=rng.randint(0, 120)) for d in starts]
    pairs = list(zip(starts, ns, strict=True))
    spans = list(zip(starts, ends, strict=True))
    timedelta = dt.timedelta

    def baseline() -> None:
        for d, n in pairs:
            d + timedelta(days=n)

    def add() -> None:
        add_workdays = cal.add_workdays
        for d, n in pairs:
            add_workdays(d, n)

    def count() -> None:
        count_workdays = cal.count_workdays
        for a, b in spans:
            count_workdays(a, b)

    small = pairs[: max(1, args.n // 100)]

    def library() -> None:
        find = chinese_calendar.find_workday
        for d, n in small:
            find(n, d)

    t_base = per_op(baseline, args.n)
    t_add = per_op(add, args.n)
    t_count = per_op(count, args.n)
    t_lib = per_op(library, len(small), repeat=3)
    print(
        f"operations: {args.n:,} random (date, n) pairs, dates 2005-01-01..2026-06-30, n in 1..40"
    )
    print(f"date + timedelta(days=n)          {t_base:9.0f} ns/op   1.00x")
    print(
        f"Calendar.add_workdays(d, n)       {t_add:9.0f} ns/op   {t_add / t_base:5.2f}x   (target <= 4x)"
    )
    print(
        f"Calendar.count_workdays(a, b)     {t_count:9.0f} ns/op   {t_count / t_base:5.2f}x   (target <= 4x)"
    )
    print(
        f"chinese_calendar.find_workday     {t_lib:9.0f} ns/op   {t_lib / t_base:5.0f}x   ({len(small):,} ops)"
    )
    print(f"add_workdays is {t_lib / t_add:,.0f}x faster than find_workday")


if __name__ == "__main__":
    main()
