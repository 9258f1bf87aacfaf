"""Writing a report file by file, so memory stays flat in the number of findings. Each
format's stream writes exactly what its `render` returns for all the findings at once
(tests compare the two): per file for the line formats, with a stream of its own for the
formats that are one document (json, sarif, html)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TextIO

from ..model import Finding, Rule

Render = Callable[[list[Finding], Mapping[str, Rule], int], str]


class Stream(Protocol):
    def add(self, findings: Iterable[Finding]) -> None: ...

    def close(self) -> None: ...


class PerFile:
    """Formats with one line per finding (text, github): each file's lines as they come."""

    def __init__(self, render: Render, out: TextIO, rules: Mapping[str, Rule]):
        self.render, self.out, self.rules = render, out, rules

    def add(self, findings: Iterable[Finding]) -> None:
        self.out.write(self.render(list(findings), self.rules, 1))

    def close(self) -> None:
        pass


def indent(text: str, spaces: int) -> str:
    """`text` (a json.dumps(..., indent=2) block) as it sits `spaces` deeper in a document;
    the first line is not indented (it follows a key or a comma)."""
    pad = " " * spaces
    return text.replace("\n", "\n" + pad)


def open_stream(name: str, out: TextIO, rules: Mapping[str, Rule], files: int) -> Stream:
    from . import RENDERERS, STREAMS

    if name in STREAMS:
        return STREAMS[name](out, rules, files)
    return PerFile(RENDERERS[name], out, rules)
