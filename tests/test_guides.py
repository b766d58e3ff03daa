"""A writing guide's illustrations of a form (如《××公司20XX年度工作总结》): reported by default,
as any slot of a template (a guide that a download site serves is a template too), and left out
when a guide's author sets the placeholder rules' `in-guides` to false."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import builtin_rules, lint_text

ILLUSTRATIONS = [
    "公文标题即“关于××工作的通知”。",
    "公文式标题由单位名称、时间、事由和文种组成，如《××公司20XX年度安全工作总结》。",
    "标题可以采用以下几种形式：在XX活动（或XX工作）中的体会。",
    "会议的依据一般表述为“经×××（组织）批准”，以说明会议的合法性。",
    "称呼要用尊称，如“尊敬的***部长”，并写明日期。",
    "第一行“××年度第×批项目实施方案”为二号小标宋，居中。",
]
# a writing guide as a whole: its lines that tell how to write and its lines that quote
GUIDE = ["表扬信的写法", "", "一、标题。第一行正中写“表扬信”三个字，也可写成“致XXX同志的表扬信”。", "",
         "二、称呼。顶格写被表扬者所在单位的名称，后加冒号。", "", "三、正文。要写明表扬的事由，如“××同志在抗洪抢险中奋不顾身”。",
         "", "四、落款。写明发信单位和日期，时间写“×年×月×日”。"]


def _rules(in_guides: bool):
    return [replace(r, options=replace(r.options, in_guides=in_guides)) if r.kind == "placeholder" else r
            for r in builtin_rules()]


def _slots(text: str, rules) -> set:
    return {d.line for d in lint_text(text, rules) if d.code.startswith("SL3")}


def test_the_placeholder_rules_report_illustrations_by_default():
    assert all(r.options.in_guides for r in builtin_rules() if r.kind == "placeholder")


@pytest.mark.parametrize("line", ILLUSTRATIONS)
def test_an_illustration_is_a_slot_unless_the_guide_says_otherwise(line):
    assert _slots(line, builtin_rules()) == {1}
    assert _slots(line, _rules(False)) == set()


def test_a_guides_illustrating_lines_are_left_out_as_a_whole_when_asked():
    text = "\n".join(GUIDE)
    assert _slots(text, builtin_rules()) == {3, 7, 9}
    assert _slots(text, _rules(False)) == set()


def test_a_slot_in_a_guide_that_is_not_an_illustration_is_reported_either_way():
    # 如 as "if", and an alternative in brackets: slots of the writer's own text
    line = "如“××”项目未按期完成的，由××局（或委）负责督办。"
    assert _slots(line, builtin_rules()) == {1}
    assert _slots(line, _rules(False)) == {1}


def test_a_guides_author_keeps_illustrations_quiet_with_a_copy_of_the_rule(tmp_path):
    """What the docs tell a guide's author: copy the rule under a code of their own into
    extend-rules with in-guides = false, and ignore the built-in code."""
    from conftest import REPO, run_cli
    source = (REPO / "rules" / "SL301-placeholder-cross.toml").read_text(encoding="utf-8")
    own = (source.replace('code = "SL301"', 'code = "SL901"')
           .replace('name = "placeholder-cross"', 'name = "guide-placeholder-cross"')
           .replace("[options]\n", "[options]\nin-guides = false\n", 1))
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "SL901.toml").write_text(own, encoding="utf-8")
    (tmp_path / "speechlint.toml").write_text('extend-rules = ["house"]\nextend-ignore = ["SL301"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("标题一般为“关于××工作会议的纪要”。\n×月×日召开会议。\n", encoding="utf-8")
    proc = run_cli(["--select", "SL301,SL901", "a.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "a.txt:2:1: SL901" in proc.stdout  # a slot of the text itself
    assert "a.txt:1:" not in proc.stdout  # the guide's illustration
    assert "SL301" not in proc.stdout


# A 公告 that publishes a contract's 范本 below its own text publishes a form, whose blanks are its
# reader's.
CONTRACT_SAMPLE_NOTICE = ["关于发布房屋租赁合同范本的公告", "为规范房屋租赁行为，现将合同范本公布如下，供参考使用。",
                          "房屋租赁合同（范本）", "出租方：XX公司", "本合同自20XX年X月X日起生效。"]


def test_a_contract_sample_below_a_notice_is_still_a_form():
    assert _slots("\n".join(CONTRACT_SAMPLE_NOTICE), builtin_rules()) == set()


# A notice that publishes a model of prose for its readers (述职报告（样式）) publishes slots for them
# to fill.
MODEL_IN_NOTICE = ["关于做好年度述职工作的通知", "现将述职报告的样式印发给你们，请参照执行。",
                   "述职报告（样式）", "在××会议上的述职报告", "××年××月××日"]


def test_a_notices_model_of_prose_keeps_its_slots_for_the_reader():
    assert _slots("\n".join(MODEL_IN_NOTICE), builtin_rules()) == set()
