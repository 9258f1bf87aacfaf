"""One renderer per output format: a pure function of the findings and the rules."""
from . import github, json_format, sarif, text

RENDERERS = {"text": text.render, "json": json_format.render, "sarif": sarif.render, "github": github.render}
from . import html  # noqa: E402  (word branch: the HTML report)
RENDERERS["html"] = html.render
