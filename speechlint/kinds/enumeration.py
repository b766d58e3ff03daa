"""enumeration: numbered items of a speech or document, and counts announced for them.

Items are recognised in the numbering styles of Chinese official writing:
- at the start of a line (paragraph), from the outermost level in: 一、 （一） 第一， 1. （1） ①;
  a marker of one level restarts the numbering of every deeper level;
- inside a paragraph: 一是…二是…, 一要…二要…, 第一，…第二，…

`report = "sequence"`: an item whose number skips (第一…第三), repeats or goes back. A list that
starts again at 1 is a new list and is correct.
`report = "count"`: a number announced for a list (五个攻坚战, 三个坚决, 两个方面) that the list
does not meet. The announcement is checked only against items that echo its noun (第一，打好
产业项目攻坚战 for 五个攻坚战), so 六大重点产业 named in passing is not taken for a list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

import regex

from speechlint.diagnostics import Finding

OPTIONS = {"report": "string", "item-verbs": "string", "classifiers": "list of strings"}
FIELDS = ("match", "detail")
DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
DIGITS.update({"零": 0, "两": 2})
LEAD = r"^[\s\u3000]*"
LINE_STYLES = (  # (style, level, pattern); the number is group 1
    ("一、", 1, regex.compile(LEAD + r"([一二三四五六七八九十]{1,3})、")),
    ("（一）", 2, regex.compile(LEAD + r"[（(]?([一二三四五六七八九十]{1,3})[）)]")),  # 四） lost its （: SL202's
    ("第一，", 3, regex.compile(LEAD + r"第([一二三四五六七八九十]{1,3})[，、,：:]")),
    ("1.", 4, regex.compile(LEAD + r"([0-9]{1,2})(?:[.．、](?![0-9])|\s)")),
    ("（1）", 5, regex.compile(LEAD + r"[（(]([0-9]{1,2})[）)]")),
    ("①", 6, regex.compile(LEAD + r"([①-⑳])")),
)


def inline_pattern(verbs: str) -> "regex.Pattern":
    """Items inside a paragraph: 一是…二是… (the rule's `item-verbs`: 是, 要…) and 第一，…"""
    return regex.compile(r"(?:^|(?<=[。；：！？，\s\u3000]))(?:([一二三四五六七八九十]{1,2})([" + regex.escape(verbs)
                         + r"])|第([一二三四五六七八九十]{1,2})(?=[，、：]))")


def announce_pattern(classifiers) -> "regex.Pattern":
    """An announced count: a numeral, one of the rule's `classifiers` (个, 种, 方面…), a noun."""
    words = "|".join(regex.escape(c) for c in sorted(classifiers, key=len, reverse=True))
    return regex.compile(r"(?<![第0-9一二三四五六七八九十百千万])([两二三四五六七八九十])(?:" + words + r")的?"
                         r"([\p{Han}]{2,6}?)(?=[”’，。；：、）\s]|$|的)")


def number(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = DIGITS.get(tens, 1) if tens else 1
        o = DIGITS.get(ones, 0) if ones else 0
        return None if (tens and tens not in DIGITS) or (ones and ones not in DIGITS) else t * 10 + o
    if len(text) == 1 and text in DIGITS:
        return DIGITS[text]
    return None


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
        raise ValueError("'report' must be 'sequence' or 'count'")
    verbs = options.get("item-verbs", "是要")
    classifiers = options.get("classifiers", ["个", "种", "项", "方面"])
    if not verbs or not classifiers or not all(classifiers):
        raise ValueError("'item-verbs' and 'classifiers' must not be empty")
    return Options(report, inline_pattern(verbs), announce_pattern(classifiers))


def _clause(line: str, start: int) -> str:
    m = regex.compile(r"[^。；！？]*").match(line, start)
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


def sequence_problems(lines, heads, inline) -> Iterator[Tuple[Item, str]]:
    """Items whose number does not continue their list. A list is kept per style and
    indentation; a list that starts again at 1 is nested (or new), and an item that continues
    an outer list closes the inner ones. Only lists that started at 1 are judged."""
    stacks: Dict[Tuple[str, bool], List[List[int]]] = {}
    for no, line in enumerate(lines):
        items = [heads[no]] if heads[no] else []
        items += [Item(i.line, i.start, i.end, "第一，", 3, i.value, i.text)
                  for i in inline[no] if i.style == "第一" and not (heads[no] and i.start < heads[no].end)]
        for item in items:
            if item is heads[no]:
                for style, level, _ in LINE_STYLES:
                    if level > item.level:
                        stacks.pop((style, False), None)
                        stacks.pop((style, True), None)
            key = (item.style, _indented(line))
            stack = stacks.setdefault(key, [])
            v = item.value
            if not stack or v == 1:
                stack.append([v, v == 1])
                continue
            if v == stack[-1][0] + 1:
                stack[-1][0] = v
                continue
            outer = next((j for j in range(len(stack) - 2, -1, -1) if v == stack[j][0] + 1), None)
            if outer is not None:
                del stack[outer + 1:]
                stack[-1][0] = v
                continue
            prev, judged = stack[-1]
            stack[-1][0] = v
            if not judged:
                continue
            if v > prev + 1:
                yield item, f"item {v} follows item {prev}: {prev + 1} is missing"
            elif v == prev:
                yield item, f"item {v} is numbered twice"
            else:
                yield item, f"item {v} comes after item {prev}"


def inline_problems(items: List[Item]) -> Iterator[Tuple[Item, str]]:
    """一是…二是… within one paragraph: from 1, one by one."""
    for prev, item in zip(items, items[1:]):
        if item.value != prev.value + 1:
            what = "is numbered twice" if item.value == prev.value else (
                f"follows item {prev.value}: {prev.value + 1} is missing" if item.value > prev.value
                else f"comes after item {prev.value}")
            yield item, f"item {item.value} {what}"


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
            listed = _listed(no, m.end(), noun, heads, inline, lines)
            if listed is None or listed[1] in claimed:
                continue
            claimed.add(listed[1])
            if listed[0] != announced:
                yield Finding(no, m.start(), m.end(), m.group(),
                              detail=f"“{m.group()}” announces {announced}, the list that follows has {listed[0]}")


def _listed(no: int, pos: int, noun: str, heads, inline, lines) -> Optional[Tuple[int, Tuple[int, int]]]:
    """How many items the list announced at (no, pos) has, and where its first item is; None
    when no list follows whose items echo the noun."""
    after = [i for i in inline[no] if i.start >= pos]
    if after:
        first = after[0].style
        group = [i for i in after if i.style == first]
        if group[0].value == 1 and sum(echoes(noun, i) for i in group) >= 2:
            return len(group), (group[0].line, group[0].start)
    here = heads[no]
    level = here.level if here else 0
    if here is None and no + 1 < len(lines) and not any(heads[no + 1:no + 3]):
        return None
    items: List[Item] = []
    for k in range(no + 1, len(lines)):
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
    if len(items) >= 2 and sum(echoes(noun, i) for i in items) >= 2:
        return len(items), (items[0].line, items[0].start)
    return None
