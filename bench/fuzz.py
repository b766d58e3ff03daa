#!/usr/bin/env python3
"""The long fuzzing run: generated inputs through the whole pipeline, in-process (a
measurement, not a test: it prints figures and always exits 0).

    python bench/fuzz.py [--n 100000] [--jobs 2] [--seed 0] [--slow 5] [--show 5]

The inputs and the check of each are those of tests/fuzzing.py (the suite's quick profile,
tests/test_fuzz.py, uses the same): a file's bytes in one of the encodings speechlint reads,
read, linted with every built-in rule, fixed with the safe and with the unsafe fixes, encoded
back, and the diff of the fixes applied. Printed at the end:

- crashes: inputs where something raised (reading, a check, fixing, encoding), counted
  separately from a check's internal error (an exception that crash isolation turned into an
  "internal error in SLxxx" report, by rule);
- other problems: a position outside the text, a fixed text that does not read back, a diff
  that does not apply, more findings after fixing than before, fixes that are not stable;
- inputs over --slow seconds (5) of processor time (what an input costs, whatever else the
  machine is doing; wall-clock times are printed beside them), and the slowest;
- for each kind of problem and for the slowest inputs, up to --show examples (repr, cut).

--jobs runs that many worker processes, each with its own seeds (hypothesis draws the inputs
in chunks of 1000 examples, seeded by --seed, the worker and the chunk, so a run can be
repeated). An input still running after --hang seconds (120) is stopped and counted as a hang.
Progress is printed to stderr every 1000 inputs per worker, and each input with a problem or over
--slow as it is met.
"""
from __future__ import annotations

import argparse
import multiprocessing
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

CHUNK = 1000


class Hang(BaseException):
    """Raised by the alarm in an input that runs too long (not an Exception: the check's own
    handler must not catch it)."""


def _alarm(signum, frame):
    raise Hang()


def _kind(problem: str) -> str:
    if problem.startswith("internal error: "):
        return problem.split(":")[1].strip()  # "internal error in SL701 (enumeration)"
    if problem.startswith("exception in "):
        return ":".join(problem.split(":")[:2])  # "exception in fix: ValueError"
    return problem.split(":")[0] if ":" in problem and problem.startswith("fix") else problem[:60]


def _shown(name: str, data: bytes) -> str:
    """An input as its text (repr, cut to 300 characters) and encoding, or its bytes."""
    from speechlint.document import InputError, decode

    try:
        text, encoding, bom = decode(data)
        value = f"[{encoding}{' BOM' if bom else ''}] {text[:300]!r}" + (f" … ({len(text)} characters)" if len(text) > 300 else "")
    except InputError:
        value = f"[bytes] {data[:300]!r}" + (f" … ({len(data)} bytes)" if len(data) > 300 else "")
    return f"{name} {value}"


def worker(job: int, n: int, seed: int, slow: float, hang: float, show: int, queue, save: str = "") -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    import fuzzing

    pipeline = fuzzing.Pipeline()
    counts: Counter = Counter()  # problem kind -> inputs
    examples: Dict[str, List[str]] = {}
    slowest: List[Tuple[float, float, str]] = []
    done = [0, 0, 0, 0, 0]  # inputs, crashes, internal errors, over slow (processor time, wall clock)
    signal.signal(signal.SIGALRM, _alarm)
    started = time.time()

    def record(name: str, data: bytes) -> None:
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            problems, seconds, wall = fuzzing.timed_check(pipeline, name, data)
        except Hang:
            problems, seconds, wall = [f"hang: still running after {hang:.0f} s"], hang, hang
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        done[0] += 1
        shown = _shown(name, data)
        if (problems or seconds > slow) and save:  # the input itself, to run it again
            Path(save).mkdir(parents=True, exist_ok=True)
            (Path(save) / f"job{job}-input{done[0]}-{name}").write_bytes(data)
        if problems or seconds > slow:  # as it happens, so that a long run shows its findings early
            print(f"[job {job}] input {done[0]}: {seconds:.2f} s ({wall:.2f} s wall clock) {shown[:400]}\n"
                  f"        {'; '.join(p[:200] for p in problems) or 'slow'}", file=sys.stderr, flush=True)
        for kind in sorted({_kind(p) for p in problems}):
            counts[kind] += 1
            got = examples.setdefault(kind, [])
            if len(got) < show:
                got.append(f"{shown}\n        {[p for p in problems if _kind(p) == kind][0][:300]}")
        done[1] += any(p.startswith(("exception", "hang")) for p in problems)
        done[2] += any(p.startswith("internal error") for p in problems)
        done[3] += seconds > slow
        done[4] += wall > slow
        slowest.append((seconds, wall, shown))
        slowest.sort(key=lambda s: -s[0])
        del slowest[show:]
        if done[0] % CHUNK == 0:
            kinds = ", ".join(f"{k} {v}" for k, v in counts.most_common())
            print(f"[job {job}] {done[0]}/{n} inputs, {time.time() - started:.0f} s: {done[1]} crashes, "
                  f"{done[2]} with internal errors, {done[3]} over {slow:g} s of processor time "
                  f"(slowest {slowest[0][0]:.2f} s; {done[4]} over {slow:g} s wall clock)"
                  f"{'; ' + kinds if kinds else ''}", file=sys.stderr, flush=True)

    for chunk in range((n + CHUNK - 1) // CHUNK):
        size = min(CHUNK, n - chunk * CHUNK)

        @hypothesis_seed(seed * 1_000_003 + job * 10_007 + chunk)
        @settings(max_examples=size, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(fuzzing.file_input())
        def run(case):
            record(*case)

        run()
    queue.put({"inputs": done[0], "crashes": done[1], "internal": done[2], "over": done[3], "over_wall": done[4], "counts": counts,
               "examples": examples, "slowest": slowest})


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000, help="inputs in all (default 100000)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--slow", type=float, default=5.0, help="seconds that make an input slow (default 5)")
    p.add_argument("--hang", type=float, default=120.0, help="seconds after which an input is stopped")
    p.add_argument("--show", type=int, default=5, help="examples shown per kind of problem")
    p.add_argument("--save", metavar="DIR", default="",
                   help="write each input with a problem or over --slow to DIR (job, input number, name)")
    args = p.parse_args(argv)
    started = time.time()
    queue = multiprocessing.get_context("fork").Queue()
    shares = [args.n // args.jobs + (1 if j < args.n % args.jobs else 0) for j in range(args.jobs)]
    procs = [multiprocessing.get_context("fork").Process(
        target=worker, args=(j, shares[j], args.seed, args.slow, args.hang, args.show, queue, args.save)) for j in range(args.jobs)]
    for proc in procs:
        proc.start()
    results = [queue.get() for _ in procs]
    for proc in procs:
        proc.join()
    counts: Counter = Counter()
    examples: Dict[str, List[str]] = {}
    slowest: List[Tuple[float, float, str]] = []
    for r in results:
        counts.update(r["counts"])
        for kind, got in r["examples"].items():
            examples.setdefault(kind, []).extend(got)
        slowest += r["slowest"]
    slowest.sort(key=lambda s: -s[0])
    inputs = sum(r["inputs"] for r in results)
    over = sum(r["over"] for r in results)
    print(f"inputs: {inputs} in {time.time() - started:.0f} s ({args.jobs} job{'s' if args.jobs != 1 else ''}, "
          f"seed {args.seed})")
    print(f"crashes (an exception or a hang): {sum(r['crashes'] for r in results)}")
    print(f"inputs with a check's internal error: {sum(r['internal'] for r in results)}")
    over_wall = sum(r["over_wall"] for r in results)
    print(f"inputs over {args.slow:g} s of processor time: {over}; over {args.slow:g} s wall clock: {over_wall}; "
          f"slowest (processor time): {', '.join(f'{s:.2f} s' for s, _, _ in slowest[:args.show])}")
    print("problems (inputs per kind):" if counts else "problems: none")
    for kind, n in counts.most_common():
        print(f"  {n:6d}  {kind}")
    for kind, _ in counts.most_common():
        print(f"\n{kind}:")
        for e in examples[kind][:args.show]:
            print(f"    {e}")
    print("\nslowest inputs:")
    for seconds, wall, shown in slowest[:args.show]:
        print(f"    {seconds:.2f} s ({wall:.2f} s wall clock)  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
