"""A package's public names imported on first use (PEP 562): one ``__getattr__`` for every
package that re-exports names from modules a command may not need (``deadlines``, its
``calendars``, ``notices`` and ``rules``)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: a name in ``where`` is imported from the module
    named there when first asked for, and kept in the package (asked for once)."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
