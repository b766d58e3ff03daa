"""The result cache and parallel files (speechlint.batch): a second run on an unchanged tree
gives the same report from the cache, --no-cache writes nothing, a change of speechlint's own
code or of a file is a miss, and --jobs changes nothing of the output."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import cli_env
from speechlint import batch

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_194b8ab123b4e932.txt"


def run(args, cwd, cache):
    env = dict(cli_env(), SPEECHLINT_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "speechlint", "--isolated", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def tree(tmp_path, n=4):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        shutil.copy(SEED, tmp_path / f"s{k}.txt")
    (tmp_path / "s0.txt").write_text(SEED.read_text(encoding="utf-8") + "落实落实工作。\n", encoding="utf-8")
    return tmp_path


def entries(cache):
    return sorted(p for p in Path(cache).rglob("*") if p.is_file() and "results" in p.parts)


def test_a_second_run_reads_the_same_report_from_the_cache(tmp_path):
    docs, cache = tree(tmp_path / "docs"), tmp_path / "cache"
    first = run(["--jobs", "1", "."], docs, cache)
    assert first.returncode == 1, first.stderr
    stored = entries(cache)
    assert len(stored) >= 4
    second = run(["--jobs", "1", "."], docs, cache)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert entries(cache) == stored  # nothing new was written: every file was a hit


def test_no_cache_writes_nothing(tmp_path):
    docs, cache = tree(tmp_path / "docs"), tmp_path / "cache"
    assert run(["--no-cache", "."], docs, cache).returncode == 1
    assert entries(cache) == []


def test_a_changed_file_is_linted_again(tmp_path):
    docs, cache = tree(tmp_path / "docs"), tmp_path / "cache"
    run(["."], docs, cache)
    (docs / "s1.txt").write_text("他说：“要加强领导。\n", encoding="utf-8")
    again = run(["."], docs, cache)
    assert "s1.txt:1:4: SL201" in again.stdout
    assert "s1.txt:1:1: SL501" not in again.stdout


def test_jobs_change_nothing_of_the_output(tmp_path):
    docs, cache = tree(tmp_path / "docs", 6), tmp_path / "cache"
    one = run(["--no-cache", "--jobs", "1", "--format", "json", "."], docs, cache)
    two = run(["--no-cache", "--jobs", "2", "--format", "json", "."], docs, cache)
    assert one.stdout == two.stdout and one.returncode == two.returncode == 1


def test_a_change_of_speechlints_own_code_is_a_miss(monkeypatch):
    from speechlint.config import Settings

    before = batch.run_key(Settings(), ())
    monkeypatch.setattr(batch, "_code", lambda: "another version of the code")
    assert batch.run_key(Settings(), ()) != before


def test_outcomes_come_in_order_as_soon_as_each_file_is_done(tmp_path):
    # the report of a long run is shown file by file: the first file's outcome is there before
    # the second file is linted (in this process), and in the order given (with a pool too)
    calls = []

    def work(path):
        calls.append(path)
        return ("ok", None, [path], [])

    paths = [str(tmp_path / f"{n}.txt") for n in range(4)]
    coming = batch.outcomes(paths, work, 1, None)
    assert next(coming) == (paths[0], ("ok", None, [paths[0]], [])) and calls == paths[:1]
    assert [p for p, _ in coming] == paths[1:]
    for p in paths:
        Path(p).write_text("x" * (10 * (4 - int(Path(p).stem))), encoding="utf-8")  # larger first
    assert [p for p, _ in batch.outcomes(paths, work, 2, None)] == paths


def test_the_report_of_files_named_out_of_order_is_sorted_as_before(tmp_path):
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text("要严格落实落实各项责任。\n", encoding="utf-8")
    out = run(["--select", "SL101", "c.txt", "a.txt", "b.txt"], tmp_path, tmp_path / "cache").stdout
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.txt", "b.txt", "c.txt"]
