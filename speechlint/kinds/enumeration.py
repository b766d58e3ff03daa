"""enumeration: numbered items of a speech or document, and counts announced for them.

Items are recognised in the numbering styles of Chinese official writing:
- at the start of a line (paragraph), from the outermost level in: 第一章 (部分, 编), 第一节,
  第一条, 一、 （一） 第一， 1. （1） ①; a marker of one level restarts the numbering of every
  deeper level, except that articles (第一条) run on through the whole document;
- inside a paragraph: 一是…二是…, 一要…二要…, 第一，…第二，…
A line that opens an annex (附件, 附件2：…, 附录) starts the numbering afresh, and a quotation
that runs over whole lines (“一、…” … ”) is numbered on its own, apart from the text around it.
A number followed by a space (24 A类标准…, 2 个部分) is a table row or a wrapped line, not an item.

`report = "sequence"`: an item whose number skips (第一…第三), repeats or goes back. A list that
starts again at 1 is a new list and is correct. A skipped number that stands inside a line in
between (…完成。（二）加强… run into the paragraph before) is there, not missing.
`report = "count"`: a number announced for a list (五个攻坚战, 三个坚决, 两个方面) that the list
does not meet. The announcement is checked only against items that echo its noun (第一，打好
产业项目攻坚战 for 五个攻坚战), so 六大重点产业 named in passing is not taken for a list, unless it
points at what follows (以下五个方面, 下列三项, 三点意见如下), when its list is whatever list comes
next (a bare colon is not enough: 四种类型：一是…二是… may go on in other words). Only
the list nearest the announcement is its list: the items after it in the same sentence or the
next, or else numbered lines that begin within two lines, and only when no further sentence
follows the announcement in its paragraph (一个中心、三大平台。具体任务如下： names, it does
not announce). A list of 一是…二是… may run on into the following paragraphs. Counts of time and
amounts (三个月, 五个百分点, 两个以上) announce nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import _
from speechlint import numerals

OPTIONS = {"report": "string", "item-verbs": "string", "classifiers": "list of strings"}
FIELDS = ("match", "detail")
LEAD = r"^[\s\u3000]*“?"  # “ opens a quoted item (see quote_blocks)
BIG = r"([一二三四五六七八九十百零〇]{1,7}|[0-9]{1,3})"
LINE_STYLES = (  # (style, level, pattern); the number is group 1
    ("第一章", 1, patterns.compiled(LEAD + r"第" + BIG + r"[章编]")),
    ("第一部分", 1, patterns.compiled(LEAD + r"第" + BIG + r"部分")),
    ("第一节", 2, patterns.compiled(LEAD + r"第" + BIG + r"节")),
    ("第一条", 3, patterns.compiled(LEAD + r"第" + BIG + r"条(?=[\s\u3000，,：:]|\p{Han})")),
    ("一、", 4, patterns.compiled(LEAD + r"([一二三四五六七八九十]{1,3})、")),
    ("（一）", 5, patterns.compiled(LEAD + r"[（(]?([一二三四五六七八九十]{1,3})[）)]")),  # 四） lost its （: SL202's
    ("第一，", 6, patterns.compiled(LEAD + r"第([一二三四五六七八九十]{1,3})[，、,：:]")),
    ("1.", 7, patterns.compiled(LEAD + r"([0-9]{1,2})[.．、](?![0-9])")),
    ("（1）", 8, patterns.compiled(LEAD + r"[（(]([0-9]{1,2})[）)]")),
    ("①", 9, patterns.compiled(LEAD + r"([①-⑳])")),
)
RUN_ON = {"第一条"}  # numbered through the whole document, across chapters
ANNEX = patterns.compiled(r"^[\s\u3000]*(?:附件|附录|附表)\s*[0-9０-９一二三四五六七八九十]{0,3}(?:[：:\s]|$)[^。；]{0,60}$")
MEASURES = "月|小时|工作日|百分点|以上|以下|左右|多|年|周|星期|季度|批次|倍"  # 三个月, 五个百分点: amounts
SENTENCE_END = patterns.compiled(r"[。！？；]")
# an announcement that points at what follows: 以下五个方面, 下列三项, 三点意见如下
EXPLICIT_BEFORE = patterns.compiled(r"以下|下列|如下|下面")
EXPLICIT_AFTER = patterns.compiled(r"[^，。；]{0,6}?如下")
QUOTE_LINES = 30  # a quotation still open after this many lines is taken for an unclosed mark


def inline_pattern(verbs: str) -> "regex.Pattern":
    """Items inside a paragraph: 一是…二是… (the rule's `item-verbs`: 是, 要…) and 第一，…"""
    return patterns.compiled(r"(?:^|(?<=[。；：！？，\s\u3000]))(?:([一二三四五六七八九十]{1,2})([" + regex.escape(verbs)
                         + r"])|第([一二三四五六七八九十]{1,2})(?=[，、：]))")


def announce_pattern(classifiers) -> "regex.Pattern":
    """An announced count: a numeral, one of the rule's `classifiers` (个, 种, 方面…), a noun."""
    words = "|".join(regex.escape(c) for c in sorted(classifiers, key=len, reverse=True))
    return patterns.compiled(r"(?<![第0-9一二三四五六七八九十百千万])([两二三四五六七八九十])(?:" + words + r")的?"
                         r"(?!" + MEASURES + r")([\p{Han}]{2,6}?)(?=[”’，。；：、）\s]|$|的)")


def number(text: str) -> Optional[int]:
    """The number an item marker writes (speechlint.numerals: Arabic, full-width, Chinese,
    circled …), or None."""
    return numerals.value(text)


def chinese(n: int) -> str:
    """1..99 in Chinese numerals, as items are numbered: 三, 十二, 二十."""
    tens, ones = divmod(n, 10)
    digits = "〇一二三四五六七八九"
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def marker(style: str, value: int) -> Optional["regex.Pattern"]:
    """The item `value` of `style` anywhere in a line (a heading run into a paragraph)."""
    if not 0 < value < 100:
        return None
    c, d = regex.escape(chinese(value)), str(value)
    source = {
        "一、": r"(?<![一二三四五六七八九十百千万第])" + c + "、",
        "（一）": r"[（(]" + c + r"[）)]",
        "第一，": "第" + c + r"[，、,：:]",
        "1.": r"(?<![0-9.．])" + d + r"[.．、](?![0-9])",
        "（1）": r"[（(]" + d + r"[）)]",
        "①": chr(ord("①") + value - 1) if value <= 20 else None,
        "第一章": "第(?:" + c + "|" + d + ")[章编]",
        "第一部分": "第(?:" + c + "|" + d + ")部分",
        "第一节": "第(?:" + c + "|" + d + ")节",
        "第一条": "第(?:" + c + "|" + d + ")条",
    }.get(style)
    return patterns.compiled(source) if source else None


@dataclass(frozen=True)
class Item:
    line: int
    start: int
    end: int
    style: str
    level: int  # 0 for items inside a paragraph
    value: int
    text: str  # the item's first clause, to match an announced noun


@dataclass(frozen=True)
class Options:
    report: str
    inline: "regex.Pattern"
    announce: "regex.Pattern"


def prepare(options) -> Options:
    report = options.get("report", "")
    if report not in ("sequence", "count"):
        raise ValueError(_("'report' must be one of {choices}").format(choices="sequence, count"))
    verbs = options.get("item-verbs", "是要")
    classifiers = options.get("classifiers", ["个", "种", "项", "方面"])
    if not verbs or not classifiers or not all(classifiers):
        raise ValueError(_("'item-verbs' and 'classifiers' must not be empty"))
    return Options(report, inline_pattern(verbs), announce_pattern(classifiers))


CLAUSE = patterns.compiled(r"[^。；！？]*")


def _clause(line: str, start: int) -> str:
    m = CLAUSE.match(line, start)
    return m.group() if m else ""


def line_item(no: int, line: str) -> Optional[Item]:
    for style, level, pattern in LINE_STYLES:
        m = pattern.match(line)
        if m:
            value = number(m.group(1))
            if value:
                return Item(no, m.start(1), m.end(), style, level, value, _clause(line, m.end()))
    return None


def inline_items(no: int, line: str, pattern: "regex.Pattern") -> List[Item]:
    out = []
    for m in pattern.finditer(line):
        if m.group(1):
            style, digits = "一" + m.group(2), m.group(1)
        else:
            style, digits = "第一", m.group(3)
        value = number(digits)
        if value:
            out.append(Item(no, m.start(), m.end(), style, 0, value, _clause(line, m.end())))
    return out


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t", "\u3000")


def quote_blocks(lines) -> List[Optional[int]]:
    """For each line, the number of the quotation running over whole lines that it belongs to
    (None outside one). Such a quotation begins at the start of a line with “ that the line
    leaves open (or closes at its very end); a quotation of several paragraphs opens each with
    “ and closes only the last. A quote mark left open in the middle of a paragraph begins
    nothing (it is SL201's)."""
    out: List[Optional[int]] = []
    depth, block, blocks, since = 0, None, 0, 0
    for no, line in enumerate(lines):
        body = line.lstrip(" \t\u3000")
        opens, closes = line.count("“"), line.count("”")
        if block is not None:
            if body.startswith("“"):
                opens -= 1  # the next paragraph of the same quotation
            out.append(block)
            depth = max(0, depth + opens - closes)
            if depth == 0 or no - since >= QUOTE_LINES:
                depth, block = 0, None
            continue
        whole = body.rstrip().rstrip("。，；：！？").endswith("”")
        if body.startswith("“") and (opens > closes or whole):
            blocks, since = blocks + 1, no
            out.append(blocks)
            depth = opens - closes
            block = blocks if depth > 0 else None
        else:
            out.append(None)
    return out


def _present(lines, style: str, values, first: int, last: int) -> bool:
    """Whether every one of values is written, as an item of style, somewhere in lines
    first..last: a heading run into the paragraph before it is not a missing item."""
    for v in values:
        pattern = marker(style, v)
        if pattern is None or not any(pattern.search(lines[k]) for k in range(first, last + 1)):
            # a line that opens with the number and a point before a figure (20.2026年10件民生实事,
            # 21.5+2就业之家) reads as a decimal, but in a list that skips just that number it is the item
            opening = patterns.compiled(LEAD + str(v) + r"[.．](?=[0-9])") if style == "1." else None
            if opening is None or not any(opening.match(lines[k]) for k in range(first, last + 1)):
                return False
    return True


def sequence_problems(lines, heads, inline) -> Iterator[Tuple[Item, str]]:
    """Items whose number does not continue their list. A list is kept per style and
    indentation; a list that starts again at 1 is nested (or new), and an item that continues
    an outer list closes the inner ones. Only lists that started at 1 are judged. An annex
    starts afresh; a quotation over whole lines keeps lists of its own."""
    outer: Dict[Tuple[str, bool], List[List[int]]] = {}
    quoted: Dict[int, Dict[Tuple[str, bool], List[List[int]]]] = {}
    blocks = quote_blocks(lines)
    for no, line in enumerate(lines):
        if ANNEX.match(line):
            outer.clear()
            continue
        stacks = outer if blocks[no] is None else quoted.setdefault(blocks[no], {})
        items = [heads[no]] if heads[no] else []
        items += [Item(i.line, i.start, i.end, "第一，", 6, i.value, i.text)
                  for i in inline[no] if i.style == "第一" and not (heads[no] and i.start < heads[no].end)]
        for item in items:
            if item is heads[no]:
                for style, level, _pattern in LINE_STYLES:
                    if level > item.level and style not in RUN_ON:
                        stacks.pop((style, False), None)
                        stacks.pop((style, True), None)
            key = (item.style, _indented(line))
            stack = stacks.setdefault(key, [])
            v = item.value
            if not stack or v == 1:
                stack.append([v, v == 1, no])
                continue
            if v == stack[-1][0] + 1:
                stack[-1][0], stack[-1][2] = v, no
                continue
            outer_list = next((j for j in range(len(stack) - 2, -1, -1) if v == stack[j][0] + 1), None)
            if outer_list is not None:
                del stack[outer_list + 1:]
                stack[-1][0], stack[-1][2] = v, no
                continue
            prev, judged, where = stack[-1]
            stack[-1][0], stack[-1][2] = v, no
            if not judged:
                continue
            if v > prev + 1:
                if not _present(lines, item.style, range(prev + 1, v), where, no):
                    yield item, _("item {n} follows item {prev}: {missing} is missing").format(n=v, prev=prev, missing=prev + 1)
            elif v == prev:
                yield item, _("item {n} is numbered twice").format(n=v)
            else:
                yield item, _("item {n} comes after item {prev}").format(n=v, prev=prev)


def inline_problems(items: List[Item]) -> Iterator[Tuple[Item, str]]:
    """一是…二是… within one paragraph: from 1, one by one; 一是 again begins a new list."""
    for prev, item in zip(items, items[1:]):
        if item.value != prev.value + 1 and item.value != 1:
            what = _("item {n} is numbered twice") if item.value == prev.value else (
                _("item {n} follows item {prev}: {missing} is missing") if item.value > prev.value
                else _("item {n} comes after item {prev}"))
            yield item, what.format(n=item.value, prev=prev.value, missing=prev.value + 1)


def echoes(noun: str, item: Item) -> bool:
    return noun[-2:] in item.text


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    heads = [line_item(no, line) for no, line in enumerate(lines)]
    inline = [inline_items(no, line, opts.inline) for no, line in enumerate(lines)]
    if opts.report == "sequence":
        found = list(sequence_problems(lines, heads, inline))
        for no, items in enumerate(inline):
            styles: Dict[str, List[Item]] = {}
            for item in items:
                if item.style != "第一":
                    styles.setdefault(item.style, []).append(item)
            for group in styles.values():
                # a lone 二是 is prose, not a list; 一是…一是… is an older way of saying "for one…"
                if len(group) >= 2 and group[0].value == 1 and max(i.value for i in group) > 1:
                    found += inline_problems(group)
        for item, detail in sorted(found, key=lambda f: (f[0].line, f[0].start)):
            yield Finding(item.line, item.start, item.end, lines[item.line][item.start:item.end], detail=detail)
        return
    claimed = set()
    for no, line in enumerate(lines):
        for m in opts.announce.finditer(line):
            announced, noun = number(m.group(1)), m.group(2)
            if NAMED.match(line, m.end()):  # “四个全面”战略布局: names a policy's layout, counts nothing
                continue
            explicit = bool(EXPLICIT_BEFORE.search(line, max(0, m.start() - 4), m.start())
                            or EXPLICIT_AFTER.match(line, m.end()))
            listed = _listed(no, m.end(), noun, heads, inline, lines, explicit)
            if listed is None or listed[1] in claimed:
                continue
            claimed.add(listed[1])
            if listed[0] != announced and not _nested(line, m.start(), ctx.resources):
                yield Finding(no, m.start(), m.end(), m.group(),
                              detail=_("“{announcement}” announces {announced}, the list that follows has {listed}").format(
                                  announcement=m.group(), announced=announced, listed=listed[0]))


# a quoted count before 布局 names a layout of policy (协调推进“四个全面”战略布局, 统筹推进“五位一体”
# 总体布局), which the text does not go on to list; any other noun after the quote keeps the
# count's own (做到“三个坚决”要求：一是坚决… is the list of the 坚决, and is checked)
NAMED = patterns.compiled(r"[”’]\p{Han}{0,4}?布局(?=[”’，。；：、）\s]|$)")


# a count of cases or people before a clause that describes them: 三起|违反…问题, 两名|违反…的干部
# (not 个, 项, 种, 次…: a speech counts its own structure with them, 开展三项活动推进四个全覆盖,
# 通过三个转变实现两个提升, and announces the second count)
OUTER = patterns.compiled(r"(?:[0-9]+|[一二两三四五六七八九十百千]+)(?:([起宗例件])|名)")
OUTER_REACH = 12  # characters from the outer count to the inner one, at most
OPEN_CLAUSE = patterns.compiled(r"[，。；：、！？,;:!?（）()“”《》的]")


def _nested(line: str, start: int, resources) -> bool:
    """Does the count at start stand inside a clause that describes what another count before it
    counts (关于三起违反中央八项规定精神问题的通报: 三起 counts the 问题, and 八项 only names the
    规定 they broke), so that the list below is that other count's? The other count is a count of
    cases (三起, 两件, 四例, 一宗) or of people followed by a verb (两名|违反: the clause opens; 3名
    领导干部 counts the people it names), with no mark or 的 between the two counts. The
    dictionary's tags are read only here, for a count that would otherwise be reported."""
    for m in reversed(list(OUTER.finditer(line, max(0, start - OUTER_REACH), start))):
        if m.end() >= start or OPEN_CLAUSE.search(line, m.end(), start):
            continue
        if m.group(1):
            return True
        lexicon = resources.lexicon()
        tags = lexicon.tags()
        for n in (4, 3, 2):
            word = line[m.end():m.end() + n]
            if len(word) == n and word in lexicon:
                return tags.get(word, "") == "v"
        return False
    return False


def _run(no: int, group: List[Item], inline, lines) -> List[Item]:
    """An inline list (一是…二是…) that runs on into the following paragraphs."""
    group = list(group)
    for k in range(no + 1, len(lines)):
        if not lines[k].strip():
            continue
        more = [i for i in inline[k] if i.style == group[0].style]
        if not more or more[0].value != group[-1].value + 1:
            break
        group += more
    return group


def _inline_list(no: int, pos: int, inline, lines) -> Optional[List[Item]]:
    """The inline list that begins after pos on line no in the same sentence or the next, if
    one does (its first item is 一是, 一要, 第一…)."""
    after = [i for i in inline[no] if i.start >= pos]
    if not after or len(SENTENCE_END.findall(lines[no], pos, after[0].start)) > 1:
        return None
    group = [i for i in after if i.style == after[0].style]
    return _run(no, group, inline, lines) if group[0].value == 1 else None


def _listed(no: int, pos: int, noun: str, heads, inline, lines,
            explicit: bool = False) -> Optional[Tuple[int, Tuple[int, int]]]:
    """How many items the list announced at (no, pos) has, and where its first item is; None
    when no list follows whose items echo the noun (or, for an announcement that points at
    what follows, 以下五个方面, 如下三点：, no list at all). Only the nearest list is the
    announced one: inline items in the same or the next sentence, else numbered lines or a
    paragraph of inline items just below, and only when the announcement ends its paragraph."""
    def counted(items: List[Item]):
        if len(items) >= 2 and (explicit or sum(echoes(noun, i) for i in items) >= 2):
            return len(items), (items[0].line, items[0].start)
        return None

    group = _inline_list(no, pos, inline, lines)
    if group is not None:
        return counted(group)
    rest = lines[no][pos:].rstrip()
    if any(m.end() < len(rest) and regex.match(r"[^”’）》\s]", rest[m.end():]) for m in SENTENCE_END.finditer(rest)):
        return None  # a further sentence follows: the count is named in passing
    here = heads[no]
    level = here.level if here else 0
    below = [k for k in range(no + 1, min(len(lines), no + 4)) if lines[k].strip()][:2]
    if here is None and below and not any(heads[k] for k in below):
        group = _inline_list(below[0], 0, inline, lines)
        return counted(group) if group is not None else None
    items: List[Item] = []
    for k in range(no + 1, len(lines)):
        if ANNEX.match(lines[k]):
            break
        head = heads[k]
        if head is None:
            continue
        if level and head.level <= level:
            break
        if items and head.style != items[0].style:
            if head.level < items[0].level:
                break
            continue
        if not items and head.value != 1:
            return None
        if items and head.value == 1:
            break
        items.append(head)
    return counted(items)
