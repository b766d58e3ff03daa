#!/usr/bin/env python3
"""How fast speechlint is, and how much memory it takes. Not a test: it prints figures and
never asserts anything about them.

    python bench/benchmark.py [--corpus ../shared/corpus] [--runs 5] [--speechlint CMD]

Figures printed:
  (a) wall time of `speechlint seeds/` run as a subprocess: cold (the first run with an empty
      SPEECHLINT_CACHE_DIR, so the jieba dictionary cache is built) and warm (median of --runs
      runs with that cache filled); where PYTHONDONTWRITEBYTECODE is set (every run compiles
      speechlint's modules), warm again with bytecode caches in a temporary folder, as an
      installed package has them;
  (b) throughput over CORPUS/gov-reports (warm cache: an untimed run first builds the tables
      that seeds/ did not need): wall time, MB/s (10^6 bytes of the files as stored) and
      characters/s;
  (c) peak memory: ru_maxrss of the child processes (per phase, and resource.getrusage
      RUSAGE_CHILDREN over the whole benchmark);
  (f) start-up: `speechlint --version`, `speechlint rules` and an empty file (median of --runs);
  (g) the language server (`speechlint server`, over stdio as an editor talks to it): the time
      to publish the diagnostics of a document of about 100,000 characters when it is opened,
      and to publish them again after one edit (one change event; the server waits DEBOUNCE
      after the last change before it lints), median of --runs edits.

Relative paths are taken from the repository root. Every run gets its own temporary cache
folder, so the user's ~/.cache/speechlint is neither used nor touched.
"""
from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, NamedTuple, Sequence

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".txt", ".md")  # what speechlint lints in a folder by default


class Lsp:
    """A language server child speaking LSP over its stdin and stdout."""

    def __init__(self, cmd: Sequence[str], cache: Path):
        env = dict(os.environ, SPEECHLINT_CACHE_DIR=str(cache))
        self.proc = subprocess.Popen(list(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env)
        self.next_id = 0

    def send(self, method: str, params: dict, request: bool = False) -> None:
        import json

        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self) -> dict:
        import json

        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return json.loads(self.proc.stdout.read(length))

    def published(self, uri: str, version: int) -> dict:
        """Wait for the diagnostics of uri at version."""
        while True:
            m = self.receive()
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri \
                    and p.get("version") in (version, None):
                return p

    def close(self) -> None:
        try:
            self.send("shutdown", {}, request=True)
            self.send("exit", {})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def lsp_republish(cmd: Sequence[str], cache: Path, text: str, folder: Path, edits: int):
    """(seconds to the first publication, [seconds to republish after each edit], diagnostics)."""
    doc = folder / "lsp-doc.txt"
    doc.write_text(text, encoding="utf-8")
    uri = doc.resolve().as_uri()
    server = Lsp(cmd, cache)
    try:
        server.send("initialize", {"processId": os.getpid(), "rootUri": folder.resolve().as_uri(),
                                   "capabilities": {}}, request=True)
        while "result" not in server.receive():
            pass
        server.send("initialized", {})
        start = time.perf_counter()
        server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                              "version": 1, "text": text}})
        first = server.published(uri, 1)
        opened = time.perf_counter() - start
        again = []
        for k in range(edits):
            version = k + 2
            start = time.perf_counter()
            server.send("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 10, "character": 0},
                                              "end": {"line": 10, "character": 0}}, "text": "要"}]})
            server.published(uri, version)
            again.append(time.perf_counter() - start)
        return opened, again, len(first.get("diagnostics", []))
    finally:
        server.close()


class Run(NamedTuple):
    seconds: float
    status: int
    maxrss_kib: int
    diagnostics: int
    stderr: str


def default_command() -> List[str]:
    """The speechlint next to this Python (same venv), else the one on PATH, else -m."""
    here = Path(sys.executable).parent / ("speechlint.exe" if os.name == "nt" else "speechlint")
    if here.exists():
        return [str(here)]
    found = shutil.which("speechlint")
    return [found] if found else [sys.executable, "-m", "speechlint"]


def _kib(maxrss: int) -> int:
    return maxrss // 1024 if sys.platform == "darwin" else maxrss  # bytes on macOS, KiB on Linux


def run(cmd: Sequence[str], cache: Path, results: Path = None, pycache: Path = None) -> Run:
    """Run cmd from the repository root; wall time and peak RSS of that one child (the largest
    of its processes). The result cache goes to `results` if given (else to cache); with
    `pycache`, Python's bytecode caches are written and read there (PYTHONPYCACHEPREFIX), as an
    installed package's are, even where PYTHONDONTWRITEBYTECODE is set."""
    env = dict(os.environ, SPEECHLINT_CACHE_DIR=str(results or cache))
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    if results is not None and not results.exists():
        shutil.copytree(cache, results)  # the dictionary cache, already built
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=ROOT, env=env, stdout=out, stderr=err)
        _, wait_status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        diagnostics = sum(1 for line in out if line.strip())
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):  # 1 means "diagnostics found", which is expected
        sys.exit(f"benchmark: {shlex.join(cmd)} exited {proc.returncode}:\n{stderr}")
    return Run(seconds, proc.returncode, _kib(usage.ru_maxrss), diagnostics, stderr)


def linted_files(folder: Path) -> List[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)


def count_chars(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        data = path.read_bytes()
        try:
            total += len(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            total += len(data.decode("gb18030", "replace"))
    return total


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def tree_part(args, base, nc, has_cache, cache: Path, tmp: Path, seed_files, seed_text: bytes) -> None:
    """(d) a tree of --copies copies of the seed: cold (no result cache), then cached."""
    tree = tmp / "tree"
    for k in range(args.copies):
        (tree / f"d{k % 10}").mkdir(parents=True, exist_ok=True)
        (tree / f"d{k % 10}" / f"copy{k:03d}.txt").write_bytes(seed_text)
    results = tmp / "results"  # the result cache, apart from the dictionary cache
    tree_cold = run(base + nc + [str(tree)], cache)
    tree_fill = run(base + [str(tree)], cache, results) if has_cache else None
    tree_hit = run(base + [str(tree)], cache, results) if has_cache else None
    serial = run(base + nc + ["--jobs", "1", str(tree)], cache) if has_cache else tree_cold
    print(f"(d) tree of {args.copies} copies of {seed_files[0].name if seed_files else '-'}: "
          f"{tree_cold.diagnostics} diagnostics")
    print(f"    default --jobs ({os.cpu_count()} cpus), --no-cache: {tree_cold.seconds:.3f} s; "
          f"--jobs 1: {serial.seconds:.3f} s")
    if has_cache:
        print(f"    result cache: filling {tree_fill.seconds:.3f} s, second run {tree_hit.seconds:.3f} s")
    print()


def series_part(args, base, nc, cache: Path, tmp: Path, seed_text: bytes) -> None:
    # (e) one file made of the seed 1x, 10x, 100x (and --big times): the cost's exponent
    series = []
    (tmp / "inputs").mkdir(exist_ok=True)  # (apart from the cache folder: one inside a linted tree is not used)
    for times in sorted({1, 10, 100, args.big}):
        big = tmp / "inputs" / f"seed-x{times}.txt"
        big.write_bytes(b"\n".join([seed_text] * times))
        r = run(base + nc + [str(big)], cache)
        series.append((times, r.seconds, r.maxrss_kib))
        print(f"(e) the seed {times}x in one file ({big.stat().st_size / 1e6:.2f} MB): {r.seconds:.3f} s, "
              f"peak {mib(r.maxrss_kib)}")
    import math
    (t1, s1, _), (t2, s2, _) = series[1], series[2]  # 10x and 100x: start-up weighs little
    print(f"    exponent (10x to 100x): {math.log(s2 / s1) / math.log(t2 / t1):.2f}")
    print()


def startup_part(args, base, nc, cache: Path, tmp: Path) -> None:
    # (f) start-up (issue 12: under 0.15 s): --version, rules, an empty file; medians
    (tmp / "inputs").mkdir(exist_ok=True)
    empty = tmp / "inputs" / "empty.txt"
    empty.write_bytes(b"")
    for label, extra in (("--version", ["--version"]), ("rules", ["rules"]), ("empty file", nc + [str(empty)])):
        start_up = statistics.median(run(base + extra, cache).seconds for _ in range(max(1, args.runs)))
        print(f"(f) start-up, speechlint {label}: {start_up:.3f} s (median of {max(1, args.runs)})")
    print()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default="../shared/corpus",
                   help="corpus folder, relative to the repository root (default: ../shared/corpus); "
                        "its gov-reports subfolder is linted if there is one")
    p.add_argument("--seeds", default="seeds", help="folder for (a) (default: seeds)")
    p.add_argument("--runs", type=int, default=5, help="warm runs for the median (default: 5)")
    p.add_argument("--corpus-runs", type=int, default=1, help="warm runs over the corpus (default: 1)")
    p.add_argument("--copies", type=int, default=100, help="copies of the seed in the tree of (d) (default: 100)")
    p.add_argument("--big", type=int, default=200, help="the largest multiple of the seed in (e) (default: 200)")
    p.add_argument("--speechlint", help="command to run, e.g. '.venv/bin/speechlint' "
                                        "(default: the one installed next to this Python)")
    p.add_argument("--only", default="abdefg", metavar="LETTERS",
                   help="the parts to measure, by their letters (default: abdefg, all of them; "
                        "e.g. --only g for the language server, --only ab for seeds/ and the corpus); "
                        "(c), peak memory, is printed for the runs made")
    args = p.parse_args(argv)
    only = set(args.only.lower())
    if not only <= set("abcdefg"):
        p.error(f"--only: unknown part(s) {''.join(sorted(only - set('abcdefg')))} (give letters of abdefg)")
    base = shlex.split(args.speechlint) if args.speechlint else default_command()
    helptext = subprocess.run(base + ["--help"], capture_output=True, text=True).stdout
    has_cache = "--no-cache" in helptext  # versions before the result cache have neither option
    nc = ["--no-cache"] if has_cache else []  # (a), (b), (e) measure linting, not the result cache

    print(f"speechlint command: {shlex.join(base)}")
    print(f"repository root:    {ROOT}")
    print(f"python:             {sys.version.split()[0]}, cpus: {os.cpu_count()}")
    # with PYTHONDONTWRITEBYTECODE set, an editable install compiles speechlint's modules on every
    # run (about 0.08 s of each start-up); a normal install writes them once
    print(f"bytecode caches:    {'off (PYTHONDONTWRITEBYTECODE is set: every run compiles the modules)' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'on'}")
    print()

    with tempfile.TemporaryDirectory(prefix="speechlint-bench-") as tmp:
        cache = Path(tmp) / "cache"  # empty: the first run builds the dictionary cache

        # (a) seeds/: cold, then warm
        seeds_cmd = base + nc + [args.seeds + "/"]
        seeds = ROOT / args.seeds
        seed_files = linted_files(seeds)
        seed_bytes = sum(f.stat().st_size for f in seed_files)
        cold = run(seeds_cmd, cache)  # always: it fills the dictionary cache that the others use
        cached = sorted(cache.iterdir()) if cache.is_dir() else []
        warm = [run(seeds_cmd, cache) for _ in range(max(1, args.runs) if "a" in only else 0)]
        times = [r.seconds for r in warm] or [cold.seconds]
        print(f"(a) {shlex.join(['speechlint', args.seeds + '/'])}: {len(seed_files)} file(s), "
              f"{seed_bytes:,} bytes, {cold.diagnostics} diagnostics (exit {cold.status})")
        print(f"    cold (empty SPEECHLINT_CACHE_DIR): {cold.seconds:.3f} s")
        print(f"    cache written: " + (", ".join(f"{c.name} ({c.stat().st_size / 2**20:.1f} MiB)"
                                                  for c in cached) or "nothing"))
        print(f"    warm, median of {len(times)}:        {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f})")
        seeds_peak = max([cold.maxrss_kib] + [r.maxrss_kib for r in warm])
        if warm and os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # what a user's installed package does: its modules compiled once (in a temporary
            # folder here, so that nothing is written into the repository)
            pycache = Path(tmp) / "pycache"
            run(seeds_cmd, cache, pycache=pycache)
            compiled = sorted(run(seeds_cmd, cache, pycache=pycache).seconds for _ in range(max(1, args.runs)))
            print(f"    warm with bytecode caches, median of {len(compiled)}: {statistics.median(compiled):.3f} s "
                  f"(min {compiled[0]:.3f}, max {compiled[-1]:.3f})")
        print()

        # (b) throughput over the corpus, warm cache
        corpus = (ROOT / args.corpus).resolve()
        target = corpus / "gov-reports" if (corpus / "gov-reports").is_dir() else corpus
        corpus_peak = None
        if "b" not in only:
            pass
        elif not target.is_dir():
            print(f"(b) corpus {target}: not found, throughput skipped (use --corpus PATH)")
        else:
            files = linted_files(target)
            size = sum(f.stat().st_size for f in files)
            chars = count_chars(files)
            # an untimed run first: it builds the tables that seeds/ did not need (the corpus's
            # own words ask for more of them), which a first run over the corpus would time and
            # count in its peak memory
            run(base + nc + [str(target)], cache)
            runs = [run(base + nc + [str(target)], cache) for _ in range(max(1, args.corpus_runs))]
            secs = statistics.median(r.seconds for r in runs)
            corpus_peak = max(r.maxrss_kib for r in runs)
            label = "wall time" if len(runs) == 1 else f"wall time, median of {len(runs)}"
            print(f"(b) speechlint {target}: {len(files)} files, {size / 1e6:.2f} MB, {chars:,} characters, "
                  f"{runs[0].diagnostics} diagnostics (exit {runs[0].status})")
            print(f"    {label}: {secs:.3f} s")
            print(f"    throughput: {size / 1e6 / secs:.3f} MB/s, {chars / secs:,.0f} chars/s")
            # the same without the general typo detector (SL403), to show what it costs
            off = run(base + nc + ["--extend-ignore", "SL403", str(target)], cache)
            print(f"    without SL403 (--extend-ignore SL403): {off.seconds:.3f} s, "
                  f"{size / 1e6 / off.seconds:.3f} MB/s, {off.diagnostics} diagnostics")
            seeds_off = statistics.median(run(base + nc + ["--extend-ignore", "SL403", args.seeds + "/"], cache).seconds
                                          for _ in range(max(1, args.runs)))
            print(f"    seeds/ without SL403, warm median: {seeds_off:.3f} s")
        print()

        # (d) a tree of 100 copies of the seed: cold (no result cache), then cached
        seed_text = b"".join(f.read_bytes() for f in seed_files[:1])
        if "d" in only:
            tree_part(args, base, nc, has_cache, cache, Path(tmp), seed_files, seed_text)
        if "e" in only:
            series_part(args, base, nc, cache, Path(tmp), seed_text)
        if "f" in only:
            startup_part(args, base, nc, cache, Path(tmp))
        # (g) the language server: publish a 100k-character document, then republish after an edit
        if seed_files and "g" in only:
            one = seed_files[0].read_text(encoding="utf-8")
            text = "\n".join([one] * max(1, 100_000 // max(1, len(one)) + 1))[:100_000]
            try:
                opened, again, n = lsp_republish(base + ["server"], cache, text, Path(tmp), max(1, args.runs))
            except (OSError, EOFError, ValueError) as exc:
                print(f"(g) language server: not measured ({exc})")
            else:
                print(f"(g) language server, a document of {len(text):,} characters ({n} diagnostics): "
                      f"published {opened:.3f} s after opening; republished after one edit "
                      f"{statistics.median(again):.3f} s (median of {len(again)}; min {min(again):.3f}, "
                      f"max {max(again):.3f})")
            print()

        print("(c) peak memory (ru_maxrss of the speechlint child processes)")
        print(f"    seeds runs:  {mib(seeds_peak)}")
        if corpus_peak is not None:
            print(f"    corpus runs: {mib(corpus_peak)}")
        overall = _kib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        print(f"    getrusage(RUSAGE_CHILDREN).ru_maxrss, all runs: {mib(overall)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
