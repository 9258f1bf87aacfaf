"""The real `review` command: formats, exit status, options, configuration, bad input."""

import json
import os

import pytest
from engine_support import as_json, fixture_config, run_fixture, run_review, run_review_process

BAD = "---\ntitle: 测试\n---\n学习dang的建设,再接再励。\n`dang的`\n"


@pytest.fixture
def site(tmp_path):
    fixture_config(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("---\ntitle: 好\n---\n学习党的建设。\n", encoding="utf-8")
    return tmp_path


def test_default_path_is_docs_and_text_format(site):
    proc = run_fixture(cwd=site)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "docs/a.md:4:3: error masking/test-pinyin 「dang」疑为「党」的屏蔽替换 → 党"
    # Inline code is shown to readers: the guard rules read it (the style rules do not).
    assert lines[-1] == "docs/a.md:5:2: error masking/test-pinyin 「dang」疑为「党」的屏蔽替换 → 党"
    assert all(line.startswith("docs/a.md:4:") for line in lines[:-1])
    assert "共 4 处问题" in proc.stderr


def test_json_text_equals_source_slice(site):
    data = as_json(run_fixture("docs", "--format", "json", cwd=site))
    assert data["version"] == 1 and data["files"] == 2
    assert data["summary"] == {"error": 2, "warning": 2, "info": 0}
    in_code = [f for f in data["findings"] if f["line"] == 5]
    assert [(f["rule"], f["fixable"]) for f in in_code] == [("masking/test-pinyin", False)]  # code is never fixed
    lines = BAD.split("\n")
    for f in data["findings"]:
        assert f["line"] == f["end_line"]
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]
        assert set(f) == {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "rule",
            "category",
            "severity",
            "message",
            "text",
            "suggestion",
            "fixable",
        }


def test_sarif(site):
    data = as_json(run_fixture("--format", "sarif", cwd=site))
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert sorted(r["id"] for r in run["tool"]["driver"]["rules"]) == [
        "masking/test-pinyin",
        "typo/test-words",
        "typography/test-comma",
    ]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (4, 3, 7)
    fix = run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "党" and fix["deletedRegion"] == {
        k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")
    }


def test_github_annotations(site):
    out = run_fixture("--format", "github", cwd=site).stdout.splitlines()
    assert out[0].startswith("::error file=docs/a.md,line=4,col=3,endLine=4,endColumn=7,title=masking/test-pinyin::")


def test_select_ignore_fail_on(site):
    assert run_review("--select", "typo/test-words", "--format", "json", cwd=site).returncode == 0  # warnings only
    assert run_review("--select", "typo/test-words", "--fail-on", "warning", cwd=site).returncode == 1
    data = as_json(run_fixture("--ignore", "masking,typo/test-words", "--format", "json", cwd=site))
    assert [f["rule"] for f in data["findings"]] == ["typography/test-comma"]
    bad = run_review("--select", "nosuch", cwd=site)
    assert bad.returncode == 2 and "nosuch" in bad.stderr and "Traceback" not in bad.stderr


def test_fix_then_second_fix_changes_nothing(site):
    proc = run_fixture("--fix", cwd=site)
    # What remains is the word in inline code: reported, never fixed (code stays as written).
    assert proc.returncode == 1 and proc.stdout.startswith("docs/a.md:5:2:"), proc.stdout + proc.stderr
    fixed = (site / "docs" / "a.md").read_text(encoding="utf-8")
    assert fixed == "---\ntitle: 测试\n---\n学习党的建设，再接再厉。\n`dang的`\n"
    before = os.stat(site / "docs" / "a.md").st_mtime_ns
    assert run_fixture("--fix", cwd=site).returncode == 1
    assert os.stat(site / "docs" / "a.md").st_mtime_ns == before


def test_fix_keeps_bom_and_crlf(site):
    path = site / "docs" / "a.md"
    path.write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode())
    run_fixture("--fix", cwd=site)
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbf" + "---\r\ntitle: 测试\r\n---\r\n学习党的建设，再接再厉。\r\n`dang的`\r\n".encode()
    )


def test_diff_changes_nothing(site):
    proc = run_fixture("--diff", cwd=site)
    assert "-学习dang的建设,再接再励。" in proc.stdout and "+学习党的建设，再接再厉。" in proc.stdout
    assert (site / "docs" / "a.md").read_text(encoding="utf-8") == BAD


def test_list_rules_and_explain(site):
    listing = run_review("--list-rules", cwd=site).stdout
    assert "masking/test-pinyin\tmasking\terror\t可修复\t" in listing
    explained = run_review("--explain", "typo/test-words", cwd=site)
    assert explained.returncode == 0 and "标准写法：再接再厉" in explained.stdout and "✗ 再接再励" in explained.stdout
    assert run_review("--explain", "typo/none", cwd=site).returncode == 2


def test_stats_lists_counts_and_suppressions(site):
    (site / "docs" / "c.md").write_text(
        "---\ntitle: c\n---\n<!-- review-disable-next-line masking/test-pinyin -- 引用原件 -->\n学习dang的\n",
        encoding="utf-8",
    )
    out = run_fixture("--stats", cwd=site).stdout
    assert "2  masking/test-pinyin" in out  # docs/a.md: the prose and the inline code
    assert "docs/c.md:4: masking/test-pinyin" in out and "引用原件" in out


def test_config_severity_and_per_path_ignores(tmp_path, site):
    fixture_config(
        site,
        '[tool.review.severity]\n"typo/test-words" = "error"\n'
        '[tool.review.per-path-ignores]\n"docs/a.md" = ["typography"]\n',
    )
    data = as_json(run_fixture("--format", "json", cwd=site))
    assert {(f["rule"], f["severity"]) for f in data["findings"]} == {
        ("masking/test-pinyin", "error"),
        ("typo/test-words", "error"),
    }


@pytest.mark.parametrize(
    "toml,words",
    [
        ("[tool.review]\ncolour = 1\n", "未知配置项"),
        ("[tool.review\n", "TOML"),
        ('[tool.review]\nrules = ["missing.yaml"]\n', "找不到规则文件"),
        ('[tool.review.severity]\n"secrecy" = "info"\n', "不能降级"),
        ('[tool.review.severity]\n"privacy" = "warning"\n', "不能降级"),
        ('[tool.review.per-path-ignores]\n"docs/*" = ["privacy"]\n', "不能按路径整体忽略"),
        ('[tool.review.severity]\n"typo/nope" = "error"\n', "typo/nope"),
    ],
)
def test_bad_config_exit_2_one_line(tmp_path, toml, words):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: t\n---\n好\n", encoding="utf-8")
    proc = run_review("a.md", cwd=tmp_path)
    assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "pyproject.toml" in proc.stderr


def test_broken_rule_file_exit_2(tmp_path):
    (tmp_path / "r.yaml").write_text("rules:\n  - id: typo/x\n    kind: pattern\n    pattern: '(a'\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.review]\nrules = ["r.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("好\n", encoding="utf-8")
    proc = run_review("a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "r.yaml:2:" in proc.stderr and "typo/x" in proc.stderr


@pytest.mark.parametrize(
    "data,words",
    [
        ("学习材料，第一章。".encode("gb18030"), "GB18030"),
        (b"\xff\xfe" + "学习".encode("utf-16-le"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        ("前文\n".encode() + b"\xe5\xad" + "\n后文".encode(), "无效的 UTF-8"),
    ],
)
def test_unreadable_input_exit_2_and_fix_writes_nothing(tmp_path, data, words):
    (tmp_path / "a.md").write_bytes(data)
    (tmp_path / "b.md").write_text("---\ntitle: t\n---\n好\n", encoding="utf-8")
    for args in (["."], [".", "--fix"]):
        proc = run_review(*args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert words in proc.stderr and "a.md" in proc.stderr and "Traceback" not in proc.stderr
        assert (tmp_path / "a.md").read_bytes() == data


def test_missing_path_exit_2(tmp_path):
    proc = run_review("nothere.md", cwd=tmp_path)
    assert proc.returncode == 2 and "nothere.md" in proc.stderr and "不存在" in proc.stderr


def test_usage_error_exit_2():
    proc = run_review("--format", "xml")
    assert proc.returncode == 2 and "参数错误" in proc.stderr


@pytest.mark.e2e  # a process-level smoke test
def test_no_progress_bar_when_piped(tmp_path):
    for i in range(30):
        (tmp_path / f"p{i}.md").write_text("---\ntitle: t\n---\n好\n", encoding="utf-8")
    proc = run_review_process(".", cwd=tmp_path)  # a real pipe, not a captured stream
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


@pytest.mark.e2e  # a process-level smoke test
def test_python_m_and_console_script_agree(site):
    import shutil
    import subprocess
    import sys

    script = shutil.which("review", path=os.path.dirname(sys.executable))
    assert script, "console script `review` is installed next to the interpreter"
    a = subprocess.run([script, "--format", "json"], cwd=site, capture_output=True, text=True)
    b = run_review_process("--format", "json", cwd=site)
    c = run_review("--format", "json", cwd=site)
    assert json.loads(a.stdout) == json.loads(b.stdout) == json.loads(c.stdout)


@pytest.mark.e2e  # a process-level smoke test
def test_progress_bar_on_a_terminal(tmp_path):
    import pty
    import subprocess
    import sys

    for i in range(30):
        (tmp_path / f"p{i}.md").write_text("---\ntitle: t\n---\n好\n", encoding="utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "review", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        timeout=60,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8", "replace")
    os.close(leader)
    assert proc.returncode == 0 and proc.stdout == ""
    assert "审核中 [" in shown and "30/30" in shown


def test_help_is_chinese_throughout():
    text = run_review("--help").stdout
    assert text.startswith("用法：review")
    assert "positional arguments" not in text and "options:" not in text and "usage:" not in text
    for heading in ("审核对象:", "审核与修复:", "输出:", "规则说明:"):
        assert f"\n{heading}\n" in text, heading


def test_list_rules_shows_no_raw_templates(site):
    listing = run_review("--list-rules", cwd=site).stdout
    assert listing and "{text}" not in listing and "{suggestion}" not in listing and "{detail}" not in listing
    assert "masking/test-pinyin\tmasking\terror\t可修复\t「…」疑为「…」的屏蔽替换" in listing


def test_stats_names_one_line_as_one_line_and_prints_no_empty_heading(site):
    (site / "docs" / "c.md").write_text(
        "---\ntitle: c\n---\n<!-- review-disable-next-line masking/test-pinyin -- 引用原件 -->\n学习dang的\n",
        encoding="utf-8",
    )
    out = run_fixture("--stats", "docs/c.md", cwd=site).stdout
    assert "docs/c.md:4: masking/test-pinyin（下一行，第 5 行） 理由：引用原件" in out
    assert "按规则统计" not in out  # nothing was counted: no heading with nothing under it
    (site / "docs" / "c.md").write_text("---\ntitle: c\n---\n学习\n", encoding="utf-8")
    out = run_fixture("--stats", "docs/c.md", cwd=site).stdout
    assert out.strip() == "没有问题，也没有生效的屏蔽。"
