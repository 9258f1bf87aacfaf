"""What a hook process pays for before it reviews anything: `review.cli` imports none of the
modules that only some runs need (each costs milliseconds on every commit; notes/speed.md)."""

import subprocess
import sys

from conftest import ROOT

NOT_AT_START = (
    "dataclasses",
    "inspect",
    "tomllib",
    "tempfile",
    "difflib",
    "_hashlib",
    "rjieba",
    "review.wordfreq",
    "tinycss2",
)


def test_the_command_imports_only_what_every_run_needs():
    code = "import sys, review.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "review.engine" in loaded  # the probe saw the package
    assert sorted(loaded & set(NOT_AT_START)) == []
