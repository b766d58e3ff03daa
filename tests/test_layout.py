"""speechlint.layout: which lines are one paragraph broken at a page's width."""
from speechlint import layout

WRAPPED = [
    "为深入贯彻落实省委、省政府印发的《关于加快推进数",
    "字乡村建设的实施方案》，结合我县实际，现就推进数字乡",
    "村建设提出如下意见。",
    "一、总体要求",
    "坚持“统筹规划、分步实施、突出重点、注重实效”的原",
    "则，以“数字赋能乡村振兴”为主线，到2026年底，全县",
    "行政村光纤网络和第四代移动通信网络实现全覆盖。",
]


def test_a_page_width_is_recognised_and_lines_run_on_mid_sentence():
    assert layout.page_width(WRAPPED) > 0
    assert layout.runs_on(WRAPPED) == (True, True, False, False, True, True, False)
    assert layout.paragraphs(WRAPPED) == [(0, 2), (3, 3), (4, 6)]


def test_sentences_of_one_length_are_not_a_page():
    sentences = ["要坚持稳中求进工作总基调，推动经济高质量发展。"] * 6 + ["要加强组织领导，确保各项任务落到实处。"] * 3
    assert layout.page_width(sentences) == 0
    assert not any(layout.runs_on(sentences))


def test_paragraphs_of_all_lengths_are_not_a_page():
    lines = ["过去一年" + "经济运行总体平稳" * k + "，就业物价总体稳定" for k in range(1, 12)]
    assert layout.page_width(lines) == 0
    assert layout.paragraphs(lines) == [(i, i) for i in range(len(lines))]


def test_a_paragraph_runs_on_through_the_page_number_between_two_pages():
    lines = WRAPPED[:2] + ["— 3 —"] + WRAPPED[2:]
    assert layout.runs_on(lines)[:4] == (True, True, True, False)
    assert layout.paragraphs(lines)[0] == (0, 3)


def test_a_page_number_after_a_finished_sentence_is_its_own_line():
    lines = WRAPPED[:3] + ["- 3 -"] + WRAPPED[3:]
    assert layout.runs_on(lines)[2:4] == (False, False)
    assert (3, 3) in layout.paragraphs(lines)


def test_a_bracket_opened_before_a_page_number_closes_after_it(tmp_path):
    from speechlint.cli import main
    opened = "字乡村建设的实施方案》，并按照要求提交申请材料（见附"
    assert len(opened) == len(WRAPPED[1])
    text = "\n".join(WRAPPED[:1] + [opened, "— 7 —", "件2）。"] + WRAPPED[3:]) + "\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert main(["--select", "SL2", "--no-cache", str(tmp_path / "a.txt")]) == 0
