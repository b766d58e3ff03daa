"""Word documents: .docx files read with python-docx, made here with python-docx."""
from __future__ import annotations

import io
import json
import re
import sys
import zipfile

import pytest

docx = pytest.importorskip("docx")

from conftest import REPO, builtin_rules, lint_text, run_cli  # noqa: E402
from speechlint.document import MASK, InputError, from_bytes  # noqa: E402
from test_cli import CHEAP, write  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
import make_samples  # noqa: E402


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_seed_as_docx_gives_the_findings_of_the_seed_as_text(tmp_path):
    """The seed with its advert block in the page header: paragraph N is line N."""
    make_samples.main([str(tmp_path)])
    txt = json.loads(run_cli(["--format", "json", "seed.txt"], tmp_path).stdout)
    proc = run_cli(["--format", "json", "seed.docx"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    got = json.loads(proc.stdout)
    assert [(d["line"], d["column"], d["end_column"], d["code"]) for d in got] == \
        [(d["line"], d["column"], d["end_column"], d["code"]) for d in txt]
    assert any(d["code"] == "SL501" and d["line"] == 1 for d in got)  # the advert in the header
    lines = make_samples.seed_lines()
    for d, t in zip(got, txt):
        # the message is the text's, followed by where the paragraph is and a quotation of it
        assert d["message"].startswith(t["message"] + " (in the ")
        where = "the header" if d["line"] <= make_samples.HEADER_LINES else "the body"
        assert f"in {where}, paragraph {d['line']}" in d["message"]
        quoted = re.search(r"paragraph [0-9]+: “(.*)”\)$", d["message"]).group(1).strip("…")
        paragraph = lines[d["line"] - 1]
        assert quoted and quoted in paragraph  # Word's Find finds it
        found = paragraph[d["column"] - 1:d["end_column"] - 1]  # the end is exclusive
        assert found.strip() == "" or found in quoted


def test_paragraph_order_header_body_tables_footer():
    def build(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "页眉广告：仅供学习"
        document.add_paragraph("正文第一段")
        table = document.add_table(rows=2, cols=2)
        for r in range(2):
            for c in range(2):
                table.cell(r, c).text = f"格{r + 1}{c + 1}"
        document.add_paragraph("正文第二段")
        section.footer.paragraphs[0].text = "页脚广告：扫码关注"
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "首页页眉"

    doc = from_bytes("a.docx", docx_bytes(build))
    assert doc.source_format == "docx"
    assert doc.lines == ("首页页眉", "页眉广告：仅供学习", "正文第一段", "格11", "格12", "格21", "格22",
                         "正文第二段", "页脚广告：扫码关注")
    assert doc.where[0] == "the first-page header" and doc.where[1] == "the header"
    assert doc.where[3] == "the body, table 1, row 1, cell 1" and doc.where[6] == "the body, table 1, row 2, cell 2"
    assert doc.where[-1] == "the footer"
    assert doc.text == "".join(l + "\n" for l in doc.lines)


def test_line_breaks_tabs_and_merged_cells():
    def build(document):
        p = document.add_paragraph("要精心")
        p.add_run().add_break()
        p.add_run("布署\t工作")
        table = document.add_table(rows=1, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "合并"
        table.cell(0, 2).text = "×月"

    doc = from_bytes("a.docx", docx_bytes(build))
    # a manual line break is a space in the line and masked for the checks
    assert doc.lines[0] == "要精心 布署\t工作"
    assert doc.masked[0] == "要精心" + MASK + "布署\t工作"
    assert doc.lines[1:] == ("合并", "×月")  # a merged cell is read once


def test_text_boxes_are_not_read_twice():
    """A text box appears twice in the XML (the drawing and its VML fallback): read once."""
    def build(document):
        document.add_paragraph("正文")

    data = docx_bytes(build)
    # insert a text box with a fallback into the document XML
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内×月</w:t></w:r></w:p>'
           '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
           '<w:t>框内×月</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>'
           '</w:r><w:r><w:t>锚段</w:t></w:r></w:p>')
    xml = xml.replace("<w:sectPr", box + "<w:sectPr", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, xml if item.filename == "word/document.xml" else src.read(item.filename))
    doc = from_bytes("a.docx", out.getvalue())
    assert doc.lines == ("正文", "锚段", "框内×月")
    assert doc.where[2] == "the body, text box"


@pytest.mark.parametrize("data, needle", [
    (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "password-protected"),
    (b"just text, not a zip", "not a zip"),
])
def test_unreadable_docx_is_an_input_error(data, needle):
    with pytest.raises(InputError, match=needle):
        from_bytes("a.docx", data)


def test_docx_without_document_part_is_damaged():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputError, match="damaged"):
        from_bytes("a.docx", out.getvalue())


def test_truncated_docx_on_the_command_line_is_exit_2_and_others_are_linted(tmp_path):
    data = docx_bytes(lambda d: d.add_paragraph("要精心布署。"))
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    (tmp_path / "ok.docx").write_bytes(data)
    proc = run_cli(["--select", CHEAP, "cut.docx", "ok.docx"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("speechlint: error: cut.docx: not a readable .docx")
    assert proc.stdout.startswith("ok.docx:1:4: SL401 ")


def test_fix_refuses_docx_and_writes_nothing(tmp_path):
    data = docx_bytes(lambda d: d.add_paragraph("要精心布署。"))
    path = tmp_path / "a.docx"
    path.write_bytes(data)
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"], ["--diff"]):
        proc = run_cli(["--select", CHEAP, *flags, "a.docx"], tmp_path)
        assert proc.returncode == 2
        assert "fixes are not supported for .docx" in proc.stderr
        assert path.read_bytes() == data


def test_folders_include_docx_and_stdin_reads_docx(tmp_path):
    data = docx_bytes(lambda d: d.add_paragraph("要精心布署。"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.docx").write_bytes(data)
    write(tmp_path / "docs" / "b.txt", "要精心布署。\n")
    proc = run_cli(["--select", CHEAP, "docs"], tmp_path)
    assert [l.split(":")[0] for l in proc.stdout.splitlines()] == ["docs/a.docx", "docs/b.txt"]
    proc = run_cli(["--select", CHEAP, "--stdin-filename", "in.docx", "-"], tmp_path, stdin=data)
    assert proc.stdout.startswith("in.docx:1:4: SL401 [*] error: “布署” is a misspelling of “部署” (in the body, paragraph 1: “要精心布署。”)")
    # extensions in the config decide: without .docx, the folder's .docx is skipped
    write(tmp_path / "speechlint.toml", 'extensions = [".txt"]\n')
    proc = run_cli(["--select", CHEAP, "docs"], tmp_path)
    assert [l.split(":")[0] for l in proc.stdout.splitlines()] == ["docs/b.txt"]


def test_docx_context_is_quoted_around_the_finding():
    long = "第一部分内容很长很长很长很长很长，要精心布署工作，后面还有很长很长很长很长的内容。"
    doc = from_bytes("a.docx", docx_bytes(lambda d: d.add_paragraph(long)))
    found = lint_text(long, builtin_rules())  # same columns as the .docx paragraph
    from speechlint.docx import context

    d = next(d for d in found if d.code == "SL401")
    text = context(doc, d.line, d.column, d.end_column)
    assert text.startswith("in the body, paragraph 1: “…") and text.endswith("…”")
    inner = text.split("“", 1)[1].rstrip("”").strip("…")
    assert "布署" in inner and inner in long
