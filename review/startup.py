"""The regular expressions that modules compile when they are imported (PyYAML's reader,
constructor and resolver; document/ and kinds/; gettext for argparse): about 13 ms of every
hook run, spent parsing and compiling the same sixty patterns. `preload` makes them from the
code an earlier run cached and puts them in `re`'s own cache before those modules are
imported, so their `re.compile` finds them there; `remember` caches the code of what the
imports compiled when it is not all cached yet (after an install or an upgrade).

`re`'s cache is CPython's: a dict keyed by (type, pattern, flags) in 3.11 to 3.13. Should it
be anything else, nothing is preloaded and the modules compile as they always did. An entry
is keyed by the pattern itself, so a module that changes a pattern just compiles it."""

from __future__ import annotations

import re

from . import sre_code
from .rules import cache


def _store() -> dict | None:
    store = getattr(re, "_cache", None)
    return store if isinstance(store, dict) else None


def _name() -> str:
    return cache.key(b"import-time patterns")


def preload() -> frozenset[tuple[str, int]]:
    """Put the cached patterns in `re`'s cache; the (pattern, flags) put there."""
    store = _store()
    entries = cache.get(_name()) if store is not None else None
    if store is None or not isinstance(entries, list):
        return frozenset()
    done = set()
    for entry in entries:
        try:
            pattern, flags, code = entry
            made = sre_code.make(pattern, code, code["groups"], code["names"]) if sre_code.fits(code) else None
        except (TypeError, ValueError, KeyError):
            continue
        if made is not None and isinstance(pattern, str) and isinstance(flags, int) and made.pattern == pattern:
            store[str, pattern, flags] = made
            done.add((pattern, flags))
    return frozenset(done)


def remember(preloaded: frozenset[tuple[str, int]]) -> None:
    """Cache the code of the patterns in `re`'s cache (those the imports compiled) unless
    all of them were preloaded. Costs a run after an install about 15 ms, once."""
    store = _store()
    if store is None:
        return
    found = {(p, f) for t, p, f in list(store) if t is str and isinstance(f, int) and not f & re.DEBUG}
    if found <= preloaded:
        return
    entries = []
    for pattern, flags in sorted(found):
        try:
            entries.append([pattern, flags, sre_code.of(pattern, flags)])
        except (re.error, TypeError, ValueError, OverflowError, RecursionError):
            continue
    cache.put(_name(), entries)
