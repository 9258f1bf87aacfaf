"""studysite.gate (the source gate reads files as `review` does) and studysite.build
(all-or-nothing publishing)."""

from __future__ import annotations

import logging

import pytest
from engine_support import ROOT

from studysite import build, gate


@pytest.mark.parametrize(
    ("name", "bad"),
    [("a.md", False), ("a.markdown", False), ("a.MD", True), ("a.Markdown", True), ("a.MKD", True), ("a.txt", False)],
)
def test_misnamed_markdown(name, bad):
    assert bool(gate.misnamed_markdown(f"x/{name}")) is bad


def test_nul_bytes_refused_like_the_cli(tmp_path):
    from review.api import load_rules

    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "a.md"
    page.write_bytes("---\ntitle: 标题\n---\n\n正文\x00。\n".encode())
    result = gate.review_file(load_rules(ROOT), str(tmp_path), str(page))
    assert result.refused and "docs/a.md" in result.refused and "NUL" in result.refused
    assert result.status == "未通过"


def test_status_box_lists_findings():
    from review.api import check_text, load_rules

    findings = check_text(load_rules(ROOT), "docs/a.md", "---\ntitle: 标题\n---\n\n学习dang的精神。\n")
    box = gate.status_box(findings)
    assert box.startswith('!!! failure "审核：') and "masking/pinyin-substitute" in box


def test_publish_moves_the_staged_site_into_place(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.txt").write_text("old")
    staging = build.stage(str(final), strict=True)
    (tmp_path / staging.folder / "new.txt").write_text("new")
    assert build.publish(staging)
    assert sorted(p.name for p in final.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_warning_in_strict_mode_publishes_nothing(tmp_path):
    final = tmp_path / "site"
    staging = build.stage(str(final), strict=True)
    logging.getLogger("mkdocs.test").warning("something")
    assert not build.publish(staging)
    build.discard(staging)
    assert not final.exists() and list(tmp_path.iterdir()) == []


def test_required_hooks():
    assert (
        gate.missing_hooks(["hooks/drafts.py", "hooks/review_gate.py", "hooks/offline.py", "hooks/publish.py"]) is None
    )
    message = gate.missing_hooks(["hooks/review_gate.py", "hooks/pages.py"])
    assert "hooks/drafts.py" in message and "hooks/publish.py" in message


def test_a_dirty_build_starts_from_the_current_site(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "kept.html").write_text("kept")
    staging = build.stage(str(final), strict=False, dirty=True)
    assert (tmp_path / staging.folder / "kept.html").read_text() == "kept"
    build.discard(staging)
