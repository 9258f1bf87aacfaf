"""Paired marks (“ ” 《 》 （ ）) that must balance within a paragraph."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..document.markdown import PARAGRAPH_BREAK
from ..model import Hit, Rule
from ._compiled import each_rule
from ._regex import RegexCompiler

OPTIONS = {"open", "close", "continued"}
QUOTE_PREFIX = re.compile(r"[ \t>]*")  # blockquote markers before a paragraph's text
BREAK = PARAGRAPH_BREAK.pattern
BREAK_CHARS = "\n\r\t >"  # what a paragraph break is made of
QUICK_ROUNDS = 8  # pairs nested deeper than this go to the per-mark loop


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    o, c = options.get("open"), options.get("close")
    if not (isinstance(o, str) and isinstance(c, str) and o and c and o != c):
        raise ValueError("open 与 close 应为两个不同的标点", "open")
    if fix == "safe":
        raise ValueError("成对标点的缺失需要人工判断，不能自动修复", "fix")
    # A character class scans faster than an alternation when both marks are one character.
    marks = f"[{re.escape(o)}{re.escape(c)}]" if len(o) == len(c) == 1 else re.escape(o) + "|" + re.escape(c)
    if not isinstance(options.get("continued", False), bool):
        raise ValueError("continued 应为 true 或 false", "continued")
    # The quick test needs one-character marks that cannot be part of a paragraph break. An
    # alternation of literals first: `re` then skips to the characters it can start with.
    quick = (
        re.compile(f"{re.escape(o)}|{re.escape(c)}|{BREAK}")
        if len(o) == len(c) == 1 and not set(o + c) & set(BREAK_CHARS)
        else None
    )
    return {
        "open": o,
        "close": c,
        "marks": re.compile(marks),
        "quick": quick,
        "continued": options.get("continued", False),
    }


def compile(rules: list[Rule]):
    return each_rule(rules, hits)


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    view = doc.views[rule.scope]
    if o["open"] not in view and o["close"] not in view:
        return []
    if o["quick"] is not None and _balanced(o, view):
        return []
    breaks, starts = doc.paragraphs(rule.scope)
    out: list[Hit] = []
    stack: list[int] = []
    paragraph = -1
    for m in o["marks"].finditer(view):
        here = bisect_right(breaks, m.start())
        opening = m.group() == o["open"]
        if here != paragraph:
            # GB/T 15834: a quotation running over several paragraphs opens each of them
            # and closes only at the end; with `continued`, that is not an unbalanced mark.
            # Statutes' amendment decisions (修改为：“第X条 …（一）…（二）…”) open only the
            # first paragraph: with `continued`, an open mark is carried on until closed.
            carried = (
                o["continued"]
                and stack
                and opening
                and QUOTE_PREFIX.fullmatch(view, starts[here - 1], m.start()) is not None
            )
            if carried:
                paragraph = here
                continue
            if not (o["continued"] and stack):
                out += [Hit(rule, s, s + len(o["open"]), None) for s in stack]
                stack = []
            paragraph = here
        if opening:
            stack.append(m.start())
        elif stack:
            stack.pop()
        else:
            out.append(Hit(rule, m.start(), m.end(), None))
    out += [Hit(rule, s, s + len(o["open"]), None) for s in stack]
    return out


def _balanced(o: dict, view: str) -> bool:
    """True when every paragraph's marks pair up: the marks and the breaks between
    paragraphs, read in C, lose their adjacent pairs until none is left. Most pages are
    balanced and never reach the per-mark loop. False is not a finding, only "look closer"
    (nesting deeper than QUICK_ROUNDS gives up)."""
    marks = "".join(o["quick"].findall(view))
    pair = o["open"] + o["close"]
    for _ in range(QUICK_ROUNDS):
        if pair not in marks:
            break
        marks = marks.replace(pair, "")
    return o["open"] not in marks and o["close"] not in marks
