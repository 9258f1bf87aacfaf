"""What a reader sees: one normalisation before the publication-guarding rules match, with a
map from every offset of the normalised text back to the original.

A reader does not see character references (`&#26426;` shows 机), invisible and bidi
characters, the markup that a masked view fills with NUL (an empty comment or a tag inside
a word, emphasis delimiters), the spacing HTML collapses, nor the difference between 1, １
and ١, between Latin a and Cyrillic а, between 機 and 机, or between ⭐ and ★. Matching on
the raw text lets every one of those hide a classification mark or an ID number, so the
guard rules match on `normalize(view).text` and their hits are mapped back with `span`.

Two passes, each a list of edits (compact start, compact length, original start, original
length); offsets between edits shift by a constant, so a map is a few tuples, not one int
per character. Pass 1 works per character (references, invisible characters, NFKC digits and
letters, look-alikes, traditional characters, stars); pass 2 per line and per number
(padding at the ends of a line, collapsed spaces, separators inside a phone, ID or card
number, a +86 prefix)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from .folding import T2S_FILE, _t2s

FILL = "\x00"  # the masked views' filler (markdown.FILL); invisible characters become it too

# Characters with no visible glyph, or that only reorder text (bidi controls): removed.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    # Combining marks: over a Chinese character or a digit (机\u0301密) they only decorate it,
    # and no precomposed form exists for NFKC to fold them into.
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
    # Spaces narrower than a character (hair, thin, figure, narrow no-break, math): between
    # Chinese characters a reader does not see them as a gap between words.
    (0x2006, 0x200A),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),
    (0xE0100, 0xE01EF),
)
# Stars a reader takes for the ★ of a classification mark (GB/T 9704 writes ★).
STARS = "☆✩✪✫✬✭✮✯✰✦✧✵✶✷✸✹✺⋆⍟⭐⭑⭒🌟🟉🟊"
# Asterisks a reader takes for `*` (masking such as 党的**大).
ASTERISKS = "\u2217\u204e\u2731\u2732\u2733\ufe61\u066d\u2055\u203b"
# Cyrillic and Greek letters drawn like Latin ones (confusables.txt, the unambiguous part).
HOMOGLYPHS = {
    "а": "a",
    "в": "b",
    "е": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "һ": "h",
    "ӏ": "l",
    "ɡ": "g",
    "ɑ": "a",
    "ո": "n",
    "ս": "u",
    "օ": "o",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Ԁ": "D",
    "Ү": "Y",
    "Ӏ": "I",
    "α": "a",
    "ο": "o",
    "ρ": "p",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "υ": "u",
    "τ": "t",
    "χ": "x",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u3000"
HYPHENS = "\u2010\u2011\u2012\u2013\u2043\u2212\ufe58\ufe63\uff0d\u02d7"
# Blocks where NFKC maps a character to ASCII letters or digits, or where decimal digits of
# other scripts live; scanned once, on the first page that needs normalising.
SCAN_RANGES = (
    (0x80, 0x3000),
    (0xA600, 0xAC00),
    (0xFF00, 0xFFF0),
    (0x10400, 0x11F00),
    (0x16A60, 0x16B60),
    (0x1D400, 0x1D800),
    (0x1E140, 0x1E960),
    (0x1F100, 0x1F200),
    (0x1FBF0, 0x1FBFA),
)

ENTITY_PATTERN = r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?"
ENTITY = re.compile(ENTITY_PATTERN)
# Pass 2: padding at the start of a line (and Markdown block markers a reader does not see as
# text), at its end, doubled spaces, and numbers written with separators or a +86 prefix.
LINE_START = r"[ \t\u3000]*(?:>[ \t]*)*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)])[ \t]+)?[ \t\u3000]*"
COUNTRY = r"(?P<cc>[(（]?(?:\+|00)[ ]?86[)）]?[ .-]?)"
GROUPED = r"(?P<grouped>[0-9]{3,8}(?:[ .\u3000-][0-9]{3,8}){1,4}[Xx]?|[0-9]{3,15}(?:\n[0-9]{3,15}){1,4}[Xx]?)"
# (the second form: a number split by a soft line break, which a browser shows as a space)
SPACED = r"(?P<spaced>[0-9](?:[ .-][0-9]){10,18}(?:[ .-][Xx])?)"
NUMBER = rf"(?<![0-9A-Za-z])(?:{COUNTRY}(?=1[0-9]{{2}}[ .-]?[0-9]{{4}}[ .-]?[0-9]{{4}}(?![0-9]))|{SPACED}|{GROUPED})(?![0-9A-Za-z])"  # noqa: E501
# Runs of spaces that pass 2 edits: at the start of a line, two or more, or at the end of a
# line (a single space inside a line, the common case, is not even a match).
SPACES_RE = re.compile("[ \t\u3000](?:(?<![^\n\r][ \t\u3000])[ \t\u3000]*|[ \t\u3000]+|(?![^\n\r]))")
# A line start is the text's start or a line break's end: the break itself leads the pattern
# (a literal `re` searches for fast; `(?m)^` is tried at every position).
LINE_START_RE = re.compile(r"\n(?=[ \t\u3000>#*+0-9-])" + LINE_START)
FIRST_LINE_RE = re.compile(r"(?=[ \t\u3000>#*+0-9-])" + LINE_START)
# Numbers are looked at only when a page has digits split by a separator or a +86 prefix
# (the pattern starts with a class: `re` searches for it fast).
NUMBER_HINT = re.compile(r"[+0-9](?:(?<=[0-9])[ .\n\u3000-][0-9]|(?<=\+)[ ]?86|(?<=0)0[ ]?86)")
# Characters a page may hold without needing pass 1's tables: ASCII (but `&`), the CJK
# ideographs (traditional ones are looked up separately), and the punctuation of Chinese text.
# Every key of the tables is outside this set or traditional (tests/test_normalize.py checks).
SAFE_RANGES = (
    ("\x20", "\x25"),
    ("\x27", "\x7e"),
    ("\u4e00", "\u9fff"),
    ("\u3000", "\u303f"),
    ("\uff01", "\uff0a"),
    ("\uff0c", "\uff0c"),
    ("\uff1a", "\uff20"),
    ("\uff3b", "\uff40"),
    ("\uff5b", "\uff60"),
)
SAFE_MARKS = frozenset("\x00\t\n\r\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u00d7\u00b0\u2103\u2192\u25a1\u2605")


# The safe characters but the ideographs, as a set: a page's distinct characters minus these
# (a set operation in C) leaves the ideographs and the few others to look at.
SAFE_OTHERS = SAFE_MARKS | frozenset(
    chr(c) for lo, hi in SAFE_RANGES if lo != "\u4e00" for c in range(ord(lo), ord(hi) + 1)
)


def _safe(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in SAFE_OTHERS


# NUL filler (masked markup) between two characters of a line, or before text: an empty
# comment, a tag or emphasis inside a word, padding before a mark that stands alone.
# Written to start with the NUL itself, which `re` finds with a fast literal search.
FILL_INSIDE = re.compile(r"\x00(?:(?<=[^\x00\s]\x00)|(?=[^\x00\s]))")
# Filler is removed only where it touches a visible character (see `_inert`): a line of
# filler (front matter, a code block) changes nothing for a rule and would cost an edit.
LIGHT_FINDER = re.compile(f"{FILL}+|{ENTITY_PATTERN}")
# The one safe character the tables change (tests/test_normalize.py checks): pass 2 also
# turns it into a space, but pass 1 must see what a reader sees.
FOLDED_SAFE = "\u3000"
DIGIT_COUNT = (11, 19)  # phone 11, ID 18, cards 16-19: other grouped numbers stay as written


class Map(NamedTuple):
    """Edits of one pass, in order: (normalised start, normalised length, original start,
    original length). Between edits the offset shifts by a constant."""

    edits: tuple[tuple[int, int, int, int], ...]
    starts: tuple[int, ...]

    def start(self, k: int) -> int:
        i = bisect_right(self.starts, k) - 1
        if i < 0:
            return k
        c, cl, o, ol = self.edits[i]
        return o if k < c + cl else k - (c + cl) + (o + ol)

    def end(self, k: int) -> int:
        i = bisect_left(self.starts, k) - 1  # an edit starting at k lies after the span
        if i < 0:
            return k
        c, cl, o, ol = self.edits[i]
        return o + ol if k <= c + cl else k - (c + cl) + (o + ol)


class Normalized(NamedTuple):
    text: str
    maps: tuple[Map, ...] = ()  # in the order applied

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a normalised span [start, end)."""
        for m in reversed(self.maps):
            start, end = m.start(start), m.end(end) if end > start else m.start(start)
        return start, max(start, end)

    def original(self, offset: int) -> int:
        """The original offset of the character at `offset` of the normalised text."""
        for m in reversed(self.maps):
            offset = m.start(offset)
        return offset

    @property
    def identity(self) -> bool:
        return not self.maps


def needs_fold(text: str) -> bool:
    """Whether `text` has a character the tables change (else they are never built): one
    search in C for a character outside the safe set or a traditional one."""
    return _fold_finder().search(text) is not None


def normalize(text: str, replacements: tuple[tuple[int, int, str], ...] = (), fold: bool | None = None) -> Normalized:
    """What a reader sees of `text` (a masked view or plain text), and the way back.
    `replacements` are (start, end, value) spans shown as `value` (decoded front-matter
    values), each on a line of its own, since the site prints each field on its own.
    `fold` may be given when the caller already knows whether `needs_fold`."""
    maps = []
    if replacements:
        text, edits = _substitute(text, replacements)
        maps.append(_map(edits))
    # Fast path: most pages have no character to fold and no markup inside a word; the
    # tables (a scan of the Unicode blocks) are then never built.
    if fold is None or replacements:
        fold = bool(fold) or needs_fold(text)
    if fold or "&" in text or FILL_INSIDE.search(text):
        text, edits = _pass1(text, fold)
        if edits:
            maps.append(_map(edits))
    text, edits = _pass2(text)
    if edits:
        maps.append(_map(edits))
    return Normalized(text, tuple(maps))


def _map(edits: list[tuple[int, int, int, int]]) -> Map:
    return Map(tuple(edits), tuple(e[0] for e in edits))


def _substitute(text: str, replacements) -> tuple[str, list]:
    # Each decoded value on a line of its own, as the theme prints each field.
    return _replace(text, [(s, e, "\n" + value + "\n") for s, e, value in replacements])


def _replace(text: str, found) -> tuple[str, list]:
    """`text` with each (start, end, new) applied, leftmost first, overlaps skipped; and the
    edits (normalised start, new length, original start, original length) that map back."""
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = size = 0
    for s, e, new in sorted(found):
        if s < pos:
            continue  # overlapping (a line start's padding is also a run of spaces)
        out.append(text[pos:s])
        size += s - pos
        edits.append((size, len(new), s, e - s))
        out.append(new)
        size += len(new)
        pos = e
    out.append(text[pos:])
    return "".join(out), edits


def _pass1(text: str, fold: bool) -> tuple[str, list]:
    if fold:
        table, multi = _tables()
        t, finder = _translate(text, table), _pass1_finder()
    else:  # only NUL filler and references to look at: no table needed
        t, finder = text, LIGHT_FINDER
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = size = 0
    for m in finder.finditer(t):
        s, e = m.span()
        g = m.group()
        if g[0] == FILL:
            if not fold and _inert(t, s, e):
                continue  # a line of filler (front matter, code) changes nothing for a rule
            new = ""
        elif g[0] == "&":
            from html import unescape  # only pages with a reference pay for the import

            decoded = unescape(text[s:e])
            if decoded == text[s:e]:
                continue
            table, multi = _tables()
            new = "".join(multi.get(c, c) for c in decoded.translate(table)).replace(FILL, "")
        else:
            new = _tables()[1][g]
        out.append(t[pos:s])
        size += s - pos
        edits.append((size, len(new), s, e - s))
        out.append(new)
        size += len(new)
        pos = e
    out.append(t[pos:])
    return "".join(out), edits


def _translate(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)`, translating only the runs that need it: every key of the
    table is outside the safe set or traditional (what the fold finder finds), except the
    ideographic space, which is common in Chinese text and replaced whole. A page with one
    traditional character no longer pays for a dictionary lookup per character."""
    if FOLDED_SAFE in text:
        text = text.replace(FOLDED_SAFE, table[ord(FOLDED_SAFE)])
    return _fold_finder().sub(lambda m: m.group().translate(table), text)


def _pass2(text: str) -> tuple[str, list]:
    # Three cheap scans instead of one alternation tried at every position: the spaces (a
    # character class `re` searches fast), the starts of lines that begin with padding or a
    # block marker, and the numbers when digits are split somewhere.
    found: list[tuple[int, int, str]] = []
    for m in SPACES_RE.finditer(text):
        s, e = m.span()
        at_edge = s == 0 or text[s - 1] in "\r\n" or e == len(text) or text[e] in "\r\n"
        if at_edge:
            found.append((s, e, ""))
        elif "\u3000" not in m.group():  # two or more, inside a line
            found.append((s, e, " "))  # spaces collapse to one, as HTML shows them
    first = FIRST_LINE_RE.match(text)
    if first is not None and first.end() > 0:
        found.append((0, first.end(), ""))
    for m in LINE_START_RE.finditer(text):
        if m.end() > m.start() + 1:
            found.append((m.start() + 1, m.end(), ""))
    if NUMBER_HINT.search(text):
        for m in _number_re().finditer(text):
            new = _number_edit(m)
            if new is not None:
                found.append((*m.span(), new))
    if not found:
        return text, []
    return _replace(text, found)


def _inert(text: str, s: int, e: int) -> bool:
    """Filler with a line break or nothing visible on either side."""
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    return before.isspace() and after.isspace()


def _number_edit(m: re.Match) -> str | None:
    """The replacement for a number match, or None to leave it as written."""
    if m.group("cc") is not None:
        return ""  # +86 / 0086 before a mobile number: the number itself is what matters
    digits = re.sub(r"[ .\n\u3000-]", "", m.group("grouped") or m.group("spaced"))
    return digits if DIGIT_COUNT[0] <= len(digits.rstrip("Xx")) <= DIGIT_COUNT[1] else None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    """One-to-one translations, and the characters NFKC turns into several (⑩ → 10)."""
    table: dict[int, str] = {}
    multi: dict[str, str] = {}
    for trad, simp in _t2s().items():
        table[trad] = chr(simp)
    for lo, hi in SCAN_RANGES:
        for code in range(lo, hi):
            ch = chr(code)
            digit = unicodedata.decimal(ch, None)
            if digit is not None:
                table[code] = str(digit)
                continue
            n = unicodedata.normalize("NFKC", ch)
            if n != ch and n.isascii() and n.isalnum():
                if len(n) == 1:
                    table[code] = n
                else:
                    multi[ch] = n
    for ch, latin in HOMOGLYPHS.items():
        table[ord(ch)] = latin
    for ch in SPACES:
        table[ord(ch)] = " "
    for ch in HYPHENS:
        table[ord(ch)] = "-"
    for ch in STARS:
        table[ord(ch)] = "★"
    for ch in ASTERISKS:
        table[ord(ch)] = "*"
    table[0xFF0E] = "."
    table[0xFF0B] = "+"
    for lo, hi in INVISIBLE_RANGES:
        for code in range(lo, hi + 1):
            table[code] = FILL
    for ascii_code in range(0x80):
        table.pop(ascii_code, None)
    return table, multi


@lru_cache(maxsize=1)
def _pass1_finder() -> re.Pattern:
    _, multi = _tables()
    chars = "".join(re.escape(c) for c in multi)
    return re.compile(f"{FILL}+|{ENTITY_PATTERN}" + (f"|[{chars}]" if chars else ""))  # rare path: all of it


@lru_cache(maxsize=1)
def _number_re() -> re.Pattern:
    return re.compile(NUMBER)  # only for pages whose digits are split somewhere: compiled then


def _traditional() -> frozenset[str]:
    return frozenset(map(chr, _t2s()))


@lru_cache(maxsize=1)
def _fold_finder() -> re.Pattern:
    """Runs of characters that are not safe, simplified ones: a class of thousands of ranges,
    which takes `re` 20 ms to compile, so its code is cached (keyed by the table's bytes)."""
    from .. import sre_code
    from ..rules import cache  # the pack cache; imported here, as rules/ imports document/

    data = T2S_FILE.read_bytes() if T2S_FILE.exists() else b""
    name = cache.key(b"fold-finder", data)
    entry = cache.get(name)
    if isinstance(entry, dict) and isinstance(entry.get("pattern"), str) and sre_code.fits(entry.get("code")):
        made = sre_code.make(entry["pattern"], entry["code"], 0, {})
        if made is not None:
            return made
    keep = SAFE_OTHERS.union(map(chr, range(0x4E00, 0xA000))) - _traditional()
    unsafe = "[^" + sre_code.char_class(keep)[1:]
    pattern = unsafe + unsafe + "*"  # not `unsafe+`: `re` searches for a leading class 2.5x faster
    code = sre_code.of(pattern)
    cache.put(name, {"pattern": pattern, "code": code})
    return sre_code.make(pattern, code, 0, {}) or re.compile(pattern)
