"""Reviewing one text with a rule set: parse → hits from every kind → suppressions →
findings (`check`), and the loop that applies safe fixes until none is left (`fix`)."""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from . import suppress
from .document.markdown import Document, parse
from .fix import apply_fixes
from .kinds import KINDS
from .model import Finding, Hit, Rule, Suppression
from .quoted import QUOTED, quoted
from .rules.categories import GUARD_CATEGORIES
from .segment import Segmenter

MAX_FIX_PASSES = 5  # one fix can expose another (， next to ， → doubled mark); converge


class RuleSet:
    """The rules in force for a run (after config overrides and --select/--ignore)."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.rules)


class Matcher:
    """Compiled form of a rule set. Holds the lazily loaded segmenter: one per rule set."""

    def __init__(self, rules: tuple[Rule, ...], segmenter: Segmenter | None = None):
        self.rules = rules
        by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            by_kind.setdefault(rule.kind, []).append(rule)
        self._by_kind = by_kind
        if segmenter is None:
            boundary = [r for r in rules if r.kind == "lexicon" and r.options["boundary"]]
            terms = {t for r in boundary for t, _ in r.options["terms"]}
            words = {w for r in rules for w in r.words} | terms
            words.update(s for r in boundary for _, s in r.options["terms"] if s)
            segmenter = Segmenter(tuple(sorted(words)), tuple(sorted(terms)))
        self.segmenter = segmenter
        self.guards = any(r.category in GUARD_CATEGORIES for r in rules)

    @cached_property
    def kinds(self) -> list:
        """Each kind compiles all its rules at once (one automaton, one shared scan); only
        when this matcher scans itself (a rule set with guard rules scans its two parts)."""
        return [KINDS[kind].compile(self._by_kind[kind]) for kind in KINDS if kind in self._by_kind]

    @cached_property
    def parts(self) -> tuple[Matcher, Matcher]:
        """The style rules and the rules that guard publication, each compiled once."""
        style = tuple(r for r in self.rules if r.category not in GUARD_CATEGORIES)
        guard = tuple(r for r in self.rules if r.category in GUARD_CATEGORIES)
        return Matcher(style, self.segmenter), Matcher(guard, self.segmenter)

    def hits(self, doc: Document) -> list[Hit]:
        # The guard categories match what a reader sees (document/normalize.py); their hits
        # are moved back to the original characters in one place, Document.to_original.
        if not self.guards:
            return self.scan(doc)
        style, guard = self.parts
        reader = doc.reader
        if reader is None:  # nothing a reader sees differs from the text: no mapping needed
            return style.scan(doc) + guard.scan(doc)
        return style.scan(doc) + [doc.to_original(h) for h in guard.scan(reader)]

    def scan(self, doc: Document) -> list[Hit]:
        out: list[Hit] = []
        for matcher in self.kinds:
            out += matcher.hits(doc, self.segmenter)
        return out


def to_finding(doc: Document, hit: Hit) -> Finding:
    rule = hit.rule
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    text = doc.text[hit.start : hit.end]
    message = (
        rule.message.replace("{text}", text)
        .replace("{suggestion}", hit.suggestion or "")
        .replace("{detail}", hit.detail or "")
    )
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        text=text,
        suggestion=hit.suggestion,
        # --fix never edits the front matter, even the values that are checked
        fixable=(rule.fix == "safe" and hit.suggestion is not None and hit.start >= doc.body_start and hit.exact),
        start=hit.start,
        end=hit.end,
    )


class Result(NamedTuple):
    findings: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...]


def check(ruleset: RuleSet, path: str, text: str, known_ids: frozenset[str] | None = None) -> Result:
    doc = parse(path, text)
    hits = ruleset.matcher.hits(doc)
    if doc.code and QUOTED:
        hits = [h for h in hits if not (doc.in_code(h.start, h.end) and quoted(path, h.rule.id, text[h.start : h.end]))]
    known = known_ids if known_ids is not None else frozenset(ruleset.by_id)
    hits, suppressions = suppress.apply(doc, hits, ruleset.by_id, known)
    findings = sorted(
        (to_finding(doc, h) for h in hits), key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule)
    )
    return Result(tuple(findings), tuple(suppressions))


def fix(ruleset: RuleSet, path: str, text: str, known_ids: frozenset[str] | None = None) -> tuple[str, Result, int]:
    """Apply safe fixes until none is left; returns the new text, what remains, edits made."""
    total = 0
    result = check(ruleset, path, text, known_ids)
    for _ in range(MAX_FIX_PASSES):
        new, applied = apply_fixes(text, result.findings)
        if not applied or new == text:
            break
        text, total = new, total + applied
        result = check(ruleset, path, text, known_ids)
    return text, result, total
