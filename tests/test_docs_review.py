"""CI reviews the site's content on its own, not only through the site build's gate, with
the policy of the commit hook: errors fail, warnings are shown and left to the editor."""

from engine_support import ROOT, run_review


def test_docs_pass_review_as_the_hook_does():
    proc = run_review("docs", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " error " not in proc.stdout, proc.stdout


def test_ci_shows_the_warnings_it_lets_through(tmp_path):
    """A warning passes (exit 0), as at commit time, and is printed where CI's log shows it."""
    page = tmp_path / "docs" / "a.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: 测试\n---\n\n我们要再接再励。\n", encoding="utf-8")
    proc = run_review("docs", cwd=tmp_path)
    assert proc.returncode == 0
    assert "warning typo/idiom-miswritings" in proc.stdout
