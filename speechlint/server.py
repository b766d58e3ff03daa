"""speechlint server: a language server (LSP, on standard input and output), built on pygls.

- Diagnostics when a document is opened or saved, and 100 to 300 ms after the last change
  (edits in between cancel the pending run; see DEBOUNCE). Linting runs in one worker thread,
  so the server keeps answering while the dictionary loads; a result for a version that has
  since changed is dropped. The language data, the rules and each open document's findings
  line by line stay loaded: after an edit, the rules that read a line alone check only the
  lines it changed, the others the whole text with their per-line work remembered
  (engine.LineCache, keep_warm); the diagnostics are those of a full lint.
- Settings come from the config file that the command line would use for the document: the
  nearest .speechlint.toml, speechlint.toml or pyproject.toml with [tool.speechlint] in the
  document's folder or above it (re-read when it changes). Rules and the dictionary are loaded
  on first use, not at start-up.
- Positions are in the position encoding agreed with the client: UTF-16 code units unless the
  client offers another (a character outside the BMP, such as 𠮷, counts two in UTF-16).
- Each diagnostic carries the rule's code, and its message is followed by the rule's name and
  the opening of its doc (no links).
- Code actions: apply a diagnostic's fix (its edits), suppress it with a
  <!-- speechlint-disable-next-line CODE --> comment above its line, and (source.fixAll) apply
  every safe fix of the document.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument, Workspace

from speechlint import __version__, i18n
from speechlint.document import line_starts, split_lines
from speechlint.i18n import _

# After a change, the server waits this long for the next one before it lints, but no longer
# than the document's last lint took (a document linted in 0.15 s is linted again 0.15 s after
# the typing stops): a wait that is worth the work it saves, never more than DEBOUNCE, never
# less than MIN_DEBOUNCE (keystrokes come faster than that while one types).
DEBOUNCE = 0.3
MIN_DEBOUNCE = 0.1
SOURCE = "speechlint"
FIX_ALL = "source.fixAll.speechlint"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
NEXT_LINE = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]?)*)<!--\s*speechlint-disable-next-line\b(?P<codes>[^>]*?)\s*-->\s*$")

log = logging.getLogger("speechlint.server")


def units(text: str, encoding: str) -> int:
    """The length of text in the client's position units."""
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def to_client(lines: Sequence[str], line: int, char: int, encoding: str) -> lsp.Position:
    """A 0-based (line, code point) position as an LSP position."""
    if line >= len(lines):
        return lsp.Position(line=line, character=0)
    return lsp.Position(line=line, character=units(lines[line][:char], encoding))


def offset_at(text: str, starts: Sequence[int], position: lsp.Position, encoding: str) -> int:
    """The offset (in code points) in text of an LSP position, lines counted as the LSP
    counts them (starts: speechlint.document.line_starts(text)). A character beyond the end of
    its line means the end of the line, before its line end; a line beyond the last, the end
    of the text."""
    if position.line >= len(starts):
        return len(text)
    start = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    if end > start and text[end - 1] == "\n":
        end -= 1
    if end > start and text[end - 1] == "\r":
        end -= 1
    count, offset = 0, start
    while offset < end and count < position.character:
        count += units(text[offset], encoding)
        offset += 1
    return offset


class LspTextDocument(TextDocument):
    """pygls's text document with lines as the LSP counts them: \\n, \\r\\n and a lone \\r end
    a line; U+2028, U+2029, U+0085, form feed and the other separators at which
    str.splitlines also splits do not. Incremental changes are applied on those lines."""

    @property
    def lines(self) -> Sequence[str]:
        text = self.source
        starts = line_starts(text)
        if len(starts) > 1 and starts[-1] == len(text):
            starts.pop()  # a final line end starts no line of its own, as in splitlines
        return tuple(text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]))

    def _apply_incremental_change(self, change: lsp.TextDocumentContentChangePartial) -> None:
        text = self.source
        starts = line_starts(text)
        encoding = self.position_codec.encoding or lsp.PositionEncodingKind.Utf16
        a = offset_at(text, starts, change.range.start, encoding)
        b = offset_at(text, starts, change.range.end, encoding)
        a, b = min(a, b), max(a, b)
        self._source = text[:a] + change.text + text[b:]


class LspWorkspace(Workspace):
    """The workspace, whose text documents count lines as the LSP does."""

    def _create_text_document(self, doc_uri: str, source: Optional[str] = None, version: Optional[int] = None,
                              language_id: Optional[str] = None) -> TextDocument:
        return LspTextDocument(doc_uri, source=source, version=version, language_id=language_id,
                               sync_kind=self._sync_kind, position_codec=self._position_codec)


MAX_MESSAGE = 16 * 1024 * 1024  # bytes: a longer message is refused (logged) and skipped
MAX_HEADER_LINE = 8192
CONTENT_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)", re.IGNORECASE)


class MessageReader:
    """The bodies of the LSP messages on a byte stream (Content-Length headers, a blank line,
    the body), robust to a client that breaks the framing:

    - a header line longer than MAX_HEADER_LINE, or one that is not a header, is skipped
      (logged); a Content-Length header is found even at the end of garbage (after a body
      shorter than announced), which puts the reader back in step;
    - a Content-Length over the limit (MAX_MESSAGE) is refused (logged) without reading or
      allocating the body: what follows is skipped up to the next header;
    - a body that is not a message is skipped by the caller, who hands it back with `resync`
      so that a header inside it (the body was announced longer than it was) is read again.
    Memory stays under the limit plus a header line whatever the client sends."""

    def __init__(self, stream, limit: int = MAX_MESSAGE):
        self.stream = stream
        self.limit = limit
        self.pending = b""

    def _readline(self) -> bytes:
        if self.pending:
            cut = self.pending.find(b"\n", 0, MAX_HEADER_LINE)
            if cut >= 0 or len(self.pending) >= MAX_HEADER_LINE:
                cut = cut + 1 if cut >= 0 else MAX_HEADER_LINE
                line, self.pending = self.pending[:cut], self.pending[cut:]
                return line
            line, self.pending = self.pending, b""
            return line + self.stream.readline(MAX_HEADER_LINE - len(line))
        return self.stream.readline(MAX_HEADER_LINE)

    def _read(self, n: int) -> bytes:
        out, self.pending = self.pending[:n], self.pending[n:]
        while len(out) < n:
            chunk = self.stream.read(n - len(out))
            if not chunk:
                break
            out += chunk
        return out

    def resync(self, body: bytes) -> None:
        """Read again what follows the first Content-Length header inside body."""
        m = CONTENT_LENGTH.search(body)
        if m:
            self.pending = body[m.start():] + self.pending

    def next_body(self) -> Optional[bytes]:
        """The next message's body, or None at the end of the stream."""
        length: Optional[int] = None
        while True:
            line = self._readline()
            if not line:
                return None
            m = CONTENT_LENGTH.search(line)
            if m:
                if m.start() > 0:
                    log.error("skipped %d bytes that are not an LSP message", m.start())
                digits = m.group(1)
                length = int(digits) if len(digits) <= 12 else self.limit + 1
                continue
            if line.strip():
                if length is None:
                    log.error("skipped %d bytes that are not an LSP header", len(line))
                continue  # another header (Content-Type), or garbage
            if length is None:
                continue  # a blank line outside a message
            if length > self.limit:
                log.error("a message of %d bytes (its Content-Length) is over the limit of %d bytes: "
                          "skipped", length, self.limit)
                length = None
                continue
            body = self._read(length)
            if len(body) < length:
                return None
            return body


def uri_to_path(uri: str) -> Optional[str]:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and re.match(r"^/[A-Za-z]:", path):  # pragma: no cover
        path = path[1:]
    return path


class Linter:
    """Settings, rules and language data for the server, loaded on first use and reloaded
    when the config file changes. Used from one worker thread at a time."""

    def __init__(self):
        self.resources = None
        self.lang: Optional[str] = None  # speechlint server --lang; else each config's lang, else the locale
        self.lang_of: Dict[str, str] = {}  # path -> the language its diagnostics were made in
        self._rules: Dict[tuple, tuple] = {}
        self.caches: Dict[str, object] = {}  # path -> its engine.LineCache: the findings of its lines
        self._frozen: tuple = ()  # what was loaded when the garbage collector was last told (see freeze)

    def freeze(self) -> None:
        """After a lint that loaded language data, move everything the process holds into the
        garbage collector's permanent generation (gc.freeze): the data, millions of objects,
        stays for the server's life, and a full collection that looked at it all took 60 to 80
        ms, in the middle of a lint after an edit."""
        import gc

        res = self.resources
        loaded = (res._lexicon is not None, res._readings is not None, res._shapes is not None, len(res._memo),
                  len(self._rules))
        if loaded != self._frozen:
            self._frozen = loaded
            gc.collect()
            gc.freeze()

    def forget(self, path: str) -> None:
        """Drop what is kept for the document at path (closed)."""
        self.caches.pop(path, None)
        self.lang_of.pop(path, None)

    def settings_for(self, folder: Path):
        from speechlint.config import load_settings

        return load_settings(None, False, folder)

    def rules_for(self, settings):
        from speechlint.ruleset import load_rules
        from speechlint.selection import check_prefixes, selected

        key = tuple(settings.extend_rules), _stamp(settings.extend_rules)
        if key not in self._rules:
            self._rules[key] = tuple(load_rules((Path(r) for r in settings.extend_rules), settings.root))
        all_rules = self._rules[key]
        check_prefixes(settings, [r.code for r in all_rules])
        return [r for r in all_rules if selected(r.code, settings)], all_rules

    def lint(self, path: str, text: str, markdown: bool):
        """(diagnostics, rules by code) for the text of a document at path."""
        from speechlint.context import Resources
        from speechlint.document import from_text
        from speechlint.diagnostics import Diagnostic
        from speechlint.engine import LineCache, keep_warm, lint
        from speechlint.selection import ignored_for_path

        if self.resources is None:
            self.resources = Resources()
        folder = Path(path).parent if os.path.isabs(path) else Path.cwd()
        settings = self.settings_for(folder)
        rules, all_rules = self.rules_for(settings)
        name = path if not markdown or path.lower().endswith((".md", ".markdown")) else path + ".md"
        doc = from_text(name, text)
        here = [r for r in rules if not ignored_for_path(r.code, path, settings)]
        failures = []
        lang = self.lang or settings.lang or i18n.from_environment()
        self.lang_of[path] = lang
        with i18n.using(lang):
            keep_warm(lang)
            cache = self.caches.setdefault(path, LineCache())
            found = lint(doc, here, self.resources, settings.allow, settings.min_confidence, failures, cache)
            missing = [_("speechlint: {failure}; this check's findings are missing").format(failure=f.describe())
                       for f in failures]
        self.freeze()
        by_code = {r.code: r for r in all_rules}
        # a check that failed says so on the first line; the others' findings stand
        found += [Diagnostic(name, 1, 1, 1, 1, f.code, by_code[f.code].name, message, "error")
                  for f, message in zip(failures, missing)]
        return found, by_code


def _stamp(paths: Sequence[str]) -> tuple:
    """Modification times of the rule files under paths, so that edited rules are reloaded."""
    out = []
    for p in paths:
        root = Path(p)
        files = [root] if root.is_file() else sorted(root.glob("*.toml")) if root.is_dir() else []
        for f in files:
            try:
                out.append((str(f), f.stat().st_mtime_ns))
            except OSError:
                pass
    return tuple(out)


class SpeechlintServer(LanguageServer):
    def __init__(self):
        super().__init__("speechlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.linter = Linter()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speechlint-lint")
        self.tasks: Dict[str, asyncio.Task] = {}
        # uri -> (version, lines, [(lsp diagnostic, speechlint diagnostic)])
        self.results: Dict[str, Tuple[Optional[int], Tuple[str, ...], list]] = {}
        self.errors_shown: set = set()
        self.rules_of: Dict[str, dict] = {}  # uri -> the rules its last run used, by code (for hover)
        self.cost: Dict[str, float] = {}  # uri -> seconds its last lint took

    def start_io(self, stdin=None, stdout=None) -> None:
        """Serve on stdin and stdout, reading messages with MessageReader (pygls's own loop
        has no limit on Content-Length and loses step after a bad one). The end of the input
        or the exit notification ends the server."""
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        reader = MessageReader(stdin or sys.stdin.buffer)
        try:
            asyncio.run(self._read_loop(reader))
        except BrokenPipeError:
            log.error("the client closed the connection")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    async def _read_loop(self, reader: MessageReader) -> None:
        loop = asyncio.get_running_loop()
        while not self._stop_event.is_set():
            body = await loop.run_in_executor(self.thread_pool, reader.next_body)
            if body is None:
                break
            try:
                message = json.loads(body, object_hook=self.protocol.structure_message)
            except Exception as exc:  # not JSON, not UTF-8, or not a message pygls can read
                log.error("a message that cannot be read was skipped: %s", str(exc)[:200])
                reader.resync(body)
                continue
            try:
                self.protocol.handle_message(message)
            except Exception:
                log.exception("a message could not be handled")

    @property
    def encoding(self) -> str:
        try:
            return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        except Exception:  # before initialize
            return lsp.PositionEncodingKind.Utf16

    # -- scheduling ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        task = self.tasks.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        self.tasks[uri] = asyncio.ensure_future(self._run(uri, delay))

    def wait_after_change(self, uri: str) -> float:
        """How long to wait for more changes before linting (see DEBOUNCE)."""
        return min(DEBOUNCE, max(MIN_DEBOUNCE, self.cost.get(uri, DEBOUNCE)))

    def forget(self, uri: str) -> None:
        task = self.tasks.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        self.results.pop(uri, None)
        self.rules_of.pop(uri, None)
        self.cost.pop(uri, None)
        path = uri_to_path(uri) or (urlparse(uri).path or "untitled")
        self.worker.submit(self.linter.forget, path)  # after the lint that may be running
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def document(self, uri: str) -> Optional[TextDocument]:
        """The open document of uri, as the client names it: pygls files its documents under their
        URIs with the percent escapes undone (讲话.txt for %E8%AE%B2%E8%AF%9D.txt, which is how
        editors send a Chinese file name: asked by the URI as sent, such a document was never
        linted). None for one not open (nothing is read from disk)."""
        return self.workspace.text_documents.get(unquote(uri))

    async def _run(self, uri: str, delay: float) -> None:
        """Lint the document and publish its diagnostics `delay` after now, unless a change
        comes first (it cancels this run). The lint starts as late as it can to be done by then,
        going by the cost of the document's last lint (at once if that took longer than the
        wait): the typing is not linted while it goes on, and a slow document is not made to
        wait for its lint on top of the wait."""
        loop = asyncio.get_running_loop()
        due = loop.time() + delay
        start = delay - min(delay, self.cost.get(uri, 0.0))
        if start > 0:
            await asyncio.sleep(start)
        document = self.document(uri)
        if document is None:
            return
        version, text, language = document.version, document.source, document.language_id
        path = uri_to_path(uri) or (urlparse(uri).path or "untitled")
        if path.lower().endswith(".docx"):
            return
        markdown = (language or "").lower() == "markdown"
        try:
            done = await loop.run_in_executor(self.worker, self._lint, uri, version, path, text, markdown)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bad config or rule file: say so once, report nothing
            message = f"speechlint: {exc}"
            if message not in self.errors_shown:
                self.errors_shown.add(message)
                self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))
            log.exception("linting %s failed", uri)
            done = (split_lines(text)[0], [], {})
        if done is None:
            return  # edited before its turn came: a newer run is scheduled
        if loop.time() < due:
            await asyncio.sleep(due - loop.time())
        current = self.document(uri)
        if current is None or current.version != version:
            return  # edited meanwhile: a newer run is scheduled
        lines, pairs, rules = done
        self.results[uri] = (version, lines, pairs)
        self.rules_of[uri] = rules
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[p[0] for p in pairs]))

    def _lint(self, uri: str, version, path: str, text: str, markdown: bool):
        """In the worker: (lines, [(LSP diagnostic, diagnostic)], rules by code) of the text,
        or None if the document has changed since (its lint is to come)."""
        current = self.document(uri)
        if current is None or current.version != version:
            return None
        started = time.perf_counter()
        try:
            found, rules = self.linter.lint(path, text, markdown)
        finally:
            self.cost[uri] = time.perf_counter() - started
        lines, _ = split_lines(text)
        return lines, [(self.to_lsp(d, lines, rules), d) for d in found], rules

    # -- conversions --------------------------------------------------------------------------

    def to_lsp(self, d, lines: Sequence[str], rules: dict) -> lsp.Diagnostic:
        enc = self.encoding
        start = to_client(lines, d.line - 1, d.column - 1, enc)
        end = to_client(lines, d.end_line - 1, d.end_column, enc)
        # one line in the editor: the rule's doc is shown on hover (see hover)
        message = d.message
        data = {"name": d.name}
        if d.fix is not None:
            data["fix"] = {"applicability": d.fix.applicability,
                           "edits": [self.edit_json(e, lines) for e in d.fix.edits]}
        return lsp.Diagnostic(range=lsp.Range(start=start, end=end), message=message,
                              severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
                              code=d.code, source=SOURCE, data=data)

    def edit_json(self, e, lines: Sequence[str]) -> dict:
        enc = self.encoding
        start = to_client(lines, e.line, e.start, enc)
        end = to_client(lines, e.end_line, e.end, enc)
        return {"range": {"start": {"line": start.line, "character": start.character},
                          "end": {"line": end.line, "character": end.character}}, "newText": e.text}

    # -- hover: the rule behind each finding under the cursor ------------------------------------

    def hover(self, params: lsp.HoverParams) -> Optional[lsp.Hover]:
        """For the findings whose range holds the position: each rule's code, name and the
        opening of its doc, in the document's language (the diagnostics stay one line each)."""
        from speechlint.output import doc_summary

        uri = params.text_document.uri
        stored, rules = self.results.get(uri), self.rules_of.get(uri, {})
        if stored is None:
            return None
        pos = (params.position.line, params.position.character)
        hits = [(l, d) for l, d in stored[2]
                if (l.range.start.line, l.range.start.character) <= pos <= (l.range.end.line, l.range.end.character)]
        if not hits:
            return None
        path = uri_to_path(uri) or (urlparse(uri).path or "untitled")
        lang = self.linter.lang_of.get(path)
        parts, seen = [], set()
        for _l, d in hits:
            rule = rules.get(d.code)
            if rule is None or d.code in seen:
                continue
            seen.add(d.code)
            parts.append(f"**{d.code} {rule.title(lang)}** ({d.name})\n\n{doc_summary(rule.doc_in(lang))}")
        if not parts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                         range=hits[0][0].range)

    # -- code actions -------------------------------------------------------------------------

    def code_actions(self, params: lsp.CodeActionParams) -> List[lsp.CodeAction]:
        """The actions, titled in the language of the document's diagnostics."""
        path = uri_to_path(params.text_document.uri) or (urlparse(params.text_document.uri).path or "untitled")
        with i18n.using(self.linter.lang_of.get(path)):
            return self._code_actions(params)

    def _code_actions(self, params: lsp.CodeActionParams) -> List[lsp.CodeAction]:
        uri = params.text_document.uri
        stored = self.results.get(uri)
        if stored is None:
            return []
        version, lines, pairs = stored
        document = self.document(uri)
        if document is None or document.version != version:
            return []  # the diagnostics are out of date: new ones are on their way
        only = params.context.only
        wanted = [p for p in pairs if any(_same(p[0], c) for c in params.context.diagnostics)]
        if not wanted and not params.context.diagnostics:
            wanted = [p for p in pairs if _overlaps(p[0].range, params.range)]
        actions: List[lsp.CodeAction] = []
        quick = only is None or any(k.startswith("quickfix") or k == "" for k in only)
        if quick:
            for diag, d in wanted:
                fix = self.fix_action(uri, diag, d, lines)
                if fix is not None:
                    actions.append(fix)
            for diag, d in wanted:
                actions.append(self.suppress_action(uri, diag, d, lines, document.source))
        fix_all = only is None or any(FIX_ALL.startswith(k) for k in only)
        if fix_all:
            action = self.fix_all_action(uri, pairs, lines)
            if action is not None:
                actions.append(action)
        return actions

    def fix_action(self, uri, diag, d, lines) -> Optional[lsp.CodeAction]:
        if d.fix is None:
            return None
        edits = [self.text_edit(e, lines) for e in d.fix.edits]
        if d.replacement:
            title = _("{code}: replace with “{replacement}”").format(code=d.code, replacement=d.replacement)
        elif len(d.fix.edits) == 1 and d.fix.edits[0].end_line > d.fix.edits[0].line:
            title = _("{code}: delete the line").format(code=d.code)
        else:
            title = _("{code}: delete it").format(code=d.code)
        if d.fix.applicability != "safe":
            title += _(" (unsafe: review it)")
        return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                              is_preferred=d.fix.applicability == "safe",
                              edit=lsp.WorkspaceEdit(changes={uri: edits}))

    def text_edit(self, e, lines) -> lsp.TextEdit:
        enc = self.encoding
        return lsp.TextEdit(range=lsp.Range(start=to_client(lines, e.line, e.start, enc),
                                            end=to_client(lines, e.end_line, e.end, enc)),
                            new_text=e.text)

    def suppress_action(self, uri, diag, d, lines, source: str) -> lsp.CodeAction:
        """A <!-- speechlint-disable-next-line CODE --> comment above the diagnostic's line,
        indented (and quoted, in a Markdown block quote) as that line is; if the line above is
        already such a comment, the code is added to it."""
        newline = split_lines(source)[1]
        no = d.line - 1
        above = lines[no - 1] if no > 0 else None
        m = NEXT_LINE.match(above) if above is not None else None
        if m:
            codes = m.group("codes").strip()
            text = f"{m.group('indent')}<!-- speechlint-disable-next-line {codes} {d.code} -->" if codes else \
                f"{m.group('indent')}<!-- speechlint-disable-next-line {d.code} -->"
            edit = lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=no - 1, character=0),
                                                end=to_client(lines, no - 1, len(above), self.encoding)),
                                new_text=text)
        else:
            line = lines[no] if no < len(lines) else ""
            indent = re.match(r"[ \t]*(?:>[ \t]?)*", line).group(0)
            edit = lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=no, character=0),
                                                end=lsp.Position(line=no, character=0)),
                                new_text=f"{indent}<!-- speechlint-disable-next-line {d.code} -->{newline}")
        return lsp.CodeAction(title=_("{code}: suppress on this line (speechlint-disable-next-line)").format(code=d.code),
                              kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                              edit=lsp.WorkspaceEdit(changes={uri: [edit]}))

    def fix_all_action(self, uri, pairs, lines) -> Optional[lsp.CodeAction]:
        edits = []
        last = (-1, -1)
        spans = sorted(((e.line, e.start), (e.end_line, e.end), e) for _, d in pairs
                       if d.fix is not None and d.fix.applicability == "safe" for e in d.fix.edits)
        for start, end, e in spans:
            if start < last:
                continue  # overlaps an edit already taken: left for the next round
            edits.append(self.text_edit(e, lines))
            last = end
        if not edits:
            return None
        return lsp.CodeAction(title=_("speechlint: apply every safe fix"), kind=FIX_ALL,
                              edit=lsp.WorkspaceEdit(changes={uri: edits}))


def _same(a: lsp.Diagnostic, b: lsp.Diagnostic) -> bool:
    return a.code == b.code and a.range == b.range and (b.source in (None, SOURCE))


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p):
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def create_server() -> SpeechlintServer:
    server = SpeechlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: SpeechlintServer, params: lsp.InitializeParams):
        # pygls has just made the workspace: its documents must count lines as the LSP does
        ls.workspace.__class__ = LspWorkspace

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SpeechlintServer, params: lsp.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SpeechlintServer, params: lsp.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, ls.wait_after_change(params.text_document.uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: SpeechlintServer, params: lsp.DidSaveTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SpeechlintServer, params: lsp.DidCloseTextDocumentParams):
        ls.forget(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: SpeechlintServer, params: lsp.HoverParams):
        return ls.hover(params)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: SpeechlintServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    return server


def serve(lang: Optional[str] = None) -> None:
    """Serve on stdio; lang: the language of every document (default: each one's config's
    lang, else the locale)."""
    logging.basicConfig(level=logging.WARNING, format="speechlint server: %(levelname)s %(message)s")
    server = create_server()
    server.linter.lang = lang
    from speechlint.guard import caches_outside_review

    with caches_outside_review([os.curdir], None, logging.warning):  # (the workspace it is started in)
        server.start_io()
