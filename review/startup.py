"""The regular expressions that modules compile when they are imported (PyYAML's reader,
constructor and resolver; document/ and kinds/; gettext for argparse): about 13 ms of every
hook run, spent parsing and compiling the same sixty patterns. `preload` makes them from the
code an earlier run cached and puts them in `re`'s own cache before those modules are
imported, so their `re.compile` finds them there; `remember`, right after the imports,
caches the code of those that were not preloaded (after an install or an upgrade). What a
run compiles later is left out: the rules' own patterns are cached with their packs, and
each pattern made at start-up costs a run about 30 µs whether it is used or not.

`re`'s cache is CPython's: a dict keyed by (type, pattern, flags) in 3.11 to 3.13. Should it
be anything else, nothing is preloaded and the modules compile as they always did. An entry
is keyed by the pattern itself, so a module that changes a pattern just compiles it."""

from __future__ import annotations

import re
from typing import NamedTuple

from . import sre_code
from .rules import cache

MAX_ENTRIES = 512  # `re` keeps as many


def _store() -> dict | None:
    store = getattr(re, "_cache", None)
    return store if isinstance(store, dict) else None


def _name() -> str:
    return cache.key(b"import-time patterns")


class Preloaded(NamedTuple):
    patterns: frozenset[tuple[str, int]]  # (pattern, flags) put in `re`'s cache
    entries: tuple[list, ...] = ()  # the cached entries they were made from


def preload() -> Preloaded:
    """Put the cached patterns in `re`'s cache."""
    store = _store()
    entries = cache.get(_name()) if store is not None else None
    if store is None or not isinstance(entries, list):
        return Preloaded(frozenset())
    done, kept = set(), []
    for entry in entries:
        try:
            pattern, flags, code = entry
            made = sre_code.make(pattern, code, code["groups"], code["names"]) if sre_code.fits(code) else None
        except (TypeError, ValueError, KeyError):
            continue
        if made is not None and isinstance(pattern, str) and isinstance(flags, int) and made.pattern == pattern:
            store[str, pattern, flags] = made
            done.add((pattern, flags))
            kept.append(entry)
    return Preloaded(frozenset(done), tuple(kept))


def remember(preloaded: Preloaded) -> None:
    """Cache the code of the patterns in `re`'s cache that were not preloaded, with those that
    were: a process that compiled something else adds to the entry instead of replacing it.
    Costs the first run after an install about 15 ms."""
    store = _store()
    if store is None:
        return
    found = {(p, f) for t, p, f in list(store) if t is str and isinstance(f, int) and not f & re.DEBUG}
    new = found - preloaded.patterns
    if not new or len(preloaded.entries) >= MAX_ENTRIES:
        return
    entries = list(preloaded.entries)
    for pattern, flags in sorted(new):
        try:
            pattern.encode("utf-8")  # a lone surrogate cannot be written to the cache
            entries.append([pattern, flags, sre_code.of(pattern, flags)])
        except (re.error, TypeError, ValueError, OverflowError, RecursionError):
            continue
    cache.put(_name(), entries[:MAX_ENTRIES])
