"""One defect of a pair, one finding (speechlint/kinds/pairs.py, SL201-SL204).

A closer that does not match the innermost opener is read the way that leaves the fewest defects:
as the partner of another kind of that opener (〔2019）), as the closer of an opener further out
that the inner ones cross (《意见（试行》）), or as a stray closer. The lines are our own."""
from __future__ import annotations

import re
import time

import pytest

from conftest import builtin_rules, lint_text
from speechlint import i18n
from speechlint.kinds import pairs

PAIRS = [r for r in builtin_rules() if r.code in ("SL201", "SL202", "SL203", "SL204")]


def found(text: str):
    """(code, line, column) of the pairs rules' findings, 1-based."""
    return sorted((d.code, d.line, d.column) for d in lint_text(text, PAIRS))


def messages(text: str):
    return [d.message for d in lint_text(text, PAIRS)]


@pytest.mark.parametrize("text,expected", [
    # a closer of another kind typed for the opener's own: one SL204 at the closer
    ("按照《资金管理办法》（财农发〔2019）15号）执行。", [("SL204", 1, 20)]),
    ("依据《评价办法》（教督厅函（2022〕8号）开展评估。", [("SL204", 1, 19)]),
    ("参照（民发〔2018]36号）文件。", [("SL204", 1, 11)]),
    ("参照（民发〔2018】36号）文件。", [("SL204", 1, 11)]),
    ("见民发〔2018]36号文件。", [("SL204", 1, 9)]),
    ("见(民发〔2018)36号)文件。", [("SL204", 1, 10)]),
    # an opener misread for another (“ for （): one SL204
    ("各市“ 县、区）要在月底前上报。", [("SL204", 1, 8)]),
    ("开展“三城联创’活动，提升城市品质。", [("SL204", 1, 8)]),
    ("认真学习“实施细则（试行）》的各项要求。", [("SL204", 1, 14)]),
    # two such defects in one line: one finding each
    ("按照（财农发〔2019）15号）和（财农发（2020〕3号）执行。", [("SL204", 1, 12), ("SL204", 1, 27)]),
    # pairs that cross: one SL204 at the inner opener, the closer after it not reported again
    ("学习《意见（试行》）的有关要求。", [("SL204", 1, 6)]),
    ("召开“常委（扩大”）会议。", [("SL204", 1, 6)]),
    # an inner opener never closed, its outer pair closed: one SL204, as before
    ("召开全市（第三次〔扩大）会议。", [("SL204", 1, 9)]),
    # a stray closer while other pairs are open that close later: one SL202, nothing else
    ("根据（《管理办法第三条)的规定》）办理。", [("SL202", 1, 12)]),
    ("召开（第三次》）会议。", [("SL202", 1, 7)]),
    ("“甲方’乙方”都要签字。", [("SL202", 1, 4)]),
    # as before: a quotation mark turned the wrong way inside brackets is SL203 (and the bracket
    # left open SL201), not a pair of （ and ”
    ("（”五讲四美”）", [("SL203", 1, 2)]),
    ("各地（”五讲四美”活动", [("SL201", 1, 3), ("SL203", 1, 4)]),
    # an opener that nothing closes, a closer that closes nothing: as before
    ("召开常委（扩大会议，部署工作。", [("SL201", 1, 5)]),
    ("召开常委扩大）会议。", [("SL202", 1, 7)]),
])
def test_one_defect_one_finding(text, expected):
    assert found(text) == expected, messages(text)


@pytest.mark.parametrize("text", [
    "成立“六大产业”（含“城市矿产”）专班。",
    "学习《关于加强基层治理的意见（试行）》的通知。",
    "按照《资金管理办法》（财农发〔2019〕15号）执行。",
    "他说：“要牢固树立‘以人民为中心’的发展思想。”",
    "1）加强组织领导；2）压实工作责任；a）强化督促检查。",
    "（一）加强组织领导。（二）压实工作责任。",
    "他说‘China’s economy’很好，这是’99年的事。",
    "全面推行“一网通办\"，提升政务服务效能。",
    "【重要】《规划（2021—2025年）》（见附件〔1〕）",
])
def test_correct_pairs_stay_quiet(text):
    assert found(text) == [], messages(text)


def test_the_message_names_both_halves_and_both_mends():
    (message,) = messages("按照（财农发〔2019）15号）执行。")
    assert "〔 is closed by ）" in message and "〔…〕" in message and "（…）" in message
    (message,) = messages("开展“三城联创’活动。")
    assert "“ is closed by ’" in message and "“…”" in message and "‘…’" in message
    # an ASCII opener's own partner, not its full-width cousin's
    (message,) = messages("见(民发〔2018)36号)文件。")
    assert "〔…〕" in message and "(…)" in message


@pytest.mark.parametrize("text", [
    "按照（财农发〔2019）15号）执行。",
    "开展“三城联创’活动。",
    "学习《意见（试行》）的有关要求。",
    "召开常委扩大）会议。",
    "召开常委（扩大会议。",
])
def test_messages_in_chinese(text):
    with i18n.using("zh"):
        said = messages(text)
    assert said
    for message in said:
        bare = re.sub(r"“[^”]*”", "", message)
        assert re.search(r"[\u4e00-\u9fff]", message) and not re.search(r"[a-z]{3,}", bare), message


def test_multi_line_logic_is_kept():
    # a line broken mid-sentence: the opener at its end is closed by the next line
    assert found("关于印发《全县数字乡村建设\n实施方案》的通知\n") == []
    # a quotation over several paragraphs, each opening with “ (GB/T 15834)
    text = "他指出：\n“第一，要提高政治站位。\n“第二，要压实工作责任。”\n"
    assert found(text) == []
    # the last paragraph of it without ”: reported
    assert found("他指出：\n“第一，要提高政治站位。\n“第二，要压实工作责任。\n") == [("SL201", 3, 1)]
    # the next line closes it, and an opener of its own is the one left open: one finding
    assert found("关于印发《全县数字乡村\n建设（2021—2025年规划》的通知\n") == [("SL201", 2, 3)]
    # a wrong closer in a paragraph of its own is still one finding
    assert found("按照（财农发〔2019）15号）执行。\n见附件。\n") == [("SL204", 1, 12)]


def test_what_promo_reads_of_a_line():
    """promo._unpaired counts the openers left open and the closers that close nothing."""
    opts = pairs.prepare({"report": "unclosed"})
    assert pairs.problems("……(未完，全文共5200字", opts)[1] == [(2, "(")]
    found_, left = pairs.problems("……(未完，全文共5200字" + "收藏《年度工作总结》)", opts)
    assert left == [] and found_ == []
    found_, left = pairs.problems("收藏《年度工作总结》)", opts)
    assert left == [] and [p[0] for p in found_] == ["unopened"]


def _seconds(text: str) -> float:
    opts = pairs.prepare({"report": "unclosed"})
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        pairs.problems(text, opts)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", ["（", "）", "“", "”", "’", "〔)", "“（”）", "（〔", "“’", "1）", "《（》"])
def test_linear_in_the_line_length(unit):
    """Eight times the line, not sixty-four times the time (a generous bound: timings are noisy)."""
    short, long = unit * (20_000 // len(unit)), unit * (160_000 // len(unit))
    assert _seconds(long) < 24 * max(_seconds(short), 0.005)


def test_deep_stacks_are_linear():
    for text in ("（" * 50_000 + "〔" * 50_000 + "）" * 50_000, "(〔" * 40_000 + ")" * 80_000,
                 "（" * 50_000 + "”" * 50_000):
        assert _seconds(text) < 5


@pytest.mark.parametrize("text,expected", [
    # an excerpt that stops mid-word, inside a quotation opened after its last full stop: the
    # closer is in what was cut off
    ("会议强调，要认真贯彻落实。\n县人大代表王某说：“听了报告，我们一定把会议精神带回去，为全县", []),
    ("会议强调，要认真贯彻落实。\n学界认为，这是一次重要会议，参见研究室选编的《“二大”和“", []),
    ("会议强调，要认真贯彻落实。\n他说，一次活动深深刺痛了他。“当时我们在长安街列队迎宾，我站在", []),
    # the same opener in a text that ends a sentence, or a whole last part, is unclosed
    ("会议强调，要认真贯彻落实。\n县人大代表王某说：“听了报告，我们一定把会议精神带回去。", [("SL201", 2, 10)]),
    ("请认真贯彻执行。\n附件：《全县数字乡村建设实施方案", [("SL201", 2, 4)]),
    ("请认真贯彻执行。\n关于开展“五讲四美活动的通知", [("SL201", 2, 5)]),
    ("要打好“五个攻坚战：", [("SL201", 1, 4)]),
    # a text of one line stopping without its full stop is judged: no excerpt of anything
    ("要认真学习《中国共产党纪律处分条例，守好纪律", [("SL201", 1, 6)]),
    # nor one after a blank line or a heading: no prose paragraph before it
    ("\n会议强调，要认真贯彻落实。要认真学习《中国共产党纪律处分条例，守好纪律", [("SL201", 2, 19)]),
    ("# 学习体会\n\n会议强调，要认真贯彻落实。要认真学习《中国共产党纪律处分条例，守好纪律", [("SL201", 3, 19)]),
    # an opener before the last full stop, or one that begins the last paragraph, is unclosed
    ("会议强调，要认真贯彻落实。\n要认真学习《中国共产党纪律处分条例，守好纪律。会议还研究了其他事项，部署了下半年工作",
     [("SL201", 2, 6)]),
    ("本报讯 3月5日，县委召开常委会议。\n（来源：县融媒体中心", [("SL201", 2, 1)]),
    # a list or headings without a full stop is no prose cut off
    ("- 深化“放管服改革，优化营商环境\n- 推进“一网通办，提升服务效能", [("SL201", 1, 5), ("SL201", 2, 5)]),
    ("报告指出，要抓好落实。\n突出“两业", [("SL201", 2, 3)]),
    # only the last paragraph is cut off: an opener left open before it is still reported
    ("要打好“五个攻坚战，确保完成全年任务。\n县人大代表王某说：“听了报告，我们一定", [("SL201", 1, 4)]),
])
def test_a_text_cut_off_mid_sentence(text, expected):
    assert found(text) == expected


def test_a_quotation_over_paragraphs_counts_only_the_paragraphs_with_text():
    # the empty > lines of a blockquote pasted into a text file are no paragraphs of the quotation
    text = "> “亲爱的同志们：\n>\n> 今天，我们在这里隆重集会。\n>\n> 我们的事业一定能够胜利。”\n"
    with i18n.using("en"):
        got = [d.message for d in lint_text(text, PAIRS, path="letter.txt")]
    assert got == ["“ opens a quotation over 3 paragraphs: each of them opens with “ (GB/T 15834)"]
