"""One scan for the many regex rules that start with a rare character (`,` `:` `(` `"`
`*` `<` …): a single character-class search finds every candidate position in a view, and
each rule is tried only there with `match`. Each rule otherwise scans the whole page on its
own; in clean Chinese text these characters are rare, so that is most of the regex time.
Results are exactly those of `finditer` (leftmost, non-overlapping, per rule)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Hit, Rule
from . import checksum, pattern

MATCHERS = {"pattern": pattern.hit, "checksum": checksum.hit}
# Marks that are common in Chinese text: a rule starting with one gains nothing here.
COMMON = set("，。、；：！？“”‘’（）《》【】…—")


def rare(ch: str) -> bool:
    return (ch.isascii() and not ch.isalnum() and not ch.isspace()) or (
        not ch.isalnum() and ch not in COMMON and not ch.isspace())


@dataclass(frozen=True)
class Dispatch:
    scope: str
    scan: re.Pattern
    by_char: dict  # first character -> rules starting with it

    def hits(self, doc) -> list[Hit]:
        view = doc.views[self.scope]
        last_end: dict[str, int] = {}
        out: list[Hit] = []
        for candidate in self.scan.finditer(view):
            pos = candidate.start()
            for rule in self.by_char[candidate.group()]:
                if pos < last_end.get(rule.id, 0):
                    continue
                m = rule.options["pattern"].match(view, pos)
                if m is None or m.end() == pos:
                    continue
                last_end[rule.id] = m.end()
                h = MATCHERS[rule.kind](rule, view, m)
                if h is not None:
                    out.append(h)
        return out


def split(rules: list[Rule]) -> tuple[list[Dispatch], list[Rule]]:
    """Dispatch groups (one per scope) and the rules that must scan on their own."""
    by_scope: dict[str, dict[str, list[Rule]]] = {}
    alone = []
    for rule in rules:
        prefixes = rule.options.get("first")
        firsts = {p[0] for p in prefixes} if prefixes else None
        if rule.kind in MATCHERS and firsts and all(rare(c) for c in firsts):
            for c in firsts:
                by_scope.setdefault(rule.scope, {}).setdefault(c, []).append(rule)
        else:
            alone.append(rule)
    groups = [Dispatch(scope, re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]"), chars)
              for scope, chars in by_scope.items()]
    return groups, alone
