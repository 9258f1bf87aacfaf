"""Every rule's examples hold: the fixture pack here, the default packs in test_packs.py."""

from engine_support import ENGINE_RULES, ROOT

from review.rules.examples import verify
from review.rules.loader import load_pack


def test_fixture_pack_examples_hold():
    rules = tuple(load_pack(ENGINE_RULES) + load_pack(ROOT / "review/packs/suppressions.yaml"))
    assert verify(rules) == []


def test_a_wrong_example_is_caught(tmp_path):
    text = ENGINE_RULES.read_text(encoding="utf-8").replace("fixed: 学习党的建设", "fixed: 学习政党的建设")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    problems = verify(tuple(load_pack(tmp_path / "p.yaml")))
    assert len(problems) == 1 and "masking/test-pinyin" in problems[0] and "学习政党的建设" in problems[0]
