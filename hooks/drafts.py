"""Drafts never reach the site.

A page is a draft when its front matter says `draft: true` or when it lives in a folder
named `drafts`. Drafts are excluded here, whichever plugin (blog, tags, search, sitemap)
would otherwise pick them up, and excluded again after every plugin has had its say.
HTML comments (editors' review notes) are removed from the Markdown before rendering and
from every written HTML file. A published page that links to an unpublished one stops
the build, and a final audit checks the written site.
"""
from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

import _review

DRAFT_DIR = "drafts"
DRAFT_KEY = re.compile(r"(?m)^draft[ \t]*:")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HREF = re.compile(r"""<(?:a|link)\b[^>]*?\bhref=(["'])(.*?)\1""", re.I | re.S)
# Directives that other plugins read from the Markdown; they are removed from the HTML.
KEEP_COMMENT = re.compile(r"<!--\s*(?:more|material/tags\b.*?)\s*-->", re.S)

_drafts: dict[str, object] = {}  # src_uri -> File
_unpublished_urls: dict[str, str] = {}  # "/url/" -> src_uri
_bad_links: list[str] = []


def is_draft(src_uri: str, source: str) -> bool:
    if DRAFT_DIR in src_uri.split("/")[:-1]:
        return True
    text = _review.front_matter_text(source)
    if text is None or not DRAFT_KEY.search(text):
        return False  # cheap path: no YAML parse unless a draft key is present
    return _review.front_matter(source).get("draft") is True


def on_config(config):
    for name, plugin in config.plugins.items():
        if name.endswith("blog") and hasattr(plugin.config, "draft_on_serve"):
            if plugin.config.draft or plugin.config.draft_on_serve:
                raise PluginError(
                    f"插件 {name} 设置了 draft 或 draft_on_serve：草稿会被发布。"
                    "请在 mkdocs.yml 中设为 draft: false、draft_on_serve: false。"
                )
    return config


@event_priority(100)  # before the blog plugin resolves its posts
def on_files(files, *, config):
    _drafts.clear()
    _bad_links.clear()
    for file in files:
        is_page = file.is_documentation_page()
        if DRAFT_DIR in file.src_uri.split("/")[:-1] or (
            is_page and file.abs_src_path and is_draft(file.src_uri, file.content_string)
        ):
            file.inclusion = InclusionLevel.EXCLUDED
            _drafts[file.src_uri] = file
    return files


@event_priority(-100)  # after every plugin has set inclusion levels
def on_nav(nav, *, config, files):
    for file in _drafts.values():
        file.inclusion = InclusionLevel.EXCLUDED
    _unpublished_urls.clear()
    for file in files.documentation_pages(inclusion=InclusionLevel.all):
        if file.inclusion.is_excluded():
            _unpublished_urls["/" + file.url] = file.src_uri
    return nav


def strip_comments(markdown: str) -> str:
    """Remove HTML comments outside code, keeping the directives other plugins need."""
    if "<!--" not in markdown:
        return markdown
    from review.document.markdown import parse  # same notion of "comment" as the review tool

    spans = [s for s in parse("page.md", markdown).comments
             if not KEEP_COMMENT.fullmatch(markdown[s[0]:s[1]])]
    if not spans:
        return markdown
    out, pos = [], 0
    for start, end in spans:
        out.append(markdown[pos:start])
        pos = end
    out.append(markdown[pos:])
    return "".join(out)


@event_priority(-100)  # after blog and tags have read their directives
def on_page_markdown(markdown, *, page, config, files):
    return strip_comments(markdown)


def on_page_content(html, *, page, config, files):
    base = "http://site/" + page.url
    for match in HREF.finditer(html):
        href = match.group(2)
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.netloc != "site":
            continue
        path = unquote(parts.path)
        if not path.endswith("/") and not posixpath.splitext(path)[1]:
            path += "/"
        target = _unpublished_urls.get(path)
        if target:
            _bad_links.append(f"{page.file.src_uri}：链接指向未发布的页面 {target}（草稿或已排除），链接为「{href}」")
    return html


@event_priority(90)  # before the pages are written
def on_env(env, *, config, files):
    if _bad_links:
        raise PluginError(
            "已发布页面不能链接草稿，请删除链接或先发布目标页面：\n  " + "\n  ".join(_bad_links)
        )
    return env


def _strip_html(output: str) -> str:
    return HTML_COMMENT.sub("", output) if "<!--" in output else output


def on_post_page(output, *, page, config):
    return _strip_html(output)


def on_post_template(output_content, *, template_name, config):
    return _strip_html(output_content)


@event_priority(-150)
def on_post_build(*, config):
    leaks = []
    for file in _drafts.values():
        if file.is_documentation_page() or file.is_media_file():
            dest = os.path.join(config.site_dir, file.dest_uri)
            if os.path.exists(dest):
                leaks.append(f"草稿 {file.src_uri} 被写入了 {file.dest_uri}")
    for folder, _, names in os.walk(config.site_dir):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    if "<!--" in f.read():
                        leaks.append(f"{os.path.relpath(path, config.site_dir)} 含有 HTML 注释")
    if leaks:
        raise PluginError("草稿或编辑注释泄漏到了站点输出，拒绝发布：\n  " + "\n  ".join(leaks))
