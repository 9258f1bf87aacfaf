"""jieba's segmentation without HMM, exactly as rjieba (jieba-rs) cuts, over a dictionary
that loads in microseconds: jieba's dict.txt with the rule words added, written once as a
sorted file with an index of its lines, memory-mapped and searched by bisection. A run that
must segment a sentence reads a few pages of it instead of building jieba's dictionary
(0.1 s and 34 MB per process). tests/test_segment.py compares the cuts with rjieba's.

The algorithm is jieba's: blocks of Chinese, letters, digits and `+#&._%-` are cut by the
most probable path through the dictionary words in the block (log frequency over the total,
ties to the longer word), single ASCII letters and digits in a row are joined, everything
else is cut per character. Added words get jieba's suggested frequency, in their order."""

from __future__ import annotations

import bisect
import json
import math
import mmap
import os
import re
import struct
from array import array
from collections.abc import Iterable, Iterator

from .rules.cache import digest

# jieba-rs' RE_HAN_DEFAULT and RE_SKIP_DEFAULT.
HAN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f\U0002b740-\U0002b81f"
    "\U0002b820-\U0002ceaf\U0002ceb0-\U0002ebef\U0002f800-\U0002fa1fa-zA-Z0-9+#&._%\\-]+"
)
SKIP = re.compile(r"\r\n|\s")
MAGIC = b"rvwords2"  # a new format or algorithm: a new magic (it is in the file name)
HEADER = struct.Struct("<8sIQ")  # magic, number of words, total frequency
MAX_SEEN = 100_000  # lookups remembered by a process (a few MB)


class Words:
    """A sorted word list with frequencies: `lookup(word)` is (its frequency or None,
    whether a longer word starts with it)."""

    total: int

    def __len__(self) -> int:
        raise NotImplementedError

    def key(self, i: int) -> bytes:
        raise NotImplementedError

    def freq(self, i: int) -> int:
        raise NotImplementedError

    def _find(self, target: bytes) -> int:
        return bisect.bisect_left(_Keys(self), target)

    def lookup(self, word: str) -> tuple[int | None, bool]:
        target = word.encode()
        i = self._find(target)
        exact = i < len(self) and self.key(i) == target
        after = i + 1 if exact else i
        return (self.freq(i) if exact else None), after < len(self) and self.key(after).startswith(target)


class _Keys:
    """The words as a sequence of bytes, for bisect (which reads only ~20 of them)."""

    def __init__(self, words: Words):
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> bytes:
        return self.words.key(i)


class Building(Words):
    """The dictionary in memory while the file is made (adding words needs cuts)."""

    def __init__(self, pairs: Iterable[tuple[str, int]]):
        # A word listed twice keeps its last frequency, as jieba does. Bytes, not str: the
        # file is ordered by bytes, and 350,000 words are held once.
        self.freqs: dict[bytes, int] = {}
        for word, freq in pairs:
            self.freqs[word.encode()] = freq
        self.words = sorted(self.freqs)
        self.total = sum(self.freqs.values())

    def __len__(self) -> int:
        return len(self.words)

    def key(self, i: int) -> bytes:
        return self.words[i]

    def _find(self, target: bytes) -> int:
        return bisect.bisect_left(self.words, target)

    def freq(self, i: int) -> int:
        return self.freqs[self.words[i]]

    def add(self, word: str) -> None:
        """jieba's add_word(word) without a frequency: the suggested one."""
        freq = suggest_freq(self, word)
        key = word.encode()
        old = self.freqs.get(key)
        if old is None:
            bisect.insort(self.words, key)
            self.total += freq
        else:
            self.total += freq - old
        self.freqs[key] = freq

    def write(self, fh) -> None:
        """The file: header, the offsets of the lines, then `word\tfreq\n` lines in order,
        written in pieces (never the whole file as one more copy in memory). A word with a
        tab or a line break is left out of the lines (it cannot stand inside a block that is
        cut: blocks have neither) but counts in the total, as in jieba."""
        lines = [w for w in self.words if b"\t" not in w and b"\n" not in w]
        offsets = array("I", [0])
        for w in lines:
            offsets.append(offsets[-1] + len(w) + len(str(self.freqs[w])) + 2)
        fh.write(HEADER.pack(MAGIC, len(lines), self.total))
        fh.write(offsets.tobytes())
        for i in range(0, len(lines), 4096):
            fh.write(b"".join(b"%s\t%d\n" % (w, self.freqs[w]) for w in lines[i : i + 4096]))


class Mapped(Words):
    """The dictionary file, memory-mapped."""

    def __init__(self, path: str):
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, self.count, self.total = HEADER.unpack_from(self._map, 0)
        start = HEADER.size
        self._text = start + 4 * (self.count + 1)
        if magic != MAGIC or len(self._map) < self._text:
            raise ValueError("not a word list")
        self._offsets = memoryview(self._map)[start : self._text].cast("I")
        if self._text + self._offsets[self.count] != len(self._map):
            raise ValueError("truncated word list")
        self._lines: dict[str, bytes] = {}  # first character -> its words' lines, after a "\n"
        self._seen: dict[str, tuple[int | None, bool]] = {}  # sentences repeat their fragments

    def __len__(self) -> int:
        return self.count

    def lookup(self, word: str) -> tuple[int | None, bool]:
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) > MAX_SEEN:
                self._seen.clear()
            found = self._seen[word] = self._search(word)
        return found

    def _search(self, word: str) -> tuple[int | None, bool]:
        # The lines of the words that start with the same character, read once: the first
        # line that starts with `word` (they are sorted) is the word itself or a longer one.
        # One `find` in C instead of a bisection whose every probe is a Python call.
        if "\t" in word or "\n" in word:
            return None, False  # never in the file (see Building.write)
        lines = self._lines.get(word[0])
        if lines is None:
            lines = self._lines[word[0]] = b"\n" + self._first_char_lines(word[0])
        target = b"\n" + word.encode()
        i = lines.find(target)
        if i < 0:
            return None, False
        j = i + len(target)
        if lines[j] != 0x09:  # no tab after it: only longer words start so
            return None, True
        k = lines.index(b"\n", j)
        return int(lines[j + 1 : k]), lines.startswith(target[1:], k + 1)

    def _first_char_lines(self, first: str) -> bytes:
        keys, head = _Keys(self), first.encode()
        lo = bisect.bisect_left(keys, head)
        following = ord(first) + 1 if ord(first) + 1 != 0xD800 else 0xE000  # no surrogates in UTF-8
        hi = bisect.bisect_left(keys, chr(following).encode(), lo) if following <= 0x10FFFF else len(self)
        return self._map[self._text + self._offsets[lo] : self._text + self._offsets[hi]]

    def key(self, i: int) -> bytes:
        start = self._text + self._offsets[i]
        return self._map[start : self._map.find(b"\t", start)]

    def freq(self, i: int) -> int:
        start = self._map.find(b"\t", self._text + self._offsets[i]) + 1
        return int(self._map[start : self._text + self._offsets[i + 1] - 1])


def load(dictionary: str, words: Iterable[str], folder: str) -> Words:
    """The dictionary file of `dictionary` (jieba's dict.txt) with `words` added, made in
    `folder` when missing; in memory when the folder cannot be written."""
    words = tuple(words)
    st = os.stat(dictionary)
    h = digest(MAGIC + f"{dictionary}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(json.dumps(words, ensure_ascii=False).encode())  # ["a\nb"] and ["a", "b"] differ
    name = h.hexdigest()
    path = os.path.join(folder, f"{name}.words")
    try:
        mapped = Mapped(path)
        os.utime(path)  # recently used: the cache folder evicts the least recently used first
        return mapped
    except (OSError, ValueError, struct.error):
        pass
    built = Building(_read(dictionary))
    for word in words:
        built.add(word)
    try:
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".tmp-{name}-{os.getpid()}")  # rules/cache.py clears abandoned ones
        with open(tmp, "wb") as fh:
            built.write(fh)
        os.replace(tmp, path)
        return Mapped(path)
    except (OSError, ValueError):
        return built  # a read-only home only costs speed


def _read(path: str) -> Iterator[tuple[str, int]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[0]:
                yield parts[0], int(parts[1])


def suggest_freq(words: Words, segment: str) -> int:
    logtotal = math.log(words.total)
    logfreq = sum(math.log(words.lookup(w)[0] or 1) - logtotal for w in cut(words, segment))
    return max(int(math.exp(logfreq + logtotal)) + 1, words.lookup(segment)[0] or 1)


def cut(words: Words, sentence: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in HAN.finditer(sentence):
        _per_char(sentence[pos : m.start()], out)
        _cut_block(words, m.group(), out)
        pos = m.end()
    _per_char(sentence[pos:], out)
    return out


def _per_char(block: str, out: list[str]) -> None:
    pos = 0
    for m in SKIP.finditer(block):
        out.extend(block[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(block[pos:])


def _cut_block(words: Words, block: str, out: list[str]) -> None:
    n = len(block)
    freqs: dict[str, int] = {}  # the words of the block, with their frequencies
    dag: list[list[int]] = []
    for k in range(n):
        ends, i = [], k
        while True:
            frag = block[k : i + 1]
            freq, longer = words.lookup(frag)
            if freq is not None:
                ends.append(i)
                freqs[frag] = freq
            i += 1
            if not longer or i >= n:
                break
        dag.append(ends or [k])
    logtotal = math.log(words.total)
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for k in range(n - 1, -1, -1):
        route[k] = max((math.log(freqs.get(block[k : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[k])
    x, left = 0, None
    while x < n:
        y = route[x][1] + 1
        word = block[x:y]
        if len(word) == 1 and word.isascii() and word.isalnum():
            if left is None:
                left = x
        else:
            if left is not None:
                out.append(block[left:x])
                left = None
            out.append(word)
        x = y
    if left is not None:
        out.append(block[left:])
