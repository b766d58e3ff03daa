"""Fixes: speechlint.fixes in memory, and --fix / --unsafe-fixes / --diff on the command line.

The command-line tests run `python -m speechlint` in temporary folders. The seed document
(seeds/000_…txt) holds four defects with safe fixes (落实落实 on line 27, 凤凰磐涅 on line 29,
分表必争 on line 24, a no-break space on line 23) and a promotional header (lines 1-5 and 7-9)
whose deletion is unsafe; the expected bytes are computed from the original bytes by exactly
those replacements, so that any other change to the file fails the comparison.
"""
from __future__ import annotations

import codecs
import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, Sequence

import pytest

from conftest import REPO, builtin_rules, cli_env, run_cli, shared_resources
from speechlint.diagnostics import Diagnostic, Edit, Fix
from speechlint.document import from_bytes, from_text
from speechlint.engine import lint
from speechlint.fixes import (MAX_ROUNDS, apply_edits, chosen_edits, encode, fix_document,
                              unified_diff, write_atomically)

SEED = REPO / "seeds" / "000_194b8ab123b4e932.txt"
SEED_FIXES = [("落实落实".encode(), "落实".encode()), ("凤凰磐涅".encode(), "凤凰涅槃".encode()),
              ("分表必争".encode(), "分秒必争".encode()), ("\u00a0".encode(), b"")]
HEADER_LINES = (1, 2, 3, 4, 5, 7, 8, 9)  # 1-based lines of the promotional header

# A short document with safe fixes that every encoding can hold (no no-break space, which GBK
# lacks): an idiom typo (SL401), a half-width comma between Chinese characters (SL601) and a
# word written twice (SL101).
SMALL = "要以凤凰磐涅的勇气推进改革,狠抓落实。\n要严格落实落实各项责任。\n"
SMALL_FIXED = "要以凤凰涅槃的勇气推进改革，狠抓落实。\n要严格落实各项责任。\n"


def seed_expected() -> bytes:
    data = SEED.read_bytes()
    for old, new in SEED_FIXES:
        assert data.count(old) == 1, old
        data = data.replace(old, new)
    return data


def run_raw(args: Sequence[str], cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """Like conftest.run_cli, with stdout and stderr left as bytes."""
    return subprocess.run([sys.executable, "-m", "speechlint", *args], cwd=str(cwd), input=stdin,
                          capture_output=True, env=cli_env(), timeout=120)


def lines_of(data: bytes) -> List[bytes]:
    return data.split(b"\n")


def copy_seed(folder: Path, name: str = "seed.txt") -> Path:
    target = folder / name
    shutil.copyfile(SEED, target)
    return target


def diag(edits, applicability="safe", line=1) -> Diagnostic:
    return Diagnostic("doc.txt", line, 1, line, 1, "SL999", "test", "test", "error", None,
                      Fix(tuple(edits), applicability))


# --- apply_edits ---------------------------------------------------------------------------

def test_apply_edits_without_edits_returns_the_text():
    assert apply_edits("甲乙丙\n", []) == ("甲乙丙\n", 0)


def test_apply_edits_replaces_deletes_and_inserts():
    text = "甲乙丙丁戊\n"
    edits = [Edit(0, 1, 0, 2, "子"), Edit(0, 3, 0, 4, ""), Edit(0, 5, 0, 5, "。")]
    assert apply_edits(text, edits) == ("甲子丙戊。\n", 3)


def test_apply_edits_takes_edits_in_order_of_position_whatever_their_order():
    text = "甲乙丙丁戊己"
    forward = [Edit(0, 0, 0, 1, "A"), Edit(0, 2, 0, 3, "B"), Edit(0, 4, 0, 5, "C")]
    assert apply_edits(text, forward) == apply_edits(text, forward[::-1]) == ("A乙B丁C己", 3)


def test_overlapping_edits_only_the_first_by_position_applies():
    text = "甲乙丙丁戊己"
    later = Edit(0, 2, 0, 5, "Y")   # 丙丁戊
    first = Edit(0, 1, 0, 3, "X")   # 乙丙
    assert apply_edits(text, [later, first]) == ("甲X丁戊己", 1)
    # an edit inside another, and one containing it
    assert apply_edits(text, [Edit(0, 2, 0, 3, "Z"), Edit(0, 1, 0, 4, "W")]) == ("甲W戊己", 1)
    # the same start: the shorter span comes first
    assert apply_edits(text, [Edit(0, 1, 0, 4, "W"), Edit(0, 1, 0, 2, "V")]) == ("甲V丙丁戊己", 1)


def test_adjacent_edits_do_not_overlap():
    text = "甲乙丙丁"
    assert apply_edits(text, [Edit(0, 1, 0, 2, "X"), Edit(0, 2, 0, 3, "Y")]) == ("甲XY丁", 2)
    # a replacement ending where an insertion is made
    assert apply_edits(text, [Edit(0, 1, 0, 2, "X"), Edit(0, 2, 0, 2, "+")]) == ("甲X+丙丁", 2)


def test_two_insertions_at_one_place_only_the_first_applies():
    assert apply_edits("甲乙", [Edit(0, 1, 0, 1, "X"), Edit(0, 1, 0, 1, "Y")]) == ("甲X乙", 1)


def test_overlapping_edits_across_lines():
    text = "甲乙\n丙丁\n戊己\n"
    whole = Edit(1, 0, 2, 0, "")        # line 2 with its line break
    inside = Edit(1, 1, 1, 2, "X")     # 丁
    assert apply_edits(text, [inside, whole]) == ("甲乙\n戊己\n", 1)


def test_whole_line_deletion():
    text = "甲\n乙\n丙\n"
    assert apply_edits(text, [Edit(0, 0, 1, 0, "")]) == ("乙\n丙\n", 1)
    assert apply_edits(text, [Edit(1, 0, 2, 0, "")]) == ("甲\n丙\n", 1)
    assert apply_edits(text, [Edit(2, 0, 3, 0, "")]) == ("甲\n乙\n", 1)
    # consecutive lines: the deletions touch but do not overlap
    assert apply_edits(text, [Edit(0, 0, 1, 0, ""), Edit(1, 0, 2, 0, "")]) == ("丙\n", 2)


def test_whole_line_deletion_of_a_last_line_without_line_break():
    assert apply_edits("甲\n乙", [Edit(1, 0, 2, 0, "")]) == ("甲\n", 1)
    assert apply_edits("甲", [Edit(0, 0, 1, 0, "")]) == ("", 1)


def test_edits_at_line_ends():
    text = "甲乙\n丙丁\n"
    # an insertion at the end of a line goes before its line break
    assert apply_edits(text, [Edit(0, 2, 0, 2, "。")]) == ("甲乙。\n丙丁\n", 1)
    # the last character of a line
    assert apply_edits(text, [Edit(1, 1, 1, 2, "")]) == ("甲乙\n丙\n", 1)
    # the last character of a text without a final line break
    assert apply_edits("甲乙\n丙丁", [Edit(1, 1, 1, 2, "戊")]) == ("甲乙\n丙戊", 1)


def test_crlf_text_keeps_its_line_breaks():
    # columns count characters of the line without its line break, as the checks see it
    text = "甲乙,丙\r\n丁戊,己  \r\n庚\r\n"
    doc = from_text("doc.txt", text)
    assert doc.lines == ("甲乙,丙", "丁戊,己  ", "庚")
    edits = [Edit(0, 2, 0, 3, "，"), Edit(1, 2, 1, 3, "，"), Edit(1, 4, 1, 6, "")]
    assert apply_edits(text, edits) == ("甲乙，丙\r\n丁戊，己\r\n庚\r\n", 3)
    # end of line and whole-line deletion
    assert apply_edits(text, [Edit(2, 1, 2, 1, "。")]) == ("甲乙,丙\r\n丁戊,己  \r\n庚。\r\n", 1)
    assert apply_edits(text, [Edit(1, 0, 2, 0, "")]) == ("甲乙,丙\r\n庚\r\n", 1)


def test_mixed_line_breaks_are_kept():
    text = "甲,乙\r\n丙,丁\n戊,己\r\n"
    edits = [Edit(n, 1, n, 2, "，") for n in range(3)]
    assert apply_edits(text, edits) == ("甲，乙\r\n丙，丁\n戊，己\r\n", 3)


def test_chosen_edits_by_applicability():
    safe, unsafe = Edit(0, 0, 0, 1, "a"), Edit(0, 2, 0, 3, "b")
    diags = [diag([safe]), diag([unsafe], "unsafe"),
             Diagnostic("doc.txt", 1, 1, 1, 1, "SL999", "t", "t", "error")]
    assert chosen_edits(diags, unsafe=False) == [safe]
    assert chosen_edits(diags, unsafe=True) == [safe, unsafe]


# --- fix_document --------------------------------------------------------------------------

def check(doc):
    return lint(doc, builtin_rules(), shared_resources())


def test_fix_document_with_the_rules():
    doc = from_text("doc.txt", SMALL)
    fixed, applied, remaining = fix_document(doc, check, unsafe=False)
    assert fixed.text == SMALL_FIXED
    assert applied == 3
    assert not [d for d in remaining if d.fix and d.fix.applicability == "safe"]
    assert fixed.encoding == doc.encoding and fixed.bom == doc.bom


def test_fix_document_leaves_unsafe_fixes_unless_asked():
    body = "要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。\n"
    text = "仅供学习 禁止外传\n" + body  # a promotional line: its deletion is unsafe
    doc = from_text("doc.txt", text)
    assert fix_document(doc, check, unsafe=False)[0].text == text
    assert fix_document(doc, check, unsafe=True)[0].text == body


def test_fix_document_applies_overlapping_edits_in_later_rounds():
    calls = []

    def fake_lint(doc):
        calls.append(doc.text)
        if doc.text == "甲乙丙丁":
            # two overlapping fixes: 乙丙 -> X first; 丙丁 -> Y overlaps and waits
            return [diag([Edit(0, 1, 0, 3, "X")]), diag([Edit(0, 2, 0, 4, "Y")])]
        if doc.text == "甲X丁":
            return [diag([Edit(0, 2, 0, 3, "Z")])]
        return []

    fixed, applied, remaining = fix_document(from_text("doc.txt", "甲乙丙丁"), fake_lint, False)
    assert fixed.text == "甲XZ"
    assert applied == 2
    assert remaining == []
    assert calls == ["甲乙丙丁", "甲X丁", "甲XZ"]


def test_fix_document_is_bounded():
    def endless(doc):  # a fix that always proposes one more insertion
        return [diag([Edit(0, 0, 0, 0, "甲")])]

    fixed, applied, _ = fix_document(from_text("doc.txt", "乙"), endless, False)
    assert fixed.text == "甲" * MAX_ROUNDS + "乙"
    assert applied == MAX_ROUNDS


def test_fix_document_stops_when_a_fix_changes_nothing():
    calls = []

    def idle(doc):
        calls.append(doc.text)
        return [diag([Edit(0, 0, 0, 1, "甲")])]  # replaces 甲 with 甲

    fixed, applied, remaining = fix_document(from_text("doc.txt", "甲乙"), idle, False)
    assert (fixed.text, applied, len(calls)) == ("甲乙", 0, 1)
    assert len(remaining) == 1


# --- encodings -----------------------------------------------------------------------------

ENCODINGS = [
    ("utf-8", b"", "utf-8", False),
    ("utf-8", codecs.BOM_UTF8, "utf-8", True),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le", True),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be", True),
    ("gbk", b"", "gb18030", False),
    ("gb18030", b"", "gb18030", False),
]


@pytest.mark.parametrize("codec,bom,encoding,has_bom", ENCODINGS,
                         ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_encode_round_trips(codec, bom, encoding, has_bom, newline):
    text = SMALL.replace("\n", newline)
    data = bom + text.encode(codec)
    doc = from_bytes("doc.txt", data)
    assert (doc.encoding, doc.bom, doc.text) == (encoding, has_bom, text)
    assert encode(doc) == data
    # fixed, the document keeps its encoding, BOM and line breaks: only the edits differ
    fixed, _, _ = fix_document(doc, check, unsafe=False)
    assert encode(fixed) == bom + SMALL_FIXED.replace("\n", newline).encode(codec)


def test_encode_a_gb18030_text_beyond_gbk():
    text = "要以凤凰磐涅的勇气\u00a0推进改革。€\n"  # the no-break space and € are not in GBK
    data = text.encode("gb18030")
    doc = from_bytes("doc.txt", data)
    assert doc.encoding == "gb18030"
    assert encode(doc) == data


# --- writing -------------------------------------------------------------------------------

def test_write_atomically_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomically(str(target), "新".encode())
    assert target.read_bytes() == "新".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]


def test_write_atomically_follows_a_symbolic_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    write_atomically(str(link), b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_unified_diff():
    out = unified_diff("docs/a.txt", "甲\n乙\n".encode(), "甲\n丙\n".encode()).decode()
    assert out.splitlines() == ["--- docs/a.txt", "+++ docs/a.txt", "@@ -1,2 +1,2 @@", " 甲", "-乙", "+丙"]
    assert unified_diff("a.txt", "甲\n".encode(), "甲\n".encode()) == b""


def test_unified_diff_marks_a_last_line_without_line_break():
    out = unified_diff("a.txt", "甲\n乙".encode(), "甲\n丙".encode()).decode()
    assert out.splitlines()[3:] == [" 甲", "-乙", "\\ No newline at end of file", "+丙",
                                    "\\ No newline at end of file"]
    # lines are cut at \n only: a CR-only text is one line for diff and patch
    out = unified_diff("a.txt", "甲\r乙\r".encode(), "甲\r丙\r".encode()).decode()
    assert out.split("\n")[3:-1] == ["-甲\r乙\r", "\\ No newline at end of file", "+甲\r丙\r",
                                    "\\ No newline at end of file"]


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make path (a folder or a file) impossible to write for this process, or skip the test.

    A mode without write permission is enough for an ordinary user; root ignores modes, so
    for root the path is also made immutable (chattr +i) where the file system allows it."""
    is_dir = path.is_dir()
    old_mode = stat.S_IMODE(path.stat().st_mode)
    os.chmod(path, 0o500 if is_dir else 0o444)
    immutable = False

    def writable() -> bool:
        if is_dir:
            probe = path / ".probe"
            try:
                probe.write_bytes(b"")
            except OSError:
                return False
            probe.unlink()
            return True
        return os.access(path, os.W_OK)

    try:
        if writable() and shutil.which("chattr"):
            immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if writable():
            pytest.skip(f"{path.name} stays writable for this user (uid {os.geteuid()}): "
                        "permissions are not enforced here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        os.chmod(path, old_mode)


# --- command line: the seed ----------------------------------------------------------------

def test_fix_the_seed_changes_exactly_the_four_safe_fixes(tmp_path):
    target = copy_seed(tmp_path)
    proc = run_cli(["--isolated", "--fix", "seed.txt"], tmp_path)
    assert target.read_bytes() == seed_expected()
    assert proc.returncode == 1  # diagnostics remain: --fix reports what is left
    assert "seed.txt: 4 fixes applied" in proc.stderr
    remaining = proc.stdout
    assert "SL501" in remaining and "SL301" in remaining
    for gone in ("SL401", "SL101", "SL605"):
        assert gone not in remaining, remaining


def test_unsafe_fixes_also_remove_the_header(tmp_path):
    target = copy_seed(tmp_path)
    report = run_cli(["--isolated", "--format", "json", "seed.txt"], tmp_path)
    # lines (1-based) where an unsafe fix other than the header's deletion applies
    other_unsafe = {d["line"] for d in json.loads(report.stdout)
                    if d.get("fix", {}).get("applicability") == "unsafe" and not d["code"].startswith("SL5")}
    proc = run_cli(["--isolated", "--fix", "--unsafe-fixes", "seed.txt"], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    got = lines_of(target.read_bytes())
    kept = [(no, line) for no, line in enumerate(lines_of(seed_expected()), 1) if no not in HEADER_LINES]
    assert len(got) == len(kept)
    for (no, expected), line in zip(kept, got):
        if no in other_unsafe:
            assert line != expected, f"line {no}: the unsafe fix was not applied"
        else:
            assert line == expected, f"line {no}"
    # nothing fixable is left, safe or unsafe
    after = run_cli(["--isolated", "--format", "json", "seed.txt"], tmp_path)
    assert [d for d in json.loads(after.stdout) if "fix" in d] == []


def test_a_second_fix_changes_nothing_and_writes_nothing(tmp_path):
    target = copy_seed(tmp_path)
    run_cli(["--isolated", "--fix", "seed.txt"], tmp_path)
    before = target.stat()
    data = target.read_bytes()
    proc = run_cli(["--isolated", "--fix", "seed.txt"], tmp_path)
    after = target.stat()
    assert target.read_bytes() == data
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "applied" not in proc.stderr
    assert os.listdir(tmp_path) == ["seed.txt"]


def test_fix_rewrites_only_files_that_change(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("要坚持稳中求进。\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(SMALL, encoding="utf-8")
    inode = clean.stat().st_ino, clean.stat().st_mtime_ns
    proc = run_cli(["--isolated", "--fix", "."], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (clean.stat().st_ino, clean.stat().st_mtime_ns) == inode
    assert dirty.read_text(encoding="utf-8") == SMALL_FIXED
    assert "dirty.txt: 3 fixes applied" in proc.stderr and "clean.txt" not in proc.stderr


# --- command line: --diff ------------------------------------------------------------------

def test_diff_prints_the_changes_and_writes_nothing(tmp_path):
    target = copy_seed(tmp_path)
    data = target.read_bytes()
    proc = run_cli(["--isolated", "--diff", "seed.txt"], tmp_path)
    assert proc.returncode == 1
    assert target.read_bytes() == data
    out = proc.stdout.splitlines()
    assert out[:2] == ["--- seed.txt", "+++ seed.txt"]
    removed = [l[1:] for l in out if l.startswith("-") and not l.startswith("---")]
    added = [l[1:] for l in out if l.startswith("+") and not l.startswith("+++")]
    original = data.decode("utf-8").splitlines()
    expected = seed_expected().decode("utf-8").splitlines()
    assert removed == [original[n - 1] for n in (23, 24, 27, 29)]
    assert added == [expected[n - 1] for n in (23, 24, 27, 29)]
    # the diff applied by hand gives the fixed file
    assert [l for l in expected] == [added[removed.index(l)] if l in removed else l for l in original]


def test_diff_with_unsafe_fixes_shows_the_header_deletion(tmp_path):
    copy_seed(tmp_path)
    proc = run_cli(["--isolated", "--diff", "--unsafe-fixes", "seed.txt"], tmp_path)
    assert proc.returncode == 1
    assert "-仅供学习 禁止外传" in proc.stdout.splitlines()


def test_diff_exits_zero_without_changes(tmp_path):
    target = tmp_path / "seed.txt"
    target.write_bytes(seed_expected())
    proc = run_cli(["--isolated", "--diff", "seed.txt"], tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert target.read_bytes() == seed_expected()


# --- command line: standard input ----------------------------------------------------------

def test_stdin_fix_writes_the_text_to_stdout_and_the_report_to_stderr(tmp_path):
    text = SMALL + "于×月完成。\n"  # the placeholder has no fix: it stays and is reported
    proc = run_raw(["--isolated", "--fix", "--stdin-filename", "doc.txt", "-"], tmp_path,
                   text.encode("utf-8"))
    assert proc.stdout == (SMALL_FIXED + "于×月完成。\n").encode("utf-8")
    report = proc.stderr.decode("utf-8")
    assert "doc.txt:3:2: SL301" in report
    assert proc.returncode == 1
    assert os.listdir(tmp_path) == []


def test_stdin_fix_without_changes_echoes_the_text(tmp_path):
    data = "要坚持稳中求进。\r\n".encode("gb18030")
    proc = run_raw(["--isolated", "--fix", "-"], tmp_path, data)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, data, b"")


def test_stdin_fix_keeps_the_encoding(tmp_path):
    proc = run_raw(["--isolated", "--fix", "-"], tmp_path, codecs.BOM_UTF8 + SMALL.encode("utf-8"))
    assert proc.stdout == codecs.BOM_UTF8 + SMALL_FIXED.encode("utf-8")
    proc = run_raw(["--isolated", "--fix", "-"], tmp_path, SMALL.encode("gbk"))
    assert proc.stdout == SMALL_FIXED.encode("gbk")


# --- command line: what a fixed file keeps -------------------------------------------------

@pytest.mark.parametrize("name,data,expected", [
    ("gbk.txt", SMALL.encode("gbk"), SMALL_FIXED.encode("gbk")),
    ("bom.txt", codecs.BOM_UTF8 + SMALL.encode("utf-8"), codecs.BOM_UTF8 + SMALL_FIXED.encode("utf-8")),
    ("crlf.txt", SMALL.replace("\n", "\r\n").encode("utf-8"), SMALL_FIXED.replace("\n", "\r\n").encode("utf-8")),
    ("utf16.txt", codecs.BOM_UTF16_LE + SMALL.replace("\n", "\r\n").encode("utf-16-le"),
     codecs.BOM_UTF16_LE + SMALL_FIXED.replace("\n", "\r\n").encode("utf-16-le")),
], ids=["gbk", "utf-8-bom", "crlf", "utf-16-le-bom-crlf"])
def test_fixed_file_keeps_encoding_bom_and_newlines(tmp_path, name, data, expected):
    target = tmp_path / name
    target.write_bytes(data)
    proc = run_cli(["--isolated", "--fix", name], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert target.read_bytes() == expected


def test_gbk_file_stays_gbk_and_only_the_edits_differ(tmp_path):
    text = "各位代表：\r\n要以凤凰磐涅的勇气推进改革,狠抓落实。\r\n要严格落实落实各项责任，于×月完成。\r\n"
    data = text.encode("gbk")
    target = tmp_path / "gbk.txt"
    target.write_bytes(data)
    run_cli(["--isolated", "--fix", "gbk.txt"], tmp_path)
    got = target.read_bytes()
    got.decode("gbk")  # still GBK
    with pytest.raises(UnicodeDecodeError):
        got.decode("utf-8")
    expected = data
    for old, new in (("凤凰磐涅", "凤凰涅槃"), (",", "，"), ("落实落实", "落实")):
        expected = expected.replace(old.encode("gbk"), new.encode("gbk"))
    assert got == expected


def test_fixed_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    os.chmod(target, 0o640)
    run_cli(["--isolated", "--fix", "a.txt"], tmp_path)
    assert target.read_text(encoding="utf-8") == SMALL_FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_file_in_a_read_only_folder_is_an_error_for_that_file_alone(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    stuck = locked / "a.txt"
    stuck.write_text(SMALL, encoding="utf-8")
    free = tmp_path / "b.txt"
    free.write_text(SMALL, encoding="utf-8")
    with unwritable(locked):
        proc = run_cli(["--isolated", "--fix", "locked/a.txt", "b.txt"], tmp_path)
        assert os.listdir(locked) == ["a.txt"]  # no temporary file left behind
    assert proc.returncode == 2
    errors = [l for l in proc.stderr.splitlines() if l.startswith("speechlint: error:")]
    assert len(errors) == 1 and "locked/a.txt" in errors[0] and "cannot write" in errors[0], proc.stderr
    assert stuck.read_text(encoding="utf-8") == SMALL
    assert free.read_text(encoding="utf-8") == SMALL_FIXED
    # the unwritten file's diagnostics are reported as they stand
    assert "locked/a.txt:1:3: SL401" in proc.stdout


def test_a_read_only_file_is_an_error_for_that_file_alone(tmp_path):
    stuck = tmp_path / "a.txt"
    stuck.write_text(SMALL, encoding="utf-8")
    free = tmp_path / "b.txt"
    free.write_text(SMALL, encoding="utf-8")
    with unwritable(stuck):
        proc = run_cli(["--isolated", "--fix", "a.txt", "b.txt"], tmp_path)
    assert proc.returncode == 2
    assert "speechlint: error: a.txt: cannot write the fixes" in proc.stderr
    assert stuck.read_text(encoding="utf-8") == SMALL
    assert free.read_text(encoding="utf-8") == SMALL_FIXED
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


# --- command line: JSON --------------------------------------------------------------------

def test_json_fix_edits_are_the_fixes_applied(tmp_path):
    copy_seed(tmp_path)
    items = json.loads(run_cli(["--isolated", "--format", "json", "seed.txt"], tmp_path).stdout)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    by_code = {}
    for d in items:
        if "fix" in d:
            assert d["fix"]["applicability"] in ("safe", "unsafe")
            by_code.setdefault(d["code"], []).append(d)
    # 分表必争 at 24:345: the edit's end is exclusive (one past the last character)
    [typo] = [d for d in by_code["SL401"] if d["line"] == 24]
    assert typo["fix"] == {"applicability": "safe", "edits": [
        {"location": {"line": 24, "column": 345}, "end_location": {"line": 24, "column": 349},
         "content": "分秒必争"}]}
    assert lines[23][344:348] == "分表必争"
    assert (typo["column"], typo["end_column"]) == (345, 349)  # the diagnostic's end is exclusive too
    # the promotional line: the whole line with its line break, unsafe
    [promo] = [d for d in items if d["line"] == 1 and d["code"] == "SL501"]
    assert promo["fix"] == {"applicability": "unsafe", "edits": [
        {"location": {"line": 1, "column": 1}, "end_location": {"line": 2, "column": 1}, "content": ""}]}
    # the safe edits of the JSON, applied to the original text, give what --fix writes
    edits = [Edit(e["location"]["line"] - 1, e["location"]["column"] - 1,
                  e["end_location"]["line"] - 1, e["end_location"]["column"] - 1, e["content"])
             for d in items if d.get("fix", {}).get("applicability") == "safe" for e in d["fix"]["edits"]]
    text, applied = apply_edits(SEED.read_text(encoding="utf-8"), edits)
    assert applied == 4
    assert text.encode("utf-8") == seed_expected()


# --- issue 15: what a fix may overwrite ----------------------------------------------------

def test_output_file_that_is_an_input_is_refused(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    for args in (["-o", "a.txt", "a.txt"], ["--fix", "-o", "a.txt", "a.txt"], ["-o", "./a.txt", "."]):
        proc = run_cli(["--isolated", *args], tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "a.txt: it is the --output-file; it was not linted and the report was not written" in proc.stderr
        assert target.read_text(encoding="utf-8") == SMALL, args


def test_output_file_linked_to_an_input_is_refused(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("a.txt")
    os.link(target, tmp_path / "hard.txt")
    for out in ("link.txt", "hard.txt"):
        proc = run_cli(["--isolated", "-o", out, "a.txt"], tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert target.read_text(encoding="utf-8") == SMALL


def test_output_file_beside_the_inputs_is_written(tmp_path):
    (tmp_path / "a.txt").write_text(SMALL, encoding="utf-8")
    proc = run_cli(["--isolated", "-o", "report.out", "a.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "a.txt:1:3: SL401" in (tmp_path / "report.out").read_text(encoding="utf-8")


def test_a_file_changed_while_it_is_fixed_is_not_written(tmp_path, monkeypatch, capsys):
    """Another process appends a line while --fix works: the appended line is kept, the file is
    not written, and the run says so (exit 2)."""
    from speechlint import cli, fixes

    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    real = fixes.fix_document

    def appending(doc, lint_, unsafe):
        with open(target, "a", encoding="utf-8") as fh:
            fh.write("另一个进程写的一行。\n")
        return real(doc, lint_, unsafe)

    monkeypatch.setattr(fixes, "fix_document", appending)
    monkeypatch.chdir(tmp_path)
    status = cli.main(["--isolated", "--fix", "a.txt"])
    err = capsys.readouterr().err
    assert status == 2
    assert "a.txt: cannot write the fixes: the file changed while speechlint was fixing it" in err
    assert target.read_text(encoding="utf-8") == SMALL + "另一个进程写的一行。\n"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_write_atomically_refuses_a_file_that_changed_since_it_was_read(tmp_path):
    from speechlint.fixes import NotWritten, snapshot

    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    before = snapshot(str(target))
    # same size, same modification time: only the bytes tell
    stamp = target.stat().st_mtime_ns
    target.write_bytes(b"new\n")
    os.utime(target, ns=(stamp, stamp))
    with pytest.raises(NotWritten, match="changed"):
        write_atomically(str(target), b"fixed\n", before)
    assert target.read_bytes() == b"new\n"
    assert os.listdir(tmp_path) == ["a.txt"]
    write_atomically(str(target), b"fixed\n", snapshot(str(target)))
    assert target.read_bytes() == b"fixed\n"


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    """0444 is refused by its mode bits, not by os.access (which says yes to root)."""
    from speechlint.fixes import NotWritten

    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    os.chmod(target, 0o444)
    with pytest.raises(NotWritten, match="read-only"):
        write_atomically(str(target), b"x")
    proc = run_cli(["--isolated", "--fix", "a.txt"], tmp_path)
    assert proc.returncode == 2
    assert "a.txt: cannot write the fixes: the file is read-only (mode 0444); nothing was written" in proc.stderr
    assert target.read_text(encoding="utf-8") == SMALL
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_file_with_hard_links_is_refused_and_both_names_keep_it(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    os.link(target, tmp_path / "b.txt")
    proc = run_cli(["--isolated", "--fix", "a.txt"], tmp_path)
    assert proc.returncode == 2
    assert "a.txt: cannot write the fixes: the file has 2 hard links" in proc.stderr
    assert target.read_text(encoding="utf-8") == (tmp_path / "b.txt").read_text(encoding="utf-8") == SMALL
    assert target.stat().st_ino == (tmp_path / "b.txt").stat().st_ino


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_fixed_file_keeps_its_owner_and_group(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(SMALL, encoding="utf-8")
    os.chown(target, 12345, 23456)
    os.chmod(target, 0o664)
    proc = run_cli(["--isolated", "--fix", "a.txt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    st = target.stat()
    assert target.read_text(encoding="utf-8") == SMALL_FIXED
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o664)


# --- issue 15: fixing until stable ---------------------------------------------------------

def test_deep_brackets_are_fixed_in_one_run(tmp_path):
    target = tmp_path / "b.txt"
    target.write_text("((((((((((((中))))))))))))\n", encoding="utf-8")
    proc = run_cli(["--isolated", "--fix", "b.txt"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert target.read_text(encoding="utf-8") == "（" * 12 + "中" + "）" * 12 + "\n"
    again = run_cli(["--isolated", "--diff", "b.txt"], tmp_path)
    assert (again.returncode, again.stdout) == (0, "")


def test_nested_brackets_are_one_finding_and_one_round():
    from speechlint.kinds import substitution
    from speechlint.engine import lint
    from speechlint.ruleset import load_rules

    rule = [r for r in load_rules() if r.code == "SL601"]
    doc = from_text("a.txt", "召开常委((扩大)会议)和(落实)。\n")
    found = [(d.column, d.replacement) for d in lint(doc, rule)]
    assert found == [(5, "（（扩大）会议）"), (14, "（落实）")]
    # deeper than the kind replaces at once: the rest is left to the next rounds, none lost
    depth = substitution.NESTING * 3 + 5
    text = "(" * depth + "落实" + ")" * depth + "\n"
    calls = []

    def counted(d):
        calls.append(1)
        return lint(d, rule)

    fixed, applied, left = fix_document(from_text("a.txt", text), counted, False)
    assert fixed.text == "（" * depth + "落实" + "）" * depth + "\n" and not left
    assert applied == 4 and len(calls) == 5


def test_fix_document_stops_when_fixes_undo_each_other():
    calls = []

    def flip(doc):  # 甲 -> 乙 -> 甲 …
        calls.append(doc.text)
        return [diag([Edit(0, 0, 0, 1, "乙" if doc.text == "甲" else "甲")])]

    fixed, applied, _ = fix_document(from_text("doc.txt", "甲"), flip, False)
    assert calls == ["甲", "乙"]
    assert (fixed.text, applied) == ("乙", 1)


# --- issue 15: --diff that patch applies ---------------------------------------------------

DIFF_CASES = {
    "no-final-newline": SMALL.rstrip("\n").encode("utf-8"),
    "cr": SMALL.replace("\n", "\r").encode("utf-8"),
    "cr-no-final": SMALL.rstrip("\n").replace("\n", "\r").encode("utf-8"),
    "crlf": SMALL.replace("\n", "\r\n").encode("utf-8"),
    "mixed": "甲乙,丙\r\n要精心布署。\r要精心布署。\n落实落实\r\n要精心布署".encode("utf-8"),
    "bom": codecs.BOM_UTF8 + SMALL.encode("utf-8"),
    "gbk": SMALL.encode("gbk"),
    "gbk-cr-no-final": SMALL.rstrip("\n").replace("\n", "\r").encode("gbk"),
    "utf-16-le": codecs.BOM_UTF16_LE + SMALL.replace("\n", "\r\n").encode("utf-16-le"),
    "utf-16-be-no-final": codecs.BOM_UTF16_BE + SMALL.rstrip("\n").encode("utf-16-be"),
}


@pytest.mark.parametrize("case", sorted(DIFF_CASES))
def test_diff_applies_with_patch(tmp_path, case):
    """--diff writes the changes in the file's own bytes; `patch -p0` (or, where patch is
    missing, tests/fuzzing.apply_diff) turns the file into what --fix writes."""
    from fuzzing import apply_diff

    data = DIFF_CASES[case]
    (tmp_path / "a.txt").write_bytes(data)
    proc = run_raw(["--isolated", "--diff", "a.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert (tmp_path / "a.txt").read_bytes() == data
    diff = proc.stdout
    assert diff.startswith(b"--- a.txt\n+++ a.txt\n")
    run_raw(["--isolated", "--fix", "a.txt"], tmp_path)
    fixed = (tmp_path / "a.txt").read_bytes()
    assert fixed != data
    assert apply_diff(data, diff) == fixed
    if shutil.which("patch"):
        (tmp_path / "a.txt").write_bytes(data)
        patched = subprocess.run(["patch", "-p0", "--quiet"], cwd=str(tmp_path), input=diff,
                                 capture_output=True, timeout=60)
        assert patched.returncode == 0, patched.stdout + patched.stderr
        assert (tmp_path / "a.txt").read_bytes() == fixed
        assert sorted(os.listdir(tmp_path)) == ["a.txt"]


# --- issue 15: CR-only files ---------------------------------------------------------------

CR_DOC = ("关于加强工作的通知\n各位同事：\n一、加强领导\n要精心布署，落实落实各项工作。\n二、狠抓落实\n"
          "要以凤凰磐涅的勇气推进改革,狠抓落实。\n三、强化保障\n\n\u3000\u3000XX市人民政府办公室\n"
          "\u3000\u3000\u3000\u30002024年1月1日\n")


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_cr_only_file_is_linted_and_fixed_line_by_line(tmp_path, newline):
    """A CR-only file gives the findings the LF file gives (no false SL701 from one long
    line), and its fixes keep CR line ends and the U+3000 of the signature lines."""
    lf = run_cli(["--isolated", "--format", "json", "-"], tmp_path, CR_DOC.encode("utf-8"))
    data = CR_DOC.replace("\n", newline).encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data)
    got = run_cli(["--isolated", "--format", "json", "a.txt"], tmp_path)
    spans = lambda out: sorted((d["code"], d["line"], d["column"], d["end_column"]) for d in json.loads(out))
    assert spans(got.stdout) == spans(lf.stdout)
    assert not [s for s in spans(got.stdout) if s[0].startswith("SL7")]
    (tmp_path / "lf.txt").write_bytes(CR_DOC.encode("utf-8"))
    run_cli(["--isolated", "--fix", "--unsafe-fixes", "a.txt", "lf.txt"], tmp_path)
    fixed_lf = (tmp_path / "lf.txt").read_text(encoding="utf-8")
    assert "\u3000\u3000XX市人民政府办公室\n\u3000\u3000\u3000\u30002024年1月1日\n" in fixed_lf
    assert (tmp_path / "a.txt").read_bytes() == fixed_lf.replace("\n", newline).encode("utf-8")


def test_a_round_of_fixes_that_leaves_more_findings_is_not_applied(tmp_path):
    # SL601 would pair the two straight quotation marks across title marks that do not nest
    # (the U+2029 keeps them on one line): “…” around 》…《 gives two findings for one
    text = '《甲"乙丙》的丁《戊己1）\u2029《甲"乙丙》的丁《戊己1）\n'
    doc = from_text("a.txt", text, "utf-8", False)
    rules = builtin_rules()
    res = shared_resources()
    run = lambda d: lint(d, rules, res)  # noqa: E731
    before = run(doc)
    assert any(d.code == "SL601" and d.fix for d in before)
    fixed, applied, after = fix_document(doc, run, False)
    assert (fixed.text, applied) == (text, 0) and len(after) == len(before)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    run_cli(["--isolated", "--fix", "--exit-zero", "a.txt"], tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text
    # a round that leaves fewer findings is applied as before
    fine = from_text("b.txt", "要严格落实落实各项责任。\n", "utf-8", False)
    assert fix_document(fine, run, False)[0].text == "要严格落实各项责任。\n"
