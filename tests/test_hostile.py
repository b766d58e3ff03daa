"""A repository that attacks its linter (issue 15): CI lints other people's pull requests, so
every file, config and rule in a linted repository may be hostile. Each test builds such a
repository in tmp_path (which has no .git above it: the project root is the config file's
folder) and checks that speechlint reads, prints and writes nothing outside it, that its
errors are one line quoting at most a short excerpt, and that its output stays one finding
per line in every format."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import regex

from conftest import cli_env, run_cli
from test_cli import CHEAP, DOC, _one_error_line, parsed, write

from speechlint.diagnostics import Diagnostic
from speechlint.output import clean, render

SECRET = "TOP-SECRET-LINE"

RULE = """\
code = "SL951"
name = "house-word"
kind = "existence"
severity = "warning"
message = "house style avoids “{match}”"
doc = "Words the house style avoids."

[examples]
bad = ["要全面赋能基层治理。"]
good = ["要全面加强基层治理。"]

[options]
"""


def outside_secret(tmp_path: Path) -> Path:
    """A file outside the linted repository (tmp_path/repo), holding SECRET."""
    secret = tmp_path / "outside" / "secret.txt"
    write(secret, f"要全面赋能基层治理。{SECRET}\n" * 3)
    return secret


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    write(root / "a.txt")
    return root


def no_secret(proc) -> None:
    assert SECRET not in proc.stdout and SECRET not in proc.stderr, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr


# --- containment: rule and data files ---------------------------------------------------

@pytest.mark.parametrize("entry", ["../..", "../outside", "{outside}"])
def test_extend_rules_outside_the_project_root_is_refused(tmp_path, entry):
    secret = outside_secret(tmp_path)
    write(secret.parent / "rule.toml", RULE + 'tokens = ["赋能"]\n')
    root = repo(tmp_path)
    entry = entry.format(outside=secret.parent.as_posix())
    write(root / "speechlint.toml", f'extend-rules = ["{entry}"]\n')
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "outside the project root", "--allow-outside-root")
    no_secret(proc)


def test_allow_outside_root_lets_a_trusted_command_line_load_them(tmp_path):
    secret = outside_secret(tmp_path)
    write(secret.parent / "rule.toml", RULE + 'tokens = ["赋能"]\n')
    root = repo(tmp_path)
    write(root / "b.txt", "要全面赋能基层治理。\n")
    write(root / "speechlint.toml", 'extend-rules = ["../outside"]\n')
    proc = run_cli(["--allow-outside-root", "--select", "SL951", "b.txt"], root)
    assert proc.returncode == 1, proc.stderr
    assert [f[3] for f in parsed(proc.stdout)] == ["SL951"]
    proc = run_cli(["rules", "--allow-outside-root"], root)
    assert proc.returncode == 0 and "SL951" in proc.stdout
    proc = run_cli(["rules"], root)
    assert proc.returncode == 2 and "outside the project root" in proc.stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "{secret}", "../../outside/secret.txt"])
def test_a_patterns_file_outside_the_project_root_is_refused(tmp_path, target):
    secret = outside_secret(tmp_path)
    root = repo(tmp_path)
    target = target.format(secret=secret.as_posix())
    write(root / "rules" / "x.toml", RULE + f'tokens-file = "{target}"\n')
    write(root / "speechlint.toml", 'extend-rules = ["rules"]\n')
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "options.tokens-file", "outside the project root")
    no_secret(proc)
    assert "root:" not in proc.stderr  # nothing of /etc/passwd either


def test_a_symlinked_rule_folder_or_data_file_leading_outside_is_refused(tmp_path):
    secret = outside_secret(tmp_path)
    write(secret.parent / "rule.toml", RULE + 'tokens = ["赋能"]\n')
    root = repo(tmp_path)
    (root / "rules").symlink_to(secret.parent, target_is_directory=True)
    write(root / "speechlint.toml", 'extend-rules = ["rules"]\n')
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert proc.returncode == 2
    _one_error_line(proc, "outside the project root")
    (root / "rules").unlink()
    write(root / "rules" / "x.toml", RULE + 'tokens-file = "words.txt"\n')
    (root / "rules" / "words.txt").symlink_to(secret)
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert proc.returncode == 2
    _one_error_line(proc, "options.tokens-file", "outside the project root")
    no_secret(proc)


def test_data_files_inside_the_project_root_still_work(tmp_path):
    root = repo(tmp_path)
    write(root / "shared" / "words.txt", "赋能\n")
    write(root / "rules" / "x.toml", RULE + 'tokens-file = "../shared/words.txt"\n')
    write(root / "speechlint.toml", 'extend-rules = ["rules"]\n')
    write(root / "b.txt", "要全面赋能基层治理。\n")
    proc = run_cli(["--select", "SL951", "b.txt"], root)
    assert proc.returncode == 1, proc.stderr
    assert [f[3] for f in parsed(proc.stdout)] == ["SL951"]


def test_the_project_root_is_the_repository_holding_the_config(tmp_path):
    """A config in a subfolder of a repository may name rules elsewhere in the repository."""
    root = repo(tmp_path)
    (root / ".git").mkdir()
    write(root / "lint" / "x.toml", RULE + 'tokens = ["赋能"]\n')
    write(root / "docs" / "speechlint.toml", 'extend-rules = ["../lint"]\n')
    write(root / "docs" / "b.txt", "要全面赋能基层治理。\n")
    proc = run_cli(["--select", "SL951", "b.txt"], root / "docs")
    assert proc.returncode == 1, proc.stderr


def test_a_zero_width_pattern_error_quotes_a_short_excerpt(tmp_path):
    root = repo(tmp_path)
    lines = ["(?=秘)"] + [f"{SECRET}-{i}" for i in range(500)]
    write(root / "rules" / "words.txt", "\n".join(lines) + "\n")
    rule = RULE.replace('bad = ["要全面赋能基层治理。"]', 'bad = ["秘密"]')
    write(root / "rules" / "x.toml", rule + 'patterns-file = "words.txt"\n')
    write(root / "speechlint.toml", 'extend-rules = ["rules"]\n')
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert proc.returncode == 2
    line = _one_error_line(proc, "zero width", "characters)")
    assert len(line) < 400, line
    assert f"{SECRET}-10" not in line


def test_long_values_in_config_errors_are_cut(tmp_path):
    root = repo(tmp_path)
    write(root / "speechlint.toml", f'format = "{"x" * 5000}"\n')
    proc = run_cli(["a.txt"], root)
    assert proc.returncode == 2
    assert len(_one_error_line(proc, "format")) < 400


# --- the config search -----------------------------------------------------------------

def test_the_config_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "speechlint.toml", 'select = ["SL401"]\n')  # above the repository
    root = repo(tmp_path)
    proc = run_cli(["--select", CHEAP, "a.txt"], root)
    assert {f[3] for f in parsed(proc.stdout)} == {"SL302", "SL401", "SL301"}  # the config above not read
    (root / ".git").mkdir()
    proc = run_cli(["a.txt"], root)
    assert proc.returncode == 1 and {f[3] for f in parsed(proc.stdout)} > {"SL401"}
    write(root / "sub" / "b.txt")
    proc = run_cli(["b.txt"], root / "sub")
    assert proc.returncode == 1 and {f[3] for f in parsed(proc.stdout)} > {"SL401"}
    (root / ".git").rmdir()
    proc = run_cli(["a.txt"], root)  # no repository: the search goes on up
    assert {f[3] for f in parsed(proc.stdout)} == {"SL401"}


def test_a_found_config_that_links_outside_is_refused(tmp_path):
    secret = outside_secret(tmp_path)
    root = repo(tmp_path)
    (root / ".speechlint.toml").symlink_to(secret)
    proc = run_cli(["a.txt"], root)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "symbolic link leading outside", "--config")
    no_secret(proc)


# --- symbolic links in the tree --------------------------------------------------------

def test_a_symlink_in_a_folder_leading_outside_is_not_followed(tmp_path):
    secret = outside_secret(tmp_path)
    root = repo(tmp_path)
    (root / "link.txt").symlink_to(secret)
    (root / "linked-folder").symlink_to(secret.parent, target_is_directory=True)
    (root / "inner.txt").symlink_to(root / "a.txt")  # inside the tree: followed as before
    proc = run_cli(["--isolated", "--select", CHEAP, "--show-source", "."], root)
    assert proc.returncode == 1, proc.stderr
    no_secret(proc)
    proc = run_cli(["--isolated", "--select", CHEAP, "."], root)
    assert proc.returncode == 1, proc.stderr
    assert {f[0] for f in parsed(proc.stdout)} == {"a.txt", "inner.txt"}
    warnings = sorted(proc.stderr.splitlines())
    assert warnings == [
        "speechlint: warning: link.txt: a symbolic link leading outside "
        f"{os.path.realpath(root)}; not followed",
        "speechlint: warning: linked-folder: a symbolic link leading outside "
        f"{os.path.realpath(root)}; not followed"], warnings  # once each
    no_secret(proc)


@pytest.mark.parametrize("args", [["--fix"], ["--diff"], ["--show-source"], ["--format", "html"]])
def test_a_named_symlink_leading_outside_is_refused_where_its_text_would_be_shown_or_written(tmp_path, args):
    secret = outside_secret(tmp_path)
    before = secret.read_bytes()
    root = repo(tmp_path)
    (root / "link.txt").symlink_to(secret)
    proc = run_cli(["--isolated", "--select", "SL1,SL2,SL3,SL4", *args, "link.txt"], root)
    assert proc.returncode == 2
    _one_error_line(proc, "link.txt: a symbolic link leading outside", "not read with --fix")
    no_secret(proc)
    assert secret.read_bytes() == before
    assert os.listdir(secret.parent) == ["secret.txt"]


def test_a_named_symlink_leading_outside_is_linted_without_its_text(tmp_path):
    """Named on the command line without --fix, --show-source or HTML, it is read: the user
    asked for it, and the output is findings, not the text."""
    secret = outside_secret(tmp_path)
    root = repo(tmp_path)
    (root / "link.txt").symlink_to(secret)
    proc = run_cli(["--isolated", "--select", CHEAP, "link.txt"], root)
    assert proc.returncode in (0, 1) and proc.stderr == ""
    no_secret(proc)


# --- escaping --------------------------------------------------------------------------

INJECTED = "a\n::error file=x::injected.txt"
# one finding per line of DOC in a file whose name breaks lines; a text with ESC and C1 codes
TEXT = "关于XX县的通知\n" + "要精心布署，于×月完成。" * 30 + "\x1b[31m\x9b[2J\u2028\n"


@pytest.mark.parametrize("fmt", ["default", "pylint", "github", "json-lines"])
def test_a_file_name_with_a_newline_gives_one_finding_per_line(tmp_path, fmt):
    write(tmp_path / INJECTED, TEXT)
    proc = run_cli(["--isolated", "--select", CHEAP, "--format", fmt, "."], tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) > 30
    for line in lines:
        assert not line.startswith("::error file=x"), line
        assert "\x1b" not in line and "\x9b" not in line and "\r" not in line and "\u2028" not in line
    if fmt == "github":
        assert all(l.startswith(("::warning file=a\\n%3A%3Aerror file=x%3A%3Ainjected.txt,",
                                 "::error file=a\\n%3A%3Aerror file=x%3A%3Ainjected.txt,")) for l in lines), lines[:3]
    elif fmt == "json-lines":
        assert all(json.loads(l)["path"] == "./" + INJECTED or json.loads(l)["path"] == INJECTED for l in lines)
    else:
        assert all(l.startswith("a\\n::error file=x::injected.txt:") for l in lines), lines[:3]


def test_a_diff_of_a_file_whose_name_breaks_lines_has_one_line_per_header(tmp_path):
    write(tmp_path / INJECTED, "要认真落实落实各项工作。\n")
    proc = run_cli(["--isolated", "--select", "SL101", "--diff", "."], tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert [l for l in lines if l.startswith(("---", "+++"))] == [
        "--- a\\n::error file=x::injected.txt", "+++ a\\n::error file=x::injected.txt"], lines
    assert not any(l.startswith("::error") for l in lines)


@pytest.mark.parametrize("fmt", ["json", "gitlab", "sarif", "html"])
def test_structured_formats_carry_no_raw_control_character(tmp_path, fmt):
    write(tmp_path / INJECTED, TEXT)
    proc = run_cli(["--isolated", "--select", CHEAP, "--format", fmt, "-o", "-", "."], tmp_path)
    assert proc.returncode == 1, proc.stderr
    raw = proc.stdout
    for ch in ("\x1b", "\x9b", "\r", "\u2028"):
        assert ch not in raw, (fmt, ch)
    if fmt != "html":
        data = json.loads(raw)
        if fmt == "json":
            assert {d["path"] for d in data} == {INJECTED}
        elif fmt == "gitlab":
            assert {d["location"]["path"] for d in data} == {INJECTED}
        else:
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in data["runs"][0]["results"]}
            assert uris == {"a%0A::error%20file=x::injected.txt"}


def test_show_source_pictures_control_characters_and_keeps_the_caret():
    diag = Diagnostic("a\x1b]0;x\x07.txt", 1, 5, 1, 6, "SL401", "n", "m\x1b[2J\n::error::x", "warning")
    lines = render([diag], "default", {diag.path: ("\x1b[2J布署",)}, True)
    assert lines == ["a\\x1b]0;x\\x07.txt:1:5: SL401 warning: m\\x1b[2J\\n::error::x", "␛[2J布署", "    " + "^" * 4]
    assert clean("a\u202eb\rc") == "a\\u202eb\\rc"


def test_error_lines_escape_file_names(tmp_path):
    write(tmp_path / "b\x1b[31m\n::error::x.txt", "\x00binary")
    proc = run_cli(["--isolated", "."], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "b\\x1b[31m\\n::error::x.txt", "binary")


# --- loading ---------------------------------------------------------------------------

def test_a_config_nested_deeply_is_a_one_line_error(tmp_path):
    write(tmp_path / "speechlint.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path / "a.txt")
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "speechlint.toml", "nested too deeply")


def test_a_rule_file_nested_deeply_is_a_one_line_error(tmp_path):
    write(tmp_path / "rules" / "x.toml", "code = " + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path / "speechlint.toml", 'extend-rules = ["rules"]\n')
    write(tmp_path / "a.txt")
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "x.toml", "nested too deeply")


@pytest.mark.parametrize("message", ["{match:{detail}<5}", "{match!r}", "{match[0]}", "{match.upper}",
                                     "{match:>5}", "{0}"])
def test_a_message_field_that_is_not_plain_is_refused_at_load(tmp_path, message):
    rule = RULE.replace("house style avoids “{match}”", message)
    write(tmp_path / "rules" / "x.toml", rule + 'tokens = ["赋能"]\n')
    write(tmp_path / "speechlint.toml", 'extend-rules = ["rules"]\n')
    write(tmp_path / "a.txt", "要全面赋能基层治理。\n")
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "x.toml", "not a plain {name}")


@pytest.mark.parametrize("where", ["--select=", "--select=,", "select = []"])
def test_an_empty_select_is_an_error(tmp_path, where):
    write(tmp_path / "a.txt")
    if where.startswith("--"):
        proc = run_cli(["--isolated", where, "a.txt"], tmp_path)
    else:
        write(tmp_path / "speechlint.toml", where + "\n")
        proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_error_line(proc, "select", "empty")


# --- output errors ---------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_a_one_line_error(tmp_path):
    write(tmp_path / "a.txt")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "speechlint", "--isolated", "--select", CHEAP, "a.txt"],
                              cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, env=cli_env(), timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert lines == ["speechlint: error: cannot write the output: No space left on device"], lines


def test_a_broken_pipe_keeps_the_exit_status_of_the_findings(tmp_path):
    for i in range(200):
        write(tmp_path / f"d{i:03}.txt", DOC * 20)
    proc = subprocess.Popen([sys.executable, "-m", "speechlint", "--isolated", "--select", CHEAP, "."],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env())
    first = proc.stdout.readline()  # then close the pipe, as head -1 does
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert first.startswith(b"d000.txt:")
    assert proc.returncode == 1, err
    assert err == b""


# --- limits ----------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_an_error_and_the_others_are_linted(tmp_path):
    write(tmp_path / "big.txt", DOC * 2000)  # about 70 KB
    write(tmp_path / "a.txt")
    proc = run_cli(["--isolated", "--select", CHEAP, "--max-file-size", "50KB", "."], tmp_path)
    assert proc.returncode == 2
    assert {f[0] for f in parsed(proc.stdout)} == {"a.txt"}
    _one_error_line(proc, "big.txt: too large", "50 KB limit (max-file-size)")
    write(tmp_path / "speechlint.toml", 'max-file-size = "50KB"\n')
    proc = run_cli(["--select", CHEAP, "big.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "big.txt: too large")
    proc = run_cli(["--select", CHEAP, "--max-file-size", "0", "big.txt"], tmp_path)  # no limit
    assert proc.returncode == 1, proc.stderr
    proc = run_cli(["--isolated", "--max-file-size", "1KB", "--stdin-filename", "s.txt", "-"], tmp_path,
                   stdin=(DOC * 100).encode())
    assert proc.returncode == 2
    _one_error_line(proc, "s.txt: too large")


@pytest.mark.parametrize("value", ["-1", "twenty", "20 parsecs"])
def test_a_bad_size_is_an_error(tmp_path, value):
    write(tmp_path / "a.txt")
    proc = run_cli(["--isolated", "--max-file-size", value, "a.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "--max-file-size")


@pytest.mark.parametrize("value", ["9223372036854775807", "99999999999999999999999GB", "1" + "0" * 400])
def test_a_size_past_any_file_is_no_limit(tmp_path, value):
    # (reading one byte more than 2**63 overflowed: a traceback, exit 1, nothing linted)
    write(tmp_path / "a.txt")
    for args in (["--max-file-size", value, "a.txt"], ["--max-file-size", value, "--stdin-filename", "s.txt", "-"]):
        proc = run_cli(["--isolated", "--select", CHEAP, *args], tmp_path, stdin=DOC.encode())
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    write(tmp_path / "speechlint.toml", f"max-file-size = {value if value.isdigit() and len(value) < 20 else repr(value)}\n")
    proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr


def test_a_file_of_too_many_lines_is_an_error_and_the_others_are_linted(tmp_path):
    # (every rule reads every line: 300 KB of newlines took half a minute, 6 MB of "a\n" minutes)
    write(tmp_path / "many.txt", "\n" * 100_001)
    write(tmp_path / "enough.txt", DOC * 3 + "\n" * 99_994)
    write(tmp_path / "a.txt")
    proc = run_cli(["--isolated", "--select", CHEAP, "."], tmp_path)
    assert proc.returncode == 2
    assert {f[0] for f in parsed(proc.stdout)} == {"a.txt", "enough.txt"}
    _one_error_line(proc, "many.txt: too many lines: 100,001, over the 100,000 limit (max-lines)")
    proc = run_cli(["--isolated", "--select", CHEAP, "--max-lines", "50", "enough.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "enough.txt: too many lines")
    write(tmp_path / "speechlint.toml", "max-lines = 0\n")  # no limit
    proc = run_cli(["--select", CHEAP, "many.txt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    for bad in ("-1", '"many"', "true"):
        write(tmp_path / "speechlint.toml", f"max-lines = {bad}\n")
        proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path)
        assert proc.returncode == 2
        _one_error_line(proc, "max-lines must be a whole number")


def test_a_docx_of_too_many_paragraphs_is_refused_before_its_xml_is_read(tmp_path):
    # (a .docx of 53 KB held two million empty paragraphs: six minutes and two gigabytes)
    import docx

    path = tmp_path / "paras.docx"
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    body = parts["word/document.xml"]
    at = body.index(b"<w:body>") + len(b"<w:body>")
    parts["word/document.xml"] = body[:at] + b"<w:p/>" * 200_000 + body[at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert path.stat().st_size < 100_000
    write(tmp_path / "a.txt")
    proc = run_cli(["--isolated", "--select", CHEAP, "."], tmp_path, timeout=60)
    assert proc.returncode == 2
    assert {f[0] for f in parsed(proc.stdout)} == {"a.txt"}
    _one_error_line(proc, "paras.docx: too many lines: 200,00", "max-lines")


def _docx_with(path: Path, xml_bytes: int) -> Path:
    """A small .docx (python-docx's template) with one extra part of xml_bytes zeros,
    which compresses to almost nothing."""
    import docx

    docx.Document().save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/padding.xml", b"<a>" + b"0" * xml_bytes + b"</a>")
    return path


def test_a_docx_over_the_unzipped_limit_is_refused_from_its_headers(tmp_path):
    _docx_with(tmp_path / "bomb.docx", 60 * 1024 * 1024)
    assert (tmp_path / "bomb.docx").stat().st_size < 1024 * 1024
    write(tmp_path / "a.txt")
    proc = run_cli(["--isolated", "--select", CHEAP, "."], tmp_path, timeout=60)
    assert proc.returncode == 2
    assert {f[0] for f in parsed(proc.stdout)} == {"a.txt"}
    _one_error_line(proc, "bomb.docx: too large", "once unzipped", "50 MB limit (max-docx-size)")


def test_the_docx_limit_is_configurable(tmp_path):
    _docx_with(tmp_path / "b.docx", 2 * 1024 * 1024)
    proc = run_cli(["--isolated", "--select", CHEAP, "--max-docx-size", "1MB", "b.docx"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "b.docx: too large", "1 MB limit")
    write(tmp_path / "speechlint.toml", "max-docx-size = 0\n")  # no limit
    proc = run_cli(["--select", CHEAP, "b.docx"], tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_a_docx_whose_headers_lie_about_its_size_is_damaged(tmp_path):
    """zipfile returns no more than the size the central directory declares and checks the
    CRC: a part that decompresses to more than its header says cannot slip past the limit."""
    import docx

    document = docx.Document()
    document.add_paragraph("要精心部署。" * 100000)
    path = tmp_path / "liar.docx"
    document.save(str(path))
    data = bytearray(path.read_bytes())
    start = data.rfind(b"word/document.xml") - 46  # its central directory entry
    assert data[start:start + 4] == b"PK\x01\x02"
    data[start + 24:start + 28] = (1000).to_bytes(4, "little")  # uncompressed size: 1,000 bytes
    path.write_bytes(bytes(data))
    proc = run_cli(["--isolated", "--select", CHEAP, "liar.docx"], tmp_path, timeout=60)
    assert proc.returncode == 2
    _one_error_line(proc, "liar.docx: not a readable .docx: damaged")


def test_a_link_to_elsewhere_in_the_named_folder_is_shown_and_fixed(tmp_path):
    write(tmp_path / "a.txt", "要精心布署。\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").symlink_to("../a.txt")
    proc = run_cli(["--isolated", "--select", "SL401", "--show-source", "."], tmp_path)
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    proc = run_cli(["--isolated", "--select", "SL401", "--fix", "sub/b.txt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "要精心部署。\n"


def test_a_regular_file_named_outside_the_tree_is_fixed_as_asked(tmp_path, monkeypatch):
    """Only a link written inside the tree that leads out of it is refused; a file the user
    names by a path outside the tree, with no link on the way, is theirs to fix."""
    from speechlint.cli import main

    outside = tmp_path / "elsewhere" / "a.txt"
    outside.parent.mkdir()
    outside.write_text("要认真学习。。\n", encoding="utf-8")
    work = tmp_path / "work"
    (work / ".git").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert main(["--isolated", "--fix", str(outside)]) in (0, 1)
    assert outside.read_text(encoding="utf-8") == "要认真学习。\n"


def test_a_file_swapped_for_a_link_leading_outside_after_discovery_is_not_read(tmp_path, monkeypatch):
    # discover() looks at a folder's files first; a pull request's job could swap one for a
    # symbolic link to a secret before it is read: read() asks the open file where it is
    from speechlint import batch
    from speechlint.cli import discover, read, read_regular_file
    from speechlint.config import Settings
    from speechlint.document import InputError

    secret = tmp_path / "secret.txt"
    secret.write_text("机密：口令是甲乙丙丁\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    doc = repo / "docs" / "a.txt"
    doc.write_text("要精心部署。\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    trees, errors = {}, []
    [path] = list(discover(["docs"], Settings(), errors, [], trees))
    assert read(path, None, Settings(), trees[path]).text == "要精心部署。\n"
    doc.unlink()
    doc.symlink_to(secret)  # the swap, after discovery
    with pytest.raises(InputError, match="outside"):
        read(path, None, Settings(), trees[path])
    with pytest.raises(InputError):  # the result cache's look-up reads the same way
        read_regular_file(path, batch.CACHED_SIZE, trees[path])
    # a link that stays inside the tree is read as before
    doc.unlink()
    (repo / "docs" / "b.txt").write_text("要精心部署。\n", encoding="utf-8")
    doc.symlink_to(repo / "docs" / "b.txt")
    assert read(path, None, Settings(), trees[path]).text == "要精心部署。\n"


def test_a_cache_folder_inside_the_repository_under_review_is_not_read(tmp_path):
    """A CI that keeps speechlint's cache in the checkout lets a pull request plant entries: a
    compiled pattern that regex would rebuild unchecked (it crashes the interpreter), results
    that hide findings. Such a folder is not read nor written; the run uses a temporary one."""
    import hashlib
    import marshal

    outside = tmp_path / "own-cache"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "doc.txt").write_text("他说：“要认真落实。\n", encoding="utf-8")
    first = run_cli(["--select", "SL201", "--no-cache", "doc.txt"], plain, env={"SPEECHLINT_CACHE_DIR": str(outside)})
    assert first.returncode == 1, first.stderr
    (stored,) = outside.glob("patterns-*.marshal")
    entries = marshal.loads(stored.read_bytes()[32:])
    assert entries
    # each pattern's stored form replaced by one that regex rebuilds into a crash
    planted = marshal.dumps({key: (key[0], key[1], b"", {}, {}, {}, [], 0, (), 0, 0) for key in entries})
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    cache = repo / ".ci-cache" / "speechlint"
    cache.mkdir(parents=True)
    (cache / stored.name).write_bytes(hashlib.sha256(planted).digest() + planted)
    (repo / "doc.txt").write_text("他说：“要认真落实。\n", encoding="utf-8")
    before = sorted(p.name for p in cache.rglob("*"))
    proc = run_cli(["--select", "SL201", "doc.txt"], repo, env={"SPEECHLINT_CACHE_DIR": str(cache)})
    assert proc.returncode == 1, proc.stderr
    assert "SL201" in proc.stdout
    assert "inside" in proc.stderr and str(cache) in proc.stderr
    assert sorted(p.name for p in cache.rglob("*")) == before  # nothing read back, nothing written
    # standard input is linted in the tree of the current folder, and so is a folder without .git
    piped = run_cli(["--select", "SL201", "-"], repo, stdin="他说：“要认真落实。\n".encode(),
                    env={"SPEECHLINT_CACHE_DIR": str(cache)})
    assert piped.returncode == 1 and "SL201" in piped.stdout, piped.stderr
    (repo / ".git").rmdir()
    bare = run_cli(["--select", "SL201", "doc.txt"], repo, env={"SPEECHLINT_CACHE_DIR": str(cache)})
    assert bare.returncode == 1 and "SL201" in bare.stdout, bare.stderr
    assert sorted(p.name for p in cache.rglob("*")) == before


def test_a_line_of_unclosed_directives_is_read_once(tmp_path):
    # each unclosed <!-- speechlint-disable … was searched to the end of its line for its -->: a
    # line of a megabyte of them took minutes (the timeout guards against that, it measures nothing)
    write(tmp_path / "a.txt", "<!-- speechlint-disable SL1 " * 120_000 + "\n要认真落实落实各项工作。\n")
    proc = run_cli(["--isolated", "--no-cache", "--jobs", "1", "--select", "SL000,SL101", "a.txt"], tmp_path, timeout=45)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert {(f[1], f[3]) for f in parsed(proc.stdout)} >= {(2, "SL101")}


def test_directives_are_read_as_the_directive_pattern_reads_them():
    # engine.directives(): DIRECTIVE.finditer's verbs and codes, in linear time, on random lines of
    # directives' pieces: closed and unclosed, '>' inside, verbs run on, nested starts
    import random

    from speechlint import engine

    rnd = random.Random(9)
    pieces = ["<!--", " ", "speechlint-", "disable", "-next-line", "enable", "x", "SL101", ",", ">", "-->", "--", "-", "文",
              "<!-- speechlint-disable SL1 -->", "<!--speechlint-enable-->"]
    for _ in range(20000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 24)))
        assert list(engine.directives(line)) == [(m.group(1), m.group(2)) for m in engine.DIRECTIVE.finditer(line)], line


def test_lines_under_a_disable_share_one_record_of_what_is_off():
    # (each later line kept its own tuple of the prefixes switched off: a disable of every code over
    # 300,000 lines took a gigabyte)
    from speechlint import engine

    codes = " ".join(f"SL{n:03d}" for n in range(1000))
    lines = [f"<!-- speechlint-disable {codes} -->"] + ["正文"] * 50 + ["<!-- speechlint-enable SL101 -->"] + ["正文"] * 50
    got = engine.suppressions(lines)
    assert got.suppressed(10, "SL101") and not got.suppressed(60, "SL101") and got.suppressed(60, "SL102")
    assert len({id(got.by_line[no][0]) for no in range(1, 51)}) == 1
    assert len({id(got.by_line[no][0]) for no in range(52, 102)}) == 1
    # nor lines that name speechlint, or switch off again what is off already (each line its own
    # copy again: 976 MB for 100,000 lines of 好speechlint-)
    lines = [f"<!-- speechlint-disable {codes} -->"] + ["好speechlint-", "<!-- speechlint-disable SL101 -->", "正文"] * 30
    got = engine.suppressions(lines)
    assert len({id(got.by_line[no][0]) for no in range(1, len(lines))}) == 1


def test_what_a_line_suppresses_does_not_depend_on_the_records_being_shared():
    # suppressions() against the state recomputed from scratch for each line: random runs of
    # directives, repeated, nested prefixes, enables, next-line ones and lines that only name speechlint
    import random

    from speechlint import engine

    rnd = random.Random(4)
    pieces = ["<!-- speechlint-disable SL1 -->", "<!-- speechlint-disable SL101 -->", "<!-- speechlint-enable SL101 -->",
              "<!-- speechlint-enable -->", "<!-- speechlint-disable-next-line SL2 -->", "好speechlint-", "正文",
              "<!-- speechlint-disable SL1 SL2 -->", "<!-- speechlint-enable SL1 -->"]
    codes = ["SL101", "SL102", "SL201", "SL301"]

    def state_after(lines):  # prefix -> switched off?, after the directives of lines, read afresh
        state = {}
        for line in lines:
            for verb, rest in engine.directives(line):
                named = set(regex.findall(r"SL[0-9]{0,3}", rest)) if engine.CODE_LIST.match(rest) else None
                if named is None:
                    continue
                if verb == "enable" and not named:
                    state = {}
                for c in named if verb in ("disable", "enable") else ():
                    state = {p: v for p, v in state.items() if not p.startswith(c)}
                    if verb == "disable" or any(c.startswith(p) and v for p, v in state.items()):
                        state[c] = verb == "disable"
        return state

    def expected(lines, no, code):  # the longest prefix decides; a line's own disables count on it
        if no and any(verb == "disable-next-line" and code.startswith(c) for verb, rest in engine.directives(lines[no - 1])
                      if engine.CODE_LIST.match(rest) for c in regex.findall(r"SL[0-9]{0,3}", rest)):
            return True
        state = state_after(lines[:no])
        for verb, rest in engine.directives(lines[no]):
            if verb == "disable" and engine.CODE_LIST.match(rest):
                state.update((c, True) for c in regex.findall(r"SL[0-9]{0,3}", rest))
        off = max((len(p) for p, v in state.items() if v and code.startswith(p)), default=-1)
        on = max((len(p) for p, v in state.items() if not v and code.startswith(p)), default=-1)
        return off > on

    for _ in range(300):
        lines = [rnd.choice(pieces) + rnd.choice(["", " 正文"] + pieces) for _ in range(rnd.randint(1, 12))]
        got = engine.suppressions(lines)
        for no in range(len(lines)):
            assert [got.suppressed(no, c) for c in codes] == [expected(lines, no, c) for c in codes], (lines, no)


def test_lines_are_counted_before_markdown_is_parsed_or_a_docx_read(monkeypatch):
    # (three million lines of Markdown took 40 s and 2.7 GB to parse before they were refused; a
    # .docx whose paragraphs open as <w:p\t/> or with another prefix escaped the count)
    import io

    from speechlint import docx as sl_docx
    from speechlint import document
    from speechlint.document import InputError

    def never(*_args, **_kw):
        raise AssertionError("parsed before it was refused")

    monkeypatch.setattr(document, "mask_markdown", never)
    with pytest.raises(InputError, match="too many lines: 1,001, over the 1,000 limit"):
        document.from_bytes("a.md", b"a\n" * 1001, max_lines=1000)
    assert len(document.from_bytes("a.txt", b"a\n" * 1000, max_lines=1000).lines) == 1000

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    monkeypatch.setattr(sl_docx, "_load", never)
    for paragraph in (b"<w:p\t/>", b"<w:p\n>x</w:p>", b"<x:p/>", b"<w:p/>"):
        body = parts["word/document.xml"]
        at = body.index(b"<w:body>") + len(b"<w:body>")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, body[:at] + paragraph * 1001 + body[at:] if name == "word/document.xml" else data)
        with pytest.raises(InputError, match="too many lines"):
            sl_docx.read_docx("a.docx", out.getvalue(), max_lines=1000)
