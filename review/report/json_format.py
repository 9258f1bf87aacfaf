from __future__ import annotations

import json


def render(findings, rules, files: int) -> str:
    summary = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        summary[f.severity] += 1
    doc = {"version": 1, "files": files, "findings": [f.as_json() for f in findings], "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
