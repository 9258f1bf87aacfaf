"""Every front-matter field the site renders is reviewed at its own position, whatever YAML
spelling produced it; front matter that YAML accepts but MkDocs cannot use is an error. The
reader follows MkDocs' own rules, checked against mkdocs.utils.meta.get_data itself."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.utils.meta import get_data

from review import cli
from review.document.frontmatter import compose, data, find

BODY = "正文。\n"

# (front matter YAML, rule, the source text the finding must cover: the value as written
# when it is written as itself, the whole scalar when its spelling differs).
SPELLINGS = {
    "quoted-keys": [
        ('"title": 机密★5年', "secrecy/classification-mark", "机密★5年"),
        ("title: 标题\n'summary': 内部资料", "secrecy/internal-only", "内部资料"),
        ("title: 标题\n? speaker\n: 代表13912345678", "privacy/mobile-number", "13912345678"),
    ],
    "flow-maps": [
        ("{title: 机密★5年}", "secrecy/classification-mark", "机密★5年"),
        ("{title: 标题, tags: [内部资料]}", "secrecy/internal-only", "内部资料"),
        ("{title: 标题,\n  speaker_title: 学习dang的}", "masking/pinyin-substitute", "dang"),
    ],
    "escapes": [
        ('title: "\\u673a密★5年"', "secrecy/classification-mark", '"\\u673a密★5年"'),
        ('title: 标题\nsummary: "机密\\u26055年"', "secrecy/classification-mark", '"机密\\u26055年"'),
        ('title: 标题\nspeaker: "电话\\x313912345678"', "privacy/mobile-number", '"电话\\x313912345678"'),
    ],
    "continuation-lines": [
        ("title: 工作\n  机密★5年", "secrecy/classification-mark", "工作\n  机密★5年"),
        ('title: "机密\\\n  ★5年"', "secrecy/classification-mark", '"机密\\\n  ★5年"'),
        ("title: 标题\ndescription: 联系\n  13912345678", "privacy/mobile-number", "联系\n  13912345678"),
    ],
    "block-scalars": [
        ("title: 标题\nsummary: |\n  第一段\n  内部资料", "secrecy/internal-only", "|\n  第一段\n  内部资料"),
        ("title: 标题\nsummary: >-\n  学习\n  dang的", "masking/pinyin-substitute", ">-\n  学习\n  dang的"),
        ("title: |-\n  机密★5年", "secrecy/classification-mark", "机密★5年"),  # written as itself
    ],
    "aliases-and-anchors": [
        ("x: &m 机密★5年\ntitle: *m", "secrecy/classification-mark", "机密★5年"),
        ("title: 标题\nx: &a 内部资料\ntags: [甲, *a]", "secrecy/internal-only", "内部资料"),
        ("base: &b {speaker: 代表13912345678}\ntitle: 标题\n<<: *b", "privacy/mobile-number", "13912345678"),
    ],
    "lists": [
        ("title: 标题\ntags: [甲, 机密★5年]", "secrecy/classification-mark", "机密★5年"),
        ("title: 标题\ncategories:\n  - 人大工作\n  - 内部资料", "secrecy/internal-only", "内部资料"),
        ('title: 标题\ntags:\n  - "\\u5185部资料"', "secrecy/internal-only", '"\\u5185部资料"'),
    ],
    "every-rendered-field": [
        ("title: 标题\nsubtitle: 机密★5年", "secrecy/classification-mark", "机密★5年"),
        ("title: 标题\nspeaker_title: 主任，电话13912345678", "privacy/mobile-number", "13912345678"),
        ("title: 标题\ndescription: 學習dаng的", "masking/pinyin-substitute", "dаng"),
        ("title: 标题\nspeaker: 張三 機密★1年", "secrecy/classification-mark", "機密★1年"),
    ],
}
FLAT = [(cls, *case) for cls, cases in SPELLINGS.items() for case in cases]


def review(tmp_path, monkeypatch, capsys, text: str, *args: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_bytes(text.encode("utf-8"))
    code = cli.main(["p.md", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, (json.loads(out)["findings"] if out.strip() else [])


@pytest.mark.parametrize("cls, yaml_text, rule, expected", FLAT, ids=[f"{c[0]}-{i}" for i, c in enumerate(FLAT)])
def test_rendered_field_in_any_spelling(tmp_path, monkeypatch, capsys, cls, yaml_text, rule, expected):
    text = f"---\n{yaml_text}\n---\n{BODY}"
    assert get_data(text)[1], "MkDocs must read this front matter (else the case tests nothing)"
    code, findings = review(tmp_path, monkeypatch, capsys, text)
    own = [f for f in findings if f["rule"] == rule]
    assert code == 1 and own, f"{cls}: {rule} not reported: {findings}"
    f = own[0]
    start = text.index(expected)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    assert (f["line"], f["column"], f["text"]) == (line, column, expected), f
    assert not f["fixable"]  # --fix never edits the front matter
    assert not [g for g in findings if g["rule"].startswith("metadata/")]


def test_at_least_three_variants_per_spelling():
    assert all(len(cases) >= 3 for cases in SPELLINGS.values())


def test_fix_leaves_front_matter_alone(tmp_path, monkeypatch, capsys):
    text = '---\ntitle: 学习dang的\nsummary: "机\\u200b密"\n---\n学习dang的\n'
    review(tmp_path, monkeypatch, capsys, text, "--fix")
    assert (tmp_path / "p.md").read_text(
        encoding="utf-8"
    ) == '---\ntitle: 学习dang的\nsummary: "机\\u200b密"\n---\n学习党的\n'


# --- front matter MkDocs cannot use ---------------------------------------------------------

UNUSABLE = [
    ("---\n- 甲\n- 乙\n---\n正文\n", 1, "映射"),
    ("---\n机密文件\n---\n正文\n", 1, "映射"),
    ("---\n# 只有注释\n---\n正文\n", 1, "为空"),
    ("---\n---\n正文\n", 1, "为空"),
    ("---\ntitle: 标题\nupdated: 2026-02-30\n---\n正文\n", 3, "2026-02-30"),
    ("---\ntitle: 标题\ndraft: !custom yes\n---\n正文\n", 3, "draft"),
    ("---\ntitle: 标题\n? [a, b]\n: c\n---\n正文\n", 3, "无法转换"),
    ("---\ntitle: 标题\n---", 1, "缺少换行"),
    ("---\ntitle: 标题\n...", 1, "缺少换行"),
]


@pytest.mark.parametrize("text, line, words", UNUSABLE)
def test_front_matter_mkdocs_drops_is_an_error(tmp_path, monkeypatch, capsys, text, line, words):
    assert get_data(text)[1] == {}, "MkDocs really drops it"
    code, findings = review(tmp_path, monkeypatch, capsys, text)
    parse = [f for f in findings if f["rule"] == "metadata/frontmatter-parse"]
    assert code == 1 and len(parse) == 1, findings
    assert parse[0]["line"] == line and words in parse[0]["message"], parse[0]
    assert re.search(r"[\u4e00-\u9fff]", parse[0]["message"])


def test_missing_final_newline_is_not_called_unclosed(tmp_path, monkeypatch, capsys):
    _, findings = review(tmp_path, monkeypatch, capsys, "---\ntitle: 标题\n---")
    assert findings and all("缺少结束的 ---" not in f["message"] for f in findings)


def test_invalid_date_is_reported_once_by_the_date_rule(tmp_path, monkeypatch, capsys):
    _, findings = review(tmp_path, monkeypatch, capsys, "---\ntitle: 标题\ndate: 2026-02-30\n---\n正文\n")
    assert [f["rule"] for f in findings] == ["metadata/invalid-date"]


# --- the reader agrees with MkDocs ----------------------------------------------------------

AGREEMENT = [
    "---\ntitle: 标题\n---\n正文\n",
    "--- \t\ntitle: 标题\n--- \n正文\n",
    "---\ntitle: 标题\n...\n正文\n",
    "---\r\ntitle: 标题\r\n---\r\n正文\r\n",
    "---\rtitle: 标题\rtags: [甲]\r---\r正文\r",
    "---\ntitle: 标题\n---",
    "---\ntitle: 标题\n正文\n",
    "----\ntitle: 标题\n---\n正文\n",
    "---\n---\n正文\n",
    "---\n---\n---\n正文\n",
    "---\n\n---\n正文\n",
    "---\n- 甲\n---\n正文\n",
    "---\ntitle: 标题\ndate: 2026-02-30\n---\n正文\n",
    "---\ntitle: [未闭合\n---\n正文\n",
    "---\n{title: 标题, draft: true}\n---\n正文\n",
    '---\n"draft": yes\ntitle: 标题\n---\n正文\n',
    "---\nx: &a {draft: true}\n<<: *a\ntitle: t\n---\n正文\n",
    "\n---\ntitle: 标题\n---\n正文\n",
    "---\ntitle: 标题\n  ---\n---\n正文\n",
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_reader_agrees_with_mkdocs_get_data(text):
    """MkDocs reads pages with universal newlines: compare on that text."""
    mkdocs_meta = get_data(text.replace("\r\n", "\n").replace("\r", "\n"))[1]
    assert data(find(text)) == mkdocs_meta
    root, problem = compose(find(text))
    if mkdocs_meta:
        assert root is not None and problem is None
    elif find(text) is not None and "date: 2026-02-30" not in text:  # that one: metadata/invalid-date
        assert problem is not None, "MkDocs drops this front matter: it must be reported"
