"""``deadlines send``: each unit's new notices to its destinations, through the outbox.

A run has two steps.

1. **Record.** Under the store's write lock, the sending run of the notice contract gives the
   notices never emitted before, for the units that have destinations. For each unit and each of
   its destinations one message (a digest) is recorded as pending, in the same transaction that
   records the notices as emitted: both are kept, or neither is.
2. **Deliver.** Every pending message whose retry wait is over (this run's and earlier runs') is
   handed to its destination; a success is marked delivered at once, in a transaction of its own;
   a failure counts the attempt, keeps apprise's reason and sets a wait (``outbox.backoff``).

A crash after step 1 leaves the messages pending: the next run sends them. A crash between
handing a message over and marking it repeats that message, with the same id and text, on the
next run (receivers drop it by Message-ID or notice id); nothing else is ever sent twice. A unit
with new notices but no destination is reported, and its notices are not recorded, so they go out
once it has one. Two ``send`` runs at once: the second stops with a clear error instead of
delivering the same pending messages alongside the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from deadlines.errors import DeadlineError, StoreError
from deadlines.messages import Lang, check_lang
from deadlines.model import NO_UNIT, NO_UNIT_NAME, Obligation
from deadlines.notices import contract, digest, ics, outbox
from deadlines.notices.channels import Attachment, check_destinations, deliver
from deadlines.notices.contract import Notice
from deadlines.notices.daily import check_units
from deadlines.notices.outbox import Message
from deadlines.notices.units import Units, is_mail
from deadlines.rules.explain import obligation_steps
from deadlines.store.database import Store, china_today

Hook = Callable[[str], None]
"""Called at ``recorded`` (step 1 committed) and ``delivered`` (a message was accepted, not yet
marked): tests stop the process there to check that nothing is lost."""
Deliver = Callable[..., None]


@dataclass(frozen=True)
class Attempt:
    message: Message
    error: str | None = None


@dataclass(frozen=True)
class SendReport:
    as_of: dt.date
    dry_run: bool
    queued: tuple[Message, ...]
    attempts: tuple[Attempt, ...]
    pending: int
    unrouted: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    units_file: str = ""

    @property
    def sent(self) -> int:
        return sum(1 for a in self.attempts if a.error is None)

    @property
    def failed(self) -> tuple[Attempt, ...]:
        return tuple(a for a in self.attempts if a.error is not None)

    @property
    def notices(self) -> list[str]:
        """Notice ids delivered in this run (to at least one destination)."""
        return sorted({n for a in self.attempts if a.error is None for n in a.message.notices})

    def as_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "dry_run": self.dry_run,
            "sent": self.sent,
            "failed": len(self.failed),
            "pending": self.pending,
            "notices": self.notices,
            "queued": [m.as_json() for m in self.queued],
            "attempts": [
                {
                    **a.message.as_json(),
                    "state": "delivered" if a.error is None else "failed",
                    "error": a.error,
                }
                for a in self.attempts
            ],
            "unrouted": _by_unit_name(self.unrouted),
        }


def _by_unit_name(by_unit: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """unit -> ids, NO_UNIT named as the lists head it (with a unit of that name, if any)."""
    out: dict[str, list[str]] = {}
    for unit, ids in by_unit.items():
        out.setdefault(NO_UNIT_NAME if unit == NO_UNIT else unit, []).extend(ids)
    return out


def send(
    store: Store,
    units: Units,
    as_of: dt.date | None = None,
    *,
    only: Sequence[str] = (),
    dry_run: bool = False,
    lang: Lang = "zh",
    now: dt.datetime | None = None,
    hook: Hook | None = None,
    deliver_one: Deliver = deliver,
) -> SendReport:
    """One sending run (see the module docstring); ``only`` limits it to these units."""
    day = as_of or china_today()
    check_destinations(units)
    # a unit named on the command line that neither the units file nor the store knows is a typo,
    # which would send nothing, every day, without a word
    check_units(store, [u for u in only if u not in units.send_to])
    clock = now or outbox.now_in_china()
    routed = [u for u, d in units.send_to.items() if d and (not only or u in only)]
    if dry_run:
        return _preview(store, units, day, routed, only, lang, clock)
    with _send_lock(store):
        unrouted = _unrouted(store, day, routed, only)
        queued: list[Message] = []

        def emit(run: contract.RemindRun) -> None:
            for message in plan(store, run.new, units, day, lang, clock):
                outbox.enqueue(store.conn, message)
                queued.append(message)

        if routed:  # (no units would mean every unit)
            contract.send(store, day, emit=emit, units=routed)
        if hook is not None:
            hook("recorded")
        attach = _Attachments(store)
        attempts = [
            _attempt(store, units, m, clock, hook, deliver_one, attach)
            for m in outbox.due(store.conn, clock, only)
        ]
        pending = outbox.count_pending(store.conn, only)
    return SendReport(
        day, False, tuple(queued), tuple(attempts), pending, unrouted, str(units.path)
    )


def _preview(
    store: Store,
    units: Units,
    day: dt.date,
    routed: Sequence[str],
    only: Sequence[str],
    lang: Lang,
    clock: dt.datetime,
) -> SendReport:
    """What a run would record and retry; the store is left as it was."""
    queued: list[Message] = []
    if routed:
        run = contract.look(store, day, units=routed)
        queued = plan(store, run.new, units, day, lang, clock)
    retries = tuple(Attempt(m) for m in outbox.due(store.conn, clock, only))
    pending = outbox.count_pending(store.conn, only) + len(queued)
    unrouted = _unrouted(store, day, routed, only)
    return SendReport(day, True, tuple(queued), retries, pending, unrouted, str(units.path))


def _unrouted(
    store: Store, day: dt.date, routed: Sequence[str], only: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """Units with new notices but no destination: unit -> notice ids (a look, nothing kept)."""
    run = contract.look(store, day, units=only)
    out: dict[str, list[str]] = {}
    for n in run.new:
        if n.unit not in routed:
            out.setdefault(n.unit, []).append(n.id)
    return {u: tuple(ids) for u, ids in sorted(out.items())}


def plan(
    store: Store,
    notices: Sequence[Notice],
    units: Units,
    day: dt.date,
    lang: Lang,
    now: dt.datetime,
) -> list[Message]:
    """One message per unit and destination for the notices not yet sent there (reads only)."""
    by_unit: dict[str, list[Notice]] = {}
    for n in notices:
        by_unit.setdefault(n.unit, []).append(n)
    facts = _Explanations(store, lang, day)
    out: list[Message] = []
    for unit in sorted(by_unit):
        for destination in units.destinations(unit):
            done = outbox.already_queued(store.conn, destination, [n.id for n in by_unit[unit]])
            fresh = [n for n in by_unit[unit] if n.id not in done]
            if not fresh:
                continue
            mail = is_mail(destination)
            body = digest.body(
                fresh,
                lang,
                steps={n.id: facts.steps(n) for n in fresh} if mail else None,
                attachment=attachment_name(day) if mail else None,
            )
            ids = tuple(sorted(n.id for n in fresh))
            out.append(
                Message(
                    id=outbox.message_key(destination, day, ids),
                    unit=unit,
                    destination=destination,
                    as_of=day,
                    lang=lang,
                    title=digest.title(unit, day, fresh, lang),
                    body=body,
                    notices=ids,
                    state="pending",
                    attempts=0,
                    created_at=now.isoformat(timespec="seconds"),
                )
            )
    return out


class _Explanations:
    """Each notice's explanation steps (derived in ``lang``, as of ``day``), its case's
    obligations read once."""

    def __init__(self, store: Store, lang: Lang, day: dt.date) -> None:
        self.store, self.lang, self.day = store, lang, day
        self._cases: dict[str, dict[tuple[str, str], Obligation]] = {}

    def steps(self, n: Notice) -> tuple[str, ...]:
        if n.case not in self._cases:
            self._cases[n.case] = {
                (ob.rule_id, ob.instance): ob for ob in self.store.obligations(n.case)
            }
        ob = self._cases[n.case].get((n.rule, n.instance))
        return obligation_steps(ob, self.lang, self.day) if ob is not None else ()


def attachment_name(day: dt.date) -> str:
    return f"deadlines-{day.isoformat()}.ics"


class _Attachments:
    """A mail carries its unit's deadlines as a calendar file, as they stand when it is sent;
    built once per unit in a run, however many mailboxes the unit has."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._built: dict[tuple[str, str, dt.date], list[Attachment]] = {}

    def __call__(self, message: Message) -> list[Attachment]:
        if not is_mail(message.destination):
            return []
        key = (message.unit, message.lang, message.as_of)
        if key not in self._built:
            try:
                data = ics.export(self.store, unit=message.unit, lang=check_lang(message.lang))
            except DeadlineError:
                self._built[key] = []  # the unit has no duties left to show
            else:
                name = attachment_name(message.as_of)
                self._built[key] = [Attachment(name, data, "text/calendar")]
        return self._built[key]


def _attempt(
    store: Store,
    units: Units,
    message: Message,
    now: dt.datetime,
    hook: Hook | None,
    deliver_one: Deliver,
    attachments: _Attachments,
) -> Attempt:
    try:
        if message.destination not in units.destinations(message.unit):
            raise DeadlineError(
                f"destination {message.destination} is no longer given for unit "
                f"{message.unit!r} in {units.path}; put it back to send this message"
            )
        deliver_one(
            message.destination,
            title=message.title,
            body=message.body,
            message_id=message.message_id,
            notice_ids=message.notices,
            attachments=attachments(message),
        )
    except DeadlineError as exc:
        outbox.mark_failed(store, message, str(exc), now)
        return Attempt(message, str(exc))
    if hook is not None:
        hook("delivered")
    outbox.mark_delivered(store, message, now)
    return Attempt(message)


@contextmanager
def _send_lock(store: Store) -> Iterator[None]:
    """One sending run per store at a time (released by the system if the process dies)."""
    import fcntl

    path = store.path.with_name(store.path.name + ".send-lock")
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another `deadlines send` is delivering from {store.path}; try again when it "
                "has finished"
            ) from None
        yield
