"""Benchmark: how fast a command starts, against `python -c "import click"` (paired runs).

    .venv/bin/python bench/bench_startup.py [--runs 15]

Builds the sample store (seeds/sample.jsonl) in a temporary folder, then runs, ``--runs`` times
each and in rotation (so that a load spike on a shared machine hits every command alike):
``python -c "import click"`` (the floor of any click program), ``deadlines due 20wd --from
2026-02-10``, ``deadlines next CASE`` and ``deadlines remind`` on the sample store, each a fresh
process, with a cache folder of its own that the warm-up run fills (a user's steady state: the
rule and calendar cache of deadlines.cache, and every module's bytecode compiled, as an installed
package has it: the warm-up run writes it under a PYTHONPYCACHEPREFIX of its own, for click and
the standard library too, whatever PYTHONDONTWRITEBYTECODE says). Prints each command's median wall time and its
median ratio to the paired click run.
Target (issue 11): every ratio <= 2x. A figure, not a test.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    deadlines = str(BIN / "deadlines")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "sample.db")
        # the rule and calendar cache of this run alone, filled by the warm-up run below
        env = {**os.environ, "DEADLINES_DB": db, "DEADLINES_CACHE_DIR": str(Path(tmp) / "cache")}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ.clear()
        os.environ.update(env)
        subprocess.run([deadlines, "init"], check=True, capture_output=True)
        subprocess.run(
            [deadlines, "import", str(ROOT / "seeds" / "sample.jsonl")],
            check=True,
            capture_output=True,
        )
        with sqlite3.connect(db) as conn:
            (case,) = conn.execute("SELECT case_id FROM obligations LIMIT 1").fetchone()
        commands = {
            "import click": [sys.executable, "-c", "import click"],
            "due 20wd": [deadlines, "due", "20wd", "--from", "2026-02-10"],
            "next": [deadlines, "next", case],
            "remind": [deadlines, "remind"],
        }
        for cmd in commands.values():  # warm the file cache
            wall(cmd)
        times: dict[str, list[float]] = {name: [] for name in commands}
        ratios: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            base = wall(commands["import click"])
            times["import click"].append(base)
            for name, cmd in commands.items():
                if name != "import click":
                    t = wall(cmd)
                    times[name].append(t)
                    ratios[name].append(t / base)
    print(f"{args.runs} paired runs each (load: {os.getloadavg()[0]:.2f} 1-min average at the end)")
    for name in commands:
        median = statistics.median(times[name]) * 1000
        if name == "import click":
            print(f"  {name:14} {median:7.1f} ms   1.00x")
        else:
            r = statistics.median(ratios[name])
            print(f"  {name:14} {median:7.1f} ms   {r:4.2f}x   (target <= 2x)")


if __name__ == "__main__":
    main()
