"""Site glue for what a member sees: section order and Chinese section titles, the rule
reference generated from the rule packs, lecture headers and ASCII category slugs, the
last-updated date from git, and whole-section print pages."""
from __future__ import annotations

import datetime as dt
import html as htmlmod
import os
import posixpath
import re
import subprocess
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

import _review

RULES_DIR = "guide/rules"
POSTS_DIR = "lectures/posts/"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ATTR_URL = re.compile(r"""\b(href|src)=(["'])(.*?)\2""", re.S)
ATTR_ID = re.compile(r"""\bid=(["'])(.*?)\1""")
VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\n]+")

_state: dict = {"nav": None, "dates": {}}


# ---- configuration -------------------------------------------------------------------

def on_config(config):
    table = config.extra.get("lecture_categories") or {}
    for name, slug in table.items():
        if not SLUG.fullmatch(str(slug)):
            raise PluginError(f"extra.lecture_categories：「{name}」的 slug「{slug}」须为小写英文、数字和短横线")
    for name, plugin in config.plugins.items():
        if name.endswith("blog") and hasattr(plugin.config, "categories_slugify"):
            plugin.config.categories_allowed = list(table)

            def slugify(text, separator, _table=table):
                if text not in _table:
                    raise PluginError(f"讲堂分类「{text}」未在 mkdocs.yml 的 extra.lecture_categories 中登记")
                return _table[text]

            plugin.config.categories_slugify = slugify
    return config


# ---- files: rule reference and dates ---------------------------------------------------

def on_files(files, *, config):
    from review.api import rule_reference_pages

    for path, text in rule_reference_pages(_review.rules(_review.project_root(config))).items():
        src_uri = posixpath.join(RULES_DIR, path)
        existing = files.get_file_from_path(src_uri)
        if existing:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))
    _state["dates"] = _git_dates(config.docs_dir)
    return files


def _git_dates(docs_dir: str) -> dict[str, str]:
    """Last commit date of every committed, unmodified file under docs_dir (one git call)."""
    try:
        log = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=#%cs", "--name-only",
             "--relative", "--no-renames", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, timeout=60, check=True).stdout
        dirty = subprocess.run(
            ["git", "-c", "core.quotepath=off", "status", "--porcelain", "--no-renames",
             "--untracked-files=all", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, timeout=60, check=True).stdout
        top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=docs_dir,
                             capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}  # not a git checkout: every page falls back to its file time
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("#"):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date
    for line in dirty.splitlines():  # modified or new: the file time is the truth
        path = line[3:]
        dates.pop(path[len(top):] if path.startswith(top) else path, None)
    return dates


def _chinese_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


# ---- navigation ----------------------------------------------------------------------

def _title_of(file) -> str | None:
    meta = _review.front_matter(file.content_string)
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"(?m)^#[ \t]+(.+?)[ \t#]*$", file.content_string)
    return heading.group(1) if heading else None


def _name_sections(items) -> None:
    for item in items:
        if isinstance(item, Section):
            index = next((c for c in item.children if isinstance(c, Page)
                          and posixpath.basename(c.file.src_uri) == "index.md"), None)
            title = index and _title_of(index.file)
            if title:
                item.title = title
            _name_sections(item.children)


def _top_key(item) -> str:
    page = item if isinstance(item, Page) else next(iter(_pages(item)), None)
    return page.file.src_uri.split("/")[0] if page else ""


def _pages(section):
    for child in section.children:
        if isinstance(child, Page):
            yield child
        elif isinstance(child, Section):
            yield from _pages(child)


@event_priority(-90)  # after the blog plugin has attached its views
def on_nav(nav, *, config, files):
    order = list(config.extra.get("nav_order") or [])
    rank = {name: i for i, name in enumerate(order)}
    nav.items.sort(key=lambda item: rank.get(_top_key(item), len(order)))
    _name_sections(nav.items)
    _state["nav"] = nav
    return nav


# ---- pages ---------------------------------------------------------------------------

def _lecture_header(page) -> str:
    meta = page.meta
    slug = meta.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise PluginError(f"讲堂文章 {page.file.src_uri} 须在 front matter 写 slug（小写英文、数字、短横线），当前为「{slug}」")
    speaker = meta.get("speaker")
    if not speaker:
        raise PluginError(f"讲堂文章 {page.file.src_uri} 缺少主讲人（front matter 的 speaker）")
    who = htmlmod.escape(str(speaker))
    if meta.get("speaker_title"):
        who += f"（{htmlmod.escape(str(meta['speaker_title']))}）"
    lines = [f'<p class="lecture-speaker">主讲人：{who}</p>', ""]
    if meta.get("summary"):
        lines += ['!!! abstract "内容提要"', "", "    " + str(meta["summary"]).strip(), ""]
    return "\n".join(lines) + "\n"


@event_priority(10)  # after the review gate read the file, before the blog takes excerpts
def on_page_markdown(markdown, *, page, config, files):
    src = page.file.src_uri
    if src.startswith(POSTS_DIR):
        header = _lecture_header(page)
        heading = re.search(r"(?m)^#[ \t]+.*\n", markdown)
        at = heading.end() if heading else 0
        markdown = markdown[:at] + "\n" + header + markdown[at:]
    date = _state["dates"].get(src)
    if not date and page.file.abs_src_path:
        date = dt.date.fromtimestamp(os.path.getmtime(page.file.abs_src_path)).isoformat()
    if date:
        page.meta["last_updated"] = _chinese_date(date)
    return markdown


def _rebase(html: str, source_url: str, target_url: str, prefix: str) -> str:
    """Make links of a page's HTML valid from another page, and its anchors unique."""
    base = "http://site/" + source_url

    def url(match):
        name, quote, value = match.groups()
        if value.startswith("#"):
            return f"{name}={quote}#{prefix}{value[1:]}{quote}"
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("/"):
            return match.group(0)
        absolute = urlsplit(urljoin(base, value))
        rel = posixpath.relpath(absolute.path, "/" + target_url) if absolute.path != "/" + target_url else "."
        if absolute.path.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return f"{name}={quote}{rel}{'#' + absolute.fragment if absolute.fragment else ''}{quote}"

    html = ATTR_URL.sub(url, html)
    return ATTR_ID.sub(lambda m: f"id={m.group(1)}{prefix}{m.group(2)}{m.group(1)}", html)


@event_priority(-50)  # after tags listings are filled in
def on_env(env, *, config, files):
    nav = _state["nav"]
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.meta.get("print_section"):
            continue
        section = str(page.meta["print_section"]).strip("/") + "/"
        parts = []
        for n, other in enumerate(nav.pages if nav else []):
            if other is page or not other.file.src_uri.startswith(section) or not other.content:
                continue
            body = _rebase(other.content, other.url, page.url, f"p{n}-")
            if "<h1" not in body:
                body = f"<h1>{htmlmod.escape(other.title or '')}</h1>\n" + body
            parts.append(f'<article class="print-page">\n{body}\n</article>')
        if not parts:
            raise PluginError(f"{file.src_uri}：print_section「{section}」下没有可打印的页面")
        page.content = (page.content or "") + "\n".join(parts)
    return env


def compact_html(html: str) -> str:
    """Drop the theme's indentation (a third of every page at 2,000 pages); a newline still
    separates what whitespace separated, and <pre> stays as it is."""
    parts = VERBATIM.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = INDENT.sub("\n", parts[i])
    return "".join(parts)


@event_priority(-100)
def on_post_page(output, *, page, config):
    return compact_html(output)
