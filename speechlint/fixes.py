"""Applying fixes: edits on the original text, never touching a byte outside them."""
from __future__ import annotations

import codecs
import difflib
import errno
import os
import stat
import tempfile
from typing import Callable, List, Sequence, Tuple

from speechlint.diagnostics import Diagnostic, Edit
from speechlint.document import Document, from_text

MAX_ROUNDS = 10


def line_offsets(text: str) -> List[int]:
    """Offset in text of the start of each line, as speechlint.document splits lines."""
    offsets = [0]
    pos = text.find("\n")
    while pos >= 0:
        offsets.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return offsets


def _absolute(offsets: Sequence[int], text: str, line: int, col: int) -> int:
    if line >= len(offsets):
        return len(text)
    return min(offsets[line] + col, len(text))


def chosen_edits(diags: Sequence[Diagnostic], unsafe: bool) -> List[Edit]:
    edits = []
    for d in diags:
        if d.fix is not None and (d.fix.applicability == "safe" or unsafe):
            edits.extend(d.fix.edits)
    return edits


def apply_edits(text: str, edits: Sequence[Edit]) -> Tuple[str, int]:
    """text with the edits applied, and how many were applied. Edits are taken in order of
    position; one that overlaps an edit already taken is left for a later round."""
    offsets = line_offsets(text)
    spans = sorted(((_absolute(offsets, text, e.line, e.start), _absolute(offsets, text, e.end_line, e.end), e.text)
                    for e in edits), key=lambda s: (s[0], s[1]))
    taken = []
    last_end = -1
    for start, end, new in spans:
        if start < last_end or (start == last_end and taken and taken[-1][0] == taken[-1][1] == start):
            continue
        if start > end:
            continue
        taken.append((start, end, new))
        last_end = end
    out = []
    pos = 0
    for start, end, new in taken:
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out), len(taken)


def fix_document(doc: Document, lint: Callable[[Document], List[Diagnostic]], unsafe: bool):
    """Lint and fix until nothing more changes (at most MAX_ROUNDS rounds). Returns the fixed
    document, the number of fixes applied, and the diagnostics that remain."""
    applied = 0
    diags = lint(doc)
    for _ in range(MAX_ROUNDS):
        edits = chosen_edits(diags, unsafe)
        if not edits:
            break
        text, n = apply_edits(doc.text, edits)
        if n == 0 or text == doc.text:
            break
        applied += n
        doc = from_text(doc.path, text, doc.encoding, doc.bom)
        diags = lint(doc)
    return doc, applied, diags


BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def encode(doc: Document) -> bytes:
    """The document's text in its own encoding, with the BOM it was read with."""
    data = doc.text.encode(doc.encoding)
    return (BOMS.get(doc.encoding, b"") + data) if doc.bom else data


def write_atomically(path: str, data: bytes) -> None:
    """Write data to path through a temporary file beside it and a rename, keeping the
    file's permissions. Raises OSError.

    A symbolic link is followed: the file it points to is replaced, the link stays. A file
    the user may not write (read-only) is refused even where its folder would allow the
    rename, as an editor would refuse it."""
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".speechlint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    name = path.lstrip("/")
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))
