"""Which rules are in force: the default packs plus the site's, with the configuration's
severity overrides and ignores, and a run's --select/--ignore. Shared by the CLI and the
library API (review.api), so both review a page with the same rules."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import config as config_mod
from . import loader
from ..engine import RuleSet
from ..kinds import roster
from ..model import Rule


def load_all(config_path: str | None, cwd: Path) -> tuple[config_mod.Config, tuple[Rule, ...]]:
    cfg = config_mod.load(config_path, cwd)
    rules = loader.load_rules(loader.default_pack_paths())
    rules += loader.load_rules(cfg.rule_files, builtin=False)
    loader.check_unique(rules)
    rules = roster.bind(rules, cfg.roster)  # the site roster, for the roster kind's rules
    config_mod.validate_targets(cfg, frozenset(r.id for r in rules))
    return cfg, tuple(rules)


def ruleset_for(rules: tuple[Rule, ...], cfg: config_mod.Config, path: str,
                select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
    ignored = set(ignore) | set(cfg.ignored_for(path) if path else ())
    chosen = []
    for r in rules:
        if select and r.id not in select and r.category not in select:
            continue
        if r.id in ignored or r.category in ignored:
            continue
        level = cfg.severity.get(r.id) or cfg.severity.get(r.category)
        chosen.append(replace(r, severity=level) if level and level != r.severity else r)
    return RuleSet(tuple(chosen))
