"""Suppression must name a rule; secrecy/privacy need a reason; unused ones are reported."""

from engine_support import check


def rules_at(findings):
    return [(f.line, f.rule) for f in findings]


def test_next_line_suppression_names_rule():
    text = "<!-- review-disable-next-line masking/test-pinyin -- 引用原文 -->\n学习dang的\n学习dang的\n"
    assert rules_at(check(text)) == [(3, "masking/test-pinyin"), (1, "metadata/test-title")][::-1]


def test_category_suppression_and_block():
    text = (
        "---\ntitle: t\n---\n<!-- review-disable masking -->\n学习dang的\n学习JY\n"
        "<!-- review-enable masking -->\n学习dang的\n"
    )
    assert rules_at(check(text)) == [(8, "masking/test-pinyin")]


def test_bare_and_unknown_suppressions_are_reported_and_do_nothing():
    text = "---\ntitle: t\n---\n<!-- review-disable-next-line -->\n学习dang的\n<!-- review-disable-next-line typo/nope -->\n学习dang的\n"
    found = rules_at(check(text))
    assert (4, "markup/suppression-without-rule") in found and (6, "markup/suppression-without-rule") in found
    assert (5, "masking/test-pinyin") in found and (7, "masking/test-pinyin") in found


def test_privacy_needs_reason():
    number = "11010519491231002X"
    without = f"---\ntitle: t\n---\n<!-- review-disable-next-line privacy/test-id -->\n号码{number}\n"
    assert rules_at(check(without)) == [(4, "markup/suppression-without-reason"), (5, "privacy/test-id")]
    with_reason = without.replace("test-id -->", "test-id -- 样例号码，非真实个人信息 -->")
    assert check(with_reason) == ()


def test_unused_suppression_reported():
    text = "---\ntitle: t\n---\n<!-- review-disable-next-line masking/test-pinyin -->\n学习党的\n"
    assert rules_at(check(text)) == [(4, "markup/unused-suppression")]


def test_front_matter_ignore():
    text = "---\ntitle: t\nreview:\n  ignore: [masking/test-pinyin -- 转载原文照录]\n---\n学习dang的\n"
    assert check(text) == ()
    unused = "---\ntitle: t\nreview:\n  ignore: [typo/test-words -- 转载原文照录]\n---\n学习\n"
    assert rules_at(check(unused)) == [(4, "markup/unused-suppression")]


def test_front_matter_ignore_without_reason_is_reported_and_does_nothing():
    text = "---\ntitle: t\nreview:\n  ignore: [masking/test-pinyin]\n---\n学习dang的\n"
    found = check(text)
    assert rules_at(found) == [(4, "markup/suppression-without-reason"), (6, "masking/test-pinyin")]
    assert "整页屏蔽「masking/test-pinyin」必须在 -- 之后写明理由" in found[0].message


def test_suppression_inside_code_is_not_a_suppression():
    text = "---\ntitle: t\n---\n```\n<!-- review-disable-next-line masking -->\n```\n学习dang的\n"
    assert rules_at(check(text)) == [(7, "masking/test-pinyin")]


def test_privacy_only_one_place_at_a_time_by_rule_id():
    number = "11010519491231002X"
    for directive in (
        "<!-- review-disable privacy/test-id -- 样例 -->",
        "<!-- review-disable-next-line privacy -- 样例 -->",
    ):
        found = rules_at(check(f"---\ntitle: t\n---\n{directive}\n号码{number}\n"))
        assert (4, "markup/suppression-without-reason") in found and (5, "privacy/test-id") in found, directive
    whole = f"---\ntitle: t\nreview:\n  ignore: ['privacy/test-id -- 样例']\n---\n号码{number}\n"
    assert (6, "privacy/test-id") in rules_at(check(whole))


def test_secrecy_and_privacy_reasons_must_say_something():
    number = "11010519491231002X"
    for reason in ("样例", "ok", "……。。", "1234", "理由", "啊啊啊啊", "a1 2 3"):
        text = f"---\ntitle: t\n---\n<!-- review-disable-next-line privacy/test-id -- {reason} -->\n号码{number}\n"
        found = check(text)
        assert rules_at(found) == [(4, "markup/suppression-without-reason"), (5, "privacy/test-id")], reason
        assert "过于简单" in found[0].message and "至少 4 个字" in found[0].message, reason
    for reason in ("样例号码", "虚构数据，非真实个人信息", "test data", "公告原文"):
        text = f"---\ntitle: t\n---\n<!-- review-disable-next-line privacy/test-id -- {reason} -->\n号码{number}\n"
        assert check(text) == (), reason


def test_other_categories_take_a_short_reason_or_none_line_by_line():
    text = "---\ntitle: t\n---\n<!-- review-disable-next-line masking/test-pinyin -- 原文 -->\n学习dang的\n"
    assert check(text) == ()


def test_category_records_hold_the_policy():
    from review.rules.categories import CATEGORIES, meaningful_reason

    assert [c for c in CATEGORIES.values() if c.reason_required] == [
        c for c in CATEGORIES.values() if not c.downgradable
    ]
    assert {c.id for c in CATEGORIES.values() if c.reason_required} == {"secrecy", "privacy"}
    assert all(c.name and not c.name.isascii() for c in CATEGORIES.values())
    assert not meaningful_reason("") and not meaningful_reason("  ——  ") and meaningful_reason("已征得本人同意")
