"""Rules: the plan's time limits as data, their conditions, and the engine that evaluates a case.

Imports flow one way: :mod:`.model` (types) <- :mod:`.conditions` <- :mod:`.files` (reading and
checking) <- :mod:`.loading` (where files come from) <- :mod:`.matching` <- :mod:`.engine`.
"""

from deadlines.rules.loading import check_paths, load_rules
from deadlines.rules.model import Rule, RuleFileError, RuleSet

__all__ = ["Rule", "RuleFileError", "RuleSet", "check_paths", "load_rules"]
