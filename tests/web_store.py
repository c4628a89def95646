"""A small store for the web tests, with dates worked out by hand.

Loans (rule credit.small-loan: 20 working days on cn-nx, counted from the day after receipt; no
holiday from March to 3 April 2026, 清明 is 4-6 April):

- L-1 (石嘴山银行) received Mon 2026-03-02 -> due Mon 2026-03-30. Corrected to Wed 03-04, it is due
  Wed 2026-04-01 (5, 6, 9-13, 16-20, 23-27, 30, 31 March are 19 working days; 1 April the 20th).
- L-2 (石嘴山银行) received Fri 2026-03-06 -> due Fri 2026-04-03.
- L-3 (宁夏银行石嘴山分行) received Tue 2026-03-03 -> due Tue 2026-03-31.

On Tue 2026-03-10 ("today" in these tests) L-1 has 14 working days left (11-13, 16-20, 23-27, 30).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from deadlines.store.database import init_store
from deadlines.web import accounts
from deadlines.web.accounts import add_user

# The tests hash with argon2's cheapest parameters (each default hash takes a good part of a
# second on a busy machine); the program keeps argon2-cffi's defaults.
accounts._hasher = lambda: PasswordHasher.from_parameters(CHEAPEST)  # type: ignore[assignment]

TODAY = dt.date(2026, 3, 10)
UNIT_A = "石嘴山银行"
UNIT_B = "宁夏银行石嘴山分行"
PASSWORD = "correct horse battery"
LOANS = (
    ("L-1", UNIT_A, "2026-03-02"),
    ("L-2", UNIT_A, "2026-03-06"),
    ("L-3", UNIT_B, "2026-03-03"),
)
USERS = (("clerk-a", UNIT_A, "clerk"), ("clerk-b", UNIT_B, "clerk"), ("boss", None, "supervisor"))


def build_store(path: Path) -> Path:
    store, _, _ = init_store(path)
    with store:
        for case_id, unit, received in LOANS:
            facts = {"lender": "local-legal-person-bank", "amount_yuan": 5_000_000}
            store.add_case(case_id, "loan", facts, unit)
            store.add_event(
                case_id,
                "loan.application-received",
                dt.date.fromisoformat(received),
                as_of=TODAY,
            )
        for name, unit, role in USERS:
            add_user(store, name, unit, role, PASSWORD, by="test")
    return path
