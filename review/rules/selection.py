"""Which rules are in force: the default packs plus the site's, with the configuration's
severity overrides and per-path ignores, and a run's --select/--ignore. `Rules` is the one
object the command line, the session and the library API (review.api) share, so all of
them review a page with the same rules."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..engine import RuleSet
from ..kinds import frontmatter, roster
from ..model import Rule
from . import config as config_mod
from . import loader


class Rules:
    """All rules of a site (default packs + its [tool.review] packs), its configuration and
    a run's selection; gives the compiled rule set for a path."""

    def __init__(
        self,
        all: tuple[Rule, ...],
        config: config_mod.Config,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
    ):
        self.all, self.config, self.select, self.ignore = all, config, select, ignore
        # Compiled rule sets by the per-path ignores that apply; filled on demand.
        self._compiled: dict[tuple[str, ...], RuleSet] = {}

    @cached_property
    def known(self) -> frozenset[str]:
        """Every rule id, selected or not: a suppression naming one is not a typo."""
        return frozenset(r.id for r in self.all)

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.all}

    def ruleset(self, path: str) -> RuleSet:
        key = self.config.ignored_for(path) if path else ()
        if key not in self._compiled:
            self._compiled[key] = ruleset_for(self.all, self.config, path, self.select, self.ignore)
        return self._compiled[key]

    def selecting(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> Rules:
        return Rules(self.all, self.config, select, ignore)


def load(
    config_path: str | None = None, cwd: Path | str = ".", select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
) -> Rules:
    cfg, rules = load_all(config_path, Path(cwd))
    return Rules(rules, cfg, select, ignore)


def load_all(config_path: str | None, cwd: Path) -> tuple[config_mod.Config, tuple[Rule, ...]]:
    cfg = config_mod.load(config_path, cwd)
    rules = loader.load_rules(loader.default_pack_paths())
    rules += loader.load_rules(cfg.rule_files, builtin=False)
    loader.check_unique(rules)
    rules = roster.bind(rules, cfg.roster)  # the site roster, for the roster kind's rules
    rules = frontmatter.bind(rules, cfg.lists)  # named lists, for `check: one-of` rules
    config_mod.validate_targets(cfg, frozenset(r.id for r in rules))
    return cfg, tuple(rules)


def ruleset_for(
    rules: tuple[Rule, ...],
    cfg: config_mod.Config,
    path: str,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> RuleSet:
    ignored = set(ignore) | set(cfg.ignored_for(path) if path else ())
    chosen = []
    for r in rules:
        if select and r.id not in select and r.category not in select:
            continue
        if r.id in ignored or r.category in ignored:
            continue
        level = cfg.severity.get(r.id) or cfg.severity.get(r.category)
        chosen.append(r._replace(severity=level) if level and level != r.severity else r)
    return RuleSet(tuple(chosen))
