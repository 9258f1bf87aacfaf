"""Aho-Corasick automata over UTF-16, which become DFAs once they have scanned enough text to
pay for it.

ahocorasick_rs reads a `str` as UTF-8 (made and kept with the string on the first search)
and turns every byte offset back into a character offset on every search: for a page, more
than the search itself. A page of BMP characters encoded as UTF-16-LE is 2 bytes a character
(and made in one copy), so a match's offsets are its bytes' halves; a match at an odd offset
straddles two characters and is dropped. That needs every match to be reported
(`overlapping`), BMP patterns and a BMP page; anything else goes through the `str` search.
Both give the same matches in the same order (tests/test_kinds.py).

A commit searches with the automaton that is cheapest to build (a contiguous NFA over the
`str`: 3 ms for the 2,000 lexicon terms; over UTF-16 bytes it takes 1.5 ms more). A run over
the whole library switches after DFA_AFTER characters to DFAs (about 10 ms more to build,
twice as fast to scan on the laws corpus), over UTF-16 where it can; an automaton of more
than DFA_MAX_BYTES of patterns stays as it is, for memory."""

from __future__ import annotations

import ahocorasick_rs

# Characters scanned before the DFAs are built: a commit of a few pages never gets there; on
# the laws corpus, 250,000 costs 2.6% fewer instructions than 1,000,000 (callgrind).
DFA_AFTER = 250_000
DFA_MAX_BYTES = 16_384  # of patterns in UTF-16: the packs' 2,000 terms are 12 KB (a 12 MB DFA)


class Automaton:
    """One automaton of a compiled rule set (its state is only what it has built so far)."""

    __slots__ = ("_by_str", "_matchkind", "_patterns", "_scanned", "_utf16")

    def __init__(self, patterns: list[str], matchkind=ahocorasick_rs.MatchKind.Standard):
        self._patterns, self._matchkind = patterns, matchkind
        self._by_str: ahocorasick_rs.AhoCorasick | None = ahocorasick_rs.AhoCorasick(patterns, matchkind=matchkind)
        self._utf16: ahocorasick_rs.BytesAhoCorasick | None = None
        self._scanned: int | None = 0  # None once the DFAs are built

    def find(self, text: str, overlapping: bool = False) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every match, as find_matches_as_indexes gives them."""
        if self._scanned is not None:
            self._scanned += len(text)
            if self._scanned > DFA_AFTER:
                self._build_dfas()
        if overlapping and self._utf16 is not None:
            data = text.encode("utf-16-le", "surrogatepass")
            if len(data) == 2 * len(text):  # no character outside the BMP
                found = self._utf16.find_matches_as_indexes(data, overlapping=True)
                return [(i, s >> 1, e >> 1) for i, s, e in found if not s & 1]
        if self._by_str is None:  # dropped for the UTF-16 one: made again for a page that needs it
            self._by_str = ahocorasick_rs.AhoCorasick(self._patterns, matchkind=self._matchkind)
        return self._by_str.find_matches_as_indexes(text, overlapping=overlapping)

    def _build_dfas(self) -> None:
        self._scanned = None
        joined = "".join(self._patterns)  # BMP characters only, no surrogates: 2 bytes each, none paired
        # A DFA takes about 1 KB of memory per byte of patterns, and an automaton over UTF-16
        # several times what the str one takes: a site's 20,000-term lexicon (with traditional
        # spellings) would add 45 MB. Beyond DFA_MAX_BYTES the str automaton stays as it is.
        if 2 * len(joined) > DFA_MAX_BYTES:
            return
        dfa = ahocorasick_rs.Implementation.DFA
        try:  # (strict: a lone surrogate cannot be encoded)
            bmp = len(joined.encode("utf-16-le")) == 2 * len(joined)
        except UnicodeEncodeError:
            bmp = False
        self._by_str = None  # one automaton in memory: a page outside the BMP makes the str one again
        if bmp and self._matchkind == ahocorasick_rs.MatchKind.Standard:
            encoded = [p.encode("utf-16-le") for p in self._patterns]
            self._utf16 = ahocorasick_rs.BytesAhoCorasick(encoded, matchkind=self._matchkind, implementation=dfa)
        else:
            self._by_str = ahocorasick_rs.AhoCorasick(self._patterns, matchkind=self._matchkind, implementation=dfa)
