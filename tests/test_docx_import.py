"""import-docx end to end: the committed Word fixtures (tests/fixtures/docx/, made by
make_fixtures.py) imported into a copy of the site by the real command, the pages as an
editor expects them, the review's report, a strict `mkdocs build` of the copy, the pages in
Debian's Chromium; and every way an import must refuse, writing nothing."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from site_support import ROOT, build, copy_site, serve

pytestmark = pytest.mark.e2e  # builds the site or drives Chromium: not in `make check`

FIXTURES = ROOT / "tests" / "fixtures" / "docx"


def import_docx(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [sys.executable, "-m", "studysite.docx_import", *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A copy of the site with the three fixtures imported, and its strict build."""
    site = copy_site(tmp_path_factory.mktemp("docx") / "site")
    runs = {
        "plan": import_docx(site, str(FIXTURES / "official-plan.docx"), "--section", "plan", "--slug", "training-2026"),
        "lecture": import_docx(
            site,
            str(FIXTURES / "lecture.docx"),
            "--lecture",
            "--category",
            "立法工作",
            "--slug",
            "legislation-drafting",
        ),
        "notice": import_docx(
            site, str(FIXTURES / "pasted-notice.docx"), "--section", "plan", "--slug", "reading-month"
        ),
    }
    # The pasted notice carries a masked word: the site refuses it until the editor fixes it
    # (here with review --fix, which the import's report suggests).
    refused = build(site, site=site / "refused-out")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    fixed = subprocess.run(
        [sys.executable, "-m", "review", "--fix", "docs/plan/reading-month.md"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    runs["fix"], runs["refused"] = fixed, refused
    return site, runs, build(site)


def test_official_document_page(imported):
    site, runs, _ = imported
    assert runs["plan"].returncode == 0, runs["plan"].stderr
    assert runs["plan"].stdout.splitlines() == ["已导入：docs/plan/training-2026.md", "审核通过：未发现问题。"]
    page = (site / "docs/plan/training-2026.md").read_text(encoding="utf-8")
    head, body = page.split("---\n", 2)[1:]
    # The title's two lines (a soft return) are one title; the date is the 成文日期.
    assert head == "title: 示例市人大常委会机关2026年学习培训工作计划\ndate: 2026-03-05\n"
    lines = body.splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# 示例市人大常委会机关2026年学习培训工作计划",
        "## 一、总体要求",
        "### （一）指导思想",
        "### （二）工作目标",
        "## 二、主要内容",
        "#### 2.学习人大业务知识",
        "##### （1）立法工作",
        "## 三、时间安排",
    ]
    # Run-in numbered lines stay paragraphs; indentation and soft returns inside a sentence go.
    assert "1.学习宪法和法律。系统学习宪法、地方组织法、立法法、监督法。" in lines
    assert "（2）监督工作：听取审议专项工作报告、执法检查、专题询问。" in lines
    assert "全年组织集中学习不少于12次，每名干部参加脱产培训不少于5天。" in lines
    assert "\u3000" not in body
    assert "| 时间 | 内容 | 责任部门 |" in lines and "| 6月 | 立法业务培训 | 法制工作委员会 |" in lines
    assert any(line.endswith("基础性工作。[^1]") for line in lines)
    assert "[^1]: 本计划经机关党组2026年第3次会议审议通过。" in lines
    assert not (site / "docs/plan/training-2026").exists()  # no pictures, no folder


def test_lecture_page_with_picture(imported):
    site, runs, _ = imported
    assert runs["lecture"].returncode == 0, runs["lecture"].stderr
    page = (site / "docs/lectures/posts/2026-03-legislation-drafting.md").read_text(encoding="utf-8")
    head = page.split("---\n")[1]
    assert head == (
        "title: 地方性法规的立项与起草\ndate: 2026-03-12\nslug: legislation-drafting\n"
        "categories:\n- 立法工作\ntags:\n- 人大讲堂\nspeaker: 刘文彬\n"
        "speaker_title: 市人大常委会法制工作委员会主任\n"
    )
    body = page.split("---\n", 2)[2]
    assert "主讲人" not in body and "时间：" not in body  # they became front matter
    assert body.index("<!-- more -->") > body.index("立法选题要从群众")
    assert "### 立项论证" in body and "- 能量化的标准尽量量化。" in body
    assert "![图1 立法工作流程示意](2026-03-legislation-drafting/image1.png)" in body
    with zipfile.ZipFile(FIXTURES / "lecture.docx") as z:
        original = z.read("word/media/image1.png")
    assert (site / "docs/lectures/posts/2026-03-legislation-drafting/image1.png").read_bytes() == original


def test_pasted_text_is_reviewed(imported):
    site, runs, _ = imported
    run = runs["notice"]
    assert run.returncode == 1  # imported, with an error to fix before publishing
    out = run.stdout.splitlines()
    assert out[0] == "已导入：docs/plan/reading-month.md"
    page = (site / "docs/plan/reading-month.md").read_text(encoding="utf-8")
    assert "date: 2026-03-20" in page  # 二〇二六年三月二十日
    assert "\u200b" not in page and "## 二、活动内容" in page
    found = {line.split(" ")[2] for line in out[1:-1]}
    assert found == {"masking/pinyin-substitute", "typography/halfwidth-comma", "typo/idiom-miswritings"}
    # Line 8: three lines of front matter between ---, a blank line, the title, a blank line.
    assert "docs/plan/reading-month.md:8:4: error masking/pinyin-substitute 「dang」" in run.stdout
    assert "docs/plan/reading-month.md:8:11: warning typography/halfwidth-comma" in run.stdout
    assert out[-1].startswith("审核发现 3 处问题（错误 1）")


def test_strict_build_of_the_imported_pages(imported):
    site, runs, built = imported
    assert runs["refused"].returncode == 1
    assert "docs/plan/reading-month.md:8:4: masking/pinyin-substitute" in runs["refused"].output
    assert runs["fix"].returncode == 0, runs["fix"].stdout + runs["fix"].stderr
    assert "为加强党的建设，营造" in (site / "docs/plan/reading-month.md").read_text(encoding="utf-8")
    assert built.returncode == 0, built.output
    plan = (built.site / "plan/training-2026/index.html").read_text(encoding="utf-8")
    assert '<h2 id="一总体要求">一、总体要求<' in plan and "<table>" in plan and 'class="footnote"' in plan
    lecture = (built.site / "lectures/2026/03/12/legislation-drafting/index.html").read_text(encoding="utf-8")
    assert "主讲人：刘文彬" in lecture and 'alt="图1 立法工作流程示意"' in lecture


def test_imported_pages_in_chromium(imported, tmp_path, browser):
    _site, _, built = imported
    assert built.returncode == 0, built.output
    server = serve(built.site)
    context = browser.new_context(viewport={"width": 1100, "height": 1000}, locale="zh-CN")
    try:
        seen: list[str] = []
        context.on("request", lambda r: seen.append(r.url))
        page = context.new_page()
        page.goto(server.url + "lectures/2026/03/12/legislation-drafting/")
        assert page.locator("h1").first.inner_text().startswith("地方性法规的立项与起草")
        assert page.get_by_text("主讲人：刘文彬").is_visible()
        image = page.locator('img[alt="图1 立法工作流程示意"]')
        image.scroll_into_view_if_needed()
        assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) == 120
        shot = tmp_path / "imported-lecture.png"
        page.screenshot(path=str(shot))
        page.goto(server.url + "plan/training-2026/")
        assert page.locator("h2", has_text="一、总体要求").is_visible()
        assert page.locator("table td", has_text="法制工作委员会").is_visible()
        outside = [u for u in seen if not u.startswith((server.url, "data:", "blob:"))]
        assert not outside, outside
        assert shot.stat().st_size > 20_000
        if os.environ.get("UPDATE_SCREENSHOT"):
            shutil.copy(shot, ROOT / "notes" / "img" / "imported-lecture.png")
    finally:
        context.close()
        server.close()


# --- refusals: one line, exit 2, nothing written ------------------------------------------


@pytest.fixture()
def site(tmp_path):
    folder = tmp_path / "site"
    (folder / "docs" / "plan").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy(ROOT / "lecture-categories.yml", folder / "lecture-categories.yml")  # the category registry
    return folder


def refused(site: Path, *args: str) -> str:
    before = snapshot(site)
    run = import_docx(site, *args)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(site) == before
    return run.stderr


def test_old_word_and_wps_files_get_how_to_save_as_docx(site, tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    for name in ("计划.doc", "通知.wps", "disguised.docx"):
        (tmp_path / name).write_bytes(ole)
        message = refused(site, str(tmp_path / name), "--section", "plan", "--slug", "x")
        assert "旧版 Word（.doc）或 WPS 格式" in message and "另存为" in message and "Word 文档 (*.docx)" in message


@pytest.mark.parametrize(
    "content, reason",
    [
        (lambda: (FIXTURES / "lecture.docx").read_bytes()[:5000], "不是有效的 .docx 文件"),  # truncated
        (lambda: b"PK\x03\x04 not really a zip", "不是有效的 .docx 文件"),
        (lambda: _zip({"hello.txt": b"hi"}), "不是有效的 .docx 文件"),  # a zip, not a Word package
        (lambda: _damaged_xml(), "已损坏"),
        (lambda: b"", "不是有效的 .docx 文件"),
    ],
)
def test_broken_files(site, tmp_path, content, reason):
    path = tmp_path / "broken.docx"
    path.write_bytes(content())
    assert reason in refused(site, str(path), "--section", "plan", "--slug", "x")


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _damaged_xml() -> bytes:
    with zipfile.ZipFile(FIXTURES / "official-plan.docx") as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/document.xml"] = files["word/document.xml"][:2000]
    return _zip(files)


def test_an_existing_page_is_kept_unless_forced(site):
    target = site / "docs/plan/training-2026.md"
    target.write_text("---\ntitle: 已有页面\n---\n\n编辑改过的内容。\n", encoding="utf-8")
    args = (str(FIXTURES / "official-plan.docx"), "--section", "plan", "--slug", "training-2026")
    assert "已存在，未覆盖（确需覆盖请加 --force）" in refused(site, *args)
    run = import_docx(site, *args, "--force")
    assert run.returncode == 0, run.stderr
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: 示例市人大常委会机关")


@pytest.mark.parametrize(
    "args, reason",
    [
        ((), "请用 --section 指明栏目"),
        (("--section", "../outside"), "请用 --section 指明栏目"),
        (("--section", "plan", "--slug", "计划"), "只能用小写英文字母"),
        (("--lecture",), "请用 --category 指明分类，可用：人民代表大会制度、立法工作"),
        (("--lecture", "--category", "读书"), "讲堂分类「读书」未在 lecture-categories.yml"),
    ],
)
def test_usage_problems(site, args, reason):
    assert reason in refused(site, str(FIXTURES / "official-plan.docx"), *args)


def test_a_missing_file_and_a_folder_without_docs(site, tmp_path):
    assert "文件不存在" in refused(site, str(tmp_path / "nowhere.docx"), "--section", "plan")
    assert "没有 docs/ 目录" in refused(
        site, str(FIXTURES / "official-plan.docx"), "--section", "plan", "--root", str(tmp_path / "empty")
    )


def test_lecture_without_a_speaker_line(site):
    assert "主讲人" in refused(
        site, str(FIXTURES / "official-plan.docx"), "--lecture", "--category", "立法工作", "--slug", "x"
    )


def test_word_text_never_becomes_markup(site, tmp_path):
    """Text typed in Word is text on the page: no HTML, no Markdown syntax from it."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("测试页面", style="Title")
    doc.add_paragraph("<script>alert(1)</script>和<img src=x onerror=alert(2)>")
    doc.add_paragraph("# 不是标题")
    doc.add_paragraph("**不是粗体** [不是链接](javascript:alert(3)) `不是代码`")
    doc.add_paragraph("2026年4月1日")
    path = tmp_path / "hostile.docx"
    doc.save(path)
    run = import_docx(site, str(path), "--section", "plan", "--slug", "hostile")
    assert run.returncode in (0, 1), run.stderr
    page = (site / "docs/plan/hostile.md").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "\\# 不是标题" in page and "\\*\\*不是粗体\\*\\*" in page and "\\[不是链接\\]" in page
    import markdown

    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "footnotes"])
    assert "<script" not in html and "<img" not in html and "<strong>" not in html and "<a " not in html
    assert "<h1>不是标题</h1>" not in html and "alert(1)" in html


def test_chinese_dates():
    from studysite.docx_markdown import to_iso

    assert to_iso("二〇二六年三月二十日") == "2026-03-20"
    assert to_iso("二〇二六年十二月三十一日") == "2026-12-31"
    assert to_iso("二〇二六年十月一日") == "2026-10-01"
    assert to_iso("2026年3月5日") == "2026-03-05"
    assert to_iso("2026 年 3 月 5 日") == "2026-03-05"
    assert to_iso("2026年2月30日") == ""
    assert to_iso("2026年3月5日起施行") == ""


# --- reviewing the Word file itself ------------------------------------------------------------


def test_check_reports_by_paragraph_and_character(site):
    path = FIXTURES / "pasted-notice.docx"
    before = snapshot(site)
    run = import_docx(site, str(path), "--check")
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        f"{path}:第2段第6字: error masking/pinyin-substitute 「dang」疑为「党」被屏蔽后的拼音替换 → 党",
        f"{path}:第2段第13字: warning typography/halfwidth-comma 中文语境中应使用全角逗号「，」 → ，",
        f"{path}:第5段第7字: warning markup/invisible-character 文稿含有读者看不见的字符（零宽字符、软连字符或变体选择符），"
        "会把词语或号码拆开，使检索找不到，应删除 → （删除）",
        f"{path}:第6段第7字: warning typo/idiom-miswritings 「再接再励」有错别字，应写作「再接再厉」 → 再接再厉",
        "审核发现 4 处问题（错误 1）。",
    ]
    assert snapshot(site) == before  # nothing imported
    clean = import_docx(site, str(FIXTURES / "official-plan.docx"), "--check")
    assert clean.returncode == 0 and clean.stdout == "审核通过：未发现问题。\n"


def test_check_sees_table_cells_and_indented_paragraphs(site, tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("标题")
    doc.add_paragraph("    四个空格开头的段落，我们要再接再励。")  # not code: still reviewed
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "要求"
    table.cell(1, 0).text, table.cell(1, 1).text = "学习", "加强dang的建设"
    path = tmp_path / "t.docx"
    doc.save(path)
    run = import_docx(site, str(path), "--check")
    assert run.returncode == 1
    assert run.stdout.splitlines()[:2] == [
        f"{path}:第2段第18字: warning typo/idiom-miswritings 「再接再励」有错别字，应写作「再接再厉」 → 再接再厉",
        f"{path}:表1第2行第2列第3字: error masking/pinyin-substitute 「dang」疑为「党」被屏蔽后的拼音替换 → 党",
    ]


def test_check_refuses_what_it_cannot_read(site, tmp_path):
    path = tmp_path / "x.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "另存为" in refused(site, str(path), "--check")


def test_fixtures_are_what_the_generator_makes(tmp_path):
    """The committed .docx files are exactly the output of make_fixtures.py."""
    subprocess.run(
        [sys.executable, str(FIXTURES / "make_fixtures.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert made == sorted(p.name for p in FIXTURES.glob("*.docx"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name
