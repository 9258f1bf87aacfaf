"""studysite.visible and studysite.published: what a reader can see, and its review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_support import ROOT

from studysite import published, visible


@pytest.fixture(scope="module")
def rules():
    from review.api import load_rules

    return load_rules(ROOT)


def test_inline_markup_joins_and_blocks_separate():
    text = visible.html_text("<p>机密<em></em>★</p><p>b</p><ul><li>x</li><li>y</li></ul>")
    assert "机密★" in text and "xy" not in text and "★b" not in text


def test_attributes_css_scripts_templates_are_seen():
    html = (
        '<div title="t1" data-x="dx" aria-label="al" class="c" id="i"><img alt="alt1" src="a.png">'
        '<input value="v1" placeholder="p1"><a href="tel:%2B86139">x</a><a href="../x/">y</a></div>'
        '<meta name="description" content="m1"><style>.a::before{content:"\\673A\\5BC6"}</style>'
        '<span style="--x:1;content:\'s1\'"></span><template><b>tpl</b></template><script>var s="js1"</script>'
        "<svg><title>st1</title><text>sv1</text></svg>"
    )
    text = visible.html_text(html)
    for expected in (
        "t1",
        "dx",
        "al",
        "alt1",
        "v1",
        "p1",
        "tel:+86139",
        "m1",
        "机密",
        "s1",
        "tpl",
        "js1",
        "st1",
        "sv1",
    ):
        assert expected in text, expected
    for machinery in ("../x/", "a.png"):
        assert machinery not in text


def test_files_copied_as_they_are():
    assert visible.file_text("a.txt", "身份证 X".encode()) == "身份证 X"
    assert "机密★" in visible.file_text(
        "a.svg", b"<svg><text>\xe6\x9c\xba<tspan>\xe5\xaf\x86</tspan>\xe2\x98\x85</text></svg>"
    )
    assert "CDATA-TEXT" in visible.file_text("a.xml", b"<a><![CDATA[CDATA-TEXT]]></a>")
    assert visible.file_text("a.png", b"\x89PNG\r\n\x1a\n\x00\x00") is None
    assert "k1" in visible.file_text("a.json", json.dumps({"k1": ["v"]}).encode())
    import gzip

    assert "机密" in visible.file_text("sitemap.xml.gz", gzip.compress("<loc>机密</loc>".encode()))


def test_search_index_entries_read_as_text():
    data = {"docs": [{"location": "a/", "title": "标题", "text": "<p>机\u034f密&#9733;</p>", "tags": ["内部资料"]}]}
    text = visible.search_index_text(json.dumps(data))
    assert "机密★" in text and "内部资料" in text


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_review_site_names_output_and_source(rules, tmp_path):
    write(tmp_path / "a" / "index.html", "<p>正文 机&#23494;<b></b>★5年</p>")
    write(tmp_path / "files" / "list.txt", "联系电话 13912345678\n")
    write(tmp_path / "ok" / "index.html", "<p>正常的内容。</p>")
    report = published.review_site(
        rules, str(tmp_path), {"a/index.html": published.PageOrigin("a.md", "a/")}, {"files/list.txt": "files/list.txt"}
    )
    lines = [str(p) for p in report.problems]
    assert any(line.startswith("a/index.html（来源 a.md）：secrecy/") for line in lines), lines
    assert any(line.startswith("files/list.txt（来源 files/list.txt）：privacy/") for line in lines), lines
    assert not any(line.startswith("ok/") for line in lines)
    assert report.files == 3


def test_generated_pages_may_show_only_their_own_records(rules, tmp_path):
    generated = "示例：~~~text\n机密★5年\n~~~\n"
    write(tmp_path / "guide" / "rules" / "s" / "index.html", "<nav>秘密★1年</nav><pre><code>机密★5年</code></pre>")
    origin = published.PageOrigin("guide/rules/s.md", "guide/rules/s/", published._squash(generated))
    report = published.review_site(rules, str(tmp_path), {"guide/rules/s/index.html": origin}, {})
    # The record's example is allowed; text from elsewhere (here, the navigation) is not.
    assert [p.text for p in report.problems] == ["秘密★1年"]


def test_an_editors_page_cannot_claim_the_exemption(rules, tmp_path):
    write(tmp_path / "guide" / "rules" / "s" / "index.html", "<p>机密★5年</p>")
    report = published.review_site(
        rules,
        str(tmp_path),
        {"guide/rules/s/index.html": published.PageOrigin("guide/rules/s.md", "guide/rules/s/")},
        {},
    )
    assert [p.rule for p in report.problems] == ["secrecy/classification-mark"]


def test_file_names_are_reviewed(rules, tmp_path):
    write(tmp_path / "机密★5年" / "index.html", "<p>正常</p>")
    report = published.review_site(rules, str(tmp_path), {}, {})
    assert [str(p) for p in report.problems] == ["文件名 机密★5年/index.html：secrecy/classification-mark「机密★5年」"]


def test_search_index_entries_keep_their_page_allowance(rules, tmp_path):
    docs = [
        {"location": "guide/rules/s/", "title": "s", "text": "<pre>机密★5年</pre>"},
        {"location": "other/", "title": "o", "text": "<p>机密★5年</p>"},
    ]
    write(tmp_path / "search" / "search_index.json", json.dumps({"docs": docs}, ensure_ascii=False))
    origin = published.PageOrigin("guide/rules/s.md", "guide/rules/s/", published._squash("机密★5年"))
    report = published.review_site(rules, str(tmp_path), {"guide/rules/s/index.html": origin}, {})
    assert [p.output for p in report.problems] == ["search/search_index.json（other/）"]


def test_a_copy_of_a_generated_page_gets_no_allowance(rules, tmp_path):
    body = "<pre><code>机密★5年</code></pre>"
    write(tmp_path / "guide" / "rules" / "s" / "index.html", body)
    write(tmp_path / "z" / "copy" / "index.html", body)
    origin = published.PageOrigin("guide/rules/s.md", "guide/rules/s/", published._squash("机密★5年"))
    report = published.review_site(
        rules,
        str(tmp_path),
        {"guide/rules/s/index.html": origin, "z/copy/index.html": published.PageOrigin("z/copy.md", "z/copy/")},
        {},
    )
    assert [p.output for p in report.problems] == ["z/copy/index.html"]
