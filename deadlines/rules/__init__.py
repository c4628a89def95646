"""Rules: the plan's time limits as data, their conditions, and the engine that evaluates a case.

Imports flow one way: :mod:`.model` (types) <- :mod:`.conditions` <- :mod:`.files` (reading and
checking) <- :mod:`.loading` (where files come from) <- :mod:`.matching` <- :mod:`.engine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.lazy import exports

if TYPE_CHECKING:
    from deadlines.rules.loading import check_paths, load_rules
    from deadlines.rules.model import Rule, RuleFileError, RuleSet

# Each name imported on first use (PEP 562): a command that only reads the store's rule folders
# (deadlines.store.config) does not build the rule classes.
_WHERE = {
    "check_paths": "deadlines.rules.loading",
    "load_rules": "deadlines.rules.loading",
    **dict.fromkeys(("Rule", "RuleFileError", "RuleSet"), "deadlines.rules.model"),
}


__getattr__ = exports(__name__, _WHERE)


__all__ = ["Rule", "RuleFileError", "RuleSet", "check_paths", "load_rules"]
