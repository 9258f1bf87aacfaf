"""GitHub Actions workflow commands (`::error file=…::…`), one per finding."""

from __future__ import annotations

from .common import arrow_for

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(findings, rules, files: int) -> str:
    lines = []
    for f in findings:
        arrow = arrow_for(f)
        props = (
            f"file={_escape_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_escape_prop(f.rule)}"
        )
        lines.append(f"::{LEVELS[f.severity]} {props}::{_escape_data(f.message + arrow)}")
    return "\n".join(lines) + ("\n" if lines else "")
