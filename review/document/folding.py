"""Length-preserving character folding (case, full-width forms, traditional characters), so
a folded text can be searched and every offset still points into the original."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

FOLDS = ("case", "width", "traditional")
T2S_FILE = Path(__file__).parent.parent / "packs" / "data" / "t2s.tsv"


@cache
def table(folds: frozenset[str]) -> dict[int, int]:
    """A str.translate table for a set of folds (cached: pure function of its argument)."""
    out: dict[int, int] = {}
    if "width" in folds:
        # Full-width digits and letters only: full-width punctuation is the right form in
        # Chinese text, and folding it would cost a pass over every page for nothing.
        for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
            for code in range(lo, hi + 1):
                out[code] = code - 0xFEE0
    if "case" in folds:
        for code in range(ord("A"), ord("Z") + 1):
            out[code] = code + 32
        for code, target in list(out.items()):
            if ord("A") <= target <= ord("Z"):
                out[code] = target + 32
    if "traditional" in folds:
        for trad, simp in _t2s().items():
            out.setdefault(trad, simp)
    return out


def fold(text: str, folds: frozenset[str]) -> str:
    if not folds:
        return text
    if len(text) < 64:  # a term or a match: translating is cheaper than building the finder
        return text.translate(table(folds))
    finder, mapping = _finder(folds)
    # Foldable characters are rare in a page: translate only the runs that have them.
    return finder.sub(lambda m: m.group().translate(mapping), text)


@cache
def _finder(folds: frozenset[str]):
    mapping = table(folds)
    codes = sorted(mapping)
    ranges, start = [], None
    for i, code in enumerate(codes):
        if start is None:
            start = code
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(code)) if code != start else ""))
            start = None
    cls = "[" + "".join(ranges) + "]"
    # `cls cls*`, not `cls+`: `re` searches for a leading class fast, for a repeat it does not.
    return re.compile(cls + cls + "*" if ranges else "(?!)"), mapping


@lru_cache(maxsize=1)
def _t2s() -> dict[int, int]:
    pairs: dict[int, int] = {}
    if not T2S_FILE.exists():
        return pairs
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and not line.startswith("#"):
            pairs[ord(parts[0])] = ord(parts[1])
    return pairs


def traditional_variants(term: str, limit: int = 64) -> set[str]:
    """Spellings of `term` with traditional characters, so that traditional folding costs
    nothing at scan time: the automaton holds the variants instead of every page being
    translated. Capped: beyond `limit` the plain term alone is kept for the long tail."""
    reverse = _s2t()
    out = {""}
    for ch in term:
        options = [ch, *reverse.get(ch, ())]
        out = {prefix + o for prefix in out for o in options}
        if len(out) > limit:
            return {term}
    return out


@lru_cache(maxsize=1)
def _s2t() -> dict[str, tuple[str, ...]]:
    reverse: dict[str, list[str]] = {}
    for trad, simp in _t2s().items():
        reverse.setdefault(chr(simp), []).append(chr(trad))
    return {k: tuple(v) for k, v in reverse.items()}
