"""Writing a report file by file, so memory stays flat in the number of findings. Each
format's stream writes exactly what its `render` returns for all the findings at once
(tests compare the two); a format without a stream of its own is rendered at the end."""

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


class AtEnd:
    """Formats that need every finding first (html): kept, rendered once at the end."""

    def __init__(self, render: Render, out: TextIO, rules: Mapping[str, Rule], files: int):
        self.render, self.out, self.rules, self.files = render, out, rules, files
        self.kept: list[Finding] = []

    def add(self, findings: Iterable[Finding]) -> None:
        self.kept += findings

    def close(self) -> None:
        self.out.write(self.render(self.kept, self.rules, self.files))


def indent(text: str, spaces: int) -> str:
    """`text` (a json.dumps(..., indent=2) block) as it sits `spaces` deeper in a document;
    the first line is not indented (it follows a key or a comma)."""
    pad = " " * spaces
    return text.replace("\n", "\n" + pad)


def open_stream(name: str, out: TextIO, rules: Mapping[str, Rule], files: int) -> Stream:
    from . import RENDERERS, STREAMS

    if name in STREAMS:
        return STREAMS[name](out, rules, files)
    if name in ("text", "github"):
        return PerFile(RENDERERS[name], out, rules)
    return AtEnd(RENDERERS[name], out, rules, files)
