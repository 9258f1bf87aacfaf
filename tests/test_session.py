"""The session: which files a run reviews, and reviewing them with one shared Rules object."""

from __future__ import annotations

import os
from pathlib import Path

from review.session import Plan, Session, collect


def test_folders_are_searched_for_every_markdown_extension_in_any_case(tmp_path: Path):
    """Every extension MkDocs renders is reviewed; one in another letter case is found and
    refused (MkDocs would copy it verbatim; the build refuses it too)."""
    names = (
        "a.md",
        "b.MD",
        "c.markdown",
        "d.Markdown",
        "e.txt",
        "f.mdx",
        "sub/g.Md",
        ".hidden/h.md",
        "i.mdown",
        "j.mkdn",
        "k.mkd",
        "l.MKD",
    )
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# 标题\n", encoding="utf-8")
    files, errors = collect([str(tmp_path)], cwd=str(tmp_path))
    assert [os.path.basename(shown) for _, shown in files] == ["a.md", "c.markdown", "i.mdown", "j.mkdn", "k.mkd"]
    assert sorted(os.path.basename(e.path) for e in errors) == ["b.MD", "d.Markdown", "g.Md", "l.MKD"]
    assert all("小写" in e.reason for e in errors)


def test_a_file_named_on_the_command_line_is_reviewed_whatever_its_suffix(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    files, errors = collect([str(tmp_path / "notes.txt"), str(tmp_path / "missing.md")], cwd=str(tmp_path))
    assert [shown for _, shown in files] == [str(tmp_path / "notes.txt")]
    assert [e.reason for e in errors] == ["文件或目录不存在"]


def test_a_link_out_of_the_working_folder_is_refused(tmp_path: Path):
    outside, repo = tmp_path / "outside", tmp_path / "repo"
    outside.mkdir(), repo.mkdir()
    (outside / "x.md").write_text("dang的\n", encoding="utf-8")
    (repo / "x.md").symlink_to(outside / "x.md")
    files, errors = collect([str(repo)], cwd=str(repo))
    assert files == [] and "符号链接指向工作目录之外" in errors[0].reason


def test_one_rules_object_serves_every_path(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.review]\nper-path-ignores = {"old/*" = ["masking"]}\n', encoding="utf-8"
    )
    for folder in ("new", "old"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text("---\ntitle: 标题\n---\n学习dang的理论。\n", encoding="utf-8")
    session = Session(Plan(None, str(tmp_path), select=("masking",)))
    files, _ = collect([str(tmp_path / "new"), str(tmp_path / "old")], cwd=str(tmp_path))
    results = list(session.run(files))
    assert [len(r.findings) for r in results] == [1, 0]
    assert session.rules.ruleset(str(tmp_path / "new/a.md")) is session.rules.ruleset(str(tmp_path / "new/b.md"))


def test_paths_resolve_as_realpath_does(tmp_path: Path, monkeypatch):
    """collect() resolves each folder once and joins the names of files that are not links:
    for files, links to files and folders inside and outside the working folder, relative
    and absolute paths, the real path and the verdict must be those of os.path.realpath."""
    import os

    from review.session import _resolve, _within

    work, outside = tmp_path / "work", tmp_path / "outside"
    (work / "docs" / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "o.md").write_text("x", encoding="utf-8")
    (work / "docs" / "a.md").write_text("x", encoding="utf-8")
    (work / "docs" / "sub" / "b.md").write_text("x", encoding="utf-8")
    (work / "docs" / "to-outside.md").symlink_to(outside / "o.md")
    (work / "docs" / "to-a.md").symlink_to(work / "docs" / "a.md")
    (work / "linked").symlink_to(outside, target_is_directory=True)
    (work / "alias").symlink_to(work / "docs", target_is_directory=True)
    monkeypatch.chdir(work)
    inside = os.path.realpath(str(work))
    items = [
        "docs/a.md",
        "docs/sub/b.md",
        "docs/to-outside.md",
        "docs/to-a.md",
        "linked/o.md",
        "alias/a.md",
        "alias/sub/b.md",
        "./docs/../docs/a.md",
        str(work / "docs" / "a.md"),
        str(outside / "o.md"),
        "docs/sub/..",
    ]
    folders: dict = {}
    for item in items:
        real = os.path.realpath(item)
        expected = (real, _within(os.path.abspath(item), inside) and not _within(real, inside))
        assert _resolve(item, inside, folders) == expected, item
    assert _resolve("linked/o.md", inside, folders)[1] and not _resolve("alias/a.md", inside, folders)[1]
