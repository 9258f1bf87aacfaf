"""JSON, SARIF and HTML written file by file: exactly the document `render` makes from all
the findings at once, with memory flat in the number of findings."""

from __future__ import annotations

import io
import json
import os
import re
import tracemalloc

import pytest
from conftest import ROOT, WORK_PLAN

from review.api import check_text, load_rules
from review.report import RENDERERS, STREAMS
from review.report.stream import open_stream

RULES = load_rules(ROOT)
PLAN = list(check_text(RULES, "docs/plan.md", WORK_PLAN.read_text(encoding="utf-8")))
SMALL = list(check_text(RULES, "docs/b.md", "学习dang的,好\n"))


def streamed(name: str, groups: list[list], files: int) -> str:
    out = io.StringIO()
    stream = open_stream(name, out, RULES.by_id, files)
    for group in groups:
        stream.add(group)
    stream.close()
    return out.getvalue()


def stamp_free(page: str) -> str:
    """An HTML report without the minute it was made (two renderings may straddle one)."""
    return re.sub(r"生成时间：[^　<]*", "生成时间：", page)


@pytest.mark.parametrize("name", sorted(RENDERERS))
@pytest.mark.parametrize("groups", [[PLAN, SMALL], [[], PLAN, [], SMALL, []], [], [[]], [SMALL], [SMALL, PLAN]])
def test_streamed_report_is_the_rendered_one(name, groups):
    flat = [f for g in groups for f in g]
    if name in ("text", "github"):
        assert streamed(name, groups, len(groups)) == RENDERERS[name](flat, RULES.by_id, len(groups))
        return
    text = streamed(name, groups, len(groups))
    if name == "html":
        assert stamp_free(text) == stamp_free(RENDERERS[name](flat, RULES.by_id, len(groups)))
        return
    assert text == RENDERERS[name](flat, RULES.by_id, len(groups))
    json.loads(text)  # and a valid document


def test_html_stream_keeps_carriage_returns():
    """A carriage return in a section (a file name may have one) comes back from the spool
    as it went in: a text-mode spool would turn it into a line feed."""
    found = [f._replace(path="docs/甲\r乙\r\n.md") for f in SMALL]
    text = streamed("html", [found, PLAN], 2)
    assert "甲\r乙\r\n.md" in text
    assert stamp_free(text) == stamp_free(RENDERERS["html"](found + PLAN, RULES.by_id, 2))


def test_every_document_format_has_a_stream():
    assert set(STREAMS) == {"json", "sarif", "html"} and PLAN and SMALL


@pytest.mark.slow  # tracemalloc traces every allocation: seconds
@pytest.mark.parametrize("name", ["json", "sarif", "html"])
def test_memory_stays_flat_in_the_number_of_findings(name):
    def peak(batches: int) -> int:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            tracemalloc.start()
            stream = open_stream(name, sink, RULES.by_id, batches)
            for i in range(batches):
                stream.add([f._replace(path=f"docs/plan{i}.md") for f in PLAN])  # ~200 findings per file
            stream.close()
            _, top = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        return top

    few, many = peak(1), peak(10)  # ~200 and ~2,000 findings
    # Kept in a list, 1,800 more findings would take megabytes (the rendered document of
    # 2,000 takes 6 MB, in SARIF 25 MB); what grows here is only garbage not yet collected.
    assert many < few + 1_000_000, (few, many)
