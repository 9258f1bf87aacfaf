"""The shared candidate scan gives exactly what each rule's own scan gives."""

import pytest
from hypothesis import given, settings
from test_properties import CORPUS, EXAMPLES, ROOT, texts

from review.api import load_rules
from review.document.markdown import parse
from review.kinds import KINDS
from review.kinds import _dispatch as dispatch
from review.kinds._regex import analyze

RULES = [r for r in load_rules(ROOT).all if r.kind in ("pattern", "checksum")]
SPLITS = [dispatch.split([r for r in RULES if r.kind == kind], KINDS[kind].hit) for kind in ("pattern", "checksum")]
GROUPS = [g for groups, headed, _ in SPLITS for g in [*groups, *headed]]
ALONE = [r for _, _, alone in SPLITS for r in alone]
DISPATCHED = [r for groups, _, _ in SPLITS for g in groups for rules in g.by_char.values() for r in rules]
HEADED = [r for _, headed, _ in SPLITS for g in headed for r in g.rules]


def key(h):
    return (h.rule.id, h.start, h.end, h.suggestion)


def compare(text):
    doc = parse("x.md", text)
    shared = sorted(key(h) for g in GROUPS for h in g.hits(doc))
    covered = {r.id: r for r in DISPATCHED + HEADED}.values()
    alone = sorted(key(h) for r in covered for h in KINDS[r.kind].hits(r, doc))
    assert shared == alone


def test_most_punctuation_rules_are_dispatched():
    assert len(DISPATCHED) >= 10 and ALONE


def test_rules_led_by_words_share_one_automaton():
    headed = {r.id for r in HEADED}
    assert {"residue/download-site-notice", "secrecy/classification-mark", "typo/jie-zhi"} <= headed
    assert "privacy/resident-id-number" not in headed  # led by one digit: re scans for it as fast


def test_seed_document():
    compare(CORPUS.read_text(encoding="utf-8"))


@pytest.mark.properties
@settings(max_examples=min(1500, EXAMPLES), deadline=None, derandomize=True, database=None)
@given(texts)
def test_same_hits_as_each_rule_alone(text):
    compare(text)


PREFIXED = [r for r in RULES if r.options["pattern"].starts is not None]


def compare_prefixed(text):
    """A rule tried only where one of its literal prefixes stands finds what finditer finds."""
    doc = parse("x.md", text)
    for rule in PREFIXED:
        view, regex = doc.views[rule.scope], rule.options["pattern"]
        plain = [key(h) for m in regex.finditer(view) if (h := KINDS[rule.kind].hit(rule, view, m)) is not None]
        assert [key(h) for h in KINDS[rule.kind].hits(rule, doc)] == plain, rule.id


def test_prefixed_rules_are_tried_at_their_prefixes():
    assert {"typography/bracketed-number-punctuation", "secrecy/classification-mark"} <= {r.id for r in PREFIXED}
    compare_prefixed(CORPUS.read_text(encoding="utf-8"))
    # dense candidates: the scan falls back to finditer
    compare_prefixed("（一）、" * 500 + "机密★一年" + " 内 部 资 料" * 300)


@pytest.mark.properties
@settings(max_examples=min(1500, EXAMPLES), deadline=None, derandomize=True, database=None)
@given(texts)
def test_prefixed_scan_is_finditer(text):
    compare_prefixed(text)


def literal_prefixes(pattern: str) -> set[str] | None:
    first = analyze(pattern, "pattern")["first"]
    return set(first) if first is not None else None


def test_literal_prefixes():
    assert literal_prefixes(r"总书记(?<!习近平总书记)") == {"总书记"}
    assert literal_prefixes(r"[绝机秘]密") == {"绝密", "机密", "秘密"}
    assert literal_prefixes(r"a|b*") is None
    assert literal_prefixes(r"(?i)abc") is None


def test_literal_prefixes_of_scoped_case_folding():
    assert literal_prefixes(r"(?i:abc)d") is None
    assert literal_prefixes(r"ab(?i:c)") == {"ab"}


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"(?:会(?!议(?!事)))", {"会"}),
        (r"[０-９][０-９]*", set("０１２３４５６７８９")),
        (r"a?b", {"a", "b"}),
        (r"(a|)c", {"a", "c"}),
        (r"(?<=x)y", {"y"}),
        (r"a*", None),  # can match the empty string: anywhere
        (r"\d+", None),  # a category: too many characters
        (r"[^a]b", None),
        (r"(?i)abc", None),
        (r"(?i:a)b", None),
    ],
)
def test_first_characters(pattern, chars):

    got = analyze(pattern, "pattern")["chars"]
    assert (set(got) if got is not None else None) == chars


@pytest.mark.properties
@settings(max_examples=min(1500, EXAMPLES), deadline=None, derandomize=True, database=None)
@given(texts)
def test_every_match_starts_as_the_prefilters_say(text):
    """A rule is skipped on a page when the page lacks its first characters or literal
    prefixes: no match of any pack pattern may start elsewhere."""
    for rule in RULES:
        regex = rule.options["pattern"]
        for m in regex.finditer(text):
            if m.end() == m.start():
                continue
            if regex.chars is not None:
                assert text[m.start()] in regex.chars, (rule.id, m.group())
            if regex.first is not None:
                assert any(text.startswith(p, m.start()) for p in regex.first), (rule.id, m.group())
            if regex.heads is not None:
                assert any(text.startswith(p, m.start()) for p in regex.heads), (rule.id, m.group())


def test_patterns_made_from_cached_code_are_what_re_compiles():
    import re

    seed = CORPUS.read_text(encoding="utf-8")
    for rule in RULES:
        regex = rule.options["pattern"]
        made, fresh = regex._from_code(), re.compile(regex.pattern, regex.flags)
        assert made is not None, rule.id
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )
        assert [m.span() for m in made.finditer(seed)] == [m.span() for m in fresh.finditer(seed)], rule.id


def test_code_that_sre_refuses_falls_back_to_compiling():
    from array import array

    from review.kinds._regex import RegexCompiler, analyze
    from review.sre_code import WORD, b2a

    facts = analyze(r"第[一二三]条", "pattern")
    facts["code"]["code"] = b2a(array(WORD, [999999, 1, 2, 3]))  # not SRE code: a damaged or tampered entry
    regex = RegexCompiler({"0:第[一二三]条": facts})(r"第[一二三]条", "pattern")
    assert regex._from_code() is None
    assert [m.group() for m in regex.finditer("第二条、第四条、第三条")] == ["第二条", "第三条"]


def test_scopes_with_the_same_view_share_one_scan():
    """A page whose views are the same text scans once for the rules of all their scopes:
    the hits are those of each scope's own group."""
    matcher = dispatch.compile_regex([r for r in RULES if r.kind == "pattern"], KINDS["pattern"].hit)
    plain = "# 标题\n\n学习dang的建设, 机密★一年。<b>x</b>\u200b内容(一)、\n"
    linked = plain + "见[链接](http://a.example/x.md)。\n"
    for text in (plain, linked, CORPUS.read_text(encoding="utf-8")):
        doc = parse("x.md", text)
        merged = sorted(key(h) for h in matcher.hits(doc, None))
        separate = [key(h) for g in matcher.groups + matcher.headed for h in g.hits(doc)]
        separate += [key(h) for r in matcher.alone for h in KINDS[r.kind].hits(r, doc)]
        assert merged == sorted(separate)
    assert any(len(k) > 1 for k in matcher.merged)  # the plain page did share a scan
