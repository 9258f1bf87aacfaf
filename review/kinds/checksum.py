"""Numbers that are only reported when their check digit is right, so that document numbers,
amounts and random digit runs do not look like personal data."""

from __future__ import annotations

import re

from ..model import Hit, Rule
from ._dispatch import compile_regex
from ._regex import RegexCompiler, scan

OPTIONS = {"pattern", "algorithm"}
GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB11643_CHECK = "10X98765432"


def gb11643(number: str) -> bool:
    """GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, plus a valid birth date."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], GB11643_WEIGHTS, strict=False))
    return GB11643_CHECK[total % 11] == number[17].upper()


def luhn(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return total % 10 == 0


ALGORITHMS = {"gb11643": gb11643, "luhn": luhn}


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    if not isinstance(options.get("pattern"), str):
        raise ValueError("pattern 应为正则表达式", "pattern")
    if options.get("algorithm") not in ALGORITHMS:
        raise ValueError(f"algorithm 应为 {'/'.join(ALGORITHMS)}", "algorithm")
    if fix == "safe":
        raise ValueError("号码类规则不能自动修复", "fix")
    compiled = regex(options["pattern"], "pattern")
    return {
        "pattern": compiled,
        "algorithm": ALGORITHMS[options["algorithm"]],
        "group": "hit" if "hit" in compiled.groupindex else 0,
    }


def compile(rules: list[Rule]):
    return compile_regex(rules, hit)


def hits(rule: Rule, doc) -> list[Hit]:
    return scan(rule, doc, hit)


def hit(rule: Rule, view: str, m: re.Match) -> Hit | None:
    o = rule.options
    if not o["algorithm"](m.group(o["group"])):
        return None
    start, end = m.span(o["group"])
    return Hit(rule, start, end, None)
