"""Which source files are drafts, decided once on what MkDocs itself parses.

A file is a draft when a folder on its path is named `drafts` (any letter case, any width)
or when the front matter MkDocs reads (`mkdocs.utils.meta.get_data`) holds `draft` with a
YAML 1.1 true value (`true`, `yes`, `on`, in any case, in a block or flow map, through an
alias). Anything that could mean a draft but does not say it plainly is an error: a string
(`"true"`), a number, an empty value, a key in another case (`Draft`), a repeated key, and
front matter YAML accepts but MkDocs cannot turn into a mapping (MkDocs then drops all of
it, the draft flag included, and would publish the page)."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

# One decision for the build and the review command (review/document/drafts.py).
from review.document.drafts import DRAFT_DIR, Decision, folded, in_draft_folder  # noqa: F401
from review.document.drafts import check_meta as _check_meta

OPENING = re.compile(r"\A\ufeff?\s*-{3}[ \t]*\r?$", re.M)  # also after blank lines: MkDocs misses that


def decide(src_uri: str, text: str) -> Decision:
    """`text` is the file as MkDocs reads it (File.content_string: BOM removed, newlines
    universal)."""
    if in_draft_folder(src_uri):
        return Decision(src_uri, True)
    match = YAML_RE.match(text)
    if match is None:
        if OPENING.match(text):
            return Decision(
                src_uri,
                False,
                f"{src_uri}：front matter 没有按 MkDocs 的格式结束（结束的 --- 须单独成行并换行），"
                "MkDocs 会把它当作正文发布，草稿标记也会失效",
            )
        _, meta = get_data(text)  # MultiMarkdown-style "Key: value" lines at the top
        return _check_meta(src_uri, meta, None)
    yaml_text = match.group(1)
    _, meta = get_data(text)
    if not meta and yaml_text.strip() and not _only_comments(yaml_text):
        bad = impossible_date(yaml_text)
        if bad:
            line, value = bad
            return Decision(
                src_uri,
                False,
                f"{src_uri}：第 {line} 行的日期「{value}」不存在，应为真实存在的日期（YYYY-MM-DD）；"
                "front matter 因此无法被 MkDocs 读取，会丢弃全部元数据（包括 draft）",
            )
        return Decision(
            src_uri,
            False,
            f"{src_uri}：front matter 无法被 MkDocs 读取（{_why(yaml_text)}），"
            "MkDocs 会丢弃全部元数据（包括 draft），请改正后再构建",
        )
    return _check_meta(src_uri, meta, yaml_text)


def impossible_date(yaml_text: str) -> tuple[int, str] | None:
    """(file line, value) of the first date YAML recognises but no calendar has (2026-06-31):
    PyYAML then fails with Python's English "day is out of range for month"."""
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    stack = [root] if root is not None else []
    constructor = yaml.SafeLoader("")
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                constructor.construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 2, node.value  # the YAML starts on the file's line 2
    return None


def _only_comments(yaml_text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in yaml_text.splitlines())


def _why(yaml_text: str) -> str:
    try:
        value = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 2} 行" if mark else "YAML"
        return f"{where}：{getattr(exc, 'problem', None) or exc}"
    except Exception as exc:  # e.g. a date YAML accepts but Python cannot build
        return f"值无法转换：{exc}"
    return f"顶层不是键值对，而是 {type(value).__name__}"


def symlink_problem(abs_path: str, docs_dir: str) -> str | None:
    """Why a file reached through a symlink may not be published (it leaves docs/ or
    enters a drafts folder); None for an ordinary file or a harmless link."""
    real, docs = os.path.realpath(abs_path), os.path.realpath(docs_dir)
    if real == os.path.abspath(abs_path):
        return None
    if os.path.commonpath([real, docs]) != docs:
        return f"是指向 docs 目录之外的符号链接（{real}）"
    if in_draft_folder(os.path.relpath(real, docs).replace(os.sep, "/")):
        return "是指向草稿目录的符号链接"
    return None


# ---- comments, links to unpublished pages, leaks ------------------------------------------

# Directives that other plugins read from the Markdown; they are removed from the HTML.
KEEP_COMMENT = re.compile(r"<!--\s*(?:more|material/tags\b.*?)\s*-->", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def strip_comments(markdown: str) -> str:
    """Remove HTML comments (editors' notes) outside code, keeping the directives other
    plugins need; the same notion of "comment" as the review tool."""
    if "<!--" not in markdown:
        return markdown
    from review.document.markdown import parse

    spans = [s for s in parse("page.md", markdown).comments if not KEEP_COMMENT.fullmatch(markdown[s[0] : s[1]])]
    out, pos = [], 0
    for start, end in spans:
        out.append(markdown[pos:start])
        pos = end
    out.append(markdown[pos:])
    return "".join(out)


def strip_html_comments(html: str) -> str:
    """Comments left in written HTML (theme templates, raw HTML); the post-build check
    verifies none remains."""
    return HTML_COMMENT.sub("", html) if "<!--" in html else html


def links_to_unpublished(html: str, page_url: str, unpublished: dict[str, str]) -> list[tuple[str, str]]:
    """(href, target source) of links in a page's HTML that lead to an excluded page."""
    if not unpublished or "href" not in html:
        return []
    from urllib.parse import unquote, urljoin, urlsplit

    from selectolax.lexbor import LexborHTMLParser

    base = "http://site/" + page_url
    found = []
    for node in LexborHTMLParser(html).css("a[href], link[href], area[href]"):
        href = (node.attributes.get("href") or "").strip().replace("\\", "/")
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.netloc != "site":
            continue
        path = unquote(parts.path)
        if not path.endswith("/") and not posixpath.splitext(path)[1]:
            path += "/"
        target = unpublished.get(path) or unpublished.get(path.removesuffix("index.html"))
        if target:
            found.append((href, target))
    return found


def leaks(site_dir: str, draft_dests: list[str]) -> list[str]:
    """Draft files written anyway, and HTML comments left in any written page."""
    found = [f"草稿被写入了 {dest}" for dest in draft_dests if os.path.exists(os.path.join(site_dir, dest))]
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.lower().endswith((".html", ".htm")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    if "<!--" in fh.read():
                        found.append(f"{os.path.relpath(path, site_dir)} 含有 HTML 注释")
    return found


# ---- the state of one build, and the MkDocs-facing steps ---------------------------------


@dataclass
class DraftState:
    drafts: dict = field(default_factory=dict)  # src_uri -> File
    unpublished: dict = field(default_factory=dict)  # "/url/" -> src_uri
    bad: list = field(default_factory=list)
    docs_dir: str = ""  # for the line of a refused link in its source

    def reset(self) -> None:
        self.drafts.clear()
        self.unpublished.clear()
        self.bad.clear()
        self.docs_dir = ""


def blog_publishes_drafts(plugins) -> str | None:
    for name, plugin in plugins.items():
        blog = name.endswith("blog") and hasattr(plugin.config, "draft_on_serve")
        if blog and (plugin.config.draft or plugin.config.draft_on_serve):
            return (
                f"插件 {name} 设置了 draft 或 draft_on_serve：草稿会被发布。"
                "请在 mkdocs.yml 中设为 draft: false、draft_on_serve: false。"
            )
    return None


def exclude_drafts(files, docs_dir: str, state: DraftState) -> list[str]:
    """Mark every draft excluded (whatever plugin would pick it up); the errors found."""
    from mkdocs.structure.files import InclusionLevel

    errors = []
    state.docs_dir = docs_dir
    for file in files:
        if file.generated_by is not None or not file.abs_src_path:
            continue
        why = symlink_problem(file.abs_src_path, docs_dir)
        if why:
            errors.append(f"{file.src_uri}：{why}，不能发布")
        draft = in_draft_folder(file.src_uri)
        if file.is_documentation_page() and not draft:
            try:
                text = file.content_string
            except (UnicodeDecodeError, OSError) as exc:
                errors.append(f"{file.src_uri}：无法按 UTF-8 读取（{exc.__class__.__name__}），不能发布")
                continue
            decision = decide(file.src_uri, text)
            if decision.error:
                errors.append(decision.error)
            draft = decision.draft
            if draft and os.path.islink(file.abs_src_path):
                errors.append(f"{file.src_uri}：是指向草稿的符号链接，不能发布")
        if draft:
            file.inclusion = InclusionLevel.EXCLUDED
            state.drafts[file.src_uri] = file
    return errors


def unpublished_urls(files) -> dict[str, str]:
    from mkdocs.structure.files import InclusionLevel

    return {
        "/" + f.url: f.src_uri
        for f in files.documentation_pages(inclusion=InclusionLevel.all)
        if f.inclusion.is_excluded()
    }


def settle(files, state: DraftState) -> None:
    """After every plugin set inclusion levels: drafts excluded again, unpublished URLs noted."""
    from mkdocs.structure.files import InclusionLevel

    for file in state.drafts.values():
        file.inclusion = InclusionLevel.EXCLUDED
    state.unpublished.update(unpublished_urls(files))


def meta_disagrees(src_uri: str, meta: dict) -> list[str]:
    """A rendered page whose metadata, as MkDocs parsed it, says draft (the decision and
    MkDocs must agree; a page that reaches rendering is not a draft)."""
    if meta.get("draft") in (None, False):
        return []
    return [f"{src_uri}：MkDocs 读到 draft={meta['draft']!r}，但页面未被排除"]


def bad_links(html: str, src_uri: str, page_url: str, state: DraftState) -> list[str]:
    found = links_to_unpublished(html, page_url, state.unpublished)
    if not found:
        return []
    lines = link_lines(os.path.join(state.docs_dir, src_uri), [target for _, target in found])
    return [
        f"{src_uri}{f':{lines[target]}' if target in lines else ''}："
        f"链接指向未发布的页面 {target}（草稿或已排除），链接为「{href}」"
        for href, target in found
    ]


def link_lines(path: str, targets: list[str]) -> dict[str, int]:
    """Source line of the link to each target: where the review command reports it
    (review/kinds/draftlink.py), else the first line naming the target's file."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return {}
    from review.document.markdown import parse
    from review.kinds.draftlink import draft_links

    doc = parse(path, text)
    lines: dict[str, int] = {}
    for start, _, target in draft_links(path, doc.views["markup"]):
        lines.setdefault(target, doc.line_of(start))
    for target in targets:
        if target not in lines:
            name = posixpath.basename(target)
            at = text.find(name, doc.body_start)
            if at >= 0:
                lines[target] = doc.line_of(at)
    return lines


REFUSALS = {
    "files": "页面的前置元数据、草稿标记或位置有误，站点拒绝发布：",
    "links": "已发布页面不能链接或包含草稿，请删除链接或先发布目标页面：",
    "leaks": "草稿或编辑注释泄漏到了站点输出，拒绝发布：",
}


def refusal(kind: str, lines: list[str]) -> str:
    """The build's one message for a kind of problem, one line per problem below it."""
    return REFUSALS[kind] + "\n  " + "\n  ".join(lines)
