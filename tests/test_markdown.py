"""Markdown parsed with markdown-it-py: what is not prose is masked, positions stay those of
the .md file, and the seed as Markdown gives the findings of the seed as text."""
from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO, builtin_rules, lint_text, run_cli
from speechlint.document import MASK
from speechlint.markdown import mask

sys.path.insert(0, str(REPO / "scripts"))
import make_samples  # noqa: E402


def spans(diags, shift_after=None, shift=0):
    return sorted((d.line - (shift if shift_after and d.line > shift_after else 0), d.column, d.end_column, d.code)
                  for d in diags)


def test_seed_as_markdown_gives_the_findings_of_the_seed_as_text():
    txt = lint_text("\n".join(make_samples.seed_lines()) + "\n", builtin_rules(), path="seed.txt")
    md = lint_text(make_samples.seed_markdown(), builtin_rules(), path="seed.md")
    assert txt, "the seed has findings"
    # the inserted lines (a code block holding “ and ×, inline code) give nothing; the lines
    # after them are reported MD_INSERTED lines further down, at the same columns
    assert spans(md, make_samples.MD_INSERT_AFTER, make_samples.MD_INSERTED) == spans(txt)
    assert [d.message for d in md] == [d.message for d in txt]


def test_seed_as_markdown_on_the_command_line(tmp_path):
    make_samples.main([str(tmp_path)])
    md = run_cli(["--format", "json", "seed.md"], tmp_path)
    txt = run_cli(["--format", "json", "seed.txt"], tmp_path)
    import json

    got = [(d["line"] - (make_samples.MD_INSERTED if d["line"] > make_samples.MD_INSERT_AFTER else 0),
            d["column"], d["code"]) for d in json.loads(md.stdout)]
    assert got == [(d["line"], d["column"], d["code"]) for d in json.loads(txt.stdout)]


def m(text: str):
    return [l.replace(MASK, "▒") for l in mask(tuple(text.split("\n")))]


def test_code_blocks_fenced_and_indented():
    assert m("正文\n\n```\n×月\n```\n\n    XX县 缩进代码\n\n~~~~\n“\n~~~~") == [
        "正文", "", "   ", "  ", "   ", "", " " * len("    XX县 缩进代码"), "", "    ", " ", "    "]


def test_indented_lines_in_a_list_item_are_prose_not_code():
    lines = m("- 列表项\n\n    续段×月\n")
    assert lines[2] == "    续段×月"


def test_inline_code_may_run_over_two_lines():
    assert m("正文`代码\n跨行`正文") == ["正文▒▒▒", "▒▒▒正文"]


def test_links_images_autolinks_and_reference_definitions():
    assert m('见[方案](http://a.cn/XX "标题")、[参考][ref]、<https://b.cn/XX>。\n\n[ref]: http://c.cn/XX "题"') == [
        "见[方案]" + "▒" * len('(http://a.cn/XX "标题")') + "、[参考]▒▒▒▒▒、" + "▒" * len("<https://b.cn/XX>") + "。", "", " " * len('[ref]: http://c.cn/XX "题"')]
    assert m("![图`×`](a.png)说明") == ["▒[图▒▒▒]▒▒▒▒▒▒▒说明"]


def test_html_blocks_and_inline_html():
    assert m("<div>\n块内正文XX <b>粗</b>\n</div>") == ["     ", "块内正文XX ▒▒▒粗▒▒▒▒", "      "]
    assert m("<pre>\n×月\n</pre>") == ["     ", "  ", "      "]
    assert m('正文<span title="×">字</span>，<!-- 注\n释 -->后文') == [
        "正文" + "▒" * len('<span title="×">') + "字" + "▒" * 7 + "，▒▒▒▒▒▒", "▒▒▒▒▒后文"]


def test_front_matter_yaml_and_toml_and_an_unclosed_one():
    assert m("---\ntitle: XX\n---\n正文") == ["   ", "         ", "   ", "正文"]
    assert m("+++\ntitle = 'XX'\n+++\n正文") == ["+++".replace("+", " "), " " * 12, "   ", "正文"]
    # never closed: a thematic break, then prose (the line-based masking blanked the whole file)
    assert m("---\n正文XX") == ["   ", "正文XX"]


def test_tables_headings_and_setext_underlines():
    assert m("| 表头 | `代码` |\n| --- | --- |\n| 单元 | [x](y) |") == [
        "| 表头 | ▒▒▒▒ |", " " * 13, "| 单元 | [x]▒▒▒ |"]
    assert m("# 标题 `XX` #\n\n设置标题\n====") == ["# 标题 ▒▒▒▒ #", "", "设置标题", "    "]


def test_bare_urls_end_before_chinese_text():
    assert m("详见https://example.com/XX，要精心布署。") == ["详见" + "▒" * 22 + "，要精心布署。"]


def test_positions_in_block_quotes_and_lists_point_into_the_file():
    text = "> 引用：要精心布署。\n\n1. 列表里的`代码`和重复的的字。\n"
    found = {(d.line, d.column, d.code) for d in lint_text(text, builtin_rules(), path="a.md")}
    assert (1, 9, "SL401") in found  # 布署, column 9 of "> 引用：要精心布署。"
    assert any(d[0] == 3 and d[2] == "SL101" and text.split("\n")[2][d[1] - 1] == "的" for d in found)


def test_pairs_are_not_read_inside_code_spans():
    """A quotation mark in code is not prose: it neither opens nor closes a pair, so a
    quotation around a code span is balanced and a mark inside one is not reported."""
    text = "他说：“请运行`echo ”`命令”。\n代码`“`不算。\n引号“跨过`代码`”成对。\n"
    found = [d for d in lint_text(text, builtin_rules(), path="a.md") if d.code.startswith("SL2")]
    assert found == []
    # the same lines as plain text do have pair problems
    assert [d for d in lint_text(text, builtin_rules(), path="a.txt") if d.code.startswith("SL2")]


def test_suppression_comments_still_work_in_markdown():
    text = "<!-- speechlint-disable-next-line SL401 -->\n要精心布署。\n要精心布署。\n"
    found = [(d.line, d.code) for d in lint_text(text, builtin_rules(), path="a.md")]
    assert found == [(3, "SL401")]


PIECES = st.sampled_from(["a", "汉", "[", "]", "(", ")", "`", "<", ">", "-", "!", ":", "/", " ", '"', "#",
                          "~", "\t", "```", "~~~", "---", "+++", "<!--", "-->", "](", "https://", "x.com",
                          "，", "|", "    ", "*", "1.", "\\", "<div>", "<pre>", "[x]:", "===", "\r", "\x00",
                          "&amp;", "![", "<b>", "</b>", "<a@b.cn>"])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=10))
def test_parser_masking_keeps_every_kept_character_in_place(lines):
    """markdown.mask itself (not the fallback that document.mask_markdown adds around it)."""
    lines = tuple(lines)
    masked = mask(lines)
    assert len(masked) == len(lines)
    for original, out in zip(lines, masked):
        assert len(out) == len(original)
        assert all(a == b or b in (" ", MASK) for a, b in zip(original, out))
