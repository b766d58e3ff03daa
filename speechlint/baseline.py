"""A baseline: the findings a team accepts in the documents it already has, so that a run reports
only new ones (how a team adopts speechlint on an archive of documents).

`speechlint --write-baseline FILE PATHS` records today's findings; `--baseline FILE` (or
`baseline` in the config) leaves out every finding the file records. A finding is recorded by
its content, not its place: the file (as a path relative to the baseline's folder), the rule's
code and the text the finding covers with up to CONTEXT characters either side on its line.
Lines added or removed above it do not revive it; editing the text it covers, or next to it,
does. The same finding several times in one file is recorded with its count,
and only as many are left out: a new occurrence of an accepted phrase is reported (the last ones
in the file, by position).

The file is JSON, sorted, one finding per entry, so that a change to it reads well in a review.
"""
from __future__ import annotations

import json
import os
import stat
import tempfile
from collections import Counter
from typing import Dict, Iterable, List, Mapping, Sequence, Tuple

from speechlint.diagnostics import Diagnostic
from speechlint.guard import excerpt, reason, shorten
from speechlint.i18n import _

FORMAT = 1
MAX_SIZE = 64 * 2 ** 20  # bytes: a baseline larger than this is refused
CONTEXT = 3  # characters either side of a finding's text that are part of its key (于×月 and 月×日)
Key = Tuple[str, str, str]


class BaselineError(Exception):
    """A baseline that cannot be read or written; str() names the file and the cause."""


def _relative(path: str, folder: str) -> str:
    if path == "-":
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), folder)
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def covered_text(d: Diagnostic, lines: Sequence[str]) -> str:
    """The text a finding covers (to the end of its first line, for a span over several), with
    up to CONTEXT characters of its line either side."""
    if not 1 <= d.line <= len(lines):
        return ""
    line = lines[d.line - 1]
    end = d.end_column if d.end_line == d.line else len(line)
    return line[max(0, d.column - 1 - CONTEXT):end + CONTEXT]


def keys(diags: Sequence[Diagnostic], texts: Mapping[str, Sequence[str]], baseline: str) -> List[Key]:
    """The key of each finding: (path relative to the baseline's folder, code, text in context)."""
    folder = os.path.dirname(os.path.abspath(baseline))
    return [(_relative(d.path, folder), d.code, covered_text(d, texts.get(d.path, ()))) for d in diags]


def write(baseline: str, diags: Sequence[Diagnostic], texts: Mapping[str, Sequence[str]]) -> int:
    """Record the findings in the file baseline (atomically); the number recorded."""
    counts = Counter(keys(diags, texts, baseline))
    entries = [{"path": p, "code": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())]
    data = json.dumps({"speechlint-baseline": FORMAT, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    folder = os.path.dirname(os.path.abspath(baseline))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".speechlint-baseline-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, baseline)
        tmp = None
    except OSError as exc:
        raise BaselineError(_("{file}: cannot write the baseline: {error}").format(file=baseline, error=reason(exc))) from None
    finally:
        if tmp is not None and os.path.lexists(tmp):  # a temporary file left by a failure
            os.unlink(tmp)
    return sum(counts.values())


def read(baseline: str) -> Counter:
    """The recorded findings of the file baseline, as a count per key."""
    try:
        # (opened without blocking and checked to be a regular file: a named pipe given as the
        # baseline blocked the run for ever)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(baseline, flags), encoding="utf-8") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise BaselineError(_("{file}: cannot read the baseline: not a regular file").format(file=baseline))
            if st.st_size > MAX_SIZE:
                raise BaselineError(_("{file}: the baseline is larger than {size} MB").format(
                    file=baseline, size=MAX_SIZE // 2 ** 20))
            data = json.loads(fh.read(MAX_SIZE + 1))
    except OSError as exc:
        raise BaselineError(_("{file}: cannot read the baseline: {error}").format(file=baseline, error=reason(exc))) from None
    except (ValueError, RecursionError) as exc:
        raise BaselineError(_("{file}: not a speechlint baseline (invalid JSON: {error})").format(
            file=baseline, error=shorten(exc))) from None
    if not isinstance(data, dict) or data.get("speechlint-baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(_("{file}: not a speechlint baseline of format {format} "
                              "(write one with --write-baseline)").format(file=baseline, format=FORMAT))
    out: Counter = Counter()
    for entry in data["findings"]:
        if (not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("path", "code", "text"))
                or not isinstance(entry.get("count", 1), int) or isinstance(entry.get("count", 1), bool)):
            raise BaselineError(_("{file}: a finding that is not path, code, text and count: {entry}").format(
                file=baseline, entry=excerpt(entry)))
        out[(entry["path"], entry["code"], entry["text"])] += max(0, entry.get("count", 1))
    return out


def new_findings(diags: Sequence[Diagnostic], texts: Mapping[str, Sequence[str]], baseline: str,
                 accepted: Counter) -> List[Diagnostic]:
    """The findings that the baseline does not record (diags in the order of their places)."""
    left = Counter(accepted)
    out = []
    for d, k in zip(diags, keys(diags, texts, baseline)):
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(d)
    return out
