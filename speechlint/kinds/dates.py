"""dates: dates that cannot be right (时效性).

Reports (a rule reports one, chosen by its `report` option):
- weekday: a date with a weekday that it does not fall on (2024年3月20日（星期五）: a Wednesday);
- impossible: a day that no month has (2月30日, 4月31日, 2023年2月29日, 13月);
- plan: a five-year plan spoken of as the present (今年是“十三五”…, 当前“十三五”…) in a document
  whose own date lies outside the plan's years. The document's date is its latest full date
  (2024年3月20日 or 二〇二四年三月二十日), or the rule's `year` option when set.
Dates are read in Arabic, full-width and Chinese numerals (speechlint.numerals).
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import _
from speechlint.numerals import value

OPTIONS = {"report": "string", "year": "int", "present-words": "list of strings"}
FIELDS = ("match", "detail")
REPORTS = ("weekday", "impossible", "plan")
NUM = r"[0-9０-９〇○零一二三四五六七八九十]"
DATE = patterns.compiled(
    rf"(?<![0-9０-９])(?:(?P<y>{NUM}{{4}})\s*年\s*)?(?P<m>{NUM}{{1,3}})\s*月\s*(?P<d>{NUM}{{1,3}})\s*[日号]"
    r"(?:\s*[（(]?\s*(?:星期|周|礼拜)(?P<w>[一二三四五六日天])\s*[）)]?)?")
WEEKDAYS = "一二三四五六日"
# “十四五”, 十四五规划, “十五”计划: the sixth plan on (1981-1985) follow each other every five years
PLAN = patterns.compiled(r"“(?P<n>十[一二三四五六七八九]?|[六七八九])五”|(?P<n>十[一二三四五六七八九]?|[六七八九])五(?=规划|时期|期间|计划)")
SIXTH_PLAN = 1981
PRESENT = ("今年是", "当前", "目前", "现在", "正处于", "正值", "眼下", "当下", "今年为")


@dataclass(frozen=True)
class Options:
    report: str
    year: Optional[int]
    present: tuple


def prepare(options) -> Options:
    report = options.get("report", "")
    if report not in REPORTS:
        raise ValueError(_("'report' must be one of {choices}").format(choices=", ".join(REPORTS)))
    year = options.get("year")
    if year is not None and not 1900 <= year <= 2200:
        raise ValueError(_("'year' must be from 1900 to 2200"))
    return Options(report, year, tuple(options.get("present-words", PRESENT)))


def _date(m) -> Optional[tuple]:
    """(year or None, month, day) as written, or None when a part is no numeral."""
    year = value(m.group("y")) if m.group("y") else None
    month, day = value(m.group("m")), value(m.group("d"))
    if month is None or day is None or (m.group("y") and year is None):
        return None
    return year, month, day


def _valid(year, month, day) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year else 2024, month)[1]  # no year: 2月29日 can be


def document_year(lines, opts: Options) -> Optional[int]:
    """The year of the document's latest full date, or the `year` option."""
    return opts.year or latest_year(lines)


def latest_year(lines) -> Optional[int]:
    """The year of the latest full date (2024年3月20日, 二〇二四年三月二十日) a text writes."""
    latest = None
    for line in lines:
        for m in DATE.finditer(line):
            parts = _date(m)
            if parts and parts[0] and 1900 <= parts[0] <= 2200 and _valid(*parts):
                latest = max(latest or parts, parts)
    return latest[0] if latest else None


def plan_years(n: int) -> tuple:
    """The years of the Nth five-year plan (from the sixth, 1981-1985, on)."""
    start = SIXTH_PLAN + 5 * (n - 6)
    return start, start + 4


def check(opts: Options, ctx) -> Iterator[Finding]:
    if opts.report == "plan":
        yield from _plans(opts, ctx)
        return
    for no, line in enumerate(ctx.lines):
        if "月" not in line:
            continue
        for m in DATE.finditer(line):
            parts = _date(m)
            if parts is None:
                continue
            year, month, day = parts
            if opts.report == "impossible" and not _valid(year, month, day):
                what = f"{year}年{month}月" if year and 1 <= month <= 12 else f"{month}月"
                detail = (_("{month}月 has no day {day}").format(month=month, day=day) if 1 <= month <= 12
                          else _("there is no month 13 or above"))
                if year and 1 <= month <= 12 and month == 2 and day == 29:
                    detail = _("{year} is not a leap year").format(year=year)
                yield Finding(no, m.start(), m.end(), m.group(), detail=detail or what)
            elif opts.report == "weekday" and m.group("w") and year and 1900 <= year <= 2200 and _valid(*parts):
                actual = datetime.date(year, month, day).weekday()
                written = WEEKDAYS.index("日" if m.group("w") == "天" else m.group("w"))
                if actual != written:
                    yield Finding(no, m.start("w") - 2 if line[m.start("w") - 2:m.start("w")] in ("星期", "礼拜")
                                  else m.start("w") - 1, m.start("w") + 1, m.group(),
                                  replacement=None, detail=_("{year}年{month}月{day}日 is a 星期{weekday}").format(
                                      year=year, month=month, day=day, weekday=WEEKDAYS[actual]))


def _plans(opts: Options, ctx) -> Iterator[Finding]:
    year = document_year(ctx.lines, opts)
    if year is None:
        return
    for no, line in enumerate(ctx.lines):
        if "五" not in line:
            continue
        for m in PLAN.finditer(line):
            n = value(m.group("n"))
            if n is None or n < 6:
                continue
            before = line[max(0, m.start() - 8):m.start()]
            if not any(w in before for w in opts.present):
                continue
            first, last = plan_years(n)
            if not first <= year <= last:
                name = m.group("n") + "五"
                start = line.index(name, m.start())
                yield Finding(no, start, start + len(name), name,
                              detail=_("“{plan}” ran {first}–{last}, and this document is of {year}").format(
                                  plan=name, first=first, last=last, year=year))
