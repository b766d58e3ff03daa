"""The command line, run as a subprocess (python -m speechlint) in temporary folders.

Most runs select only rules that need no dictionary (SL2, SL3, SL401, SL5): those take a tenth
of a second, while loading jieba's dictionary for SL1/SL402 takes about one.
"""
from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import List, Tuple

import pytest

from conftest import REPO, builtin_rules, lint_text, run_cli

CHEAP = "SL2,SL3,SL401,SL5"

# One line, four findings of rules that need no dictionary (positions checked by hand):
# 《 (col 3) never closed, × (col 8), XX (cols 12-13), 布署 (cols 19-20) for 部署.
MIX = "学习《条例，于×月前报XX县，要精心布署。\n"
MIX_FOUND = [(1, 3, 3, "SL201"), (1, 8, 8, "SL301"), (1, 12, 13, "SL302"), (1, 19, 20, "SL401")]

# Two lines: XX (1:3-4), 布署 (2:4-5), × (2:8).
DOC = "关于XX县的通知\n要精心布署，于×月完成。\n"
DOC_FOUND = [(1, 3, 4, "SL302"), (2, 4, 5, "SL401"), (2, 8, 8, "SL301")]

# path:line:col: CODE [*] severity: message ([*]: the fixes that are on repair it)
LINE = re.compile(r"^(?P<path>.+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<code>SL[0-9]{3})(?P<fix> \[\*\])? "
                  r"(?P<severity>[^:：\s]+)[:：] ?(?P<message>.+)$")


def write(path: Path, text: str = DOC, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def parsed(stdout: str) -> List[Tuple[str, int, int, str]]:
    out = []
    for line in stdout.splitlines():
        m = LINE.match(line)
        assert m, f"not a diagnostic line: {line!r}"
        out.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return out


def as_json(proc) -> list:
    assert proc.stderr == "", proc.stderr
    return json.loads(proc.stdout)


def spans(items) -> List[Tuple[int, int, int, str]]:
    """(line, column, last column, code): JSON's end_column is one past the last character."""
    return sorted((d["line"], d["column"], d["end_column"] - 1, d["code"]) for d in items)


def codes_of(proc) -> set:
    return {p[3] for p in parsed(proc.stdout)}


# --- output -------------------------------------------------------------------------------

def test_default_format_is_sorted_path_line_col_code_message(tmp_path):
    """Default selection (all rules), two files given in reverse order."""
    write(tmp_path / "b.txt", DOC)
    write(tmp_path / "a.txt", "学习《条例》，这是我们的的目标。\n")
    proc = run_cli(["b.txt", "a.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    got = parsed(proc.stdout)
    assert got == [("a.txt", 1, 13, "SL101")] + [("b.txt", l, c, code) for l, c, _, code in DOC_FOUND]
    assert got == sorted(got, key=lambda g: (g[0], g[1], g[2], g[3]))
    # the messages are the engine's
    expected_messages = [d.message for d in lint_text("学习《条例》，这是我们的的目标。\n", builtin_rules())]
    expected_messages += [d.message for d in lint_text(DOC, builtin_rules())]
    assert [LINE.match(l)["message"] for l in proc.stdout.splitlines()] == expected_messages


def test_columns_count_characters_not_bytes(tmp_path):
    # 𠀀 is outside the BMP: one character, four UTF-8 bytes, two UTF-16 code units
    write(tmp_path / "a.txt", "𠀀关于XX县的通知\n")
    proc = run_cli(["--select", "SL302", "a.txt"], tmp_path)
    assert parsed(proc.stdout) == [("a.txt", 1, 4, "SL302")]
    items = as_json(run_cli(["--select", "SL302", "--format", "json", "a.txt"], tmp_path))
    assert spans(items) == [(1, 4, 5, "SL302")]  # 𠀀关于XX: XX is the 4th and 5th character
    assert items[0]["end_column"] == 6


def test_format_json(tmp_path):
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--select", CHEAP, "--format", "json", "a.txt"], tmp_path)
    assert proc.returncode == 1
    items = as_json(proc)
    assert isinstance(items, list)
    assert spans(items) == MIX_FOUND
    required = {"path", "line", "column", "end_line", "end_column", "code", "name", "message", "severity"}
    names = {r.code: r.name for r in builtin_rules()}
    for item in items:
        assert required <= set(item), item
        assert item["path"] == "a.txt"
        assert item["end_line"] == item["line"] == 1
        assert item["name"] == names[item["code"]]
        assert item["severity"] in ("error", "warning", "info")
        assert isinstance(item["message"], str) and item["message"]
    by_code = {i["code"]: i for i in items}
    assert by_code["SL401"]["replacement"] == "部署"
    for code in ("SL201", "SL301", "SL302"):
        assert "replacement" not in by_code[code]


def test_format_json_replacement_of_a_deletion(tmp_path):
    write(tmp_path / "a.txt", "这是我们的的目标。\n")
    items = as_json(run_cli(["--select", "SL101", "--format", "json", "a.txt"], tmp_path))
    assert [(i["code"], i["column"], i["end_column"], i["replacement"]) for i in items] == [("SL101", 6, 7, "")]


def test_format_json_empty(tmp_path):
    write(tmp_path / "a.txt", "要精心部署。\n")
    proc = run_cli(["--select", CHEAP, "--format", "json", "a.txt"], tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []


HOUSE_WARNING = """\
code = "SL901"
name = "house-phrase"
kind = "existence"
severity = "warning"
message = "house style avoids “{match}”"
doc = "Phrases the house style avoids."

[examples]
bad = ["要全面赋能基层治理。"]
good = ["要全面加强基层治理。"]

[options]
tokens = ["赋能"]
"""
HOUSE_INFO = (HOUSE_WARNING.replace("SL901", "SL902").replace("house-phrase", "house-hint")
              .replace('"warning"', '"info"').replace('["赋能"]', '["抓手"]'))


def house(folder: Path, config: str = "") -> None:
    write(folder / "house" / "SL901.toml", HOUSE_WARNING)
    write(folder / "house" / "SL902.toml", HOUSE_INFO)
    write(folder / "speechlint.toml", 'extend-rules = ["house"]\n' + config)


def test_format_github(tmp_path):
    house(tmp_path)
    write(tmp_path / "a.txt", "关于XX县的通知，要赋能基层，找准抓手。\n")
    proc = run_cli(["--select", "SL302,SL9", "--format", "github", "a.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "::error file=a.txt,line=1,col=3,endLine=1,endColumn=5,title=SL302 placeholder-letter::unfilled placeholder “XX”",
        "::warning file=a.txt,line=1,col=11,endLine=1,endColumn=13,title=SL901 house-phrase::house style avoids “赋能”",
        "::notice file=a.txt,line=1,col=18,endLine=1,endColumn=20,title=SL902 house-hint::house style avoids “抓手”",
    ]


def test_show_source_caret_counts_wide_characters_as_two_cells(tmp_path):
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--select", CHEAP, "--show-source", "a.txt"], tmp_path)
    lines = proc.stdout.splitlines()
    assert len(lines) == 3 * len(MIX_FOUND)
    text = MIX.rstrip("\n")
    # (caret offset in cells, caret length): 学习 = 4 cells; 学习《条例，于 = 14; × is narrow;
    # 学习《条例，于×月前报 = 21; then XX县，要精心 = 12 more
    carets = [(4, 2), (14, 1), (21, 2), (33, 4)]
    for k, ((line, col, _, code), (offset, length)) in enumerate(zip(MIX_FOUND, carets)):
        head, source, caret = lines[3 * k:3 * k + 3]
        assert head.startswith(f"a.txt:{line}:{col}: {code} ")
        assert source == text
        assert caret == " " * offset + "^" * length, (code, caret)


def test_statistics(tmp_path):
    write(tmp_path / "a.txt", DOC + "于×年×月完成。\n")
    proc = run_cli(["--select", CHEAP, "--statistics", "a.txt"], tmp_path)
    lines = proc.stdout.splitlines()
    assert len(parsed("\n".join(lines[:5]))) == 5  # the diagnostics come first
    stats = [re.split(r"\s+", l.strip()) for l in lines[5:]]
    assert stats == [["3", "SL301", "placeholder-cross"], ["1", "SL302", "placeholder-letter"],
                     ["1", "SL401", "idiom-typo"]]


def test_exit_zero(tmp_path):
    write(tmp_path / "a.txt", DOC)
    proc = run_cli(["--select", CHEAP, "--exit-zero", "a.txt"], tmp_path)
    assert proc.returncode == 0
    assert len(parsed(proc.stdout)) == 3


def test_clean_file_exits_zero_silently(tmp_path):
    write(tmp_path / "a.txt", "要精心部署，按时完成。\n")
    proc = run_cli(["a.txt"], tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_folder_is_walked_for_txt_and_md(tmp_path):
    for name in ("a.txt", "b.md", "c.py", "sub/d.TXT", ".hidden/e.txt", "node_modules/f.txt"):
        write(tmp_path / "docs" / name, "于×月完成。\n")
    proc = run_cli(["--select", "SL301", "docs"], tmp_path)
    assert [p[0] for p in parsed(proc.stdout)] == ["docs/a.txt", "docs/b.md", "docs/sub/d.TXT"]


# --- selection ------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--select", "SL3"], {"SL301", "SL302"}),
    (["--select", "sl3"], {"SL301", "SL302"}),
    (["--select", "SL301"], {"SL301"}),
    (["--select", "SL3,SL401", "--ignore", "SL302"], {"SL301", "SL401"}),
    (["--select", "SL3", "--extend-select", "SL401"], {"SL301", "SL302", "SL401"}),
    (["--select", CHEAP, "--extend-ignore", "SL30"], {"SL201", "SL401"}),
    (["--select", CHEAP, "--ignore", "SL2", "--extend-ignore", "SL401"], {"SL301", "SL302"}),
    (["--select", CHEAP, "--extend-ignore", "SL4"], {"SL201", "SL301", "SL302", "SL401"}),  # SL401 > SL4
    # the most specific prefix wins, whichever list it is in
    (["--select", CHEAP, "--ignore", "SL3", "--extend-select", "SL302"], {"SL201", "SL302", "SL401"}),
    (["--select", "SL30", "--ignore", "SL3"], {"SL301", "SL302"}),
    (["--select", "SL302,SL201", "--ignore", "SL30"], {"SL201", "SL302"}),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_selection(tmp_path, args, expected):
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(args + ["a.txt"], tmp_path)
    assert proc.stderr == ""
    assert codes_of(proc) == expected


def test_per_file_ignores_on_the_command_line(tmp_path):
    write(tmp_path / "a.txt", MIX)
    write(tmp_path / "sub" / "b.txt", MIX)
    write(tmp_path / "c.txt", MIX)
    proc = run_cli(["--select", CHEAP, "--per-file-ignores", "a.txt:SL3 sub/*.txt:SL401,SL2",
                    "a.txt", "sub", "c.txt"], tmp_path)
    got = {}
    for path, _, _, code in parsed(proc.stdout):
        got.setdefault(path, set()).add(code)
    assert got == {"a.txt": {"SL201", "SL401"}, "sub/b.txt": {"SL301", "SL302"},
                   "c.txt": {"SL201", "SL301", "SL302", "SL401"}}


def test_per_file_ignores_in_config(tmp_path):
    write(tmp_path / "speechlint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["SL3"]\n')
    write(tmp_path / "drafts" / "a.txt", MIX)
    write(tmp_path / "final.txt", MIX)
    proc = run_cli(["--select", CHEAP, "drafts", "final.txt"], tmp_path)
    got = {}
    for path, _, _, code in parsed(proc.stdout):
        got.setdefault(path, set()).add(code)
    assert got == {"drafts/a.txt": {"SL201", "SL401"}, "final.txt": {"SL201", "SL301", "SL302", "SL401"}}


def test_per_file_ignores_globs_are_relative_to_the_config_folder(tmp_path):
    """The same file named relatively, absolutely, or from a subfolder gets the same ignores."""
    write(tmp_path / "speechlint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["SL3"]\n')
    write(tmp_path / "drafts" / "a.txt", MIX)
    write(tmp_path / "sub" / "b.txt", MIX)
    absolute = str(tmp_path / "drafts" / "a.txt")
    for cwd, name in ((tmp_path, "drafts/a.txt"), (tmp_path, absolute), (tmp_path / "sub", "../drafts/a.txt"),
                      (tmp_path / "drafts", "a.txt")):
        assert codes_of(run_cli(["--select", CHEAP, name], cwd)) == {"SL201", "SL401"}, (cwd, name)
    # a file outside drafts/ keeps every finding
    assert codes_of(run_cli(["--select", CHEAP, "b.txt"], tmp_path / "sub")) == {"SL201", "SL301", "SL302", "SL401"}


# --- configuration --------------------------------------------------------------------------

def test_config_option(tmp_path):
    write(tmp_path / "elsewhere" / "my-settings.toml", 'select = ["SL4"]\n')
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--config", "elsewhere/my-settings.toml", "a.txt"], tmp_path)
    assert codes_of(proc) == {"SL401"}


def test_config_option_with_tool_table(tmp_path):
    write(tmp_path / "conf" / "pyproject.toml", '[tool.speechlint]\nselect = ["SL2"]\n')
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--config", "conf/pyproject.toml", "a.txt"], tmp_path)
    assert codes_of(proc) == {"SL201"}


def test_isolated_ignores_the_config_in_cwd(tmp_path):
    write(tmp_path / "speechlint.toml", 'ignore = ["SL3"]\n')
    write(tmp_path / "a.txt", MIX)
    assert codes_of(run_cli(["--select", CHEAP, "a.txt"], tmp_path)) == {"SL201", "SL401"}
    assert codes_of(run_cli(["--isolated", "--select", CHEAP, "a.txt"], tmp_path)) == {
        "SL201", "SL301", "SL302", "SL401"}


@pytest.mark.parametrize("name, text", [
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.speechlint]\nignore = ["SL3"]\n'),
    ("speechlint.toml", 'ignore = ["SL3"]\n'),
    (".speechlint.toml", 'ignore = ["SL3"]\n'),
])
def test_config_discovery_from_a_subfolder(tmp_path, name, text):
    write(tmp_path / name, text)
    write(tmp_path / "docs" / "deep" / "a.txt", MIX)
    proc = run_cli(["--select", CHEAP, "a.txt"], tmp_path / "docs" / "deep")
    assert codes_of(proc) == {"SL201", "SL401"}


def test_pyproject_without_tool_table_is_skipped(tmp_path):
    write(tmp_path / "speechlint.toml", 'ignore = ["SL3"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.black]\nline-length = 99\n')
    write(tmp_path / "sub" / "a.txt", MIX)
    assert codes_of(run_cli(["--select", CHEAP, "a.txt"], tmp_path / "sub")) == {"SL201", "SL401"}


def test_config_precedence_in_one_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.speechlint]\nselect = ["SL2"]\n')
    write(tmp_path / "a.txt", MIX)
    assert codes_of(run_cli(["a.txt"], tmp_path)) == {"SL201"}
    write(tmp_path / "speechlint.toml", 'select = ["SL302"]\n')
    assert codes_of(run_cli(["a.txt"], tmp_path)) == {"SL302"}
    write(tmp_path / ".speechlint.toml", 'select = ["SL401"]\n')
    assert codes_of(run_cli(["a.txt"], tmp_path)) == {"SL401"}


def test_command_line_wins_over_config(tmp_path):
    write(tmp_path / "speechlint.toml", 'select = ["SL4"]\nformat = "json"\nexit-zero = true\n')
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 0
    assert spans(json.loads(proc.stdout)) == [(1, 19, 20, "SL401")]
    proc = run_cli(["--select", "SL3", "--format", "default", "a.txt"], tmp_path)
    assert proc.returncode == 0  # exit-zero still comes from the config
    assert parsed(proc.stdout) == [("a.txt", 1, 8, "SL301"), ("a.txt", 1, 12, "SL302")]


def test_extend_rules_and_allow_from_config(tmp_path):
    house(tmp_path, 'allow = ["精心布署"]\n')
    write(tmp_path / "a.txt", "要全面赋能基层治理，要精心布署，认真布署。\n")
    proc = run_cli(["--select", "SL401,SL9", "a.txt"], tmp_path)
    assert proc.stderr == ""
    # 精心布署 is allowed; the other 布署 is still a typo
    assert parsed(proc.stdout) == [("a.txt", 1, 4, "SL901"), ("a.txt", 1, 19, "SL401")]
    listing = run_cli(["rules"], tmp_path)
    assert listing.returncode == 0
    assert [l.split()[0] for l in listing.stdout.splitlines()][-2:] == ["SL901", "SL902"]
    explained = run_cli(["rule", "SL901"], tmp_path)
    assert explained.returncode == 0
    assert explained.stdout.splitlines()[0] == "SL901 house-phrase"
    assert "要全面赋能基层治理。" in explained.stdout


def test_extend_rules_path_is_relative_to_the_config_file(tmp_path):
    house(tmp_path)
    write(tmp_path / "sub" / "a.txt", "要全面赋能基层治理。\n")
    proc = run_cli(["--select", "SL9", "a.txt"], tmp_path / "sub")
    assert parsed(proc.stdout) == [("a.txt", 1, 4, "SL901")]


# --- standard input -------------------------------------------------------------------------

def test_stdin(tmp_path):
    proc = run_cli(["--select", CHEAP, "-"], tmp_path, stdin=DOC.encode("utf-8"))
    assert parsed(proc.stdout) == [("-", l, c, code) for l, c, _, code in DOC_FOUND]


def test_stdin_filename_names_the_input_and_picks_markdown(tmp_path):
    text = "在配置中写 `×月` 没有问题，但×月要改。\n"
    proc = run_cli(["--select", "SL301", "--stdin-filename", "notes/a.md", "-"], tmp_path,
                   stdin=text.encode("utf-8"))
    assert parsed(proc.stdout) == [("notes/a.md", 1, 18, "SL301")]
    # the same text as .txt: the inline code is prose too
    proc = run_cli(["--select", "SL301", "--stdin-filename", "notes/a.txt", "-"], tmp_path,
                   stdin=text.encode("utf-8"))
    assert parsed(proc.stdout) == [("notes/a.txt", 1, 8, "SL301"), ("notes/a.txt", 1, 18, "SL301")]


def test_stdin_filename_and_per_file_ignores(tmp_path):
    proc = run_cli(["--select", CHEAP, "--per-file-ignores", "notes/*:SL3", "--stdin-filename",
                    "notes/a.txt", "-"], tmp_path, stdin=DOC.encode("utf-8"))
    assert parsed(proc.stdout) == [("notes/a.txt", 2, 4, "SL401")]


def test_stdin_in_gbk(tmp_path):
    proc = run_cli(["--select", CHEAP, "-"], tmp_path, stdin=DOC.encode("gbk"))
    assert parsed(proc.stdout) == [("-", l, c, code) for l, c, _, code in DOC_FOUND]


# --- rules ------------------------------------------------------------------------------------

def test_rules_lists_every_rule(tmp_path):
    proc = run_cli(["rules"], tmp_path)
    assert proc.returncode == 0
    rows = [l.split() for l in proc.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [(r.code, r.name) for r in builtin_rules()]


@pytest.mark.parametrize("name", ["SL101", "sl101", "duplicated-word"])
def test_rule_explains_one(tmp_path, name):
    proc = run_cli(["rule", name], tmp_path)
    assert proc.returncode == 0
    rule = next(r for r in builtin_rules() if r.code == "SL101")
    lines = proc.stdout.splitlines()
    assert lines[0] == "SL101 duplicated-word"
    assert rule.message in proc.stdout
    assert "Flagged:" in lines and "Not flagged:" in lines
    assert rule.bad[0].text in proc.stdout and rule.good[0] in proc.stdout


def test_rule_unknown(tmp_path):
    proc = run_cli(["rule", "SL999"], tmp_path)
    assert proc.returncode == 2
    assert "SL999" in proc.stderr and proc.stdout == ""


# --- suppression comments -------------------------------------------------------------------

SUPPRESSED = """\
<!-- speechlint-disable SL3 -->
关于XX县的通知，于×月完成，要精心布署。
<!-- speechlint-enable -->
于×月完成。
<!-- speechlint-disable-next-line SL401 -->
要精心布署，于×月完成。
要精心布署。
<!-- speechlint-disable SL301 SL401 -->
于×月完成，要精心布署，XX县。
<!-- speechlint-enable SL401 -->
于×月完成，要精心布署。
"""


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_suppression_comments(tmp_path, suffix):
    write(tmp_path / f"a{suffix}", SUPPRESSED)
    proc = run_cli(["--select", CHEAP, f"a{suffix}"], tmp_path)
    assert [(l, c, code) for _, l, c, code in parsed(proc.stdout)] == [
        (2, 19, "SL401"),  # only SL3 is disabled on line 2
        (4, 2, "SL301"),  # enabled again
        (6, 8, "SL301"),  # disable-next-line SL401 spares the ×
        (7, 4, "SL401"),  # the line after that
        (9, 13, "SL302"),  # SL301 and SL401 are disabled, SL302 is not
        (11, 10, "SL401"),  # SL401 enabled again, SL301 still disabled
    ]


# --- exit status 2 ----------------------------------------------------------------------------

def _one_error_line(proc, *needles):
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


@pytest.mark.parametrize("args, needle", [
    (["--select", "SL999"], "SL999"),
    (["--select", "XY1"], "XY1"),
    (["--ignore", "SL98"], "SL98"),
    (["--extend-select", "SL3,SL97"], "SL97"),
    (["--extend-ignore", "SL3,SL09"], "SL09"),
    (["--per-file-ignores", "a.txt:SL96"], "SL96"),
])
def test_unknown_code_is_an_error(tmp_path, args, needle):
    assert not any(r.code.startswith(needle) for r in builtin_rules()), f"{needle} names a rule now"
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(args + ["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    _one_error_line(proc, needle)


@pytest.mark.parametrize("name, text, needle", [
    ("speechlint.toml", 'select = ["SL3"\n', "invalid TOML"),
    ("speechlint.toml", 'selct = ["SL3"]\n', "selct"),
    ("speechlint.toml", 'select = 3\n', "select"),
    ("speechlint.toml", 'format = "xml"\n', "xml"),
    ("speechlint.toml", 'show-source = "yes"\n', "show-source"),
    ("pyproject.toml", '[tool.speechlint]\nexit_zero = true\n', "exit_zero"),
    ("pyproject.toml", '[tool.speechlint\n', "invalid TOML"),
])
def test_broken_config_is_an_error(tmp_path, name, text, needle):
    write(tmp_path / name, text)
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    _one_error_line(proc, name, needle)


def test_missing_config_file_is_an_error(tmp_path):
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["--config", "nope.toml", "a.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "nope.toml")


@pytest.mark.parametrize("rule_text, needle", [
    (HOUSE_WARNING.replace('kind = "existence"', 'kind = "existence"\ncolour = "red"'), "colour"),
    (HOUSE_WARNING.replace('["赋能"]', '["赋能"]\npatterns = ["(赋"]'), "bad options"),
    (HOUSE_WARNING.replace("SL901", "SL101"), "duplicate"),
    (HOUSE_WARNING.replace('"house-phrase"', '"House Phrase"'), "kebab"),
    ('code = "SL901"\nname = "house-phrase"\n', "missing"),
])
def test_broken_rule_file_via_extend_rules_is_an_error(tmp_path, rule_text, needle):
    write(tmp_path / "house" / "SL901.toml", rule_text)
    write(tmp_path / "speechlint.toml", 'extend-rules = ["house"]\n')
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    _one_error_line(proc, "SL901.toml", needle)


def test_missing_extend_rules_folder_is_an_error(tmp_path):
    write(tmp_path / "speechlint.toml", 'extend-rules = ["house"]\n')
    write(tmp_path / "a.txt", MIX)
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, "house")


BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
UNDECODABLE = "要精心布署。".encode("utf-8") + b"\xff\xfe\xfd\x80\n"
CONTROL = bytes(range(1, 9)) * 40 + "要精心布署。\n".encode("utf-8")


@pytest.mark.parametrize("name, data, cause", [
    ("missing.txt", None, "no such file"),
    ("image.txt", BINARY, "binary"),
    ("control.txt", CONTROL, "binary"),
    ("broken.txt", UNDECODABLE, "not UTF-8"),
])
def test_unreadable_file_is_reported_and_others_still_linted(tmp_path, name, data, cause):
    write(tmp_path / "a.txt", DOC)
    write(tmp_path / "z.txt", DOC)
    if data is not None:
        (tmp_path / name).write_bytes(data)
    proc = run_cli(["--select", CHEAP, "a.txt", name, "z.txt"], tmp_path)
    assert proc.returncode == 2
    _one_error_line(proc, name, cause)
    expected = [(p, l, c, code) for p in ("a.txt", "z.txt") for l, c, _, code in DOC_FOUND]
    assert parsed(proc.stdout) == expected


def test_several_unreadable_files_one_line_each(tmp_path):
    write(tmp_path / "a.txt", DOC)
    (tmp_path / "image.txt").write_bytes(BINARY)
    proc = run_cli(["--select", CHEAP, "nope.md", "a.txt", "image.txt"], tmp_path)
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 2
    assert "nope.md" in errors[0] and "no such file" in errors[0]
    assert "image.txt" in errors[1] and "binary" in errors[1]
    assert len(parsed(proc.stdout)) == 3


def test_exit_status_2_wins_over_exit_zero_for_unreadable_input(tmp_path):
    proc = run_cli(["--exit-zero", "--select", CHEAP, "nope.txt"], tmp_path)
    assert proc.returncode == 2


# --- encodings and newlines -----------------------------------------------------------------

ENCODINGS = {
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "crlf-utf-8-bom": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    "crlf-utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
    "crlf-gbk": lambda t: t.replace("\n", "\r\n").encode("gbk"),
}


def test_encodings_give_the_same_findings_as_utf8(tmp_path):
    text = DOC + "“第一，要提高认识。\n“第二，要压实责任。”\n于____年完成，这是我们的的目标。\n"
    write(tmp_path / "utf8.txt", text)
    names = ["utf8.txt"]
    for label, encode in ENCODINGS.items():
        (tmp_path / f"{label}.txt").write_bytes(encode(text))
        names.append(f"{label}.txt")
    # the GBK bytes are not valid UTF-8, so the GBK files really exercise the fallback
    with pytest.raises(UnicodeDecodeError):
        (tmp_path / "gbk.txt").read_bytes().decode("utf-8")
    proc = run_cli(["--format", "json", *names], tmp_path)
    items = as_json(proc)
    by_file = {}
    for item in items:
        by_file.setdefault(item["path"], []).append(
            (item["line"], item["column"], item["end_column"] - 1, item["code"], item["message"]))  # last column
    reference = sorted(by_file["utf8.txt"])
    core = [s[:4] for s in reference if s[3][:3] in ("SL1", "SL2", "SL3", "SL4", "SL5")]
    assert core == DOC_FOUND + [(5, 2, 5, "SL304"), (5, 15, 15, "SL101")]
    for name in names[1:]:
        assert sorted(by_file.get(name, [])) == reference, name


def test_crlf_show_source_has_no_carriage_return(tmp_path):
    (tmp_path / "a.txt").write_bytes(DOC.replace("\n", "\r\n").encode("utf-8"))
    proc = run_cli(["--select", "SL302", "--show-source", "a.txt"], tmp_path)
    assert proc.stdout.splitlines()[1:] == ["关于XX县的通知", "    ^^"]
    assert "\r" not in proc.stdout


# --- fail-level: which severities fail a run --------------------------------------------------

INFO_ONLY = "要检测土壤成份。\n"  # SL801, a variant form: info
WARNING_TOO = "要检测土壤成份，要深入学习 贯彻。\n"  # and SL606: warning


@pytest.mark.parametrize("text, args, status", [
    (INFO_ONLY, [], 0),  # shown, but info never fails by default
    (INFO_ONLY, ["--fail-level", "info"], 1),
    (WARNING_TOO, [], 1),
    (WARNING_TOO, ["--fail-level", "error"], 0),
    (WARNING_TOO, ["--fail-level", "warning", "--exit-zero"], 0),
])
def test_only_findings_at_the_fail_level_or_above_fail_the_run(tmp_path, text, args, status):
    write(tmp_path / "a.txt", text)
    proc = run_cli(["--isolated", "--select", "SL801,SL606", *args, "a.txt"], tmp_path)
    assert proc.returncode == status, proc.stdout + proc.stderr
    assert "SL801" in proc.stdout  # shown whatever the level


def test_fail_level_in_the_config_and_a_bad_one(tmp_path):
    write(tmp_path / "a.txt", WARNING_TOO)
    write(tmp_path / ".speechlint.toml", 'select = ["SL801", "SL606"]\nfail-level = "error"\n')
    assert run_cli(["a.txt"], tmp_path).returncode == 0
    assert run_cli(["--fail-level", "warning", "a.txt"], tmp_path).returncode == 1
    write(tmp_path / ".speechlint.toml", 'fail-level = "severe"\n')
    proc = run_cli(["a.txt"], tmp_path)
    assert proc.returncode == 2 and "fail-level 'severe' is not one of info, warning, error" in proc.stderr


# --- the pre-commit hooks --------------------------------------------------------------------

def test_the_pre_commit_hooks_check_word_files_and_the_fix_hook_fixes(tmp_path):
    import shlex

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"speechlint", "speechlint-fix"}
    check, fix = hooks["speechlint"], hooks["speechlint-fix"]
    for name in ("a.txt", "b.md", "c.docx"):
        assert re.search(check["files"], name) and "types" not in check
    assert re.search(fix["files"], "a.txt") and not re.search(fix["files"], "c.docx")  # Word files are not fixed
    write(tmp_path / "a.txt", "要认真落实落实各项工作。\n")
    entry = shlex.split(fix["entry"])
    assert entry[0] == "speechlint"
    proc = run_cli([*entry[1:], "--isolated", "a.txt"], tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "要认真落实各项工作。\n", proc.stderr


# --- the default output: severity, fix marks and the summary line ------------------------------

def test_the_default_output_shows_severity_marks_fixes_and_ends_with_a_summary(tmp_path):
    write(tmp_path / "a.txt", "要认真落实落实各项工作，于×月完成。\n检测土壤成份。\n")
    proc = run_cli(["--isolated", "--select", "SL101,SL301,SL801", "a.txt"], tmp_path)
    lines = proc.stdout.splitlines()
    assert [(m["code"], m["fix"], m["severity"]) for m in map(LINE.match, lines)] == [
        ("SL101", " [*]", "error"), ("SL301", None, "error"), ("SL801", None, "info")]
    assert proc.summary == "Found 3 findings (error 2, info 1). [*] 1 fixable with --fix. 1 more with --unsafe-fixes."
    unsafe = run_cli(["--isolated", "--select", "SL101,SL301,SL801", "--unsafe-fixes", "a.txt"], tmp_path)
    assert [m["fix"] for m in map(LINE.match, unsafe.stdout.splitlines())] == [" [*]", None, " [*]"]
    assert unsafe.summary.endswith("[*] 2 fixable with --fix --unsafe-fixes.")
    zh = run_cli(["--isolated", "--select", "SL101,SL301,SL801", "--lang", "zh", "a.txt"], tmp_path)
    assert zh.stdout.splitlines()[0] == "a.txt:1:6: SL101 [*] 错误：“落实”重复了"
    assert zh.summary.startswith("共发现 3 个问题（错误 2，提示 1）。[*] ")  # no space after 。
    clean = run_cli(["--isolated", "--select", "SL101", "a.txt"], tmp_path)
    assert clean.summary == "Found 1 finding (error 1). [*] 1 fixable with --fix."
    none = run_cli(["--isolated", "--select", "SL7", "a.txt"], tmp_path)
    assert none.stdout == "" and none.summary == "" and none.stderr == ""
    json_out = run_cli(["--isolated", "--format", "json", "a.txt"], tmp_path)
    assert json_out.summary == ""  # only after the default output


# --- speechlint rule --check: a rule's own examples as tests -----------------------------------

CHECKED_RULE = """code = "SL901"
name = "vague-wording"
kind = "existence"
message = "“{match}” says little: name the task"
doc = "Vague wording."
[examples]
bad = [%s]
good = [%s]
[options]
tokens = ["有关工作", "相关工作"]
replacement = "工作"
"""


def test_rule_check_passes_a_rule_whose_examples_hold_and_names_each_that_does_not(tmp_path):
    write(tmp_path / "ok.toml", CHECKED_RULE % ('{ text = "做好有关工作。", fixed = "做好工作。" }', '"落实各项任务。"'))
    proc = run_cli(["rule", "--check", "ok.toml"], tmp_path)
    assert proc.returncode == 0 and "its 1 bad and 1 good examples hold" in proc.stdout, proc.stdout + proc.stderr
    write(tmp_path / "bad.toml", CHECKED_RULE % ('{ text = "做好有关工作。", fixed = "做好任务。" }, "没有问题。"',
                                                   '"做好相关工作。"'))
    proc = run_cli(["rule", "--check", "bad.toml"], tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "bad.toml: SL901 vague-wording: bad example 1: its replacements give '做好工作。', not '做好任务。'",
        "bad.toml: SL901 vague-wording: bad example 2 is not flagged: '没有问题。'",
        "bad.toml: SL901 vague-wording: good example 1 is flagged at column 3: '做好相关工作。' "
        "(“相关工作” says little: name the task)"]
    write(tmp_path / "broken.toml", "code = 1\n")
    proc = run_cli(["rule", "--check", "broken.toml"], tmp_path)
    assert proc.returncode == 2 and "broken.toml" in proc.stderr


def test_the_built_in_rules_pass_their_own_check():
    proc = run_cli(["rule", "--check", "rules"], REPO)
    assert proc.returncode == 0, proc.stdout
    assert len(proc.stdout.splitlines()) == len(list((REPO / "rules").glob("*.toml")))


def test_rule_check_loads_a_rule_as_a_run_does(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "lists" / "vague.txt", "有关工作\n")
    rule = CHECKED_RULE % ('"做好有关工作。"', '"落实各项任务。"')
    rule = rule.replace('tokens = ["有关工作", "相关工作"]', 'tokens-file = "../lists/vague.txt"')
    write(tmp_path / "lint-rules" / "SL901.toml", rule)
    write(tmp_path / "speechlint.toml", 'extend-rules = ["lint-rules"]\n')
    # its data file is inside the project root (the repository), as for a run
    proc = run_cli(["rule", "--check", "lint-rules"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # a rule with a built-in code would not load in a run: not in the check either
    write(tmp_path / "lint-rules" / "SL901.toml", rule.replace('code = "SL901"', 'code = "SL101"'))
    proc = run_cli(["rule", "--check", "lint-rules"], tmp_path)
    assert proc.returncode == 2 and "duplicate code SL101" in proc.stderr
