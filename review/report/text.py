from __future__ import annotations

from .common import arrow_for


def render(findings, rules, files: int) -> str:
    lines = []
    for f in findings:
        arrow = arrow_for(f)
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{arrow}")
    return "\n".join(lines) + ("\n" if lines else "")
