"""Nothing external: the written site must not refer to any other host.

Members read the site on an intranet with no internet access, so every font, script,
style sheet, image and link must be served by the site itself. After the build, every
HTML, CSS and JS file is audited; one reference to another host stops the build.
"""
from __future__ import annotations

import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

EXTERNAL = r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s\"'`<>)]+"
HTML_ATTR = re.compile(
    r"""\b(src|href|srcset|action|formaction|poster|data|background|manifest|cite|ping)\s*=\s*(["']?)\s*(""" + EXTERNAL + ")",
    re.I)
# <meta http-equiv="refresh" content="0; url=http://…"> sends the browser elsewhere by itself.
META_REFRESH = re.compile(r"""content\s*=\s*["'][^"']*?url\s*=\s*['"]?(""" + EXTERNAL + ")", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*(""" + EXTERNAL + ")", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>|<[A-Za-z][^<>]*\bstyle\s*=\s*\"([^\"]*)\"", re.I | re.S)
JS_LITERAL = re.compile(r"""["'`](https?://[A-Za-z0-9$][^"'`\s]*)""")

# URLs inside Material's own bundle that are never requested on this site, each with the
# condition that keeps it dormant (checked below, not assumed).
DORMANT = {
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver, which Material does not support",
    "https://unpkg.com/mermaid@": "only for pages with Mermaid diagrams (refused in audit_html)",
    "https://api.github.com/": "only with repo_url (refused in on_config)",
    "https://${": "GitLab API, only with repo_url (refused in on_config)",
    "http://www.w3.org/": "XML namespace name, never fetched",
}


MERMAID = re.compile(r"""class\s*=\s*["'][^"']*\bmermaid\b""", re.I)


TAG = re.compile(r"<[A-Za-z][^<>]*>")  # real tags only: escaped code shows &lt;img src=...&gt;


def _tags_with_urls(text: str):
    """The real tags that contain '//': every external reference has it (fast path)."""
    pos = text.find("//")
    while pos >= 0:
        start, end = text.rfind("<", 0, pos), text.find(">", pos)
        if start > text.rfind(">", 0, pos) and end > 0:
            tag = TAG.match(text, start, end + 1)
            if tag:
                yield tag.group()
            pos = text.find("//", end)
        else:
            pos = text.find("//", pos + 2)


def audit_html(text: str) -> list[str]:
    found = [m.group(3) for tag in _tags_with_urls(text) for m in HTML_ATTR.finditer(tag)]
    found += [m.group(1) for tag in _tags_with_urls(text) if tag[:5].lower() == "<meta"
              for m in META_REFRESH.finditer(tag)]
    if MERMAID.search(text):  # the theme would fetch Mermaid from a CDN for this page
        found.append("https://unpkg.com/mermaid（Mermaid 图）")
    for block, inline in STYLE_BLOCK.findall(text):
        found += audit_css(block or inline)
    return found


def audit_css(text: str) -> list[str]:
    return [m.group(1) for m in CSS_URL.finditer(CSS_COMMENT.sub("", text))
            if not m.group(1).startswith("//www.w3.org/") and "www.w3.org/" not in m.group(1)]


def audit_js(text: str) -> list[str]:
    return [m.group(1) for m in JS_LITERAL.finditer(text)
            if not any(m.group(1).startswith(prefix) for prefix in DORMANT)]


AUDITS = {".html": audit_html, ".htm": audit_html, ".css": audit_css, ".js": audit_js, ".mjs": audit_js}


def own_origin(site_url: str | None) -> str | None:
    """scheme://host[:port] of the site itself (`site_url`; `mkdocs serve` sets it to the
    address it serves on), whose absolute links such as rel=canonical stay on the site."""
    m = re.match(r"(?i)([a-z][a-z0-9+.-]*://[^/?#]+)", site_url or "")
    return m.group(1).lower() if m else None


def audit_site(site_dir: str, origin: str | None = None) -> list[str]:
    problems = []
    for folder, _, names in os.walk(site_dir):
        for name in sorted(names):
            audit = AUDITS.get(os.path.splitext(name)[1].lower())
            if audit is None:
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for url in audit(f.read()):
                    if origin and (url.lower() + "/").startswith(origin + "/"):
                        continue
                    problems.append(f"{os.path.relpath(path, site_dir)}：{url}")
    return problems


def on_config(config):
    if config.repo_url:
        raise PluginError("设置了 repo_url：主题会请求代码托管网站的接口，内网无法访问，请删除 repo_url。")
    return config


@event_priority(-200)  # the very last check, after every file is written
def on_post_build(*, config):
    problems = audit_site(config.site_dir, own_origin(config.site_url))
    if problems:
        raise PluginError(
            "站点引用了外部地址（内网无法访问，也不允许向外部发出请求），拒绝发布：\n  "
            + "\n  ".join(problems[:50])
            + (f"\n  ……另有 {len(problems) - 50} 处" if len(problems) > 50 else "")
        )
