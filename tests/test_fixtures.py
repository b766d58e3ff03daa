"""Annotated fixture documents, in the style of pycodestyle's testsuite and ruff's mdtest.

Each file in tests/fixtures/ (*.txt, *.md) is prose with annotation lines of the form

    <!-- expect: SL101@6 SL301@1-3 -->

An annotation describes the nearest line above it that is not itself an annotation: every
item is CODE@COLUMN or CODE@COLUMN-END_COLUMN (1-based, END_COLUMN inclusive, counted in
characters), and the line must produce exactly the listed diagnostics, no more, no fewer.
Annotation lines stay in the file while it is linted, so every position is the true one in the
file; they are HTML comments and must produce nothing themselves. Every line without an
annotation (clean twins, headings, the annotation lines) must produce no diagnostic at all.

The whole file is linted with all built-in rules, as `speechlint FILE` would.

Detector problems found earlier and fixed since are kept as regression tests in test_regressions.py.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest

from conftest import builtin_rules, lint_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
ANNOTATION = re.compile(r"^<!--\s*expect:(?P<items>.*?)-->\s*$")
ITEM = re.compile(r"^(?P<code>SL[0-9]{3})@(?P<col>[0-9]+)(?:-(?P<end>[0-9]+))?$")

Expected = Tuple[str, int, Optional[int]]  # code, column, end column (None: not checked)


def parse(text: str, name: str) -> Tuple[Dict[int, List[Expected]], Set[int]]:
    """Expected diagnostics by 1-based line, and the 1-based numbers of annotation lines."""
    expected: Dict[int, List[Expected]] = defaultdict(list)
    annotations: Set[int] = set()
    lines = text.split("\n")
    target = None
    for no, line in enumerate(lines, 1):
        m = ANNOTATION.match(line)
        if not m:
            if "expect:" in line and line.lstrip().startswith("<!--"):
                raise AssertionError(f"{name}:{no}: malformed annotation {line!r}")
            target = no
            continue
        annotations.add(no)
        if target is None or not lines[target - 1].strip():
            raise AssertionError(f"{name}:{no}: annotation does not follow a prose line")
        items = m.group("items").split()
        if not items:
            raise AssertionError(f"{name}:{no}: empty annotation")
        for item in items:
            im = ITEM.match(item)
            if not im:
                raise AssertionError(f"{name}:{no}: bad annotation item {item!r} (want CODE@COL or CODE@COL-END)")
            end = int(im.group("end")) if im.group("end") else None
            expected[target].append((im.group("code"), int(im.group("col")), end))
    return dict(expected), annotations


def _fmt(items) -> str:
    return " ".join(f"{c}@{col}" + (f"-{end}" if end is not None else "") for c, col, end in sorted(items)) or "(nothing)"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture(path: Path):
    text = path.read_text(encoding="utf-8")
    expected, annotations = parse(text, path.name)
    assert expected, f"{path.name} has no annotations"
    diags = lint_text(text, builtin_rules(), path=path.name)
    lines = text.split("\n")

    got: Dict[int, List[Tuple[str, int, int]]] = defaultdict(list)
    for d in diags:
        assert d.line == d.end_line, f"multi-line diagnostic {d}"
        got[d.line].append((d.code, d.column, d.end_column))

    problems = []
    for no in sorted(set(expected) | set(got)):
        want = expected.get(no, [])
        have = got.get(no, [])
        # compare: an expectation without an end column matches any end column
        unmatched = list(have)
        missing = []
        for code, col, end in want:
            hit = next((h for h in unmatched if h[0] == code and h[1] == col and (end is None or h[2] == end)), None)
            if hit is None:
                missing.append((code, col, end))
            else:
                unmatched.remove(hit)
        if missing or unmatched:
            where = "annotation line" if no in annotations else "line"
            extra = [(c, col, end) for c, col, end in unmatched]
            messages = [f"      {d.code}@{d.column}-{d.end_column}: {d.message}" for d in diags if d.line == no]
            problems.append(
                f"{path.name}:{no} ({where}): {lines[no - 1]}\n"
                f"    expected: {_fmt(want)}\n    got:      {_fmt(have)}\n"
                + (f"    missing:  {_fmt(missing)}\n" if missing else "")
                + (f"    extra:    {_fmt(extra)}\n" if extra else "")
                + "\n".join(messages))
    assert not problems, "fixture mismatch\n" + "\n".join(problems)


def _covered() -> set:
    covered = set()
    for path in FILES:
        expected, _ = parse(path.read_text(encoding="utf-8"), path.name)
        covered |= {code for items in expected.values() for code, _, _ in items}
    return covered


def test_fixtures_cover_the_core_families():
    """Duplication SL1, pairs SL2, placeholders SL3, typos SL4, promotional text SL5: every
    rule of these families has at least one annotated case."""
    covered = _covered()
    codes = {r.code for r in builtin_rules()}
    core = {c for c in codes if c[:3] in ("SL1", "SL2", "SL3", "SL4", "SL5")}
    assert {c[:3] for c in core} == {"SL1", "SL2", "SL3", "SL4", "SL5"}
    assert core - covered == set(), "rules without a fixture case"
    assert covered <= codes, f"fixtures name unknown codes: {sorted(covered - codes)}"


def test_fixtures_cover_every_family():
    """Every family of rules present has at least one annotated case: a new family of rules
    needs a fixture (this fails until one is written)."""
    covered = {c[:3] for c in _covered()}
    families = {r.code[:3] for r in builtin_rules()}
    assert families - covered == set(), "families without a fixture case"


def test_there_is_a_markdown_fixture():
    assert any(p.suffix == ".md" for p in FILES)
    assert any(p.suffix == ".txt" for p in FILES)


def test_parser_rejects_malformed_annotations():
    with pytest.raises(AssertionError, match="bad annotation item"):
        parse("要再接再励。\n<!-- expect: SL401:2 -->\n", "t.txt")
    with pytest.raises(AssertionError, match="does not follow a prose line"):
        parse("\n<!-- expect: SL401@2 -->\n", "t.txt")
    expected, annotations = parse("甲\n乙\n<!-- expect: SL401@2 -->\n<!-- expect: SL301@1-3 -->\n", "t.txt")
    assert expected == {2: [("SL401", 2, None), ("SL301", 1, 3)]}
    assert annotations == {3, 4}
