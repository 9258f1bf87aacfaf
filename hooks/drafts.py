"""Drafts never reach the site (studysite.drafts decides, once, on what MkDocs parses):
excluded before and after every plugin, editors' comments removed, links to unpublished
pages and unreadable or ambiguous front matter refused, the written site checked."""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

from studysite import drafts

_state = drafts.DraftState()


def on_config(config):
    global _state
    _state = drafts.DraftState()
    problem = drafts.blog_publishes_drafts(config.plugins)
    if problem:
        raise PluginError(problem)
    return config


@event_priority(100)  # before the blog plugin resolves its posts
def on_files(files, *, config):
    _state.reset()
    errors = drafts.exclude_drafts(files, config.docs_dir, _state)
    if errors:
        raise PluginError("草稿判定失败，站点拒绝发布：\n  " + "\n  ".join(errors))
    return files


@event_priority(-100)  # after every plugin has set inclusion levels
def on_nav(nav, *, config, files):
    for file in _state.drafts.values():
        file.inclusion = InclusionLevel.EXCLUDED
    _state.unpublished.update(drafts.unpublished_urls(files))
    return nav


@event_priority(-100)  # after blog and tags have read their directives
def on_page_markdown(markdown, *, page, config, files):
    if page.meta.get("draft") not in (None, False):  # what MkDocs parsed must agree
        _state.bad.append(f"{page.file.src_uri}：MkDocs 读到 draft={page.meta['draft']!r}，但页面未被排除")
    return drafts.strip_comments(markdown)


def on_page_content(html, *, page, config, files):
    for href, target in drafts.links_to_unpublished(html, page.url, _state.unpublished):
        _state.bad.append(f"{page.file.src_uri}：链接指向未发布的页面 {target}（草稿或已排除），链接为「{href}」")
    return html


@event_priority(90)  # before the pages are written
def on_env(env, *, config, files):
    if _state.bad:
        raise PluginError("已发布页面不能链接或包含草稿，请删除链接或先发布目标页面：\n  " + "\n  ".join(_state.bad))
    return env


def on_post_page(output, *, page, config):
    return drafts.strip_html_comments(output)


def on_post_template(output_content, *, template_name, config):
    return drafts.strip_html_comments(output_content)


@event_priority(-150)
def on_post_build(*, config):
    found = drafts.leaks(config.site_dir, [f.dest_uri for f in _state.drafts.values()])
    if found:
        raise PluginError("草稿或编辑注释泄漏到了站点输出，拒绝发布：\n  " + "\n  ".join(found))
