"""Review gate: every page is reviewed as it is built; no page is written while any page
has an error-level finding. `mkdocs serve` shows the findings on the page instead, so an
editor sees them while writing."""
from __future__ import annotations

import logging
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _review

log = logging.getLogger("mkdocs.hooks.review_gate")
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
ADMONITION = {"error": "failure", "warning": "warning", "info": "info"}

_state = {"serve": False, "root": ".", "rules": None}
_errors: list[str] = []


def on_startup(*, command, dirty):
    _state["serve"] = command == "serve"


def on_config(config):
    _state["root"] = _review.project_root(config)
    _state["rules"] = _review.rules(_state["root"])
    return config


def on_pre_build(*, config):
    _errors.clear()


def _line(finding) -> str:
    text = f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.message}"
    return text + (f" → {finding.suggestion}" if finding.suggestion else "")


def _status_box(findings) -> str:
    worst = min(findings, key=lambda f: ("error", "warning", "info").index(f.severity)).severity
    lines = [f'!!! {ADMONITION[worst]} "审核：发现 {len(findings)} 处问题（仅预览可见，发布前须改正错误）"', ""]
    for f in findings:
        hint = f"，建议改为「{f.suggestion}」" if f.suggestion else ""
        lines.append(f"    - 第 {f.line} 行第 {f.column} 列 · {SEVERITY[f.severity]} · "
                     f"`{f.rule}`：{f.message}{hint}")
    return "\n".join(lines) + "\n\n"


@event_priority(50)  # before other hooks change the Markdown; reviews the file as written
def on_page_markdown(markdown, *, page, config, files):
    file = page.file
    docs = os.path.abspath(config.docs_dir) + os.sep
    if not file.abs_src_path or not os.path.abspath(file.abs_src_path).startswith(docs):
        return markdown  # generated pages (rule reference, blog archives) are not editors' text
    from review.api import check_text

    path = os.path.relpath(file.abs_src_path, _state["root"]).replace(os.sep, "/")
    findings = check_text(_state["rules"], path, file.content_string)
    errors = [f for f in findings if f.severity == "error"]
    page.meta["review_status"] = "未通过" if errors else ("通过（有提示）" if findings else "通过")
    _errors.extend(_line(f) for f in errors)
    if _state["serve"] and findings:
        for f in findings:
            log.info("审核 %s", _line(f))
        return _status_box(findings) + markdown
    return markdown


@event_priority(100)  # the last moment before any page is written
def on_env(env, *, config, files):
    if _errors and not _state["serve"]:
        raise PluginError(
            f"内容审核未通过，站点拒绝发布（{len(_errors)} 处错误；"
            "改正后重新构建，或在确有理由时按《编辑指南》写明理由豁免）：\n  "
            + "\n  ".join(_errors)
        )
    return env
