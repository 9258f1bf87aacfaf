from __future__ import annotations


def render(findings, rules, files: int) -> str:
    lines = []
    for f in findings:
        arrow = f" → {f.suggestion}" if f.suggestion is not None else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{arrow}")
    return "\n".join(lines) + ("\n" if lines else "")
