"""Bad input never crashes and never loses data: a one-line error on stderr naming the file and
the cause, exit status 2 at the end, every other file still linted, nothing written unless
asked. Rule and config loading is strict: anything malformed is an error naming the file.

Most tests run the command as a subprocess (conftest.run_cli); the few that simulate failures
the operating system will not produce for root (an unreadable folder) call speechlint.cli.main
in-process with os.scandir monkeypatched.
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SUMMARY, builtin_rules, cli_env, run_cli
from test_cli import CHEAP, DOC, DOC_FOUND, HOUSE_WARNING, MIX, _one_error_line, parsed, write

import speechlint.cli

# what the default format prints for DOC in a file called NAME
def expected(name: str):
    return [(name, l, c, code) for l, c, _, code in DOC_FOUND]


def run_limited(args, cwd: Path, timeout: float = 60, memory: int = 2 << 30) -> subprocess.CompletedProcess:
    """run_cli with an address-space limit, so that a regression that reads an endless file
    fails with MemoryError instead of eating the machine's memory."""
    def limit():  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.run([sys.executable, "-m", "speechlint", *args], cwd=str(cwd), input=b"",
                          capture_output=True, env=cli_env(), timeout=timeout,
                          preexec_fn=limit if sys.platform != "win32" else None)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       SUMMARY.sub("", proc.stderr.decode("utf-8", "replace")))


def run_main(argv, cwd: Path, monkeypatch, capsys):
    """speechlint.cli.main in-process: (exit status, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    status = speechlint.cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, SUMMARY.sub("", err)  # the summary line apart (see conftest.run_cli)


# --- 1. only regular files are read ----------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_fifo_named_on_the_command_line_is_not_read(tmp_path):
    write(tmp_path / "a.txt", DOC)
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "z.txt", DOC)
    # a regression blocks in open() forever: the timeout turns it into a failure
    proc = run_cli(["--select", CHEAP, "a.txt", "pipe.txt", "z.txt"], tmp_path, timeout=30)
    assert proc.returncode == 2
    _one_error_line(proc, "pipe.txt: not a regular file")
    assert parsed(proc.stdout) == expected("a.txt") + expected("z.txt")


@needs_fifo
def test_fifo_met_in_a_folder_is_reported(tmp_path):
    write(tmp_path / "d" / "0.txt", DOC)
    os.mkfifo(tmp_path / "d" / "a.txt")
    write(tmp_path / "d" / "b.txt", DOC)
    proc = run_cli(["--select", CHEAP, "d"], tmp_path, timeout=30)
    assert proc.returncode == 2
    _one_error_line(proc, "d/a.txt: not a regular file")
    assert parsed(proc.stdout) == expected("d/0.txt") + expected("d/b.txt")


@pytest.mark.skipif(not os.path.exists("/dev/zero") or sys.platform == "win32", reason="no /dev/zero")
def test_dev_zero_is_not_a_regular_file(tmp_path):
    write(tmp_path / "a.txt", DOC)
    proc = run_limited(["--select", CHEAP, "/dev/zero", "a.txt"], tmp_path)
    assert proc.returncode == 2, proc.stderr[-500:]
    _one_error_line(proc, "/dev/zero: not a regular file")
    assert parsed(proc.stdout) == expected("a.txt")


# --- 2. unreadable folders ------------------------------------------------------------------

def _deny(monkeypatch, name: str):
    """os.scandir fails with EACCES for any folder called name, as it would for a user
    without read permission (root ignores permission bits, so chmod cannot simulate it)."""
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.path.normpath(os.fspath(path))) == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_subfolder_is_an_error(tmp_path, monkeypatch, capsys):
    write(tmp_path / "d" / "a.txt", DOC)
    write(tmp_path / "d" / "locked" / "b.txt", DOC)
    write(tmp_path / "d" / "z.txt", DOC)
    _deny(monkeypatch, "locked")
    status, out, err = run_main(["--isolated", "--select", CHEAP, "d"], tmp_path, monkeypatch, capsys)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1 and os.path.join("d", "locked") in lines[0] and "Permission denied" in lines[0], err
    assert parsed(out) == expected("d/a.txt") + expected("d/z.txt")


def test_unreadable_folder_named_on_the_command_line_is_an_error(tmp_path, monkeypatch, capsys):
    write(tmp_path / "locked" / "b.txt", DOC)
    write(tmp_path / "a.txt", DOC)
    _deny(monkeypatch, "locked")
    status, out, err = run_main(["--isolated", "--select", CHEAP, "locked", "a.txt"], tmp_path,
                                monkeypatch, capsys)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1 and "locked" in lines[0] and "Permission denied" in lines[0], err
    assert parsed(out) == expected("a.txt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads folders whatever their permission bits")
def test_unreadable_subfolder_for_real(tmp_path):
    write(tmp_path / "d" / "a.txt", DOC)
    locked = write(tmp_path / "d" / "locked" / "b.txt", DOC).parent
    locked.chmod(0)
    try:
        proc = run_cli(["--select", CHEAP, "d"], tmp_path)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2
    _one_error_line(proc, "d/locked")
    assert parsed(proc.stdout) == expected("d/a.txt")


# --- 3, 8. rule files -----------------------------------------------------------------------

def _house_rule(tmp_path: Path, text: str, name: str = "SL901.toml", args=()):
    write(tmp_path / "house" / name, text)
    write(tmp_path / "speechlint.toml", 'extend-rules = ["house"]\n')
    write(tmp_path / "a.txt", "要全面赋能基层治理。\n")
    return run_cli([*args, "a.txt"], tmp_path, timeout=30)


@pytest.mark.parametrize("message", [
    "bad { brace", "bad } brace", "{}", "{0}", "{match!x}", "{match:d}", "{match:%}",
])
def test_malformed_message_is_a_rule_error(tmp_path, message):
    rule = HOUSE_WARNING.replace('message = "house style avoids “{match}”"', f"message = {json.dumps(message)}")
    assert message in rule
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    _one_error_line(proc, "SL901.toml", "message")


@pytest.mark.parametrize("key", ["bad", "good"])
def test_examples_given_as_a_string_are_a_rule_error(tmp_path, key):
    line = 'bad = ["要全面赋能基层治理。"]' if key == "bad" else 'good = ["要全面加强基层治理。"]'
    rule = HOUSE_WARNING.replace(line, f'{key} = "赋能"')
    assert rule != HOUSE_WARNING
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", f"'examples.{key}' must be a list")


@pytest.mark.parametrize("item", ['{text = "要全面赋能。", fixed = 3}', '{text = 3}', "3"])
def test_malformed_bad_example_is_a_rule_error(tmp_path, item):
    rule = HOUSE_WARNING.replace('bad = ["要全面赋能基层治理。"]', f"bad = [{item}]")
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", "bad example")


def test_list_option_given_as_a_string_with_a_file_is_a_rule_error(tmp_path):
    write(tmp_path / "house" / "more.txt", "抓手\n")
    rule = HOUSE_WARNING.replace('tokens = ["赋能"]', 'tokens = "赋能"\ntokens-file = "more.txt"')
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", "'options.tokens' must be a list of strings")


@needs_fifo
def test_option_file_that_is_not_a_regular_file_is_a_rule_error(tmp_path):
    (tmp_path / "house").mkdir()
    os.mkfifo(tmp_path / "house" / "more.txt")
    rule = HOUSE_WARNING.replace('tokens = ["赋能"]', 'tokens = ["赋能"]\ntokens-file = "more.txt"')
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", "more.txt", "not a regular file")


SUBSTITUTION = """\
code = "SL903"
name = "house-swap"
kind = "substitution"
message = "write “{replacement}”"
doc = "A house substitution."

[options.patterns]
{pattern} = {template}
"""




@pytest.mark.parametrize("pattern, template", [
    ("'(赋)能'", "'\\2'"), ("'(赋)能'", "'\\g<nope>'"), ("'(?P<w>赋)能'", "'\\g<v>'"),
    pytest.param("'(赋)能'", "'\\q'"),
    pytest.param("'(赋)能'", "'x\\'"),
    pytest.param("'(赋)能'", "'\\g<>'"),
])
def test_substitution_template_with_a_missing_group_is_a_rule_error(tmp_path, pattern, template):
    rule = SUBSTITUTION.replace("{pattern}", pattern).replace("{template}", template)
    proc = _house_rule(tmp_path, rule, "SL903.toml")
    assert proc.returncode == 2, proc.stderr[-300:]
    _one_error_line(proc, "SL903.toml", "bad options")


ZERO_WIDTH = [
    HOUSE_WARNING.replace('tokens = ["赋能"]', "patterns = ['(?<=全面)']"),
    # refused through its examples: the loader runs the patterns over them
    SUBSTITUTION.replace('doc = "A house substitution."', 'doc = "A house substitution."\n\n[examples]\nbad = ["要全面加强。"]')
    .replace("{pattern}", "'(?<=全面)'").replace("{template}", "'x'"),
]


def _zero_width_rule(tmp_path, rule, args=()):
    return _house_rule(tmp_path, rule, "SL903.toml" if "SL903" in rule else "SL901.toml", args)


@pytest.mark.parametrize("rule", ZERO_WIDTH, ids=["existence", "substitution"])
def test_zero_width_pattern_never_reports_an_empty_span(tmp_path, rule):
    proc = _zero_width_rule(tmp_path, rule, ["--select", "SL9"])
    assert proc.returncode in (0, 2), proc.stdout  # 2 once such a rule is refused at load
    assert proc.stdout == ""


@pytest.mark.parametrize("rule", ZERO_WIDTH, ids=["existence", "substitution"])
def test_zero_width_pattern_is_a_rule_error(tmp_path, rule):
    proc = _zero_width_rule(tmp_path, rule)
    assert proc.returncode == 2, proc.stdout
    _one_error_line(proc, ".toml", "bad options")


# --- 5. file names that are not UTF-8 -------------------------------------------------------

RAW_NAME = b"x\xff.txt"
SHOWN = "x\\xff.txt"  # how the name is printed: the undecodable byte as \xff


def _raw_file(tmp_path: Path) -> str:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the file system wants UTF-8 (or UTF-16) names")
    name = os.fsdecode(RAW_NAME)
    try:
        (tmp_path / name).write_bytes(DOC.encode("utf-8"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses a name that is not UTF-8")
    return name


def _shown_paths(fmt: str, text: str):
    if fmt in ("default", "pylint"):
        return {l.split(":")[0] for l in text.splitlines()}
    if fmt == "github":
        return {l.split("file=")[1].split(",")[0] for l in text.splitlines()}
    if fmt in ("json", "gitlab"):
        items = json.loads(text)
        return {(i["path"] if fmt == "json" else i["location"]["path"]) for i in items}
    if fmt == "json-lines":
        return {json.loads(l)["path"] for l in text.splitlines()}
    if fmt == "sarif":
        run = json.loads(text)["runs"][0]
        return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert fmt == "html"
    return {SHOWN} if SHOWN in text else set()


FORMATS = ["default", "json", "json-lines", "github", "sarif", "gitlab", "pylint", "html"]


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_file_name_that_is_not_utf8(tmp_path, fmt, to_file):
    name = _raw_file(tmp_path)
    args = ["--select", CHEAP, "--format", fmt, name] + (["-o", "report.out"] if to_file else [])
    proc = run_cli(args, tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr == ""
    text = (tmp_path / "report.out").read_text(encoding="utf-8") if to_file else proc.stdout
    assert _shown_paths(fmt, text) == {"x%FF.txt" if fmt == "sarif" else SHOWN}


def test_file_name_that_is_not_utf8_in_an_error_and_with_show_source(tmp_path):
    name = _raw_file(tmp_path)
    bad = os.fsdecode(b"y\xfe.txt")
    (tmp_path / bad).write_bytes(b"\x00\x01binary")
    proc = run_cli(["--select", CHEAP, "--show-source", "--statistics", name, bad], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "y\\xfe.txt: binary")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(SHOWN + ":1:3: SL302 ")
    assert lines[1] == "关于XX县的通知"


def test_diff_of_a_file_name_that_is_not_utf8(tmp_path):
    name = _raw_file(tmp_path)
    (tmp_path / name).write_bytes("要精心布署。\n".encode("utf-8"))
    proc = run_cli(["--select", "SL401", "--diff", name], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert f"--- {SHOWN}" in proc.stdout and "+要精心部署。" in proc.stdout


# --- 6. an output file that cannot be written ----------------------------------------------

def test_unwritable_output_file_still_reports_every_input_error(tmp_path):
    write(tmp_path / "a.txt", DOC)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = run_cli(["--select", CHEAP, "-o", "no/such/folder/report.txt", "missing.txt", "a.txt",
                    "image.txt"], tmp_path)
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 3, proc.stderr
    assert "missing.txt" in errors[0] and "no such file" in errors[0]
    assert "image.txt" in errors[1] and "binary" in errors[1]
    assert "no/such/folder/report.txt" in errors[2] and "cannot write the report" in errors[2]
    assert proc.stdout == ""
    assert not (tmp_path / "no").exists()


# --- 7. config ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle", [
    ('allow = [""]\n', "allow"),
    ('allow = ["精心布署", "  "]\n', "allow"),
    ('select = ["SL3", ""]\n', "select"),
    ('ignore = [""]\n', "ignore"),
    ('extend-select = [""]\n', "extend-select"),
    ('extend-ignore = [""]\n', "extend-ignore"),
    ('exclude = [""]\n', "exclude"),
    ('extensions = [".txt", ""]\n', "extensions"),
    ('extensions = ["txt"]\n', "extensions"),
    ('extensions = ["."]\n', "extensions"),
    ('extend-rules = [""]\n', "'extend-rules' has an empty entry"),
    ('[per-file-ignores]\n"a.txt" = [""]\n', "per-file-ignores"),
    ('[per-file-ignores]\n"" = ["SL3"]\n', "per-file-ignores"),
])
def test_empty_list_entries_in_config_are_errors(tmp_path, text, needle):
    write(tmp_path / "speechlint.toml", text)
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path)
    assert proc.returncode == 2, proc.stdout
    assert proc.stdout == ""
    _one_error_line(proc, "speechlint.toml", needle)


def test_empty_per_file_ignores_codes_on_the_command_line_are_an_error(tmp_path):
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--isolated", "--select", CHEAP, "--per-file-ignores", "a.txt:,", "a.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "per-file-ignores", "a.txt:,")


@pytest.mark.parametrize("name, text", [
    ("pyproject.toml", "tool = 3\n"),
    ("pyproject.toml", "[tool]\nspeechlint = 3\n"),
    ("speechlint.toml", "[tool]\nspeechlint = 3\n"),
])
def test_config_tables_of_the_wrong_type_are_errors(tmp_path, name, text):
    write(tmp_path / name, text)
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path)
    assert proc.returncode == 2, proc.stderr[-300:]
    _one_error_line(proc, name)


def test_extensions_are_compared_case_insensitively(tmp_path):
    write(tmp_path / "speechlint.toml", 'extensions = [".TXT", ".Note"]\n')
    for name in ("a.txt", "b.TXT", "c.note", "d.md"):
        write(tmp_path / "docs" / name, DOC)
    proc = run_cli(["--select", CHEAP, "docs"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert sorted({p[0] for p in parsed(proc.stdout)}) == ["docs/a.txt", "docs/b.TXT", "docs/c.note"]


@needs_fifo
@pytest.mark.parametrize("config", ["--config", "extend-rules"])
def test_config_or_rule_location_that_is_not_a_regular_file(tmp_path, config):
    os.mkfifo(tmp_path / "pipe")
    write(tmp_path / "a.txt", MIX)
    if config == "--config":
        proc = run_cli(["--config", "pipe", "a.txt"], tmp_path, timeout=30)
    else:
        write(tmp_path / "speechlint.toml", 'extend-rules = ["pipe"]\n')
        proc = run_cli(["a.txt"], tmp_path, timeout=30)
    assert proc.returncode == 2
    assert proc.stdout == ""
    _one_error_line(proc, "pipe: not a regular file")


@pytest.mark.parametrize("threshold", ["0", "-1.5", "inf", "nan"])
def test_a_promo_rule_whose_threshold_takes_every_line_is_a_rule_error(tmp_path, threshold):
    # (a threshold of 0 or less loaded, then failed on every file: an internal error, exit 2)
    rule = (HOUSE_WARNING.replace('kind = "existence"', 'kind = "promo"')
            .replace('bad = ["要全面赋能基层治理。"]', 'bad = []').replace('good = ["要全面加强基层治理。"]', 'good = []')
            .replace('tokens = ["赋能"]', f'site = ["仅供学习"]\nthreshold = {threshold}'))
    proc = _house_rule(tmp_path, rule)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", "'threshold' must be a number above 0")


@pytest.mark.parametrize("pattern", ["x{4294967294}", "(?:(?:x{1000}){1000}){10}", "x{10000000,}",
                                     r"\m(?:(?:x{1000}){1000}){10}"])
def test_a_rule_whose_repeats_would_not_compile_in_bounded_memory_is_a_rule_error(tmp_path, pattern):
    # (the regex module unrolls a repeat's least count as it compiles: x{50000000} took gigabytes
    # while the rules loaded, before any search could time out)
    write(tmp_path / "house" / "SL901.toml", HOUSE_WARNING.replace('tokens = ["赋能"]', f"patterns = [{json.dumps(pattern)}]"))
    write(tmp_path / "speechlint.toml", 'extend-rules = ["house"]\n')
    write(tmp_path / "a.txt", "要全面赋能基层治理。\n")
    proc = run_limited(["--no-cache", "a.txt"], tmp_path, timeout=60, memory=1 << 30)
    assert proc.returncode == 2
    _one_error_line(proc, "SL901.toml", "its repeats are too large")


def test_what_a_patterns_repeats_make_of_it_is_read_through_their_nesting():
    from speechlint.patterns import oversized

    assert not any(map(oversized, ["x{1000}", "x{100000}", "(?:x{1000}){100}", "x{1,10000000}", "x{0,50000000}",
                                   "(?:x{1,1000}){1,1000}", r"(?:\p{Han}{1,100}){1,100}", r"\{123456789\}", "[0-9]{6,}"]))
    assert all(map(oversized, ["x{200001}", "(?:x{1000}){1000}", "(?:x{2000,3000}){500}", "(?=(?:x{1000}){1000})",
                               "(?:a|(?:b{500}){500})", r"(?r)x{300000}",
                               # (syntax of the regex module's own, which re's parser refused: the counts
                               # behind it were not read)
                               r"\m(?:(?:x{1000}){1000}){10}", r"(?|(?:x{1000}){1000})", r"[[a-z]--[aeiou]](?:x{1000}){300}"]))
    assert not oversized(r"[{]{5}x{3}\p{Han}{2,30}")


def test_slow_rules_cost_a_run_a_bounded_time(tmp_path, monkeypatch):
    # the first searches that run out of time take LIMIT each; once the run has lost LOST seconds,
    # a search may take FLOOR, and a rule that ran out of time before is not run again (a hundred
    # slow rules of a repository cost a hundred seconds a file); the other rules report as before
    from speechlint import engine, patterns
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.ruleset import load_rule_file

    monkeypatch.setattr(patterns, "LIMIT", 0.2)
    monkeypatch.setattr(patterns, "LOST", 0.5)
    rules = []
    for k in range(8):
        path = tmp_path / f"SL9{k:02d}.toml"
        path.write_text(HOUSE_WARNING.replace("SL901", f"SL9{k:02d}").replace("house-phrase", f"slow-{k}")
                        .replace('bad = ["要全面赋能基层治理。"]', "bad = []").replace('good = ["要全面加强基层治理。"]', "good = []")
                        .replace('tokens = ["赋能"]', f'patterns = ["(?:x|x)+(?:x|x)+(?:x|x)+y{k}"]'), encoding="utf-8")
        rules.append(load_rule_file(path, probe=False))
    write(tmp_path / "SL990.toml", HOUSE_WARNING.replace("SL901", "SL990"))
    rules.append(load_rule_file(tmp_path / "SL990.toml"))
    rules += [rule for rule in builtin_rules() if rule.code == "SL301"]
    resources = Resources()
    text = "x" * 40 + " y0 y1 y2 y3 y4 y5 y6 y7 要全面赋能基层治理，于×月×日前完成。\n"  # (each pattern's needs are there)
    seen = []
    for name in ("a.txt", "b.txt"):
        failures: list = []
        found = engine.lint(from_text(name, text), rules, resources, failures=failures)
        assert {d.code for d in found} == {"SL990", "SL301"}
        seen.append([f.error for f in failures])
    first, second = seen
    assert len(first) == 8 and first[0].endswith("more than 0.2 s on a line") and first[-1].endswith("more than 0.02 s on a line")
    assert second == ["it ran out of time before in this run; not run again"] * 8
    # the built-in rules keep LIMIT however much the repository's rules have lost (a long line of
    # real text may need it)
    lost = resources.memo("lost-to-slow-patterns", patterns.Lost)
    assert lost.spent()
    with patterns.losing(lost):
        lost.guarded = False
        assert patterns.limit() == 0.2
        lost.guarded = True
        assert patterns.limit() == patterns.FLOOR
