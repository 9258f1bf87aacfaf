"""Safe fixes: only certain ones, never in code/URLs/front matter, idempotent."""

from engine_support import check, fixture_rules

from review import engine
from review.fix import apply_fixes


def fix(text):
    rs = fixture_rules()
    new, _, _ = engine.fix(rs, "t.md", text, frozenset(rs.by_id))
    return new


def test_fix_applies_safe_only_and_keeps_code_urls_front_matter():
    text = (
        "---\ntitle: dang的,标题\n---\n学习dang的建设,截止目前\n`dang的,代码`\n"
        "[dang的](http://x.cn/dang的,a) 见 http://x.cn/?q=dang,a学习\n"
    )
    assert fix(text) == (
        "---\ntitle: dang的,标题\n---\n学习党的建设，截止目前\n`dang的,代码`\n"
        "[党的](http://x.cn/dang的,a) 见 http://x.cn/?q=dang,a学习\n"
    )


def test_fix_is_idempotent_and_leaves_no_fixable_finding():
    text = "学习dang的,JY,再接再励\n"
    once = fix(text)
    assert fix(once) == once
    assert not [f for f in check(once) if f.fixable]


def test_overlapping_edits_skip_the_later_one():
    findings = check("学习dang的建设\n", "masking/test-pinyin")
    dup = findings + findings
    new, applied = apply_fixes("学习dang的建设\n", dup)
    assert (new, applied) == ("学习党的建设\n", 1)


def test_fix_keeps_crlf():
    assert fix("学习dang的,建设\r\n下一行\r\n") == "学习党的，建设\r\n下一行\r\n"
