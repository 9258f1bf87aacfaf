"""Running a rule set over one document: masked views → hits from every kind → findings."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .document.markdown import Document
from .kinds import _dispatch as dispatch
from .kinds import balance, checksum, frontmatter, lexicon, pattern
from .model import NORMALISED_CATEGORIES, Finding, Hit, Rule
from .segment import Segmenter

PER_RULE_KINDS = {"pattern": pattern.hits, "checksum": checksum.hits,
                  "balance": balance.hits, "frontmatter": frontmatter.hits}


@dataclass(frozen=True)
class RuleSet:
    """The rules in force for a run (after config overrides and --select/--ignore)."""
    rules: tuple[Rule, ...]

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def matcher(self) -> "Matcher":
        return Matcher(self.rules)


class Matcher:
    """Compiled form of a rule set. Holds the lazily loaded segmenter: one per rule set."""

    def __init__(self, rules: tuple[Rule, ...], segmenter: Segmenter | None = None):
        self.rules = rules
        self.lexicon = lexicon.Index([r for r in rules if r.kind == "lexicon"])
        self.dispatch, self.others = dispatch.split([r for r in rules if r.kind in PER_RULE_KINDS])
        if segmenter is None:
            boundary = [r for r in rules if r.kind == "lexicon" and r.options["boundary"]]
            terms = {t for r in boundary for t, _ in r.options["terms"]}
            words = {w for r in rules for w in r.words} | terms
            words.update(s for r in boundary for _, s in r.options["terms"] if s)
            segmenter = Segmenter(tuple(sorted(words)), tuple(sorted(terms)))
        self.segmenter = segmenter
        self.guards = any(r.category in NORMALISED_CATEGORIES for r in rules)

    @cached_property
    def parts(self) -> tuple["Matcher", "Matcher"]:
        """The style rules and the rules that guard publication, built on the first page
        that has something to normalise."""
        style = tuple(r for r in self.rules if r.category not in NORMALISED_CATEGORIES)
        guard = tuple(r for r in self.rules if r.category in NORMALISED_CATEGORIES)
        return Matcher(style, self.segmenter), Matcher(guard, self.segmenter)

    def hits(self, doc: Document) -> list[Hit]:
        # The guard categories match what a reader sees (document/normalize.py); their hits
        # are moved back to the original characters in one place, Document.to_original.
        reader = doc.reader if self.guards else None
        if reader is None:
            return self.scan(doc)
        style, guard = self.parts
        return style.scan(doc) + [doc.to_original(h) for h in guard.scan(reader)]

    def scan(self, doc: Document) -> list[Hit]:
        out = self.lexicon.hits(doc, self.segmenter)
        for group in self.dispatch:
            out += group.hits(doc)
        for rule in self.others:
            out += PER_RULE_KINDS[rule.kind](rule, doc)
        return out


def to_finding(doc: Document, hit: Hit) -> Finding:
    rule = hit.rule
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    text = doc.text[hit.start:hit.end]
    message = (rule.message.replace("{text}", text)
               .replace("{suggestion}", hit.suggestion or "")
               .replace("{detail}", hit.detail or ""))
    return Finding(path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
                   rule=rule.id, category=rule.category, severity=rule.severity, message=message,
                   text=text, suggestion=hit.suggestion,
                   # --fix never edits the front matter, even the values that are checked
                   fixable=rule.fix == "safe" and hit.suggestion is not None and hit.start >= doc.body_start and hit.exact,
                   start=hit.start, end=hit.end)
