"""Shared helpers for the speechlint test suite.

The rule set and the language resources (jieba's dictionary, pinyin readings) are loaded once
per session: loading the lexicon costs about a second, linting a sentence a few milliseconds.
"""
from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import pytest

from speechlint.context import Resources
from speechlint.diagnostics import Diagnostic
from speechlint.document import from_text
from speechlint.engine import lint
from speechlint.ruleset import Rule, load_rules

REPO = Path(__file__).resolve().parent.parent

# The suite expects English whatever the developer's locale (speechlint follows LC_ALL,
# LC_MESSAGES and LANG); the tests of Chinese output ask for it themselves.
for _var in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


@functools.lru_cache(maxsize=None)
def builtin_rules() -> tuple:
    """The built-in rules, loaded once (also used at collection time for parametrization)."""
    return load_rules()


@functools.lru_cache(maxsize=None)
def shared_resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def rules() -> tuple:
    return builtin_rules()


@pytest.fixture(scope="session")
def rules_by_code(rules) -> dict:
    return {r.code: r for r in rules}


@pytest.fixture(scope="session")
def resources() -> Resources:
    return shared_resources()


def lint_text(text: str, rules: Iterable[Rule], path: str = "doc.txt",
              allow: Sequence[str] = ()) -> List[Diagnostic]:
    """Lint text in memory with the given rules and the session's resources."""
    return lint(from_text(path, text), list(rules), shared_resources(), allow)


def apply_replacements(text: str, diags: Iterable[Diagnostic]) -> str:
    """text with every diagnostic's replacement written over its span.

    Spans are 1-based; end_column is inclusive. Edits are applied from the end of the text
    backwards so that earlier positions stay valid; overlapping edits are a test failure.
    """
    lines = text.split("\n")
    edits = sorted(((d.line, d.column, d.end_line, d.end_column, d.replacement) for d in diags
                    if d.replacement is not None), reverse=True)
    previous = None
    for line, col, end_line, end_col, repl in edits:
        assert line == end_line, f"multi-line replacement at {line}:{col} is not supported"
        if previous is not None and previous[0] == line:
            assert end_col < previous[1], f"overlapping replacements at {line}:{col} and {previous}"
        text_line = lines[line - 1]
        lines[line - 1] = text_line[:col - 1] + repl + text_line[end_col:]
        previous = (line, col)
    return "\n".join(lines)


def cli_env() -> dict:
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("SPEECHLINT_CONFIG", None)
    return env


def run_cli(args: Sequence[str], cwd: Path, stdin: Optional[bytes] = None,
            timeout: float = 120, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    """Run `python -m speechlint ARGS` in cwd; stdout and stderr decoded as UTF-8. env: variables
    to set (or, with the value None, to remove) for this run."""
    environ = cli_env()
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    proc = subprocess.run([sys.executable, "-m", "speechlint", *args], cwd=str(cwd),
                          input=stdin if stdin is not None else b"", capture_output=True,
                          env=environ, timeout=timeout)
    stderr = proc.stderr.decode("utf-8")
    # the default output's summary line (on standard error) is kept apart: tests of errors read
    # stderr without it, tests of the summary read done.summary
    summaries = SUMMARY.findall(stderr)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       SUMMARY.sub("", stderr))
    done.summary = "".join(summaries).strip()
    return done


SUMMARY = re.compile(r"^(?:Found \d+ findings? \(|共发现 \d+ 个问题（).*\n", re.M)
