#!/usr/bin/env python3
"""Compile speechlint's gettext catalogs (.po -> .mo) and check them against the source.

    python3 scripts/compile_catalogs.py            write every speechlint/locale/*/LC_MESSAGES/*.mo
    python3 scripts/compile_catalogs.py --check    exit 1 if a .mo is not the compiled .po, or if
                                                   the source has text to translate that a .po
                                                   lacks (or a .po has text the source no longer has)

No dependency: the .po reader and the .mo writer follow GNU msgfmt (and CPython's
Tools/i18n/msgfmt.py): fuzzy and untranslated entries are left out, the keys are sorted, no hash
table. The output is the same bytes for the same .po, so the shipped .mo can be compared.

Text to translate is found in speechlint/**/*.py as the first argument of _(...), N_(...) and
gettext(...) and the first two of ngettext(...), when they are string literals (a variable is
text marked with N_() where it is defined; an f-string there is an error: the catalog could never
hold it).
"""
from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "speechlint"
LOCALE = PACKAGE / "locale"


class CatalogError(Exception):
    pass


def read_po(text: str, source: str = "<po>") -> List[dict]:
    """The entries of a .po file: dicts with msgid, msgid_plural (or None), msgstr (a list:
    one item, or one per plural form), fuzzy (bool), line (of the msgid)."""
    entries: List[dict] = []
    entry: Optional[dict] = None
    section: Optional[str] = None
    fuzzy = False

    def close():
        nonlocal entry
        if entry is not None:
            entries.append(entry)
        entry = None

    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if entry is not None and section is not None and section.startswith("msgstr"):
                close()
                fuzzy = False
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = None, line
        elif keyword == "msgctxt":
            raise CatalogError(f"{source}:{no}: msgctxt is not used by speechlint")
        elif keyword == "msgid":
            if entry is not None:
                close()
            entry = {"msgid": "", "msgid_plural": None, "msgstr": [], "fuzzy": fuzzy, "line": no}
            fuzzy = False
            section = "msgid"
        elif keyword == "msgid_plural" and entry is not None:
            entry["msgid_plural"] = ""
            section = "msgid_plural"
        elif keyword == "msgstr" and entry is not None:
            entry["msgstr"] = [""]
            section = "msgstr0"
        elif keyword.startswith("msgstr[") and keyword.endswith("]") and entry is not None:
            index = int(keyword[7:-1])
            if index != len(entry["msgstr"]):
                raise CatalogError(f"{source}:{no}: msgstr[{index}] out of order")
            entry["msgstr"].append("")
            section = f"msgstr{index}"
        else:
            raise CatalogError(f"{source}:{no}: cannot read {line[:40]!r}")
        if not rest.startswith('"') or not rest.endswith('"') or len(rest) < 2:
            raise CatalogError(f"{source}:{no}: expected a quoted string")
        try:
            value = ast.literal_eval(rest)
        except (SyntaxError, ValueError):
            raise CatalogError(f"{source}:{no}: bad string {rest[:40]}") from None
        if entry is None or section is None:
            raise CatalogError(f"{source}:{no}: a string outside an entry")
        if section == "msgid":
            entry["msgid"] += value
        elif section == "msgid_plural":
            entry["msgid_plural"] += value
        else:
            entry["msgstr"][int(section[6:])] += value
    close()
    seen = set()
    for e in entries:
        key = (e["msgid"], e["msgid_plural"])
        if key in seen:
            raise CatalogError(f"{source}:{e['line']}: duplicate msgid {e['msgid'][:40]!r}")
        seen.add(key)
    return entries


def translated(entry: dict) -> bool:
    return not entry["fuzzy"] and bool(entry["msgstr"]) and all(entry["msgstr"])


def compile_po(text: str, source: str = "<po>") -> bytes:
    """The .mo bytes of a .po text (GNU format, little-endian, revision 0, no hash table)."""
    messages: Dict[bytes, bytes] = {}
    for e in read_po(text, source):
        if e["msgid"] and not translated(e):
            continue
        if e["msgid"] == "" and (e["fuzzy"] or not e["msgstr"]):
            continue
        key = e["msgid"] if e["msgid_plural"] is None else e["msgid"] + "\0" + e["msgid_plural"]
        messages[key.encode("utf-8")] = "\0".join(e["msgstr"]).encode("utf-8")
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(messages[k])))
        ids += k + b"\0"
        strs += messages[k] + b"\0"
    start = 7 * 4 + 16 * len(keys)
    key_table, value_table = [], []
    for id_off, id_len, str_off, str_len in offsets:
        key_table += [id_len, start + id_off]
        value_table += [str_len, start + len(ids) + str_off]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return header + struct.pack(f"{len(key_table)}i", *key_table) + \
        struct.pack(f"{len(value_table)}i", *value_table) + ids + strs


def catalogs() -> List[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


TRANSLATORS = {"_": 1, "N_": 1, "gettext": 1, "ngettext": 2}


def extract(files: Iterable[Path]) -> Tuple[Dict[Tuple[str, Optional[str]], str], List[str]]:
    """({(msgid, msgid_plural): 'file:line'}, [problems]) of the text to translate in files."""
    found: Dict[Tuple[str, Optional[str]], str] = {}
    problems: List[str] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name):
                name = func.id
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "i18n":
                name = func.attr  # i18n.gettext(...); not catalog(lang).gettext(...)
            else:
                continue
            if name not in TRANSLATORS:
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            args = node.args[:TRANSLATORS[name]]
            if any(isinstance(a, ast.JoinedStr) for a in args):
                problems.append(f"{where}: {name}() of an f-string: the catalog cannot hold it "
                                f"(translate the template, then .format() it)")
                continue
            if len(args) < TRANSLATORS[name] or not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                        for a in args):
                continue  # a variable: text marked with N_() where it is defined
            key = (args[0].value, args[1].value if len(args) > 1 else None)
            found.setdefault(key, where)
    return found, problems


def source_files() -> List[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "locale" not in p.parts)


def check() -> List[str]:
    """What is wrong with the catalogs, one line each (nothing: all is well)."""
    problems: List[str] = []
    wanted, bad = extract(source_files())
    problems += bad
    for po in catalogs():
        name = po.relative_to(REPO)
        try:
            text = po.read_text(encoding="utf-8")
            entries = read_po(text, str(name))
            compiled = compile_po(text, str(name))
        except CatalogError as exc:
            problems.append(str(exc))
            continue
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled:
            problems.append(f"{mo.relative_to(REPO)} is not the compiled {name}: run python3 scripts/compile_catalogs.py")
        have = {(e["msgid"], e["msgid_plural"]): e for e in entries if e["msgid"]}
        for key, where in sorted(wanted.items(), key=lambda kv: kv[1]):
            if key not in have:
                problems.append(f"{name}: no entry for {key[0]!r} ({where})")
            elif not translated(have[key]):
                problems.append(f"{name}:{have[key]['line']}: {key[0]!r} is not translated (or fuzzy)")
        for key, e in have.items():
            if key not in wanted:
                problems.append(f"{name}:{e['line']}: {key[0]!r} is not in the source any more")
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true", help="check, write nothing")
    args = p.parse_args(argv)
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    for po in catalogs():
        try:
            data = compile_po(po.read_text(encoding="utf-8"), str(po))
        except CatalogError as exc:
            print(exc, file=sys.stderr)
            return 1
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != data:
            mo.write_bytes(data)
            print(f"wrote {mo.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
