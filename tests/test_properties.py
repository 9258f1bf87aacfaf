"""Property-based tests over arbitrary Unicode and mutated real drafts, with the default
packs: review never raises, every finding's text is the source at its position, --fix is
idempotent, leaves no safe fix behind and never touches code, URLs or front matter, and
reading/writing keeps bytes (line endings, BOM) exactly."""

from __future__ import annotations

import os
import re

import pytest
from conftest import ROOT
from conftest import WORK_PLAN as CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review import engine
from review.api import load_rules
from review.document import source
from review.document.markdown import FILL, parse

# 3 x 3,500 = 10,500 examples (the README figure); REVIEW_PROPERTY_EXAMPLES scales it for a quick local run.
EXAMPLES = int(os.environ.get("REVIEW_PROPERTY_EXAMPLES", "3500"))
RULES = load_rules(ROOT)
RULESET = RULES.ruleset("docs/x.md")
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = [
    "dang",
    "JY",
    "**",
    "****",
    "×",
    "XX",
    "□",
    "\ufffd",
    ",",
    ":",
    ";",
    "(",
    ")",
    "“",
    "”",
    '"',
    "《",
    "》",
    "...",
    "。。",
    "，，",
    "1、",
    "１２",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "```",
    "~~~",
    "`",
    "<!--",
    "-->",
    "<script>",
    "onclick=",
    "javascript:",
    "[链接](http://x.cn/a,b)",
    "https://example.com/a,b",
    "---\n",
    "title: 标题\n",
    "date: 2026-02-30\n",
    "# ",
    "- ",
    "> ",
    "| a | b |\n",
    "    ",
    "\t",
    "绝密★一年",
    "11010519491231002X",
    "13812345678",
    "〔2026〕12号",
    "再接再励",
    "截止",
    "总书记",
    "新时代中国特色社会主义思想",
    "两个确立",
    "人大主任",
    "全过程民主",
    "残废",
    "<!-- review-disable-next-line -->",
    "<!-- review-disable-next-line typography -- 理由 -->",
    "学习",
    "党的建设",
    "English text, here.",
    "3×4",
]

chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
anything = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(anything, max_size=6), st.text(chinese, max_size=6)), max_size=40
).map("".join)


def mutated_drafts():
    base = CORPUS.read_text(encoding="utf-8")
    lines = base.splitlines(True)

    @st.composite
    def build(draw):
        start = draw(st.integers(0, len(lines) - 1))
        chunk = "".join(lines[start : start + 2])
        for _ in range(draw(st.integers(0, 6))):
            pos = draw(st.integers(0, len(chunk)))
            op = draw(st.integers(0, 2))
            if op == 0:
                chunk = chunk[:pos] + draw(st.sampled_from(PIECES)) + chunk[pos:]
            elif op == 1:
                chunk = chunk[:pos] + chunk[pos + draw(st.integers(1, 20)) :]
            else:
                chunk = chunk[:pos] + draw(st.text(anything, max_size=4)) + chunk[pos:]
        return chunk

    return build()


def slice_at(text: str, f) -> str:
    # A line ends at LF, or at a CR not followed by LF (CR-only files count lines too).
    lines = re.split(r"\r(?!\n)|\n", text)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return text[starts[f.line - 1] + f.column - 1 : starts[f.end_line - 1] + f.end_column - 1]


def check_all_properties(text: str) -> None:
    result = engine.check(RULESET, "docs/x.md", text, RULES.known)
    markup = parse("docs/x.md", text).views["markup"]
    for f in result.findings:
        assert slice_at(text, f) == f.text == text[f.start : f.end]
        if f.fixable:
            assert FILL not in markup[f.start : f.end], f"fix inside code/comment/front matter: {f}"
    fixed, after, _ = engine.fix(RULESET, "docs/x.md", text, RULES.known)
    assert not [f for f in after.findings if f.fixable], "a safe fix is left behind"
    again, _, applied = engine.fix(RULESET, "docs/x.md", fixed, RULES.known)
    assert again == fixed and applied == 0, "fix is not idempotent"
    assert _protected(text) == _protected(fixed), "fix changed code, a URL or the front matter"


def _protected(text: str) -> list[str]:
    """The parts --fix must never touch, in order."""
    doc = parse("x", text)
    out, cur = [text[: doc.body_start]], []  # the whole front matter, checked values included
    for ch, masked in zip(text, doc.views["markup"], strict=True):
        if masked == FILL:
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    return out + (["".join(cur)] if cur else [])


@pytest.mark.properties
@SETTINGS
@given(texts)
def test_arbitrary_text(text):
    check_all_properties(text)


@pytest.mark.properties
@SETTINGS
@given(mutated_drafts())
def test_mutated_real_drafts(text):
    check_all_properties(text)


@pytest.mark.properties
@SETTINGS
@given(st.text(anything, max_size=60), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_read_write_keeps_bytes(text, newline, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")
    src = source.decode("x.md", data)
    assert source.encode(src, src.text) == data


@pytest.mark.properties
@settings(
    max_examples=min(300, EXAMPLES),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(texts, st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_fix_write_path_keeps_bom_and_line_endings(tmp_path_factory, text, newline, bom):
    """Through the same read, fix and atomic write as `review --fix`: the file ends up with
    exactly the in-memory fix, its BOM and every line ending as they were."""
    from review.session import review_file

    body = text.replace("\r", "").replace("\n", newline)
    path = tmp_path_factory.mktemp("w") / "a.md"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    expected, _, _ = engine.fix(RULESET, "a.md", body, RULES.known)
    review_file(RULESET, RULES.known, str(path), "a.md", True, False)
    data = path.read_bytes()
    assert data == (b"\xef\xbb\xbf" if bom else b"") + expected.encode("utf-8")
    if newline == "\r\n":
        assert data.count(b"\n") == data.count(b"\r\n") == body.count("\n")
