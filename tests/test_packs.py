"""The default rule packs (review/packs/*.yaml): they load, every rule documents and tests
itself, the breadth the proofreaders' checklist asks for is there, context-dependent words
are reported only where the wrong reading is certain, ordinary official words never fire,
patterns stay fast, and a site can add its own lexicon."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from review import engine
from review.api import load_rules as load_site_rules
from review.api import search_terms
from review.engine import RuleSet
from review.rules.categories import CATEGORIES
from review.rules.examples import verify
from review.rules.loader import default_pack_paths, load_rules

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
    return engine.check(TEXT_RULES, "t.md", text, frozenset(BY_ID)).findings


def fired(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in findings(text)]


# --- the packs as a whole -------------------------------------------------------------------


def test_one_pack_per_category():
    names = {p.stem for p in PACKS.glob("*.yaml")} - {
        "suppressions",
        "roster",
    }  # roster: names and titles, several categories
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
    import re._compiler as sre_compile  # type: ignore[import-not-found]

    from review.kinds._regex import sre_parse

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


@pytest.mark.parametrize(
    "text, rule, hit",
    [
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
    ],
)
def test_fires(text, rule, hit):
    assert (rule, hit) in fired(text)


@pytest.mark.parametrize(
    "text",
    [
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
        'English stays: "Hello, world!" (he said): see 3... `再接再励,a:b`',
        "详见[中国人大网](http://www.npc.gov.cn/dang/jy/index.html)和 https://www.gov.cn/ 。",
        "长3×4厘米，型号XXL，每组5～10人，二〇二六年，第一章 总则。",
    ],
)
def test_never_fires(text):
    assert fired(text) == []


def test_fix_modes_match_certainty():
    """Restorations that need a person's judgement are never applied by --fix."""
    assert BY_ID["masking/pinyin-substitute"].fix == "safe"
    for rid in (
        "masking/initialism-substitute",
        "masking/party-congress-asterisks",
        "terminology/bare-general-secretary",
        "terminology/xi-thought-full-name",
        "typo/jie-zhi",
    ):
        assert BY_ID[rid].fix == "suggest", rid
    for rid in ("masking/asterisk-run", "residue/download-site-notice", "secrecy/internal-only"):
        assert BY_ID[rid].fix == "none", rid


# --- traditional characters -----------------------------------------------------------------


def test_traditional_table():
    rows = [
        line.split("\t")
        for line in (PACKS / "data" / "t2s.tsv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    table = dict(rows)
    assert len(table) > 2500 and all(len(k) == 1 and len(v) == 1 for k, v in rows)
    assert table["黨"] == "党" and table["國"] == "国" and table["傳"] == "传"
    # characters that are standard simplified characters themselves are never folded
    assert not {"乾", "藉", "覆", "瞭", "於"} & set(table)


def test_secrecy_marks_in_traditional_characters():
    assert ("secrecy/internal-only", "內部資料") in fired("內部資料，不得外傳。")


# --- the command line -----------------------------------------------------------------------

from engine_support import run_review  # noqa: E402  (main(argv) in this process)


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
    page.write_text(
        "---\ntitle: 测试\n---\n\n提供代 寫-論 文服务。欢迎访问ＣＡＳＩＮＯ。人大机关领导出席。\n", encoding="utf-8"
    )
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


# --- real official text (issue 10): context the rules must know ------------------------------
# Each case is an example of our own, modelled on what the laws corpus and pasted web pages hold.

STATUTE = "# 某某条例\n\n第一条 为了规范管理，制定本条例。\n\n"  # a page whose articles begin 第一条


def fixes(text: str) -> str:
    """The text after every safe fix, as --fix applies them (one round is enough here)."""
    out, shift = text, 0
    for f in sorted(findings(text), key=lambda f: f.start):
        if BY_ID[f.rule].fix == "safe" and f.suggestion is not None:
            out = out[: f.start + shift] + f.suggestion + out[f.end + shift :]
            shift += len(f.suggestion) - (f.end - f.start)
    return out


@pytest.mark.parametrize(
    "text",
    [
        # legal citation syntax
        STATUTE + "第二条 依照本法第十一条第（一）、（二）、（四）项的规定处理。",
        STATUTE + "第十七条之一 已满七十五周岁的人故意犯罪的，可以从轻处罚。",
        # arithmetic and template blanks
        STATUTE + "第二条 迟延履行利息＝债务×日万分之一点七五×迟延履行期间。",
        STATUTE + "第二条 标题包括法院名称和事由。例如：“××人民法院关于××的司法建议书”。",
        STATUTE + "第二条 本规定自公布之日起施行。\n\n附件1\n\n××××人民法院\n\n（××××）×法决×号\n\n××××年××月××日",
        # a statute's own wording
        STATUTE + "第二条 国家和社会保障残废军人的生活，抚恤烈士家属。",
        STATUTE + "第二条 尚未完全丧失辨认或者控制自己行为能力的精神病人犯罪的，应当负刑事责任。",
        STATUTE + "第二条 行贿人在被追诉前主动交待行贿行为的，可以从轻处罚。",
        STATUTE + "第二条 全国人民代表大会及其常务委员会坚持全过程民主，始终同人民保持密切联系。",
        STATUTE + "第二条 国家秘密标志应当标注定密依据：本条例第十条。",
        STATUTE + "第二条 宗教内部资料性出版物的管理，按照国家有关规定执行。",
        STATUTE + "第二条 支前民工、随军民工的抚恤，参照本条例执行。",
        # quoted statute text
        "宪法第四十五条规定：“国家和社会保障残废军人的生活。”",
        "刑法第十八条规定：“尚未完全丧失辨认或者控制自己行为能力的精神病人犯罪的，应当负刑事责任。”",
        # words whose meaning depends on the field
        "期货交易所的会员可以进入交易场所，非会员不得参与集中交易。",
        "犯罪嫌疑人如实交待自己的罪行，主动交待问题。",
        "淮海战役中，支前民工冒着炮火运送弹药。",
        # titles and standard names
        "习近平总书记强调，要发展全过程人民民主。总书记指出，人民代表大会制度是重要制度载体。",
        "以习近平同志为核心的党中央，以习近平同志为总书记的党中央，以胡锦涛同志为总书记的党中央。",
        "学习《全国人民代表大会常务委员会议事规则》，修改全国人大常委会议事规则。",
        # legitimate doublings
        "谢谢大家。我们常常说，人人参与、天天学习，个个争先，看看成效，试试新办法。",
        "其中中国代表团在在职人员中选拔，不了了之，是是非非，目的的实现，现在在开会，明知他人有有组织犯罪行为。",
        # years and numbers
        "二〇〇七年三月通过，历时一百零五年。",
    ],
)
def test_correct_official_text_passes(text):
    assert [(r, t) for r, t in fired(text) if BY_ID[r].severity != "info"] == []


@pytest.mark.parametrize(
    "text, rule, hit, fixed",
    [
        # mixed pinyin and initial-letter masking inside words
        (
            "深入学习xi近平新时代中国特色社会主义思想。",
            "masking/mixed-pinyin",
            "xi近平",
            "深入学习习近平新时代中国特色社会主义思想。",
        ),
        ("中gong中央印发通知。", "masking/mixed-pinyin", "中gong中央", "中共中央印发通知。"),
        ("做合格的共chan党员。", "masking/mixed-pinyin", "共chan党员", "做合格的共产党员。"),
        ("坚持全面从严zhi党。", "masking/mixed-pinyin", "全面从严zhi党", "坚持全面从严治党。"),
        ("坚持反fu倡廉。", "masking/mixed-pinyin", "反fu倡廉", "坚持反腐倡廉。"),
        ("坚持反腐chang廉。", "masking/mixed-pinyin", "反腐chang廉", "坚持反腐倡廉。"),
        ("加强党风lian政建设。", "masking/mixed-pinyin", "党风lian政建设", "加强党风廉政建设。"),
        # dates with 零, half-width marks followed by a space, odd spaces
        ("二零零七年三月通过。", "typography/ling-in-year", "零", "二〇〇七年三月通过。"),
        ("会议通过了决议, 并予公布。", "typography/halfwidth-comma", ", ", "会议通过了决议，并予公布。"),
        ("审议报告; 表决决议。", "typography/halfwidth-semicolon", "; ", "审议报告；表决决议。"),
        ("依法履职\u00a0尽责。", "typography/odd-space", "\u00a0", "依法履职 尽责。"),
        # nested book titles
        (
            "《关于修改<中华人民共和国律师法>的决定》",
            "typography/halfwidth-angle-nested-title",
            "<中华人民共和国律师法>",
            "《关于修改〈中华人民共和国律师法〉的决定》",
        ),
    ],
)
def test_real_pages_need(text, rule, hit, fixed):
    assert (rule, hit) in fired(text)
    assert fixes(text) == fixed


@pytest.mark.parametrize(
    "text, rule, hit",
    [
        ("工作中还存在在一些问题。", "typo/doubled-character", "存在在"),
        ("我们的的工作有待改进。", "typo/doubled-character", "的的"),
        ("开立帐户，登记帐簿，做好记帐和查帐。", "typo/variant-forms", "帐簿"),
        ("开立帐户，登记帐簿，做好记帐和查帐。", "typo/variant-forms", "查帐"),
        ("会上交待了下一步工作任务。", "typo/jiao-dai", "交待"),
        ("代表提出的议案JY，经大会主席团审议。", "masking/initialism-jianyi", "议案JY"),
        ("提出JY32件。", "masking/initialism-jianyi", "提出JY"),
        (
            "以上就是小编为大家整理的心得体会，希望对您有所帮助。",
            "residue/download-site-notice",
            "以上就是小编为大家整理的心得体会，希望对您有所帮助。",
        ),
        ("更多精彩内容请关注微信公众号。", "residue/download-site-notice", "更多精彩内容请关注微信公众号。"),
        ("本文来源于××网 www.example.com", "residue/source-watermark", "本文来源于××网 www.example.com"),
        ("非会员需付费下载。", "residue/download-site-notice", "非会员需付费下载。"),
        ("会员可免费下载全文。", "residue/download-site-notice", "会员可免费下载全文。"),
        ("党建工作范文网整理。", "residue/download-site-notice", "范文网整理。"),
        ("一九八八年，本人赴支前民工队伍中调研，民工工资拖欠问题突出。", "sensitive/occupation-terms", "民工"),
        ("定密依据：国家秘密目录第3项", "secrecy/classification-label", "定密依据："),
        ("内部资料 注意保存", "secrecy/internal-only", "内部资料"),
        ("XX市人民代表大会常务委员会", "masking/placeholder-run", "XX"),
        ("20××年工作要点", "masking/placeholder-run", "××"),
        ("总书记指出，要发展全过程人民民主。", "terminology/bare-general-secretary", "总书记"),
        ("发展全过程民主。", "terminology/whole-process-democracy", "全过程民主"),
        ("帮助瞎子和精神病人解决困难。", "sensitive/disability-terms", "精神病人"),
    ],
)
def test_recall_kept_outside_statutes(text, rule, hit):
    """The guards for statute text do not blind the rules to drafts."""
    assert (rule, hit) in fired(text)


def test_masked_name_never_gets_the_full_name_inserted():
    text = "深入学习xi近平新时代中国特色社会主义思想。"
    assert "terminology/xi-thought-full-name" not in {r for r, _ in fired(text)}
    assert "xi近平习近平" not in fixes(text)


def test_jy_means_education_elsewhere():
    assert ("masking/initialism-substitute", "JY") in fired("开展JY活动。")
    assert ("masking/initialism-jianyi", "议案JY") in fired("议案JY办理。")
    assert "masking/initialism-substitute" not in {r for r, _ in fired("代表提出的议案JY。")}


def test_citation_list_keeps_its_dunhao():
    text = "依照本法第十一条第（一）、（二）项的规定处理。"
    assert fixes(text) == text
    assert fixes("（一）、加强立法工作") == "（一）加强立法工作"


@pytest.mark.slow
@pytest.mark.parametrize("script", ["make_masked.py", "make_doubled.py"])
def test_generated_tables_are_up_to_date(script):
    """The generated terms and pattern in the packs are what the generators give now."""
    pytest.importorskip("pypinyin", reason="pypinyin is needed only to generate masking/mixed-pinyin")
    proc = subprocess.run(
        [sys.executable, str(PACKS / "data" / script), "--check"], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, f"review/packs/data/{script} gives a different table: rerun it"


def test_hook_never_imports_pypinyin():
    proc = subprocess.run(
        [sys.executable, "-c", "import sys, review.api as a; a.load_rules('.'); print('pypinyin' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip() == "False", proc.stderr


# Patterns rewritten for speed (notes/speed.md), with the form they replaced: on random text
# of the characters they look at, the same spans and the same replacements.
REWRITTEN = {
    "typography/doubled-punctuation": r"[，；：、！？。](?:(?<=([，；：、！？]))\1+|(?<=(。))。(?!。)(?<!。。。))",
    "typography/fullwidth-period-after-numeral": r"(?m)[0-9](?P<hit>．)(?:(?<=^[0-9]．)|(?<=^[0-9][0-9]．)|(?<=# [0-9]．))",
    "secrecy/classification-label": r"密[^\S\n]?级[:：][^\S\n]?(?:绝密|机密|秘密|内部)?|保密期限[:：]|知悉范围[:：]|定密依据[:：]",
}


@pytest.mark.parametrize("rule_id", sorted(REWRITTEN))
def test_patterns_rewritten_for_speed_match_as_first_written(rule_id):
    import random

    rule = next(r for r in RULES if r.id == rule_id)
    now, first = rule.options["pattern"].compiled, re.compile(REWRITTEN[rule_id])
    group = "hit" if "hit" in first.groupindex else 0
    replace = rule.options.get("replace")

    def found(pattern, text):
        return [(m.span(group), m.expand(replace) if replace else None) for m in pattern.finditer(text)]

    rnd = random.Random(rule_id)
    alphabet = "，；：、！？。.．0123# \n字密级保期限：:绝秘部\t\r\x85\xa0\u2003\u3000\u200b\x1f"
    for _ in range(100_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 9)))
        assert found(now, text) == found(first, text), repr(text)
