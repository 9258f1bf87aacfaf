"""The 1,000-rule prh dictionary that bench/hook.py gives textlint + prh, and the same
1,000 terms for the bare Aho-Corasick baseline.

    python bench/textlint/prh_dict.py OUT.yml [--rules 1000]

Deterministic: the lexicon terms of the default packs (review/packs/*.yaml, `terms:` of
lexicon rules whose terms carry a suggestion), taken round-robin over the rules so that no
single large rule (the 1,180 mixed-pinyin forms) fills the dictionary alone, then padded
with generated two-to-four-character terms (fixed seed) when the packs have fewer.
"""

from __future__ import annotations

import argparse
import json
import random
from itertools import zip_longest
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
PACKS = ROOT / "review" / "packs"


def pack_pairs() -> list[tuple[str, str]]:
    """(term, suggestion) of every lexicon rule with suggestions, rules interleaved."""
    per_rule: list[list[tuple[str, str]]] = []
    for pack in sorted(PACKS.glob("*.yaml")):
        data = yaml.safe_load(pack.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            terms = rule.get("terms")
            if rule.get("kind") != "lexicon" or not isinstance(terms, dict):
                continue
            pairs = [(str(k), str(v)) for k, v in terms.items() if isinstance(v, str) and v and str(k) != v]
            if pairs:
                per_rule.append(pairs)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in zip_longest(*per_rule):
        for pair in row:
            if pair is not None and pair[0] not in seen:
                seen.add(pair[0])
                out.append(pair)
    return out


def pairs(count: int = 1000, seed: int = 13) -> list[tuple[str, str]]:
    chosen = pack_pairs()[:count]
    rng = random.Random(seed)
    seen = {t for t, _ in chosen}
    while len(chosen) < count:
        term = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4)))
        if term not in seen:
            seen.add(term)
            chosen.append((term, term[::-1]))
    return chosen


def write_prh(path: Path, chosen: list[tuple[str, str]]) -> None:
    # JSON strings are valid YAML scalars: no quoting surprises with full-width marks.
    lines = ["version: 1", "rules:"]
    for term, suggestion in chosen:
        lines += [f"  - expected: {json.dumps(suggestion, ensure_ascii=False)}"]
        lines += [f"    pattern: {json.dumps(term, ensure_ascii=False)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_textlintrc(path: Path, prh_yml: Path) -> None:
    path.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh_yml)]}}}, indent=2) + "\n", encoding="utf-8")


def write_term_list(path: Path, chosen: list[tuple[str, str]]) -> None:
    """The terms in the lexicon-pack layout bench/review_bench.py's BARE_HOOK reads."""
    lines = ["terms:", *(f"      - {t}" for t, _ in chosen)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--rules", type=int, default=1000)
    args = ap.parse_args()
    chosen = pairs(args.rules)
    write_prh(args.out, chosen)
    print(f"{args.out}: {len(chosen)} rules ({min(len(pack_pairs()), args.rules)} from the packs)")


if __name__ == "__main__":
    main()
