"""The search index's build side (studysite/search.py), on small inputs: page text and
parts, terms of jieba's search mode, aliases, bounded postings, the shards written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studysite import search


@pytest.fixture(scope="module")
def cut():
    return search.make_cut(["全过程人民民主"])


def test_page_text_is_visible_text_only():
    body = (
        '<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>第一段\u034f文字&amp;符号</p>'
        '<script>var x = "脚本";</script><h2 id="s">小节</h2><p>小节\u200b正文</p>'
    )
    secs = search.sections(body)
    assert [(p.anchor, p.heading, p.text) for p in secs] == [("", "", "第一段文字&符号"), ("s", "小节", "小节正文")]


def test_long_sections_are_cut_and_small_ones_share_a_part():
    paras = "".join(f"<p>{'条文内容' * 100}{i}</p>" for i in range(10))  # 10 paragraphs of 401 characters
    doc = search.page_doc("a/", "标题", f'<p>引言</p><h2 id="x">一</h2>{paras}<h2 id="y">二</h2><p>短</p>')
    assert all(len(p.text) <= search.PART_CHARS for p in doc.parts)
    assert len(doc.parts) >= 3
    assert doc.parts[0].anchor == ""  # 引言 and the start of section 一 share the first part
    assert any(p.anchor == "x" for p in doc.parts[1:])
    text = "".join(p.text for p in doc.parts)
    assert text.count("条文内容") == 1000 and "短" in text


def test_pages_of_any_length_have_a_bounded_number_of_parts():
    body = "<p>" + "</p><p>".join("法" * 300 for _ in range(2000)) + "</p>"  # 600,000 characters
    doc = search.page_doc("big/", "大", body)
    assert len(doc.parts) <= search.MAX_PARTS


def test_search_mode_indexes_parts_of_compounds(cut):
    terms = set(search.terms(cut, "寄信请写邮政编码，推进资源共享，人民代表大会常务委员会，全过程人民民主"))
    for word in ("邮政编码", "编码", "资源共享", "共享", "人民代表大会常务委员会", "委员会", "全过程人民民主"):
        assert word in terms, word
    assert not any(len(t) < 2 for t in terms)  # single characters are not terms


def test_aliases_and_front_matter_names_are_terms_of_the_page(cut):
    doc = search.page_doc(
        "law/",
        "中华人民共和国各级人民代表大会常务委员会监督法",
        "<p>人民代表大会常务委员会依法行使监督职权。</p>",
        ["监督法", " "],
    )
    assert doc.aliases == ("监督法",)
    shown: dict = {}
    tf = search.weights(cut, doc, 0, {"人民代表大会常务委员会": ("常委会",)}, shown)
    assert tf["监督法"] >= search.ALIAS_BOOST and tf["常委会"] >= 1
    assert shown == {"常委会": {"人民代表大会常务委员会"}}  # highlighted as the long name


def test_front_matter_aliases_accepts_a_name_or_a_list_and_ignores_the_rest():
    assert search.front_matter_aliases({"aliases": "代表法"}) == ("代表法",)
    assert search.front_matter_aliases({"aliases": ["代表法", None, {"x": 1}, "监督法"]}) == ("代表法", "监督法")
    assert search.front_matter_aliases({"aliases": {"a": 1}}) == ()
    assert search.front_matter_aliases({}) == ()


def test_title_words_weigh_more_than_body_words(cut):
    a = search.page_doc("a/", "代表建议", "<p>关于办理工作的说明。</p>")
    b = search.page_doc("b/", "办理说明", "<p>代表建议的办理工作。</p>")
    assert search.weights(cut, a, 0, {})["建议"] > search.weights(cut, b, 0, {})["建议"] > 0


def test_excluded_pages():
    prefixes = ("guide/", "study/print/")
    assert search.excluded("guide/rules/typo/", {}, prefixes)
    assert search.excluded("study/print/", {}, prefixes)
    assert search.excluded("study/x/", {"search": {"exclude": True}}, prefixes)
    assert not search.excluded("study/guide-to-x/", {"search": "odd"}, prefixes)


def test_index_files_keep_the_best_postings_and_count_every_page(tmp_path: Path, cut):
    builder = search.IndexBuilder(str(tmp_path), cut, {})
    for i in range(search.TOP + 30):
        text = "<p>" + "监督" * (1 + i % 7) + "。其他内容。</p>"
        builder.add(search.page_doc(f"p{i}/", f"第{i}页", text))
    figures = builder.write()
    assert figures["pages"] == search.TOP + 30
    meta = json.loads((tmp_path / "meta.json").read_text())
    number = search.bucket("监督", meta["buckets"])
    shard = json.loads((tmp_path / "t" / f"{number}.json").read_text(encoding="utf-8"))
    df, flat = shard["监督"][:2]
    assert df == search.TOP + 30  # document frequency of the whole archive
    assert len(flat) == 2 * search.TOP  # postings cut at TOP, best first
    weights = flat[1::2]
    assert weights == sorted(weights, reverse=True)
    part = flat[0]
    fragment = json.loads((tmp_path / "f" / str((part >> 8) // 1000) / f"{part}.json").read_text(encoding="utf-8"))
    assert fragment["x"].startswith("监督") and fragment["u"].startswith("p")
    assert meta["pages"] == search.TOP + 30


@pytest.mark.e2e
def test_build_refuses_without_rjieba(tmp_path):
    # No segmenter, no Chinese search: the build stops instead of publishing a search that
    # finds whole sentences only.
    from site_support import ROOT, build, copy_site

    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "rjieba.py").write_text("raise ImportError('rjieba is not installed')\n", encoding="utf-8")
    project = copy_site(tmp_path / "project")
    result = build(project, env={"PYTHONPATH": f"{blocker}:{ROOT}"})
    assert result.returncode != 0
    assert "rjieba" in result.output and "Traceback" not in result.output


def test_shard_of_a_key_is_the_browsers():
    # FNV-1a as site-search.js computes it (Math.imul on the UTF-8 bytes); reference values
    # of 32-bit FNV-1a: "" -> 0x811c9dc5, "a" -> 0xe40c292c.
    assert search.bucket("", 2**32) == 0x811C9DC5
    assert search.bucket("a", 2**32) == 0xE40C292C
    assert all(0 <= search.bucket(k, 7) < 7 for k in ("人大", "委员", "ab"))
