"""The seed documents, linted with default settings, against a checked-in golden output.

tests/golden/seed.txt is the output of

    speechlint --isolated seeds/<each seed>.txt        (run in the repository root)

To regenerate it after an intended change of behaviour, run

    SPEECHLINT_REGEN=1 python -m pytest tests/test_seed_golden.py

then read the diff (git diff tests/golden/seed.txt) line by line before committing it: the
facts below must still hold, and they are checked again on every run.

Facts about seeds/000_194b8ab123b4e932.txt, checked by hand when the golden file was made:
- the download site's header, lines 1-5 and 7-9, is reported with SL5xx codes, and nothing
  else is SL5xx;
- each of the 17 × placeholders (lines 18, 22, 23, 26, 27, 29) is covered by an SL3xx
  diagnostic, and no SL3xx diagnostic covers anything else;
- 落实落实 on line 27 is SL101;
- 分表必争 on line 24 and 凤凰磐涅 on line 29 are SL401, corrected to 分秒必争 and 凤凰涅槃;
- 形式任务 on line 4 (the site's own blurb, "根据实际需求和形式任务不断迭代") is SL405: it means
  形势任务, the situation and the tasks;
- nothing else of SL1xx-SL5xx anywhere.
The golden file also holds what the later families find; check those lines by hand too when
regenerating.
"""
from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from conftest import REPO, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed.txt"
SEED = "seeds/000_194b8ab123b4e932.txt"


def seed_paths():
    return sorted(p.relative_to(REPO).as_posix() for p in (REPO / "seeds").glob("*.txt"))


def test_seed_output_matches_golden_file():
    proc = run_cli(["--isolated", *seed_paths()], REPO)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    if os.environ.get("SPEECHLINT_REGEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(proc.stdout, encoding="utf-8")
        pytest.skip(f"regenerated {GOLDEN}; review `git diff {GOLDEN.relative_to(REPO)}`")
    expected = GOLDEN.read_text(encoding="utf-8")
    if proc.stdout != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), proc.stdout.splitlines(True),
                                            "tests/golden/seed.txt (expected)", "speechlint output (got)"))
        pytest.fail("seed output differs from the golden file "
                    "(SPEECHLINT_REGEN=1 regenerates it, after review):\n" + diff, pytrace=False)


@pytest.fixture(scope="module")
def seed():
    lines = (REPO / SEED).read_text(encoding="utf-8").split("\n")
    proc = run_cli(["--isolated", "--format", "json", SEED], REPO)
    assert proc.stderr == ""
    return lines, json.loads(proc.stdout)


def _text(lines, d):
    return lines[d["line"] - 1][d["column"] - 1:d["end_column"] - 1]  # the end is exclusive


def test_seed_header_is_promotional(seed):
    lines, diags = seed
    promo_lines = {d["line"] for d in diags if d["code"].startswith("SL5")}
    assert promo_lines == {1, 2, 3, 4, 5, 7, 8, 9}


def test_seed_every_cross_is_a_placeholder(seed):
    lines, diags = seed
    crosses = [(no, col) for no, line in enumerate(lines, 1) for col, ch in enumerate(line, 1) if ch == "×"]
    assert len(crosses) == 17
    assert sorted({no for no, _ in crosses}) == [18, 22, 23, 26, 27, 29]
    sl3 = [d for d in diags if d["code"].startswith("SL3")]
    for no, col in crosses:
        assert any(d["line"] == no and d["column"] <= col < d["end_column"] for d in sl3), \
            f"× at {no}:{col} is not covered by an SL3xx diagnostic"
    for d in sl3:
        assert set(_text(lines, d)) <= {"×"}, f"SL3xx diagnostic on something else: {d}"


def test_seed_duplicated_word(seed):
    lines, diags = seed
    sl1 = [d for d in diags if d["code"].startswith("SL1")]
    assert [(d["line"], d["code"]) for d in sl1] == [(27, "SL101")]
    d = sl1[0]
    at = lines[26].index("落实落实")
    assert at < d["column"] and d["end_column"] <= at + 5
    assert lines[26].count("落实落实") == 1


def test_seed_idiom_typos(seed):
    lines, diags = seed
    sl4 = sorted((d["line"], _text(lines, d), d["code"], d.get("replacement")) for d in diags
                 if d["code"].startswith("SL4"))
    assert sl4 == [(4, "形式", "SL405", "形势"), (24, "分表必争", "SL401", "分秒必争"),
                   (29, "凤凰磐涅", "SL401", "凤凰涅槃")]


def test_seed_nothing_else_of_the_core_families(seed):
    """Of SL1xx-SL5xx, nothing beyond the facts above. (Other families are checked by the
    golden file only.)"""
    lines, diags = seed
    unexplained = []
    for d in diags:
        code, no = d["code"], d["line"]
        if code[:3] not in ("SL1", "SL2", "SL3", "SL4", "SL5"):
            continue
        if code.startswith("SL5") and no in {1, 2, 3, 4, 5, 7, 8, 9}:
            continue
        if code.startswith("SL3") and set(_text(lines, d)) <= {"×"}:
            continue
        if (code, no) in {("SL101", 27), ("SL401", 24), ("SL401", 29), ("SL405", 4)}:
            continue
        unexplained.append(f"{no}:{d['column']} {code} {_text(lines, d)!r}")
    assert not unexplained, "unexpected diagnostics in the seed:\n" + "\n".join(unexplained)
