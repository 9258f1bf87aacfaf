"""Reviewing one text: parse → hits → suppressions → findings; and the fix loop."""
from __future__ import annotations

from dataclasses import dataclass

from . import suppress
from .engine import RuleSet, to_finding
from .fix import apply_fixes
from .document.markdown import parse
from .model import Finding, Suppression

MAX_FIX_PASSES = 5  # one fix can expose another (， next to ， → doubled mark); converge


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...]


def check(ruleset: RuleSet, path: str, text: str, known_ids: frozenset[str] | None = None) -> Result:
    doc = parse(path, text)
    hits = ruleset.matcher.hits(doc)
    known = known_ids if known_ids is not None else frozenset(ruleset.by_id)
    hits, suppressions = suppress.apply(doc, hits, ruleset.by_id, known)
    findings = sorted((to_finding(doc, h) for h in hits),
                      key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule))
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
