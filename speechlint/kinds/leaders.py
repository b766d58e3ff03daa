"""leaders: names of leaders with a wrong title, or listed out of protocol order, against a table
that the rule (or the user's copy of it) keeps up to date.

The table is data: `order` lists the names in protocol order (排名顺序), `titles` gives each
name its titles, and `as-of` the date from which the table holds; messages quote that date, so
that a reader knows what the check knew, and a document whose latest full date is of an earlier
year is not checked (its titles were those of its day). Reported:
- title: a title from the table written next to a name whose titles do not include it
  (国务院总理赵乐际; 李强总理 is right), the title just before the name or just after it (a
  title of the table at the end of a longer one, 省委副书记, is another office: not judged);
- order: names of the table listed together (separated by 、，和 or spaces, in one sentence) in
  an order other than the table's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, Optional, Tuple

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import _
from speechlint.kinds.dates import latest_year

OPTIONS = {"order": "list of strings", "titles": "table of strings", "as-of": "string", "former": "list of strings"}
FIELDS = ("match", "detail")
# what ends the head of a longer title of another office just before a title of the table:
# 省委副|书记, 市委|书记, 省政协|主席, 县人大常委会|主任, and a committee's that is no central
# body's (政法委|书记, 市纪委|书记, 校团委|书记); a central body's title (中纪委, 中央财经委, 军委,
# 中央和国家机关工委) is judged: a member of the table holds only the table's
ANOTHER_OFFICE = patterns.compiled(r"(?:副|党委|党组|政协|人大|常委会|政府|[省市县区]"
                                   r"|(?<!(?:中央|中纪|军)[^、，,。；：\s]{0,8})委)$")
SEPARATOR = patterns.compiled(r"^[、，,和及与\s　同志]*$")  # between two names of one list
# a name outside the table listed before the table's names (李克强、栗战书、汪洋、王沪宁、赵乐际):
# the list is another time's lineup, which the table does not describe
NAME_BEFORE = patterns.compiled(r"(?:^|[、：:\s　])\p{Han}{2,3}、\s*$")  # 、 only: 会上，… opens a sentence
TITLE_GAP = 2  # characters allowed between a title and its name (同志, a space)


@dataclass(frozen=True)
class Options:
    rank: Dict[str, int]
    titles: Dict[str, Tuple[str, ...]]
    as_of: str
    names: "regex.Pattern"
    all_titles: "regex.Pattern"
    former: Optional["regex.Pattern"] = None  # names of earlier lineups: a line that names one is another time's


def prepare(options) -> Options:
    order = options.get("order", [])
    titles = {name: tuple(t for t in value.split("|") if t) for name, value in options.get("titles", {}).items()}
    if not order and not titles:
        raise ValueError(_("give 'order' or 'titles'"))
    if len(set(order)) != len(order):
        raise ValueError(_("a name stands twice in 'order'"))
    names = set(order) | set(titles)
    if any(not n.strip() for n in names):
        raise ValueError(_("an empty name"))
    every = patterns.longest_first(t for ts in titles.values() for t in ts)
    former = [n for n in options.get("former", []) if n.strip() and n not in names]
    return Options({n: k for k, n in enumerate(order)}, titles, options.get("as-of", ""),
                   patterns.compiled("|".join(regex.escape(n) for n in patterns.longest_first(names))),
                   patterns.compiled("|".join(regex.escape(t) for t in every)) if every else patterns.compiled(r"(?!)"),
                   patterns.compiled("|".join(regex.escape(n) for n in patterns.longest_first(former))) if former else None)


def _since(opts: Options) -> str:
    return _(" (the table of {date})").format(date=opts.as_of) if opts.as_of else ""


def check(opts: Options, ctx) -> Iterator[Finding]:
    since = regex.match(r"[0-9]{4}", opts.as_of)
    year = latest_year(ctx.lines)
    if since and year is not None and year < int(since.group()):
        return  # a document older than the table: its titles were those of its day
    for no, line in enumerate(ctx.lines):
        names = list(opts.names.finditer(line))
        if not names:
            continue
        yield from _titles(opts, no, line, names)
        yield from _order(opts, no, line, names)


def _titles(opts: Options, no: int, line: str, names) -> Iterator[Finding]:
    for m in names:
        known = opts.titles.get(m.group())
        if not known:
            continue
        before = line[max(0, m.start() - 20):m.start()]
        after = line[m.end():m.end() + 20]
        # the longest title ending just before the name, or starting just after it; a title of
        # the table that ends a longer one of another office (省委副书记 ends with 书记) says
        # nothing of the table's (a title after ordinary words, 传达了国务院总理, is judged)
        head = before.rstrip(" 　同志")
        candidates = [t for t in opts.all_titles.findall(before, overlapped=True)
                      if head.endswith(t) and len(before) - before.rfind(t) - len(t) <= TITLE_GAP
                      and not ANOTHER_OFFICE.search(head[:len(head) - len(t)])]
        candidates += [t for t in opts.all_titles.findall(after, overlapped=True)
                       if after.lstrip(" 　").startswith(t)]
        if not candidates:
            continue
        title = max(candidates, key=len)
        if not any(title == k or title in k or k.endswith(title) for k in known):
            yield Finding(no, m.start(), m.end(), m.group(),
                          detail=_("{name} is {title}, not {written}").format(
                              name=m.group(), title=known[0], written=title) + _since(opts))


def _former_beside(opts: Options, line: str, group) -> bool:
    """Whether a member of an earlier lineup (option former) stands in the list: right before its
    first name or right after its last, or between two of its names, with nothing but separators
    between (张高丽栗战书王沪宁赵乐际韩正; not 送别李克强同志 in a sentence after the list, nor 汪洋大海)."""
    if opts.former is None:
        return False
    lo, hi = max(0, group[0].start() - 12), min(len(line), group[-1].end() + 12)
    for f in opts.former.finditer(line, lo, hi):
        if f.end() <= group[0].start() and SEPARATOR.match(line[f.end():group[0].start()]):
            return True
        if f.start() >= group[-1].end() and SEPARATOR.match(line[group[-1].end():f.start()]):
            return True
        if any(a.end() <= f.start() and f.end() <= b.start() for a, b in zip(group, group[1:])):
            return True
    return False


def _order(opts: Options, no: int, line: str, names) -> Iterator[Finding]:
    group = [names[0]]
    for m in names[1:] + [None]:
        if m is not None and SEPARATOR.match(line[group[-1].end():m.start()]):
            group.append(m)
            continue
        ranked = [g for g in group if g.group() in opts.rank]
        if ranked and (NAME_BEFORE.search(line, max(0, group[0].start() - 8), group[0].start())
                       or _former_beside(opts, line, group)):
            ranked = []  # another lineup: a name the table does not hold comes first, or an earlier member stands in it
        for a, b in zip(ranked, ranked[1:]):
            if opts.rank[b.group()] < opts.rank[a.group()]:
                yield Finding(no, b.start(), b.end(), b.group(),
                              detail=_("{name} comes before {other} in protocol order").format(
                                  name=b.group(), other=a.group()) + _since(opts))
                break
        group = [m] if m is not None else []
