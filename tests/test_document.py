"""Reading documents: decoding, newlines, and what checks see of Markdown."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings, strategies as st

from speechlint.document import InputError, decode, from_bytes, from_text, mask_markdown, MASK

TEXT = "关于XX县的通知\n要精心布署。\n"


@pytest.mark.parametrize("data, encoding, bom", [
    (TEXT.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
    (TEXT.encode("gbk"), "gb18030", False),
])
def test_decode(data, encoding, bom):
    assert decode(data) == (TEXT, encoding, bom)


@pytest.mark.parametrize("data, cause", [
    (b"PK\x03\x04\x00\x00", "binary"),
    (b"ok\xff\xfd\x80", "not UTF-8"),
    (codecs.BOM_UTF8 + b"\xff\xfe", "invalid UTF-8"),
])
def test_undecodable(data, cause):
    with pytest.raises(InputError, match=cause):
        decode(data)


def test_crlf_lines_have_no_carriage_return():
    doc = from_bytes("a.txt", TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert doc.lines == ("关于XX县的通知", "要精心布署。")
    assert doc.newline == "\r\n"


def test_markdown_masking_keeps_lengths_and_masks_only_non_prose():
    lines = (
        "详见[工作方案](https://example.com/XX县)和`代码`。",
        '图见![图](a.png "标题")，网址 https://example.com/a，要精心布署。',
        "<!-- 注释 -->正文",
    )
    masked = mask_markdown(lines)
    assert [len(m) for m in masked] == [len(l) for l in lines]
    # the link label and its brackets stay prose; the target and the inline code do not
    assert masked[0] == "详见[工作方案]" + MASK * len("(https://example.com/XX县)") + "和" + MASK * 4 + "。"
    # a bare URL ends where the URL characters end: the Chinese text after it is prose
    assert masked[1].endswith("，要精心布署。")
    assert "https" not in masked[1] and "标题" not in masked[1]
    assert masked[2] == MASK * len("<!-- 注释 -->") + "正文"


def test_markdown_fences_and_front_matter_are_masked():
    lines = ("---", "title: XX", "---", "正文", "```", "XX县", "```", "XX")
    masked = mask_markdown(lines)
    assert masked == ("   ", "         ", "   ", "正文", "   ", "   ", "   ", "XX")


def test_txt_is_not_masked():
    doc = from_text("a.txt", "`XX`\n")
    assert doc.masked == doc.lines


PIECES = st.sampled_from(["a", "汉", "[", "]", "(", ")", "`", "<", ">", "-", "!", ":", "/", " ", '"', "#",
                          "~", "\t", "```", "~~~", "---", "<!--", "-->", "](", "https://", "x.com", "，"])


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=8))
def test_markdown_masking_never_changes_line_lengths(lines):
    lines = tuple(lines)
    masked = mask_markdown(lines)
    assert len(masked) == len(lines)
    for original, m in zip(lines, masked):
        assert len(m) == len(original)
        assert all(a == b or b in (" ", MASK) for a, b in zip(original, m))


# --- issue 15: lines as the LSP counts them ------------------------------------------------

@pytest.mark.parametrize("text, lines, newline", [
    ("甲\n乙\n", ("甲", "乙"), "\n"),
    ("甲\r\n乙", ("甲", "乙"), "\r\n"),
    ("甲\r乙\r", ("甲", "乙"), "\r"),
    ("甲\r\r\n乙\n\r丙", ("甲", "", "乙", "", "丙"), "\r"),
    ("甲\u2028乙\u2029丙\x85丁\x0c戊\x0b己\x1c庚\n", ("甲\u2028乙\u2029丙\x85丁\x0c戊\x0b己\x1c庚",), "\n"),
    ("", (), "\n"),
    ("\r", ("",), "\r"),
])
def test_lines_end_at_lf_crlf_and_lone_cr_only(text, lines, newline):
    from speechlint.document import line_starts, split_lines

    assert split_lines(text) == (lines, newline)
    starts = line_starts(text)
    # every line starts where the one before it and its line end stop
    assert [text[s:s + len(l)] for s, l in zip(starts, lines)] == list(lines)


def test_cli_and_server_split_lines_alike():
    from speechlint.server import LspTextDocument

    text = "甲\r乙\u2028丙\r\n丁\n"
    assert tuple(l.rstrip("\r\n") for l in LspTextDocument("file:///a.txt", text).lines) == \
        from_text("a.txt", text).lines == ("甲", "乙\u2028丙", "丁")
