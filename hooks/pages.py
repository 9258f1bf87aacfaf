"""Site glue for what a member sees. The logic lives in the studysite package (nav,
lectures, printing, gitdates, recent, quiz, pages); each event hands MkDocs's objects to it."""

from __future__ import annotations

import _review
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite import lectures, nav, pages, printing
from studysite.errors import SiteInputError


def _chinese_errors(call, *args):
    """Bad input (lecture, self-test, order) stops the build with its one Chinese line."""
    try:
        return call(*args)
    except SiteInputError as exc:
        raise PluginError(str(exc)) from None


def on_config(config):
    _chinese_errors(lectures.configure_blog, config.plugins, config.extra.get("lecture_categories"))
    return config


def on_files(files, *, config):
    pages.add_rule_reference(files, config, _review.rules(_review.project_root(config)))
    pages.remember_dates(files, config.docs_dir)
    return files


@event_priority(-90)  # after the blog plugin has attached its views
def on_nav(site_nav, *, config, files):
    return _chinese_errors(nav.apply_order, site_nav, config.extra.get("nav_order") or [], pages.title_of)


@event_priority(10)  # after the review gate read the file, before the blog takes excerpts
def on_page_markdown(markdown, *, page, config, files):
    return _chinese_errors(pages.page_markdown, markdown, page, files, config.extra)


@event_priority(-50)  # after tags listings are filled in
def on_env(env, *, config, files):
    _chinese_errors(pages.print_pages, files)
    return env


@event_priority(-100)
def on_post_page(output, *, page, config):
    return printing.compact_html(output)


def on_post_build(*, config):
    pages.drop_sitemap(config.site_dir, config.site_url)
