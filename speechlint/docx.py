"""Reading Word documents (.docx) with python-docx.

A .docx becomes a Document whose lines are its paragraphs, in this order (the order the README
documents, so that line N of a diagnostic is the N-th paragraph counted this way):

1. the headers, section by section (first-page header, then the default header, then the
   even-page header; a header linked to the previous section's is not repeated);
2. the body, in document order: paragraphs, and the paragraphs of table cells (row by row,
   cell by cell, nested tables in place), content controls and text boxes included;
3. the footers, section by section, in the same order as the headers.

Empty paragraphs count. Headers come first and footers last because that is where
document-sharing sites put their adverts, so the promotional-block rules, which look at the
top and bottom of a document, find them there as in a .txt file.

A paragraph's text is its runs' text (field results included, field codes and deleted text
not); a tab stays a tab; a manual line or page break becomes a space in the line and is masked
for the checks, so that nothing is matched across it. Footnotes, endnotes and comments are not
read.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator, List, Tuple

from speechlint.document import MASK, Document, InputError, too_many_lines
from speechlint.guard import DEFAULT_MAX_DOCX_SIZE, size_text
from speechlint.i18n import N_, _

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: encrypted .docx or .doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "txbxContent", MC + "Fallback", W + "del", W + "moveFrom", W + "instrText",
         W + "delText", W + "footnoteReference", W + "commentReference"}
BREAK = "\u2028"  # stands for a manual line break while reading; a space in the document's lines


def _load():
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - python-docx is a dependency of speechlint
        raise InputError(_("reading .docx needs the python-docx package (pip install python-docx)")) from None
    return docx


def _paragraph_text(p) -> str:
    """The text of one w:p element, without the paragraphs of text boxes inside it."""
    out: List[str] = []

    def walk(el):
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append(BREAK)
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "p":
                continue  # a paragraph nested in this one is read on its own
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _paragraphs(root, where: str) -> Iterator[Tuple[str, str]]:
    """(text, where) of every paragraph below root, in document order; text boxes after the
    paragraph that anchors them. Table paragraphs are labelled with their table, row and cell."""
    tables = [0]

    def walk(el, label):
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == MC + "Fallback":
                continue
            if tag == W + "p":
                yield _paragraph_text(child), label
                yield from walk_nested(child, label)
            elif tag == W + "tbl":
                tables[0] += 1
                number = tables[0]
                for r, tr in enumerate(child.iter(W + "tr"), 1):
                    if _owner_table(tr) is not child:
                        continue
                    for c, tc in enumerate((x for x in tr if x.tag == W + "tc"), 1):
                        yield from walk(tc, _("{where}, table {table}, row {row}, cell {cell}").format(
                            where=where, table=number, row=r, cell=c))
            elif tag in (W + "sectPr",):
                continue
            else:
                yield from walk(child, label)

    def walk_nested(p, label):
        """Paragraphs in text boxes inside paragraph p."""
        for box in p.iter(W + "txbxContent"):
            if any(a.tag == MC + "Fallback" for a in box.iterancestors()):
                continue
            if _owner_paragraph(box) is p:
                yield from walk(box, _("{where}, text box").format(where=label))

    yield from walk(root, where)


def _owner_table(tr):
    for a in tr.iterancestors():
        if a.tag == W + "tbl":
            return a
    return None


def _owner_paragraph(box):
    for a in box.iterancestors():
        if a.tag == W + "p":
            return a
    return None


# the parts of a section a paragraph may come from: python-docx's attribute, and its name
PARTS = {
    "header": (("first_page_header", N_("first-page header")), ("header", N_("header")),
               ("even_page_header", N_("even-page header"))),
    "footer": (("first_page_footer", N_("first-page footer")), ("footer", N_("footer")),
               ("even_page_footer", N_("even-page footer"))),
}


def _parts(document) -> Tuple[list, list]:
    """The distinct header and footer elements, in the documented order."""
    headers, footers, seen = [], [], set()
    for n, section in enumerate(document.sections, 1):
        for kind, out in (("header", headers), ("footer", footers)):
            for variant, label in PARTS[kind]:
                hf = getattr(section, variant)
                if hf.is_linked_to_previous:
                    continue
                element = hf._element  # the w:hdr / w:ftr element of its own part
                if id(element) in seen:
                    continue
                seen.add(id(element))
                out.append((element, _("the {part} of section {n}").format(part=_(label), n=n)
                            if len(document.sections) > 1 else _("the {part}").format(part=_(label))))
    return headers, footers


def damaged(exc: Exception) -> str:
    """The message of a .docx that cannot be read, with the error that says why."""
    return _("not a readable .docx: damaged ({error})").format(error=f"{type(exc).__name__}: {exc}")


def check_unzipped_size(data: bytes, limit: int) -> None:
    """InputError if the parts of the package would hold more than limit bytes once unzipped
    (0: no limit), from the sizes the zip's central directory declares, before anything is
    decompressed. While reading, Python's zipfile never returns more than a part's declared
    size (and a part that decompresses to more, or less, fails its CRC check: damaged), so the
    declared sizes bound what python-docx reads into memory."""
    if not limit:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(max(0, info.file_size) for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise InputError(damaged(exc)) from None
    if total > limit:
        raise InputError(_("too large: it holds {size} once unzipped, over the "
                           "{limit} limit (max-docx-size); not read").format(size=size_text(total),
                                                                             limit=size_text(limit)))



# an element p of any namespace's prefix (w:p, or another prefix bound to the same namespace),
# opening however the XML writes it: more than the body's paragraphs, never fewer
PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?p[\s/>]")


def _check_paragraphs(data: bytes, limit: int) -> None:
    """InputError if the body (word/document.xml) holds more than limit paragraphs (see PARAGRAPH;
    read after its unzipped size was checked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(damaged(exc)) from None
    n = len(PARAGRAPH.findall(body))
    if n > limit:
        raise InputError(too_many_lines(n, limit))


def read_docx(path: str, data: bytes, max_size: int = DEFAULT_MAX_DOCX_SIZE, max_lines: int = 0) -> Document:
    """A Document whose lines are the paragraphs of a .docx file. Raises InputError for a
    file that is not a readable .docx (damaged, encrypted or password-protected, not Word),
    or one that holds more than max_size bytes once unzipped (0: no limit), or more than
    max_lines paragraphs in its body (0: no limit), counted before the XML is parsed (parsing two
    million empty paragraphs took seconds)."""
    if data.startswith(OLE_MAGIC):
        raise InputError(_("not a readable .docx: it is encrypted (password-protected) or an old "
                           "binary .doc; remove the password or save it as .docx in Word"))
    if not data.startswith(b"PK"):
        raise InputError(_("not a readable .docx: not a zip package (damaged, or not a Word file)"))
    check_unzipped_size(data, max_size)
    if max_lines:
        _check_paragraphs(data, max_lines)
    docx = _load()
    try:
        document = docx.Document(io.BytesIO(data))
        headers, footers = _parts(document)
        items: List[Tuple[str, str]] = []
        for element, label in headers:
            items.extend(_paragraphs(element, label))
        items.extend(_paragraphs(document.element.body, _("the body")))
        for element, label in footers:
            items.extend(_paragraphs(element, label))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
        raise InputError(damaged(exc)) from None
    except Exception as exc:  # lxml's XMLSyntaxError, python-docx's PackageNotFoundError, …
        raise InputError(damaged(exc)) from None
    if max_lines and len(items) > max_lines:  # (paragraphs of its headers and footers too)
        raise InputError(too_many_lines(len(items), max_lines))
    texts = [t.replace("\r", " ").replace("\n", BREAK) for t, _where in items]
    lines = tuple(t.replace(BREAK, " ") for t in texts)
    masked = tuple(t.replace(BREAK, MASK) for t in texts)
    text = "".join(l + "\n" for l in lines)
    return Document(path, text, "utf-8", False, "\n", lines, masked, source_format="docx",
                    where=tuple(w for _text, w in items))


def context(doc: Document, line: int, column: int, end_column: int, around: int = 12) -> str:
    """Where a finding is in a .docx, for its message: the part of the document and the words
    around it, quoted exactly as they stand in the paragraph so that Word's Find can locate
    them. line and columns are 1-based, end_column inclusive."""
    text = doc.lines[line - 1] if 0 < line <= len(doc.lines) else ""
    where = doc.where[line - 1] if 0 < line <= len(doc.where) else _("the document")
    start = max(0, column - 1 - around)
    end = min(len(text), end_column + around)
    snippet = text[start:end].strip()
    if not snippet:
        return _("in {where}, paragraph {n} (empty)").format(where=where, n=line)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return _("in {where}, paragraph {n}: “{text}”").format(where=where, n=line, text=f"{prefix}{snippet}{suffix}")
