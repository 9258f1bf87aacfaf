"""Suppression comments and front-matter ignores: parsing, applying, and the findings about
suppressions themselves (bare, unknown target, missing reason, unused)."""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from .document.markdown import Document
from .kinds import frontmatter
from .model import Hit, Rule, Suppression
from .rules.categories import CATEGORIES, REASON_RULE, category_of, meaningful_reason

DIRECTIVE = re.compile(r"<!--\s*review-(disable-next-line|disable|enable)\b(.*?)-->$", re.S)


class Directive(NamedTuple):
    kind: str  # "next-line" | "disable" | "enable" | "front-matter"
    targets: tuple[str, ...]
    reason: str
    start: int  # span of the comment (or front-matter entry) in the text
    end: int
    problem: str = ""  # why this directive is malformed, if it is


def directives(doc: Document) -> list[Directive]:
    out = []
    for start, end in doc.comments:
        m = DIRECTIVE.match(doc.text, start, end)
        if m:
            targets, _, reason = m.group(2).partition("--")
            kind = "next-line" if m.group(1) == "disable-next-line" else m.group(1)
            out.append(
                Directive(kind, tuple(t for t in re.split(r"[\s,，]+", targets) if t), reason.strip(), start, end)
            )
    out += _front_matter_ignores(doc)
    return out


def _front_matter_ignores(doc: Document) -> list[Directive]:
    if doc.front_matter is None or "review" not in doc.front_matter.text:
        return []
    root, _ = doc.meta
    review = frontmatter.field(root, "review")
    if review is None:
        return []
    keys = {k.value for k, _ in review.value} if isinstance(review, yaml.MappingNode) else None
    if keys != {"ignore"}:
        # `review: false`, `review: {skip: true}` and the like must not pass silently.
        start, end = frontmatter.offset(doc, review.start_mark), frontmatter.offset(doc, review.end_mark)
        return [
            Directive(
                "front-matter",
                (),
                "",
                start,
                max(start, end),
                "前置元数据中的 review 只能写 ignore: [规则id -- 理由, ...]",
            )
        ]
    ignore = frontmatter.field(review, "ignore")
    items = ignore.value if isinstance(ignore, yaml.SequenceNode) else [ignore]
    out = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode):
            continue
        targets, _, reason = item.value.partition("--")
        start = frontmatter.offset(doc, item.start_mark)
        out.append(
            Directive(
                "front-matter",
                tuple(t for t in re.split(r"[\s,，]+", targets) if t),
                reason.strip(),
                start,
                frontmatter.offset(doc, item.end_mark),
            )
        )
    return out


def _reason_problem(d: Directive, target: str) -> str:
    """Why this suppression does not take effect for lack of a (good enough) reason, or ""."""
    category = category_of(target)
    if category is not None and category.reason_required:
        # Classification marks and personal data: one place at a time, by rule id, and why.
        if d.kind != "next-line" or "/" not in target:
            return f"{category.name}类的「{target}」只能逐处屏蔽：review-disable-next-line 规则id -- 理由"
        if not d.reason:
            return f"屏蔽{category.name}类的「{target}」必须在 -- 之后写明理由"
        if not meaningful_reason(d.reason):
            return f"屏蔽{category.name}类的「{target}」的理由「{d.reason}」过于简单：{REASON_RULE}"
    if d.kind == "front-matter" and not d.reason:
        # A whole page exempted must say why, or nobody can later tell whether it still holds.
        return f"整页屏蔽「{target}」必须在 -- 之后写明理由"
    return ""


def apply(
    doc: Document, hits: list[Hit], rules: dict[str, Rule], known_ids: frozenset[str]
) -> tuple[list[Hit], list[Suppression]]:
    """Drop suppressed hits; add hits of the suppression rules; return the suppressions in force."""
    found = directives(doc)
    if not found:
        return hits, []
    meta = {r.options["check"]: r for r in rules.values() if r.kind == "suppression"}
    active_categories = {r.category for r in rules.values()}
    extra: list[Hit] = []
    ranges: list[tuple[Suppression, Directive]] = []
    open_blocks: dict[str, tuple[Directive, int]] = {}

    def meta_hit(check: str, d: Directive, detail: str) -> None:
        if check in meta:
            extra.append(Hit(meta[check], d.start, d.end, None, detail))

    for d in found:
        first = doc.line_of(d.start)
        if d.problem:
            meta_hit("bare", d, d.problem)
            continue
        if not d.targets:
            meta_hit("bare", d, "未写明规则 id 或类别")
            continue
        for target in d.targets:
            if target not in CATEGORIES and target not in known_ids:
                meta_hit("bare", d, f"「{target}」不是规则 id 或类别")
                continue
            if d.kind == "enable":
                opened = open_blocks.pop(target, None)
                if opened:
                    od, line = opened
                    ranges.append((Suppression(doc.path, line, target, od.reason, line, first, "block"), od))
                continue
            problem = _reason_problem(d, target)
            if problem:
                meta_hit("reason", d, problem)
                continue
            if d.kind == "next-line":
                last = doc.line_of(d.end)
                ranges.append((Suppression(doc.path, first, target, d.reason, last + 1, last + 1, "next-line"), d))
            elif d.kind == "disable":
                open_blocks[target] = (d, first)
            else:
                whole = Suppression(doc.path, first, target, d.reason, 1, len(doc.line_starts), "front-matter")
                ranges.append((whole, d))
    end_line = len(doc.line_starts)
    for target, (d, line) in open_blocks.items():
        ranges.append((Suppression(doc.path, line, target, d.reason, line, end_line, "block"), d))

    used: set[int] = set()
    kept = []
    for hit in hits:
        line = doc.line_of(hit.start)
        hit_by = next(
            (
                i
                for i, (s, _) in enumerate(ranges)
                if s.first_line <= line <= s.last_line and s.target in (hit.rule.id, hit.rule.category)
            ),
            None,
        )
        if hit_by is None:
            kept.append(hit)
        else:
            used.add(hit_by)
    for i, (s, d) in enumerate(ranges):
        active = s.target in rules or s.target in active_categories
        if i not in used and active:
            meta_hit("unused", d, s.target)
    return kept + extra, [s for s, _ in ranges]
