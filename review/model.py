"""Immutable records passed between the stages of a review run.

Records are NamedTuples, not dataclasses: a hook process creates every class of the package,
and 24 frozen dataclasses cost it about 20 ms (generating their methods, importing inspect)
where NamedTuples cost 5 (notes/speed.md). `_replace` gives a changed copy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FIX_MODES = ("safe", "suggest", "none")
SCOPES = ("prose", "urls", "markup")


class ReviewError(Exception):
    """A problem that makes a run untrustworthy: reported as one line, exit status 2."""

    def __init__(self, path: str, line: int | None, reason: str):
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")
        self.path, self.line, self.reason = path, line, reason

    def __reduce__(self):
        # A worker process sends it back pickled: rebuilt from its three fields (the default,
        # from the one-string message, fails and takes the whole pool down with a traceback).
        return (ReviewError, (self.path, self.line, self.reason))


class Example(NamedTuple):
    bad: str | None = None
    good: str | None = None
    fixed: str | None = None


class Rule(NamedTuple):
    id: str
    kind: str
    severity: str
    message: str
    standard: str
    rationale: str
    examples: tuple[Example, ...]
    fix: str = "none"
    scope: str = "prose"
    tags: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = {}  # never changed in place: a copy is made with _replace
    # Kind-specific settings, validated by the kind's own `check_options`.
    options: Mapping[str, Any] = {}
    source: str = ""  # "file:line" of the record, for error messages and --explain
    builtin: bool = True  # False for a site's own packs named in [tool.review]

    @property
    def category(self) -> str:
        return self.id.split("/", 1)[0]


class Hit(NamedTuple):
    """A raw match of one rule: offsets into the document text (code points)."""

    rule: Rule
    start: int
    end: int
    suggestion: str | None = None
    detail: str | None = None  # fills `{detail}` in the message (e.g. the YAML parser's reason)
    exact: bool = True  # False when found in normalised text that differs from the source: never fixed


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    text: str
    suggestion: str | None
    fixable: bool
    start: int = 0  # code-point offsets
    end: int = 0

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "suggestion": self.suggestion,
            "fixable": self.fixable,
        }


class Suppression(NamedTuple):
    """One `review-disable…` comment or front-matter ignore entry."""

    path: str
    line: int
    target: str  # rule id or category
    reason: str
    first_line: int  # lines covered, inclusive
    last_line: int
    origin: str  # "next-line" | "block" | "front-matter"
