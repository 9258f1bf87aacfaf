"""`review --format html`: the real command's report opened in Debian's Chromium. Every
finding of the JSON output of the same run is on the page, in its file and severity group,
with exactly its text marked in the context line(s); the page makes no request but its own;
it prints (navigation hidden, findings visible, a PDF comes out); and text from a draft can
never become markup in the report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from site_support import ROOT, serve

pytestmark = pytest.mark.e2e  # builds the site or drives Chromium: not in `make check`

SEED = ROOT.parent / "shared" / "corpus" / "work-plan-2026-raw.txt"
DRAFTS = ROOT / "tests" / "corpus" / "drafts"


def review(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, "-m", "review", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )


def report_and_findings(folder: Path, paths: list[str]) -> tuple[Path, list[dict]]:
    html = review(folder, "--format", "html", *paths)
    data = review(folder, "--format", "json", *paths)
    assert html.returncode in (0, 1) and data.returncode == html.returncode, html.stderr + data.stderr
    out = folder / "report.html"
    out.write_text(html.stdout, encoding="utf-8")
    return out, json.loads(data.stdout)["findings"]


def shown(text: str) -> str:
    """How the report shows a finding's text: invisible characters as their code point."""
    return "".join(
        f"U+{ord(c):04X}"
        if (unicodedata.category(c) in ("Cf", "Cc", "Co", "Cs", "Zl", "Zp") and c not in "\n\t") or c == "\u3164"
        else c
        for c in text
    )


def open_report(browser, report: Path):
    """The report served from 127.0.0.1, in a context that records every request and
    every dialog (an injected script would open one)."""
    server = serve(report.parent)
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    seen: list[str] = []
    dialogs: list[str] = []
    context.on("request", lambda req: seen.append(req.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = server.url + report.name
    page.goto(url)
    page.wait_for_load_state("load")
    return server, context, page, url, seen, dialogs


def check_every_finding_in_context(page, findings: list[dict]) -> None:
    articles = page.evaluate("""() => [...document.querySelectorAll('article.finding')].map(a => ({
        path: a.closest('section.file').dataset.path,
        group: a.previousElementSibling && [...a.parentElement.querySelectorAll('h3')]
            .filter(h => h.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING).pop().className,
        rule: a.dataset.rule, line: +a.dataset.line, column: +a.dataset.column,
        marked: [...a.querySelectorAll('pre.context mark')].map(m => m.textContent).join('\\n'),
        context: !!a.querySelector('pre.context .ln'),
        message: a.querySelector('.message').textContent,
        visible: [...a.querySelectorAll('pre.context mark')].every(m => m.getBoundingClientRect().width > 0),
        explained: !!a.querySelector('dl.explain'),
        suggestion: a.querySelector('.suggestion b') ? a.querySelector('.suggestion b').textContent : null,
    }))""")
    assert len(articles) == len(findings)
    got = sorted(
        (a["path"], a["group"], a["rule"], a["line"], a["column"], a["marked"], a["message"], a["suggestion"])
        for a in articles
    )
    want = sorted(
        (
            f["path"],
            f["severity"],
            f["rule"],
            f["line"],
            f["column"],
            shown(f["text"]),
            shown(f["message"]),
            None if f["suggestion"] is None else (shown(f["suggestion"]) or "（删除）"),
        )
        for f in findings
    )
    assert got == want
    # In context (the source line with line numbers), visible, explained.
    assert all(a["context"] and a["visible"] and a["explained"] for a in articles if a["marked"])
    # The summary counts what the run found.
    total = page.eval_on_selector('[data-count="total"]', "e => +e.textContent")
    assert total == len(findings)


def check_prints(page, tmp_path: Path) -> None:
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert page.locator("article.finding").first.is_visible()
    assert page.locator("article.finding mark").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (tmp_path / "report.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    assert page.locator("nav").is_visible()


def test_seed_document_report(browser, tmp_path):
    if not SEED.exists():
        pytest.skip("../shared/corpus/work-plan-2026-raw.txt is not present (the seed document)")
    shutil.copyfile(SEED, tmp_path / "work-plan-2026.md")
    report, findings = report_and_findings(tmp_path, ["work-plan-2026.md"])
    assert len(findings) > 100  # the seed document is full of defects
    server, context, page, url, seen, dialogs = open_report(browser, report)
    try:
        check_every_finding_in_context(page, findings)
        assert seen == [url], seen  # nothing but the page itself
        check_prints(page, tmp_path)
        assert not dialogs
    finally:
        context.close()
        server.close()


def test_corpus_drafts_report(browser, tmp_path):
    """Several files (always present in the repository): grouped by file and severity."""
    names = ["study-materials.md", "news-and-personal-data.md", "markup.md", "metadata-unclosed.md"]
    (tmp_path / "drafts").mkdir()
    for name in names:
        shutil.copyfile(DRAFTS / name, tmp_path / "drafts" / name)
    report, findings = report_and_findings(tmp_path, ["drafts"])
    assert {f["severity"] for f in findings} >= {"error", "warning"}
    assert len({f["path"] for f in findings}) == len(names)
    server, context, page, url, seen, dialogs = open_report(browser, report)
    try:
        check_every_finding_in_context(page, findings)
        sections = page.eval_on_selector_all("section.file", "s => s.map(e => e.dataset.path)")
        assert sections == sorted({f["path"] for f in findings})
        # Within a file, errors come before warnings before notes.
        order = page.eval_on_selector_all(
            "section.file",
            """s => s.map(e =>
            [...e.querySelectorAll('h3')].map(h => h.className))""",
        )
        rank = {"error": 0, "warning": 1, "info": 2}
        assert all([rank[c] for c in groups] == sorted(rank[c] for c in groups) for groups in order)
        assert seen == [url], seen
        check_prints(page, tmp_path)
        assert not dialogs
    finally:
        context.close()
        server.close()


HOSTILE = """---
title: 测试<script>alert("title")</script>
---

# 标题

我们要再接再励<script>alert(1)</script>，<img src="http://example.com/x.png" onerror="alert(2)">dang的建设。

链接[点此](javascript:alert(3))和 <iframe src="https://example.org/"></iframe> 以及 \u202e倒序\u202c 文字。

<style>body{display:none}</style>
"""


def test_draft_text_cannot_become_markup(browser, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    # A file name is draft-controlled text too.
    name = 'x"><img src=y onerror=alert(4)>.md'
    (folder / name).write_text(HOSTILE, encoding="utf-8")
    report, findings = report_and_findings(folder, [name])
    assert any("<script>" in f["text"] or "<iframe" in f["text"] for f in findings)
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text and "<iframe" not in text and "<img" not in text.replace("&lt;img", "")
    assert "\u202e" not in text  # shown as U+202E, never acting on the page
    server, context, page, url, seen, dialogs = open_report(browser, report)
    try:
        page.wait_for_timeout(300)
        assert not dialogs
        assert seen == [url], seen
        assert page.evaluate("() => document.querySelectorAll('script, img, iframe, style').length") == 1  # our <style>
        assert page.locator("article.finding").first.is_visible()  # the draft's <style> did not hide the page
        check_every_finding_in_context(page, findings)
        assert page.get_by_text("U+202E").first.is_visible()
    finally:
        context.close()
        server.close()


def test_changed_file_falls_back_to_the_reported_text(tmp_path, monkeypatch):
    """A file edited (or deleted) after the review: the report shows the finding's own text
    instead of marking the wrong characters."""
    from review.model import Finding
    from review.report import RENDERERS

    (tmp_path / "a.md").write_text("全新的一行内容。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    f = Finding(
        path="a.md",
        line=1,
        column=3,
        end_line=1,
        end_column=7,
        rule="typo/x",
        category="typo",
        severity="warning",
        message="「再接再励」应写作「再接再厉」",
        text="再接再励",
        suggestion="再接再厉",
        fixable=True,
    )
    gone = f._replace(path="gone.md")
    page = RENDERERS["html"]((f, gone), {}, 2)
    assert page.count("<mark>再接再励</mark>") == 2
    assert page.count("无法读取原文") == 2
    assert "审核文件 2 个，其中 2 个有问题" in page


def test_no_findings(tmp_path):
    from review.report import RENDERERS

    page = RENDERERS["html"]((), {}, 3)
    assert "未发现问题" in page and "审核文件 3 个，其中 0 个有问题" in page
