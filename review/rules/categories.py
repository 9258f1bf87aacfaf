"""The categories of rules, each written once: its id (fixed by the contract), its Chinese
name, and the policy that guards publication. Everything that asks "may this be switched off
or lowered?" reads these records."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple


class Category(NamedTuple):
    id: str
    name: str  # what an editor reads
    # Findings guard what may never be published: suppressed only one place at a time, by
    # rule id, with a reason that says something (`meaningful_reason`).
    reason_required: bool = False
    # The configuration may lower the severity or ignore it by path.
    downgradable: bool = True
    # Its rules guard publication: they read what a reader sees (entities decoded, invisible
    # characters removed, digits and look-alikes folded, code and attributes included:
    # document/normalize.py), and the site build runs them over its output. Style rules keep
    # the raw text (NFKC would turn the ， that typography checks into ,).
    reader_view: bool = False


_ALL = (
    Category("masking", "屏蔽替换", reader_view=True),
    Category("residue", "来源残留", reader_view=True),
    Category("terminology", "规范表述"),
    Category("typo", "错别字"),
    Category("sensitive", "不当用语"),
    Category("secrecy", "涉密标志", reason_required=True, downgradable=False, reader_view=True),
    Category("privacy", "个人信息", reason_required=True, downgradable=False, reader_view=True),
    Category("typography", "标点与数字"),
    Category("markup", "标记安全"),
    Category("metadata", "页面元数据"),
)
CATEGORIES: dict[str, Category] = {c.id: c for c in _ALL}
GUARD_CATEGORIES = frozenset(c.id for c in _ALL if c.reader_view)

# What a suppression's reason must hold: at least this many characters that are letters,
# Chinese characters or digits, of which at least MIN_REASON_WORDS are letters or Chinese
# characters, not all the same one. "样例", "ok", "……", "1234", "理由" (the placeholder of
# the documentation) say nothing about why a classification mark or an identity number
# may be published; "样例号码，非真实个人信息" does.
MIN_REASON_CHARS = 4
MIN_REASON_WORDS = 2
REASON_RULE = f"理由至少 {MIN_REASON_CHARS} 个字，其中至少 {MIN_REASON_WORDS} 个汉字或字母，不能只是标点或数字"


def category_of(target: str) -> Category | None:
    """The category of a rule id or category name, None when unknown."""
    return CATEGORIES.get(target.split("/", 1)[0])


def name(category: str) -> str:
    return CATEGORIES[category].name


def meaningful_reason(reason: str) -> bool:
    kept = [ch for ch in reason if unicodedata.category(ch)[0] in ("L", "N")]
    words = [ch for ch in kept if unicodedata.category(ch)[0] == "L"]
    return len(kept) >= MIN_REASON_CHARS and len(words) >= MIN_REASON_WORDS and len(set(kept)) > 1
