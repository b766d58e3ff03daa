"""--write-baseline and --baseline: a team accepts the findings of the documents it has and
fails only on new ones; findings are matched by their text, not their line."""
import json

from conftest import run_cli
from test_cli import write

OLD = "要认真落实落实各项工作。\n于×月×日前完成。\n"


def baseline_of(tmp_path, text=OLD):
    write(tmp_path / "a.txt", text)
    proc = run_cli(["--isolated", "--select", "SL101,SL301", "--write-baseline", "base.json", "a.txt"], tmp_path)
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    assert "wrote 3 findings to base.json" in proc.stderr
    return json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))


def lint_against(tmp_path, text, *extra):
    write(tmp_path / "a.txt", text)
    return run_cli(["--isolated", "--select", "SL101,SL301", "--baseline", "base.json", *extra, "a.txt"], tmp_path)


def test_a_baseline_records_findings_by_file_code_and_text(tmp_path):
    data = baseline_of(tmp_path)
    assert data["speechlint-baseline"] == 1
    assert [(f["path"], f["code"], f["count"]) for f in data["findings"]] == [
        ("a.txt", "SL101", 1), ("a.txt", "SL301", 1), ("a.txt", "SL301", 1)]
    # each × in its own context: 于×月 and 月×日 are two findings, not one phrase twice
    assert [f["text"] for f in data["findings"][1:]] == ["于×月×日", "于×月×日前完"]
    assert all("line" not in f for f in data["findings"])


def test_the_recorded_findings_are_left_out_even_after_lines_are_added_above(tmp_path):
    baseline_of(tmp_path)
    proc = lint_against(tmp_path, "一、总体要求\n\n" + OLD)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_a_new_finding_is_reported_and_so_is_one_more_of_an_accepted_phrase(tmp_path):
    baseline_of(tmp_path)
    proc = lint_against(tmp_path, OLD + "要认真落实落实各项工作。\n于×月完成。\n")
    assert proc.returncode == 1
    assert [l.split(": ")[1].split()[0] for l in proc.stdout.splitlines()] == ["SL101", "SL301"]
    assert all(l.startswith(("a.txt:3:", "a.txt:4:")) for l in proc.stdout.splitlines()), proc.stdout


def test_editing_the_text_of_a_finding_revives_it(tmp_path):
    baseline_of(tmp_path)
    proc = lint_against(tmp_path, "要认真贯彻贯彻各项工作。\n于×月×日前完成。\n")
    assert proc.returncode == 1 and proc.stdout.startswith("a.txt:1:"), proc.stdout


def test_the_baseline_from_the_config_and_a_malformed_one(tmp_path):
    baseline_of(tmp_path)
    write(tmp_path / ".speechlint.toml", 'select = ["SL101", "SL301"]\nbaseline = "base.json"\n')
    assert run_cli(["a.txt"], tmp_path).returncode == 0
    write(tmp_path / "base.json", '{"findings": []}')
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2 and "base.json: not a speechlint baseline" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_config_cannot_name_a_baseline_outside_its_project(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(tmp_path / "outside.json", '{"speechlint-baseline": 1, "findings": []}')
    write(repo / ".speechlint.toml", 'baseline = "../outside.json"\n')
    write(repo / "a.txt", OLD)
    proc = run_cli(["a.txt"], repo)
    assert proc.returncode == 2 and "outside the project root" in proc.stderr


def test_fix_with_a_baseline_leaves_the_accepted_findings_as_they_are(tmp_path):
    baseline_of(tmp_path)
    write(tmp_path / "a.txt", OLD + "要认真贯彻贯彻各项部署。\n")
    proc = run_cli(["--isolated", "--select", "SL101,SL301", "--baseline", "base.json", "--fix", "a.txt"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the new duplication is fixed; the accepted ones (and the text around them) are not touched
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == OLD + "要认真贯彻各项部署。\n"


def test_a_baseline_that_is_no_regular_file_is_an_error_not_a_wait(tmp_path):
    import os

    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "base.json")  # (opening it to read blocked for ever)
    proc = lint_against(tmp_path, OLD)
    assert proc.returncode == 2
    assert "base.json: cannot read the baseline: not a regular file" in proc.stderr


def test_write_baseline_never_overwrites_a_file_it_lints(tmp_path):
    # (like --output-file: the document named as the baseline was replaced by the baseline's JSON)
    write(tmp_path / "a.txt", OLD)
    write(tmp_path / "clean.txt", "今天天气很好。\n")
    for target, args in (("a.txt", ["a.txt"]), ("clean.txt", ["."]), ("./a.txt", ["a.txt"])):
        proc = run_cli(["--isolated", "--select", "SL101,SL301", "--write-baseline", target, *args], tmp_path)
        assert proc.returncode == 2
        assert "it is one of the files linted; the baseline was not written" in proc.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == OLD
    assert (tmp_path / "clean.txt").read_text(encoding="utf-8") == "今天天气很好。\n"
