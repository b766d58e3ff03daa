"""Fuzzing the whole pipeline: hypothesis strategies for the bytes of a file, and the check of
one input. Used by tests/test_fuzz.py (a quick profile in the suite) and bench/fuzz.py (the
long run, `--n 100000`).

An input is a file name (.txt or .md) and its bytes. The bytes are text made of pieces that
the rules and the reader have to cope with, encoded in one of the encodings speechlint reads
(UTF-8 with or without BOM, UTF-16 with BOM, GB18030), sometimes with invalid bytes dropped in:

- characters from every plane (st.characters), and the characters of Chinese prose;
- every line end and separator: \\n, \\r\\n, a lone \\r, U+2028, U+2029, U+0085, form feed,
  vertical tab; BOMs inside the text, NUL and other control characters;
- numbers and list markers: circled, parenthesised and dotted digits (①⑴⒈), full-width digits,
  Chinese numerals, Roman numerals, 一、（一）1. 1）;
- deep brackets ((((中)))) and （（（中））） and unbalanced ones, quotation marks;
- long lines (thousands of one character or of a word);
- lines of the repository's own documents (seeds/, tests/documents/), mutated: characters
  inserted, deleted, replaced or swapped.

check(name, data) runs the pipeline on one input and returns what went wrong, as short
strings: an exception anywhere (reading, a check, fixing, encoding), a check's internal error,
a position outside the text, a fixed text that does not read back as itself, a diff that does
not apply, fixes that leave more findings than there were, or safe fixes left after fixing.
A refusal that the CLI reports as an input error (binary, not decodable) is no problem.
"""
from __future__ import annotations

import codecs
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from hypothesis import strategies as st

from speechlint.context import Resources
from speechlint.diagnostics import Diagnostic
from speechlint.document import Document, InputError, from_bytes
from speechlint.engine import Failure, lint
from speechlint.fixes import MAX_ROUNDS, chosen_edits, encode, fix_document, unified_diff
from speechlint.ruleset import load_rules

REPO = Path(__file__).resolve().parent.parent

# --- strategies ----------------------------------------------------------------------------

LINE_ENDS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b"]
PROSE = ("的了和是在要对把发展改革人民经济落实工作建设推进加强领导同志会议通知关于市县区年月日"
         "，。、；：？！“”‘’（）《》〈〉【】…—·～－,.;:?!()[]\"' \u3000\u00a0\u200b\t")
NUMBERS = ["①", "②", "⑩", "⑳", "㉑", "⑴", "⑵", "⒇", "⒈", "⒉", "⒛", "１", "２", "０", "一", "二", "十",
           "十一", "二十", "百", "Ⅰ", "Ⅱ", "Ⅻ", "ⅳ", "〇", "零", "3", "12", "2024", "１２", "٣", "߂", "𝟙"]
MARKERS = ["一、", "二、", "（一）", "(二)", "1.", "2、", "1）", "（1）", "①", "⑴", "⒈", "第一，", "首先，",
           "其次，", "Ⅰ.", "A.", "（十一）", "十、", "１．", "一是", "二是"]
ODD = ["\ufeff", "\x00", "\x01", "\x1b[31m", "\x7f", "\ufffc", "\ufffd", "\u200d", "\u202e", "\U0001F600",
       "𠮷", "\U000E0001", "\U0010FFFF", "<!--", "-->", "<!-- speechlint-disable SL1 -->",
       "<!-- speechlint-disable-next-line SL7 -->", "```", "`", "](", "![", "<", ">", "#", "> ", "- ", "|"]
BRACKETS = [("(", ")"), ("（", "）"), ("“", "”"), ("《", "》"), ("【", "】"), ("[", "]"), ("‘", "’"), ("〈", "〉")]


def _corpus_lines() -> List[str]:
    lines: List[str] = []
    for folder in (REPO / "seeds", REPO / "tests" / "documents"):
        for path in sorted(folder.glob("*.txt")):
            lines += [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return lines or ["要认真落实各项工作。"]


CORPUS = _corpus_lines()


@st.composite
def deep_brackets(draw) -> str:
    opener, closer = draw(st.sampled_from(BRACKETS))
    depth = draw(st.integers(1, 40))
    inner = draw(st.sampled_from(["中", "", "落实", "①", "XX", "，"]))
    closing = draw(st.integers(0, depth + 2))  # unbalanced too
    return opener * depth + inner + closer * closing


@st.composite
def long_line(draw) -> str:
    unit = draw(st.sampled_from(["）", "“", "（", "，", "落实", "的", "a", "(", "、", "XX", "①", "<", "*", " "]))
    return unit * draw(st.integers(100, 3000))


@st.composite
def mutated_corpus_line(draw) -> str:
    line = list(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
        i = draw(st.integers(0, max(0, len(line) - 1)))
        piece = draw(piece_without_mutation())
        if op == "insert" or not line:
            line[i:i] = [piece]
        elif op == "delete":
            del line[i]
        elif op == "replace":
            line[i] = piece
        elif i + 1 < len(line):
            line[i], line[i + 1] = line[i + 1], line[i]
    return "".join(line)


def piece_without_mutation():
    return st.one_of(
        st.text(alphabet=PROSE, min_size=1, max_size=12),
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(NUMBERS), st.sampled_from(MARKERS), st.sampled_from(ODD),
        st.sampled_from(LINE_ENDS),
    )


def piece():
    return st.one_of(
        piece_without_mutation(),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
        deep_brackets(), mutated_corpus_line(),
        st.builds(lambda m, t: m + t, st.sampled_from(MARKERS), st.text(alphabet=PROSE, max_size=20)),
    )


@st.composite
def text(draw, long: bool = True) -> str:
    """A document's text: lines of pieces, joined by line ends of one or several kinds."""
    ends = draw(st.lists(st.sampled_from(LINE_ENDS), min_size=1, max_size=3))
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        parts = draw(st.lists(piece(), max_size=6))
        if long and draw(st.integers(0, 30)) == 0:
            parts.append(draw(long_line()))
        lines.append("".join(parts))
    out = ""
    for line in lines:
        out += line + draw(st.sampled_from(ends))
    if out and draw(st.booleans()):
        out = out[:-1] if not out.endswith("\r\n") else out[:-2]  # no final line end
    return out


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "gb18030"]


def encode_as(value: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + value.encode("utf-16-le", "surrogatepass")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + value.encode("utf-16-be", "surrogatepass")
    return value.encode(encoding, "replace" if encoding == "gb18030" else "surrogatepass")


@st.composite
def file_input(draw) -> Tuple[str, bytes]:
    """(file name, bytes)."""
    name = draw(st.sampled_from(["doc.txt", "doc.txt", "doc.txt", "notes.md"]))
    data = encode_as(draw(text()), draw(st.sampled_from(ENCODINGS)))
    if data and draw(st.integers(0, 9)) == 0:  # invalid bytes dropped in
        at = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\x80\x80", b"\xed\xa0\x80", b"\xfe\xff", b"\x00", b"\x81"]))
        data = data[:at] + junk + data[at:]
    return name, data


# --- the check -----------------------------------------------------------------------------

class Pipeline:
    """The rules and language data, loaded once."""

    def __init__(self):
        self.rules = load_rules()
        self.resources = Resources()


def _positions(doc: Document, diags: Sequence[Diagnostic]) -> List[str]:
    bad = []
    n = len(doc.lines)
    for d in diags:
        if not (1 <= d.line <= d.end_line <= max(n, 1)):
            bad.append(f"{d.code} line {d.line}-{d.end_line} outside 1-{n}")
            continue
        length = len(doc.lines[d.line - 1]) if doc.lines else 0
        if not (1 <= d.column <= length + 1 and d.column <= d.end_column + 1 and d.end_column <= length + 1):
            bad.append(f"{d.code} columns {d.column}-{d.end_column} outside a line of {length}")
        for e in (d.fix.edits if d.fix else ()):
            if not (0 <= e.line < max(n, 1) and e.line <= e.end_line <= n):
                bad.append(f"{d.code} edit lines {e.line}-{e.end_line} outside 0-{n}")
            elif e.start > len(doc.lines[e.line] if doc.lines else "") or \
                    (e.end_line < n and e.end > len(doc.lines[e.end_line])):
                bad.append(f"{d.code} edit columns {e.start}-{e.end} outside the line")
    return bad


def check(pipeline: Pipeline, name: str, data: bytes) -> List[str]:
    """What goes wrong with this input (empty: nothing)."""
    problems: List[str] = []
    stage = "read"
    try:
        try:
            doc = from_bytes(name, data)
        except InputError:
            return []  # refused as the CLI refuses it: one error line
        stage = "lint"
        failures: List[Failure] = []

        def run(d: Document) -> List[Diagnostic]:
            return lint(d, pipeline.rules, pipeline.resources, (), 0.0, failures)

        before = run(doc)
        problems += _positions(doc, before)
        # the unsafe pass only where it differs from the safe one
        passes = (False, True) if chosen_edits(before, True) != chosen_edits(before, False) else (False,)
        for unsafe in passes:
            stage = "fix (unsafe)" if unsafe else "fix"
            rounds = [0]

            def counting(d: Document) -> List[Diagnostic]:
                rounds[0] += 1
                return before if d is doc else run(d)  # the first round's lint is done

            try:
                fixed, applied, after = fix_document(doc, counting, unsafe)
            except InputError:
                continue  # the fixes would make it unreadable: refused, nothing written
            problems += _positions(fixed, after)
            if len(after) > len(before):
                problems.append(f"{stage}: {len(before)} findings before, {len(after)} after")
            if chosen_edits(after, unsafe) and rounds[0] <= MAX_ROUNDS:
                again = fix_document(fixed, run, unsafe)[0]
                if again.text != fixed.text:
                    problems.append(f"{stage}: not stable, a second fix changes the text")
            stage = "encode"
            out = encode(fixed)
            if from_bytes(name, out).text != fixed.text:
                problems.append("the fixed text does not read back as itself")
            stage = "diff"
            if applied and apply_diff(data, unified_diff(name, data, out)) != out:
                problems.append("the diff does not apply to give the fixed bytes")
        if encode(doc) != data:
            problems.append("the document does not encode back to the bytes read")
        problems += sorted({f"internal error: {f.describe()}" for f in failures})
    except Exception as exc:  # noqa: BLE001 - every exception is a finding of the fuzzer
        problems.append(f"exception in {stage}: {type(exc).__name__}: {str(exc)[:200]}")
    return problems


def timed_check(pipeline: Pipeline, name: str, data: bytes) -> Tuple[List[str], float, float]:
    """The problems of one input, and the seconds it took: processor time (what the input costs,
    whatever else the machine is doing) and wall-clock time."""
    start, cpu = time.perf_counter(), time.process_time()
    problems = check(pipeline, name, data)
    return problems, time.process_time() - cpu, time.perf_counter() - start


# --- applying a unified diff (what `patch` does, for tests where it is missing) ------------

def apply_diff(original: bytes, diff: bytes) -> Optional[bytes]:
    """original with a one-file unified diff applied, lines cut at \\n as `patch` cuts them and
    the "\\ No newline at end of file" marker honoured; None if a hunk does not match."""
    if not diff:
        return original
    old = _cut(original)
    lines = diff.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out: List[bytes] = []
    pos = 0
    i = 2  # past the --- and +++ headers
    while i < len(lines):
        header = lines[i]
        if not header.startswith(b"@@ "):
            return None
        first, _, count = header.split()[1][1:].partition(b",")
        start = int(first) if count == b"0" else int(first) - 1  # an empty range is after its line
        out += old[pos:start]
        pos = start
        i += 1
        removed: List[bytes] = []
        while i < len(lines) and not lines[i].startswith(b"@@ "):
            tag, body = lines[i][:1], lines[i][1:] + b"\n"
            if i + 1 < len(lines) and lines[i + 1].startswith(b"\\ "):
                body = body[:-1]
                i += 1
            if tag in (b" ", b"-"):
                removed.append(body)
            if tag in (b" ", b"+"):
                out.append(body)
            i += 1
        if old[pos:pos + len(removed)] != removed:
            return None
        pos += len(removed)
    out += old[pos:]
    return b"".join(out)


def _cut(data: bytes) -> List[bytes]:
    parts = data.split(b"\n")
    return [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
