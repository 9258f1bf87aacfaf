"""SARIF 2.1.0, columns in Unicode code points, one rule entry per rule that fired."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from .. import __version__
from ..model import Finding, Rule
from .common import arrow_for
from .stream import indent

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(findings, rules, files: int) -> str:
    fired = sorted({f.rule for f in findings})
    index = {rid: i for i, rid in enumerate(fired)}
    doc = _document(fired, rules, [_result(f, index[f.rule]) for f in findings])
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _document(fired: list[str], rules, results: list) -> dict:
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "review", "version": __version__, "rules": [_rule(rules[r]) for r in fired]}
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule) -> dict:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.standard},
        "fullDescription": {"text": rule.rationale},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "fixable": rule.fix == "safe"},
    }


def _result(f, rule_index: int) -> dict:
    result = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message + arrow_for(f)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "snippet": {"text": f.text},
                    },
                }
            }
        ],
    }
    if f.fixable:  # SARIF fixes are applied by tools: only the safe ones
        result["fixes"] = [
            {
                "description": {"text": f"改为「{f.suggestion}」"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": f.end_line,
                                    "endColumn": f.end_column,
                                },
                                "insertedContent": {"text": f.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


class Stream:
    """Writes what `render` returns with memory flat in the number of findings. The rules
    that fired come before the results and number them (`ruleIndex`), so the results wait
    in a temporary file, already formatted, until the last file is reviewed."""

    UNNUMBERED = -1  # stands for the ruleIndex until the rules that fired are known
    END = "\x00\n"  # ends a result in the spool: JSON text escapes every control character

    def __init__(self, out: TextIO, rules: Mapping[str, Rule], files: int):
        self.out, self.rules = out, rules
        self.fired: set[str] = set()
        # Closed in close(); a run that fails midway leaves it to the OS (an unlinked file).
        import tempfile  # only when SARIF is asked for

        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.fired.add(f.rule)
            item = json.dumps(_result(f, self.UNNUMBERED), ensure_ascii=False, indent=2)
            self.spool.write(f"{f.rule}\n{item}\n{self.END}")

    def close(self) -> None:
        fired = sorted(self.fired)
        index = {rid: i for i, rid in enumerate(fired)}
        text = json.dumps(_document(fired, self.rules, []), ensure_ascii=False, indent=2) + "\n"
        # `"results": []` with bare quotes occurs once: inside a string its quotes are escaped.
        head, tail = text.rsplit('"results": []', 1)
        self.out.write(head + '"results": [')
        self.spool.seek(0)
        count = 0
        rule, lines = None, []
        for line in self.spool:
            if rule is None:
                rule = line.rstrip("\n")
            elif line != self.END:
                lines.append(line)
            else:
                item = (
                    "".join(lines)
                    .rstrip("\n")
                    .replace(f'"ruleIndex": {self.UNNUMBERED},', f'"ruleIndex": {index[rule]},', 1)
                )
                self.out.write(("," if count else "") + "\n        " + indent(item, 8))
                count += 1
                rule, lines = None, []
        self.spool.close()
        self.out.write(("\n      ]" if count else "]") + tail)
