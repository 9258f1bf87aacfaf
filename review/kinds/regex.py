"""Compiling rule regexes, refusing the ones that can backtrack catastrophically."""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]
    import sre_constants  # type: ignore[no-redef]

REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}


def compile_safe(pattern: str, key: str, flags: int = 0) -> re.Pattern:
    """Compile, rejecting nested unbounded repetition such as `(a+)+` or `(\\w*\\s?)*`: on a
    long line without a match those take exponential time and would hang a commit."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"{key} 不是有效的正则表达式：{exc}", key) from None
    if _nested_unbounded(sre_parse.parse(pattern, flags), False):
        raise ValueError(f"{key} 含有嵌套的无界重复（如 (a+)+），可能导致灾难性回溯，请改写", key)
    return compiled


def _nested_unbounded(parsed, inside: bool) -> bool:
    for op, arg in parsed:
        if op in REPEATS:
            low, high, sub = arg
            unbounded = high == sre_constants.MAXREPEAT
            if unbounded and inside and _can_vary(sub):
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _nested_unbounded(arg[-1], inside):
                return True
        elif op is sre_constants.BRANCH:
            if any(_nested_unbounded(branch, inside) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested_unbounded(arg[1], inside):
                return True
    return False


def _can_vary(sub) -> bool:
    low, high = sub.getwidth()
    return high > 0
