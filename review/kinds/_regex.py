"""Compiling rule regexes, refusing the ones that can backtrack catastrophically."""

from __future__ import annotations

import re

# `re`'s own parser (Python 3.11+; the project requires it): the tree a pattern parses to.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import TypeGuard

from .. import sre_code

REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}


# A pattern with 2 to STARTS_MAX literal prefixes is tried where `str.find` finds one (a
# memchr-like search per prefix): `re` tests its start-of-match class at every character,
# several times slower. One prefix `re` already searches for that way; beyond six, the
# passes cost more (the laws corpus, bench/memory.py). A candidate every DENSE characters or
# more often: `re`'s own scan is cheaper than trying each one from Python.
STARTS_MAX = 6
DENSE = 32


class Regex:
    """A rule's pattern: checked when its pack is loaded, made on first use from the code
    cached with the pack. A hook run parses no pattern, and makes those of the shared scans
    (kinds/_dispatch.py) only where they have a candidate. `first` (up to 8 literal
    prefixes), `heads` (up to 256, each of two characters or more) and `chars` (the characters
    a match starts with) come from the parse tree and are cached with it."""

    __slots__ = (
        "_code",
        "_compiled",
        "chars",
        "first",
        "flags",
        "groupindex",
        "groups",
        "heads",
        "pattern",
        "starts",
    )

    def __init__(self, pattern: str, flags: int, facts: dict):
        self.pattern, self.flags = pattern, flags
        self.first = frozenset(facts["first"]) if facts["first"] is not None else None
        self.chars = frozenset(facts["chars"]) if facts.get("chars") else None
        self.heads = tuple(facts["heads"]) if facts.get("heads") else None
        self.starts = self.first if self.first is not None and 2 <= len(self.first) <= STARTS_MAX else None
        self.groups = facts["groups"]
        self.groupindex = dict(facts["names"])
        code = facts.get("code")
        self._code = code if sre_code.fits(code) else None
        self._compiled: re.Pattern | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Regex) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r}, {self.flags})"

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = self._from_code() or re.compile(self.pattern, self.flags)
        return self._compiled

    def _from_code(self) -> re.Pattern | None:
        """The pattern object made from the code `re` compiled the pattern to when its pack
        was loaded (cached with the pack): parsing and compiling are most of what a regex
        costs a hook run. `_sre` validates the code; if anything is amiss, None."""
        if self._code is None:
            return None
        return sre_code.make(self.pattern, self._code, self.groups, self.groupindex)

    def finditer(self, string: str, *span: int):
        return self.compiled.finditer(string, *span)

    def match(self, string: str, *span: int):
        return self.compiled.match(string, *span)

    def search(self, string: str, *span: int):
        return self.compiled.search(string, *span)


class RegexCompiler:
    """Makes the Regex objects of one pack. `known` are facts cached with the pack (for this
    version of the code, see rules/cache.py); `facts` is what to cache after loading it."""

    def __init__(self, known: dict | None = None):
        self.known = known or {}
        self.facts: dict[str, dict] = {}
        self._made: dict[str, Regex] = {}

    def __call__(self, pattern: str, key: str, flags: int = 0) -> Regex:
        """The pattern, rejecting invalid ones and nested unbounded repetition such as `(a+)+`
        or `(\\w*\\s?)*`: on a long line without a match those take exponential time."""
        name = f"{flags}:{pattern}"
        made = self._made.get(name)
        if made is None:
            cached = self.known.get(name)
            facts = cached if well_formed(cached) else analyze(pattern, key, flags)
            self.facts[name] = facts
            made = self._made[name] = Regex(pattern, flags, facts)
        return made


def well_formed(facts) -> TypeGuard[dict]:
    return (
        isinstance(facts, dict)
        and isinstance(facts.get("groups"), int)
        and isinstance(facts.get("names"), dict)
        and (facts.get("first") is None or isinstance(facts.get("first"), list))
        and (facts.get("chars") is None or isinstance(facts.get("chars"), list))
        and (facts.get("heads") is None or isinstance(facts.get("heads"), list))
    )


def analyze(pattern: str, key: str, flags: int = 0) -> dict:
    """Parse and check a pattern once: what a Regex needs without compiling it (JSON data)."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error as exc:
        raise ValueError(f"{key} 不是有效的正则表达式：{exc}", key) from None
    if _nested_unbounded(tree, False):
        raise ValueError(f"{key} 含有嵌套的无界重复（如 (a+)+），可能导致灾难性回溯，请改写", key)
    try:
        # Compiled from a tree nothing else has read (compiling consumes it); the compiler
        # refuses what the parser lets through (a variable-width look-behind).
        code = sre_code.of(pattern, flags)
    except re.error as exc:
        raise ValueError(f"{key} 不是有效的正则表达式：{exc}", key) from None
    caseless = (flags | tree.state.flags) & re.IGNORECASE  # (?i) written in the pattern too
    first = None if caseless else _literal_prefixes(tree)
    chars = None if caseless else _first_chars(tree)
    heads = None if caseless else _heads(tree)
    return {
        "first": sorted(first) if first is not None else None,
        "chars": sorted(chars) if chars is not None else None,
        "heads": sorted(heads) if heads is not None else None,
        "groups": tree.state.groups - 1,
        "names": dict(tree.state.groupdict),
        "code": code,
    }


def _nested_unbounded(parsed, inside: bool) -> bool:
    for op, arg in parsed:
        if op in REPEATS:
            _, high, sub = arg
            unbounded = high == sre_constants.MAXREPEAT
            if unbounded and inside and _can_vary(sub):
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op is sre_constants.SUBPATTERN and _nested_unbounded(arg[-1], inside):
            return True
        elif op is sre_constants.BRANCH and any(_nested_unbounded(branch, inside) for branch in arg[1]):
            return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nested_unbounded(arg[1], inside):
            return True
    return False


def _can_vary(sub) -> bool:
    return sub.getwidth()[1] > 0


PREFILTER_MAX = 8  # beyond this many alternatives, `re`'s own scan is as quick
HEADS_MAX = 256  # words one automaton looks for at once, for the rules of a view
PREFIX_LEN = 6  # long enough to be selective, short enough to stay exact


def _literal_prefixes(tree, cap: int = PREFILTER_MAX) -> frozenset[str] | None:
    """Strings one of which every match starts with, when there are at most `cap` of them
    (else None)."""
    found = _prefixes(list(tree), {""}, cap)
    if not found or "" in found or len(found) > cap:
        return None
    return frozenset(found)


def _heads(tree) -> frozenset[str] | None:
    """Literal prefixes for a shared Aho-Corasick scan (kinds/_dispatch.py): up to HEADS_MAX
    of them, each two characters or more (one character is no better than `re`'s scan)."""
    found = _literal_prefixes(tree, HEADS_MAX)
    return found if found is not None and min(map(len, found)) >= 2 else None


CHARS_MAX = 512  # enough for the invisible characters; beyond, a class is no longer rare


def _first_chars(tree) -> frozenset[str] | None:
    """The characters one of which every match starts with, when there are at most
    CHARS_MAX of them (None when a match may start with any character, or be empty)."""
    found, nullable = _seq_first(list(tree))
    if found is None or nullable or not found or len(found) > CHARS_MAX:
        return None
    return frozenset(found)


def _seq_first(items) -> tuple[set[str] | None, bool]:
    """(possible first characters, whether the sequence can match the empty string)."""
    c = sre_constants
    out: set[str] = set()
    for op, arg in items:
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item gives the first character
        got: set[str] | None
        if op is c.LITERAL:
            got, nullable = {chr(arg)}, False
        elif op is c.IN:
            got, nullable = _class_chars(arg), False
        elif op is c.SUBPATTERN:
            if arg[1] & re.IGNORECASE:  # (?i:...): either case
                return None, False
            got, nullable = _seq_first(list(arg[-1]))
        elif op is c.ATOMIC_GROUP:
            got, nullable = _seq_first(list(arg))
        elif op is c.BRANCH:
            union: set[str] = set()
            nullable = False
            for branch in arg[1]:
                sub, empty = _seq_first(list(branch))
                if sub is None:
                    return None, False
                union |= sub
                nullable = nullable or empty
            got = union
        elif op in REPEATS:
            got, nullable = _seq_first(list(arg[2]))
            nullable = nullable or arg[0] == 0
        else:  # any character, a category, a negated literal, a group reference
            return None, False
        if got is None or len(out | got) > CHARS_MAX:
            return None, False
        out |= got
        if not nullable:
            return out, False
    return out, True


def _class_chars(items) -> set[str] | None:
    c = sre_constants
    chars: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE and arg[1] - arg[0] < CHARS_MAX:
            chars.update(chr(x) for x in range(arg[0], arg[1] + 1))
        else:  # a negated class, a category (\d, \w), a wide range
            return None
    return chars


def _prefixes(items, acc: set[str], cap: int = PREFILTER_MAX) -> set[str] | None:
    """Extend every string of `acc` by what the items must match next; stop at the first
    item that is not literal enough (the strings found so far are still prefixes), or when
    there would be more than `cap` of them."""
    c = sre_constants
    for op, arg in items:
        if len(acc) > cap or min(map(len, acc)) >= PREFIX_LEN:
            return acc
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.LITERAL:
            acc = {a + chr(arg) for a in acc}
        elif op is c.IN:
            chars = []
            for item_op, item in arg:
                if item_op is c.LITERAL:
                    chars.append(chr(item))
                elif item_op is c.RANGE and item[1] - item[0] < cap:
                    chars += [chr(x) for x in range(item[0], item[1] + 1)]
                else:
                    return acc
            if len(acc) * len(chars) > cap:
                return acc
            acc = {a + ch for a in acc for ch in chars}
        elif op is c.SUBPATTERN and arg[1] & re.IGNORECASE:
            return acc  # (?i:...): either case, no longer literal
        elif op is c.SUBPATTERN and arg[-1].getwidth()[0] > 0:
            return _prefixes(list(arg[-1]), acc, cap)
        elif op is c.BRANCH and all(b.getwidth()[0] > 0 for b in arg[1]):
            out: set[str] = set()
            for branch in arg[1]:
                got = _prefixes(list(branch), acc, cap)
                if got is None or got == acc:
                    return acc  # a branch with no literal start: only `acc` is certain
                out |= got
            return out
        elif op in REPEATS and arg[0] > 0:
            return _prefixes(list(arg[2]), acc, cap)
        else:
            return acc
    return acc


def scan(rule, doc, hit) -> list:
    """Every hit of a regex-based rule in its view; `hit(rule, view, match)` turns a match
    into a Hit or None."""
    view = doc.views[rule.scope]
    regex = rule.options["pattern"]
    matches = regex.finditer(view) if regex.starts is None else _finditer_at_prefixes(regex, view)
    return [h for m in matches if (h := hit(rule, view, m)) is not None]


def _finditer_at_prefixes(regex: Regex, view: str):
    """What `finditer` yields (leftmost, non-overlapping), trying the pattern only where one
    of its literal prefixes stands; every match starts with one, and none is empty."""
    found: list[int] = []
    for prefix in regex.starts or ():
        i = view.find(prefix)
        while i >= 0:
            found.append(i)
            i = view.find(prefix, i + 1)
        if len(found) * DENSE > len(view):
            return regex.finditer(view)
    return matches_at(regex.compiled, view, sorted(set(found)))


def matches_at(compiled: re.Pattern, view: str, positions: list[int]):
    last = 0
    for pos in positions:
        if pos < last:
            continue
        m = compiled.match(view, pos)
        if m is not None and m.end() > pos:
            last = m.end()
            yield m
