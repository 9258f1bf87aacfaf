"""The JSON report (version 1): one document, written file by file (`Stream`) or at once."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from ..model import Finding, Rule
from .stream import indent


def render(findings, rules, files: int) -> str:
    summary = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        summary[f.severity] += 1
    doc = {"version": 1, "files": files, "findings": [f.as_json() for f in findings], "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class Stream:
    """Writes what `render` returns, one finding at a time: the head first, then each
    finding as it comes, the summary (counted on the way) last."""

    def __init__(self, out: TextIO, rules: Mapping[str, Rule], files: int):
        self.out = out
        self.summary = {"error": 0, "warning": 0, "info": 0}
        self.count = 0
        out.write(f'{{\n  "version": 1,\n  "files": {json.dumps(files)},\n  "findings": [')

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.summary[f.severity] += 1
            item = json.dumps(f.as_json(), ensure_ascii=False, indent=2)
            self.out.write(("," if self.count else "") + "\n    " + indent(item, 4))
            self.count += 1

    def close(self) -> None:
        summary = indent(json.dumps(self.summary, ensure_ascii=False, indent=2), 2)
        self.out.write(("\n  ]" if self.count else "]") + f',\n  "summary": {summary}\n}}\n')
