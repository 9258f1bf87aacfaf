"""Front matter checks: a required field, a real date, YAML that parses, a draft flag the
site build can read (the build's own decision, review/document/drafts.py), and values from
a named list of the configuration (`check: one-of`, `list:`; e.g. the lecture categories the
site build registers, read from the same file)."""

from __future__ import annotations

import datetime
import re

import yaml

from ..document import drafts
from ..document import frontmatter as fm_reader
from ..document.frontmatter import field
from ..model import Hit, Rule
from ._compiled import each_rule
from ._regex import RegexCompiler

OPTIONS = {"check", "field", "list"}
CHECKS = ("required", "date", "parse", "draft", "one-of")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    if options.get("check") not in CHECKS:
        raise ValueError(f"check 应为 {'/'.join(CHECKS)}", "check")
    if options["check"] not in ("parse", "draft") and not isinstance(options.get("field"), str):
        raise ValueError("field 应为字段名", "field")
    if fix == "safe":
        raise ValueError("前置元数据需要人工填写，不能自动修复", "fix")
    if options["check"] == "one-of":
        if not isinstance(options.get("list"), str):
            raise ValueError("list 应为 [tool.review] lists 中的列表名", "list")
        return {**options, "values": None}  # bound from the configuration (bind)
    if "list" in options:
        raise ValueError("list 只用于 check: one-of", "list")
    return options


def bind(rules, lists) -> list[Rule]:
    """`one-of` rules with the values of their named list; a rule whose list the
    configuration does not name stays unbound and reports nothing (a content repository
    without that list)."""
    return [
        r._replace(options={**r.options, "values": tuple(lists[r.options["list"]])})
        if r.kind == "frontmatter" and r.options["check"] == "one-of" and r.options["list"] in lists
        else r
        for r in rules
    ]


def compile(rules: list[Rule]):
    return each_rule(rules, hits)


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    root, problem = doc.meta
    if o["check"] == "parse":
        if problem is None:
            return []
        where, reason = problem
        return [_line_hit(rule, doc, doc.line_of(min(where, len(doc.text))), reason)]
    if problem is not None:
        return []  # the parse rule reports it; one problem, one finding
    if o["check"] == "draft":
        return _draft_hits(rule, doc, root)
    node = field(root, o["field"])
    if o["check"] == "one-of":
        return _one_of_hits(rule, doc, node)
    if o["check"] == "required":
        if node is None or (isinstance(node, yaml.ScalarNode) and not node.value.strip()):
            return [_line_hit(rule, doc, 1, None)]
        return []
    if node is None:
        return []
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if value is not None and _real_date(value):
        return []
    start = offset(doc, node.start_mark)
    end = offset(doc, node.end_mark)
    return [Hit(rule, start, max(end, start), None)]


def _draft_hits(rule: Rule, doc, root) -> list[Hit]:
    """An ambiguous draft flag, reported at its key (the build refuses the page)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    keys = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and drafts.is_draft_key(k.value)]
    if not keys:
        return []  # the usual page: no draft key, nothing to load
    _, why = drafts.draft_flag(fm_reader.data(doc.front_matter), doc.front_matter.text)
    if why is None:
        return []
    key, value = keys[0]
    start = offset(doc, key.start_mark)
    return [Hit(rule, start, max(offset(doc, value.end_mark), offset(doc, key.end_mark)), None, why)]


def _one_of_hits(rule: Rule, doc, node) -> list[Hit]:
    """Each value not in the list, at its own position; the message names the allowed ones."""
    values = rule.options["values"]
    if values is None or node is None:
        return []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    allowed = "、".join(values) or "（无）"
    out = []
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.value in values:
            continue
        start, end = offset(doc, item.start_mark), offset(doc, item.end_mark)
        out.append(Hit(rule, start, max(end, start), None, allowed))
    return out


def _real_date(value: str) -> bool:
    m = DATE.match(value.strip())
    if not m:
        return False
    try:
        datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True


def offset(doc, mark) -> int:
    """Document offset of a YAML mark. Its index, not its line: YAML also breaks lines at
    U+0085, U+2028 and U+2029, which are not line breaks of the file."""
    return min(doc.front_matter.start + mark.index, len(doc.text))


def _line_hit(rule: Rule, doc, line: int, reason: str | None) -> Hit:
    starts = doc.line_starts
    start = starts[line - 1] if line - 1 < len(starts) else len(doc.text)
    end = starts[line] - 1 if line < len(starts) else len(doc.text)  # the break itself excluded
    if end > start and doc.text[end - 1] == "\r" and doc.text[end : end + 1] == "\n":
        end -= 1
    return Hit(rule, start, end, None, reason)
