"""The SQLite store: :mod:`.schema` (tables and migrations), :mod:`.checks` (what it accepts),
:mod:`.database` (the store itself) and :mod:`.importer` (bulk CSV / JSON-lines imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deadlines.store.database import Store, init_store, open_store

if TYPE_CHECKING:
    from deadlines.store.importer import import_file


def __getattr__(name: str) -> Any:
    """``import_file`` is imported on first use: the daily commands never import (PEP 562)."""
    if name != "import_file":
        raise AttributeError(f"module 'deadlines.store' has no attribute {name!r}")
    from deadlines.store.importer import import_file

    return import_file


__all__ = ["Store", "import_file", "init_store", "open_store"]
