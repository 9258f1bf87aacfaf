"""The library interface used by the MkDocs hooks and tests: same rules, same findings as
the command line."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import engine, explain
from .model import Finding
from .rules.selection import Rules, load

__all__ = ["Finding", "Rules", "check_text", "load_rules", "rule_reference_pages", "search_terms"]


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]


def load_rules(root: str | Path = ".") -> Rules:
    """The rules of the site whose pyproject.toml is nearest to `root`."""
    return load(None, root)


def check_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:
    return engine.check(rules.ruleset(path), path, text, rules.known).findings


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
