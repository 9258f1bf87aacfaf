"""The source review gate: each page's file reviewed as the `review` command reads it (same
bytes, same decoding, NUL bytes and UTF-16 refused), and the messages the build shows."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

from mkdocs.utils import markdown_extensions

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
ADMONITION = {"error": "failure", "warning": "warning", "info": "info"}


@dataclass(frozen=True)
class SourceReview:
    path: str  # relative to the project root, as the CLI shows it
    findings: tuple = ()
    refused: str | None = None  # why the file cannot be reviewed (the CLI exits 2)

    @property
    def errors(self) -> tuple:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def status(self) -> str:
        if self.refused or self.errors:
            return "未通过"
        return "通过（有提示）" if self.findings else "通过"


def load_rules(root: str):
    from review.api import load_rules as load

    return load(root)


def review_file(rules, root: str, abs_path: str) -> SourceReview:
    from review.api import check_text
    from review.document.source import read
    from review.model import ReviewError

    path = os.path.relpath(abs_path, root).replace(os.sep, "/")
    try:
        source = read(abs_path, path)
    except ReviewError as exc:
        return SourceReview(path, refused=str(exc))
    return SourceReview(path, check_text(rules, path, source.text))


def misnamed_markdown(src_uri: str) -> str | None:
    """A Markdown file MkDocs would copy verbatim instead of rendering (`.MD`, `.Markdown`):
    its comments and front matter would be published as they are."""
    suffix = posixpath.splitext(src_uri)[1]
    if suffix.lower() in markdown_extensions and suffix not in markdown_extensions:
        return f"{src_uri}：扩展名「{suffix}」须为小写（{suffix.lower()}），否则 MkDocs 不渲染它而把原文原样发布"
    return None


def finding_line(finding) -> str:
    text = f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.message}"
    return text + (f" → {finding.suggestion}" if finding.suggestion else "")


def status_box(findings) -> str:
    """The admonition `mkdocs serve` puts on top of a page under review."""
    worst = min(findings, key=lambda f: ("error", "warning", "info").index(f.severity)).severity
    lines = [f'!!! {ADMONITION[worst]} "审核：发现 {len(findings)} 处问题（仅预览可见，发布前须改正错误）"', ""]
    for f in findings:
        hint = f"，建议改为「{f.suggestion}」" if f.suggestion else ""
        lines.append(f"    - 第 {f.line} 行第 {f.column} 列 · {SEVERITY[f.severity]} · `{f.rule}`：{f.message}{hint}")
    return "\n".join(lines) + "\n\n"


def refusal_message(errors: list[str]) -> str:
    return (
        f"内容审核未通过，站点拒绝发布（{len(errors)} 处错误；"
        "改正后重新构建，或在确有理由时按《编辑指南》写明理由豁免）：\n  " + "\n  ".join(errors)
    )


@dataclass
class GateState:
    """One build's gate: the rules, and the errors found so far."""

    root: str = "."
    rules: object = None
    serve: bool = False
    errors: list = field(default_factory=list)
    origins: tuple = ({}, {}, frozenset())  # published.origins(files)

    def start(self, root: str, rules) -> None:
        """A new build (mkdocs serve builds again on every change)."""
        self.root, self.rules, self.errors, self.origins = root, rules, [], ({}, {}, frozenset())


def misnamed_files(files) -> list[str]:
    return [m for m in (misnamed_markdown(f.src_uri) for f in files if f.generated_by is None and f.abs_src_path) if m]


def review_page(state: GateState, file, docs_dir: str) -> SourceReview | None:
    """Review a page's source file; None for pages the build generated itself."""
    docs = os.path.abspath(docs_dir) + os.sep
    if (
        file.generated_by is not None
        or not file.abs_src_path
        or not os.path.abspath(file.abs_src_path).startswith(docs)
    ):
        return None
    result = review_file(state.rules, state.root, file.abs_src_path)
    if result.refused:
        state.errors.append(result.refused)
    state.errors.extend(finding_line(f) for f in result.errors)
    return result


# The guards of publication; an overlay's `hooks:` list replaces the base list as a whole,
# so each of them checks that the others are still there.
REQUIRED_HOOKS = ("drafts.py", "review_gate.py", "offline.py", "publish.py")


def missing_hooks(hooks) -> str | None:
    present = {os.path.basename(str(h)) for h in (hooks or ())}
    missing = [h for h in REQUIRED_HOOKS if h not in present]
    if missing:
        return (
            "mkdocs.yml 的 hooks 缺少 "
            + "、".join(f"hooks/{h}" for h in missing)
            + "：它们负责草稿排除、内容审核、外部请求审核和整体发布，缺一不可"
            "（覆盖配置中的 hooks 列表会整体替换，须重复全部条目）。"
        )
    return None
