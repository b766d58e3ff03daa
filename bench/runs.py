#!/usr/bin/env python3
"""Each built-in rule on lines made of one character repeated (a measurement, not a test: it
prints figures and always exits 0). A pattern that backtracks over a run (tried at every
character of it, taking the rest of the run each time) is quadratic on such a line; this finds
it before a fuzzing run or a hostile document does.

    python bench/runs.py [--length 5000] [--slow 0.2]

For each character below, the line is the run alone and the run between Chinese text; every
rule that takes more than --slow seconds on one is printed with its time."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHARACTERS = "*＊☆□-—=~_＿.。…·xX×〇○0１a中的（“”《》【】、，!！ \u3000\t\u00a0\u2003\u200b"


def main(argv=None) -> int:
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.engine import lint
    from speechlint.ruleset import load_rules

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--length", type=int, default=5000)
    p.add_argument("--slow", type=float, default=0.2)
    args = p.parse_args(argv)
    rules = load_rules()
    resources = Resources()
    lint(from_text("warm.txt", "要认真落实各项工作。\n"), rules, resources)  # load the data first
    worst = []
    for ch in CHARACTERS:
        for name, text in (("alone", ch * args.length), ("in text", "要认真落实" + ch * args.length + "各项工作。")):
            for suffix in (".txt", ".md"):
                for rule in rules:
                    failures: list = []
                    start = time.process_time()
                    lint(from_text("run" + suffix, text + "\n"), [rule], resources, (), 0.0, failures)
                    seconds = time.process_time() - start
                    worst.append((seconds, rule.code, repr(ch), name, suffix))
                    if seconds > args.slow or failures:
                        print(f"{rule.code} {seconds:.2f} s  {ch!r} x {args.length} {name} ({suffix})"
                              f"{'  ' + failures[0].describe() if failures else ''}", flush=True)
    worst.sort(reverse=True)
    print("slowest:", ", ".join(f"{c} {s:.2f} s ({ch} {n}, {x})" for s, c, ch, n, x in worst[:8]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
