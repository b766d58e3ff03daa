"""Applying fixes: edits on the original text, never touching a byte outside them."""
from __future__ import annotations

import codecs
import difflib
import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

from speechlint.diagnostics import Diagnostic, Edit
from speechlint.document import Document, from_text, line_starts
from speechlint.i18n import _

MAX_ROUNDS = 1000  # a bound for fixes that never settle; real documents settle in a few rounds


def line_offsets(text: str) -> List[int]:
    """Offset in text of the start of each line, as speechlint.document splits lines (\n,
    \r\n and a lone \r end a line)."""
    return line_starts(text)


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
    """Lint and fix until nothing more changes: a round applies the fixes that do not overlap,
    the next round lints the result and applies what is left (nested brackets are fixed one
    level a round). It stops when a round changes nothing, when it gives back a text already
    seen (fixes that undo each other), or after MAX_ROUNDS rounds (fixes that would go on for
    ever, such as an insertion proposed again and again). A round after which the text has more
    findings than before it is undone, and fixing stops there: its fixes misread the text (a
    straight quotation mark paired across brackets that do not nest), and a fix must never leave a
    document worse than it found it. Returns the fixed document, the number of fixes applied,
    and the diagnostics that remain."""
    applied = 0
    diags = lint(doc)
    seen = {hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).digest()}
    for _round in range(MAX_ROUNDS):
        edits = chosen_edits(diags, unsafe)
        if not edits:
            break
        text, n = apply_edits(doc.text, edits)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        if n == 0 or key in seen:
            break
        seen.add(key)
        fixed = from_text(doc.path, text, doc.encoding, doc.bom)
        after = lint(fixed)
        if len(after) > len(diags):
            break  # worse than before the round: the round is not applied
        applied += n
        doc, diags = fixed, after
    return doc, applied, diags


BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def encode(doc: Document) -> bytes:
    """The document's text in its own encoding, with the BOM it was read with."""
    data = doc.text.encode(doc.encoding)
    return (BOMS.get(doc.encoding, b"") + data) if doc.bom else data


class NotWritten(OSError):
    """A file that --fix leaves as it is, and why (the message)."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its size, modification time and inode, and its bytes."""

    size: int
    mtime_ns: int
    inode: int
    data: bytes


def snapshot(path: str) -> Optional[Snapshot]:
    """The state of the file at path now (taken just after it is read for fixing), or None if
    it cannot be read."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            return Snapshot(st.st_size, st.st_mtime_ns, st.st_ino, fh.read())
    except OSError:
        return None


def _unchanged(path: str, before: Snapshot) -> bool:
    st = os.stat(path)
    if (st.st_size, st.st_mtime_ns, st.st_ino) != (before.size, before.mtime_ns, before.inode):
        return False
    with open(path, "rb") as fh:
        return fh.read(before.size + 1) == before.data


def write_atomically(path: str, data: bytes, before: Optional[Snapshot] = None) -> None:
    """Write data to path through a temporary file beside it and a rename, keeping the
    file's permissions, owner and group. Raises OSError (NotWritten for a file refused).

    A symbolic link is followed: the file it points to is replaced, the link stays. Refused,
    with nothing written:
    - a read-only file: one that the user may not write, or whose mode has no write bit at
      all (0444), even for root, who may write anything;
    - a file with several hard links, which a rename would separate (the other names would
      keep the old text);
    - a file whose owner and group cannot be given to the new file (owned by another user,
      for anyone but root);
    - given `before` (the file as it was read), a file that has changed since: its size,
      modification time, inode or bytes differ just before the rename (a change in the
      instant between this check and the rename cannot be seen)."""
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    st = os.stat(path)
    mode = stat.S_IMODE(st.st_mode)
    if not stat.S_ISREG(st.st_mode):
        raise NotWritten(_("not a regular file; nothing was written"))
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise NotWritten(_("the file is read-only (mode {mode}); nothing was written").format(mode=f"{mode:04o}"))
    if st.st_nlink > 1:
        raise NotWritten(_("the file has {n} hard links, which rewriting it would separate; "
                           "nothing was written").format(n=st.st_nlink))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".speechlint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            mine = os.fstat(fh.fileno())
            if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
                try:
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                except PermissionError:
                    raise NotWritten(_("the file belongs to another user or group, which a rewritten "
                                       "file could not keep; nothing was written")) from None
            os.fchmod(fh.fileno(), mode)
        if before is not None and not _unchanged(path, before):
            raise NotWritten(_("the file changed while speechlint was fixing it; nothing was written"))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


NO_NEWLINE = b"\\ No newline at end of file\n"


def unified_diff(name: str, before: bytes, after: bytes) -> bytes:
    """A unified diff of a file's bytes before and after, as `diff -u` writes it and `patch`
    reads it: lines are the bytes up to each \\n (so CR-only and mixed line ends, a BOM, GBK
    and UTF-16 are carried byte for byte), a last line without \\n is followed by the
    "\\ No newline at end of file" marker, and both headers name the file as given, so that
    `patch -p0` applies it from the folder speechlint ran in."""
    label = name.lstrip("/").encode("utf-8", "backslashreplace")
    out = []
    for line in difflib.diff_bytes(difflib.unified_diff, _lines(before), _lines(after),
                                   fromfile=label, tofile=label):
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n" + NO_NEWLINE)
    return b"".join(out)


def _lines(data: bytes) -> List[bytes]:
    """data cut after each \\n (bytes.splitlines would cut at \\r and more)."""
    lines = data.split(b"\n")
    out = [l + b"\n" for l in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out
