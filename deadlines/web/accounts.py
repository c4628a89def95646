"""Web accounts in the store: who may see and record what, and their password hashes.

A clerk sees and records only the cases of their unit; a supervisor sees every unit and records
nothing; an admin manages accounts (and reads like a supervisor). Passwords are hashed with
argon2id (argon2-cffi, the reference implementation's binding, salted and tuned by default);
only the hash is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, get_args

from deadlines.errors import StoreError
from deadlines.store.checks import MAX_ID, MAX_UNIT, check_text, what_text
from deadlines.store.database import Store, china_now

if TYPE_CHECKING:
    from argon2 import PasswordHasher

Role = Literal["clerk", "supervisor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class User:
    name: str
    unit: str | None
    role: Role

    def sees(self, units: Iterable[str | None]) -> bool:
        """A clerk sees a case whose unit (or one of its duties' units) is theirs."""
        return self.role != "clerk" or self.unit in set(units)

    def records(self, units: Iterable[str | None]) -> bool:
        """Only a clerk of the case's unit records its events."""
        return self.role == "clerk" and self.unit in set(units)

    @property
    def units(self) -> tuple[str, ...]:
        """The units whose lists this account reads: its own for a clerk, every unit (empty)
        for the others."""
        return (self.unit,) if self.role == "clerk" and self.unit else ()


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def check_new_user(name: str, unit: str | None, role: str, password: str) -> None:
    check_text(
        what_text("user_name"), name, MAX_ID
    )  # the store's text policy (no controls, bad bytes)
    if unit:
        check_text(what_text("unit"), unit, MAX_UNIT)
    if not name or name != name.strip() or any(c.isspace() for c in name):
        raise StoreError(key="user.bad_name", name=name)
    if role not in ROLES:
        raise StoreError(key="user.bad_role", role=role, roles=", ".join(ROLES))
    if role == "clerk" and not unit:
        raise StoreError(key="user.clerk_needs_unit")
    if len(password) < MIN_PASSWORD:
        raise StoreError(key="user.short_password", n=len(password), min=MIN_PASSWORD)


def add_user(
    store: Store, name: str, unit: str | None, role: str, password: str, *, by: str
) -> User:
    """Add an account (one transaction, logged as a write by ``by``); an existing name is an
    error."""
    check_new_user(name, unit, role, password)
    digest = _hasher().hash(password)
    with store.transaction():
        if store.conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise StoreError(key="user.exists", name=name)
        store.conn.execute(
            "INSERT INTO users (name, unit, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, unit or None, role, digest, china_now()),
        )
        store.log_write(by, "user.add", detail={"name": name, "unit": unit, "role": role})
    return User(name, unit or None, role)  # type: ignore[arg-type]


def get_user(store: Store, name: str) -> User | None:
    row = store.conn.execute(
        "SELECT name, unit, role FROM users WHERE name = ?", (name,)
    ).fetchone()
    return User(row[0], row[1], row[2]) if row else None


def list_users(store: Store) -> list[User]:
    return [
        User(r[0], r[1], r[2])
        for r in store.conn.execute("SELECT name, unit, role FROM users ORDER BY name")
    ]


def unit_known(store: Store, unit: str) -> bool:
    """Whether any case has this unit (a typo in --unit would show a clerk nothing)."""
    row = store.conn.execute("SELECT 1 FROM cases WHERE unit = ? LIMIT 1", (unit,)).fetchone()
    return row is not None


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The account if the password is right, else None (the same work either way, so the answer
    time does not tell which names exist)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = store.conn.execute(
        "SELECT name, unit, role, password_hash FROM users WHERE name = ?", (name,)
    ).fetchone()
    digest = row[3] if row else _dummy_hash()
    try:
        _hasher().verify(digest, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row[0], row[1], row[2]) if row else None


@cache
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone")
