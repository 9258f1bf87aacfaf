"""No switch turns the review off silently: not an option, not an environment variable, not
a front-matter key; suppressions must name a rule, and secrecy/privacy need a reason."""

import re

from engine_support import ROOT, check, run_review

ALLOWED_ENV = {"REVIEW_CACHE_DIR", "XDG_CACHE_HOME"}  # where the pack cache lives, nothing else


def test_only_cache_location_is_read_from_the_environment():
    used = set()
    for path in (ROOT / "review").rglob("*.py"):
        used |= set(re.findall(r"environ(?:\.get)?\[?\(?[\"']([A-Z_]+)", path.read_text(encoding="utf-8")))
        assert "getenv" not in path.read_text(encoding="utf-8"), path
    assert used == ALLOWED_ENV


def test_no_option_disables_review():
    help_text = run_review("--help").stdout
    options = set(re.findall(r"(--[a-z-]+)", help_text))
    assert options == {
        "--help",
        "--format",
        "--fix",
        "--diff",
        "--select",
        "--ignore",
        "--fail-on",
        "--config",
        "--list-rules",
        "--explain",
        "--stats",
        "--jobs",
    }


def test_front_matter_cannot_switch_review_off():
    for value in ("false", "off", "{skip: true}", "{ignore: all}", "{ignore: []}"):
        text = f"---\ntitle: t\nreview: {value}\n---\n学习dang的\n"
        rules = {f.rule for f in check(text)}
        assert "masking/test-pinyin" in rules, value
        assert "markup/suppression-without-rule" in rules or value == "{ignore: []}", value


def test_draft_flag_does_not_skip_review():
    assert [f.rule for f in check("---\ntitle: t\ndraft: true\n---\n学习dang的\n")] == ["masking/test-pinyin"]
