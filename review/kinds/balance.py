"""Paired marks (“ ” 《 》 （ ）) that must balance within a paragraph."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Hit, Rule

OPTIONS = {"open", "close"}


def check_options(options: dict, fix: str) -> dict:
    o, c = options.get("open"), options.get("close")
    if not (isinstance(o, str) and isinstance(c, str) and o and c and o != c):
        raise ValueError("open 与 close 应为两个不同的标点", "open")
    if fix == "safe":
        raise ValueError("成对标点的缺失需要人工判断，不能自动修复", "fix")
    # A character class scans faster than an alternation when both marks are one character.
    marks = f"[{re.escape(o)}{re.escape(c)}]" if len(o) == len(c) == 1 else re.escape(o) + "|" + re.escape(c)
    return {"open": o, "close": c, "marks": re.compile(marks)}


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    view = doc.views[rule.scope]
    if o["open"] not in view and o["close"] not in view:
        return []
    ends = doc.paragraph_ends(rule.scope)
    out: list[Hit] = []
    stack: list[int] = []
    paragraph = -1
    for m in o["marks"].finditer(view):
        here = bisect_right(ends, m.start())
        if here != paragraph:  # a new paragraph: what is still open in the last one is unbalanced
            out += [Hit(rule, s, s + len(o["open"]), None) for s in stack]
            stack, paragraph = [], here
        if m.group() == o["open"]:
            stack.append(m.start())
        elif stack:
            stack.pop()
        else:
            out.append(Hit(rule, m.start(), m.end(), None))
    out += [Hit(rule, s, s + len(o["open"]), None) for s in stack]
    return out
