"""Reading documents: encodings, newlines, and the text that checks see."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import List, Tuple

import regex

from speechlint.i18n import _


class InputError(Exception):
    """A document that cannot be read; the message names the cause."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    bom: bool
    newline: str
    lines: Tuple[str, ...]  # without line endings
    masked: Tuple[str, ...]  # what checks see: non-prose blanked (MASK, or spaces for whole lines), same length
    # "text" (plain text), "markdown" or "docx" (paragraphs of a Word file: never written back)
    source_format: str = "text"
    where: Tuple[str, ...] = ()  # for .docx: the part of the document each line comes from


def decode(data: bytes) -> Tuple[str, str, bool]:
    """Return (text, encoding, had_bom). UTF-8 (with or without BOM), UTF-16 with BOM,
    then GB18030 (a superset of GBK and GB2312). Raises InputError."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8", True
        except UnicodeDecodeError as exc:
            raise InputError(_("invalid UTF-8 after a UTF-8 BOM at byte {offset}").format(offset=exc.start + 3)) from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), enc, True
            except UnicodeDecodeError:
                raise InputError(_("invalid UTF-16 after a UTF-16 BOM")) from None
    if b"\x00" in data:
        raise InputError(_("binary file (contains NUL bytes)"))
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(_("not UTF-8 (byte {offset}) nor GB18030/GBK text").format(offset=utf8_error.start)) from None
    if _looks_binary(text):
        raise InputError(_("binary file (control characters)"))
    return text, "gb18030", False


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) > len(sample) // 100


LINE_END = regex.compile(r"\r\n|\r|\n")  # the line ends of the LSP; U+2028, U+0085, \f… stay in a line


def line_starts(text: str) -> List[int]:
    """The offset in text of the start of each line: 0, and the end of every line end
    (\\n, \\r\\n or a lone \\r, as the LSP counts lines). A text ending with a line end has an
    empty last start equal to len(text), which split_lines does not count as a line."""
    return [0] + [m.end() for m in LINE_END.finditer(text)]


def split_lines(text: str) -> Tuple[Tuple[str, ...], str]:
    """(lines without their line ends, the first line end met or "\\n"). \\n, \\r\\n and a
    lone \\r end a line, as in the LSP; U+2028, U+2029, U+0085, form feed and vertical tab do not
    (str.splitlines would split at them)."""
    lines = LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    first = LINE_END.search(text)
    return tuple(lines), first.group() if first else "\n"


def from_text(path: str, text: str, encoding: str = "utf-8", bom: bool = False, max_lines: int = 0) -> Document:
    """A document from its text (decoded, without the BOM that decode() takes off: a U+FEFF
    left at the start is a character of the text, such as a second BOM, and stays). InputError
    for more than max_lines lines (0: no limit), before Markdown is parsed (three million lines
    of it took 40 s and 2.7 GB to parse)."""
    if _CONTROL.search(text[:4096]) and _looks_binary(text):
        raise InputError(_("binary file (control characters)"))
    lines, newline = split_lines(text)
    if max_lines and len(lines) > max_lines:
        raise InputError(too_many_lines(len(lines), max_lines))
    if is_markdown(path):
        return Document(path, text, encoding, bom, newline, lines, mask_markdown(lines), "markdown")
    return Document(path, text, encoding, bom, newline, lines, lines)


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def from_bytes(path: str, data: bytes, max_lines: int = 0) -> Document:
    """A document from a file's bytes: a .docx is read as Word paragraphs, anything else as
    text (Markdown if the name ends in .md or .markdown). InputError for more than max_lines
    lines or paragraphs (0: no limit)."""
    if is_docx(path):
        from speechlint.docx import read_docx

        return read_docx(path, data, max_lines=max_lines)
    text, encoding, bom = decode(data)
    return from_text(path, text, encoding, bom, max_lines)


def too_many_lines(n: int, limit: int) -> str:
    return _("too many lines: {n:,}, over the {limit:,} limit (max-lines); not linted").format(n=n, limit=limit)


MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: not prose, not a space, not punctuation


def mask_markdown(lines: Tuple[str, ...]) -> Tuple[str, ...]:
    """Blank out what is not prose in Markdown (front matter, code blocks, inline code, HTML,
    link targets, URLs), keeping every line's length so columns stay true. The parsing is
    markdown-it-py's (see speechlint.markdown); should it ever fail, a line-based masking by
    regular expressions is used instead."""
    from speechlint import markdown

    try:
        masked = markdown.mask(lines)
    except Exception:  # a parser bug must not stop linting: fall back to the simple masking
        return markdown.mask_regex(lines)
    if len(masked) != len(lines) or any(len(m) != len(l) for m, l in zip(masked, lines)):
        return markdown.mask_regex(lines)
    return masked
