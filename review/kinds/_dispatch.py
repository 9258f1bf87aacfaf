"""Shared scans for the regex rules of a view, so that most rules never scan a page on
their own (a pass of `re` over a page per rule was most of the regex time):

- rules that start with a rare character (`,` `:` `(` `"` `*` `<` …): a single
  character-class search finds every candidate position (Dispatch);
- rules whose matches start with one of a few hundred words of two characters or more
  (本站提示, 机密, 截止): one Aho-Corasick scan finds where any of them stands (Headed).

Each rule is tried only at its candidates, with `match`. Results are exactly those of
`finditer` (leftmost, non-overlapping, per rule)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..model import Hit, Rule
from ..sre_code import char_class
from ._automaton import Automaton
from ._regex import matches_at
from ._regex import scan as scan_alone

# A regex kind's `hit(rule, view, match)`: the match as a Hit, or None when a guard rejects it.
HitFn = Callable[[Rule, str, "re.Match[str]"], Hit | None]
# Marks that are common in Chinese text: a rule starting with one gains nothing here.
COMMON = set("，。、；：！？“”‘’（）《》【】…—")


def rare(ch: str) -> bool:
    """Rare in Chinese text: anything but its ideographs, ASCII letters and digits, its
    common punctuation, and the ASCII and ideographic (U+3000) spaces."""
    if ch in COMMON or ch in " \t\n\r\f\v\u3000":
        return False
    if ch.isascii():
        return not ch.isalnum()
    return not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


class Dispatch(NamedTuple):
    scope: str
    scan: re.Pattern
    by_char: dict  # first character -> rules starting with it
    hit: HitFn

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
                h = self.hit(rule, view, m)
                if h is not None:
                    out.append(h)
        return out


class Headed(NamedTuple):
    scope: str
    automaton: Automaton  # of the heads of all the rules
    owners: tuple[tuple[int, ...], ...]  # head -> indexes of the rules that start with it
    rules: tuple[Rule, ...]
    hit: HitFn

    def hits(self, doc) -> list[Hit]:
        view = doc.views[self.scope]
        starts: dict[int, list[int]] = {}
        for index, start, _end in self.automaton.find(view, overlapping=True):
            for k in self.owners[index]:
                starts.setdefault(k, []).append(start)
        out: list[Hit] = []
        for k in sorted(starts):
            rule = self.rules[k]
            for m in matches_at(rule.options["pattern"].compiled, view, sorted(set(starts[k]))):
                h = self.hit(rule, view, m)
                if h is not None:
                    out.append(h)
        return out


def split(rules: list[Rule], hit: HitFn) -> tuple[list[Dispatch], list[Headed], list[Rule]]:
    """The shared groups (per scope) of both sorts and the rules that must scan on their
    own; `rules` are of one regex kind, whose `hit` turns a match into a Hit."""
    by_scope: dict[str, dict[str, list[Rule]]] = {}
    headed: dict[str, list[Rule]] = {}
    alone = []
    for rule in rules:
        regex = rule.options["pattern"]
        firsts = regex.chars  # the characters its matches start with
        if firsts and all(rare(c) for c in firsts):
            for c in firsts:
                by_scope.setdefault(rule.scope, {}).setdefault(c, []).append(rule)
        elif regex.heads:
            headed.setdefault(rule.scope, []).append(rule)
        else:
            alone.append(rule)
    groups = [Dispatch(scope, re.compile(char_class(chars)), chars, hit) for scope, chars in by_scope.items()]
    return groups, [_headed(scope, members, hit) for scope, members in headed.items()], alone


def _headed(scope: str, rules: list[Rule], hit: HitFn) -> Headed:
    owners: dict[str, list[int]] = {}
    for k, rule in enumerate(rules):
        for head in rule.options["pattern"].heads:
            owners.setdefault(head, []).append(k)
    heads = sorted(owners)
    return Headed(scope, Automaton(heads), tuple(tuple(owners[h]) for h in heads), tuple(rules), hit)


class RegexMatcher(NamedTuple):
    """What a regex kind's `compile(rules)` returns: the shared scans, then the rest alone."""

    groups: tuple[Dispatch, ...]
    headed: tuple[Headed, ...]
    alone: tuple[Rule, ...]
    hit: HitFn
    merged: dict  # scopes -> the group of their rules, made when a page first needs it

    def hits(self, doc, segmenter) -> list[Hit]:
        out: list[Hit] = []
        for group in self._groups(doc):
            out += group.hits(doc)
        for headed in self.headed:
            out += headed.hits(doc)
        for rule in self.alone:
            out += scan_alone(rule, doc, self.hit)
        return out

    def _groups(self, doc) -> list[Dispatch] | tuple[Dispatch, ...]:
        """The groups of the page: scopes whose views are the same text (a page without
        links, URLs or markup) share one scan."""
        if len(self.groups) < 2:
            return self.groups
        same: list[list[Dispatch]] = []
        for group in self.groups:
            view = doc.views[group.scope]
            for bucket in same:
                if doc.views[bucket[0].scope] == view:
                    bucket.append(group)
                    break
            else:
                same.append([group])
        if len(same) == len(self.groups):
            return self.groups
        return [bucket[0] if len(bucket) == 1 else self._merge(bucket) for bucket in same]

    def _merge(self, bucket: list[Dispatch]) -> Dispatch:
        key = tuple(g.scope for g in bucket)
        made = self.merged.get(key)
        if made is None:
            by_char: dict[str, list[Rule]] = {}
            for group in bucket:
                for c, rules in group.by_char.items():
                    by_char.setdefault(c, []).extend(rules)
            made = self.merged[key] = Dispatch(key[0], re.compile(char_class(by_char)), by_char, self.hit)
        return made


def compile_regex(rules: list[Rule], hit: HitFn) -> RegexMatcher:
    groups, headed, alone = split(rules, hit)
    return RegexMatcher(tuple(groups), tuple(headed), tuple(alone), hit, {})
