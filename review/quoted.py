"""Forbidden text that an editors' guide page quotes as an example, inside code: by page,
rule and exact text. The site build allows the same quotations in its output review
(studysite/published.py imports this list). Code, not
content: an editor cannot add to this list from docs/, and nothing outside code is covered."""

from __future__ import annotations

QUOTED = frozenset(
    {
        ("guide/review.md", "masking/pinyin-substitute", "dang"),  # the sample `review` output line
    }
)


def quoted(path: str, rule: str, text: str) -> bool:
    norm = path.replace("\\", "/")
    return any((norm == page or norm.endswith("/" + page)) and rule == r and text == t for page, r, t in QUOTED)
