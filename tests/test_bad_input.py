"""Bad input: one clear line with file and reason, the documented exit status, no
traceback, and --fix never writes a file it could not fully read."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time

import pytest
from engine_support import fixture_config, fixture_ids, run_fixture, run_review

OK = "---\ntitle: 好\n---\n学习党的建设。\n"


@pytest.fixture
def work(tmp_path):
    fixture_config(tmp_path)
    return tmp_path


def no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr, proc.stderr


def test_empty_file_reports_missing_title_only(work):
    (work / "empty.md").write_bytes(b"")
    proc = run_fixture("empty.md", cwd=work)
    assert proc.returncode == 1 and proc.stdout == "empty.md:1:1: error metadata/test-title 缺少 title\n"


def test_50_mb_file_refused_and_untouched(work):
    path = work / "huge.md"
    with open(path, "wb") as fh:
        fh.write(("学习dang的建设,工作。\n" * 1000).encode() * 1800)  # about 50 MB
    size = path.stat().st_size
    assert size > 49 * 1024 * 1024
    proc = run_fixture("huge.md", "--fix", cwd=work)
    assert proc.returncode == 2 and "huge.md" in proc.stderr and "文件过大" in proc.stderr
    no_traceback(proc)
    assert path.stat().st_size == size


@pytest.mark.slow
def test_single_5_mb_line(work):
    line = "学习dang的建设" + "，工作" * (5 * 1024 * 1024 // 9)
    (work / "line.md").write_text("---\ntitle: 长行\n---\n" + line + "\n", encoding="utf-8")
    proc = run_fixture("line.md", "--format", "json", cwd=work)
    assert proc.returncode == 1
    no_traceback(proc)
    assert '"rule": "masking/test-pinyin"' in proc.stdout and '"line": 4' in proc.stdout


@pytest.mark.slow
def test_deeply_nested_lists_and_quotes(work):
    nested = (
        "".join("  " * i + "- 列表dang的\n" for i in range(2000))
        + "\n"
        + "".join(">" * i + " 引用dang的\n" for i in range(1, 2000))
    )
    (work / "deep.md").write_text("---\ntitle: 嵌套\n---\n" + nested, encoding="utf-8")
    proc = run_fixture("deep.md", "--format", "json", cwd=work)
    no_traceback(proc)
    assert proc.returncode == 1 and proc.stdout.count('"rule": "masking/test-pinyin"') >= 2000


def test_unterminated_code_fence_hides_nothing_from_the_guard_rules(work):
    """The rest of the file is code to the style rules; a reader still sees it, so the guard
    rules read it (and nothing in it is fixed)."""
    (work / "fence.md").write_text("---\ntitle: 代码\n---\n正文\n```\n学习dang的,再接再励\n", encoding="utf-8")
    proc = run_fixture("fence.md", cwd=work)
    no_traceback(proc)
    assert proc.returncode == 1
    assert [line.split(" ")[2] for line in proc.stdout.splitlines()] == ["masking/test-pinyin"]
    assert run_fixture("fence.md", "--fix", cwd=work).returncode == 1
    assert (work / "fence.md").read_text(encoding="utf-8").endswith("学习dang的,再接再励\n")


def test_unterminated_front_matter(work):
    (work / "fm.md").write_text("---\ntitle: 未闭合\n正文\n", encoding="utf-8")
    proc = run_fixture("fm.md", cwd=work)
    no_traceback(proc)
    assert proc.returncode == 1 and proc.stdout.startswith("fm.md:1:1: error metadata/test-parse ")


def test_front_matter_not_a_mapping(work):
    (work / "list.md").write_text("---\n- 甲\n- 乙\n---\n正文\n", encoding="utf-8")
    proc = run_fixture("list.md", cwd=work)
    assert proc.returncode == 1 and "list.md:1:1: error metadata/test-parse" in proc.stdout and "映射" in proc.stdout


def test_symlink_outside_the_tree_is_refused_and_untouched(work, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text("学习dang的\n", encoding="utf-8")
    (work / "docs").mkdir()
    (work / "docs" / "link.md").symlink_to(outside)
    (work / "docs" / "ok.md").write_text(OK, encoding="utf-8")
    proc = run_fixture("docs", "--fix", cwd=work)
    assert proc.returncode == 2 and "docs/link.md" in proc.stderr and "工作目录之外" in proc.stderr
    no_traceback(proc)
    assert outside.read_text(encoding="utf-8") == "学习dang的\n" and (work / "docs" / "link.md").is_symlink()


def test_symlink_inside_the_tree_is_fixed_through_the_link(work):
    (work / "real.md").write_text("---\ntitle: t\n---\n学习dang的\n", encoding="utf-8")
    (work / "link.md").symlink_to(work / "real.md")
    proc = run_fixture("link.md", "--fix", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert (work / "link.md").is_symlink() and "学习党的" in (work / "real.md").read_text(encoding="utf-8")


def test_fifo_named_md_does_not_hang(work):
    os.mkfifo(work / "pipe.md")
    proc = run_fixture("pipe.md", cwd=work)
    assert proc.returncode == 2 and "pipe.md" in proc.stderr and "不是普通文件" in proc.stderr


def test_dangling_symlink_reported(work):
    (work / "gone.md").symlink_to(work / "nowhere.md")
    proc = run_fixture("gone.md", cwd=work)
    assert proc.returncode == 2 and "gone.md" in proc.stderr
    no_traceback(proc)


def test_directory_named_md(work):
    (work / "folder.md").mkdir()
    proc = run_fixture("folder.md", cwd=work)
    assert proc.returncode == 0  # a folder is searched for *.md, and this one has none


@pytest.mark.e2e
def test_files_vanishing_during_a_run(work):
    """Files deleted while review walks the folder: each is reviewed or reported as gone."""
    docs = work / "docs"
    docs.mkdir()
    names = [docs / f"p{i:04d}.md" for i in range(600)]
    for n in names:
        n.write_text(OK + "学习dang的\n" * 50, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "review", "--select", fixture_ids(), "--jobs", "1", "docs"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    rng = random.Random(7)

    def delete():
        for n in rng.sample(names, 300):
            n.unlink()
            time.sleep(0.0005)

    t = threading.Thread(target=delete)
    t.start()
    out, err = proc.communicate(timeout=120)
    t.join()
    assert "Traceback" not in err
    assert proc.returncode in (1, 2)
    for line in err.splitlines():
        assert (line.startswith("review: docs/p") and "不存在" in line) or line.startswith("共 "), line
    reported = {line.split(":", 1)[0] for line in out.splitlines()}
    gone = {line.split(":", 2)[1].strip() for line in err.splitlines() if line.startswith("review:")}
    assert not reported & gone


@pytest.mark.parametrize(
    "pack,line,words",
    [
        (
            "rules:\n  - id: typo/x\n    kind: pattern\n    severity: error\n    message: m\n    standard: s\n    rationale: r\n"
            "    pattern: '(\\w+\\s?)*$'\n    examples: [{bad: a}, {good: b}]\n",
            8,
            "回溯",
        ),
        (
            "rules:\n  - id: typo/x\n    kind: lexicon\n    severity: 3\n    terms: [a]\n    message: m\n    standard: s\n    rationale: r\n"
            "    examples: [{bad: a}, {good: b}]\n",
            4,
            "severity",
        ),
        (
            "rules:\n  - id: typo/x\n    kind: lexicon\n    severity: error\n    terms: 5\n    message: m\n    standard: s\n    rationale: r\n"
            "    examples: [{bad: a}, {good: b}]\n",
            5,
            "terms",
        ),
        ("rules: [\n", 2, "YAML"),
        ("\tnot: yaml: at all\n", 1, "YAML"),
    ],
)
def test_hostile_rule_files_exit_2_with_file_and_line(tmp_path, pack, line, words):
    (tmp_path / "site.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.review]\nrules = ["site.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(OK, encoding="utf-8")
    proc = run_review("a.md", cwd=tmp_path)
    assert proc.returncode == 2
    no_traceback(proc)
    (message,) = proc.stderr.strip().splitlines()
    assert f"site.yaml:{line}:" in message and words in message, message


@pytest.mark.e2e
def test_fix_on_a_read_only_file_system_exit_2_and_untouched(work):
    ro = work / "ro"
    ro.mkdir()
    (ro / "a.md").write_text("---\ntitle: t\n---\n学习dang的\n", encoding="utf-8")
    if subprocess.run(["mount", "--bind", "-o", "ro", str(ro), str(ro)], capture_output=True).returncode:
        pytest.skip("this machine cannot make a read-only mount")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True)
        proc = run_fixture("ro/a.md", "--fix", cwd=work)
        assert proc.returncode == 2 and "ro/a.md" in proc.stderr and "无法写入" in proc.stderr, proc.stderr
        no_traceback(proc)
        assert (ro / "a.md").read_text(encoding="utf-8").endswith("学习dang的\n")
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_in_front_matter(work, brk):
    """YAML breaks lines at NEL, U+2028 and U+2029; the file does not: positions still hold."""
    text = f'---\ntitle: "甲{brk}乙{brk}丙{brk}丁{brk}戊"\ndate: 2026-02-30\n---\n正文\n'
    (work / "sep.md").write_text(text, encoding="utf-8")
    proc = run_fixture("sep.md", "--format", "json", cwd=work)
    no_traceback(proc)
    (date,) = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "metadata/test-date"]
    assert (date["line"], date["column"], date["text"]) == (3, 7, "2026-02-30")


def test_symlinked_folder_leading_outside_is_refused(work, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "a.md").write_text("学习dang的\n", encoding="utf-8")
    (work / "linked").symlink_to(outside, target_is_directory=True)
    proc = run_fixture("linked/a.md", "--fix", cwd=work)
    assert proc.returncode == 2 and "linked/a.md" in proc.stderr and "工作目录之外" in proc.stderr
    assert (outside / "a.md").read_text(encoding="utf-8") == "学习dang的\n"


@pytest.mark.parametrize(
    ("toml", "line"),
    [("[tool]\nreview = 3\n", 2), ("tool = 3\n", 1), ('[tool]\nreview = "x"\n', 2)],
)
def test_a_tool_review_that_is_not_a_table_is_one_line_and_exit_2(tmp_path, toml, line):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 测试\n---\n\n正文。\n", encoding="utf-8")
    result = run_review("a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and f"pyproject.toml:{line}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_named_list_is_read_as_the_site_build_reads_it(tmp_path):
    """A tab after a value: PyYAML's pure-Python loader (the build's, studysite/lectures.py)
    refuses it, libyaml would not; review refuses it too, so both agree on the registry."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.review]\nlists = { lecture-categories = "cats.yml" }\n', encoding="utf-8"
    )
    (tmp_path / "cats.yml").write_text("立法工作: legislation\t\n监督工作: oversight\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 测试\n---\n\n正文。\n", encoding="utf-8")
    result = run_review("a.md", cwd=tmp_path)
    assert result.returncode == 2 and "cats.yml 第 1 行 不是有效的 YAML" in result.stderr


def test_a_file_that_grows_while_it_is_read_is_read_whole_or_refused(tmp_path, monkeypatch):
    """The read is sized by fstat; a file that grew since (a size that is now too small) must
    still be read to its end, or refused when it passed the limit."""
    from review.document import source

    real_fstat = os.fstat

    def stale(fd):  # the size the file had a moment ago
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *tuple(st)[1:6], 3, *tuple(st)[7:]))

    monkeypatch.setattr(source.os, "fstat", stale)
    page = tmp_path / "p.md"
    page.write_text("# 标题\n\n正文内容。\n" * 50, encoding="utf-8")
    assert source.read(str(page)).text == page.read_text(encoding="utf-8")
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"a" * (source.MAX_BYTES + 10))
    with pytest.raises(source.ReviewError, match="文件过大"):
        source.read(str(huge))


def test_an_unreadable_file_in_a_parallel_run_is_one_line(tmp_path):
    """With enough files the run uses worker processes; a file a worker cannot read (a NUL
    byte) must come back as its one-line error with exit 2, the other files reviewed, not
    as a broken pool and a traceback (the error has to survive pickling)."""
    import pickle

    from review.model import ReviewError

    err = pickle.loads(pickle.dumps(ReviewError("a.md", 3, "原因")))
    assert (err.path, err.line, err.reason, str(err)) == ("a.md", 3, "原因", "a.md:3: 原因")
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(70):
        (folder / f"p{i:02d}.md").write_text("# 标题\n\n学习dang的建设。\n", encoding="utf-8")
    (folder / "p00.md").write_bytes(b"# \xe6\xa0\x87\x00\n")
    proc = subprocess.run(
        [sys.executable, "-m", "review", "--jobs", "2", "docs"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "p00.md" in proc.stderr and "NUL" in proc.stderr
    assert proc.stdout.count("masking/pinyin-substitute") == 69
