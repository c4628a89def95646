"""Reading a small text file a user names (a rule file, the units file, a holiday notice):
bounded in size, so that a device such as /dev/zero or a huge file is refused instead of
filling memory, and with every failure one :class:`DeadlineError` line naming the file."""

from __future__ import annotations

import re
from pathlib import Path

from deadlines.errors import DeadlineError

MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024


def read_bounded(
    path: Path, what: str, error: type[DeadlineError], limit: int = MAX_TEXT_FILE_BYTES
) -> bytes:
    """The bytes of ``path`` (at most ``limit``); ``error`` for a folder, an unreadable file or
    one larger than ``limit`` (devices included: their size is not known in advance)."""
    if path.is_dir():
        raise error(f"{path} is a directory, not {what}; give a file")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise error(f"no {what} at {path}; check the path") from None
    except OSError as exc:
        raise error(f"cannot read {what} {path} ({exc.strerror}); check its permissions") from None
    if len(data) > limit:
        raise error(
            f"{path}: larger than {limit >> 20} MiB; accepted: {what} of at most {limit >> 20} MiB"
        )
    return data


def read_text_file(
    path: Path, what: str, error: type[DeadlineError], limit: int = MAX_TEXT_FILE_BYTES
) -> str:
    """:func:`read_bounded`, decoded as UTF-8; a byte that is not UTF-8 is named with its line."""
    data = read_bounded(path, what, error, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def toml_error_at(exc: Exception) -> tuple[tuple[int, int] | None, str]:
    """Where tomllib says a TOML text went wrong ((line, column), or None when it names no
    place, as at the end of the document), and its message without that place."""
    found = _TOML_AT.search(str(exc))
    at = (int(found[1]), int(found[2])) if found else None
    return at, _TOML_AT.sub("", str(exc))
