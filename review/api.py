"""The library interface used by the MkDocs hooks and tests: same rules, same findings as
the command line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from . import explain, runner
from .rules.config import Config
from .engine import RuleSet
from .model import Finding, Rule
from .rules.selection import load_all, ruleset_for

__all__ = ["Finding", "Rules", "load_rules", "check_text", "check_published_text", "search_terms", "rule_reference_pages"]


@dataclass(frozen=True)
class Rules:
    """All rules of a site (default packs + its [tool.review] packs), ready to check pages."""
    all: tuple[Rule, ...]
    config: Config
    known: frozenset[str]
    # Compiled rule sets by the per-path ignores that apply; filled on demand.
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    def ruleset(self, path: str) -> RuleSet:
        key = self.config.ignored_for(path)
        if key not in self._compiled:
            self._compiled[key] = ruleset_for(self.all, self.config, path)
        return self._compiled[key]


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]


def load_rules(root: str | Path = ".") -> Rules:
    cfg, rules = load_all(None, Path(root))
    return Rules(rules, cfg, frozenset(r.id for r in rules))


def check_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:
    return runner.check(rules.ruleset(path), path, text, rules.known).findings


def search_terms(rules: Rules) -> SearchTerms:
    """Words for the search's jieba user dictionary, and the short forms a reader types for
    long names, both from the terminology records (one source of truth)."""
    words: dict[str, None] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for rule in rules.all:
        if rule.category != "terminology":
            continue
        for w in rule.words:
            words[w] = None
        for long, shorts in rule.aliases.items():
            words[long] = None
            for s in shorts:
                words[s] = None
            aliases[long] = tuple(dict.fromkeys(aliases.get(long, ()) + shorts))
    return SearchTerms(tuple(words), aliases)


def rule_reference_pages(rules: Rules) -> dict[str, str]:
    return explain.reference_pages(rules.all)


def check_published_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:
    """Review plain text as a reader sees it (the site gate extracts it from the built
    pages): no Markdown masking, only the categories that guard publication, matched after
    normalisation (document/normalize.py); line and column are positions in `text`. No
    suppression applies: what is published is what is reviewed."""
    from .document.markdown import plain
    from .engine import to_finding
    from .model import NORMALISED_CATEGORIES

    key = ("published", rules.config.ignored_for(path))
    if key not in rules._compiled:
        guard = tuple(r for r in rules.ruleset(path).rules if r.category in NORMALISED_CATEGORIES)
        rules._compiled[key] = RuleSet(guard)
    doc = plain(path, text)
    findings = (to_finding(doc, h) for h in rules._compiled[key].matcher.hits(doc))
    return tuple(sorted(findings, key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule)))
