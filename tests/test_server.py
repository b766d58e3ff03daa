"""The language server end to end: `python -m speechlint server` started as a subprocess by
pytest-lsp, which talks LSP to it over stdio.

The document starts with two 𠮷 (outside the BMP: one character, two UTF-16 code units each),
so every column the server reports is two more than the character count would give.
"""
from __future__ import annotations

import asyncio
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
    waiting = asyncio.ensure_future(_diagnostics(client, uri, 1))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))
    found = await waiting
    assert {_span(d) for d in found} == EXPECTED
    dup = next(d for d in found if d.code == "SL101")
    assert dup.source == "speechlint"
    assert dup.severity == lsp.DiagnosticSeverity.Error
    assert dup.message.startswith("“落实” is written twice\nduplicated-word: A word or a function character")
    assert "http" not in dup.message

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
    """Edits 50 ms apart are linted once, 300 ms after the last: no diagnostics are published
    for the versions in between."""
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
