"""Drafts never reach the site: studysite.drafts decides once, on what MkDocs parses."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite import drafts, gate

_state = drafts.DraftState()


def on_config(config):
    problem = gate.missing_hooks(config.hooks) or drafts.blog_publishes_drafts(config.plugins)
    if problem:
        raise PluginError(problem)


@event_priority(100)  # before the blog plugin resolves its posts
def on_files(files, *, config):
    _state.reset()
    errors = drafts.exclude_drafts(files, config.docs_dir, _state)
    if errors:
        raise PluginError(drafts.refusal("files", errors))


@event_priority(-100)  # after every plugin has set inclusion levels
def on_nav(nav, *, config, files):
    drafts.settle(files, _state)


@event_priority(-100)  # after blog and tags have read their directives
def on_page_markdown(markdown, *, page, config, files):
    _state.bad.extend(drafts.meta_disagrees(page.file.src_uri, page.meta))
    return drafts.strip_comments(markdown)


def on_page_content(html, *, page, config, files):
    _state.bad.extend(drafts.bad_links(html, page.file.src_uri, page.url, _state))


@event_priority(90)  # before the pages are written
def on_env(env, *, config, files):
    if _state.bad:
        raise PluginError(drafts.refusal("links", _state.bad))


def on_post_page(output, *, page, config):
    return drafts.strip_html_comments(output)


def on_post_template(output_content, *, template_name, config):
    return drafts.strip_html_comments(output_content)


@event_priority(-150)
def on_post_build(*, config):
    found = drafts.leaks(config.site_dir, [f.dest_uri for f in _state.drafts.values()])
    if found:
        raise PluginError(drafts.refusal("leaks", found))
