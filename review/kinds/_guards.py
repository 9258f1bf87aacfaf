"""Context guards shared by the text kinds: `not_before` / `not_after` regexes that look at
the same line around a match, and `not_below`: a regex for any earlier line of the page (the
page is a statute, whose articles begin `第一条`; the match is in an annexed form template
below a line `附件1`)."""

from __future__ import annotations

import re

from ._regex import RegexCompiler

# Enough context for any guard (a quotation opened early in a long statute line); it keeps a
# 5 MB single line linear.
WINDOW = 400


def compile_guards(options: dict, regex: RegexCompiler) -> dict:
    """The guards as Regex objects; packs repeat the same guards (a statute's article line, a
    quotation opened by 规定：“) in many rules, and `regex` makes each one once."""
    out = dict(options)
    for key, suffix in (("not_before", r")\Z"), ("not_after", ")")):
        value = options.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key} 应为正则表达式或其列表", key)
        out[key] = tuple(regex("(?:" + v + suffix, key) for v in value)
    value = options.get("not_below", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not_below 应为正则表达式或其列表", "not_below")
    out["not_below"] = tuple(regex(v, "not_below", re.MULTILINE) for v in value)
    return out


def guarded(options) -> bool:
    return bool(options["not_before"] or options["not_after"] or options["not_below"])


def blocked(view: str, start: int, end: int, options) -> bool:
    before_rules, after_rules = options["not_before"], options["not_after"]
    if before_rules:
        lo = max(view.rfind("\n", max(0, start - WINDOW), start) + 1, start - WINDOW, 0)
        before = view[lo:start]
        if any(p.search(before) for p in before_rules):
            return True
    if after_rules:
        hi = view.find("\n", end, end + WINDOW)
        after = view[end : hi if hi >= 0 else end + WINDOW]
        if any(p.match(after) for p in after_rules):
            return True
    if options["not_below"]:
        top = view.rfind("\n", 0, start)  # earlier lines only: the match's own line is not "above"
        if top > 0 and any(p.search(view, 0, top) for p in options["not_below"]):
            return True
    return False
