"""The library interface used by the MkDocs hooks and tests: same rules, same findings as
the command line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from . import engine, explain
from .model import Finding
from .rules.selection import Rules, load

__all__ = [
    "Finding",
    "Rules",
    "check_published_text",
    "check_text",
    "load_rules",
    "rule_reference_pages",
    "search_terms",
]


class SearchTerms(NamedTuple):
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


def check_published_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:
    """Review plain text as a reader sees it (the site gate extracts it from the built
    pages): no Markdown masking, only the categories that guard publication, matched after
    normalisation (document/normalize.py); line and column are positions in `text`. No
    suppression applies: what is published is what is reviewed."""
    from .document.markdown import plain
    from .engine import to_finding
    from .rules.categories import GUARD_CATEGORIES

    # The packs' own rules and severities: no per-path ignore or configured downgrade can
    # keep published text from this review.
    key = ("published",)
    if key not in rules._compiled:
        rules._compiled[key] = engine.RuleSet(tuple(r for r in rules.all if r.category in GUARD_CATEGORIES))
    doc = plain(path, text)
    findings = (to_finding(doc, h) for h in rules._compiled[key].matcher.hits(doc))
    return tuple(sorted(findings, key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule)))
