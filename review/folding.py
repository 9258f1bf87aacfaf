"""Length-preserving character folding (case, full-width forms, traditional characters), so
a folded text can be searched and every offset still points into the original."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FOLDS = ("case", "width", "traditional")
T2S_FILE = Path(__file__).parent / "packs" / "data" / "t2s.tsv"


@lru_cache(maxsize=None)
def table(folds: frozenset[str]) -> dict[int, int]:
    """A str.translate table for a set of folds (cached: pure function of its argument)."""
    out: dict[int, int] = {}
    if "width" in folds:
        for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms
            out[code] = code - 0xFEE0
        out[0x3000] = 0x20
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
    return text.translate(table(folds)) if folds else text


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
