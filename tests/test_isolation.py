"""A bug in one check costs that check's findings on that file, nothing else: the other rules
and files are reported, the failure is one line naming the file and the rule, and the run exits
2 (not 1, the status of findings), so that CI and pre-commit can tell a crash from a defect."""
from pathlib import Path

import pytest

from conftest import builtin_rules
from speechlint import cli, engine
from speechlint.document import from_text


@pytest.fixture
def broken_sl101(monkeypatch):
    real = engine.run_rule

    def run_rule(rule, ctx):
        if rule.code == "SL101":
            raise RuntimeError("boom\nsecond line")
        return real(rule, ctx)

    monkeypatch.setattr(engine, "run_rule", run_rule)


def test_lint_records_the_failure_and_runs_the_other_rules(broken_sl101):
    doc = from_text("a.txt", "要认真学习《安全生产法，落实落实主体责任。\n")
    failures = []
    diags = engine.lint(doc, builtin_rules(), failures=failures)
    assert [f.code for f in failures] == ["SL101"]
    assert failures[0].describe() == "internal error in SL101 (repetition): RuntimeError: boom"
    assert "SL201" in {d.code for d in diags}


def test_without_a_list_the_exception_propagates(broken_sl101):
    with pytest.raises(RuntimeError):
        engine.lint(from_text("a.txt", "落实落实。\n"), builtin_rules())


def test_cli_reports_the_failure_once_per_file_and_the_other_files(broken_sl101, tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("要认真学习《安全生产法，落实主体责任。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("他说：“要加强领导。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = cli.main(["--isolated", "--fix", "a.txt", "b.txt"])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.count("a.txt: internal error in SL101 (repetition): RuntimeError: boom") == 1
    assert err.count("b.txt: internal error in SL101") == 1
    assert "Traceback" not in err
    assert "a.txt:1:6: SL201" in out and "b.txt:1:4: SL201" in out


def test_debug_prints_the_traceback(broken_sl101, tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("落实工作。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--isolated", "--debug", "a.txt"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_a_fix_whose_result_would_not_read_as_text_writes_nothing(tmp_path, monkeypatch, capsys):
    target = tmp_path / "a.txt"
    target.write_text("\x1c" + "a" * 95 + "\u200b" * 5 + "\n", encoding="utf-8")
    before = target.read_bytes()
    monkeypatch.chdir(tmp_path)
    status = cli.main(["--isolated", "--fix", "a.txt"])
    err = capsys.readouterr().err
    assert status == 2
    assert "a.txt: the fixes would make it unreadable" in err
    assert target.read_bytes() == before


def test_server_says_which_check_failed_and_keeps_the_other_findings(broken_sl101, tmp_path):
    from speechlint.server import Linter

    found, rules = Linter().lint(str(tmp_path / "a.txt"), "要认真学习《安全生产法，落实主体责任。\n", False)
    failed = [d for d in found if "internal error" in d.message]
    assert [(d.code, d.line) for d in failed] == [("SL101", 1)]
    assert "SL201" in {d.code for d in found}


@pytest.mark.parametrize("line", ["）" * 20000, "“" * 10000 + "）" * 10000, "（" * 10000 + "”" * 10000])
def test_a_line_of_twenty_thousand_marks_is_linted_in_linear_work(line, tmp_path):
    """Each of these took 20 s to minutes when a step was quadratic (the de-duplication of
    findings, the look-ahead of quotation marks, the search for list markers). A hang guard
    only: the limit is far above the second they take."""
    from conftest import run_cli

    (tmp_path / "a.txt").write_text(line + "\n", encoding="utf-8")
    proc = run_cli(["--isolated", "--select", "SL2", "--format", "json", "a.txt"], tmp_path, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count('"code": "SL20') >= 10000


@pytest.mark.parametrize("text", ["①加强工作。\n", "⑴加强工作。\n⑵落实责任。\n", "⒈加强工作。\n", "Ⅲ、加强工作。\n",
                                  "１２．加强工作。\n", "²加强工作。\n"])
def test_items_numbered_in_any_form_are_read_or_left_alone(text):
    """A line starting with a circled number crashed every run: '①'.isdigit() is true and
    int('①') raises. The enumeration kind now reads numbers through speechlint.numerals."""
    failures = []
    engine.lint(from_text("a.txt", text), builtin_rules(), failures=failures)
    assert failures == []


def test_a_rule_whose_pattern_runs_away_is_reported_as_too_slow_and_the_others_run(tmp_path):
    """A user rule ["(a+)+$"] on a line of 5,000 a's and "!" ran for minutes: patterns from rule
    data are searched with a time limit per line (speechlint.patterns.LIMIT)."""
    from speechlint.ruleset import parse_rule

    slow = parse_rule({"code": "SL990", "name": "slow-rule", "kind": "existence", "message": "{match}",
                       "doc": "d", "options": {"patterns": ["(a+)+$"]}}, "slow.toml")
    doc = from_text("a.txt", "a" * 5000 + "!\n他说：“要加强领导。\n")
    failures = []
    diags = engine.lint(doc, [slow] + [r for r in builtin_rules() if r.code == "SL201"], failures=failures)
    assert [(f.code, f.slow) for f in failures] == [("SL990", True)]
    assert "too slow" in failures[0].describe()
    assert [d.code for d in diags] == ["SL201"]
