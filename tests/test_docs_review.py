"""CI reviews the site's content on its own, not only through the site build's gate."""

from engine_support import ROOT, run_review


def test_docs_pass_review_with_no_finding():
    proc = run_review("docs", "--fail-on", "info", cwd=ROOT)
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout + proc.stderr
