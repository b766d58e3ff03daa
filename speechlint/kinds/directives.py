"""directives: speechlint's own comments that it cannot read (<!-- speechlint-disabel SL101 -->,
a disable that names no code), which would otherwise be ignored without a word: the finding
they were meant to suppress is reported, and the writer does not know why. Read on the lines as
written (ctx.written), since Markdown's comments are masked in the lines the other kinds read."""
from __future__ import annotations

from typing import Iterator

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.engine import CODE_LIST, DIRECTIVE
from speechlint.i18n import N_, gettext

OPTIONS: dict = {}
FIELDS = ("match", "detail")
# speechlint's name in any case, then any separator (speechlint disable, Speechlint:disable)
COMMENT = patterns.compiled(r"<!--\s*(?P<name>speechlint)(?P<sep>[-\s:_]*)(?P<verb>[\w-]*)(?P<rest>(?:(?!-->).)*)(?:-->|$)",
                        regex.IGNORECASE)
VERBS = ("disable-next-line", "disable", "enable")
UNKNOWN = N_("no such directive: write speechlint-disable, speechlint-disable-next-line or speechlint-enable")
NO_CODE = N_("it names no code: write the codes it turns off, e.g. SL101 or SL4")
UNREADABLE = N_("its codes cannot be read: write codes such as SL101 or SL4, separated by spaces or commas")
UNCLOSED = N_("the comment is not closed with --> on its line")


def prepare(options):
    return None


def check(opts, ctx) -> Iterator[Finding]:
    for no, line in enumerate(ctx.written or ctx.lines):
        if "speechlint" not in line.lower():
            continue
        for m in COMMENT.finditer(line):
            verb, rest = m.group("verb"), m.group("rest")
            if m.group("name") != "speechlint" or m.group("sep") != "-" or verb not in VERBS:
                detail = UNKNOWN
            elif not m.group().endswith("-->"):
                detail = UNCLOSED
            elif DIRECTIVE.fullmatch(m.group()) is None or not CODE_LIST.match(rest):
                detail = UNREADABLE
            elif verb != "enable" and not regex.search(r"SL[0-9]{0,3}", rest):
                detail = NO_CODE
            else:
                continue
            yield Finding(no, m.start(), m.end(), m.group(), None, gettext(detail))
