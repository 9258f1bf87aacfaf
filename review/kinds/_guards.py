"""Context guards shared by the text kinds: `not_before` / `not_after` regexes that look at
the same line around a match."""
from __future__ import annotations


from ._regex import compile_safe

WINDOW = 200  # enough context for any guard; keeps a 5 MB single line linear


def compile_guards(options: dict) -> dict:
    out = dict(options)
    for key, suffix in (("not_before", r")\Z"), ("not_after", ")")):
        value = options.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key} 应为正则表达式或其列表", key)
        out[key] = tuple(compile_safe("(?:" + v + suffix, key) for v in value)
    return out


def blocked(view: str, start: int, end: int, options) -> bool:
    before_rules, after_rules = options["not_before"], options["not_after"]
    if before_rules:
        lo = max(view.rfind("\n", max(0, start - WINDOW), start) + 1, start - WINDOW, 0)
        before = view[lo:start]
        if any(p.search(before) for p in before_rules):
            return True
    if after_rules:
        hi = view.find("\n", end, end + WINDOW)
        after = view[end:hi if hi >= 0 else end + WINDOW]
        if any(p.match(after) for p in after_rules):
            return True
    return False
