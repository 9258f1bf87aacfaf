"""SARIF 2.1.0, columns in Unicode code points, one rule entry per rule that fired."""
from __future__ import annotations

import json

from .. import __version__
from .common import arrow_for

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(findings, rules, files: int) -> str:
    fired = sorted({f.rule for f in findings})
    index = {rid: i for i, rid in enumerate(fired)}
    driver_rules = []
    for rid in fired:
        rule = rules[rid]
        driver_rules.append({
            "id": rid,
            "shortDescription": {"text": rule.standard},
            "fullDescription": {"text": rule.rationale},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category, "fixable": rule.fix == "safe"},
        })
    results = []
    for f in findings:
        result = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.severity],
            "message": {"text": f.message + arrow_for(f)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path.replace("\\", "/")},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column,
                           "snippet": {"text": f.text}},
            }}],
        }
        if f.fixable:  # SARIF fixes are applied by tools: only the safe ones
            result["fixes"] = [{
                "description": {"text": f"改为「{f.suggestion}」"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "replacements": [{
                        "deletedRegion": {"startLine": f.line, "startColumn": f.column,
                                          "endLine": f.end_line, "endColumn": f.end_column},
                        "insertedContent": {"text": f.suggestion},
                    }],
                }],
            }]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "review", "version": __version__, "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
