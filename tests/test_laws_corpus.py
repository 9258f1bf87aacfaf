"""The default packs on real official text (../shared/corpus/laws: 640 published laws,
regulations and judicial interpretations), by running the real `review` command:

- no error-level finding at all (the texts have no front matter: metadata rules are left out);
- every finding is in the reviewed baseline tests/fixtures/laws-baseline.json, and every
  baseline finding is still found: a new rule or term that fires on correct statute text, or a
  guard that stops finding a genuine defect, is a visible change;
- the safe fixes (`review --diff`) are exactly the reviewed edits of
  tests/fixtures/laws-safe-fixes.json: a fix that would change correct statute text fails here.

Skipped, with the reason, where ../shared is absent (a newcomer's clone); CI has it.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import laws  # noqa: E402  (bench/laws.py)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not laws.CORPUS.is_dir(), reason=f"{laws.CORPUS} is absent: the real-text corpus lives in ../shared (CI has it)"
    ),
]


@pytest.fixture(scope="module")
def found() -> list[dict]:
    return laws.findings()


def test_corpus_is_the_expected_one():
    assert len(laws.texts(laws.CORPUS)) >= 600


def test_no_error_level_finding(found):
    errors = [laws.key(f) for f in found if f["severity"] == "error"]
    assert errors == [], f"{len(errors)} error-level findings on correct statute text: {errors[:10]}"


def test_findings_are_the_reviewed_baseline(found):
    got, accepted = Counter(laws.key(f) for f in found), laws.load_baseline()
    new, gone = sorted((got - accepted).elements()), sorted((accepted - got).elements())
    assert not new and not gone, (
        f"new findings (judge each: a false alarm on statute text, or a genuine defect to add with "
        f"python bench/laws.py --write-baseline): {new[:15]}; no longer found: {gone[:15]}"
    )


def test_judged_false_alarms_are_few_per_rule(found):
    """Precision of each warning rule on the corpus stays at least 0.9."""
    judged = {tuple(fa[:4]) for fa in laws.FALSE_ALARMS}
    per_rule = Counter(f["rule"] for f in found if f["severity"] == "warning")
    wrong = Counter(f["rule"] for f in found if laws.key(f) in judged)
    low = {r: round(1 - wrong[r] / n, 2) for r, n in per_rule.items() if 1 - wrong[r] / n < 0.9}
    assert not low, low


def test_safe_fixes_are_the_reviewed_ones():
    reviewed = [list(e) for e in laws.json.loads(laws.SAFE_FIXES.read_text(encoding="utf-8"))["edits"]]
    edits = laws.safe_edits()
    new = [e for e in edits if e not in reviewed]
    gone = [e for e in reviewed if e not in edits]
    assert not new and not gone, (
        f"safe fixes changed: a fix that edits correct statute text is not safe. new: {new[:15]}; gone: {gone[:15]}"
    )


def test_safe_fixes_touch_only_punctuation():
    """What the reviewed diff holds: half-width marks made full-width, nested titles 〈〉, ○ as 〇.
    No word of a statute is changed by a safe fix."""
    allowed = {(":", "："), ("(", "（"), (")", "）"), (",", "，"), (";", "；"), ("<", "〈"), (">", "〉"), ("○", "〇")}
    edits = laws.json.loads(laws.SAFE_FIXES.read_text(encoding="utf-8"))["edits"]
    # Removing an invisible format character (U+200B in a few texts) changes nothing a reader sees.
    invisible = {
        (old, new) for _, _, old, new in edits if not new and all(unicodedata.category(c) == "Cf" for c in old)
    }
    assert {(old, new) for _, _, old, new in edits} - invisible <= allowed
