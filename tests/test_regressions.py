"""Detector problems found while writing the fixtures, fixed since, kept as regression tests.

Each case states the correct behaviour: the diagnostics that all built-in rules together give
for the sentence (the last field says what went wrong before the fix).
"""
from __future__ import annotations

import pytest

from conftest import builtin_rules, lint_text

CASES = [
    # (id, sentence, expected [(code, column, end_column)], what happens today); linted as .txt
    ("SL101-miss-word-containing-first-copy", "各单位要认真落实落实安全生产责任制。",
     [("SL101", 9, 10)], "nothing: 认真落实 is one word of the dictionary, so the first 落实 is not a word start"),
    ("SL101-miss-word-not-in-dictionary", "同志们同志们，大家辛苦了。",
     [("SL101", 4, 6)], "nothing: 同志们 is not one word of the dictionary"),
    ("SL401-SL402-double-report", "全体同志要再接再励，争取更大成绩。",
     [("SL401", 6, 9)], "SL401@6-9 and SL402@6-9: SL402 also reports a typo that SL401's list names"),
    ("SL602-SL603-double-report", "要加强统筹，，形成合力。",
     [("SL602", 6, 7)], "SL602@6-7 and SL603@6-7: SL603 is for two different marks, ，， is one mark twice"),
    ("SL601-SL602-inside-a-bracket", "召开(扩大，，会议)决定。",
     [("SL601", 3, 10), ("SL602", 6, 7)], "only SL601: findings of one family that merely overlapped were merged"),
    ("SL202-apostrophe-inside-single-quotes", "他说‘China’s economy’很好。",
     [], "SL202 on the last ’: the apostrophe closed the quotation (and SL205 leaves a quotation without Chinese)"),
    ("SL501-weak-phrases-in-a-statement", "加强热线客服队伍建设，规范付费服务。",
     [], "SL501: two weak phrases (客服, 付费) in a sentence of prose"),
    ("SL501-weak-phrase-twice-in-two-cases", "VIP vip",
     [], "SL501: VIP and vip counted as two phrases of advertising"),
    ("suppress-next-line-after-reenable",
     "<!-- speechlint-disable SL6 -->\n<!-- speechlint-enable SL601 -->\n"
     "<!-- speechlint-disable-next-line SL601 -->\n二行,测试。",
     [], "SL601 on line 4: the re-enabled prefix outweighed disable-next-line"),
    ("suppress-disable-and-enable-on-one-line",
     "三行 <!-- speechlint-disable SL601 -->四,五<!-- speechlint-enable SL601 --> 结束。",
     [], "SL601 twice: an enable on the same line undid the disable"),
]

# Markdown: what the masking blanked out (inline code, HTML, URLs) used to become spaces, and
# SL606 read those as spaces between Chinese characters; its safe fix would have deleted the
# inline code, the tag or the URL from the file.
MD_CASES = [
    ("SL606-md-inline-code", "在配置中写 `name` 或 `value` 都没有问题。",
     [], "SL606@6-13 and SL606@15-23, replacement '' (deletes ` `name` ` and ` `value` `)"),
    ("SL606-md-bare-url", "网址 https://example.com 也可以访问。",
     [], "SL606@3-23, replacement '' (deletes the URL)"),
    ("SL606-md-html-tag", "详见<span>附件</span>和说明。",
     [], "SL606@3-8 and SL606@11-17 (deletes the tags)"),
    ("SL601-md-image", "图片见![示意图](a.png)。",
     [], "SL601@4: the ! of Markdown's image syntax, fix ！ would break the image"),
]


@pytest.mark.parametrize("sentence, expected, before", [pytest.param(s, e, t, id=i) for i, s, e, t in CASES])
def test_detector_regression(sentence, expected, before):
    got = sorted((d.code, d.column, d.end_column) for d in lint_text(sentence, builtin_rules()))
    assert got == sorted(expected)


@pytest.mark.parametrize("sentence, expected, before", [pytest.param(s, e, t, id=i) for i, s, e, t in MD_CASES])
def test_markdown_regression(sentence, expected, before):
    got = sorted((d.code, d.column, d.end_column) for d in lint_text(sentence, builtin_rules(), path="doc.md"))
    assert got == sorted(expected)


def test_per_file_ignores_do_not_hide_other_rules(tmp_path):
    """--per-file-ignores used to drop findings after the one-per-place merge, so an ignored
    SL601 took the SL602 inside its bracket with it."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("召开(扩大，，会议)决定。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "speechlint", "--isolated", "--per-file-ignores",
                           "*.txt:SL601", "a.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.stdout.splitlines() == ["a.txt:1:6: SL602 [*] warning: “，，”: the mark is written twice"]
