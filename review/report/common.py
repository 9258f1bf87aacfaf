"""What every human-readable format shows after a message."""

from __future__ import annotations


def arrow_for(finding) -> str:
    """` → suggestion`; an empty suggestion means the text should go."""
    if finding.suggestion is None:
        return ""
    return f" → {finding.suggestion}" if finding.suggestion else " → （删除）"
