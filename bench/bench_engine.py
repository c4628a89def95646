"""Benchmark: synthetic cases' events through the engine, durable-rules and the fallback side by side.

    .venv/bin/python bench/bench_engine.py [--cases 100000] [--small 10000]

Prints, for each matcher, events/s (wall and per CPU second) and CPU microseconds per case
through ``Engine.evaluate`` (the making of the cases not counted) with the match memo on (the
default) and off (every case goes through the matcher: durable-rules' assert + retract, or the
Python conditions), then peak traced memory (tracemalloc) at two sizes to show it is flat in the
number of cases: cases are generated lazily and their obligations dropped, so nothing per case
may stay behind. A figure, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deadlines.model import Case, Event
from deadlines.rules import RuleSet, load_rules
from deadlines.rules.engine import Engine
from deadlines.rules.matching import DurableMatcher, PythonMatcher, durable_available

AS_OF = dt.date(2026, 11, 30)
START = dt.date(2025, 1, 2)
SPAN = (dt.date(2026, 11, 25) - START).days


def _day(rng: random.Random, lo: int = 0, hi: int = SPAN) -> dt.date:
    return START + dt.timedelta(days=rng.randint(lo, hi))


def _later(rng: random.Random, d: dt.date, lo: int, hi: int) -> dt.date:
    return min(d + dt.timedelta(days=rng.randint(lo, hi)), AS_OF)


def synthetic_cases(n: int, seed: int = 2023) -> Iterator[Case]:
    """``n`` cases across every case kind and variant, 1-7 events each, deterministic."""
    rng = random.Random(seed)
    for i in range(n):
        k = i % 10
        cid = f"C{i}"
        if k == 0:
            exp = _day(rng, 30, SPAN + 300)
            ev = [Event("licence.expires", exp)]
            if rng.random() < 0.5:
                ev.append(
                    Event("licence.reminded-60", exp - dt.timedelta(days=rng.randint(55, 70)))
                )
            yield Case(cid, "licence", {}, None, tuple(ev))
        elif k == 1:
            t = _day(rng)
            ev = [Event("project.accepted", t)]
            if rng.random() < 0.7:
                ev.append(Event("project.approved", _later(rng, t, 10, 80)))
            yield Case(cid, "project", {"commitment": rng.random() < 0.8}, None, tuple(ev))
        elif k == 2:
            t = _day(rng)
            facts = {
                "lender": rng.choice(["local-legal-person-bank", "national-bank"]),
                "amount_yuan": rng.choice([500_000, 3_000_000, 10_000_000, 12_000_000]),
            }
            ev = [
                Event("loan.application-received", t),
                Event("loan.decided", _later(rng, t, 5, 40)),
            ]
            yield Case(cid, "loan", facts, None, tuple(ev))
        elif k == 3:
            t = _day(rng)
            ev = [
                Event("vat-refund.accepted", t),
                Event("vat-refund.arrived", _later(rng, t, 1, 6)),
                Event("vat-refund.refunded", _later(rng, t, 3, 20)),
            ]
            yield Case(cid, "vat-refund", {"manufacturing": rng.random() < 0.4}, None, tuple(ev))
        elif k in (4, 5, 6):
            f = _day(rng)
            ev = [
                Event("enforcement.filed", f),
                Event("enforcement.query-launched", _later(rng, f, 0, 3)),
                Event("enforcement.query-results", _later(rng, f, 2, 6)),
            ]
            for a in range(rng.randint(0, 2)):
                s = _later(rng, f, 5, 40)
                asset = {"asset": f"A{a}"}
                ev.append(Event("enforcement.property-seized", s, data=asset))
                ev.append(
                    Event("enforcement.property-ascertained", _later(rng, s, 10, 40), data=asset)
                )
                ev.append(
                    Event("enforcement.appraisal-entrusted", _later(rng, s, 20, 60), data=asset)
                )
            if rng.random() < 0.5:
                m = _later(rng, f, 10, 200)
                ev.append(Event("enforcement.money-arrived", m, data={"payment": "P1"}))
            facts = {"property_complexity": rng.choice(["simple", "complex"])}
            yield Case(cid, "enforcement", facts, None, tuple(ev))
        elif k in (7, 8):
            t = _day(rng, -2000, SPAN)
            ev = [Event("bankruptcy.accepted", t)]
            if rng.random() < 0.3:
                p = _later(rng, t, 5, 40)
                ev += [Event("court.suspended", p), Event("court.resumed", _later(rng, p, 5, 30))]
            facts = {"track": rng.choice(["no-asset", "enforcement-to-bankruptcy", "ordinary"])}
            yield Case(cid, "bankruptcy", facts, None, tuple(ev))
        else:
            kind, start, done = rng.choice(
                [
                    ("supervision", "supervision.duty-started", "supervision.bulletin-issued"),
                    ("wage-supervision", "wage.duty-started", "wage.hazard-reported"),
                    ("port-fees", "port-fees.duty-started", "port-fees.published"),
                ]
            )
            s = _day(rng, SPAN - 200, SPAN - 20)
            ev = [Event(start, s)] + [
                Event(done, _later(rng, s, d, d + 5)) for d in range(25, 200, 31)
            ]
            yield Case(cid, kind, {}, None, tuple(ev))


def run(engine: Engine, n: int) -> tuple[int, int, float, float]:
    """(events, obligations, seconds, CPU seconds) of evaluating ``n`` synthetic cases. They are
    made 1,000 at a time outside the timing (making one costs about as much as evaluating it)."""
    events = obligations = 0
    wall = cpu = 0.0
    cases = synthetic_cases(n)
    while chunk := list(itertools.islice(cases, 1000)):
        events += sum(len(case.events) for case in chunk)
        t0, c0 = time.perf_counter(), time.process_time()
        for case in chunk:
            obligations += len(engine.evaluate(case, AS_OF))
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
    return events, obligations, wall, cpu


def peak_memory(rules: RuleSet, matcher_cls: type, n: int) -> float:
    """Peak traced MiB while evaluating ``n`` cases with a fresh engine and cold caches."""
    gc.collect()
    tracemalloc.start()
    engine = Engine(rules, matcher_cls(rules))
    run(engine, n)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=10_000)
    args = ap.parse_args()
    rules = load_rules(use_env=False)
    matchers: list[tuple[str, type]] = [("python", PythonMatcher)]
    if durable_available():
        matchers.insert(0, ("durable-rules", DurableMatcher))
    else:
        print("durable-rules cannot import on this Python: fallback only")
    print(
        f"{args.cases:,} synthetic cases, as of {AS_OF}, {len(rules.rules)} rules, Python {sys.version.split()[0]}"
    )
    print(
        f"{'matcher':<14} {'memo':<5} {'events':>9} {'obligations':>12} {'seconds':>8} {'events/s':>10}"
        f" {'CPU s':>8} {'per CPU s':>10} {'us/case':>8}   (load {os.getloadavg()[0]:.2f})"
    )
    for name, cls in matchers:
        for memo in (True, False):
            engine = Engine(rules, cls(rules), cache=4096 if memo else 0)
            ev, ob, secs, cpu = run(engine, args.cases)
            print(
                f"{name:<14} {'on' if memo else 'off':<5} {ev:>9,} {ob:>12,} {secs:>8.2f} {ev / secs:>10,.0f}"
                f" {cpu:>8.2f} {ev / cpu:>10,.0f} {cpu / args.cases * 1e6:>8.1f}"
            )
    print("peak traced memory (tracemalloc), memo on, cold caches:")
    for name, cls in matchers:
        small = peak_memory(rules, cls, args.small)
        large = peak_memory(rules, cls, args.cases)
        print(
            f"  {name:<14} {args.small:>9,} cases: {small:7.1f} MiB   {args.cases:>9,} cases: {large:7.1f} MiB"
        )


if __name__ == "__main__":
    main()
