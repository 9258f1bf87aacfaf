"""One renderer per output format: a pure function of the findings and the rules."""

from collections.abc import Callable

from . import github, json_format, sarif, text
from .stream import Stream


def _html(findings, rules, files: int) -> str:
    from . import html  # a page for people, not for the hook: imported only when asked for

    return html.render(findings, rules, files)


RENDERERS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": _html,
}


def _html_stream(out, rules, files: int) -> Stream:
    from . import html

    return html.Stream(out, rules, files)


# Formats that are one document but are still written file by file (see stream.py).
STREAMS: dict[str, Callable[..., Stream]] = {"json": json_format.Stream, "sarif": sarif.Stream, "html": _html_stream}
