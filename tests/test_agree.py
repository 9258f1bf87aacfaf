"""The review command and the site build agree (issue 9, item 7): what the build refuses,
`review` reports or refuses. Variants here are our own, beside the hostile suite's; where the
build's own function is importable (the offline audit, the draft decision) each variant is
run through both and the answers compared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from review import cli
from review.api import check_text, load_rules
from review.session import MARKDOWN_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
HEAD = "---\ntitle: 测试页\n---\n\n"


@pytest.fixture(scope="module")
def rules():
    return load_rules(ROOT)


def rule_ids(rules, text: str, path: str = "docs/a.md") -> list[str]:
    return [f.rule for f in check_text(rules, path, text)]


# ---- automatic requests to other hosts ------------------------------------------------

FETCHES = [
    '<link rel="stylesheet" href="&#104;ttps://x1.invalid/a.css">',
    '<link rel="icon preload" href="\\\\x2.invalid\\f.ico">',
    '<img alt="图" src="a.png" srcset="a.png 1x, b.png 2x, //x3.invalid/c.png 3x">',
    '<picture><source srcset="https://x4.invalid/a.webp"><img alt="图" src="a.png"></picture>',
    '<div style="background:image-set(url(//x5.invalid/a.png) 1x)">文字</div>',
    '<p style="background:/* 注释 */u\\rl(https://x6.invalid/b.png)">文字</p>',
    '<style>@import url("//x7.invalid/c.css");</style>',
    "<style>.a{background:\\75 rl(//x8.invalid/d.png)}</style>",
    '<base href="https:\\\\x9.invalid">',
    '<meta http-equiv="refresh" content="0;URL=\'//x10.invalid/\'">',
    '<meta http-equiv="REFRESH" content="5 https://x11.invalid/">',
    '<a href="../" ping="/local https://x12.invalid/p">返回</a>',
    '<video poster="//x13.invalid/p.jpg" controls></video>',
    '<audio src="https://x14.invalid/a.mp3"></audio>',
    '<video><track src="//x15.invalid/t.vtt"></video>',
    '<form action="https://x16.invalid/submit"><input type="submit" value="提交"></form>',
    '<input type="image" alt="按钮" src="//x17.invalid/b.png">',
    '<svg><image href="https://x18.invalid/i.png"/></svg>',
    '<table background="//x19.invalid/bg.png"><tr><td>格</td></tr></table>',
    '<object data="https:x20.invalid/o"></object>',
]
LOCAL = [
    '<a href="https://www.npc.gov.cn/">中国人大网</a>',
    '<img alt="截图" src="../assets/screenshot.png" srcset="../assets/a.png 1x, ../assets/b.png 2x">',
    '<img alt="点" src="data:image/png;base64,iVBORw0KGgo=">',
    '<link rel="canonical" href="https://www.example.gov.cn/a/">',
    '<p style="color: red; background: url(../assets/bg.png)">文字</p>',
    '<style>.a::before{content:"//not-a-url.invalid/"}</style>',
    '<img alt="图" src="#top">',
]


@pytest.mark.parametrize("html", FETCHES)
def test_automatic_request_to_another_host_is_reported(rules, html):
    found = [f for f in check_text(rules, "docs/a.md", HEAD + html + "\n") if f.rule == "markup/external-fetch"]
    assert found and all(f.severity == "error" and f.category == "markup" for f in found), html
    assert all(f.text and f.text in html for f in found)  # points at what the page says


@pytest.mark.parametrize("html", LOCAL)
def test_links_and_local_resources_are_not_requests(rules, html):
    assert "markup/external-fetch" not in rule_ids(rules, HEAD + html + "\n"), html


@pytest.mark.parametrize("html", FETCHES + LOCAL)
def test_review_and_the_build_audit_agree(rules, html):
    offline = pytest.importorskip("studysite.offline", reason="the site extras (selectolax) are not installed")
    build_refuses = bool(offline.audit_html(f"<!doctype html><html><body>{html}</body></html>", "a/index.html"))
    assert ("markup/external-fetch" in rule_ids(rules, HEAD + html + "\n")) == build_refuses, html


@pytest.mark.parametrize(
    "text",
    [
        '`<img src="https://x.invalid/a.png">`\n',
        '```html\n<img src="https://x.invalid/a.png">\n```\n',
        '    <img src="https://x.invalid/a.png">\n',
        '<!-- <img src="https://x.invalid/a.png"> -->\n',
    ],
)
def test_html_shown_as_code_or_commented_out_fetches_nothing(rules, text):
    assert "markup/external-fetch" not in rule_ids(rules, HEAD + text)


def test_pages_without_tags_load_no_parser():
    """The hook's fast path: a page without a tag imports neither html.parser nor tinycss2;
    a tag without CSS imports html.parser only."""
    code = (
        "import sys\nfrom review.api import check_text, load_rules\nr = load_rules('.')\n"
        "check_text(r, 'a.md', '---\\ntitle: 页\\n---\\n\\n正文，a < b。\\n')\n"
        "print('html.parser' in sys.modules, 'tinycss2' in sys.modules)\n"
        "check_text(r, 'a.md', '---\\ntitle: 页\\n---\\n\\n<p title=\"x\">正文</p>\\n')\n"
        "print('html.parser' in sys.modules, 'tinycss2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.split("\n")[:2] == ["False False", "True False"], out.stdout + out.stderr


# ---- draft flags ----------------------------------------------------------------------

AMBIGUOUS = [
    'draft: "true"',
    "draft: 'yes'",
    "draft: 1",
    "draft:",
    "Draft: true",
    "DRAFT: yes",
    "ｄｒａｆｔ: true",
    "dra\u00adft: true",
    '"Dra\u200bft": true',
    "draft: 0",
    "draft: true\ndraft: false",
    "draft: [true]",
]
PLAIN = ["draft: true", "draft: false", "draft: yes", "draft: off", "title2: x"]


def _page(meta: str) -> str:
    return f"---\ntitle: 页\n{meta}\n---\n\n正文。\n"


@pytest.mark.parametrize("meta", AMBIGUOUS)
def test_ambiguous_draft_flag_is_a_metadata_error(rules, meta):
    found = [f for f in check_text(rules, "docs/a.md", _page(meta)) if f.category == "metadata"]
    assert found and found[0].severity == "error", meta


@pytest.mark.parametrize("meta", PLAIN)
def test_plain_draft_flag_is_fine(rules, meta):
    assert not [f for f in check_text(rules, "docs/a.md", _page(meta)) if f.category == "metadata"], meta


@pytest.mark.parametrize("meta", AMBIGUOUS + PLAIN)
def test_review_and_the_build_decide_drafts_alike(rules, meta):
    drafts = pytest.importorskip("studysite.drafts", reason="the site extras (MkDocs) are not installed")
    decision = drafts.decide("a.md", _page(meta))
    reported = any(f.rule == "metadata/ambiguous-draft" for f in check_text(rules, "docs/a.md", _page(meta)))
    assert reported == bool(decision.error), (meta, decision)


# ---- files: extensions, attribute lists, code --------------------------------------------


def test_suffixes_are_those_mkdocs_renders():
    utils = pytest.importorskip("mkdocs.utils", reason="MkDocs is not installed")
    assert sorted(MARKDOWN_SUFFIXES) == sorted(utils.markdown_extensions)


def test_folders_find_every_markdown_extension_and_refuse_upper_case(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs" / "sub"
    docs.mkdir(parents=True)
    for name in ("a.md", "b.markdown", "c.mdown", "d.mkdn", "e.mkd"):
        (docs / name).write_text(HEAD + "手机 13912345678。\n", encoding="utf-8")
    (docs / "F.MD").write_text(HEAD + "<!-- 内部资料 -->\n", encoding="utf-8")
    (docs / "g.txt").write_text("手机 13912345678。\n", encoding="utf-8")
    code = cli.main(["docs", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert "F.MD" in captured.err and "F.md" in captured.err  # names the file and the fix
    found = {Path(f["path"]).name for f in json.loads(captured.out)["findings"]}
    assert found == {"a.md", "b.markdown", "c.mdown", "d.mkdn", "e.mkd"}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('## 联系 {: title="13912345678" }', "privacy/mobile-number"),
        ("## 目录 { data-toc-label='机密★5年' }", "secrecy/classification-mark"),
        ('段落文字。\n{: #p1 .note title="内部资料" }', "secrecy/internal-only"),
    ],
)
def test_attribute_list_values_are_read_by_the_guard_rules(rules, line, rule):
    text = HEAD + line + "\n"
    found = [f for f in check_text(rules, "docs/a.md", text) if f.rule == rule]
    assert found and found[0].text in line


@pytest.mark.parametrize(
    "text",
    [
        "```\n秘密★1年\n```\n",
        "```\r秘密★1年\r```\r\r正文。\r",  # CR-only: the fence must hide nothing
        "```\n秘密★1年\n",  # never closed
        "    缩进的代码：秘密★1年\n",
        "行内 `秘密★1年` 代码。\n",
    ],
)
def test_code_is_read_by_the_guard_rules(rules, text):
    page = HEAD.replace("\n", "\r") + text if "\r" in text else HEAD + text
    found = [f for f in check_text(rules, "docs/a.md", page) if f.category == "secrecy"]
    assert found and not any(f.fixable for f in found)


def test_code_is_still_not_read_by_the_style_rules(rules):
    ids = rule_ids(rules, HEAD + "```\n再接再励,做为代表\n```\n")
    assert not [i for i in ids if i.split("/")[0] in ("typo", "typography", "terminology", "sensitive")], ids


@pytest.mark.parametrize(
    "css",
    [
        '.a::after{content:"\\5185\\90E8\\8D44\\6599"}',  # 内部资料, escaped
        '@media screen{.b::before{/* x */content:"机" "密★5年"}}',
        ".c::after{content:'手机 139' '1234' '5678'}",
    ],
)
def test_css_generated_content_is_read_by_the_guard_rules(rules, css):
    found = [
        f
        for f in check_text(rules, "docs/a.md", HEAD + f'<style>{css}</style>\n\n<p class="a b c">见右侧</p>\n')
        if f.category in ("secrecy", "privacy")
    ]
    assert found, css
