"""What checks see of a Markdown file: the prose, with everything else blanked in place.

The file is parsed with markdown-it-py (CommonMark, plus GFM tables and strikethrough). Its
block tokens carry line maps; its inline tokens do not carry columns, so the inline rules that
make non-prose (code spans, links, images, autolinks, inline HTML) are wrapped to record the
stretch of source each one consumed. Every recorded stretch is then mapped back to (line,
column) in the file, so masking never moves a character: a position in the masked text is the
position in the .md file.

Not prose, and so masked:

- front matter (YAML between --- lines, TOML between +++ lines, at the very top);
- fenced and indented code blocks, thematic breaks, setext underlines, table delimiter rows,
  link reference definitions (whole lines, as spaces);
- HTML blocks: tags and comments (the text between tags is prose); <script>, <style>, <pre> and
  <textarea> blocks whole;
- inline code, autolinks (<https://…>), inline HTML tags and comments, link destinations and
  titles (the "(…)" after "[label]", or the "[ref]" of a reference link; the label stays prose),
  the "!" of an image, and bare URLs (up to the first character a URL cannot hold, so the
  Chinese text right after one is prose).

Inside a line, masked characters become MASK (U+FFFC); a line left with nothing but markup
becomes spaces. If the parser's text cannot be matched to the file (rare: tabs inside
indentation, NUL bytes), the lines concerned fall back to a regular-expression masking.
"""
from __future__ import annotations

import bisect
import re
import threading
from typing import Dict, List, Optional, Sequence, Tuple

MASK = "\ufffc"  # also defined in speechlint.document (same value)

_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
# Bare URLs: the characters a URL may hold (RFC 3986, without parentheses).
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
# The fallback masking (one line at a time, regular expressions only).
_INLINE = re.compile(r"(`+)(?:(?!\1).)+?\1|<!--.*?-->|<[A-Za-z/][^>\n]*>"
                     r"|(?<=\])\([^()\s]*(?:\s+\"[^\"\n]*\")?\)|!(?=\[)"
                     r"|https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Markup inside an HTML block: comments, processing instructions, declarations, CDATA, tags.
_HTML_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)|<![A-Za-z].*?(?:>|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.S)
_RAW_HTML = re.compile(r"^[ \t>]*<(script|pre|style|textarea)(?=\s|>|$)", re.I)

_PARSER = None
_LOCK = threading.Lock()  # the parser and its recorder are shared: one document at a time


class _Unmapped(Exception):
    """The parser's inline text could not be matched to the source lines."""


def _parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        md.core.ruler.disable("inline")  # inline content is parsed by mask(), with a recorder
        recorder = _Recorder()
        for name in ("backticks", "link", "image", "autolink", "html_inline"):
            fn = next(r.fn for r in md.inline.ruler.__rules__ if r.name == name)
            md.inline.ruler.at(name, recorder.wrap(name, fn))
        _PARSER = (md, recorder)
    return _PARSER


class _Recorder:
    """Wraps inline rules: each stretch of non-prose they consume is recorded as (start, end)
    offsets into the inline token's content."""

    def __init__(self):
        self.spans: List[Tuple[int, int]] = []
        self.nested: List[Tuple[str, int]] = []  # (src of an image's alt text, its offset)

    def base(self, src: str) -> int:
        if self.nested and self.nested[-1][0] == src:
            return self.nested[-1][1]
        return 0

    def wrap(self, name, fn):
        def rule(state, silent):
            if silent:
                return fn(state, silent)
            start = state.pos
            n = len(state.tokens)
            base = self.base(state.src)
            pushed = False
            label_end = -1
            if name == "image" and state.src.startswith("![", start):  # else the rule fails at
                # once; without this test parseLinkLabel scanned the rest of the line at every
                # position (a line of 10,000 "<" took 20 s)
                label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
                if label_end >= 0:
                    self.nested.append((state.src[start + 2:label_end], base + start + 2))
                    pushed = True
            try:
                ok = fn(state, silent)
            finally:
                if pushed:
                    self.nested.pop()
            if not ok:
                return ok
            end = state.pos
            new = [t.type for t in state.tokens[n:]]
            if name in ("backticks", "html_inline", "autolink"):
                if any(t in ("code_inline", "html_inline", "link_open") for t in new):
                    self.spans.append((base + start, base + end))
            elif name == "link" and "link_open" in new:
                label_end = state.md.helpers.parseLinkLabel(state, start, True)
                if label_end >= 0 and label_end + 1 < end:
                    self.spans.append((base + label_end + 1, base + end))
            elif name == "image" and "image" in new:
                self.spans.append((base + start, base + start + 1))
                if label_end + 1 < end:
                    self.spans.append((base + label_end + 1, base + end))
            return ok
        return rule


def _front_matter(lines: Sequence[str]) -> int:
    """The number of lines of front matter at the top (0 if none, or if it is never closed)."""
    if not lines or lines[0].rstrip() not in _FRONT_OPEN:
        return 0
    closers = _FRONT_OPEN[lines[0].rstrip()]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0


def _fallback_line(line: str) -> str:
    return _INLINE.sub(lambda m: MASK * (m.end() - m.start()), line)


def _locate(pieces: Sequence[str], first: int, lines: Sequence[str], table: bool,
            cursor: Dict[int, int]) -> List[int]:
    """The source column of each piece (a line of an inline token's content)."""
    cols = []
    for i, piece in enumerate(pieces):
        no = first + i
        if no >= len(lines):
            raise _Unmapped
        src = lines[no]
        start = cursor.get(no, 0)
        col = -1
        if not table:
            for candidate in (src, src.rstrip()):
                if candidate.endswith(piece) and len(candidate) - len(piece) >= start:
                    col = len(candidate) - len(piece)
                    break
        if col < 0:
            col = src.find(piece, start)
        if col < 0:
            raise _Unmapped
        cols.append(col)
        cursor[no] = col + len(piece)
    return cols


def _mask_inline(content: str, first: int, lines: Sequence[str], out: List[List[str]],
                 table: bool, cursor: Dict[int, int], env: dict) -> None:
    md, recorder = _parser()
    pieces = content.split("\n")
    cols = _locate(pieces, first, lines, table, cursor)
    starts = []
    offset = 0
    for p in pieces:
        starts.append(offset)
        offset += len(p) + 1
    recorder.spans = []
    recorder.nested = []
    md.inline.parse(content, md, env, [])
    for s, e in recorder.spans:
        for o in range(s, min(e, len(content))):
            i = bisect.bisect_right(starts, o) - 1
            k = o - starts[i]
            if k >= len(pieces[i]):  # the line break between two pieces
                continue
            row = out[first + i]
            col = cols[i] + k
            if col < len(row):
                row[col] = MASK


def mask(lines: Sequence[str]) -> Tuple[str, ...]:
    """lines (without line endings) with what is not prose blanked, each line keeping its
    length and every kept character in place."""
    with _LOCK:
        return _mask(lines)


def _mask(lines: Sequence[str]) -> Tuple[str, ...]:
    md, _ = _parser()
    lines = tuple(lines)
    out = [list(l) for l in lines]
    blank = set()  # whole lines of markup
    front = _front_matter(lines)
    blank.update(range(front))
    src_lines = [""] * front + [l.replace("\r", " ") for l in lines[front:]]
    env: dict = {}
    tokens = md.parse("\n".join(src_lines) + "\n", env)
    covered = set(range(front))
    prose = set()
    cursor: Dict[int, int] = {}
    for idx, tok in enumerate(tokens):
        if tok.map is None:
            continue
        a, b = tok.map
        if tok.type in ("fence", "code_block", "hr"):
            blank.update(range(a, b))
            covered.update(range(a, b))
        elif tok.type == "html_block":
            covered.update(range(a, b))
            _mask_html(lines, a, min(b, len(lines)), out, blank)
            prose.update(range(a, b))
        elif tok.type == "heading_open" and tok.markup in ("=", "-"):
            blank.add(b - 1)  # the setext underline
            covered.update(range(a, b))
        elif tok.type == "table_open":
            covered.update(range(a, b))
            blank.add(a + 1)  # the delimiter row
        elif tok.type == "inline":
            covered.update(range(a, b))
            table = idx > 0 and tokens[idx - 1].type in ("th_open", "td_open")
            try:
                _mask_inline(tok.content, a, lines, out, table, cursor, env)
                prose.update(range(a, b))
            except _Unmapped:
                for no in range(a, min(b, len(lines))):
                    out[no] = list(_fallback_line("".join(out[no])))
    for no, line in enumerate(lines):
        if no not in covered and line.strip():
            blank.add(no)  # link reference definitions, bare list or quote markers
    result = []
    for no, row in enumerate(out):
        if no in blank:
            result.append(" " * len(lines[no]))
            continue
        text = "".join(row)
        if no in prose:
            text = _URL.sub(lambda m: MASK * (m.end() - m.start()), text)
        result.append(" " * len(text) if not text.strip(" \t" + MASK) else text)
    return tuple(result)



def _mask_html(lines: Sequence[str], a: int, b: int, out: List[List[str]], blank: set) -> None:
    if _RAW_HTML.match(lines[a]):
        blank.update(range(a, b))
        return
    text = "\n".join(lines[a:b])
    starts = []
    offset = 0
    for no in range(a, b):
        starts.append(offset)
        offset += len(lines[no]) + 1
    for m in _HTML_MARKUP.finditer(text):
        for o in range(m.start(), m.end()):
            i = bisect.bisect_right(starts, o) - 1
            k = o - starts[i]
            if k < len(lines[a + i]):
                out[a + i][k] = MASK


def mask_regex(lines: Sequence[str]) -> Tuple[str, ...]:
    """The former, line-based masking (fences, front matter and inline regular expressions),
    used if the parser fails."""
    out = []
    fence: Optional[str] = None
    front = _front_matter(lines)
    for i, line in enumerate(lines):
        if i < front:
            out.append(" " * len(line))
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
        masked = _fallback_line(line)
        out.append(" " * len(line) if not masked.strip(" \t" + MASK) else masked)
    return tuple(out)
