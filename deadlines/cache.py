"""A per-user cache of work every command repeats: the parsed and validated rule set and the
calendars' published years.

Each entry is one pickle file in ``$DEADLINES_CACHE_DIR`` (else ``$XDG_CACHE_HOME/deadlines``,
else ``~/.cache/deadlines``) holding ``(key, value)``. The key is the complete input, compared
for equality (the full text of every rule or year file, not a hash of it) together with a stamp
of the code that built the value, so an entry is used only for exactly the inputs it was built from;
anything else — another file, a changed file, an upgraded package, an unreadable or foreign
cache file — is ignored and the value rebuilt. Writes go to a temporary file renamed into place,
so a reader never sees half a file; a cache that cannot be written is simply not kept. Each
installation of the package has its own files (named after where it is installed), so that two
installations of one user do not overwrite each other's entries at every command.
``DEADLINES_CACHE_DIR=""`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV_VAR = "DEADLINES_CACHE_DIR"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The folder of the cache files, or None when the cache is off."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deadlines"


def code_stamp(modules: Sequence[str]) -> tuple[object, ...]:
    """The size and modification time of the package's source files under ``modules`` (folders
    or files relative to the package), with Python's version: an entry built by other code is
    never read back."""
    stamp: list[object] = [_FORMAT, sys.version_info[:2]]
    for name in modules:
        path = _PACKAGE / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for f in files:
            st = f.stat()
            stamp.append((f.name, st.st_size, st.st_mtime_ns))
    return tuple(stamp)


@functools.cache
def installed_version(module: str, dist: str) -> str:
    """The installed version of the distribution ``dist`` whose top package is ``module``, read
    from its ``.dist-info`` folder beside the package without importing either: importlib.metadata
    costs ~20 ms to import, and importing a data library only for its ``__version__`` a few more."""
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        prefix = dist.replace("-", "_") + "-"
        for info in Path(spec.origin).parent.parent.glob(f"{prefix}*.dist-info"):
            return info.name.removeprefix(prefix).removesuffix(".dist-info")
    from importlib.metadata import version  # pragma: no cover - an unusual installation

    return version(dist)  # pragma: no cover


def cached(name: str, key: object, build: Callable[[], T]) -> T:
    """The value stored under ``name`` if it was built from ``key`` (compared with ``==``), else
    ``build()`` — which is then stored for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{zlib.crc32(str(_PACKAGE).encode()):08x}.pickle"
    try:
        with path.open("rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:
            return value  # type: ignore[no-any-return]
    except Exception:  # missing, unreadable or foreign: rebuild
        pass
    value = build()
    _store(path, key, value)
    return value


def _store(path: Path, key: object, value: object) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
