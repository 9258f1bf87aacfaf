"""Applying safe fixes: non-overlapping edits, leftmost first; an edit that overlaps an
earlier one is skipped (the next pass picks it up if it still applies)."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    edits = sorted((f for f in findings if f.fixable), key=lambda f: (f.start, f.end))
    out, pos, applied = [], 0, 0
    for f in edits:
        if f.start < pos or text[f.start : f.end] != f.text:
            continue
        out.append(text[pos : f.start])
        out.append(f.suggestion or "")
        pos = f.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied
