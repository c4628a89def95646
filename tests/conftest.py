"""Shared fixtures: hand-written expected answers live in tests/data/*.csv."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a hand-written CSV table; lines starting with '#' are comments."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [
            row for row in csv.DictReader(f) if not next(iter(row.values()), "").startswith("#")
        ]
