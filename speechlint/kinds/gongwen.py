"""gongwen: the format of a 公文 (GB/T 9704-2012), checked on documents that have its structure.

A document is a 公文 when speechlint.structure recognises at least two of its parts (a 发文字号,
a 主送机关, an 附件 line, a 署名 with a 成文日期, 抄送, 印发). Reports (a rule reports one, chosen
by its `report` option):
- date-numerals: the 成文日期 under the 署名 written in Chinese numerals (7.3.5.3: 用阿拉伯数字将
  年、月、日标全); a document dated before the standard's year (2012) is not checked;
- heading-levels: a heading nested under a heading of a deeper level: （一）（二） between 1. and 2.,
  or 1. 2. between （1） and （2） — the levels run 一、 （一） 1. （1） (7.3.3: 文中结构层次序数依次可以用
  “一、”“（一）”“1.”“（1）”标注);
- addressee-colon: the 主送机关 (bodies separated by 、 or ，, on a line of their own among the first
  lines, before the body text) written without the colon that ends it (7.3.2: 最后一个机关名称后标全角
  冒号); a half-width colon is SL601's;
- attachment-numbers: the attachments listed in the 附件说明 are not numbered 1, 2, 3 … in order
  (7.3.4: 附件：1. … 2. …);
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, List, Optional, Tuple

import regex

from speechlint import patterns

from speechlint import structure
from speechlint.diagnostics import Finding
from speechlint.i18n import _
from speechlint.kinds.dates import latest_year
from speechlint.numerals import value

OPTIONS = {"report": "string"}
FIELDS = ("match", "detail", "replacement")
REPORTS = ("date-numerals", "attachment-numbers", "heading-levels", "addressee-colon")
MIN_PARTS = 2  # parts of a 公文 a document must show to be checked as one
STANDARD_YEAR = 2012
_S = r"[ \t\u3000]"
_SPACE = r"[ \t\u3000]*"
HEADINGS = (  # level, the marker at the start of a line
    (1, patterns.compiled(_SPACE + r"([一二三四五六七八九十]{1,3})、")),
    (2, patterns.compiled(_SPACE + r"[（(]([一二三四五六七八九十]{1,3})[）)]")),
    (3, patterns.compiled(_SPACE + r"([0-9０-９]{1,2})[.．](?![0-9０-９])")),
    (4, patterns.compiled(_SPACE + r"[（(]([0-9０-９]{1,2})[）)]")),
)
MARKS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
CHINESE_DATE = patterns.compiled(r"[〇○零一二三四五六七八九十]{2,4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日")
LIST_ITEM = patterns.compiled(rf"^{_S}*(?:附{_S}*件{_S}*[：:]{_S}*)?([0-9０-９]{{1,2}}){_S}*[.．、]")


@dataclass(frozen=True)
class Options:
    report: str


def prepare(options) -> Options:
    report = options.get("report", "")
    if report not in REPORTS:
        raise ValueError(_("'report' must be one of {choices}").format(choices=", ".join(REPORTS)))
    return Options(report)


def parts(lines) -> List[Optional[str]]:
    return [structure.role(line) if line.strip() else None for line in lines]


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    roles = parts(lines)
    if len({r for r in roles if r}) < MIN_PARTS:
        return
    if opts.report == "date-numerals":
        yield from _date_numerals(lines, roles)
    elif opts.report == "heading-levels":
        yield from _heading_levels(lines, roles)
    elif opts.report == "addressee-colon":
        yield from _addressee_colon(lines, roles)
    else:
        yield from _attachment_numbers(lines, roles)


def _previous(roles, no) -> Optional[str]:
    for k in range(no - 1, -1, -1):
        if roles[k]:
            return roles[k]
    return None


def _date_numerals(lines, roles) -> Iterator[Finding]:
    year = latest_year(lines)
    if year is not None and year < STANDARD_YEAR:
        return
    for no, role in enumerate(roles):
        if role == "date" and _previous(roles, no) == "signature":
            m = CHINESE_DATE.search(lines[no])
            if m:
                yield Finding(no, m.start(), m.end(), m.group(),
                              detail=_("write the 成文日期 in Arabic numerals: 2024年3月20日 (GB/T 9704—2012)"))


def _headings(lines, roles) -> List[Tuple[int, int, int, int]]:
    """(line, level, number, end of the marker) of each heading; an attachment starts afresh
    (a heading of level 0 stands for its start)."""
    out = []
    for no, (line, role) in enumerate(zip(lines, roles)):
        if role == "attachment":
            out.append((no, 0, 0, 0))
            continue
        if role:
            continue
        for level, pattern in HEADINGS:
            m = pattern.match(line)
            if m:
                n = value(m.group(1))
                if n:
                    out.append((no, level, n, m.end()))
                break
    return out


def _heading_levels(lines, roles) -> Iterator[Finding]:
    """A run of shallower headings starting at 1 between two deeper ones that go on counting
    (1. …（一）…（二）… 2.): the shallower ones are nested under the deeper."""
    heads = _headings(lines, roles)
    for k, (no, level, n, end) in enumerate(heads):
        if level < 1 or n != 1 or k == 0:
            continue
        before, m = heads[k - 1][1], heads[k - 1][2]
        if before <= level:
            continue
        for _no, later, v, _end in heads[k + 1:]:
            if later < level:
                break  # a shallower heading: the deeper list was not resumed
            if later == before:
                if v == m + 1:
                    start = len(lines[no]) - len(lines[no].lstrip(" \t\u3000"))
                    yield Finding(no, start, end, lines[no][start:end],
                                  detail=_("{mark} stands under {above}: the levels of headings "
                                           "run 一、 （一） 1. （1） (GB/T 9704-2012, 7.3.3)").format(
                                      mark=MARKS[level], above=MARKS[before]))
                break


_BODY = r"\p{Han}{1,20}?(?:" + structure.BODY + r"|部门|单位|机构|企业|学校)"
ADDRESSEES = patterns.compiled(r"^[ \t\u3000]*" + _BODY + r"(?:[、，,]" + _BODY + r"){0,12}[ \t\u3000]*$")
FIRST_LINES = 6  # the 主送机关 stands among the first non-blank lines


def _addressee_colon(lines, roles) -> Iterator[Finding]:
    """The 主送机关 without its colon: a line of bodies among the first lines whose next line is
    body text (a sentence), in a document with no 主送机关 line of its own."""
    if "addressee" in roles:
        return
    nonblank = [no for no, line in enumerate(lines) if line.strip()]
    for k, no in enumerate(nonblank[:FIRST_LINES]):
        line = lines[no]
        if roles[no] or len(line) > 120 or not ADDRESSEES.match(line) or k + 1 >= len(nonblank):
            continue
        following = lines[nonblank[k + 1]]
        if len(following.strip()) > 10 and regex.search(r"[。；]", following):
            end = len(line.rstrip(" \t\u3000"))
            yield Finding(no, end - 1, end, line[end - 1], replacement=line[end - 1] + "：",
                          detail="the 主送机关 ends with a full-width colon")
            return


def _attachment_numbers(lines, roles) -> Iterator[Finding]:
    for no, role in enumerate(roles):
        if role != "attachment" or not regex.match(rf"^{_S}*附{_S}*件{_S}*[：:]", lines[no]):
            continue
        expected = 1
        for k in range(no, min(no + 30, len(lines))):
            m = LIST_ITEM.match(lines[k])
            if not m:
                if k > no:
                    break
                continue
            n = value(m.group(1))
            if n != expected:
                yield Finding(k, m.start(1), m.end(1), m.group(1),
                              detail=_("the attachments are numbered in order: {expected} is expected here").format(
                                  expected=expected))
                break
            expected += 1
