"""Links from a page to a draft: a relative Markdown link whose target, resolved against the
page's folder inside the docs folder, is a draft page (a `drafts` folder on its path, or a
true `draft` in its front matter), decided by the build's own function
(review/document/drafts.py). The build refuses such a link (studysite/drafts.py); this
reports it at commit time, at the link's address.

Cross-file, yet cheap: a page with no `.md` link costs one `in` test; a target is read only
up to its front matter, once per file version in a run (cached on mtime and size)."""

from __future__ import annotations

import re

from ..document import drafts
from ..model import Hit, Rule
from ._compiled import each_rule
from ._regex import RegexCompiler

OPTIONS: set[str] = set()
# `](url` of an inline link or image, and `[id]: url` of a reference definition; the URL
# as CommonMark reads it (in <…>, or up to a space or the closing parenthesis).
LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s)]+))|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.M)
MD = re.compile(r"\.(?:md|markdown)\b", re.I)


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    if fix == "safe":
        raise ValueError("指向草稿的链接需要人工处理，不能自动修复", "fix")
    return options


def compile(rules: list[Rule]):
    return each_rule(rules, hits)


def hits(rule: Rule, doc) -> list[Hit]:
    return [Hit(rule, start, end, None, target) for start, end, target in draft_links(doc.path, doc.views["markup"])]


def draft_links(path: str, markup: str) -> list[tuple[int, int, str]]:
    """(start, end, draft's docs-relative path) of each link to a draft in `markup` (the
    page with code, comments and front matter blanked, offsets those of the file)."""
    if not MD.search(markup):
        return []  # the fast path: no link to a Markdown page
    found = []
    for m in LINK.finditer(markup):
        group = next(g for g in (1, 2, 3, 4) if m.group(g) is not None)
        target = drafts.linked_draft(path, m.group(group))
        if target:
            found.append((m.start(group), m.end(group), target))
    return found
