"""Compiled patterns kept between runs (patterns.kept_between_runs, issue 12): a pattern taken
from the cache folder matches as the pattern compiled anew does; a damaged, foreign or unwritable
cache file only costs time; the rules loaded from a filled cache find what they find from an
empty one."""
from __future__ import annotations

import marshal

import regex

from speechlint import patterns
from speechlint.context import Resources
from speechlint.document import from_text
from speechlint.engine import lint
from speechlint.ruleset import load_rules

TEXT = ("同志们：今天召开全市安全生产工作会议，要认真落实落实责任。仅供学习 禁止外传。\n"
        "×月×日，市委召开会议（填写单位名称），联系电话：0531-12345678。\n"
        "“要再接再励，凤凰磐涅，分表必争。\n")
SOURCES = [r"(?<=\p{Han})[×✕]+(?=月)", r"(?P<year>20[0-9]{2})年(?P<month>[0-9]{1,2})月", r"仅供(?:学习|交流)",
           r"(?i)qq群\s*[:：]?\s*[0-9]{5,}"]


def _stored_file(folder):
    (path,) = folder.glob("patterns-*.marshal")
    return path


def test_a_pattern_from_the_cache_matches_as_one_compiled_anew(tmp_path):
    with patterns.kept_between_runs(tmp_path) as kept:
        first = [patterns.compiled(s, regex.V1) for s in SOURCES]
    assert kept.added == 0  # saved on leaving
    stored = marshal.loads(_stored_file(tmp_path).read_bytes()[32:])
    assert {(s, int(regex.V1)) for s in SOURCES} <= set(stored)
    with patterns.kept_between_runs(tmp_path) as kept:
        again = [patterns.compiled(s, regex.V1) for s in SOURCES]
        assert kept.added == 0  # every one rebuilt from the file
    for source, a, b in zip(SOURCES, first, again):
        fresh = regex.compile(source, regex.V1)
        assert b.pattern == source and b.flags == fresh.flags and b.groupindex == fresh.groupindex
        for text in TEXT.split("\n") + ["2024年5月 ×月 QQ群：123456 仅供交流"]:
            assert [m.span() for m in b.finditer(text)] == [m.span() for m in fresh.finditer(text)]
            assert [m.groups() for m in b.finditer(text)] == [m.groups() for m in a.finditer(text)]


def test_a_damaged_or_foreign_cache_file_is_compiled_over(tmp_path):
    with patterns.kept_between_runs(tmp_path):
        patterns.compiled(SOURCES[0], regex.V1)
    path = _stored_file(tmp_path)
    good = path.read_bytes()
    flipped = good[:-9] + bytes([good[-9] ^ 1]) + good[-8:]  # one bit of the payload damaged
    # (regex rebuilds a pattern from its stored form unchecked: the file's digest keeps a damaged
    # one from being read at all)
    for damage in (b"\x00garbage", good[:40], flipped, good[:32] + marshal.dumps([1, 2, 3]),
                   good[:32] + marshal.dumps({(SOURCES[0], int(regex.V1)): (SOURCES[0], 1, "not code")})):
        path.write_bytes(damage)
        with patterns.kept_between_runs(tmp_path):
            got = patterns.compiled(SOURCES[0], regex.V1)
        assert [m.span() for m in got.finditer("每×月×日")] == [(1, 2)]


def test_a_stored_form_for_another_pattern_is_not_taken(tmp_path):
    import hashlib

    with patterns.kept_between_runs(tmp_path):
        other = patterns.compiled(SOURCES[2], regex.V1)
    path = _stored_file(tmp_path)
    stored = marshal.loads(path.read_bytes()[32:])
    stored[(SOURCES[0], int(regex.V1))] = stored[(SOURCES[2], int(regex.V1))]  # a well-formed form, of 仅供…
    payload = marshal.dumps(stored)
    path.write_bytes(hashlib.sha256(payload).digest() + payload)
    with patterns.kept_between_runs(tmp_path):
        got = patterns.compiled(SOURCES[0], regex.V1)
    assert got.pattern == SOURCES[0] and got.search("仅供学习") is None and other.search("仅供学习")


def test_an_unwritable_cache_folder_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with patterns.kept_between_runs(blocked / "cache"):
        got = patterns.compiled(SOURCES[2], regex.V1)
    assert got.search("仅供学习") is not None


def test_outside_a_run_compiled_is_regex_compile():
    assert patterns.compiled(SOURCES[1], regex.V1).pattern == SOURCES[1]


def test_rules_loaded_from_a_filled_cache_find_what_rules_compiled_anew_find(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    doc = from_text("t.txt", TEXT)
    res = Resources()

    def found():
        return [(d.code, d.line, d.column, d.end_column, d.message) for d in lint(doc, load_rules(), res)]

    cold = found()  # fills the cache
    assert _stored_file(tmp_path).stat().st_size > 0
    warm = found()
    assert warm == cold and {"SL101", "SL301", "SL501"} <= {code for code, *_ in cold}


def test_a_second_run_in_another_process_compiles_no_pattern_again(tmp_path):
    """Every pattern a run compiles has the same source in the next run: an alternation built
    from a set of words (a rule's tokens, the leaders' names and titles) once followed the set's
    order, which changes from process to process (hash randomisation), and every run compiled
    those patterns again and wrote the whole cache file anew."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    stored = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, SPEECHLINT_CACHE_DIR=str(tmp_path), PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-m", "speechlint", "--no-cache", "--select", "SL5,SL8", str(seeds)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 1, proc.stderr
        stored.append(_stored_file(tmp_path).read_bytes())
    assert stored[0] == stored[1] == stored[2]


def test_patterns_rebuilt_from_the_cache_compare_equal_by_source_and_flags(tmp_path):
    with patterns.kept_between_runs(tmp_path):
        patterns.compile(SOURCES[0])
    with patterns.kept_between_runs(tmp_path) as kept:
        a, b = patterns.compile(SOURCES[0]), patterns.compile(SOURCES[0])
        assert kept.added == 0  # both rebuilt from the file
    assert a == b and hash(a) == hash(b)
    assert a != patterns.compile(SOURCES[1]) and a != patterns.compile(SOURCES[0], regex.V1 | regex.IGNORECASE)


def test_the_two_promo_rules_judge_each_line_once_with_patterns_from_the_cache(tmp_path, monkeypatch):
    """SL501 and SL502 share their verdicts when their options are equal; options holding
    patterns rebuilt from the cache compared unequal, and every line was judged twice."""
    from speechlint.kinds import promo

    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    calls = []
    judge = promo.judge
    monkeypatch.setattr(promo, "judge", lambda *a, **k: calls.append(1) or judge(*a, **k))
    doc = from_text("t.txt", TEXT)
    counts = {}
    for codes in (("SL501",), ("SL501", "SL502")):
        load_rules()  # fills the cache: the rules below are rebuilt from it
        rules = [r for r in load_rules() if r.code in codes]
        calls.clear()
        lint(doc, rules, Resources())
        counts[codes] = len(calls)
    assert counts[("SL501",)] > 0 and counts[("SL501", "SL502")] == counts[("SL501",)]
