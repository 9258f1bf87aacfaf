"""Immutable records passed between the stages of a review run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FIX_MODES = ("safe", "suggest", "none")
SCOPES = ("prose", "urls", "markup")


class ReviewError(Exception):
    """A problem that makes a run untrustworthy: reported as one line, exit status 2."""

    def __init__(self, path: str, line: int | None, reason: str):
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True)
class Example:
    bad: str | None = None
    good: str | None = None
    fixed: str | None = None


@dataclass(frozen=True)
class Rule:
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
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Kind-specific settings, validated by the kind's own `check_options`.
    options: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""  # "file:line" of the record, for error messages and --explain
    builtin: bool = True  # False for a site's own packs named in [tool.review]
    category: str = field(init=False, compare=False)  # derived from the id, read per finding

    def __post_init__(self):
        object.__setattr__(self, "category", self.id.split("/", 1)[0])


@dataclass(frozen=True)
class Hit:
    """A raw match of one rule: offsets into the document text (code points)."""

    rule: Rule
    start: int
    end: int
    suggestion: str | None = None
    detail: str | None = None  # fills `{detail}` in the message (e.g. the YAML parser's reason)
    exact: bool = True  # False when found in normalised text that differs from the source: never fixed


@dataclass(frozen=True)
class Finding:
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
    start: int = field(default=0, compare=False, repr=False)  # code-point offsets
    end: int = field(default=0, compare=False, repr=False)

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


@dataclass(frozen=True)
class Suppression:
    """One `review-disable…` comment or front-matter ignore entry."""

    path: str
    line: int
    target: str  # rule id or category
    reason: str
    first_line: int  # lines covered, inclusive
    last_line: int
    origin: str  # "next-line" | "block" | "front-matter"
