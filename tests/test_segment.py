"""Word boundaries: the shortcut (no crossing dictionary word in the sentence, so jieba must
split there) decides exactly as segmenting the sentence does, and the segmentation over the
memory-mapped dictionary (review/wordfreq.py) cuts exactly as rjieba does."""

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


def rjieba_with_rule_words():
    import rjieba

    jb = rjieba.Jieba()
    for word in WORDS:
        jb.add_word(word, None, None)
    return jb


def sentences(rng: random.Random, count: int):
    """Slices of real text (the labelled corpus, the site, and the laws corpus when present),
    random characters, and both with a boundary term inserted."""
    texts = [
        CORPUS.read_text(encoding="utf-8"),
        *(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")),
    ]
    laws = ROOT.parent / "shared" / "corpus" / "laws"
    texts += [p.read_text(encoding="utf-8") for p in sorted(laws.rglob("*.md"))[:300]] if laws.is_dir() else []
    alphabet = "".join(texts[0][:400]) + "abcXYZ019，。、；：？！“”（）《》—…· \t\n　.-+#&_%/()<>'\"ＡＢ１２😀é"
    for _ in range(count):
        if rng.random() < 0.7:
            text = rng.choice(texts)
            a = rng.randrange(max(1, len(text) - 120))
            s = text[a : a + rng.randint(1, 120)]
        else:
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        if rng.random() < 0.5:
            k = rng.randrange(len(s) + 1)
            s = s[:k] + rng.choice(TERMS) + s[k:]
        yield s


@pytest.mark.slow  # jieba's dictionary built twice (rjieba's and the file), 20,000 sentences
def test_cuts_are_rjiebas(tmp_path):
    from review import wordfreq
    from review.segment import _dictionary_path

    words = wordfreq.load(_dictionary_path(), WORDS, str(tmp_path))
    assert isinstance(words, wordfreq.Mapped)  # the file, not the in-memory fallback
    jb = rjieba_with_rule_words()
    for s in sentences(random.Random(7), 20000):
        assert wordfreq.cut(words, s) == list(jb.cut(s, False)), s


def test_the_file_is_made_once_and_a_damaged_one_is_remade(tmp_path):
    from review import wordfreq

    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("提交 300 v\n交待 200 v\n审议 400 v\n待 50 v\n", encoding="utf-8")
    words = wordfreq.load(str(dictionary), ("交代",), str(tmp_path / "cache"))
    assert isinstance(words, wordfreq.Mapped)
    assert wordfreq.cut(words, "提交待审议的议案") == ["提交", "待", "审议", "的", "议", "案"]
    assert words.lookup("交代")[0] is not None and words.lookup("提")[1] is True
    (made,) = (tmp_path / "cache").glob("*.words")
    made.write_bytes(made.read_bytes()[:-5])  # truncated: another process was killed writing it
    again = wordfreq.load(str(dictionary), ("交代",), str(tmp_path / "cache"))
    assert isinstance(again, wordfreq.Mapped) and wordfreq.cut(again, "提交待审议") == ["提交", "待", "审议"]


@pytest.mark.slow  # jieba's dictionary built twice
def test_a_rule_word_with_a_tab_or_line_break_is_counted_not_written(tmp_path):
    """Such a word cannot stand in a block jieba cuts, but its frequency is in the total."""
    import rjieba

    from review import wordfreq
    from review.segment import _dictionary_path

    added = ("𠀀\tx", "a\nb", "审议案")
    words = wordfreq.load(_dictionary_path(), added, str(tmp_path))
    assert isinstance(words, wordfreq.Mapped)
    jb = rjieba.Jieba()
    for word in added:
        jb.add_word(word, None, None)
    for sentence in ("𠀀提交待审议案", "提交待审议", "a\nb审议", "𠀀\tx 提交"):
        assert wordfreq.cut(words, sentence) == list(jb.cut(sentence, False)), sentence
