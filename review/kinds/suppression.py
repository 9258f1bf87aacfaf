"""Findings about suppression comments themselves (bare, unused, missing a reason). Matching
lives in review/suppress.py; this kind only declares the rules."""

from __future__ import annotations

from ._compiled import NoHits
from ._regex import RegexCompiler

CHECKS = ("bare", "unused", "reason")
OPTIONS = {"check"}


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    if options.get("check") not in CHECKS:
        raise ValueError(f"check 应为 {'/'.join(CHECKS)}", "check")
    if fix != "none":
        raise ValueError("这类规则不能自动修复", "check")
    return options


def compile(rules) -> NoHits:
    return NoHits()  # review/suppress.py reports these while applying the comments
