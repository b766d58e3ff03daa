"""One large file, several cores: engine.lint shares a document's rules among processes
(--jobs, when a single file is linted) and reports exactly what one process reports."""
import os
from pathlib import Path

import pytest

from conftest import builtin_rules
from test_cli import HOUSE_WARNING
from speechlint import batch, cli, engine
from speechlint.context import Resources
from speechlint.document import from_text

TEXT = ("要认真学习《安全生产法，落实落实主体责任，再接再励，凤凰磐涅。\n"
        "仅供学习 禁止外传，更多范文请访问本站。\n"
        "会议于2025年×月×日召开，他说：“要加强领导。\n"
        "第一，抓好落实。第三，加强监督。\n") * 3


def test_the_shares_hold_every_rule_once_the_rules_of_a_kind_together_in_their_order():
    rules = builtin_rules()
    for jobs in (1, 2, 3, 8):
        groups = engine.shares(rules, jobs)
        assert 1 <= len(groups) <= jobs
        assert sorted(id(r) for g in groups for r in g) == sorted(id(r) for r in rules)
        for g in groups:
            assert [r.code for r in g] == [r.code for r in rules if any(r is x for x in g)]
        kinds = [{r.kind for r in g} for g in groups]
        assert all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1:])
    two = engine.shares(rules, 2)
    assert len(two) == 2 and all(two)  # the typo detectors do not all land in one process


@pytest.fixture
def pids(monkeypatch, tmp_path):
    """The processes each rule ran in, written to a file by each of them."""
    log = tmp_path / "pids"
    real = engine.run_rule

    def run_rule(rule, ctx):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{rule.code} {os.getpid()}\n")
        return real(rule, ctx)

    monkeypatch.setattr(engine, "run_rule", run_rule)
    monkeypatch.setattr(engine, "SPLIT_CHARS", 10)

    def read():
        seen = {}
        for line in log.read_text(encoding="utf-8").split("\n"):
            if line:
                code, pid = line.split()
                seen[code] = int(pid)
        log.unlink()
        return seen
    return read


def test_a_large_document_is_shared_between_processes_with_the_same_diagnostics(pids):
    doc = from_text("a.txt", TEXT)
    one = engine.lint(doc, builtin_rules(), Resources(), failures=[], jobs=1)
    assert set(pids().values()) == {os.getpid()}
    failures = []
    two = engine.lint(doc, builtin_rules(), Resources(), failures=failures, jobs=2)
    ran = pids()
    assert len(set(ran.values())) == 2 and os.getpid() in ran.values()
    assert two == one and failures == []
    assert {"SL101", "SL201", "SL301", "SL401", "SL501"} <= {d.code for d in one}


def test_a_shorter_document_or_no_list_of_failures_stays_in_this_process(pids, monkeypatch):
    doc = from_text("a.txt", TEXT)
    monkeypatch.setattr(engine, "SPLIT_CHARS", len(TEXT) + 1)
    engine.lint(doc, builtin_rules(), Resources(), failures=[], jobs=2)
    assert set(pids().values()) == {os.getpid()}
    monkeypatch.setattr(engine, "SPLIT_CHARS", 10)
    engine.lint(doc, builtin_rules(), Resources(), jobs=2)  # (an exception must propagate)
    assert set(pids().values()) == {os.getpid()}


def test_failures_come_back_from_the_other_process_in_the_order_of_the_rules(pids, monkeypatch):
    rules = builtin_rules()
    groups = engine.shares(rules, 2)
    broken = [groups[1][0].code, groups[0][-1].code]  # one in each process
    real = engine.run_rule

    def run_rule(rule, ctx):
        if rule.code in broken:
            raise RuntimeError(f"boom {rule.code}")
        return real(rule, ctx)

    monkeypatch.setattr(engine, "run_rule", run_rule)
    doc = from_text("a.txt", TEXT)
    alone, shared = [], []
    one = engine.lint(doc, rules, Resources(), failures=alone, jobs=1)
    two = engine.lint(doc, rules, Resources(), failures=shared, jobs=2)
    assert two == one
    assert [f.code for f in shared] == [f.code for f in alone] == [r.code for r in rules if r.code in broken]
    assert [f.describe() for f in shared] == [f.describe() for f in alone]


def test_a_worker_that_dies_has_its_share_linted_here(monkeypatch, tmp_path):
    parent = os.getpid()
    real = engine.run_rule
    died = tmp_path / "died"

    def run_rule(rule, ctx):
        if os.getpid() != parent:
            died.write_text(str(os.getpid()))
            os._exit(3)  # the worker process ends without a word
        return real(rule, ctx)

    monkeypatch.setattr(engine, "run_rule", run_rule)
    monkeypatch.setattr(engine, "SPLIT_CHARS", 10)
    doc = from_text("a.txt", TEXT)
    failures = []
    two = engine.lint(doc, builtin_rules(), Resources(), failures=failures, jobs=2)
    assert died.exists() and int(died.read_text()) != parent  # a worker was started, and died
    assert two == engine.lint(doc, builtin_rules(), Resources(), failures=[], jobs=1) and failures == []


def test_a_repositorys_own_rules_stay_in_this_process(pids, tmp_path):
    # the time that slow patterns of a repository's rules lose is counted for the whole run
    # (patterns.Lost), in this process: its rules are never sent to another
    from speechlint.ruleset import is_builtin, load_rule_file

    # (of a kind that the built-in rules' shares send to the other process)
    other = {r.kind for r in engine.shares(list(builtin_rules()), 2)[1]}
    assert "substitution" in other
    rule_file = tmp_path / "SL901.toml"
    rule_file.write_text(HOUSE_WARNING.replace('kind = "existence"', 'kind = "substitution"')
                         .replace('bad = ["要全面赋能基层治理。"]', 'bad = ["要落实主体责任。"]')
                         .replace('good = ["要全面加强基层治理。"]', 'good = ["要抓好主体责任。"]')
                         .replace('tokens = ["赋能"]', '[options.swap]\n"落实" = "抓好"'), encoding="utf-8")
    house = load_rule_file(rule_file)
    assert not is_builtin(house) and house.kind == "substitution"
    rules = list(builtin_rules()) + [house]
    diags = engine.lint(from_text("a.txt", TEXT), rules, Resources(), failures=[], jobs=8)
    ran = pids()
    assert ran["SL901"] == os.getpid() and len(set(ran.values())) == engine.SPLIT_MOST == 2
    assert "SL901" in {d.code for d in diags}


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="reads /proc (Linux)")
def test_a_killed_run_leaves_no_worker_holding_its_output(tmp_path):
    # CI's timeout kills speechlint: its output pipes close at once, and its worker, whose share
    # of a file this large takes many seconds, ends with it
    import signal
    import subprocess
    import sys
    import time

    big = tmp_path / "big.txt"
    big.write_text(TEXT * (engine.SPLIT_CHARS // len(TEXT) * 12), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "speechlint", "--isolated", "--no-cache", "-j", "2", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    children = []
    deadline = time.monotonic() + 60
    while not children and proc.poll() is None and time.monotonic() < deadline:
        try:
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        except OSError:
            break
        time.sleep(0.01)
    assert children, "no worker was started"
    time.sleep(0.3)  # (the worker at its work)

    def running():
        out = []
        for c in children:
            try:
                state = Path(f"/proc/{c}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                out.append(c)
        return out
    assert running()
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=1.5)  # (a worker holding the pipes: TimeoutExpired)
    end = time.monotonic() + 1.5
    while running() and time.monotonic() < end:
        time.sleep(0.02)
    assert not running()  # (ended with its parent, not when its share was done)


def test_run_split_runs_the_first_task_here_and_the_others_in_order():
    parent = os.getpid()
    got = batch.run_split([lambda: ("a", os.getpid()), lambda: ("b", os.getpid()), lambda: ("c", os.getpid())])
    assert [name for name, _ in got] == ["a", "b", "c"]
    assert got[0][1] == parent and got[1][1] != parent and got[2][1] != parent


def test_the_command_line_shares_a_single_file_among_its_jobs(pids, tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        assert cli.main(["--isolated", "--no-cache", "-j", jobs, "a.txt"]) == 1
        outputs.append(capsys.readouterr().out)
        outputs.append(len(set(pids().values())))
    assert outputs[0] == outputs[2] and "a.txt:1:" in outputs[0]
    assert (outputs[1], outputs[3]) == (1, 2)
