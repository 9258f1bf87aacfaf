"""Paired marks (“ ” 《 》 （ ）) that must balance within a paragraph."""
from __future__ import annotations

import re

from ..markdown import PARAGRAPH_BREAK
from ..model import Hit, Rule

OPTIONS = {"open", "close"}


def check_options(options: dict, fix: str) -> dict:
    o, c = options.get("open"), options.get("close")
    if not (isinstance(o, str) and isinstance(c, str) and o and c and o != c):
        raise ValueError("open 与 close 应为两个不同的标点", "open")
    if fix == "safe":
        raise ValueError("成对标点的缺失需要人工判断，不能自动修复", "fix")
    return {"open": o, "close": c, "marks": re.compile(re.escape(o) + "|" + re.escape(c))}


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    view = doc.views[rule.scope]
    if o["open"] not in view and o["close"] not in view:
        return []
    out, para_start = [], 0
    for brk in [*PARAGRAPH_BREAK.finditer(view), None]:
        para_end = brk.start() if brk else len(view)
        stack: list[int] = []
        for m in o["marks"].finditer(view, para_start, para_end):
            if m.group() == o["open"]:
                stack.append(m.start())
            elif stack:
                stack.pop()
            else:
                out.append(Hit(rule, m.start(), m.end(), None))
        out += [Hit(rule, s, s + len(o["open"]), None) for s in stack]
        para_start = brk.end() if brk else para_end
    return out
