"""The one front-matter reader: where the front matter is, exactly by MkDocs' rules
(mkdocs.utils.meta.get_data, which the blog plugin reuses), what YAML makes of it, whether
MkDocs can use it, and the scalar nodes of every field the site renders.

MkDocs reads a page with universal newlines (CR, CRLF, LF) and a BOM stripped, then matches
`^---[ \\t]*\\n(.*?\\n)(?:\\.{3}|-{3})[ \\t]*\\n`: the YAML must hold at least one line and the
closing fence must be followed by a line break. It then `yaml.load`s the block with the
SafeLoader and keeps it only when that gives a mapping; a value the loader cannot construct
(2026-02-30 read as a date, an unknown tag) or a root that is not a mapping makes MkDocs drop
every field and publish the block as body text."""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
LINE = re.compile(r"\r\n|\r|\n")
MAX_LINES = 2000  # front matter is short; never split a whole huge file
# Fields the theme and the site's hooks print (page title, summaries, tags and categories
# pages, lecture headers, post URLs). Everything under them is reviewed.
RENDERED = frozenset(
    {
        "title",
        "subtitle",
        "description",
        "summary",
        "tags",
        "categories",
        "speaker",
        "speaker_title",
        "slug",
        "authors",
        "excerpt",
    }
)


class FrontMatter(NamedTuple):
    text: str  # the YAML between the fences
    end_line: int  # 1-based line of the closing fence (last line of the file if unclosed)
    closed: bool
    start: int = 0  # offset in the document where the YAML starts (after the first line)
    problem: str = ""  # why MkDocs does not read it as front matter, when closed is False


def find(text: str) -> FrontMatter | None:
    """The front matter as MkDocs finds it, or None when the page does not start with
    `---`. An unusable block (never closed, closed on the last line without a line break)
    is returned with `closed=False` and the reason, so that it is reported, not ignored."""
    first = OPEN.match(text)
    if not first:
        return None
    # Offsets of the YAML must stay offsets of the file, so the YAML is a slice of the text
    # (YAML reads CR, CRLF and LF as line breaks, as MkDocs' universal newlines do).
    begin = pos = first.end()
    last_end = begin
    line_no = 1
    for m in LINE.finditer(text, pos):
        line_no += 1
        if line_no > 2 and CLOSE.fullmatch(text, pos, m.start()):
            return FrontMatter(text[begin:last_end], line_no, True, start=begin)
        last_end = m.start()
        pos = m.end()
        if line_no >= MAX_LINES:
            break
    else:
        line_no += 1
        if pos < len(text) and line_no > 2 and CLOSE.fullmatch(text, pos):
            return FrontMatter(
                text[begin:last_end],
                line_no,
                False,
                start=begin,
                problem="前置元数据的结束行「---」之后缺少换行，MkDocs 不会读取这段前置元数据（标题、日期等都会丢失），"
                "请在结束行末尾加一个换行",
            )
    first_break = LINE.search(text, begin)
    if CLOSE.fullmatch(text, begin, first_break.start() if first_break else len(text)):
        return FrontMatter(
            "",
            2,
            False,
            start=begin,
            problem="前置元数据为空：MkDocs 会把这两行 --- 当作正文中的分隔线显示，请删去或填写 title 等字段",
        )
    return FrontMatter(text[begin:], line_no, False, start=begin, problem="前置元数据缺少结束的 ---")


def compose(fm: FrontMatter | None) -> tuple[yaml.Node | None, tuple[int, str] | None]:
    """The front matter's root node, or (document offset, reason) of why MkDocs
    cannot use it. A `date` that is no real date is left to the date rule."""
    if fm is None:
        return None, None
    if not fm.closed:
        return None, (0, fm.problem)  # reported on line 1
    try:
        root = yaml.compose(fm.text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, (fm.start + mark.index if mark else 0, f"前置元数据不是有效的 YAML：{exc.problem}")
    except yaml.YAMLError as exc:
        return None, (0, f"前置元数据不是有效的 YAML：{exc}")
    if root is None:
        return None, (0, "前置元数据为空（或只有注释）：MkDocs 会把这几行当作正文显示，请删去或填写 title 等字段")
    if not isinstance(root, yaml.MappingNode):
        return None, (0, "前置元数据应为「键: 值」映射，MkDocs 会丢弃其他写法并把它当作正文显示")
    bad = _whole_unconstructible(root)  # one construction for a page that is fine
    if bad is not None:
        node, key, reason = bad
        return None, (
            fm.start + node.start_mark.index,
            f"前置元数据中「{key}」的值 MkDocs 无法转换（{reason}），全部字段（包括 title、draft）都会被丢弃",
        )
    return root, None


def field(root: yaml.Node | None, name: str) -> yaml.Node | None:
    """The value node of a top-level key, merge keys (`<<: *base`) included."""
    if not isinstance(root, yaml.MappingNode):
        return None
    found = None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == name:
            found = v  # the last one wins, as in the loaded dict
    if found is None:
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.tag == "tag:yaml.org,2002:merge":
                for base in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                    found = field(base, name) or found
    return found


def rendered_scalars(root: yaml.Node | None) -> list[yaml.ScalarNode]:
    """Every scalar under a rendered field, in document order, each once (an alias is the
    anchored node itself, so it is reported where the value is written)."""
    out: dict[int, yaml.ScalarNode] = {}
    seen: set[int] = set()

    def walk(node: yaml.Node) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            out[id(node)] = node
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(k)
                walk(v)

    if not isinstance(root, yaml.MappingNode):
        return []
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    if "<<" in keys or any(k.tag == "tag:yaml.org,2002:merge" for k, _ in root.value):
        names = RENDERED
    else:
        names = RENDERED & keys  # the usual page: look up only the fields it has
    for name in sorted(names):
        node = field(root, name)
        if node is not None:
            walk(node)
    return sorted(out.values(), key=lambda n: n.start_mark.index)


def data(fm: FrontMatter | None) -> dict:
    """What MkDocs puts in `page.meta` ({} whenever it drops the front matter)."""
    root, problem = compose(fm)
    if fm is None or root is None or problem is not None:
        return {}
    try:
        loaded = yaml.load(fm.text, Loader=Loader)
    except Exception:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _unconstructible(root: yaml.MappingNode):
    """(node, key, reason) of the first value the SafeLoader cannot construct, if any."""
    loader = yaml.SafeLoader("")
    for k, v in root.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else "?"
        for node in _nodes(v):
            if not isinstance(node, yaml.ScalarNode):
                continue
            try:
                loader.construct_object(node, deep=True)
            except Exception as exc:
                if key == "date" and node is v:
                    continue  # metadata/invalid-date says it better, at the value
                if node.tag.endswith(":timestamp"):
                    return node, key, f"「{node.value}」不是真实存在的日期"
                return node, key, f"YAML 标签「{node.tag}」无法识别" if isinstance(exc, yaml.YAMLError) else "值无效"
    return None


def _whole_unconstructible(root: yaml.MappingNode):
    """(node, key, reason) when the mapping as a whole cannot be built (an unhashable key such
    as `? [a, b]`), unless only an impossible `date` is at fault (its own rule reports it)."""
    try:
        yaml.SafeLoader("").construct_document(root)
    except Exception as exc:
        culprit = _unconstructible(root)  # the value at fault, named in the message
        if culprit is not None:
            return culprit
        date = field(root, "date")
        if isinstance(date, yaml.ScalarNode) and date.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_object(date)
            except Exception:
                return None
        mark = getattr(exc, "problem_mark", None)
        node = root
        for k, _ in root.value:
            if mark is not None and k.start_mark.index <= mark.index:
                node = k  # the last key at or before the problem
        return node, "?", "YAML 结构无法转换为字段（如以列表作键）"
    return None


def _nodes(node: yaml.Node, seen: set[int] | None = None):
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item, seen)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _nodes(k, seen)
            yield from _nodes(v, seen)
