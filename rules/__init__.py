"""The plan's rule files (*.toml), installed as the package ``deadlines.plan_rules``."""
