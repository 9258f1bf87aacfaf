"""The library interface used by the MkDocs hooks and tests: same rules, same findings as
the command line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Mapping

from . import explain, runner
from .rules.config import Config
from .engine import RuleSet
from .model import Finding, Rule
from .rules.selection import load_all, ruleset_for

__all__ = ["Finding", "Rules", "load_rules", "check_text", "check_published_text", "search_terms",
           "rule_reference_pages"]


@dataclass(frozen=True)
class Rules:
    """All rules of a site (default packs + its [tool.review] packs), ready to check pages."""
    all: tuple[Rule, ...]
    config: Config
    known: frozenset[str]
    # Compiled rule sets by the per-path ignores that apply; filled on demand.
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    def ruleset(self, path: str) -> RuleSet:
        key = self.config.ignored_for(path)
        if key not in self._compiled:
            self._compiled[key] = ruleset_for(self.all, self.config, path)
        return self._compiled[key]


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]


def load_rules(root: str | Path = ".") -> Rules:
    cfg, rules = load_all(None, Path(root))
    return Rules(rules, cfg, frozenset(r.id for r in rules))


def check_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:
    return runner.check(rules.ruleset(path), path, text, rules.known).findings


def search_terms(rules: Rules) -> SearchTerms:
    """Words for the search's jieba user dictionary, and the short forms a reader types for
    long names, both from the terminology records (one source of truth)."""
    words: dict[str, None] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for rule in rules.all:
        if rule.category != "terminology":
            continue
        for w in rule.words:
            words[w] = None
        for long, shorts in rule.aliases.items():
            words[long] = None
            for s in shorts:
                words[s] = None
            aliases[long] = tuple(dict.fromkeys(aliases.get(long, ()) + shorts))
    return SearchTerms(tuple(words), aliases)


def rule_reference_pages(rules: Rules) -> dict[str, str]:
    return explain.reference_pages(rules.all)


# provisional: the `normalize` branch writes the real check_published_text (one shared
# normalisation with a position map). This stand-in folds the commonest disguises with
# one-to-one translation tables so the site's output review works meanwhile; positions
# are in the folded text.
PUBLISHED_CATEGORIES = frozenset({"secrecy", "privacy", "masking", "residue"})
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0]
    + list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2070))
    + list(range(0xFE00, 0xFE10)) + list(range(0xE0100, 0xE01F0)) + list(range(0xE0000, 0xE0080)))
_FOLD = str.maketrans({
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},  # full-width digits
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},
    **{c: "★" for c in "⭐✩✪✫✬✭✮✯✰☆🟊🟋🟌🟍🌟✦✧⋆＊"}, "機": "机", "絕": "绝", "祕": "秘", "內": "内",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "ο": "o", "α": "a", "ν": "v", "Ο": "O", "Α": "A", "Β": "B", "Ε": "E",
    "\u3000": " ", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\uff0e": ".", "\uff0b": "+", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    **{chr(c): None for c in _INVISIBLE}, "\x00": None,
})


def _char_class(codes) -> str:
    """A regular-expression class of code points written as ranges (a class of hundreds of
    single astral characters is searched linearly by `re`)."""
    codes, parts, i = sorted(set(codes)), [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(re.escape(chr(codes[i])) + (f"-{re.escape(chr(codes[j]))}" if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


_DELETED = re.compile(_char_class(list(_INVISIBLE) + [0]))
_FOLDED = re.compile(_char_class(ord(k) if isinstance(k, str) else k for k in _FOLD))


def check_published_text(rules: Rules, path: str, text: str) -> tuple[Finding, ...]:  # provisional
    """Review text as a reader sees it: no Markdown masking, no suppression, no configured
    downgrade; only the categories that guard publication, at their packs' severities.
    Findings point into `text` (the folding is one-to-one apart from removed characters,
    whose positions are mapped back)."""
    from dataclasses import replace as _replace

    from .document.markdown import BARE_URL, Document
    from .engine import to_finding

    key = "published"
    if key not in rules._compiled:
        rules._compiled[key] = RuleSet(tuple(r for r in rules.all if r.category in PUBLISHED_CATEGORIES))
    ruleset = rules._compiled[key]
    index = None
    if _DELETED.search(text):
        index = [i for i, c in enumerate(text) if not _DELETED.match(c)]
    folded = text.translate(_FOLD) if _FOLDED.search(text) else text  # translate is slow on CJK
    prose = folded
    if "://" in folded or "www." in folded:
        prose = BARE_URL.sub(lambda m: "\x00" * len(m.group()), folded)
    doc = Document(path, folded, {"markup": folded, "urls": folded, "prose": prose}, None, (), _line_starts(folded))
    findings = [to_finding(doc, h) for h in ruleset.matcher.hits(doc)]
    if findings and (index is not None or folded != text):
        original = Document(path, text, {}, None, (), _line_starts(text))
        mapped = []
        for f in findings:
            start = index[f.start] if index is not None else f.start
            end = f.end if index is None else (index[f.end - 1] + 1 if f.end > f.start else start)
            line, column = original.position(start)
            end_line, end_column = original.position(end)
            mapped.append(_replace(f, line=line, column=column, end_line=end_line, end_column=end_column,
                                   text=text[start:end], start=start, end=end))
        findings = mapped
    return tuple(sorted(findings, key=lambda f: (f.line, f.column, f.rule)))


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1]))
