"""The SQLite store: :mod:`.schema` (tables and migrations), :mod:`.checks` (what it accepts),
:mod:`.database` (the store itself) and :mod:`.importer` (bulk CSV / JSON-lines imports)."""

from deadlines.store.database import Store, init_store, open_store
from deadlines.store.importer import import_file

__all__ = ["Store", "import_file", "init_store", "open_store"]
