"""Shared helpers for the engine tests: the fixture rule pack and running the real command,
in this process (`main(argv)`, the fast unit level) or as a separate process (smoke tests)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from conftest import FIXTURES, ROOT

from review import engine
from review.cli import main
from review.engine import RuleSet
from review.rules.loader import load_pack

ENGINE_RULES = FIXTURES / "engine-rules.yaml"


def fixture_rules(*ids: str) -> RuleSet:
    rules = load_pack(ENGINE_RULES) + load_pack(ROOT / "review" / "packs" / "suppressions.yaml")
    return RuleSet(tuple(r for r in rules if not ids or r.id in ids or r.category in ids))


def check(text: str, *ids: str):
    rs = fixture_rules(*ids)
    return engine.check(rs, "t.md", text, frozenset(rs.by_id)).findings


def run_review(*args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess:
    """The real command in this process: `main(argv)` in `cwd`, its output and exit status."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help and usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["review", *args], code, out.getvalue(), err.getvalue())


def run_review_process(
    *args: str, cwd: Path | str | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """The real command, as a separate process (smoke tests: the entry point, exit codes, streams)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, "-m", "review", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def fixture_config(tmp: Path, extra: str = "") -> Path:
    """A pyproject.toml in `tmp` that adds the fixture pack; returns its path."""
    cfg = tmp / "pyproject.toml"
    cfg.write_text(f'[tool.review]\nrules = ["{ENGINE_RULES.as_posix()}"]\n{extra}', encoding="utf-8")
    return cfg


def as_json(proc: subprocess.CompletedProcess) -> dict:
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def fixture_ids() -> str:
    """--select value limiting a run to the fixture pack (the default packs fire too otherwise)."""
    return (
        ",".join(r.id for r in load_pack(ENGINE_RULES))
        + ",markup/suppression-without-rule,markup/unused-suppression,markup/suppression-without-reason"
    )


def run_fixture(*args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess:
    return run_review("--select", fixture_ids(), *args, cwd=cwd)
