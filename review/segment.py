"""Word boundaries with jieba's segmentation (no HMM), cutting only the sentence around a
candidate match, over a memory-mapped form of jieba's dictionary (review/wordfreq.py: the
same cuts as rjieba, without building the dictionary in every process).

Most candidates are decided without segmenting at all. jieba (without HMM, as used here) can
only split a match's edge away if some dictionary word crosses that edge; when none of the
words that could cross it (precomputed per term from jieba's dictionary, cached on disk)
stands in the sentence, every segmentation has a boundary there."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import ReviewError
from .rules import cache

if TYPE_CHECKING:
    from .wordfreq import Words

SENTENCE_END = r"[。！？；!?;\n\x00]"  # compiled on the first boundary candidate: most runs meet none
MAX_SENTENCE = 120  # characters on each side of a match that jieba gets to see


class Segmenter:
    """Lazily loads the dictionary on first use: most commits never need it."""

    def __init__(self, words: tuple[str, ...], terms: tuple[str, ...] = (), shortcut: bool = True):
        self._words = words  # added to the dictionary: rule terms, suggestions, standard words
        self._terms = frozenset(terms)  # the boundary terms whose crossing words are precomputed
        self._shortcut = shortcut
        self._dictionary: Words | None = None
        self._crossing: dict[str, list | None] = {}
        self._cache: dict[str, frozenset[int]] = {}

    def is_word(self, text: str, start: int, end: int) -> bool:
        sentence_end = _sentence_end()
        lo = start
        while lo > 0 and start - lo < MAX_SENTENCE and not sentence_end.match(text, lo - 1):
            lo -= 1
        m = sentence_end.search(text, end, min(len(text), end + MAX_SENTENCE))
        hi = m.start() if m else min(len(text), end + MAX_SENTENCE)
        if self._shortcut:
            crossing = self._crossing_for(text[start:end])
            if crossing is not None and not any(
                lo <= start + offset and start + offset + len(word) <= hi and text.startswith(word, start + offset)
                for offset, word in crossing
            ):
                return True
        bounds = self._bounds(text[lo:hi])
        return (start - lo) in bounds and (end - lo) in bounds

    def _bounds(self, sentence: str) -> frozenset[int]:
        cached = self._cache.get(sentence)
        if cached is None:
            pos, marks = 0, {0}
            from .wordfreq import cut  # only when a sentence must be cut: most runs never do

            for token in cut(self._words_file(), sentence):
                pos += len(token)
                marks.add(pos)
            cached = self._cache[sentence] = frozenset(marks)
        return cached

    def _words_file(self) -> Words:
        if self._dictionary is None:
            path = _dictionary_path()
            if path is None:
                raise ReviewError("jieba/dict.txt", None, "找不到 jieba 的词典，无法判断词语边界：请重新安装 review")
            from .wordfreq import load

            self._dictionary = load(path, self._words, str(cache.cache_dir()))
        return self._dictionary

    def _crossing_for(self, term: str) -> list | None:
        """The crossing words of one term: a small cache entry per term, so a run reads
        only those of the terms it meets (all of them are built in one pass when missing)."""
        if term not in self._crossing:
            stamp = _dictionary_stamp()
            if not stamp or term not in self._terms:
                self._crossing[term] = None
                return None
            context = "\n".join([stamp, *sorted(self._terms), "", *self._words]).encode()
            found = cache.get(cache.key(b"crossing", context, term.encode()))
            if not isinstance(found, list):
                built = crossing_words(self._terms, itertools.chain(_dictionary_words(), self._words))
                kept = cache.put_many({cache.key(b"crossing", context, t.encode()): e for t, e in built.items()})
                # Once in the cache, each term's words are read when it is met: holding all of
                # them (180,000 entries) would double a cold run's peak memory.
                self._crossing.update(built if not kept else {term: built.get(term)})
                return built.get(term)
            self._crossing[term] = found
        return self._crossing[term]


@functools.cache
def _sentence_end() -> re.Pattern:
    return re.compile(SENTENCE_END)


def crossing_words(terms, words) -> dict[str, list[list]]:
    """For each term, the dictionary words that could cross one of its edges, with their
    offset from the term's start: [offset, word]. A word crosses the start edge when a
    proper tail of it begins the term, the end edge when a proper head of it ends the term."""
    by_first: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    for t in terms:
        by_first.setdefault(t[0], []).append(t)
        by_last.setdefault(t[-1], []).append(t)
    out: dict[str, list[list]] = {t: [] for t in terms}
    for w in words:
        n = len(w)
        if n < 2:
            continue
        for k, ch in enumerate(w):
            if k >= 1 and ch in by_first:
                for t in by_first[ch]:
                    m = min(n - k, len(t))
                    if w[k : k + m] == t[:m]:
                        out[t].append([-k, w])
            if k <= n - 2 and ch in by_last:
                for t in by_last[ch]:
                    m = min(k + 1, len(t))
                    if w[k + 1 - m : k + 1] == t[len(t) - m :]:
                        out[t].append([len(t) - 1 - k, w])
    return out


def _dictionary_path() -> str | None:
    spec = importlib.util.find_spec("jieba")  # finds the file without importing jieba
    if spec is None or not spec.origin:
        return None
    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    return path if os.path.isfile(path) else None


def _dictionary_stamp() -> str:
    path = _dictionary_path()
    if path is None:
        return ""
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _dictionary_words() -> Iterator[str]:
    """The words of jieba's dictionary, one at a time (350,000 of them: a list would hold
    tens of MB while the crossing words are built)."""
    path = _dictionary_path()
    if path is None:
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield line.split(" ", 1)[0]
