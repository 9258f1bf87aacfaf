"""The code `re` compiles a pattern to, kept as text, and the pattern object `_sre` makes of
it without parsing or compiling again (most of what a regex costs a short process); and
character classes written compactly.

Standalone: it imports nothing of the package, so that start-up (review/startup.py) can use
it before any other module is imported."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import binascii
import re
import sys
from array import array

# `re`'s own parser and compiler (Python 3.11+; the project requires it).
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

# `re` code is a list of 32-bit words (_sre.CODESIZE); kept as their bytes, in this machine's
# order, base64-encoded: a JSON list of thousands of numbers is slow to read back.
WORD = "I" if array("I").itemsize == 4 else "L"
WORD_FORMAT = f"{WORD}{array(WORD).itemsize}{sys.byteorder}"


def encode(tree, flags: int) -> dict:
    """The code of a parse tree (`sre_parse.parse(pattern, flags)`, read by nothing else:
    compiling consumes it), with what `_sre` needs besides."""
    words = array(WORD, sre_compile._code(tree, flags))
    return {
        "magic": _sre.MAGIC,
        "word": WORD_FORMAT,
        "flags": flags | tree.state.flags,
        "code": b2a(words),
        "groups": tree.state.groups - 1,
        "names": dict(tree.state.groupdict),
    }


def of(pattern: str, flags: int = 0) -> dict:
    """The code of a pattern (raises re.error as re.compile does)."""
    return encode(sre_parse.parse(pattern, flags), flags)


def fits(code) -> bool:
    """Whether `code` was made by this Python's `re` on a machine like this one."""
    return isinstance(code, dict) and code.get("magic") == _sre.MAGIC and code.get("word") == WORD_FORMAT


def make(pattern: str, code: dict, groups: int, names: dict) -> re.Pattern | None:
    """The pattern object of `code`; None when anything is amiss (`_sre` validates it)."""
    try:
        words = array(WORD, a2b(code["code"])).tolist()
        if not 0 <= groups <= len(words):  # each group takes words of code: a damaged entry
            return None
        indexgroup: list[str | None] = [None] * (groups + 1)
        for name, index in names.items():
            indexgroup[index] = name
        return _sre.compile(pattern, code["flags"], words, groups, dict(names), tuple(indexgroup))
    except (TypeError, ValueError, RuntimeError, OverflowError, KeyError, IndexError, AttributeError, binascii.Error):
        return None


def b2a(words: array) -> str:
    return binascii.b2a_base64(words.tobytes(), newline=False).decode("ascii")


def a2b(text: str) -> bytes:
    return binascii.a2b_base64(text)


def char_class(chars) -> str:
    """A regex character class of `chars`, consecutive code points written as ranges (a
    class of hundreds of single characters is slow to compile)."""
    codes = sorted(ord(c) for c in chars)
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"
