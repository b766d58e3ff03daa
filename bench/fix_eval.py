#!/usr/bin/env python3
"""Measure `speechlint --fix` on the development set (a measurement, not a test).

The files of ../shared/eval/dev (not typo-sentences.txt) are copied to a temporary folder and
fixed there with `speechlint --fix` (safe fixes only). Then:

- the fixed files are linted again, and every diagnostic that still carries a safe fix is
  counted (there should be none: --fix repeats until nothing more changes);
- every line that the fix changed is compared with the same line of the clean report in
  ../shared/corpus/gov-reports/<same name>. The dev files are those reports with defects
  injected into about one line in eight, with the same line numbering except where
  promotional lines were inserted, so the two are aligned with difflib.

A changed line that equals its clean source was corrected exactly. One that differs is put in
one of three groups, and up to --show of them are printed with the versions before and after
the fix and the clean one (wrong corrections first):
- wrong: some change the fix made does not, on its own, bring the line closer to its source;
- published: the line had no injected defect (it equals its source) and the fix changed the
  published text itself: a correction of the original or a false positive, judge by eye;
- remaining: every change was right, but an injected defect that no safe fix touches remains.

Nothing is copied from ../shared into the repository: the files are read in place and fixed in
a temporary folder.

usage: python bench/fix_eval.py [--dev DIR] [--corpus DIR] [--show N]
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SKIP = {"typo-sentences.txt"}


def speechlint(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("SPEECHLINT_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "speechlint", "--isolated", *args], cwd=str(cwd),
                          capture_output=True, text=True, encoding="utf-8", env=env)


def read_lines(path: Path) -> List[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _align_block(clean: Sequence[str], dev: Sequence[str], c0: int, d0: int,
                 mapping: Dict[int, Optional[int]]) -> None:
    """Map the dev lines of a replaced block to clean lines, in order, each clean line at most
    once, maximizing the summed similarity of the pairs (a pair needs a similarity above 0.5);
    dev lines left over were inserted."""
    n, m = len(clean), len(dev)
    pair = [[_similarity(c, d) for d in dev] for c in clean]

    def paired(i: int, j: int) -> float:
        return pair[i][j] + best[i + 1][j + 1] if pair[i][j] > 0.5 else -1.0

    # best[i][j]: the best score aligning clean[i:] with dev[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired(i, j))
    i = j = 0
    while j < m:
        if i < n and best[i][j] == paired(i, j):
            mapping[d0 + j] = c0 + i
            i, j = i + 1, j + 1
        elif i < n and best[i][j] == best[i + 1][j]:
            i += 1
        else:
            mapping[d0 + j] = None
            j += 1


def align(clean: Sequence[str], dev: Sequence[str]) -> Dict[int, Optional[int]]:
    """For each dev line (0-based), the clean line it comes from, or None (an inserted line)."""
    mapping: Dict[int, Optional[int]] = {}
    matcher = difflib.SequenceMatcher(None, list(clean), list(dev), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                mapping[j1 + k] = i1 + k
        elif tag == "insert":
            for j in range(j1, j2):
                mapping[j] = None
        elif tag == "replace":
            _align_block(clean[i1:i2], dev[j1:j2], i1, j1, mapping)
    return mapping


def every_change_closer(before: str, after: str, clean: str) -> bool:
    """Does each change the fix made (each difflib opcode from before to after), applied alone
    to before, bring the line closer to clean?"""
    base = _similarity(before, clean)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and _similarity(before[:i1] + after[j1:j2] + before[i2:], clean) <= base:
            return False
    return True


def excerpt(text: str, before: str, after: str, context: int = 30) -> str:
    """text around the places where before and after differ (long lines are paragraphs)."""
    if len(text) <= 4 * context:
        return text
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    spots = [i1 for tag, i1, _, _, _ in matcher.get_opcodes() if tag != "equal"]
    parts = []
    for spot in spots:
        lo, hi = max(0, spot - context), min(len(text), spot + context)
        if parts and lo <= parts[-1][1]:
            parts[-1] = (parts[-1][0], hi)
        else:
            parts.append((lo, hi))
    return " … ".join(text[lo:hi] for lo, hi in parts) if parts else text[:4 * context] + " …"


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dev", type=Path, default=SHARED / "eval" / "dev")
    p.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "gov-reports")
    p.add_argument("--show", type=int, default=20, help="how many differing lines to print")
    args = p.parse_args(argv)

    names = sorted(f.name for f in args.dev.glob("*.txt") if f.name not in SKIP)
    if not names:
        sys.exit(f"fix_eval: no .txt files in {args.dev}")
    with tempfile.TemporaryDirectory(prefix="speechlint-fix-eval-") as tmp:
        work = Path(tmp)
        for name in names:
            shutil.copyfile(args.dev / name, work / name)
        proc = speechlint(["--fix", *names], work)
        if proc.returncode not in (0, 1):
            sys.exit(f"fix_eval: speechlint --fix exited {proc.returncode}: {proc.stderr[:500]}")
        proc = speechlint(["--format", "json", "--exit-zero", *names], work)
        if proc.returncode != 0:
            sys.exit(f"fix_eval: speechlint exited {proc.returncode}: {proc.stderr[:500]}")
        remaining = [d for d in json.loads(proc.stdout)
                     if d.get("fix", {}).get("applicability") == "safe"]
        fixed_text = {name: read_lines(work / name) for name in names}

    changed = equal = 0
    groups: Dict[str, list] = {"wrong": [], "published": [], "remaining": [], "inserted": []}
    files_changed = 0
    for name in names:
        dev = read_lines(args.dev / name)
        fixed = fixed_text[name]
        if len(fixed) != len(dev):  # safe fixes edit inside lines, they never add or drop one
            print(f"{name}: the fix changed the number of lines ({len(dev)} -> {len(fixed)})")
            continue
        clean_path = args.corpus / name
        clean = read_lines(clean_path) if clean_path.exists() else None
        mapping = align(clean, dev) if clean is not None else {}
        any_changed = False
        for no, (before, after) in enumerate(zip(dev, fixed)):
            if before == after:
                continue
            changed += 1
            any_changed = True
            source = mapping.get(no)
            if source is None:
                groups["inserted"].append((name, no + 1, None, before, after, None))
                continue
            if after == clean[source]:
                equal += 1
                continue
            item = (name, no + 1, source + 1, before, after, clean[source])
            if before == clean[source]:
                groups["published"].append(item)
            elif every_change_closer(before, after, clean[source]):
                groups["remaining"].append(item)
            else:
                groups["wrong"].append(item)
        files_changed += any_changed

    differ = sum(len(g) for g in groups.values())
    print(f"files: {len(names)} ({files_changed} changed by the fix)")
    print(f"lines changed by safe fixes: {changed}")
    print(f"  equal to their clean source: {equal}")
    print(f"  differing from it: {differ}")
    print(f"    a change that does not bring the line closer to its source (a wrong correction): "
          f"{len(groups['wrong'])}")
    print(f"    a line without injected defect: the published text itself held what was fixed "
          f"(judge by eye): {len(groups['published'])}")
    print(f"    every change right, but an injected defect remains that no safe fix touches: "
          f"{len(groups['remaining'])}")
    if groups["inserted"]:
        print(f"    an inserted line, with no clean source: {len(groups['inserted'])}")
    shown = [(key, item) for key in ("wrong", "published", "remaining", "inserted") for item in groups[key]]
    for key, (name, line, source, before, after, clean_line) in shown[:args.show]:
        where = f"{name}:{line}" + (f" (clean line {source})" if source else " (inserted line)")
        print(f"\n[{key}] {where}")
        for label, text in (("before", before), ("fixed", after), ("clean", clean_line)):
            if text is not None:
                print(f"  {label + ':':<7} {excerpt(text, before, after)}")
    print(f"\nsafe-fixable diagnostics remaining after --fix: {len(remaining)}")
    for d in remaining[:args.show]:
        print(f"  {d['path']}:{d['line']}:{d['column']}: {d['code']} {d['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
