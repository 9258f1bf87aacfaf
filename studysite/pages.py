"""What hooks/pages.py does on each MkDocs event, with MkDocs's objects as explicit
inputs: page dates, lecture headers, self-tests, 最近更新, print compilations, sitemap."""

from __future__ import annotations

import datetime as dt
import os
import posixpath

from mkdocs.utils.meta import get_data

from studysite import gitdates, lectures, printing, quiz, recent
from studysite.errors import SiteInputError

POSTS_DIR = "lectures/posts/"
DATES = "_studysite_dates"  # attribute on the build's Files: per-build, not module state


def add_generated(files, config, folder: str, generated) -> None:
    """Pages made at build time ({path: Markdown}) replace any file of the same path."""
    from mkdocs.structure.files import File

    for path, text in generated.items():
        src_uri = posixpath.join(folder, path)
        if existing := files.get_file_from_path(src_uri):
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))


def add_rule_reference(files, config, rules) -> None:
    """The rule reference (guide/rules/…), generated from the loaded rule packs."""
    from review.api import rule_reference_pages

    add_generated(files, config, "guide/rules", rule_reference_pages(rules))


def remember_dates(files, docs_dir: str) -> None:
    setattr(files, DATES, gitdates.git_dates(docs_dir))


def file_date(files, file) -> str:
    """Last commit date; the file time for a new or modified file (or outside git)."""
    date = getattr(files, DATES, {}).get(file.src_uri)
    if not date and file.abs_src_path and os.path.exists(file.abs_src_path):
        date = dt.date.fromtimestamp(os.path.getmtime(file.abs_src_path)).isoformat()
    return date or ""


def title_of(page) -> str | None:
    """A page's title before MkDocs reads it: front matter title, else its first heading."""
    source = page.file.content_string
    _, meta = get_data(source)
    if meta.get("title"):
        return str(meta["title"])
    heading = recent.HEADING.search(source)
    return heading.group(1) if heading else None


def body_first_line(source: str) -> int:
    """The file's line number where the Markdown after the front matter begins, so errors
    name the line an editor sees."""
    body, _ = get_data(source)
    return source.count("\n") - body.count("\n") + 1


def recent_listing(page, files, extra) -> str:
    options = extra.get("recent_updates") or {}
    sections = options.get("sections") or ["study", "lectures/posts", "plan"]
    entries = []
    for file in files.documentation_pages():
        if recent.wanted(file.src_uri, sections):
            entry = recent.page_entry(file.src_uri, file.content_string, file_date(files, file))
            if entry and entry.date:
                entries.append(entry)
    return recent.markdown_list(recent.latest(entries, int(options.get("count", 6))), page.file.src_uri)


def page_markdown(markdown: str, page, files, extra) -> str:
    src = page.file.src_uri
    markdown = quiz.to_html(markdown, f"docs/{src}", body_first_line(page.file.content_string))
    if src.startswith(POSTS_DIR):
        markdown = lectures.with_header(markdown, src, page.meta)
    if recent.MARKER in markdown:
        markdown = recent.fill(markdown, recent_listing(page, files, extra))
    date = file_date(files, page.file)
    if date:
        page.meta["last_updated"] = gitdates.chinese_date(date)
    return markdown


def nav_order(page):
    """Pages in the declared navigation order, walked from any page on the footer chain."""
    while page.previous_page is not None:
        page = page.previous_page
    while page is not None:
        yield page
        page = page.next_page


def print_pages(files) -> None:
    """Fill every page with `print_section` with that section's pages (after rendering)."""
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.meta.get("print_section"):
            continue
        section = str(page.meta["print_section"])
        body = printing.compile_section(page, nav_order(page), section)
        if not body:
            raise SiteInputError(f"{file.src_uri}：print_section「{section}」下没有可打印的页面")
        page.content = (page.content or "") + body


def drop_sitemap(site_dir: str, site_url: str | None) -> None:
    """Without site_url the theme writes a sitemap with no addresses: better none."""
    if site_url:
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        path = posixpath.join(site_dir, name)
        if os.path.exists(path):
            os.remove(path)
