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
    "html",  # only pages with a character reference decode one
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


# A process that counts the patterns `re` parses and compiles while review.cli is imported,
# after the command's preload (review/startup.py), and checks what the preload made.
COUNT_COMPILES = """
import json, re, sys
from re import _compiler
compiled = []
original = _compiler.compile
_compiler.compile = lambda p, flags=0: compiled.append(p) or original(p, flags)
from review import startup
preloaded = startup.preload()
import review.cli
startup.remember(preloaded)
_compiler.compile = original
same = all(
    (m.pattern, m.flags, m.groups, dict(m.groupindex)) == (f.pattern, f.flags, f.groups, dict(f.groupindex))
    and [x.span() for x in m.finditer(sample)] == [x.span() for x in f.finditer(sample)]
    for (t, p, flags), m in list(re._cache.items())
    if t is str and (p, flags) in preloaded.patterns
    for f in [re._compiler.compile(p, flags)]
    for sample in ["---\\ntitle: 第一条 2026-01-01 &amp; a.b\\n---\\n# 标题\\n\\n正文（一）“引”。\\x00 \\u3000 x\\n"]
)
print(json.dumps({"preloaded": len(preloaded.patterns), "compiled": len(compiled), "same": same}))
"""


def compiles(env) -> dict:
    import json

    out = subprocess.run([sys.executable, "-c", COUNT_COMPILES], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_import_time_patterns_come_from_the_cache(tmp_path):
    """The first run compiles the sixty-odd patterns its modules compile when imported and
    caches their code; the next one finds them made, the same as `re` makes them."""
    import os

    env = dict(os.environ, REVIEW_CACHE_DIR=str(tmp_path / "cache"))
    first = compiles(env)
    assert first["preloaded"] == 0 and first["compiled"] > 40
    second = compiles(env)
    assert second["preloaded"] >= first["compiled"] - 10
    assert second["compiled"] <= 10  # json's, which the cache itself needs first
    assert second["same"] is True


def test_a_damaged_entry_preloads_nothing_and_the_command_still_works(tmp_path):
    import json
    import os

    env = dict(os.environ, REVIEW_CACHE_DIR=str(tmp_path / "cache"))
    compiles(env)
    for entry in (tmp_path / "cache").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(data, list) and data and isinstance(data[0], list) and len(data[0]) == 3:
            for item in data:
                item[2]["code"] = "AAAA"  # not SRE code
            entry.write_text(json.dumps(data), encoding="utf-8")
    damaged = compiles(env)
    assert damaged["preloaded"] == 0 and damaged["compiled"] > 40
    page = tmp_path / "a.md"
    page.write_text("# 标题\n\n学习dang的建设。\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "review", str(page)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and "masking/pinyin-substitute" in run.stdout


def test_a_process_that_compiled_something_else_first_adds_to_the_entry(tmp_path):
    import json
    import os

    env = dict(os.environ, REVIEW_CACHE_DIR=str(tmp_path / "cache"))
    compiles(env)
    extra = 'import re; re.compile("(?:只在这个进程里)+")\n'
    out = subprocess.run(
        [sys.executable, "-c", extra + COUNT_COMPILES], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    after = compiles(env)
    assert after["compiled"] <= 10  # the plain process is not made to write the entry again
    stored = [e for f in (tmp_path / "cache").glob("*.json") for e in [json.loads(f.read_text(encoding="utf-8"))]]
    entries = [e for e in stored if isinstance(e, list) and e and isinstance(e[0], list)]
    assert len(entries) == 1 and "(?:只在这个进程里)+" in {p for p, _, _ in entries[0]}


def test_a_pattern_the_cache_cannot_hold_is_left_out(tmp_path):
    """A compiled pattern with a lone surrogate cannot be written as UTF-8 JSON: the command
    must neither fail nor leave a temporary file behind."""
    import os

    env = dict(os.environ, REVIEW_CACHE_DIR=str(tmp_path / "cache"))
    extra = 'import re; re.compile("[\\ud800-\\udfff]")\n'
    out = subprocess.run(
        [sys.executable, "-c", extra + COUNT_COMPILES], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert not list((tmp_path / "cache").glob(".tmp-*"))
    assert compiles(env)["compiled"] <= 10  # the rest was cached


def test_a_damaged_group_count_makes_no_pattern(tmp_path):
    """A cached entry's group count is checked against its code before anything is
    allocated for it: a huge number (a damaged or tampered cache) is refused, not a
    MemoryError at the start of every run."""
    import json
    import os

    from review import sre_code

    code = sre_code.of("(a)(b)")
    assert sre_code.make("(a)(b)", code, 2, {}) is not None
    assert sre_code.make("(a)(b)", code, 10**10, {}) is None
    env = dict(os.environ, REVIEW_CACHE_DIR=str(tmp_path / "cache"))
    compiles(env)
    for entry in (tmp_path / "cache").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(data, list) and data and isinstance(data[0], list) and len(data[0]) == 3:
            data[0][2]["groups"] = 10**10
            entry.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "review", "--list-rules"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr and "typo/" in run.stdout
