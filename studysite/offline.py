"""Nothing fetched from elsewhere: every URL a browser would request by itself, found in the
parsed output (Lexbor HTML5 parser, tinycss2 tokens) and resolved as a browser resolves it
(entities decoded by the parser, tabs and newlines dropped, backslashes read as slashes,
protocol-relative and scheme-relative forms, `<base href>`), must stay on the site.

Links a reader follows (`<a href>`, `<area href>`) are another matter: pages cite 中国人大网
and the municipal portal, so they are allowed and marked as external at build time
(`mark_external_links`); `ping` on them, which the browser sends by itself, is not."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from review.document.urls import (
    FETCH_ATTRS,
    SITE,
    SPECIAL,
    SRCSET_ATTRS,
    clean,
    css_urls,
    js_urls,
    refresh_url,
    resolve,
    srcset_urls,
    svg_urls,
)

# <link rel> values that fetch nothing; any other rel may (stylesheet, icon, preload,
# prefetch, modulepreload, manifest, preconnect, dns-prefetch, prerender, …).
INERT_RELS = frozenset(
    {
        "canonical",
        "alternate",
        "author",
        "license",
        "help",
        "next",
        "prev",
        "bookmark",
        "external",
        "nofollow",
        "noopener",
        "noreferrer",
        "me",
        "tag",
    }
)
XML_STYLESHEET = re.compile(r"<\?xml-stylesheet\b([^?]*)\?>", re.I)
PSEUDO_ATTR = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.I | re.S)
# Material's bundles name hosts they never contact on this site; each with the reason.
DORMANT = {
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    "https://unpkg.com/mermaid@": "only for pages with Mermaid diagrams (refused below)",
    "https://api.github.com/": "only with repo_url (refused in on_config)",
    "https://${": "GitLab API, only with repo_url (refused in on_config)",
    "http://www.w3.org/": "XML namespace name, never fetched",
    "https://www.w3.org/": "XML namespace name, never fetched",
}


def own_origin(site_url: str | None) -> str | None:
    """scheme://host[:port] of the site itself (`mkdocs serve` sets site_url to where it serves)."""
    m = re.match(r"(?i)([a-z][a-z0-9+.-]*://[^/?#]+)", site_url or "")
    return m.group(1).lower() if m else None


def page_base(rel_path: str) -> str:
    return f"http://{SITE}/" + rel_path.lstrip("/")


def _html_urls(tree) -> Iterator[tuple[str, str]]:
    """(what, url) of every automatic request in a parsed HTML or SVG document."""
    for node in tree.css("*"):
        tag = (node.tag or "").lower()
        attrs = node.attributes
        if tag == "style":
            yield from (("<style>", u) for u in css_urls(node.text(deep=True) or ""))
        elif tag == "script":
            yield from (("<script>", u) for u in js_urls(node.text(deep=True) or ""))
            if (node.attributes.get("type") or "").lower() in ("text/html", "text/x-template"):
                yield from _html_urls(LexborHTMLParser(node.text(deep=True) or ""))
        elif tag == "template":  # its content is a separate fragment the selector does not reach
            outer = node.html or ""
            inner = outer[outer.find(">") + 1 :]
            yield from _html_urls(
                LexborHTMLParser(inner[: -len("</template>")] if inner.lower().endswith("</template>") else inner)
            )
        if not attrs:
            continue
        for name, value in attrs.items():
            if value is None:
                continue
            low = name.lower()
            if low in FETCH_ATTRS:
                yield f"<{tag} {low}>", value
            elif low in SRCSET_ATTRS:
                yield from ((f"<{tag} {low}>", u) for u in srcset_urls(value))
            elif low == "style":
                yield from ((f"<{tag} style>", u) for u in css_urls(value, declarations=True))
            elif low == "ping":
                yield from ((f"<{tag} ping>", u) for u in value.split())
            elif low.startswith("on"):
                yield from ((f"<{tag} {low}>", u) for u in js_urls(value))
            elif low in ("href", "xlink:href"):
                if value.strip().lower().startswith("javascript:"):
                    yield from ((f"<{tag} {low}>", u) for u in js_urls(value))
                elif tag == "link":
                    rels = set((attrs.get("rel") or "").lower().split())
                    if not rels or not rels <= INERT_RELS or "stylesheet" in rels:
                        yield f"<link rel={' '.join(sorted(rels))}>", value
                elif tag not in ("a", "area", "base"):  # svg <use>, <image>, <feImage>, <base>…
                    yield f"<{tag} {low}>", value
        yield from ((f"<{tag}> (SVG)", u) for u in svg_urls(tag, attrs))
        if tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() in ("refresh", "set-cookie"):
            target = refresh_url(attrs.get("content") or "")
            if target:
                yield "<meta refresh>", target


def audit_html(text: str, rel_path: str, origin: str | None = None) -> list[str]:
    tree = LexborHTMLParser(text)
    base = page_base(rel_path)
    problems = []
    for node in tree.css("base[href]"):  # the whole page's addresses would move there
        href = node.attributes.get("href") or ""
        target = resolve(href, base)
        if target and not _own(target, origin):
            problems.append(f"<base href>：{target}")
        elif not target:
            base = urljoin(base, clean(href))
    for what, url in _html_urls(tree):
        target = resolve(url, base)
        if target and not _own(target, origin) and not _dormant(target):
            problems.append(f"{what}：{target}")
    if tree.css_first(".mermaid, pre.mermaid, div.mermaid"):  # the theme would fetch Mermaid from a CDN
        problems.append("Mermaid 图：https://unpkg.com/mermaid")
    if rel_path.lower().endswith((".svg", ".xml", ".xhtml")):
        for match in XML_STYLESHEET.finditer(text):
            for pseudo in PSEUDO_ATTR.finditer(match.group(1)):
                target = resolve(pseudo.group(2), base)
                if target and not _own(target, origin):
                    problems.append(f"<?xml-stylesheet?>：{target}")
    return problems


def audit_css(text: str, rel_path: str, origin: str | None = None) -> list[str]:
    base = page_base(rel_path)
    out = []
    for url in css_urls(text):
        target = resolve(url, base)
        if target and not _own(target, origin) and not _dormant(target):
            out.append(f"CSS：{target}")
    return out


THEME_JS_URL = re.compile(r"""["'`](https?://[A-Za-z0-9$][^"'`\s]*)""")


def audit_js(text: str, rel_path: str, origin: str | None = None, theme: bool = False) -> list[str]:
    """Scripts: every URL literal, JS escapes decoded. The installed theme's minified
    bundles are read literally (their regular expressions are not addresses)."""
    base = page_base(rel_path)
    out = []
    for url in THEME_JS_URL.findall(text) if theme else js_urls(text):
        target = resolve(url, base)
        if target and not _own(target, origin) and not _dormant(target):
            out.append(f"脚本：{target}")
    return out


AUDITS = {
    ".html": audit_html,
    ".htm": audit_html,
    ".xhtml": audit_html,
    ".svg": audit_html,
    ".css": audit_css,
    ".js": audit_js,
    ".mjs": audit_js,
}


def _own(target: str, origin: str | None) -> bool:
    return origin is not None and (target.lower() + "/").startswith(origin + "/")


def _dormant(target: str) -> bool:
    return any(target.startswith(prefix) for prefix in DORMANT)


def audit_file(rel_path: str, text: str, origin: str | None = None, theme: bool = False) -> list[str]:
    audit = AUDITS.get(posixpath.splitext(rel_path.lower())[1])
    if audit is audit_js:
        return audit_js(text, rel_path, origin, theme)
    return audit(text, rel_path, origin) if audit else []


def audit_site(site_dir: str, origin: str | None = None, theme: frozenset[str] = frozenset()) -> list[str]:
    """Every HTML, SVG, CSS and JS file of the written site; `theme` names the installed
    theme's own files."""
    import os

    problems = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site_dir).replace(os.sep, "/")
            if posixpath.splitext(name.lower())[1] not in AUDITS:
                continue
            with open(path, encoding="utf-8", errors="replace") as fh:
                problems += [f"{rel}：{p}" for p in audit_file(rel, fh.read(), origin, rel in theme)]
    return problems


# ---- outbound links -------------------------------------------------------------------

EXTERNAL_CLASS = "external-link"
EXTERNAL_CSS = """/* Generated by the build (studysite.offline): links that leave the site. */
a.external-link::after {
  content: "\\2197";
  display: inline-block;
  margin-left: 0.15em;
  font-size: 0.8em;
  text-decoration: none;
}
"""


def mark_external_links(html: str, origin: str | None = None) -> str:
    """Outbound `<a>`/`<area>` links get `rel="noopener noreferrer"`, `target="_blank"` and a
    class the site's style sheet marks with an icon; other HTML is returned as it was."""
    if "//" not in html and "\\" not in html and ":" not in html:
        return html
    tree = LexborHTMLParser(f"<body>{html}</body>")
    changed = False
    for node in tree.css("a[href], area[href]"):
        href = node.attributes.get("href") or ""
        target = resolve(href, page_base("page/"))
        if not target or _own(target, origin) or urlsplit(target).scheme.lower() not in SPECIAL:
            continue
        classes = (node.attributes.get("class") or "").split()
        if EXTERNAL_CLASS not in classes:
            node.attrs["class"] = " ".join([*classes, EXTERNAL_CLASS])
        rels = (node.attributes.get("rel") or "").split()
        node.attrs["rel"] = " ".join(dict.fromkeys([*rels, "noopener", "noreferrer"]))
        node.attrs["target"] = "_blank"
        changed = True
    if not changed or tree.body is None:
        return html
    return tree.body.inner_html or html
