"""The files of the cache folder (speechlint.lexicon.cache_dir): each written whole or not at all,
the earlier versions of the same data removed, and, where a damaged file must not be trusted,
read only when the hash stored before its payload holds. A cache that cannot be read or written
only costs time: nothing here raises for it."""
from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any, Optional

_DIGEST = 32  # bytes of SHA-256 before a checked payload


def read_checked(path: Path) -> Optional[Any]:
    """The value marshalled in the checked file at path (see write_checked), or None when it
    cannot be read, its hash does not hold or marshal refuses it."""
    try:
        blob = Path(path).read_bytes()
        payload = blob[_DIGEST:]
        if hashlib.sha256(payload).digest() != blob[:_DIGEST]:
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_checked(path: Path, value: Any, older: str = "") -> None:
    """value marshalled into path behind its SHA-256 (see write)."""
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return  # a value marshal cannot write is not kept
    write(path, hashlib.sha256(payload).digest() + payload, older)


def write(path: Path, data: bytes, older: str = "") -> None:
    """data into path, atomically (a temporary file of the folder put in its place, removed if that
    fails); then the other files of the folder that match the glob `older` (the earlier versions
    of the same data) are removed."""
    import tempfile  # (only when a cache file is written: issue 12, start-up)

    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob(older) if older else ():
            if old != path:
                old.unlink()
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
