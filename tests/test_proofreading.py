"""What a 公文 proofreader checks beyond typos (issue 14): ten defects planted in a notice of the
team's own are each found, by the rule made for it, on its line."""
from pathlib import Path

import pytest

from conftest import builtin_rules, lint_text
from speechlint.kinds import dates, leaders

NOTICE = Path(__file__).resolve().parent / "documents" / "planted-notice.txt"

PLANTED = [  # (line, code, what)
    (3, "SL406", "截止目前 for 截至目前"),
    (3, "SL406", "安全生产形式 for 形势"),
    (3, "SL706", "“十三五” as the present in a 2024 notice"),
    (3, "SL407", "严于律已 for 律己"),
    (3, "SL702", "以下五个方面 followed by four"),
    (8, "SL704", "2024年3月20日（星期五）: a Wednesday"),
    (8, "SL612", "3月20日-25日 with a hyphen"),
    (9, "SL407", "笫二产业 for 第二"),
    (9, "SL803", "广西省 for 广西壮族自治区"),
    (9, "SL804", "台湾总统 for 台湾地区领导人"),
    (10, "SL805", "a wrong title: 国务院总理赵乐际"),
    (10, "SL805", "leaders out of order: 李强、习近平"),
]


@pytest.fixture(scope="module")
def found():
    return lint_text(NOTICE.read_text(encoding="utf-8"), builtin_rules(), path="notice.txt")


@pytest.mark.parametrize("line, code, what", PLANTED)
def test_every_planted_defect_is_found(found, line, code, what):
    want = sum(1 for l, c, _ in PLANTED if (l, c) == (line, code))
    got = [d for d in found if (d.line, d.code) == (line, code)]
    assert len(got) >= want, f"{what}: {[(d.line, d.code, d.message) for d in found]}"


def test_nothing_else_is_reported(found):
    assert {(d.line, d.code) for d in found} <= {(l, c) for l, c, _ in PLANTED}, \
        [(d.line, d.code, d.message) for d in found]


@pytest.mark.parametrize("n, years", [(6, (1981, 1985)), (10, (2001, 2005)), (13, (2016, 2020)),
                                      (14, (2021, 2025)), (15, (2026, 2030))])
def test_five_year_plans_follow_each_other_every_five_years(n, years):
    assert dates.plan_years(n) == years


def test_the_document_year_is_its_latest_full_date():
    assert dates.latest_year(["2019年完成", "二〇二三年五月一日", "2021年3月5日"]) == 2023
    assert dates.latest_year(["2024年完成"]) is None


def test_a_document_older_than_the_leaders_table_is_not_checked():
    rule = next(r for r in builtin_rules() if r.code == "SL805")
    old = "2015年3月5日\n国务院副总理李强出席。\n"
    assert lint_text(old, [rule]) == []
    assert [d.code for d in lint_text(old.replace("2015", "2024"), [rule])] == ["SL805"]


def test_a_leaders_table_needs_names():
    with pytest.raises(ValueError):
        leaders.prepare({"order": []})


def test_text_spaced_out_character_by_character_is_one_finding_and_its_fix_closes_it():
    from conftest import apply_replacements
    rules = [r for r in builtin_rules() if r.code == "SL606"]
    text = "为 落 实 国 家 战 略，要 加 强 统 筹 协 调。各单位要 加强领导。\n"
    diags = lint_text(text, rules)
    assert [(d.column, d.end_column) for d in diags] == [(2, 12), (16, 26), (33, 33)]
    assert apply_replacements(text, diags) == "为落实国家战略，要加强统筹协调。各单位要加强领导。\n"


def test_a_directive_speechlint_cannot_read_is_reported_in_text_and_markdown():
    rules = [r for r in builtin_rules() if r.code in ("SL000", "SL101")]
    text = ("<!-- speechlint-disabel SL101 -->\n要认真落实落实各项工作。\n"
            "<!-- speechlint-disable-next-line SL101 -->\n要认真落实落实各项工作。\n"
            "<!-- speechlint-disable 落实 -->\n<!-- 作者的注释 -->\n")
    for path in ("doc.txt", "doc.md"):
        got = [(d.code, d.line) for d in lint_text(text, rules, path=path)]
        # the misspelt one hides nothing and is reported; the good one works and is not
        assert got == [("SL000", 1), ("SL101", 2), ("SL000", 5)], (path, got)


def test_a_title_of_another_committee_before_a_leaders_name_is_no_title_of_the_table():
    """书记 ending 政法委书记, 纪委书记, 工委书记 is another office's (a local post held in an
    earlier year, a namesake's); a central body's (中纪委, 中央财经委, 军委) is judged."""
    rule = next(r for r in builtin_rules() if r.code == "SL805")
    for text in ("市委常委、政法委书记丁薛祥宣读了通报。", "区纪委书记丁薛祥主持会议。", "市工委书记王沪宁出席。",
                 "校团委书记李强讲话。", "海军党委书记李强讲话。"):
        assert lint_text(text + "\n", [rule]) == [], text
    for text in ("中央纪委书记丁薛祥出席。", "军委主席李强出席。", "中纪委书记丁薛祥出席。", "中央财经委主席李强主持会议。",
                 "中央和国家机关工委书记丁薛祥出席。"):  # a central body's title is judged
        assert [d.code for d in lint_text(text + "\n", [rule])] == ["SL805"], text


def test_a_byline_of_a_body_and_its_writers_in_brackets_after_the_text_keeps_its_space():
    rule = next(r for r in builtin_rules() if r.code == "SL606")
    for text in ("全县共查处问题线索12条。（某某县纪委监委 王明）", "全镇完成了巡河任务。（某某镇人民政府 王　明）",
                 "活动吸引了群众参加。（某某县融媒体中心 欧阳明辉 摄）", "确保工程高效推进。（张某某 修某某）",
                 "全镇完成了巡河任务。（城关镇 王明）", "活动取得圆满成功。（某某县融媒体中心 供稿）",
                 "活动取得圆满成功。（某某区文明办 裴某 华某）"):
        assert lint_text(text + "\n", [rule]) == [], text
    # a note of the document's own, or words that are no names, are still read (from a review)
    for text in ("请各单位认真执行。（财政局 负责落实）", "数据均已核实。（数据由市统计局 提供）", "资金已拨付。（市财政局 严格审核）",
                 "方案已修改完善。（由办公室 负责）", "方案已修改完善。（经县政府 同意）", "请各单位执行。（抄送市财政局 审计局）"):
        assert [d.code for d in lint_text(text + "\n", [rule])] == ["SL606"], text
