"""The language server end to end: `python -m speechlint server` started as a subprocess by
pytest-lsp, which talks LSP to it over stdio.

The document starts with two 𠮷 (outside the BMP: one character, two UTF-16 code units each),
so every column the server reports is two more than the character count would give.
"""
from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import cli_env  # noqa: E402

TEXT = "𠮷𠮷要认真落实落实各项工作，于×月底前完成。\n第二行没有问题。\n"
# SL101: the second 落实, code points 7-9 of line 0 -> UTF-16 9-11
# SL301: ×, code point 15 -> UTF-16 17-18
EXPECTED = {("SL101", 0, 9, 0, 11), ("SL301", 0, 17, 0, 18)}
TIMEOUT = 60  # the first run may build the dictionary cache


def _span(d: lsp.Diagnostic):
    return (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "speechlint", "server"],
                                              server_env=cli_env()))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    (root / "speechlint.toml").write_text('ignore = ["SL6"]\n', encoding="utf-8")
    lsp_client.root = root
    # a client that offers only UTF-16 (as VS Code does), so positions are in UTF-16 code units
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    capabilities.general = lsp.GeneralClientCapabilities(position_encodings=[lsp.PositionEncodingKind.Utf16])
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client: LanguageClient, uri: str, version: int):
    """Wait for the diagnostics the server publishes for this version of the document."""
    async def wait():
        while True:
            params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return params.diagnostics
    return await asyncio.wait_for(wait(), TIMEOUT)


async def _opened(client: LanguageClient, uri: str, text: str = TEXT):
    """Open the document (version 1) and wait for its diagnostics."""
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    return await waiting


def _apply(text: str, edits) -> str:
    """text with LSP TextEdits applied (positions in UTF-16 code units)."""
    lines = text.split("\n")

    def offset(pos):
        before = "".join(l + "\n" for l in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = line.encode("utf-16-le")[:pos.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


@pytest.mark.asyncio
async def test_diagnostics_change_and_code_actions(client: LanguageClient):
    root = Path(client.root)
    path = root / "speech.txt"
    path.write_text(TEXT, encoding="utf-8")
    uri = path.as_uri()

    # open: both findings, at their UTF-16 positions, with code, source and the rule's doc
    found = await _opened(client, uri)
    assert {_span(d) for d in found} == EXPECTED
    dup = next(d for d in found if d.code == "SL101")
    assert dup.source == "speechlint"
    assert dup.severity == lsp.DiagnosticSeverity.Error
    assert dup.message == "“落实” is written twice"  # one line: the rule's doc is on hover

    # hover over the finding: the rule's code, name and the opening of its doc
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=dup.range.start))
    assert hover is not None and hover.contents.kind == lsp.MarkupKind.Markdown
    assert hover.contents.value.startswith("**SL101 duplicated-word** (duplicated-word)\n\nA word or a function character")
    assert "http" not in hover.contents.value
    assert await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0))) is None

    # an edit (incremental, in UTF-16 units): 于×月底前 -> 于六月底前; the × finding goes
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 2))
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=0, character=17), end=lsp.Position(line=0, character=18)),
            text="六")]))
    found = await waiting
    text = TEXT.replace("×", "六")
    assert {_span(d) for d in found} == {("SL101", 0, 9, 0, 11)}

    # code actions for the duplicated word: its fix, and a suppression comment
    dup = found[0]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=dup.range,
        context=lsp.CodeActionContext(diagnostics=[dup])))
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.title.startswith("SL101: delete"))
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
    fixed = _apply(text, fix.edit.changes[uri])
    assert fixed.split("\n")[0] == "𠮷𠮷要认真落实各项工作，于六月底前完成。"
    suppress = next(a for a in actions if "suppress" in a.title)
    assert _apply(text, suppress.edit.changes[uri]).startswith(
        "<!-- speechlint-disable-next-line SL101 -->\n𠮷𠮷要认真落实落实"), titles

    # apply the fix as an editor would: a full-text change; nothing is left to report
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 3))
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
    assert list(await waiting) == []


@pytest.mark.asyncio
async def test_workspace_config_and_markdown(client: LanguageClient):
    """The workspace's speechlint.toml applies (SL6 ignored: no SL607 for the trailing space),
    and Markdown code is not linted."""
    root = Path(client.root)
    path = root / "notes.md"
    text = "我们要认真落实落实各项工作。 \n\n```\n×月×日 “\n```\n\n行内`×`代码。\n"
    uri = path.as_uri()
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    found = await waiting
    assert {_span(d) for d in found} == {("SL101", 0, 7, 0, 9)}


@pytest.mark.asyncio
async def test_changes_are_debounced(client: LanguageClient):
    """Edits 50 ms apart are linted once, after the last (the server waits at least 100 ms for
    the next change): no diagnostics are published for the versions in between."""
    root = Path(client.root)
    uri = (root / "typing.txt").as_uri()
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="要精心。\n")))
    await waiting
    published = []

    async def collect():
        while True:
            params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                published.append(params.version)
                if params.version == 6:
                    return params.diagnostics

    collecting = asyncio.ensure_future(collect())
    text = "要精心"
    for version, ch in enumerate("布署工作。", 2):
        text += ch
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text + "\n")]))
        await asyncio.sleep(0.05)
    found = await asyncio.wait_for(collecting, TIMEOUT)
    assert published == [6]
    assert [d.code for d in found] == ["SL401"]


@pytest.mark.asyncio
async def test_a_broken_config_is_shown_once_and_nothing_is_reported(client: LanguageClient):
    root = Path(client.root)
    (root / "broken").mkdir()
    (root / "broken" / "speechlint.toml").write_text('selct = ["SL1"]\n', encoding="utf-8")
    uri = (root / "broken" / "a.txt").as_uri()
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="要精心布署。\n")))
    assert list(await waiting) == []
    errors = [m.message for m in client.messages if m.type == lsp.MessageType.Error]
    assert len(errors) == 1 and "selct" in errors[0]


# --- issue 15: lines as the LSP counts them ------------------------------------------------

@pytest.mark.asyncio
async def test_positions_and_incremental_edits_with_cr_and_line_separators(client: LanguageClient):
    """\\r ends a line and U+2028 does not, for the server as for the LSP: positions after
    them are right, and an incremental edit lands where the client meant it."""
    root = Path(client.root)
    uri = (root / "cr.txt").as_uri()
    text = "要认真落实落实各项工作。\r第二行\u2028要精心布署。\r\n𠮷要精心布署。\r"
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    found = await waiting
    assert {_span(d) for d in found} == {("SL101", 0, 5, 0, 7), ("SL401", 1, 7, 1, 9), ("SL401", 2, 5, 2, 7)}
    # 布署 -> 部署 on the line with U+2028 in it, then on the line after \r\n (after 𠮷: UTF-16)
    for version, (line, start) in enumerate([(1, 7), (2, 5)], 2):
        waiting = asyncio.ensure_future(_diagnostics(client, uri, version))
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=line, character=start),
                                end=lsp.Position(line=line, character=start + 1)), text="部")]))
        found = await waiting
    assert {_span(d) for d in found} == {("SL101", 0, 5, 0, 7)}
    # the code action's fix, applied by LSP line counting, gives the right text
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=lsp.CodeActionContext(diagnostics=list(found))))
    fix = next(a for a in actions if a.title.startswith("SL101: delete"))
    [edit] = fix.edit.changes[uri]
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character) == (0, 5, 7)


@pytest.mark.asyncio
async def test_a_document_whose_uri_has_percent_escapes_is_linted(client: LanguageClient):
    # an editor sends a Chinese file name, or a blank, escaped (讲话 稿.txt as %E8%AE%B2%E8%AF%9D%20…);
    # pygls files the document under the name unescaped: asked by the URI as sent, it was never
    # linted, and nothing said so
    path = Path(client.root) / "讲话 稿.txt"
    path.write_text(TEXT, encoding="utf-8")
    uri = path.as_uri()
    assert "%E8%AE%B2" in uri and "%20" in uri
    found = await _opened(client, uri)
    assert {_span(d) for d in found} == EXPECTED
    dup = next(d for d in found if d.code == "SL101")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=dup.range,
        context=lsp.CodeActionContext(diagnostics=[dup])))
    assert any(a.title.startswith("SL101: delete") for a in actions)


def test_text_document_changes_count_lines_as_the_lsp():
    from speechlint.server import LspTextDocument

    doc = LspTextDocument("file:///a.txt", "甲\r乙\u2028丙\r\n𠮷丁\n")
    change = lambda l1, c1, l2, c2, new: doc.apply_change(lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(line=l1, character=c1), end=lsp.Position(line=l2, character=c2)),
        text=new))
    change(1, 2, 1, 3, "B")          # 丙, after U+2028 on the second line
    assert doc.source == "甲\r乙\u2028B\r\n𠮷丁\n"
    change(2, 2, 2, 3, "D")          # 丁, after 𠮷 (two UTF-16 units)
    assert doc.source == "甲\r乙\u2028B\r\n𠮷D\n"
    change(0, 1, 1, 0, "")           # the first line end (a lone \r)
    assert doc.source == "甲乙\u2028B\r\n𠮷D\n"
    change(0, 99, 0, 99, "。")        # beyond the end of a line: at its end, before \r\n
    assert doc.source == "甲乙\u2028B。\r\n𠮷D\n"
    change(5, 0, 5, 0, "尾")          # beyond the last line: at the end
    assert doc.source == "甲乙\u2028B。\r\n𠮷D\n尾"


# --- issue 15: malformed traffic -----------------------------------------------------------

def _frame(body: bytes, length=None) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def _request(id_: int, method: str, params) -> bytes:
    import json

    return _frame(json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}).encode())


def test_message_reader_recovers_after_bad_framing():
    import io
    import json

    from speechlint.server import MessageReader

    good = json.dumps({"jsonrpc": "2.0", "method": "x"}).encode()
    stream = io.BytesIO(
        b"garbage without a header\r\n"
        + _frame(b'{"jsonrpc": "2.0", "method": "short"}', length=10)    # announced too short
        + _frame(good)
        + b"Content-Length: 99999999999999999999\r\n\r\n" + good        # over the limit: skipped
        + _frame(good)
        + _frame(b"not json at all")
        + b"content-length:   %d\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n" % len(good) + good
        + b"x" * 100_000 + b"\r\n"                                        # a long line of garbage
        + _frame(good, length=len(good) + 5) + _frame(good) + _frame(good))  # announced too long
    reader = MessageReader(stream, limit=1024)
    bodies = []
    while True:
        body = reader.next_body()
        if body is None:
            break
        try:
            json.loads(body)
            bodies.append(body)
        except ValueError:
            reader.resync(body)
    # the message after each bad one is read (after the one announced too long, the one
    # whose header it swallowed is lost, the next is read)
    assert bodies == [good] * 4


def test_server_survives_malformed_messages_and_a_huge_content_length(tmp_path):
    """Garbage, a body shorter than announced, a body that is not JSON and a Content-Length of
    10^15 bytes: the server logs them, answers the initialize and shutdown requests that follow,
    and exits cleanly on exit (pygls alone would stop answering, or die allocating)."""
    import json

    stdin = (b"this is not a header\r\n\r\n"
             + _frame(b'{"jsonrpc": "2.0", "id": 99, "method": "initialize"', length=20)
             + _frame(b"{not json}")
             + b"Content-Length: 1000000000000000\r\n\r\n{}"
             + _request(1, "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
             + _frame(json.dumps({"jsonrpc": "2.0", "method": "initialized", "params": {}}).encode())
             + _request(2, "shutdown", None)
             + _frame(json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()))
    proc = subprocess.run([sys.executable, "-m", "speechlint", "server"], input=stdin, capture_output=True,
                          env=cli_env(), cwd=str(tmp_path), timeout=120)
    answers = {}
    out = proc.stdout
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: *(\d+)", head).group(1))
        message = json.loads(rest[:length])
        answers[message.get("id")] = message
        out = rest[length:]
    assert answers[1]["result"]["serverInfo"]["name"] == "speechlint"
    assert "result" in answers[2]
    assert 99 not in answers
    err = proc.stderr.decode("utf-8", "replace")
    assert "over the limit" in err and "cannot be read" in err
    assert "Traceback" not in err
    assert proc.returncode == 0, err


def test_the_wait_after_a_change_follows_the_cost_of_the_last_lint():
    from speechlint.server import DEBOUNCE, MIN_DEBOUNCE, SpeechlintServer

    server = SpeechlintServer()
    assert server.wait_after_change("file:///a.txt") == DEBOUNCE  # nothing linted yet
    server.cost["file:///a.txt"] = 0.01
    assert server.wait_after_change("file:///a.txt") == MIN_DEBOUNCE  # a short text: soon
    server.cost["file:///a.txt"] = 0.15
    assert server.wait_after_change("file:///a.txt") == 0.15
    server.cost["file:///a.txt"] = 2.0
    assert server.wait_after_change("file:///a.txt") == DEBOUNCE  # a long one: no longer than this
