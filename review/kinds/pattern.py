"""A regular expression with context guards; the reported span is the whole match or the
group named `hit`, and `replace` is an `re` template for that span."""

from __future__ import annotations

import re

from ..model import Hit, Rule
from . import _guards as guards
from ._dispatch import compile_regex
from ._regex import RegexCompiler, scan, sre_parse

OPTIONS = {"pattern", "replace", "ignore_case", "not_before", "not_after", "not_below"}


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    if not isinstance(options.get("pattern"), str) or not options["pattern"]:
        raise ValueError("pattern 应为正则表达式", "pattern")
    if not isinstance(options.get("ignore_case", False), bool):
        raise ValueError("ignore_case 应为 true 或 false", "ignore_case")
    flags = re.IGNORECASE if options.get("ignore_case") else 0
    compiled = regex(options["pattern"], "pattern", flags)
    replace = options.get("replace")
    if replace is not None:
        if not isinstance(replace, str):
            raise ValueError("replace 应为文字", "replace")
        try:
            sre_parse.parse_template(replace, compiled)
        except (re.error, IndexError) as exc:
            raise ValueError(f"replace 模板无效：{exc}", "replace") from None
    if fix == "safe" and replace is None:
        raise ValueError("fix: safe 需要 replace", "fix")
    out = guards.compile_guards(options, regex)
    literal = replace is not None and "\\" not in replace  # no group references: no template to expand
    out.update(
        pattern=compiled,
        replace=replace,
        literal=literal,
        group="hit" if "hit" in compiled.groupindex else 0,
    )
    return out


def compile(rules: list[Rule]):
    return compile_regex(rules, hit)


def hits(rule: Rule, doc) -> list[Hit]:
    return scan(rule, doc, hit)


def hit(rule: Rule, view: str, m: re.Match) -> Hit | None:
    o = rule.options
    start, end = m.span(o["group"])
    if start < 0 or start == end:
        return None
    if guards.guarded(o) and guards.blocked(view, start, end, o):
        return None
    replace = o["replace"]
    return Hit(rule, start, end, replace if o["literal"] or replace is None else m.expand(replace))
