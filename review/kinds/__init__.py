"""The rule kinds, registered once. Each kind is a module with one interface:

- `OPTIONS`: the record fields it reads;
- `check_options(options, fix, regex) -> dict`: validates them (raises ValueError); patterns
  are made with `regex` (kinds/_regex.py), which checks them now and compiles them on first use;
- `compile(rules) -> matcher`: all rules of that kind in a rule set, compiled together, whose
  `hits(doc, segmenter) -> list[Hit]` finds their matches in a parsed document.

Batching stays inside a kind: lexicon builds one Aho-Corasick automaton for all its rules,
the regex kinds share one candidate scan for rules that start with a rare mark.
Every concrete rule is data (a YAML record) naming one of these."""

from __future__ import annotations

from types import ModuleType

from . import balance, checksum, draftlink, fetch, frontmatter, lexicon, pattern, roster, suppression

KINDS: dict[str, ModuleType] = {
    "lexicon": lexicon,
    "pattern": pattern,
    "checksum": checksum,
    "balance": balance,
    "frontmatter": frontmatter,
    "suppression": suppression,
    "roster": roster,
    "fetch": fetch,
    "draftlink": draftlink,
}
