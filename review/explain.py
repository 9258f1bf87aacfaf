"""Rule documentation for `review --explain` and the site's rule reference, generated from
the same records. Wrong forms are always inside code so the pages pass review themselves."""

from __future__ import annotations

from .model import Rule
from .rules.categories import CATEGORIES

CATEGORY_NAMES = {c.id: c.name for c in CATEGORIES.values()}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
FIX_NAMES = {"safe": "可自动修复（--fix）", "suggest": "给出建议，需人工确认", "none": "仅提示"}
MAX_TERMS = 400


def _fence(text: str) -> str:
    return "~~~text\n" + text.rstrip("\n") + "\n~~~"


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    parts = [
        f"{heading} `{rule.id}`",
        "",
        f"- 类别：{CATEGORY_NAMES[rule.category]}（`{rule.category}`）",
        f"- 级别：{SEVERITY_NAMES[rule.severity]}",
        f"- 修复：{FIX_NAMES[rule.fix]}",
        "",
        f"**标准写法**：{rule.standard}",
        "",
        f"**依据**：{rule.rationale}",
        "",
        "**提示信息**：",
        "",
        _fence(rule.message),
    ]
    terms = rule.options.get("terms") if rule.kind == "lexicon" else None
    if terms:
        parts += ["", f"**词表**（共 {len(terms)} 条）：", ""]
        lines = [f"{t} → {s}" if s else t for t, s in terms[:MAX_TERMS]]
        parts.append(_fence("\n".join(lines) + ("\n……" if len(terms) > MAX_TERMS else "")))
    parts += ["", "**示例**：", ""]
    for ex in rule.examples:
        if ex.bad is not None:
            parts += ["不规范：", "", _fence(ex.bad), ""]
            if ex.fixed is not None:
                parts += ["改为：", "", _fence(ex.fixed), ""]
        else:
            parts += ["规范（不报告）：", "", _fence(ex.good or ""), ""]
    return "\n".join(parts).rstrip() + "\n"


def explain_text(rule: Rule) -> str:
    """Plain text for the terminal."""
    out = [
        rule.id,
        f"类别：{CATEGORY_NAMES[rule.category]}（{rule.category}）  级别：{SEVERITY_NAMES[rule.severity]}  "
        f"修复：{FIX_NAMES[rule.fix]}",
        "",
        f"标准写法：{rule.standard}",
        f"依据：{rule.rationale}",
        f"提示信息：{rule.message}",
        f"定义于：{rule.source}",
        "",
        "示例：",
    ]
    for ex in rule.examples:
        if ex.bad is not None:
            out.append(f"  ✗ {ex.bad}")
            if ex.fixed is not None:
                out.append(f"  → {ex.fixed}")
        else:
            out.append(f"  ✓ {ex.good}")
    return "\n".join(out) + "\n"


def reference_pages(rules: tuple[Rule, ...]) -> dict[str, str]:
    by_category: dict[str, list[Rule]] = {c: [] for c in CATEGORIES}
    for rule in rules:
        by_category[rule.category].append(rule)
    index = [
        "# 审核规则",
        "",
        "提交文稿时，审核工具按下列规则逐条检查。每条规则都附有依据和示例；"
        "标明“可自动修复”的，运行 `review --fix` 即可改正。",
        "",
        "| 类别 | 说明 | 规则数 |",
        "|---|---|---|",
    ]
    pages = {}
    for category, items in by_category.items():
        if not items:
            continue
        name = CATEGORY_NAMES[category]
        index.append(f"| [{name}]({category}.md) | `{category}` | {len(items)} |")
        body = [f"# {name}（`{category}`）", ""]
        body += [rule_markdown(r) for r in sorted(items, key=lambda r: r.id)]
        pages[f"{category}.md"] = "\n".join(body)
    pages["index.md"] = "\n".join(index) + "\n"
    return pages
