"""Verifying every rule's own examples: a bad one must fire that rule (and, with `fixed`,
its suggestions must produce exactly that text); a good one must fire nothing at all."""

from __future__ import annotations

from .. import engine
from ..engine import RuleSet
from ..model import Rule


def _needs_more_than_text(rule: Rule) -> bool:
    """A bad example that cannot fire from its text alone: a list the configuration has not
    bound, or a link whose target is another file."""
    unbound = rule.options.get("list") is not None and rule.options.get("values") is None
    return unbound or rule.kind == "draftlink"


def verify(rules: tuple[Rule, ...]) -> list[str]:
    """Problems, one line each (rule source, rule id, what went wrong); empty when all hold."""
    whole = RuleSet(rules)
    # Examples are fragments, not pages: they are not expected to carry front matter.
    fragments = RuleSet(tuple(r for r in rules if r.category != "metadata"))
    known = frozenset(r.id for r in rules)
    problems = []
    for rule in rules:
        rs = whole if rule.category == "metadata" else fragments
        for ex in rule.examples:
            text = ex.bad if ex.bad is not None else (ex.good or "")
            findings = engine.check(rs, "example.md", text, known).findings
            if ex.good is not None:
                if findings:
                    got = "；".join(f"{f.rule}「{f.text}」" for f in findings)
                    problems.append(f"{rule.source}: {rule.id} 的 good 示例 {text!r} 被报告：{got}")
                continue
            own = [f for f in findings if f.rule == rule.id]
            if not own and _needs_more_than_text(rule):
                continue  # checked against real files and configuration in tests/test_policy.py
            if not own:
                problems.append(f"{rule.source}: {rule.id} 的 bad 示例 {text!r} 没有触发本规则")
                continue
            if ex.fixed is not None:
                applied = _apply_all(text, own)
                if applied != ex.fixed:
                    problems.append(
                        f"{rule.source}: {rule.id} 的 bad 示例 {text!r} 修改后为 {applied!r}，应为 {ex.fixed!r}"
                    )
            elif any(f.suggestion is not None for f in own):
                problems.append(f"{rule.source}: {rule.id} 的 bad 示例 {text!r} 有建议，需写明 fixed")
    return problems


def _apply_all(text: str, findings) -> str:
    from ..fix import apply_fixes

    # Apply every suggestion of the rule, safe or not, as an editor accepting them would.
    return apply_fixes(text, [f._replace(fixable=f.suggestion is not None) for f in findings])[0]
