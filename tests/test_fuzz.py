"""Fuzzing in the suite: the quick profile of tests/fuzzing.py (a few hundred generated files
through reading, every rule, fixing, encoding and --diff). The long run is bench/fuzz.py.

A problem found here is a failure, listed with the input; a check's internal error (an exception
that crash isolation reported) is one. A line that starts with a circled, parenthesised or
dotted number (①加强工作。) used to make the enumeration kind raise (int('①')); it has its own
test below.
"""
from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings

import fuzzing

@functools.lru_cache(maxsize=None)
def pipeline() -> fuzzing.Pipeline:
    return fuzzing.Pipeline()


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(fuzzing.file_input())
def test_generated_files_go_through_the_whole_pipeline(case):
    name, data = case
    assert fuzzing.check(pipeline(), name, data) == [], f"{name} {data[:400]!r}"


@pytest.mark.parametrize("data", [
    "要认真落实落实各项工作。\n".encode("utf-8"),
    "((((((((((((中))))))))))))".encode("utf-8"),
    ("一、加强领导\r要精心布署。\r二、狠抓落实\r\u3000\u3000XX市人民政府\r").encode("utf-8"),
    "甲\u2028乙，，丙\x85丁\r\n（（（（中）\n".encode("gb18030"),
    b"\xef\xbb\xbf" + "\ufeff要精心布署".encode("utf-8"),
    "）".encode("utf-8") * 3000 + b"\n",
], ids=["duplicate", "deep-brackets", "cr-only", "separators-gb18030", "two-boms", "closers"])
def test_chosen_inputs(data):
    assert fuzzing.check(pipeline(), "doc.txt", data) == []


@pytest.mark.parametrize("line", ["①加强工作。", "⑴加强工作。", "⒈加强工作。"])
def test_a_line_starting_with_a_circled_number(line):
    assert fuzzing.check(pipeline(), "doc.txt", (line + "\n").encode("utf-8")) == []


def test_the_diff_applier_of_the_tests():
    """tests/fuzzing.apply_diff, which stands in for `patch` where it is missing."""
    from speechlint.fixes import unified_diff

    for before, after in [(b"a\nb\nc", b"a\nB\nc"), (b"a\rb\r", b"a\rB\r"), (b"", b"x\n"), (b"x\n", b""),
                          (b"1\n2\n3\n4\n5\n6\n7\n8\n9\n", b"1\nX\n3\n4\n5\n6\n7\n8\nY\n")]:
        assert fuzzing.apply_diff(before, unified_diff("a.txt", before, after)) == after
    assert fuzzing.apply_diff(b"other\n", unified_diff("a.txt", b"a\n", b"b\n")) is None
