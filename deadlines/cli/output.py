"""Standard output as every command writes it: checked, escaped, and failing in one clear way.

* A write that fails (``> /dev/full``, a pipe closed by the reader, a closed stdout, an encoding
  such as ``PYTHONIOENCODING=latin-1`` that cannot show Chinese) raises :class:`OutputError` where
  it happens, inside the command: ``remind --new`` prints before it commits, so a notice it could
  not print is not recorded as emitted. The group turns the error into one line and exit 1.
* Control characters other than line breaks and tabs (ESC, NUL, a bare carriage return) are
  printed as ``\\x1b``-style escapes: nothing read from a store can move the cursor, recolour the
  terminal or overwrite a line of a cron log. The store refuses them on the way in; this covers
  data written before that, and anything else printed.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TextIO

from deadlines.errors import DeadlineError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """``text`` with every control character except newline and tab shown as an escape."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` with every control character, line breaks included, shown as an escape."""
    return _ANY_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class OutputError(DeadlineError):
    """Standard output could not be written. ``reader_left`` when the reader closed the pipe
    (``deadlines calendar years | head``): the ordinary end of a pipeline, not a fault to report."""

    def __init__(self, message: str, *, reader_left: bool = False) -> None:
        super().__init__(message)
        self.reader_left = reader_left


class Guarded:
    """A stand-in for ``sys.stdout`` that escapes controls and turns write failures into
    :class:`OutputError`. Everything else is the real stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(escape(text))
        except UnicodeEncodeError as exc:
            enc = getattr(self._stream, "encoding", "?")
            raise OutputError(
                f"standard output uses the encoding {enc}, which cannot show {exc.object[exc.start]!r}; "
                "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) and run again; nothing was recorded"
            ) from None
        except OSError as exc:
            raise _failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _failed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _failed(exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(
        f"cannot write the output ({reason}); check where standard output goes (a full disk, a "
        "closed pipe); nothing was recorded",
        reader_left=exc.errno == errno.EPIPE,
    )


@contextmanager
def guarded() -> Iterator[None]:
    """Run a command with a guarded stdout; a closed stdout is refused before it starts."""
    real = sys.stdout
    if real is None or getattr(real, "closed", False):
        raise OutputError(
            "standard output is closed; run the command with its output going somewhere "
            "(a terminal, a file, a pipe)"
        )
    sys.stdout = Guarded(real)
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout = real


def check_arguments(args: Sequence[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (the shell hands such bytes over as lone
    surrogates), before any command looks it up or stores it."""
    for i, arg in enumerate(args, 1):
        if isinstance(arg, str) and any("\ud800" <= c <= "\udfff" for c in arg):
            raise ArgumentError(
                f"argument {i} ({arg!r}) is not UTF-8 text; accepted: UTF-8 text (check "
                "the terminal's or the script's encoding)"
            )
        if isinstance(arg, str) and "\x00" in arg:  # no shell passes one; a caller might
            raise ArgumentError(f"argument {i} ({arg!r}) contains a NUL character; remove it")


class ArgumentError(DeadlineError):
    """A command-line argument that is not text."""


def give_up_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that Python's own flush at exit does
    not print a second error (the recipe of the Python docs for SIGPIPE)."""
    stream = sys.stdout
    try:
        fd = stream.fileno() if stream is not None else -1
    except (OSError, ValueError, AttributeError):
        fd = -1
    if fd >= 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    if stream is not None:
        with suppress(OSError, ValueError):
            stream.flush()
