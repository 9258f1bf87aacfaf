"""Rule files load with clear errors: file, line, rule id."""

import pytest
from engine_support import ENGINE_RULES

from review.model import ReviewError
from review.rules.loader import check_unique, default_pack_paths, load_pack, load_rules

GOOD = """rules:
  - id: typo/x
    kind: lexicon
    severity: warning
    message: m
    standard: s
    rationale: r
    terms: {a: b}
    examples: [{bad: a, fixed: b}, {good: b}]
"""


def load(tmp_path, text):
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    return load_pack(p)


def error(tmp_path, text) -> ReviewError:
    with pytest.raises(ReviewError) as exc:
        load(tmp_path, text)
    return exc.value


def test_good_pack_loads(tmp_path):
    (rule,) = load(tmp_path, GOOD)
    assert rule.id == "typo/x" and rule.category == "typo" and rule.source.endswith(":2")


@pytest.mark.parametrize(
    "change,line,words",
    [
        (("    terms: {a: b}\n", "    terms: {a: b}\n    colour: red\n"), 9, "未知字段 colour"),
        (("kind: lexicon", "kind: magic"), 3, "未知 kind"),
        (("id: typo/x", "id: Typo/X"), 2, "id 应为"),
        (("id: typo/x", "id: spelling/x"), 2, "未知类别"),
        (("severity: warning", "severity: fatal"), 4, "severity"),
        (("    terms: {a: b}\n", "    pattern: '(a'\n"), 8, "未知字段 pattern"),
        (("    examples: [{bad: a, fixed: b}, {good: b}]", "    examples: [{bad: a}]"), 9, "至少要有"),
        (("    terms: {a: b}", "    terms: {a: b, a: c}"), 8, "重复"),
    ],
)
def test_bad_records_name_line_and_rule(tmp_path, change, line, words):
    err = error(tmp_path, GOOD.replace(*change))
    assert err.line == line and words in err.reason, err
    assert str(err).startswith(str(tmp_path / "pack.yaml") + f":{line}:")


def test_bad_regex_names_its_line(tmp_path):
    text = GOOD.replace("kind: lexicon", "kind: pattern").replace(
        "    terms: {a: b}\n", "    pattern: '(a'\n    replace: b\n"
    )
    err = error(tmp_path, text)
    assert err.line == 8 and "正则" in err.reason and "typo/x" in err.reason


def test_catastrophic_regex_rejected(tmp_path):
    text = GOOD.replace("kind: lexicon", "kind: pattern").replace(
        "    terms: {a: b}\n", "    pattern: '(a+)+$'\n    replace: b\n"
    )
    err = error(tmp_path, text)
    assert "回溯" in err.reason


def test_not_yaml(tmp_path):
    err = error(tmp_path, "rules:\n  - id: [unclosed\n")
    assert err.line is not None and "YAML" in err.reason


def test_not_a_rules_mapping(tmp_path):
    err = error(tmp_path, "- a\n- b\n")
    assert "rules" in err.reason


def test_duplicate_ids_across_files(tmp_path):
    rules = load(tmp_path, GOOD) + load(tmp_path, GOOD)
    with pytest.raises(ReviewError) as exc:
        check_unique(rules)
    assert "重复定义" in exc.value.reason and exc.value.line == 2


def test_safe_fix_needs_a_suggestion(tmp_path):
    err = error(tmp_path, GOOD.replace("terms: {a: b}", "terms: [a]\n    fix: safe"))
    assert "fix: safe" in err.reason


def test_yaml_11_words_stay_words(tmp_path):
    (rule,) = load(tmp_path, GOOD.replace("terms: {a: b}", "terms: {on: 开, no: 否}"))
    assert rule.options["terms"] == (("on", "开"), ("no", "否"))


def test_default_and_fixture_packs_load():
    rules = load_rules(default_pack_paths()) + load_pack(ENGINE_RULES)
    check_unique(rules)
    assert len(rules) >= 10


def test_pack_cache_never_serves_a_stale_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    first = load(tmp_path, GOOD)
    assert list((tmp_path / "cache").glob("*.json")), "the loaded pack was cached"
    assert load(tmp_path, GOOD) == first
    (changed,) = load(tmp_path, GOOD.replace("terms: {a: b}", "terms: {a: c}"))
    assert changed.options["terms"] == (("a", "c"),)


def test_corrupt_cache_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    load(tmp_path, GOOD)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_bytes(b"\x80garbage")
    (rule,) = load(tmp_path, GOOD)
    assert rule.id == "typo/x"


def test_a_cache_entry_cannot_drop_rules(tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    load(tmp_path, GOOD)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text(json.dumps([]), encoding="utf-8")  # a planted entry with no rules
    (rule,) = load(tmp_path, GOOD)
    assert rule.id == "typo/x"
