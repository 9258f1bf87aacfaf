"""The law library importer (studysite.laws): on excerpts of the corpus kept in the
repository, on the real corpus when ../shared is there, and the committed pages under review."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from engine_support import ROOT, run_review

from studysite import laws

FIXTURE = ROOT / "tests" / "fixtures" / "importer-corpus"
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
DOCS_LAWS = ROOT / "docs" / "laws"


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return laws.build_pages(FIXTURE, laws.load_specs(FIXTURE / "laws.yaml"))


@pytest.mark.parametrize(
    "text, number",
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("五十七", 57),
        ("一百", 100),
        ("一百零四", 104),
        ("一百二十三", 123),
        ("二百一十", 210),
        ("一九四九", 1949),
        ("二〇一八", 2018),
    ],
)
def test_chinese_numbers(text, number):
    assert laws.cn_number(text) == number


def test_latest_version_is_taken():
    assert laws.latest_version(FIXTURE, "宪法相关法/各级人民代表大会常务委员会监督法").name.endswith("(2024-11-08).md")
    with pytest.raises(laws.LawError, match="没有这部法律"):
        laws.latest_version(FIXTURE, "宪法相关法/不存在的法")


def test_history_in_front_matter(pages):
    meta = front_matter(pages["oversight-law.md"])
    assert meta["title"] == "中华人民共和国各级人民代表大会常务委员会监督法"
    assert meta["version_date"] == "2024-11-08"
    assert [h["date"] for h in meta["history"]] == ["2006-08-27", "2024-11-08"]
    # the source's closing bracket of its （…） wrapper is not part of the event
    assert meta["history"][-1]["event"].endswith("的决定》修正")
    assert meta["aliases"] == ["监督法", "各级人大常委会监督法"] and meta["short_title"] == "监督法"
    assert meta["source"] == "宪法相关法/各级人民代表大会常务委员会监督法(2024-11-08).md"


def test_wrapped_history_lines_are_joined():
    meta = front_matter(laws.build_pages(FIXTURE, laws.load_specs(FIXTURE / "laws.yaml"))["election-law.md"])
    dates = [h["date"] for h in meta["history"]]
    assert dates == sorted(dates) and len(dates) == 8
    sixth = meta["history"][6]["event"]
    assert "〈中华人民共和国全国人民代表大会和地方各级人民代表大会代表法〉的决定》第六次修正" in sixth


def test_headings_and_article_anchors(pages):
    text = pages["legislation-law.md"]
    assert "## 第一章　总则 {#第一章}" in text
    assert "### 第一节　立法权限 {#第二章第一节}" in text
    for n in ("第一条", "第九条", "第十条", "第十二条"):
        assert f"**{n}**\u3000" in text and f"{{: #{n} .law-article }}" in text
    # every article once, in order
    anchors = re.findall(r"\{: #(第.+?条) \.law-article \}", text)
    assert [laws.cn_number(a[1:-1]) for a in anchors] == list(range(1, 13))


def test_table_of_contents_links_to_existing_anchors(pages):
    text = pages["legislation-law.md"]
    toc = text.split('??? abstract "目录"', 1)[1].split("\n## ", 1)[0]
    assert "- [第一章　总则](#第一章)（第一条至第九条）" in toc
    assert "    - [第一节　立法权限](#第二章第一节)（第十条至第十二条）" in toc
    targets = set(re.findall(r"\{#(.+?)\}", text)) | set(re.findall(r"\{: #(\S+)", text))
    for link in re.findall(r"\]\(#(.+?)\)", toc):
        assert link in targets, link


def test_title_repeated_above_the_text_is_dropped(pages):
    body = pages["oversight-law.md"].split("# 中华人民共和国各级人民代表大会常务委员会监督法", 1)[1]
    assert "中华人民共和国各级人民代表大会 常务委员会监督法" not in body


def test_constitution_preamble_and_transcription_zero(pages):
    text = pages["constitution.md"]
    assert "## 序言 {#序言}" in text
    assert "一八四〇年以后" in text and "○" not in text  # U+25CB in the dataset is 〇 in the law


def test_amendment_quotes_articles_it_inserts(pages):
    text = pages["constitution-amendments.md"]
    assert "## 宪法修正案（2018年） {#2018年修正案}" in text
    assert "{: #第三十二条 .law-article }" in text
    # 第一百二十三条 is quoted inside the amendment's 第五十二条, not an article of the amendment
    assert "{: #第一百二十三条" not in text and "第一百二十三条　中华人民共和国各级监察委员会" not in text
    assert "第一百二十三条 中华人民共和国各级监察委员会是国家的监察机关。" in text


def test_markdown_characters_in_law_text_are_literal():
    assert laws.escape("1. 第*一*项<b>") == "1\\. 第\\*一\\*项\\<b\\>"
    assert laws.escape("- 不是列表") == "\\- 不是列表"


def test_index_lists_every_law(pages):
    index = pages["index.md"]
    for slug in ("constitution", "constitution-amendments", "election-law", "legislation-law", "oversight-law"):
        assert f"]({slug}.md)" in index


def write_source(folder: Path, name: str, text: str) -> None:
    (folder / "宪法相关法").mkdir(parents=True, exist_ok=True)
    (folder / "宪法相关法" / name).write_text(text, encoding="utf-8")
    (folder / "laws.yaml").write_text(
        "laws:\n  - slug: test-law\n    source: 宪法相关法/测试法\n    short: 测试法\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("# 测试法\n\n2020年1月1日 通过\n\n第一条 内容。\n", "缺少 <!-- INFO END -->"),
        ("测试法\n<!-- INFO END -->\n第一条 内容。\n", ":1：第一行应是"),
        ("# 测试法\n\n通过\n\n<!-- INFO END -->\n\n第一条 内容。\n", "没有带日期"),
        ("# 测试法\n\n2020年2月30日 通过\n\n<!-- INFO END -->\n\n第一条 内容。\n", ":3：日期 2020-02-30 不存在"),
        (
            "# 测试法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 内容。\n\n第三条 内容。\n",
            ":9：条文编号不连续",
        ),
        ("# 测试法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n只有文字。\n", "没有找到任何条文"),
    ],
)
def test_bad_source_is_one_line_with_file_and_nothing_is_written(tmp_path, capsys, text, message):
    write_source(tmp_path / "corpus", "测试法.md", text)
    out = tmp_path / "out"
    code = laws.main(
        ["--corpus", str(tmp_path / "corpus"), "--out", str(out), "--config", str(tmp_path / "corpus" / "laws.yaml")]
    )
    err = capsys.readouterr().err
    assert code == 2 and message in err and "测试法.md" in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_missing_corpus_and_broken_config(tmp_path, capsys):
    assert laws.main(["--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "法规库文件夹不存在" in capsys.readouterr().err
    bad = tmp_path / "laws.yaml"
    bad.write_text("laws: [", encoding="utf-8")
    assert laws.main(["--corpus", str(FIXTURE), "--out", str(tmp_path / "out"), "--config", str(bad)]) == 2
    assert "收录清单无法读取" in capsys.readouterr().err


def test_rerun_changes_nothing_and_check_reports_stale_pages(tmp_path, capsys):
    args = ["--corpus", str(FIXTURE), "--out", str(tmp_path / "laws"), "--config", str(FIXTURE / "laws.yaml")]
    assert laws.main([*args, "--check"]) == 1
    assert laws.main(args) == 0
    assert "更新 6 个页面" in capsys.readouterr().out
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "laws").iterdir()}
    assert laws.main(args) == 0 and "更新 0 个页面" in capsys.readouterr().out
    assert before == {p.name: p.stat().st_mtime_ns for p in (tmp_path / "laws").iterdir()}
    assert laws.main([*args, "--check"]) == 0
    page = tmp_path / "laws" / "oversight-law.md"
    page.write_text(page.read_text(encoding="utf-8").replace("第一条", "第壹条"), encoding="utf-8")
    assert laws.main([*args, "--check"]) == 1
    assert "oversight-law.md：与法规库不一致" in capsys.readouterr().err
    assert not list((tmp_path / "laws").glob(".tmp-*"))


def test_imported_pages_have_no_error_level_finding():
    """The committed law pages pass review like any page (warnings, if any, are listed in
    notes/laws.md: they are rule imprecision on authoritative text, for the packs to fix)."""
    proc = run_review(str(DOCS_LAWS.relative_to(ROOT)), "--fail-on", "error", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " error " not in proc.stdout


def test_committed_pages_match_the_real_corpus(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (a clone without ../shared): the committed pages are not re-imported")
    shutil.copytree(DOCS_LAWS, tmp_path / "laws")
    assert laws.main(["--corpus", str(CORPUS), "--out", str(tmp_path / "laws"), "--check"]) == 0, (
        "docs/laws is out of date: run python -m studysite.laws"
    )


def test_real_corpus_articles_all_imported():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (a clone without ../shared)")
    for spec in laws.load_specs():
        law = laws.read_law(CORPUS, spec)
        if spec.combined:
            continue  # amendments quote the articles they insert
        source = laws.latest_version(CORPUS, spec.sources[0]).read_text(encoding="utf-8")
        count = len(
            re.findall(r"(?m)^第[〇零一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)?[ \u3000]", source)
        )
        assert law.articles == count, spec.slug
    constitution = laws.read_law(CORPUS, laws.load_specs()[0])
    assert constitution.articles == 143 and constitution.version_date == "2018-03-11"


def test_corrections_apply_once_or_stop_the_import(tmp_path, capsys):
    text = "# 测试法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 “引文。\n"
    write_source(tmp_path / "corpus", "测试法.md", text)
    config = tmp_path / "corpus" / "laws.yaml"
    fix = (
        "\ncorrections:\n  - source: 宪法相关法/测试法\n    find: 引文。\n"
        "    replace: 引文。”\n    reason: 缺少后引号\n"
    )
    config.write_text(config.read_text(encoding="utf-8") + fix, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--corpus", str(tmp_path / "corpus"), "--out", str(out), "--config", str(config)]
    assert laws.main(args) == 0
    assert "**第一条**\u3000“引文。”" in (out / "test-law.md").read_text(encoding="utf-8")
    (tmp_path / "corpus" / "宪法相关法" / "测试法.md").write_text(
        text.replace("引文。", "引文。引文。"), encoding="utf-8"
    )
    assert laws.main(args) == 2
    assert "校正「引文。」应出现一次，实际 2 次" in capsys.readouterr().err


def test_real_amendment_quote_is_corrected():
    text = (DOCS_LAWS / "constitution-amendments.md").read_text(encoding="utf-8")
    assert "土地的使用权可以依照法律的规定转让。”" in text
