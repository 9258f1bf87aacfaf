"""Matchers for kinds that need no batching: each rule scans the document on its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from ..model import Hit, Rule


class Matcher(Protocol):
    """What a kind's `compile(rules)` returns."""

    def hits(self, doc, segmenter) -> list[Hit]: ...


class EachRule(NamedTuple):
    rules: tuple[Rule, ...]
    scan: Callable[[Rule, object], list[Hit]]  # the kind's per-rule `hits(rule, doc)`

    def hits(self, doc, segmenter) -> list[Hit]:
        out: list[Hit] = []
        for rule in self.rules:
            out += self.scan(rule, doc)
        return out


def each_rule(rules: Sequence[Rule], scan: Callable[[Rule, object], list[Hit]]) -> EachRule:
    return EachRule(tuple(rules), scan)


class NoHits:
    """For kinds whose findings another stage produces (suppression comments)."""

    def hits(self, doc, segmenter) -> list[Hit]:
        return []
