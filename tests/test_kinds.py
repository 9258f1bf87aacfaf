"""Each rule kind on the fixture pack: what fires, what stays silent, where it points."""

from engine_support import check


def rules_of(findings):
    return [(f.rule, f.text, f.suggestion) for f in findings]


def test_lexicon_in_chinese_context_any_case_and_width():
    found = rules_of(check("学习dang的建设，DANG员，ｄａｎｇ委，学习JY载体\n", "masking/test-pinyin"))
    assert found == [
        ("masking/test-pinyin", "dang", "党"),
        ("masking/test-pinyin", "DANG", "党"),
        ("masking/test-pinyin", "ｄａｎｇ", "党"),
        ("masking/test-pinyin", "JY", "教育"),
    ]


def test_lexicon_cjk_context_skips_latin_words():
    assert check("Dang Ping said dangerous things; 邓 Dangdang。\n", "masking/test-pinyin") == ()


def test_lexicon_word_boundary_uses_segmentation():
    found = rules_of(check("我们再接再励。人民代表大会召开。本次大会开幕。\n", "typo/test-words"))
    assert found == [("typo/test-words", "再接再励", "再接再厉"), ("typo/test-words", "大会", "会议")]


def test_lexicon_guards_before_and_after():
    found = rules_of(check("截止目前；截止日期；报名截止；截止时间\n", "typo/test-guarded"))
    assert found == [("typo/test-guarded", "截止", "截至")]


def test_suggest_only_fix_is_not_fixable():
    (f,) = check("截止目前\n", "typo/test-guarded")
    assert f.suggestion == "截至" and f.fixable is False


def test_tolerant_lexicon_skips_inserted_symbols_but_not_lines():
    found = check("这是坏 词*语，坏词语，ＷＷ坏-词-语\n坏\n词语\n", "sensitive/test-tolerant")
    assert [f.text for f in found] == ["坏 词*语", "坏词语", "坏-词-语"]


def test_pattern_named_hit_group_and_replacement():
    found = rules_of(check("增强四个意识，增强“四个意识”\n", "terminology/test-quotes"))
    assert found == [("terminology/test-quotes", "四个意识", "“四个意识”")]


def test_pattern_skips_english_and_code():
    assert check("a,b 学习`x,y`工作 and 1,000\n", "typography/test-comma") == ()
    assert [f.column for f in check("学习,工作\n", "typography/test-comma")] == [3]


def test_checksum_only_valid_numbers():
    text = "甲11010519491231002X乙110105194912310021丙\n"
    found = check(text, "privacy/test-id")
    assert [f.text for f in found] == ["11010519491231002X"]


def test_balance_within_paragraph():
    found = check("他说“好\n\n“完整”\n\n多余”\n", "typography/test-balance")
    assert [(f.line, f.text) for f in found] == [(1, "“"), (5, "”")]


def test_frontmatter_required_date_parse():
    assert [f.rule for f in check("# 无标题\n", "metadata")] == ["metadata/test-title"]
    (date,) = check("---\ntitle: 有\ndate: 2026-02-30\n---\n", "metadata")
    assert (date.rule, date.line, date.column, date.text) == ("metadata/test-date", 3, 7, "2026-02-30")
    (parse,) = check("---\ntitle: a\nfoo: [1,\n---\n", "metadata")
    assert parse.rule == "metadata/test-parse" and parse.line >= 3 and "YAML" in parse.message


def test_frontmatter_not_a_mapping_reported_once():
    found = check("---\n- a\n- b\n---\n正文\n", "metadata")
    assert [f.rule for f in found] == ["metadata/test-parse"]


def test_empty_file_reports_missing_title_on_line_1():
    (f,) = check("", "metadata")
    assert (f.line, f.column, f.text) == (1, 1, "")


def test_scope_urls_and_markup():
    assert [f.text for f in check("见 http://example.com/a 和[链接](http://x.cn)\n", "residue")] == [
        "http://example.com/a"
    ]
    assert [f.line for f in check("<SCRIPT>x</SCRIPT>\n`<script>`\n", "markup/test-script")] == [1]


def test_cjk_context_after_fullwidth_punctuation():
    found = check("引用：dang的建设；（JY）\n", "masking/test-pinyin")
    assert [f.text for f in found] == ["dang", "JY"]


def test_footnote_text_is_checked_and_link_definitions_are_not():
    found = check("正文[^1]\n\n[^1]: dang的说明\n[ref]: http://x.cn/dang的\n", "masking/test-pinyin")
    assert [(f.line, f.text) for f in found] == [(3, "dang")]


def test_balance_quotation_over_several_paragraphs():
    from engine_support import ROOT

    from review.api import check_text, load_rules

    rules = load_rules(ROOT)
    ok = ["讲话指出：“第一段。\n\n“第二段，到此结束。”\n", "> “引文一\n>\n> “引文二”\n"]
    for text in ok:
        assert [f.rule for f in check_text(rules, "x.md", "---\ntitle: t\n---\n" + text)] == []
    bad = "讲话指出：“第一段。\n\n第二段没有引号。\n"
    assert [f.rule for f in check_text(rules, "x.md", "---\ntitle: t\n---\n" + bad)] == ["typography/unbalanced-quotes"]


def test_balance_quick_test_never_hides_a_finding():
    """A page whose marks pair up in every paragraph skips the per-mark loop (one joint scan
    for all the rules): on random texts of marks, breaks and quote markers, the kind must
    find exactly what the per-mark loop of each rule finds, and both paths must be taken."""
    import random

    from review.document.markdown import parse
    from review.kinds import balance
    from review.kinds._regex import RegexCompiler

    def rule(name, o, c, continued):
        options = balance.check_options({"open": o, "close": c, "continued": continued}, "none", RegexCompiler())
        return type("R", (), {"id": name, "options": options, "scope": "prose"})()

    rules = [rule("p", "（", "）", True), rule("q", "“", "”", True), rule("b", "《", "》", False)]
    paired = balance.compile(rules)
    rnd = random.Random(11)
    quick = looped = 0
    for _ in range(4000):
        pieces = ["（", "）", "“", "”", "《", "》", "字", "\n", "\n\n", "\n> \n", "> "]
        doc = parse("x.md", "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16))))
        assert paired.hits(doc, None) == [h for r in rules for h in balance.hits(r, doc)], doc.text
        marks = "".join(paired.joint["prose"].findall(doc.views["prose"]))
        for r in rules:
            if balance.balanced(r.options["open"], r.options["close"], marks.translate(paired.others[r.id])):
                quick += 1
                assert balance.hits(r, doc) == [], doc.text
            else:
                looped += 1
    assert quick > 2000 and looped > 2000  # both paths were taken


def test_automata_find_the_same_after_becoming_dfas(monkeypatch, tmp_path):
    """A long run switches its automata to DFAs (kinds/_automaton.py): lexicon terms and
    roster names found on the raw work plan and on a page with names and typos must not
    change when that happens at once."""
    import shutil

    from conftest import FIXTURES

    from review import api
    from review.kinds import _automaton

    shutil.copyfile(FIXTURES / "roster.yaml", tmp_path / "roster.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.review]\nroster = "roster.yaml"\n', encoding="utf-8")
    page = "---\ntitle: 会议\ndate: 2026-03-01\n---\n\n王晓海副主任、陈立国主任出席。我们再接再励，截止目前，dang的建设。\n"
    pages = [("docs/p.md", page), ("docs/plan.md", (FIXTURES / "work-plan-2026-raw.txt").read_text(encoding="utf-8"))]
    before = [api.check_text(api.load_rules(tmp_path), p, t) for p, t in pages]
    monkeypatch.setattr(_automaton, "DFA_AFTER", 0)
    after = [api.check_text(api.load_rules(tmp_path), p, t) for p, t in pages]
    assert after == before
    rules = {f.rule for found in before for f in found}
    assert {"typo/roster-name", "masking/pinyin-substitute"} <= rules, rules
    assert any(r.startswith("typo/") and r != "typo/roster-name" for r in rules), rules


def test_automata_over_utf16_find_what_the_str_search_finds():
    """kinds/_automaton.py searches a BMP page as UTF-16 bytes and drops matches that straddle
    two characters: on random pages (with characters outside the BMP too) and for patterns of
    every kind, the matches and their order must be those of the str search."""
    import random

    import ahocorasick_rs

    from review.kinds._automaton import Automaton

    rnd = random.Random(8)
    alphabet = "学习党的建设王习近平\u5b66\u665f\u4e60a1，。\U00020000𠮷"
    built = []
    for patterns in (["学习", "习近平", "王", "的建", "a1", "党"], ["𠮷", "学"], ["\u665f\u4e60", "\u4e60\u5b66"]):
        ours, plain = Automaton(patterns), ahocorasick_rs.AhoCorasick(patterns)
        ours._build_dfas()  # as after a long run
        built.append(ours._utf16 is not None)
        for _ in range(20_000):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
            assert ours.find(text, overlapping=True) == plain.find_matches_as_indexes(text, overlapping=True), text
    assert built == [True, False, True]  # astral patterns are searched in the str


def test_a_large_lexicon_is_not_made_a_dfa():
    """A DFA takes about 1 KB of memory per byte of patterns: a site lexicon of 20,000 terms
    must stay a (four times smaller) NFA after a long run switches automata."""
    import subprocess
    import sys

    code = """
import random, resource
from review.kinds._automaton import Automaton
rnd = random.Random(1)
terms = sorted({"".join(chr(0x4e00 + rnd.randrange(3000)) for _ in range(rnd.randint(2, 4))) for _ in range(20000)})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
automaton = Automaton(terms)
automaton._build_dfas()
assert automaton.find("学习" + terms[5] + "。", overlapping=True)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""
    grew = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert grew < 60, f"{grew} MB"  # a DFA of these terms takes about 105 MB
