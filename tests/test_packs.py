"""The default rule packs (review/packs/*.yaml): they load, every rule documents and tests
itself, the breadth the proofreaders' checklist asks for is there, context-dependent words
are reported only where the wrong reading is certain, ordinary official words never fire,
patterns stay fast, and a site can add its own lexicon."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from review import runner
from review.api import load_rules as load_site_rules
from review.api import search_terms
from review.engine import RuleSet
from review.rules.examples import verify
from review.rules.loader import default_pack_paths, load_rules
from review.model import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
PACKS = ROOT / "review" / "packs"
SITE_PACK = ROOT / "tests" / "corpus" / "site-pack.yaml"
HAN = re.compile(r"[\u4e00-\u9fff]")
# What a rationale may cite: the national standards, laws and regulations by their 《》 title,
# news-writing guidance, official wording, dictionaries and the lists of the state language
# commission.
BASIS = re.compile(r"GB/T|GB |《|新华社|OWASP|宪法|党章|工作报告|新闻|规范")

RULES = tuple(load_rules(default_pack_paths()))
BY_ID = {r.id: r for r in RULES}
TEXT_RULES = RuleSet(tuple(r for r in RULES if r.category != "metadata"))


def findings(text: str):
    return runner.check(TEXT_RULES, "t.md", text, frozenset(BY_ID)).findings


def fired(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in findings(text)]


# --- the packs as a whole -------------------------------------------------------------------

def test_one_pack_per_category():
    names = {p.stem for p in PACKS.glob("*.yaml")} - {"suppressions", "roster"}  # roster: names and titles, several categories
    assert names == set(CATEGORIES)
    for rule in RULES:
        if rule.source.startswith((str(PACKS / "suppressions.yaml"), str(PACKS / "roster.yaml"))):
            continue
        assert Path(rule.source.rsplit(":", 1)[0]).stem == rule.category, rule.id


def test_every_example_holds():
    assert verify(RULES) == []


OWN_RULES = tuple(r for r in RULES if not r.source.startswith(str(PACKS / "suppressions.yaml")))


@pytest.mark.parametrize("rule", OWN_RULES, ids=lambda r: r.id)
def test_rule_documents_itself(rule):
    for key in ("message", "standard", "rationale"):
        assert HAN.search(getattr(rule, key)), f"{rule.id}: {key} must be Chinese"
    assert BASIS.search(rule.rationale), f"{rule.id}: rationale cites no basis"
    assert any(e.bad for e in rule.examples) and any(e.good for e in rule.examples)
    if rule.fix != "none":
        assert all(e.fixed is not None for e in rule.examples if e.bad), rule.id


def test_breadth():
    per_category = Counter(r.category for r in RULES)
    assert all(per_category[c] >= 3 for c in CATEGORIES), per_category
    typo_terms = sum(len(r.options["terms"]) for r in RULES if r.category == "typo" and r.kind == "lexicon")
    assert typo_terms >= 150
    assert all(r.severity == "error" for r in RULES if r.category == "secrecy")


def test_every_pattern_starts_fast():
    """A pattern without a literal or character-class prefix makes `re` try every position of
    every file; ignore_case also switches the prefix search off."""
    from review.kinds._regex import sre_parse
    import re._compiler as sre_compile  # type: ignore[import-not-found]

    for rule in RULES:
        if "pattern" not in rule.options:
            continue
        compiled = rule.options["pattern"]
        assert not compiled.flags & re.IGNORECASE, rule.id
        parsed = sre_parse.parse(compiled.pattern, compiled.flags)
        prefix = sre_compile._get_literal_prefix(parsed, compiled.flags)[0]
        assert prefix or sre_compile._get_charset_prefix(parsed, compiled.flags), rule.id


def test_no_costly_character_ranges():
    """A class with a wide range such as [\\u3400-\\u9fff] costs about 1 ms to compile in every
    hook process; the packs say 'a non-ASCII letter' as [^\\W\\d_a-zA-Z] instead."""
    for pack in PACKS.glob("*.yaml"):
        assert not re.search(r"\\u[0-9a-fA-F]{4}-\\u", pack.read_text(encoding="utf-8")), pack.name


# --- terminology feeds the site search ------------------------------------------------------

def test_terminology_words_and_aliases_feed_the_search():
    terms = search_terms(load_site_rules(ROOT))
    assert {"全过程人民民主", "习近平新时代中国特色社会主义思想", "人民代表大会常务委员会"} <= set(terms.words)
    assert {"常委会", "人大常委会"} <= set(terms.aliases["人民代表大会常务委员会"])
    assert "全国人大" in terms.aliases["全国人民代表大会"]
    assert all(r.words for r in RULES if r.category == "terminology")


# --- what must fire and what must not -------------------------------------------------------

@pytest.mark.parametrize("text, rule, hit", [
    ("截止2025年底，共办结建议356件。", "typo/jie-zhi", "截止"),
    ("截止到目前，已完成6件。", "typo/jie-zhi", "截止到"),
    ("必需坚持党的领导。", "typo/bi-xu", "必需坚持"),
    ("保障必须品供应。", "typo/bi-xu", "必须品"),
    ("人大是国家权利机关。", "typo/quan-li", "国家权利机关"),
    ("保障公民的基本权力。", "typo/quan-li", "基本权力"),
    ("依法制订地方性法规。", "typo/zhi-ding", "制订地方性法规"),
    ("代表如实反应群众意见。", "typo/fan-ying", "如实反应"),
    ("既使任务繁重，也要按时完成。", "typo/ji-shi", "既使"),
    ("增强四个意识。", "terminology/quoted-formulation", "四个意识"),
    ("学习总书记重要讲话。", "terminology/bare-general-secretary", "总书记"),
    ("两名罪犯已被刑事拘留。", "sensitive/pretrial-offender", "罪犯"),
    ("全面从严治DANG。", "masking/pinyin-substitute", "DANG"),
    ("联系电话13912345678。", "privacy/mobile-number", "13912345678"),
])
def test_fires(text, rule, hit):
    assert (rule, hit) in fired(text)


@pytest.mark.parametrize("text", [
    # the right reading of every context-dependent word
    "截至2025年底，共办结建议356件；报名截止日期为5月31日，报名截止5月31日。",
    "必须坚持党的领导，保障生活必需品供应，这是发展所必需的，生活必须有规律。",
    "人民代表大会是国家权力机关，保障公民的基本权利，依法行使权力，把权力关进制度的笼子。",
    "依法制定地方性法规，制订年度工作计划，制定计划和方案。",
    "代表如实反映群众意见，关注药品不良反应情况。",
    "即使任务繁重，也要按时完成；既使群众满意，也使代表满意。",
    # formulations already in quotation marks, and strings that only look like them
    "深刻领悟“两个确立”的决定性意义，增强“四个意识”，“十五五”规划。",
    "三个代表团分别审议了报告，要把这两个结合起来。",
    # ordinary words of government writing that generic lexicons flag
    "五星红旗在天安门广场升起，中国共产党领导人民取得伟大成就。",
    "严守党和国家秘密，不泄露工作机密，加强内部刊物管理。",
    "监狱依法对罪犯实施教育改造，犯罪嫌疑人已被刑事拘留。",
    "维吾尔族、哈萨克族、蒙古族群众，中澳关系，农民工，村委会主任。",
    # word-boundary near misses of short terms
    "全部份额已分配，本身分为两部分，提交待审议的议案，毕竟争取到了支持。",
    "自己经常深入基层，各自已经明确分工，登记要求严格，挖掘起来不易。",
    "农村长期发展，电影后期制作，合影后离开，每回回来都要汇报。",
    # numbers that are not personal data
    "京人大发〔2026〕12号，办公电话0571-87654321，订单号2026013912345678901，金额13912345678.00元。",
    # English, code, URLs
    "English stays: \"Hello, world!\" (he said): see 3... `dang的,a:b`",
    "详见[中国人大网](http://www.npc.gov.cn/dang/jy/index.html)和 https://www.gov.cn/ 。",
    "长3×4厘米，型号XXL，每组5～10人，二〇二六年，第一章 总则。",
])
def test_never_fires(text):
    assert fired(text) == []


def test_fix_modes_match_certainty():
    """Restorations that need a person's judgement are never applied by --fix."""
    assert BY_ID["masking/pinyin-substitute"].fix == "safe"
    for rid in ("masking/initialism-substitute", "masking/party-congress-asterisks",
                "terminology/bare-general-secretary", "terminology/xi-thought-full-name", "typo/jie-zhi"):
        assert BY_ID[rid].fix == "suggest", rid
    for rid in ("masking/asterisk-run", "residue/download-site-notice", "secrecy/internal-only"):
        assert BY_ID[rid].fix == "none", rid


# --- traditional characters -----------------------------------------------------------------

def test_traditional_table():
    rows = [line.split("\t") for line in (PACKS / "data" / "t2s.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    table = dict(rows)
    assert len(table) > 2500 and all(len(k) == 1 and len(v) == 1 for k, v in rows)
    assert table["黨"] == "党" and table["國"] == "国" and table["傳"] == "传"
    # characters that are standard simplified characters themselves are never folded
    assert not {"乾", "藉", "覆", "瞭", "於"} & set(table)


def test_secrecy_marks_in_traditional_characters():
    assert ("secrecy/internal-only", "內部資料") in fired("內部資料，不得外傳。")


# --- the command line -----------------------------------------------------------------------

def run_review(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run([sys.executable, "-m", "review", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_list_and_explain_every_rule(tmp_path):
    listed = run_review("--list-rules", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for rule in RULES:
        assert rule.id in listed.stdout
    explained = run_review("--explain", "terminology/quoted-formulation", cwd=tmp_path)
    assert explained.returncode == 0 and "“两个确立”" in explained.stdout


def test_site_lexicon(tmp_path):
    """A site's own pack, named in [tool.review], matched through inserted symbols, case,
    full-width letters and traditional characters (the documented way, sensitive.yaml)."""
    (tmp_path / "pyproject.toml").write_text(f'[tool.review]\nrules = ["{SITE_PACK.as_posix()}"]\n', encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: 测试\n---\n\n提供代 寫-論 文服务。欢迎访问ＣＡＳＩＮＯ。人大机关领导出席。\n", encoding="utf-8")
    proc = run_review("page.md", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    got = {(f["rule"], f["text"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("sensitive/site-banned-promotions", "代 寫-論 文", "error") in got
    assert ("sensitive/site-banned-promotions", "ＣＡＳＩＮＯ", "error") in got
    assert ("sensitive/site-cautious-words", "人大机关领导", "warning") in got
    site_rules = load_site_rules(tmp_path)
    assert verify(site_rules.all) == []
    tags = {r.id: r.tags for r in site_rules.all if not r.builtin}
    assert tags["sensitive/site-banned-promotions"] == ("topic:商业推广", "level:禁止")
