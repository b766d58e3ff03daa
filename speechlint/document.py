"""Reading documents: encodings, newlines, and the text that checks see."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Tuple

import regex


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


def decode(data: bytes) -> Tuple[str, str, bool]:
    """Return (text, encoding, had_bom). UTF-8 (with or without BOM), UTF-16 with BOM,
    then GB18030 (a superset of GBK and GB2312). Raises InputError."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8", True
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-8 after a UTF-8 BOM at byte {exc.start + 3}") from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), enc, True
            except UnicodeDecodeError:
                raise InputError("invalid UTF-16 after a UTF-16 BOM") from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"not UTF-8 (byte {utf8_error.start}) nor GB18030/GBK text") from None
    if _looks_binary(text):
        raise InputError("binary file (control characters)")
    return text, "gb18030", False


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) > len(sample) // 100


def split_lines(text: str) -> Tuple[Tuple[str, ...], str]:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(l[:-1] if l.endswith("\r") else l for l in lines), newline


def from_text(path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    if _CONTROL.search(text[:4096]) and _looks_binary(text):
        raise InputError("binary file (control characters)")
    lines, newline = split_lines(text)
    masked = mask_markdown(lines) if path.lower().endswith((".md", ".markdown")) else lines
    return Document(path, text, encoding, bom, newline, lines, masked)


def from_bytes(path: str, data: bytes) -> Document:
    text, encoding, bom = decode(data)
    return from_text(path, text, encoding, bom)


_FENCE = regex.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Inline code, HTML comments and tags, link targets (the part in parentheses after "]",
# with an optional "title"), and bare URLs: only the characters a URL may hold (RFC 3986,
# without parentheses), so the Chinese text after a URL is still prose.
_INLINE = regex.compile(r"(`+)(?:(?!\1).)+?\1|<!--.*?-->|<[A-Za-z/][^>\n]*>"
                        r"|(?<=\])\([^()\s]*(?:\s+\"[^\"\n]*\")?\)|!(?=\[)"
                        r"|https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")


MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: not prose, not a space, not punctuation


def _blank(match) -> str:
    """What replaces non-prose inside a line: one MASK per character, so that no rule reads
    it as a space between Chinese characters (and no fix deletes code, a tag or a URL)."""
    return MASK * (match.end() - match.start())


def mask_markdown(lines: Tuple[str, ...]) -> Tuple[str, ...]:
    """Blank out what is not prose in Markdown (fenced code, front matter, inline code,
    HTML, link targets, URLs), keeping every line's length so columns stay true."""
    out = []
    fence = None
    front = bool(lines) and lines[0].strip() == "---"
    for i, line in enumerate(lines):
        if front:
            out.append(" " * len(line))
            if i > 0 and line.strip() in ("---", "..."):
                front = False
            continue
        m = _FENCE.match(line)
        if fence is not None:
            out.append(" " * len(line))
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(" " * len(line))
            continue
        masked = _INLINE.sub(_blank, line)
        # a line that is all markup (an HTML comment, a tag) is blank, as a code line is
        out.append(" " * len(line) if not masked.strip(" \t" + MASK) else masked)
    return tuple(out)
