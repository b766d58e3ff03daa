"""How diagnostics are printed. Nothing here decides what is reported."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Dict, List, Optional, Sequence

from speechlint.diagnostics import Diagnostic
from speechlint.i18n import N_, _, ngettext

FAMILIES = {  # translated where they are shown (speechlint.i18n)
    "0": N_("speechlint's own comments"), "1": N_("duplication"), "2": N_("pairs"), "3": N_("placeholders"), "4": N_("typos"),
    "5": N_("promotional text"), "6": N_("punctuation, spacing and numerals"), "7": N_("structure"),
    "8": N_("wording"), "9": N_("your own rules"),
}
N_("other")  # the family of a code outside these
# formats whose output is one document (JSON, SARIF, HTML): statistics go to stderr after them
STRUCTURED = ("json", "json-lines", "sarif", "gitlab", "html")
STREAMED = ("default", "pylint", "github", "json-lines")  # one finding a line: shown as files finish


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """text that can be written as UTF-8: a file name that is not valid UTF-8 comes from the
    system with each undecodable byte as a lone surrogate (U+DC80-U+DCFF, PEP 383), which
    is shown as \\xNN (the byte); any other lone surrogate as \\uNNNN."""
    def shown(m) -> str:
        code = ord(m.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(shown, text)


# what must never reach a terminal or a CI log raw: C0 controls (newline, carriage return,
# ESC...), DEL, C1 controls (U+0080-U+009F, CSI among them), the Unicode line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what is shown
CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROLS}]")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # json escapes C0 itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def clean(text: str) -> str:
    """text for a line of plain output (a file name, a message, an error): printable(), and
    every control character written as an escape (\\n, \\r, \\t, \\x1b, \\u2028), so that a
    file name or a text can neither break a line (one finding per line, no GitHub workflow
    command of its own) nor send a terminal an escape sequence. A backslash is left as it
    is: the result is for reading, not for parsing back."""
    text = printable(text)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group()) or
                        (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
                        text)


def pictured(text: str, tabs: bool = False) -> str:
    """A source line to show under a finding: each control character as one visible
    character (C0 as its Control Picture, U+2400-U+241F, DEL as U+2421, the others as
    U+FFFD), so that columns and the caret stay where they were. tabs: keep tabs as they are."""
    if not _CONTROL.search(text):
        return text
    def one(m) -> str:
        code = ord(m.group())
        if tabs and code == 9:
            return "\t"
        return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    return _CONTROL.sub(one, text)


def json_text(value, indent: Optional[int] = None) -> str:
    """value as JSON text (json.dumps, ensure_ascii=False), made safe by json_safe. json is
    imported here, by the formats that write it (issue 12: start-up)."""
    import json

    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def json_safe(text: str) -> str:
    """JSON text (from json.dumps, ensure_ascii=False) with the control characters json
    leaves raw (DEL, C1, U+2028/9, bidi controls) written as \\uXXXX: the same value, and
    nothing a terminal acts on. They can only stand inside strings, where the escape means
    the same character."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def width(text: str) -> int:
    """Display width in a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


# the severities as the default output and the summary name them
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
FIX_MARK = "[*]"  # a finding that --fix (or, with --unsafe-fixes, --fix --unsafe-fixes) repairs


def fixable(d: Diagnostic, unsafe: bool = False) -> bool:
    """Does --fix repair d (with unsafe: --fix --unsafe-fixes)?"""
    return d.fix is not None and (d.fix.applicability == "safe" or unsafe)


def default(diags: Sequence[Diagnostic], sources: Dict[str, Sequence[str]], show_source: bool,
            unsafe: bool = False) -> List[str]:
    """flake8's lines, the code first, then the severity and, as ruff marks them, [*] on what
    the fixes that are on repair: path:line:col: CODE [*] severity: message."""
    out = []
    words = {k: _(v) for k, v in SEVERITY_WORDS.items()}
    said = _("{severity}: {message}")  # 错误：… in Chinese
    for d in diags:
        mark = f" {FIX_MARK}" if fixable(d, unsafe) else ""
        text = said.format(severity=words.get(d.severity, d.severity), message=clean(d.message))
        out.append(f"{clean(d.path)}:{d.line}:{d.column}: {d.code}{mark} {text}")
        lines = sources.get(d.path)
        if show_source and lines and d.line <= len(lines):
            text = pictured(lines[d.line - 1].replace("\t", " "))
            out.append(text)
            span = text[d.column - 1:d.end_column] or " "
            out.append(" " * width(text[:d.column - 1]) + "^" * max(1, width(span)))
    return out


def as_dict(d: Diagnostic) -> dict:
    # end_line and end_column point one past the last character, as the fix's end_location, LSP
    # and ruff do (README, "Positions"); a finding at the end of a line ends at its length + 1
    item = {"path": d.path, "line": d.line, "column": d.column, "end_line": d.end_line,
            "end_column": d.end_column + 1, "code": d.code, "name": d.name, "message": d.message,
            "severity": d.severity}
    if d.replacement is not None:
        item["replacement"] = d.replacement
    if d.fix is not None:
        # edits as ruff writes them: start and end locations, the end exclusive (one past the
        # last character replaced; an insertion has end == start)
        item["fix"] = {"applicability": d.fix.applicability,
                       "edits": [{"location": {"line": e.line + 1, "column": e.start + 1},
                                  "end_location": {"line": e.end_line + 1, "column": e.end + 1},
                                  "content": e.text} for e in d.fix.edits]}
    return item


def as_json(diags: Sequence[Diagnostic]) -> List[str]:
    return [json_text([as_dict(d) for d in diags], 2)]


def _escape(text: str, prop: bool = False) -> str:
    """A workflow command's data (after ::) or property (prop): GitHub's escapes, %25, %0D,
    %0A (and %3A, %2C in properties), over clean(), so that no other control character
    reaches the log either; a name can therefore never end the command or start another."""
    text = clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(diags: Sequence[Diagnostic]) -> List[str]:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    return [f"::{level.get(d.severity, 'warning')} file={_escape(d.path, True)},line={d.line},"
            f"col={d.column},endLine={d.end_line},endColumn={d.end_column + 1},"
            f"title={_escape(d.code + ' ' + d.name, True)}::{_escape(d.message)}" for d in diags]


def json_lines(diags: Sequence[Diagnostic]) -> List[str]:
    """One JSON object per line, the same objects as --format json."""
    return [json_text(as_dict(d)) for d in diags]


def pylint(diags: Sequence[Diagnostic]) -> List[str]:
    """pylint's parseable format: path:line: [CODE(name), ] message"""
    return [f"{clean(d.path)}:{d.line}: [{d.code}({d.name}), ] {clean(d.message)}" for d in diags]


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|<?https?://[^\s>）)]+>?")


def doc_summary(doc: str, limit: int = 240) -> str:
    """The opening of a rule's doc on one line, without links or URLs: its first paragraph,
    cut after the last whole sentence that fits in limit characters (never less than one)."""
    first = doc.strip().split("\n\n")[0]
    first = _LINK.sub(lambda m: m.group(1) or "", first)
    # lines joined with a space, but not where Chinese meets Chinese (a Chinese doc's line
    # breaks fall inside sentences)
    first = _WIDE_BREAK.sub("", first)
    first = " ".join(first.split())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(“\u4e00-\u9fff])|(?<=[。！？])(?=[\u4e00-\u9fff“《（])", first) if s]
    out = sentences[0] if sentences else ""
    for s in sentences[1:]:
        wide = out.endswith(("。", "！", "？"))
        if len(out) + (0 if wide else 1) + len(s) > limit:
            break
        out += s if wide else " " + s
    return out


_WIDE = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t]*\n[ \t　]*(?=[{_WIDE}])")


def _uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative paths as POSIX paths (GitHub resolves them
    against the repository root), absolute ones as file: URIs. A byte of a file name that is
    not UTF-8 (a lone surrogate, see printable) is percent-encoded."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.as_uri()
        except (UnicodeEncodeError, ValueError):
            return "file://" + "/".join(_quoted(part) for part in p.as_posix().split("/"))
    return "/".join(_quoted(part) for part in PurePath(path).as_posix().split("/") if part != ".")


def _quoted(part: str) -> str:
    part = part.replace("%", "%25").replace(" ", "%20").replace("#", "%23")
    part = _CONTROL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), part)
    return _SURROGATE.sub(lambda m: "".join(f"%{b:02X}" for b in _raw_bytes(m.group())), part)


def _raw_bytes(ch: str) -> bytes:
    try:
        return ch.encode("utf-8", "surrogateescape")  # the byte the surrogate stands for
    except UnicodeEncodeError:
        return ch.encode("utf-8", "surrogatepass")


SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_table(diags: Sequence[Diagnostic], rules) -> list:
    by_code = {r.code: r for r in rules or ()}
    codes = sorted(set(by_code) | {d.code for d in diags})
    names = {d.code: d.name for d in diags}
    severity = {d.code: d.severity for d in diags}
    out = []
    for code in codes:
        r = by_code.get(code)
        name = r.name if r else names.get(code, code)
        level = SARIF_LEVEL.get(r.severity if r else severity.get(code, "warning"), "warning")
        summary = doc_summary(r.doc_in()) if r else name
        item = {"id": code, "name": name,
                "shortDescription": {"text": r.title().replace("-", " ") if r else name.replace("-", " ")},
                "fullDescription": {"text": summary or name},
                "defaultConfiguration": {"level": level},
                "properties": {"tags": [FAMILIES.get(code[2:3], "other")]}}
        if r and r.doc_in().strip():
            item["help"] = {"text": r.doc_in().strip()}
        out.append(item)
    return out


def sarif(diags: Sequence[Diagnostic], rules=(), version: str = "") -> List[str]:
    """SARIF 2.1.0, as GitHub code scanning reads it. Columns count Unicode code points
    (columnKind); endColumn is one past the last character, as SARIF wants."""
    table = _rule_table(diags, rules)
    index = {r["id"]: i for i, r in enumerate(table)}
    results = []
    for d in diags:
        uri = _uri(d.path)
        result = {
            "ruleId": d.code, "ruleIndex": index[d.code], "level": SARIF_LEVEL.get(d.severity, "warning"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": d.line, "startColumn": d.column,
                           "endLine": d.end_line, "endColumn": d.end_column + 1}}}],
        }
        if d.fix is not None and not d.path.lower().endswith(".docx"):
            result["fixes"] = [{
                "description": {"text": _("safe fix") if d.fix.applicability == "safe" else _("unsafe fix")},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                    {"deletedRegion": {"startLine": e.line + 1, "startColumn": e.start + 1,
                                       "endLine": e.end_line + 1, "endColumn": e.end + 1},
                     "insertedContent": {"text": e.text}} for e in d.fix.edits]}]}]
        results.append(result)
    driver = {"name": "speechlint", "rules": table}
    if version:
        driver["version"] = driver["semanticVersion"] = version
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}
    return [json_text(log, 2)]


GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(diags: Sequence[Diagnostic]) -> List[str]:
    """GitLab's code quality report (a JSON array, the Code Climate subset GitLab reads). The
    fingerprint hashes the path, code, message and the finding's rank among identical ones,
    not the line, so a finding keeps its fingerprint when lines are added above it."""
    seen: Counter = Counter()
    items = []
    for d in diags:
        key = (d.path, d.code, d.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest()
        items.append({
            "type": "issue", "check_name": d.code, "description": f"{d.code} {d.message}",
            "categories": ["Style"], "severity": GITLAB_SEVERITY.get(d.severity, "minor"),
            "fingerprint": fingerprint,
            "location": {"path": PurePath(d.path).as_posix(),
                         "positions": {"begin": {"line": d.line, "column": d.column},
                                       "end": {"line": d.end_line, "column": d.end_column + 1}}},
        })
    return [json_text(items, 2)]


def summary(diags: Sequence[Diagnostic], unsafe: bool = False) -> Optional[str]:
    """One line after the default output, as ruff ends its own: how many findings of each
    severity, and how many the fixes repair. None when there is no finding."""
    if not diags:
        return None
    counts = Counter(d.severity for d in diags)
    parts = _(", ").join(f"{_(SEVERITY_WORDS.get(k, k))} {counts[k]}" for k in ("error", "warning", "info") if counts[k])
    line = ngettext("Found {n} finding ({parts}).", "Found {n} findings ({parts}).", len(diags)).format(
        n=len(diags), parts=parts)
    safe = sum(fixable(d) for d in diags)
    more = sum(fixable(d, True) for d in diags) - safe
    if (unsafe or not safe) and safe + more:
        line = _then(line, _("[*] {n} fixable with --fix --unsafe-fixes.").format(n=safe + more))
    elif safe:
        line = _then(line, _("[*] {n} fixable with --fix.").format(n=safe))
    if more and safe and not unsafe:
        line = _then(line, ngettext("{n} more with --unsafe-fixes.", "{n} more with --unsafe-fixes.", more).format(n=more))
    return line


def _then(sentence: str, more: str) -> str:
    """Two sentences of the summary: a space after an English full stop, none after 。."""
    return sentence + ("" if sentence.endswith("。") else " ") + more


def statistics(diags: Sequence[Diagnostic], rules=()) -> List[str]:
    """A count per code, with the rule's name in the language in use (rules: those that ran)."""
    counts = Counter(d.code for d in diags)
    names = {d.code: d.name for d in diags}
    names.update((r.code, r.title()) for r in rules or () if r.code in names)
    return [f"{counts[c]:<5} {c} {names[c]}" for c in sorted(counts)]


def render(diags: Sequence[Diagnostic], fmt: str, sources: Dict[str, Sequence[str]],
           show_source: bool = False, rules=(), documents: Optional[Sequence] = None,
           version: str = "", unsafe: bool = False) -> List[str]:
    """The lines to print. rules (the rules that ran) give SARIF its rule table; documents
    (every Document linted, in order) give the HTML report its text. Paths are printed as
    printable() shows them (SARIF percent-encodes them instead), so that every line can be
    written as UTF-8 whatever the file names."""
    if fmt == "sarif":
        return sarif(diags, rules, version)
    diags = [d if printable(d.path) == d.path else replace(d, path=printable(d.path)) for d in diags]
    sources = {printable(p): lines for p, lines in sources.items()}
    documents = [doc if printable(doc.path) == doc.path else replace(doc, path=printable(doc.path))
                 for doc in documents or ()]
    if fmt == "json":
        return as_json(diags)
    if fmt == "json-lines":
        return json_lines(diags)
    if fmt == "github":
        return github(diags)
    if fmt == "gitlab":
        return gitlab(diags)
    if fmt == "pylint":
        return pylint(diags)
    if fmt == "html":
        from speechlint.report import html_report

        # the page's own line breaks stay; any other control character (from a file name, a
        # text or a message) is shown as a visible character
        return ["\n".join(pictured(part, tabs=True) for part in html_report(diags, documents, rules, version).split("\n"))]
    return default(diags, sources, show_source, unsafe)
