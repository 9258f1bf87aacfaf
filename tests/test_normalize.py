"""What a reader sees is what the guard rules see (issue 9): every trick of the class "text
the reader sees but the rules never saw", in variants of our own, through the real `review`
command with the default packs, reported by the right rule at the original characters."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review import cli
from review.api import check_published_text, load_rules
from review.document import normalize as nz
from review.document.markdown import parse

ROOT = Path(__file__).resolve().parent.parent
HEAD = "---\ntitle: 测试页\n---\n\n"

# (draft body, rule, the original text the finding must cover). One body per input; the
# finding must sit exactly on `text` where it first occurs in the body.
CASES = {
    "empty-comment-in-word": [
        ("机密<!---->★5年\n", "secrecy/classification-mark", "机密<!---->★5年"),
        ("机<!-- 注 -->密★1年\n", "secrecy/classification-mark", "机<!-- 注 -->密★1年"),
        ("说明\n\n内部<!---->资料\n", "secrecy/internal-only", "内部<!---->资料"),
        ("电话：1391234<!---->5678。\n", "privacy/mobile-number", "1391234<!---->5678"),
    ],
    "character-references": [
        ("&#26426;&#23494;★5年\n", "secrecy/classification-mark", "&#26426;&#23494;★5年"),
        ("&#x673a;密&#x2605;1年\n", "secrecy/classification-mark", "&#x673a;密&#x2605;1年"),
        ("机密&starf;长期\n", "secrecy/classification-mark", "机密&starf;长期"),
        ("电话：&#49;&#51;&#57;12345678。\n", "privacy/mobile-number", "&#49;&#51;&#57;12345678"),
    ],
    "invisible-characters": [
        ("机\u200b密★5年\n", "secrecy/classification-mark", "机\u200b密★5年"),
        ("内\u200c部资料\n", "secrecy/internal-only", "内\u200c部资料"),
        ("电话：139\u20601234\u00ad5678。\n", "privacy/mobile-number", "139\u20601234\u00ad5678"),
        ("绝\ufeff密★1年\n", "secrecy/classification-mark", "绝\ufeff密★1年"),
        ("机密\ufe0f★5年\n", "secrecy/classification-mark", "机密\ufe0f★5年"),
        ("学习d\U000e0041ang的\n", "masking/pinyin-substitute", "d\U000e0041ang"),
    ],
    "bidi-controls": [
        ("机\u202e密★5年\n", "secrecy/classification-mark", "机\u202e密★5年"),
        ("内部\u2066资料\u2069\n", "secrecy/internal-only", "内部\u2066资料"),
        ("代表身份号码：110105\u202d19491231002X。\n", "privacy/resident-id-number", "110105\u202d19491231002X"),
    ],
    "markup-splitting-a-word": [
        ("学习d**ang**的\n", "masking/pinyin-substitute", "d**ang"),
        ("机<b>密</b>★5年\n", "secrecy/classification-mark", "机<b>密</b>★5年"),
        ("内部*资料*\n", "secrecy/internal-only", "内部*资料"),
        ("卡号：6222<span>0212345678</span>90128。\n", "privacy/bank-card-number", "6222<span>0212345678</span>90128"),
        ("[机密](a.md)★5年\n", "secrecy/classification-mark", "机密](a.md)★5年"),
        ("见[内部](x.md)资料\n", "secrecy/internal-only", "内部](x.md)资料"),
    ],
    "reader-visible-attributes": [
        ('<img src="a.png" alt="机密★5年">\n', "secrecy/classification-mark", "机密★5年"),
        ('<abbr title="内部资料">说明</abbr>\n', "secrecy/internal-only", "内部资料"),
        ('[链接](a.md "电话13912345678")\n', "privacy/mobile-number", "13912345678"),
        ("<input value=机密★1年>\n", "secrecy/classification-mark", "机密★1年"),
        ('## 标题 {#x data-toc-label="绝密★长期" }\n', "secrecy/classification-mark", "绝密★长期"),
        ('<img alt="&#26426;密★5年" src="a.png">\n', "secrecy/classification-mark", "&#26426;密★5年"),
    ],
    "indented-lines-in-raw-html": [
        ('<div class="note">\n\n    机密★5年\n\n</div>\n', "secrecy/classification-mark", "机密★5年"),
        (
            "<table>\n  <tr>\n    <td>\n        电话13912345678\n    </td>\n  </tr>\n</table>\n",
            "privacy/mobile-number",
            "13912345678",
        ),
        ("<details>\n<summary>说明</summary>\n\n    内部资料\n\n</details>\n", "secrecy/internal-only", "内部资料"),
    ],
    "look-alike-letters": [
        ("学习dаng的\n", "masking/pinyin-substitute", "dаng"),  # Cyrillic а
        ("全面从严治DАNG。\n", "masking/pinyin-substitute", "DАNG"),  # Cyrillic А
        ("学习ԁang的\n", "masking/pinyin-substitute", "ԁang"),  # Cyrillic komi de
        ("学习dαng的\n", "masking/pinyin-substitute", "dαng"),  # Greek alpha
    ],
    "traditional-characters": [
        ("機密★5年\n", "secrecy/classification-mark", "機密★5年"),
        ("絕密★1年\n", "secrecy/classification-mark", "絕密★1年"),
        ("說明\n\n內部資料\n", "secrecy/internal-only", "內部資料"),
    ],
    "other-stars": [
        ("机密⭐5年\n", "secrecy/classification-mark", "机密⭐5年"),
        ("机密✩1年\n", "secrecy/classification-mark", "机密✩1年"),
        ("绝密🌟长期\n", "secrecy/classification-mark", "绝密🌟长期"),
        ("秘密✪10年\n", "secrecy/classification-mark", "秘密✪10年"),
    ],
    "padding-around-a-lone-mark": [
        ("**绝密**\n\n正文\n", "secrecy/classification-mark", "绝密"),
        ("# 绝密\n\n正文\n", "secrecy/classification-mark", "绝密"),
        ("> 机密\n\n正文\n", "secrecy/classification-mark", "机密"),
        ("\u3000\u3000秘密\u3000\n\n正文\n", "secrecy/classification-mark", "秘密"),
        ("<!-- 这一段注释足足有二十多个字，读者完全看不见它 -->内部资料\n", "secrecy/internal-only", "内部资料"),
        ("\u200b" * 25 + "不得外传\n", "secrecy/internal-only", "不得外传"),
    ],
    "digits-in-any-form": [
        ("电话：１３９１２３４５６７８。\n", "privacy/mobile-number", "１３９１２３４５６７８"),
        ("电话：١٣٩١٢٣٤٥٦٧٨。\n", "privacy/mobile-number", "١٣٩١٢٣٤٥٦٧٨"),
        ("电话：𝟏𝟑𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖。\n", "privacy/mobile-number", "𝟏𝟑𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"),
        (
            "号码：１１０１０５１９４９１２３１００２Ｘ。\n",
            "privacy/resident-id-number",
            "１１０１０５１９４９１２３１００２Ｘ",
        ),
    ],
    "numbers-with-separators-or-prefix": [
        ("电话：139.1234.5678。\n", "privacy/mobile-number", "139.1234.5678"),
        ("电话：+86 139 1234 5678。\n", "privacy/mobile-number", "139 1234 5678"),
        ("电话：0086-13912345678。\n", "privacy/mobile-number", "13912345678"),
        ("电话：（+86）139－1234－5678。\n", "privacy/mobile-number", "139－1234－5678"),
        ("电话：1 3 9 1 2 3 4 5 6 7 8。\n", "privacy/mobile-number", "1 3 9 1 2 3 4 5 6 7 8"),
        ("号码：110105 19491231 002X。\n", "privacy/resident-id-number", "110105 19491231 002X"),
        ("号码：110105.19491231.002X。\n", "privacy/resident-id-number", "110105.19491231.002X"),
    ],
}
FLAT = [(cls, *case) for cls, cases in CASES.items() for case in cases]


def review_json(tmp_path, monkeypatch, capsys, text: str, name: str = "a.md", *args: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(text.encode("utf-8"))
    code = cli.main([name, "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)["findings"] if out.strip() else []


def at(text: str, f: dict) -> str:
    """The source between (line, column) and (end_line, end_column), lines by LF or lone CR."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    return text[starts[f["line"] - 1] + f["column"] - 1 : starts[f["end_line"] - 1] + f["end_column"] - 1]


@pytest.mark.parametrize("cls, body, rule, expected", FLAT, ids=[f"{c[0]}-{i}" for i, c in enumerate(FLAT)])
def test_reader_text_is_what_the_rules_see(tmp_path, monkeypatch, capsys, cls, body, rule, expected):
    text = HEAD + body
    code, findings = review_json(tmp_path, monkeypatch, capsys, text)
    own = [f for f in findings if f["rule"] == rule]
    assert code == 1 and own, f"{cls}: {rule} not reported in {body!r}: {findings}"
    f = own[0]
    start = text.index(expected)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    assert (f["line"], f["column"], f["text"]) == (line, column, expected), f
    assert at(text, f) == f["text"]


def test_at_least_three_variants_per_class():
    assert all(len(cases) >= 3 for cases in CASES.values())


@pytest.mark.parametrize(
    "body, rule, expected",
    [c[1:] for c in FLAT if c[0] in ("empty-comment-in-word", "markup-splitting-a-word", "character-references")],
)
def test_findings_through_markup_are_never_fixed(tmp_path, monkeypatch, capsys, body, rule, expected):
    """A fix across a comment, a tag or a reference would delete markup: suggested only."""
    text = HEAD + body
    _, findings = review_json(tmp_path, monkeypatch, capsys, text)
    assert not any(f["fixable"] for f in findings if f["rule"] == rule)
    review_json(tmp_path, monkeypatch, capsys, text, "a.md", "--fix")
    assert expected in (tmp_path / "a.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "body, fixed",
    [
        ("学习\u200b党的\u200d建设\n", "学习党的建设\n"),
        ("代表\u202e名单\u202c公布，电话\ufeff请咨询。\n", "代表名单公布，电话请咨询。\n"),
        ("软\u00ad连字符与变体\ufe0f选择符\U000e0100\n", "软连字符与变体选择符\n"),
    ],
)
def test_invisible_characters_are_a_finding_with_a_safe_fix(tmp_path, monkeypatch, capsys, body, fixed):
    text = HEAD + body
    _, findings = review_json(tmp_path, monkeypatch, capsys, text)
    own = [f for f in findings if f["rule"] == "markup/invisible-character"]
    assert own and all(f["fixable"] and f["suggestion"] == "" for f in own)
    review_json(tmp_path, monkeypatch, capsys, text, "a.md", "--fix")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == HEAD + fixed
    _, again = review_json(tmp_path, monkeypatch, capsys, HEAD + fixed)
    assert not [f for f in again if f["rule"] == "markup/invisible-character"]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_line_endings_cr_only_included(tmp_path, monkeypatch, capsys, ending):
    """Positions by line hold for CR-only files, and --fix keeps their line endings."""
    text = ending.join(["---", "title: 标题", "---", "第一行", "学习dang的", "机\u200b密★5年", ""])
    _code, findings = review_json(tmp_path, monkeypatch, capsys, text)
    got = {(f["rule"], f["line"], f["column"], f["text"]) for f in findings}
    assert ("masking/pinyin-substitute", 5, 3, "dang的") in got or ("masking/pinyin-substitute", 5, 3, "dang") in got
    assert ("secrecy/classification-mark", 6, 1, "机\u200b密★5年") in got
    for f in findings:
        assert at(text, f) == f["text"]
    review_json(tmp_path, monkeypatch, capsys, text, "a.md", "--fix")
    data = (tmp_path / "a.md").read_bytes().decode("utf-8")
    assert data == text.replace("dang的", "党的").replace("\u200b", "")


@pytest.mark.parametrize("name", ["a.markdown", "b.mdown", "c.mkdn", "d.mkd"])
def test_markdown_extensions_are_reviewed_when_named(tmp_path, monkeypatch, capsys, name):
    code, findings = review_json(tmp_path, monkeypatch, capsys, HEAD + "机密⭐5年\n", name)
    assert code == 1 and [f["rule"] for f in findings] == ["secrecy/classification-mark"]


@pytest.mark.parametrize("name", ["B.MD", "c.Markdown", "d.mDown"])
def test_markdown_extensions_mkdocs_would_not_render_are_refused(tmp_path, monkeypatch, capsys, name):
    """MkDocs compares extensions case-sensitively and copies `B.MD` verbatim (comments and
    front matter published as written); the build refuses it, so does the review command."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(HEAD + "正文。\n", encoding="utf-8")
    assert cli.main([name]) == 2
    err = capsys.readouterr().err
    assert name in err and "小写" in err and "Traceback" not in err


def test_nul_bytes_are_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.md").write_bytes((HEAD + "机密\x00★5年\n").encode("utf-8"))
    assert cli.main(["n.md"]) == 2
    err = capsys.readouterr().err
    assert "n.md:5" in err and "NUL" in err and "Traceback" not in err


def test_subprocess_smoke(tmp_path):
    """The installed command, end to end, on one page with a trick of each kind."""
    body = "".join(c[1] + "\n" for c in FLAT[::4])
    (tmp_path / "s.md").write_text(HEAD + body, encoding="utf-8")
    exe = Path(sys.executable).with_name("review")
    proc = subprocess.run(
        [
            str(exe) if exe.exists() else sys.executable,
            *([] if exe.exists() else ["-m", "review"]),
            "s.md",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    rules = {f["rule"] for f in json.loads(proc.stdout)["findings"]}
    assert {c[2] for c in FLAT[::4]} <= rules


# --- correct text stays clean ---------------------------------------------------------------

GUARDED = ("secrecy", "privacy", "masking", "residue")


def _clean_files():
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "tests" / "corpus" / "clean").glob("*.md"))
    return [p for p in files if p.is_file()]


@pytest.mark.slow
@pytest.mark.parametrize("path", _clean_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_correct_text_gets_no_new_finding(path):
    """Normalisation adds nothing on the site's own pages and the clean corpus: the findings
    are exactly those of the raw views (no guard finding, no invisible character)."""
    from review import engine

    rules = load_rules(ROOT)
    rel = str(path.relative_to(ROOT))
    text = path.read_text(encoding="utf-8")
    findings = engine.check(rules.ruleset(rel), rel, text, rules.known).findings
    assert not [f for f in findings if f.category in GUARDED or f.rule == "markup/invisible-character"]


NEAR_MISSES = [
    "文号：京人大发〔2026〕12号，2026年3月1日印发。",
    "会议于 2026 2027 2028 年分三次举行。",
    "地址：192.168.100.200，端口 8080。",
    "共 1 234 567 元，其中 13.5% 用于代表活动。",
    "严守党和国家秘密，不泄露工作机密。",
    "加强机关内部刊物的内容审核。",
    "阿沛·阿旺晋美同志的讲话。",
    "希腊字母 α、β 和俄文 дом 只是外文。",
    "星级评定：☆☆☆，五星★★★★★。",
    "办公电话 0571-8765 4321，传真 0571 8765 4322。",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay_clean(text):
    rules = load_rules(ROOT)
    from review import engine

    findings = engine.check(rules.ruleset("docs/a.md"), "docs/a.md", HEAD + text + "\n", rules.known).findings
    assert not [f for f in findings if f.category in GUARDED], findings


# --- the normalisation itself ---------------------------------------------------------------


def test_every_folded_character_leaves_the_fast_path():
    """The fast path skips the tables only for pages whose every character is safe: every
    character the tables change must be caught by the cheap check (U+3000 is handled by
    pass 2, which always runs)."""
    table, multi = nz._tables()
    trad = nz._traditional()
    missed = [c for c in list(map(chr, table)) + list(multi) if nz._safe(c) and c not in trad]
    assert missed == [nz.FOLDED_SAFE]  # pass 1 replaces it on its own (normalize._translate)


def test_fold_check_is_the_safe_set_minus_traditional_characters():
    """needs_fold searches with one class compiled from cached code: for every code point it
    must say what the definition says (outside the safe set, or traditional)."""
    trad = nz._traditional()
    wrong = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and nz.needs_fold(chr(code)) != (not nz._safe(chr(code)) or chr(code) in trad)
    ]
    assert wrong == []
    assert nz.needs_fold("学习党的建设。\n") is False
    assert nz.needs_fold("学习黨的建设。") is True


def test_map_back_for_removals_replacements_and_expansions():
    text = "a&#26426;b\u200bc⑩d<x>"
    n = nz.normalize(text.replace("<x>", "\x00\x00\x00"))
    assert n.text == "a机bc10d"
    assert n.span(1, 2) == (1, 9)  # 机 ← &#26426;
    assert n.span(3, 4) == (11, 12)  # c, after the removed ZWSP
    assert n.span(4, 6) == (12, 13)  # 10 ← ⑩
    assert n.span(0, 7) == (0, 14)
    assert [n.original(k) for k in range(len(n.text))] == [0, 1, 9, 11, 12, 12, 13]


invisible = st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\ufe0f"])
plain = st.text(st.sampled_from("机密★学习党的建设，。abc 12"), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.one_of(plain, invisible), max_size=30))
def test_removal_maps_every_kept_character_home(pieces):
    text = "".join(pieces)
    n = nz.normalize(text)
    kept = [i for i, c in enumerate(text) if c not in "\u200b\u00ad\u2060\ufeff\u202e\ufe0f\x00"]
    # Pass 2 may also trim spaces at the ends of lines; compare on lines without them.
    if " " in text:
        return
    assert n.text == "".join(text[i] for i in kept)
    for k, i in enumerate(kept):
        assert n.span(k, k + 1) == (i, i + 1)


def test_published_text_positions_are_in_the_text():
    rules = load_rules(ROOT)
    text = "页面标题\n机密&#9733;5年\n联系：１３９ １２３４ ５６７８\r學習dаng的\n"
    got = [(f.rule, f.line, f.column, f.text) for f in check_published_text(rules, "site/a/index.html", text)]
    assert ("secrecy/classification-mark", 2, 1, "机密&#9733;5年") in got
    assert ("privacy/mobile-number", 3, 4, "１３９ １２３４ ５６７８") in got
    assert ("masking/pinyin-substitute", 4, 3, "dаng") in got
    assert all(r.split("/")[0] in GUARDED for r, *_ in got)


def test_published_text_has_no_markdown_and_no_suppression():
    rules = load_rules(ROOT)
    text = "`机密★5年`\n<!-- review-disable-next-line secrecy/classification-mark -- 示例 -->\n绝密★1年\n"
    got = [(f.line, f.text) for f in check_published_text(rules, "x.html", text)]
    assert got == [(1, "机密★5年"), (3, "绝密★1年")]


def test_indented_code_stays_code_outside_raw_html_and_in_markdown_blocks():
    text = HEAD + "<div markdown>\n\n    机密★5年\n\n</div>\n\n段落。\n\n    绝密★1年\n"
    doc = parse("a.md", text)
    assert "机密★5年" not in doc.views["prose"] and "绝密★1年" not in doc.views["prose"]


def test_views_of_a_clean_page_are_not_normalised():
    doc = parse("a.md", HEAD + "# 标题\n\n学习**党的**建设，见[链接](a.md)。\n")
    assert doc.reader is not None  # heading marker and emphasis: compacted
    assert parse("a.md", "学习党的建设。\n").reader is None


def test_safe_characters_are_the_documented_set():
    """The set of characters a page may hold without pass 1, written as the regex class it
    was first written as: every code point of the BMP agrees."""
    import re

    unsafe = re.compile(
        "[^\x00\t\n\r\x20-\x25\x27-\x7e\u4e00-\u9fff\u3001-\u303f\uff01-\uff0a\uff0c"
        "\uff1a-\uff20\uff3b-\uff40\uff5b-\uff60\u2014\u2018\u2019\u201c\u201d\u2026"
        "\u00b7\u00d7\u00b0\u2103\u2192\u25a1\u2605\u3000]"
    )
    for code in range(0x10000):
        c = chr(code)
        assert nz._safe(c) == (unsafe.match(c) is None), hex(code)


def test_filler_inside_a_line_is_found_as_first_written():
    """FILL_INSIDE starts with the NUL so that `re` searches for it fast: it must find what
    its first form (filler touching a visible character on either side) found."""
    import random
    import re

    first = re.compile(r"[^\x00\s]\x00|\x00[^\x00\s]")
    rnd = random.Random(7)
    for _ in range(50_000):
        s = "".join(rnd.choice("\x00\x00 \na机\t") for _ in range(rnd.randint(0, 8)))
        assert (first.search(s) is None) == (nz.FILL_INSIDE.search(s) is None), repr(s)


def test_space_runs_pass_2_edits_are_the_ones_it_first_edited():
    """Pass 2 now matches only the runs of spaces it edits: the edits must be those of its
    first form, which looked at every run."""
    import random
    import re

    def first_form(text):
        found = []
        for m in re.finditer(r"[ \t\u3000]+", text):
            s, e = m.span()
            if s == 0 or text[s - 1] in "\r\n" or e == len(text) or text[e] in "\r\n":
                found.append((s, e, ""))
            elif e - s > 1 and "\u3000" not in m.group():
                found.append((s, e, " "))
        return nz._replace(text, found) if found else (text, [])

    rnd = random.Random(5)
    for _ in range(50_000):
        s = "".join(rnd.choice(" \t\u3000\n\ra字") for _ in range(rnd.randint(0, 9)))
        assert nz._pass2(s) == first_form(s), repr(s)


def test_pass_1_translates_as_str_translate_does():
    """Pass 1 translates only the runs the fold finder finds, and U+3000: over every code
    point, and over mixed text, the result must be str.translate's."""
    import random

    table, _ = nz._tables()
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert nz._translate(every, table) == every.translate(table)
    rnd = random.Random(3)
    sample = "机機密\u3000 ①１a\u200bа⭐学習"
    for _ in range(2000):
        s = "".join(rnd.choice(sample) for _ in range(rnd.randint(0, 12)))
        assert nz._translate(s, table) == s.translate(table), repr(s)


def test_line_starts_are_found_as_first_written():
    """Pass 2 finds line starts after a line break (and at the text's start) instead of with
    `(?m)^`: the edits must be the same as with the first form."""
    import random
    import re

    first = re.compile(r"(?m)^(?=[ \t\u3000>#*+0-9-])" + nz.LINE_START)

    def first_form(text):
        found = [(m.start(), m.end(), "") for m in first.finditer(text) if m.end() > m.start()]
        return sorted(found)

    def now(text):
        found = [(0, m.end(), "") for m in [nz.FIRST_LINE_RE.match(text)] if m is not None and m.end() > 0]
        found += [(m.start() + 1, m.end(), "") for m in nz.LINE_START_RE.finditer(text) if m.end() > m.start() + 1]
        return sorted(found)

    rnd = random.Random(9)
    for _ in range(50_000):
        s = "".join(
            rnd.choice(["\n", " ", "\u3000", ">", "#", "# ", "- ", "1. ", "12) ", "字", "\t", "*"])
            for _ in range(rnd.randint(0, 8))
        )
        assert now(s) == first_form(s), repr(s)


def test_lexicon_folding_is_str_translate():
    """fold() translates only the runs its finder finds (written class-first for speed): over
    every code point and over mixed text it must give what str.translate gives."""
    import random

    from review.document.folding import fold, table

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    rnd = random.Random(2)
    for folds in (frozenset({"case", "width"}), frozenset({"case"}), frozenset({"width", "traditional"})):
        assert fold(every, folds) == every.translate(table(folds))
        for _ in range(500):
            s = "".join(rnd.choice("Aa１Ｂｂ機机z，") for _ in range(rnd.randint(64, 90)))  # long: the finder path
            assert fold(s, folds) == s.translate(table(folds)), repr(s)
