"""Word boundaries: the shortcut (no crossing dictionary word in the sentence, so jieba must
split there) decides exactly as segmenting the sentence with jieba does."""

import random

import pytest
from test_properties import CORPUS, ROOT

from review.api import load_rules
from review.segment import Segmenter, crossing_words

MATCHER = load_rules(ROOT).ruleset("x.md").matcher
WORDS, TERMS = MATCHER.segmenter._words, tuple(sorted(MATCHER.segmenter._terms))


def test_crossing_words_cover_both_edges():
    found = {tuple(x) for x in crossing_words(["交待"], ["提交", "待遇", "交待问题", "交通", "交", "提交待"])["交待"]}
    assert found == {(-1, "提交"), (1, "待遇"), (0, "交待问题"), (-1, "提交待")}


@pytest.mark.slow  # 5,000 sentences, and jieba's dictionary loaded
def test_shortcut_agrees_with_full_segmentation():
    rng = random.Random(5)
    text = CORPUS.read_text(encoding="utf-8").replace("dang", "党")
    text += "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md")))
    fast, full = Segmenter(WORDS, TERMS), Segmenter(WORDS, TERMS, shortcut=False)
    decided_fast = 0
    for _ in range(5000):
        term = rng.choice(TERMS)
        a, b = rng.randrange(len(text) - 40), rng.randrange(len(text) - 40)
        left, right = text[a : a + rng.randint(0, 12)], text[b : b + rng.randint(0, 12)]
        sentence = left + term + right
        start, end = len(left), len(left) + len(term)
        segmented = len(fast._cache)
        assert fast.is_word(sentence, start, end) == full.is_word(sentence, start, end), sentence
        decided_fast += len(fast._cache) == segmented  # the shortcut answered, jieba was not asked
    for term in TERMS:  # and in sentences where a crossing word stands over the term's edge
        for offset, word in (fast._crossing_for(term) or [])[:30]:
            chars = list("的" * 20)
            chars[10 : 10 + len(term)] = term
            chars[10 + offset : 10 + offset + len(word)] = word
            sentence = "".join(chars)
            assert sentence[10 : 10 + len(term)] == term
            assert not fast.is_word(sentence, 10, 10 + len(term)) or full.is_word(sentence, 10, 10 + len(term)), (
                sentence
            )
    assert decided_fast > 1000, decided_fast
