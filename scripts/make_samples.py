#!/usr/bin/env python3
"""The seed speech in three forms, for the tests and for scripts/report_screenshot.sh:

    python scripts/make_samples.py FOLDER

writes FOLDER/seed.txt (the seed as it is), FOLDER/seed.md (the seed with a fenced code block,
holding a “ and a × that must not be reported, and a line with inline code, inserted after the
title: MD_INSERT_AFTER and MD_INSERTED say where and how many lines) and FOLDER/seed.docx (made
with python-docx: the advert lines at the top in the page header, the rest as body paragraphs,
one paragraph per line, so that paragraph N is line N of the .txt).
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_194b8ab123b4e932.txt"
HEADER_LINES = 9  # the seed's advert block: lines 1-9 go into the .docx page header
MD_INSERT_AFTER = 16  # the title line of the speech
MD_BLOCK = [
    "",
    "下面的代码块和行内代码不是正文：",
    "",
    "```text",
    "“未闭合的引号 ×月×日 落实落实",
    "```",
    "",
    "行内代码`“×`不报告。",
    "",
]
MD_INSERTED = len(MD_BLOCK)


def seed_lines() -> list:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def seed_markdown() -> str:
    lines = seed_lines()
    return "\n".join(lines[:MD_INSERT_AFTER] + MD_BLOCK + lines[MD_INSERT_AFTER:]) + "\n"


def write_seed_docx(path, lines=None, footer=()) -> None:
    """The seed (or lines) as a Word document: the first HEADER_LINES lines in the page
    header, the rest as body paragraphs; footer lines, if any, in the page footer."""
    import docx

    lines = seed_lines() if lines is None else list(lines)
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = lines[0]
    for line in lines[1:HEADER_LINES]:
        header.add_paragraph(line)
    for line in lines[HEADER_LINES:]:
        document.add_paragraph(line)
    if footer:
        f = document.sections[0].footer
        f.paragraphs[0].text = footer[0]
        for line in footer[1:]:
            f.add_paragraph(line)
    document.save(str(path))


def main(argv) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seed.txt").write_text("\n".join(seed_lines()) + "\n", encoding="utf-8")
    (folder / "seed.md").write_text(seed_markdown(), encoding="utf-8")
    write_seed_docx(folder / "seed.docx")
    (folder / "clean.txt").write_text("同志们：\n今年以来，全县上下认真贯彻落实市委决策部署，各项工作取得新进展。\n",
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
