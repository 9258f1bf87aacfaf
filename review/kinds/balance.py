"""Paired marks (“ ” 《 》 （ ）) that must balance within a paragraph."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from ..document.markdown import PARAGRAPH_BREAK
from ..model import Hit, Rule
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
    # The quick test needs one-character marks that cannot be part of a paragraph break.
    quick = len(o) == len(c) == 1 and not set(o + c) & set(BREAK_CHARS)
    return {
        "open": o,
        "close": c,
        "marks": re.compile(marks),
        "quick": quick,
        "continued": options.get("continued", False),
    }


def compile(rules: list[Rule]) -> Paired:
    scans: dict[str, set[str]] = {}
    for rule in rules:
        if rule.options["quick"]:
            scans.setdefault(rule.scope, set()).update(rule.options["open"] + rule.options["close"])
    # An alternation of literals: `re` then skips to the characters it can start with.
    joint = {scope: re.compile("|".join(map(re.escape, sorted(marks))) + "|" + BREAK) for scope, marks in scans.items()}
    others = {
        rule.id: {ord(m): None for m in scans[rule.scope] - {rule.options["open"], rule.options["close"]}}
        for rule in rules
        if rule.options["quick"]
    }
    return Paired(tuple(rules), joint, others)


class Paired(NamedTuple):
    """The rules of the kind: one scan per view finds every rule's marks and the breaks
    between paragraphs (in C); a rule whose marks pair up in every paragraph is done, the
    others (the few unbalanced pages) go through the per-mark loop, `hits`."""

    rules: tuple[Rule, ...]
    joint: dict[str, re.Pattern]  # scope -> the scan of its rules' marks and breaks
    others: dict[str, dict[int, None]]  # rule id -> a table deleting the other rules' marks

    def hits(self, doc, segmenter) -> list[Hit]:
        found: dict[str, str] = {}
        out: list[Hit] = []
        for rule in self.rules:
            o = rule.options
            if o["quick"]:
                marks = found.get(rule.scope)
                if marks is None:
                    marks = found[rule.scope] = "".join(self.joint[rule.scope].findall(doc.views[rule.scope]))
                if balanced(o["open"], o["close"], marks.translate(self.others[rule.id])):
                    continue
            out += hits(rule, doc)
        return out


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    view = doc.views[rule.scope]
    if o["open"] not in view and o["close"] not in view:
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


def balanced(open_: str, close: str, marks: str) -> bool:
    """True when the marks pair up within every paragraph; `marks` holds only the two marks
    and the paragraph breaks, in order. Adjacent pairs are removed until none is left. False
    is not a finding, only "look closer" (nesting deeper than QUICK_ROUNDS gives up)."""
    pair = open_ + close
    for _ in range(QUICK_ROUNDS):
        if pair not in marks:
            break
        marks = marks.replace(pair, "")
    return open_ not in marks and close not in marks
