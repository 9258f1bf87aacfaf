"""The MkDocs hooks hold no logic of their own: a few on_* functions that call studysite."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

HOOKS = sorted(p for p in (ROOT / "hooks").glob("*.py") if p.name != "_review.py")  # _review: the shared loader


@pytest.mark.parametrize("path", HOOKS, ids=lambda p: p.name)
def test_a_hook_is_a_few_event_handlers(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 60, f"{path.name}: move logic into studysite/"
    functions = [n.name for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    # Event handlers, and at most a private helper that turns the package's errors into
    # MkDocs' PluginError.
    assert any(name.startswith("on_") for name in functions), functions
    assert all(name.startswith(("on_", "_")) for name in functions), functions
    assert sum(name.startswith("_") for name in functions) <= 1, functions
