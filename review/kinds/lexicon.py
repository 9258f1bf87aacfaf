"""Literal terms. All lexicon rules share one Aho-Corasick automaton over the folded text
(one more for `tolerant` rules, which skip symbols inserted between characters)."""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_right
from typing import NamedTuple

from ..document.folding import FOLDS, fold, table, traditional_variants
from ..document.markdown import FILL
from ..model import Hit, Rule
from ..rules import cache
from . import _guards as guards
from ._automaton import Automaton
from ._regex import RegexCompiler

OPTIONS = {"terms", "boundary", "fold", "tolerant", "context", "not_before", "not_after", "not_below"}
ALL_FOLDS = frozenset(FOLDS)
# Inserted between the characters of a word to dodge a filter: spaces, symbols, filler.
NOISE = re.compile(r"[^\w\n]+|_+")
MAX_STRETCH = 3  # a tolerant match may be at most this many times longer than its term


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    terms = options.get("terms")
    if isinstance(terms, list) and all(isinstance(t, str) for t in terms):
        terms = {t: None for t in terms}
    if not isinstance(terms, dict) or not terms:
        raise ValueError("terms 应为「词: 建议」映射或词的列表", "terms")
    pairs = []
    for term, suggestion in terms.items():
        if not term or (suggestion is not None and not isinstance(suggestion, str)):
            raise ValueError(f"terms 中「{term}」的建议应为文字或 null", "terms")
        if suggestion == term:
            raise ValueError(f"terms 中「{term}」的建议与原词相同", "terms")
        pairs.append((term, suggestion))
    folds = options.get("fold", [])
    if not isinstance(folds, list) or not set(folds) <= ALL_FOLDS:
        raise ValueError(f"fold 应为 {'/'.join(FOLDS)} 的列表", "fold")
    context = options.get("context", "any")
    if context not in ("any", "cjk"):
        raise ValueError("context 应为 any 或 cjk", "context")
    for key in ("boundary", "tolerant"):
        if not isinstance(options.get(key, False), bool):
            raise ValueError(f"{key} 应为 true 或 false", key)
    if fix == "safe" and all(s is None for _, s in pairs):
        raise ValueError("fix: safe 需要 terms 中给出建议", "fix")
    out = guards.compile_guards(options, regex)
    out.update(
        terms=tuple(pairs),
        fold=frozenset(folds),
        context=context,
        boundary=options.get("boundary", False),
        tolerant=options.get("tolerant", False),
    )
    return out


def compile(rules: list[Rule]) -> Index:
    return Index(rules)


class _Entry(NamedTuple):
    """One term of one rule (a tuple: thousands are made in every hook run)."""

    rule: Rule
    term: str
    suggestion: str | None
    folded: str  # term under the rule's own folds


class Index:
    """One automaton per (scope, tolerant) group actually used by the rules. The text is
    folded only for case and width (cheap: those characters are rare in a page); the
    traditional spellings of terms that ask for them are added as patterns instead."""

    def __init__(self, rules: list[Rule]):
        members: dict[tuple[str, bool], list[Rule]] = {}
        for rule in rules:
            members.setdefault((rule.scope, rule.options["tolerant"]), []).append(rule)
        self._groups = []
        for key, group in members.items():
            text_folds = frozenset(f for r in group for f in r.options["fold"]) - {"traditional"}
            patterns, entries = _patterns(key[1], group, text_folds)
            automaton = Automaton(patterns)
            self._groups.append((key, text_folds, automaton, entries))

    def hits(self, doc, segmenter) -> list[Hit]:
        out: list[Hit] = []
        for (scope, tolerant), text_folds, automaton, entries in self._groups:
            view = doc.views[scope]
            folded = fold(view, text_folds)
            if tolerant:
                out += _tolerant_hits(view, folded, automaton, entries, segmenter)
                continue
            for index, start, end in automaton.find(folded, overlapping=True):
                for entry in entries[index]:
                    if _accept(entry, view, start, end, segmenter):
                        out.append(Hit(entry.rule, start, end, entry.suggestion))
        return _longest_per_rule(out)


def _patterns(tolerant: bool, group: list[Rule], text_folds: frozenset[str]) -> tuple[list[str], list[list[_Entry]]]:
    """The automaton's patterns and, for each, the terms it stands for. Cached (JSON, keyed
    by the group's terms and folds): folding thousands of terms and spelling the traditional
    variants cost a hook run more than building the automaton does."""
    spec = [[r.options["terms"], sorted(r.options["fold"])] for r in group]
    name = cache.key(b"lexicon", json.dumps([tolerant, sorted(text_folds), spec], ensure_ascii=False).encode())
    got = cache.get(name)
    try:
        patterns, flat, starts = got["patterns"], got["entries"], got["starts"]
        made = []
        for begin, end in itertools.pairwise(starts):
            run = []
            for r, t, folded in flat[begin:end]:
                term, suggestion = group[r].options["terms"][t]
                run.append(_Entry(group[r], term, suggestion, term if folded is None else folded))
            made.append(run)
        if len(made) == len(patterns) and all(isinstance(x, str) for x in patterns):
            return patterns, made
    except (TypeError, KeyError, IndexError, ValueError):
        pass  # missing, or not what this code writes: made again
    patterns, made = _make_patterns(tolerant, group, text_folds)
    index = {id(r): i for i, r in enumerate(group)}
    flat, starts = [], [0]
    for run in made:
        for e in run:
            t = group[index[id(e.rule)]].options["terms"].index((e.term, e.suggestion))
            flat.append([index[id(e.rule)], t, None if e.folded == e.term else e.folded])
        starts.append(len(flat))
    cache.put(name, {"patterns": patterns, "entries": flat, "starts": starts})
    return patterns, made


def _make_patterns(tolerant: bool, group: list[Rule], text_folds: frozenset[str]):
    entries: dict[str, list[_Entry]] = {}
    text_table = table(text_folds)
    for rule in group:
        o = rule.options
        # Terms are short: str.translate with the tables is what fold() does for them.
        rule_table = table(o["fold"])
        traditional = "traditional" in o["fold"]
        for term, suggestion in o["terms"]:
            entry = _Entry(rule, term, suggestion, term.translate(rule_table))
            for spelling in traditional_variants(term) if traditional else (term,):
                pattern = spelling.translate(text_table)
                if tolerant:
                    pattern = NOISE.sub("", pattern)
                if pattern:
                    entries.setdefault(pattern, []).append(entry)
    patterns = list(entries)
    return patterns, [entries[p] for p in patterns]


def _tolerant_hits(view, folded, automaton, entries, segmenter) -> list[Hit]:
    matches = automaton.find(NOISE.sub("", folded), overlapping=True)
    if not matches:
        return []  # the usual case: the offset map below is built only when needed
    removed = []  # (index in the stripped text where a run of noise was, chars removed so far)
    total = 0
    for m in NOISE.finditer(folded):
        removed.append((m.start() - total, total + m.end() - m.start()))
        total += m.end() - m.start()
    starts = [r[0] for r in removed]

    def original(k: int) -> int:  # offset in the view of the k-th kept character
        i = bisect_right(starts, k) - 1
        return k + (removed[i][1] if i >= 0 else 0)

    out = []
    for index, s, e in matches:
        start, end = original(s), original(e - 1) + 1
        span = view[start:end]
        if "\n" in span or len(span) > MAX_STRETCH * (e - s) + 2:
            continue
        for entry in entries[index]:
            if NOISE.sub("", fold(span, entry.rule.options["fold"])) != NOISE.sub("", entry.folded):
                continue  # the automaton folded more than this rule asks for
            if guards.blocked(view, start, end, entry.rule.options):
                continue
            if entry.rule.options["boundary"] and not segmenter.is_word(view, start, end):
                continue
            out.append(Hit(entry.rule, start, end, entry.suggestion))
    return out


def _accept(entry: _Entry, view: str, start: int, end: int, segmenter) -> bool:
    o = entry.rule.options
    if fold(view[start:end], o["fold"]) != entry.folded:
        return False
    if o["context"] == "cjk" and not _in_chinese(view, start, end):
        return False
    if guards.guarded(o) and guards.blocked(view, start, end, o):
        return False
    if o["boundary"] and not segmenter.is_word(view, start, end):
        return False
    return True


def _in_chinese(view: str, start: int, end: int) -> bool:
    before = view[start - 1] if start > 0 else ""
    after = view[end] if end < len(view) else ""
    if _latin(before) or _latin(after):
        return False
    return is_chinese(before) or is_chinese(after)


def _latin(ch: str) -> bool:
    if ch == "" or not ch.isalnum():
        return False
    return ch.isascii() or "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"


def is_chinese(ch: str) -> bool:
    if not ch or ch == FILL:
        return False
    c = ord(ch)
    return (
        0x3400 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0x3000 <= c <= 0x303F
        or 0xFF01 <= c <= 0xFF0F
        or 0xFF1A <= c <= 0xFF20
        or 0x2014 <= c <= 0x201D
        or c == 0x2026
        or 0x20000 <= c <= 0x2FFFF
    )


def _longest_per_rule(hits: list[Hit]) -> list[Hit]:
    """Within one rule keep leftmost-longest, non-overlapping matches (`dang的` over `dang`)."""
    hits.sort(key=lambda h: (h.rule.id, h.start, -h.end))
    out: list[Hit] = []
    last: dict[str, int] = {}
    for h in hits:
        if h.start >= last.get(h.rule.id, -1):
            out.append(h)
            last[h.rule.id] = h.end
    return out
