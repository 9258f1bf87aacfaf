"""One renderer per output format: a pure function of the findings and the rules."""

from collections.abc import Callable

from . import github, html, json_format, sarif, text
from .stream import Stream

RENDERERS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
}
# Formats that are one document but are still written file by file (see stream.py).
STREAMS: dict[str, Callable[..., Stream]] = {"json": json_format.Stream, "sarif": sarif.Stream}
