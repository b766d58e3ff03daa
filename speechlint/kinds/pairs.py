"""pairs: quotation marks and brackets that must come in pairs, per paragraph.

A paragraph is a line, or the lines of one paragraph broken at a page's width (speechlint.layout:
text copied from a PDF); a line that stops mid-sentence with an opener that the next line closes
is one sentence broken in two, not two defects. A straight " that closes a “ closes it (its width
is SL601's to report).

Problems found (a rule reports one of them, chosen by its `report` option):
- unclosed: an opener never closed in its paragraph. A quotation that runs over several
  paragraphs the GB/T 15834 way (each paragraph opens with “, only the last one closes) is
  correct: an unclosed “ is not reported when the next paragraph starts with “. Nor is an
  opener left open in the last sentence of a text that stops in the middle of it (an excerpt
  cut off): its closer lies beyond the text (cut_off()).
- unopened: a closer with no opener. List markers such as 1） a) are not closers (一） is: 公文 writes （一）).
- reversed: a quotation mark turned the wrong way (“…“ or ”…”).
- mismatched: a closer of another kind than the innermost open one: pairs that cross
  (《意见（试行》）) or a pair of two kinds (〔2019）, “…’). One defect is one problem: of the
  readings of such a closer, the one that leaves the fewest marks unexplained is taken
  (see problems()).
- (none of these: the brackets of a half-open interval of numbers, [0,1) and (0,100%].)
- outer-single: a quotation in single marks ‘…’ with no other quotation around it, in a
  paragraph of prose (a clause or sentence mark in it): GB/T 15834 quotes in “…” and keeps ‘…’
  for a quotation inside one. A headline may quote in single marks (newspapers do), and so
  may a quotation in straight marks ("…‘…’…").
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterator, List, Tuple

import regex

from speechlint import patterns

from speechlint import layout, structure
from speechlint.diagnostics import Finding
from speechlint.i18n import N_, _, language

OPTIONS = {"report": "string", "pairs": "list of strings", "straight-quotes": "bool"}
FIELDS = ("match", "detail")
REPORTS = ("unclosed", "unopened", "reversed", "mismatched", "outer-single")
DEFAULT_PAIRS = ["“”", "‘’", "《》", "〈〉", "（）", "【】", "〔〕", "()", "[]", "［］", "｛｝", "{}", "「」", "『』"]
# ASCII cousins close their full-width forms: （…) is a pair, only of mixed widths.
COUSINS = {"(": "（", ")": "）", "［": "[", "］": "]"}
QUOTES = {"“": "”", "‘": "’"}
# the marks inside which ‘ ’ are the second level: quotation marks, and a title's (《‘最后一公里’的破解之道》)
OUTER_QUOTES = ("“", "「", "『", "《", "〈")
SENTENCE_END = patterns.compiled(r"[。；;]")
HEADLINE_LENGTH = 40  # a line this long, with a clause mark, is prose even without a sentence's end
HAN_CHAR = patterns.compiled(r"\p{Han}")
OPENING_QUOTE = {c: o for o, c in QUOTES.items()}
# the marks that tell a text cut off mid-sentence (cut_off()): a last paragraph of running prose
# (a PROSE_MARK inside it) that stops after a comma (MID_SENTENCE), an opener or a character of a
# word; what it opened after the text's last full stop (layout.ENDS_SENTENCE) is excused
PROSE_MARK = patterns.compiled(r"[，。；：！？,;:!?]")
FULL_STOP = patterns.compiled("[" + regex.escape(layout.ENDS_SENTENCE) + "]")
MID_SENTENCE = "、，,"
# a half-open interval of numbers, its ends in brackets of two kinds: [0,1), (0, 100%], [60,+∞)
_END = r"[-−+]?(?:[0-9]+(?:[.．][0-9]+)?%?|∞)"
HALF_OPEN = patterns.compiled(rf"\[\s*{_END}\s*,\s*{_END}\s*\)|\(\s*{_END}\s*,\s*{_END}\s*\]")  # (ASCII: 详见文献[1，2） is a slip)
LIST_MARKER_AFTER = " \t\u3000，,；;。：:、>"
MARKER_RANGES = ("09", "０９", "az", "AZ", "ａｚ", "ⅰⅻ", "ⅠⅫ")  # what a list marker is made of
LIST_MARKER = patterns.compiled(r"(?:^|(?<=[\s，,；;。：:、>]))[\s　]*[%s]{1,3}$" % "".join(f"{a}-{b}" for a, b in MARKER_RANGES))
# a character's reading in pinyin, tone marks and all, right before a closing bracket and right after the
# ? (or �) that a garbled copy of a page put for its opener (重?cái)?shù)量): such a closer is no writer's,
# and the garbled line is not a pair's problem (一杯café) is)
READING_END = patterns.compiled(r"(?<=[?？\ufffd])[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}$")
LIST_MARKER_END = frozenset(chr(c) for a, b in MARKER_RANGES for c in range(ord(a), ord(b) + 1))


@dataclass(frozen=True)
class Options:
    report: str
    opens: Dict[str, str]  # opener -> canonical closer
    closes: Dict[str, str]  # closer -> canonical opener
    straight: bool
    kinds: Dict[str, str] = field(default_factory=dict)  # opener -> canonical opener (its kind)
    partner: Dict[str, str] = field(default_factory=dict)  # either half -> the other half of its own pair
    marks: FrozenSet[str] = frozenset()  # the characters problems() reads


def prepare(options) -> Options:
    report = options.get("report", "")
    if report not in REPORTS:
        raise ValueError(_("'report' must be one of {choices}").format(choices=", ".join(REPORTS)))
    opens, closes, kinds, partner = {}, {}, {}, {}
    for pair in options.get("pairs", DEFAULT_PAIRS):
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(_("pair {pair} is not two different characters").format(pair=repr(pair)))
        o, c = COUSINS.get(pair[0], pair[0]), COUSINS.get(pair[1], pair[1])
        opens[pair[0]] = c
        closes[pair[1]] = o
        kinds[pair[0]] = o
        partner.setdefault(pair[0], pair[1])
        partner.setdefault(pair[1], pair[0])
    return Options(report, opens, closes, options.get("straight-quotes", True), kinds, partner,
                   frozenset(opens) | frozenset(closes) | {'"'})


Problem = Tuple  # (report, column, character, detail[, the right character[, the opener of a pair of two kinds]])

# the messages of the problems, translated once per line (a line of a million （ has a million)
REVERSED_OPENER = N_("{mark} where {right} closes the quotation")
REVERSED_CLOSER = N_("{mark} where {right} opens the quotation")
STILL_OPEN = N_("{opener} is still open when {closer} closes {other}")
CLOSED_BY = N_("{opener} is closed by {closer}: write {opener}…{right} or {left}…{closer}")
CLOSES_NOTHING = N_("{mark} closes nothing")
NO_PARTNER = N_("{mark} has no partner")


class _Translated(dict):
    """Messages translated on first use: a line of a million marks asks gettext once."""

    def __missing__(self, message: str) -> str:
        self[message] = _(message)
        return self[message]


def _apostrophe(line: str, i: int) -> bool:
    """Whether the ’ at i is an apostrophe, not a closing quotation mark: ’99, China’s."""
    after = line[i + 1:i + 4]
    if not (after[:1].isascii() and after[:1].isalnum()):
        return False  # the common case: Chinese text after it
    if len(after) >= 2 and after[:2].isascii() and after[:2].isdigit() and not (after[2:].isascii() and after[2:].isdigit()):
        return True
    return line[i - 1:i].isascii() and line[i - 1:i].isalpha() and after[0].isalpha()


def _list_marker_before(line: str, i: int) -> bool:
    """Whether a list marker (1） a) ⅲ）) ends just before i; only the last characters are read
    (the caller has seen that the character before i may end one: LIST_MARKER_END)."""
    start = max(0, i - 40)
    m = LIST_MARKER.search(line[start:i])
    return bool(m) and (start == 0 or m.start() > 0 or line[start - 1] in LIST_MARKER_AFTER)


# items of a list named in a series inside a sentence (6.2中的1)、2)、3)列项, 见a)、b)): the label, then
# 、 and the next label, or the last label after one
_LABEL = "[%s]{1,3}" % "".join(f"{a}-{b}" for a, b in MARKER_RANGES)
NEXT_ITEM = patterns.compiled(rf"、{_LABEL}[)）]")
LAST_ITEM = patterns.compiled(rf"{_LABEL}[)）]、{_LABEL}$")


def _item_series(line: str, i: int) -> bool:
    """Whether the closing bracket at i ends a list item's label named in a series (1)、2)、3)) ."""
    return bool(NEXT_ITEM.match(line, i + 1)) or bool(LAST_ITEM.search(line[max(0, i - 12):i]))


class _Ahead:
    """What lies after a mark of a line, from tables built the first time they are asked for,
    each in one pass over the line's marks (so that a line of a million marks costs no more
    than one pass per table, and a line whose pairs all match builds none)."""

    def __init__(self, line: str, marks: List[int], opts: Options):
        self.line, self.marks, self.opts = line, marks, opts
        self._places: Dict[str, List[int]] = {}  # quotation mark -> where it stands
        self._openers: List[int] = []  # where an opener stands
        self._need: Dict[str, Tuple[List[int], List[int]]] = {}  # kind -> (marks, closers left)
        self._built = set()

    def after(self, ch: str, i: int) -> int:
        """Where the next ch after i stands (len(line) where there is none); ch a quotation mark."""
        if "places" not in self._built:
            self._built.add("places")
            for k in self.marks:
                if self.line[k] in "“”‘’":
                    self._places.setdefault(self.line[k], []).append(k)
        places = self._places.get(ch, ())
        n = bisect.bisect_right(places, i)
        return places[n] if n < len(places) else len(self.line)

    def opener_after(self, i: int) -> int:
        """Where the next opener of any kind after i stands (len(line) where there is none)."""
        if "openers" not in self._built:
            self._built.add("openers")
            self._openers = [k for k in self.marks if self.line[k] in self.opts.opens]
        n = bisect.bisect_right(self._openers, i)
        return self._openers[n] if n < len(self._openers) else len(self.line)

    def need(self, kind: str, i: int) -> int:
        """How many closers of kind after i are there for openers at or before i: those that
        come when every opener after i is closed (by a closer of any kind: in (2021〕71号) the 〕
        is the one of its own (, no closer for a 〔 before it)."""
        if "need" not in self._built:
            self._built.add("need")
            line, opts, waiting, left, tables = self.line, self.opts, [], {}, {}
            for k in reversed(self.marks):  # closers wait for an opener, the nearest takes one
                ch = line[k]
                if ch in opts.opens:
                    if not waiting:
                        continue
                    of = waiting.pop()
                    left[of] -= 1
                elif ch in opts.closes and not (ch == "’" and _apostrophe(line, k)):
                    of = opts.closes[ch]
                    waiting.append(of)
                    left[of] = left.get(of, 0) + 1
                else:
                    continue
                at, counts = tables.setdefault(of, ([], []))
                at.append(-k)  # backwards: negated, so that the lists are sorted
                counts.append(left[of])
            self._need = tables
        at, counts = self._need.get(kind, ((), ()))
        n = bisect.bisect_left(at, -i)  # the first change after i is the last one listed before n
        return counts[n - 1] if n else 0


def problems(line: str, opts: Options) -> Tuple[List[Problem], List[Tuple[int, str]]]:
    """Problems of one line, and the openers left open at its end (for multi-paragraph quotes).

    A closer that does not match the innermost opener is read the way that explains the line with
    the fewest defects, from the closers left after it for the openers still open (_Ahead.need):
    - the openers of its own kind still open have closers enough after it, the innermost opener
      has none: it is that opener's partner of another kind (〔2019）, “…’, “ 县、区）), one
      defect where any other reading gives two (that opener unclosed, and it unopened or a closer
      after it unopened);
    - an opener of its own kind further out has no closer after it: it closes that one, and the
      openers inside cross it (《意见（试行》）), one defect each; a closer after it that is left
      for such an opener closes it, not reported again;
    - otherwise it is none of theirs: a list marker (1）), a quotation mark turned the wrong way
      (”…”), or a closer of nothing, and the openers stay open for the closers after it.
    Linear in the line's length: look-ahead comes from tables, the stack is searched only for an
    opener it holds."""
    found: List[Problem] = []
    stack: List[Tuple[int, str]] = []
    marks = [i for i, ch in enumerate(line) if ch in opts.marks]
    if not marks:
        return found, stack
    if "[" in line or "]" in line:  # a half-open interval's brackets are no pair: [0,1), (0,1]
        interval = {i for m in HALF_OPEN.finditer(line) for i in (m.start(), m.end() - 1)}
        marks = [i for i in marks if i not in interval]
    held: Dict[str, int] = {}  # kind -> how many the stack holds
    crossed: Dict[str, int] = {}  # kind -> closers still to come for crossed openers
    cousins = set()
    kinds, opens, closes = opts.kinds, opts.opens, opts.closes
    ahead = _Ahead(line, marks, opts)
    # ‘ opened with no other quotation open (a first-level quotation in single marks), in a
    # paragraph of prose (a headline may quote in single marks, as newspapers do)
    outer: set = set()
    # (asked only of a line that holds a ‘: problems() runs on every paragraph with a mark)
    prose = "‘" in line and (SENTENCE_END.search(line) is not None
                             or len(line.strip()) > HEADLINE_LENGTH and PROSE_MARK.search(line) is not None)
    straight_open = False  # inside a quotation in straight marks ("…‘…’…")
    said = _Translated()  # message -> its translation, looked up once per line

    def pop(depth=-1):
        for _pos, op in stack[depth:]:
            held[kinds.get(op, op)] -= 1
        del stack[depth:]

    for i in marks:
        ch = line[i]
        if ch in opens:
            if ch in QUOTES and stack and stack[-1][1] == ch and not ahead.after(QUOTES[ch], i) < ahead.after(ch, i):
                found.append(("reversed", i, ch, said[REVERSED_OPENER].format(mark=ch, right=QUOTES[ch]), QUOTES[ch]))
                pop()
                continue
            if ch == "‘" and prose and not straight_open and not any(held.get(q) for q in OUTER_QUOTES):
                outer.add(i)  # (the counts of the kinds open: a walk of the stack for each ‘ was quadratic)
            stack.append((i, ch))
            kind = kinds[ch]
            held[kind] = held.get(kind, 0) + 1
        elif ch in closes:
            if ch == "’" and _apostrophe(line, i):
                continue
            kind = closes[ch]
            if stack and kinds.get(stack[-1][1], stack[-1][1]) == kind:
                pos_top, _top = stack.pop()
                held[kind] -= 1
                if pos_top in outer and HAN_CHAR.search(line, pos_top + 1, i):
                    found.append(("outer-single", pos_top, "‘", ""))  # (not English: ‘a turning point’)
                continue
            mine = held.get(kind, 0)
            if not mine and crossed.get(kind):
                crossed[kind] -= 1  # closes an opener crossed before: 《意见（试行》）
                continue
            # the openers of its kind still open have closers after it: this one is not theirs
            spare = ahead.need(kind, i) >= mine if mine else True
            if (spare and ch in "）)" and i and line[i - 1] in LIST_MARKER_END
                    and (_list_marker_before(line, i) or _item_series(line, i))):
                continue
            if spare and ch in "）)" and not mine and READING_END.search(line, max(0, i - 12), i):
                continue  # the end of a reading whose opener a garbled copy lost (重?cái)?shù)量)
            # a closing quotation mark that a later one answers, none of its openers between,
            # is turned the wrong way (”五讲四美”); when no opener of any kind stands between
            # either (（”五讲四美”）), that reading comes before the one below
            opener = OPENING_QUOTE.get(ch)
            turned = later = 0
            if opener and not mine:
                later = ahead.after(ch, i)
                turned = later < len(line) and ahead.after(opener, i) > later
            if spare and stack and not (turned and ahead.opener_after(i) > later):
                pos_top, top = stack[-1]
                of = kinds.get(top, top)
                if ahead.need(of, i) < held[of]:  # and no closer after it is left for the innermost
                    stack.pop()
                    held[of] -= 1
                    # no replacement; the opener, for a line broken before its end (_broken_pairs)
                    found.append(("mismatched", i, ch, said[CLOSED_BY].format(opener=top, closer=ch, left=opts.partner[ch],
                                                           right=opts.partner.get(top, QUOTES.get(top, top))),
                                  None, (pos_top, top)))
                    continue
            if not spare:  # it closes an opener of its kind further out: the openers inside cross it
                depth = next(k for k in range(len(stack) - 1, -1, -1) if kinds.get(stack[k][1], stack[k][1]) == kind)
                inside = stack[depth + 1:]
                for pos, op in inside:
                    found.append(("mismatched", pos, op, said[STILL_OPEN].format(opener=op, closer=ch, other=stack[depth][1])))
                pop(depth)
                for _pos, op in inside:
                    of = kinds.get(op, op)
                    if ahead.need(of, i) > held.get(of, 0) + crossed.get(of, 0):
                        crossed[of] = crossed.get(of, 0) + 1
                continue
            if turned:
                found.append(("reversed", i, ch, said[REVERSED_CLOSER].format(mark=ch, right=opener), opener))
                stack.append((i, opener))
                of = kinds.get(opener, opener)
                held[of] = held.get(of, 0) + 1
                continue
            found.append(("unopened", i, ch, said[CLOSES_NOTHING].format(mark=ch)))
        elif ch == '"' and stack and stack[-1][1] == "“":
            pop()  # “…" is closed, with the half-width form of ” (SL601 reports the width)
            cousins.add(i)
        elif ch == '"':
            straight_open = not straight_open
    if outer and (cousins or line.count('"') % 2):  # straight marks that close a “ or stay open: the level is unknown
        found = [p for p in found if p[0] != "outer-single"]
    if opts.straight:
        straight = [i for i in marks if line[i] == '"' and i not in cousins]
        if len(straight) % 2:
            found.append(("unclosed", straight[-1], '"', said[NO_PARTNER].format(mark='"')))
    return found, stack


def _paragraph_texts(lines) -> List[Tuple[str, List[int], List[int]]]:
    """(text, line numbers, start offsets) of each paragraph: a paragraph broken over several
    lines at a page's width (speechlint.layout) is checked as one."""
    out = []
    for first, last in layout.paragraphs(lines):
        starts, at = [], 0
        for no in range(first, last + 1):
            starts.append(at)
            at += len(lines[no])
        out.append(("".join(lines[first:last + 1]), list(range(first, last + 1)), starts))
    return out


def _next_paragraph(paras, k: int) -> str:
    for j in range(k + 1, len(paras)):
        if paras[j][0].strip(" \t　>"):
            return paras[j][0].lstrip(" \t　>")  # > for a Markdown blockquote
    return ""


def _broken_pairs(opts: Options, paras, results) -> None:
    """A line broken in the middle of a sentence (a document copied from a page or a table)
    leaves an opener open at its end that the next line closes: pair them. The line must stop
    mid-sentence and the closer be the next line's first unopened one, or the first that the
    next line, read alone, took for the partner of another kind of an opener of its own
    (《…\n…（2021年规划》: the 》 closes the 《, the （ is the one left open). What the next line
    leaves open goes on to the line after it when that one stops mid-sentence too, one line
    further at most: a 公文's title set over three lines (关于《…对〈…\n…报告〉的\n审议意见》…的报告)."""
    carry: list = []  # (paragraph, (position, opener)) left open by the lines before, oldest first
    for k in range(len(paras) - 1):
        text, nos, _ = paras[k]
        stack = carry + [(k, entry) for entry in results[k][1]]
        carry = []
        if not stack or paras[k + 1][1][0] != nos[-1] + 1 or layout.ends_sentence(text):
            continue
        later, n, paired = results[k + 1][0], 0, set()
        while stack:
            while n < len(later) and later[n][0] != "unopened" and len(later[n]) < 6:
                n += 1
            if n == len(later) or COUSINS.get(later[n][2], later[n][2]) != opts.opens[stack[-1][1][1]]:
                break
            if len(later[n]) == 6:  # a pair of two kinds: its opener is left open instead
                bisect.insort(results[k + 1][1], later[n][5])
            paired.add(n)
            n += 1
            owner, entry = stack.pop()
            results[owner][1].remove(entry)
        if paired:
            later[:] = [p for n, p in enumerate(later) if n not in paired]
        # one line further at most (a title over three lines): the items of a list that stop
        # mid-sentence are no one text, and an opener of the first left open with a closer four
        # lines down is two defects
        carry = [(owner, entry) for owner, entry in stack if owner == k]


# A quotation over several paragraphs written without the openers GB/T 15834 puts at the head of
# each (“亲爱的同志们！ / 今天…… / ……万岁！”): the “ that opens a paragraph, left open at its end, and
# the ” that a later paragraph closes first, after the end of a sentence (。！？…) or at the
# paragraph's end, with no double quotation mark in the paragraphs between (a quotation inside it is
# in ‘’), none of them a speaker's turn (问：, 答：, 新闻发言人：), a numbered heading (二、下一步工作安排)
# or the narrator's report (会议强调，…), and at most LONG_QUOTE non-blank ones, are one quotation.
# One finding at the opener says what is missing (the “ of each paragraph after the first), not two
# that call the pair unclosed and unopened. After a colon (他说：“…) the paragraphs that follow may
# be the narrator's (据了解，…, 随后，…), and a ” inside a sentence (…做到两个维护”的政治自觉) closes a
# quotation of its own sentence: two defects, reported as such.
LONG_QUOTE = 12
QUOTE_MARKS = frozenset("“”\"")
BLANK = " \t\u3000>"  # (> for a Markdown blockquote)
QUOTE_START = regex.compile(r"^[ \t\u3000>]*$")
QUOTE_END = regex.compile(r"[。！？!?…][ \t\u3000]*$")
SPEAKER = regex.compile(r"^[ \t\u3000>]*[^\s，。；：:“”]{1,30}[:：]")
BREAK = regex.compile(r"^[ \t\u3000>]*(?:[一二三四五六七八九十]{1,3}[、是]|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]"
                      r"|[0-9]{1,2}[.．、]|第[一二三四五六七八九十]{1,3}[章节部分]"
                      r"|[^\s，。；：:“”]{1,12}(?:指出|强调|表示|要求|认为|提出|说)[，,：:])")


def _long_quotes(paras, results) -> List[Tuple[int, int, int]]:
    """(paragraph, position of its “, paragraphs the quotation runs over) of each quotation over
    several paragraphs without their openers (see LONG_QUOTE), its “ and ” taken out of results."""
    out = []
    for k, (text, _, _) in enumerate(paras):
        stack = results[k][1]
        if not stack or stack[-1][1] != "“" or len(stack) > 1:
            continue
        pos = stack[-1][0]
        if not QUOTE_START.search(text, 0, pos) or QUOTE_MARKS.intersection(text[pos + 1:]):
            continue
        inside = 0  # the non-blank paragraphs after the opener's, up to j
        for j in range(k + 1, len(paras)):
            later = paras[j][0]
            if not later.strip(BLANK):
                continue
            inside += 1
            if inside > LONG_QUOTE or SPEAKER.match(later) or BREAK.match(later):
                break  # a turn of a dialogue (问：… / 答：…), a heading, the narrator: no part of the quotation
            if not QUOTE_MARKS.intersection(later):
                continue  # a paragraph inside the quotation
            found = results[j][0]
            first = min((p[1] for p in found if p[2] in QUOTE_MARKS), default=None)
            closer = later.find("”")
            if (closer >= 0 and first == closer and not results[j][1]
                    and not QUOTE_MARKS.intersection(later[:closer])
                    and (QUOTE_END.search(later, 0, closer) or not later[closer + 1:].strip(" \t\u3000"))
                    and any(p[0] == "unopened" and p[1] == closer for p in found)):
                results[j][0][:] = [p for p in found if p[1] != closer]
                stack.pop()
                out.append((k, pos, inside + 1))
            break
    return out


_LAST: list = []  # [(key, results)] of the last document: its rules (SL201-SL205) share one pass


def cut_off(paras, opts: Options) -> Tuple[int, int]:
    """(k, start) when the text stops in the middle of a sentence in its last paragraph k: the
    openers that paragraph leaves open from position start on are closed, if at all, in what was
    cut off; else (-1, 0).

    A text of two paragraphs of prose or more (a blank line or a heading before one is no second)
    is cut off (an excerpt of a longer page) when its last paragraph is running prose (a clause or
    sentence mark inside it) that stops mid-word (its last character one of a word's, 、 ， or an
    opener) and is no 公文 part of its own (附件：《…, a signature, a date). What was opened after
    the text's last full stop (。！？…) is excused, but not an opener that begins the paragraph
    (（来源：…). So a text of one line, a list or headings without a full stop (一、深化“放管服改革),
    and an opener before the last full stop stay judged."""
    for k in range(len(paras) - 1, -1, -1):
        text = paras[k][0].rstrip(" \t　")
        if not text:
            continue
        # (the last paragraph's own marks first: the paragraphs before it are read only for a text
        # that may be cut off)
        if (not (text[-1] in MID_SENTENCE or text[-1] in opts.opens or text[-1].isalnum())
                or not PROSE_MARK.search(text, 0, len(text) - 1) or structure.role(text) is not None
                or not any(PROSE_MARK.search(paras[j][0]) for j in range(k))):  # no prose before it
            return -1, 0
        stops = list(FULL_STOP.finditer(text))
        if not stops and not any(FULL_STOP.search(paras[j][0]) for j in range(k)):
            return -1, 0  # no sentence of the text has ended: a list or headings, not prose cut off
        first = len(text) - len(text.lstrip(" \t　>"))
        return k, max(stops[-1].end() if stops else 0, first + 1)
    return -1, 0


def _problems_of(paras, lines, opts: Options):
    """problems() of each paragraph, computed once per document for the rules (SL201-SL205)
    that share pairs and language, each given its own copy to change (a line of a million
    （ took 4 passes of several seconds each: issue 15)."""
    key = (lines, tuple(opts.opens.items()), tuple(opts.closes.items()), opts.straight, language())
    if not (_LAST and _LAST[0][0] == key):
        _LAST[:] = [(key, [([], []) if opts.marks.isdisjoint(text) else problems(text, opts) for text, _, _ in paras])]
    return [(list(found), list(stack)) for found, stack in _LAST[0][1]]


def check(opts: Options, ctx) -> Iterator[Finding]:
    paras = _paragraph_texts(ctx.lines)
    results = _problems_of(paras, ctx.lines, opts)
    left_open = [tuple(stack) for _, stack in results]  # each paragraph's, before _broken_pairs pairs them
    _broken_pairs(opts, paras, results)
    long_quotes = _long_quotes(paras, results)
    never = _("{mark} is never closed") if opts.report == "unclosed" else ""
    if opts.report == "unclosed":
        runs_on = _("{mark} opens a quotation over {count} paragraphs: each of them opens with {mark} (GB/T 15834)")
        for k, pos, count in long_quotes:
            nos, starts = paras[k][1], paras[k][2]
            j = bisect.bisect_right(starts, pos) - 1
            col = pos - starts[j]
            yield Finding(nos[j], col, col + 1, "“", None, runs_on.format(mark="“", count=count))
    cut, cut_from = cut_off(paras, opts) if opts.report == "unclosed" else (-1, 0)
    for k, (text, nos, starts) in enumerate(paras):
        found, open_at_end = results[k]
        if k == cut:  # closed, if at all, in what was cut off
            open_at_end = [(pos, op) for pos, op in open_at_end if pos < cut_from]
        problems_here = [p for p in found if p[0] == opts.report]
        if opts.report == "outer-single" and k and any(op in OUTER_QUOTES for _, op in left_open[k - 1]):
            continue  # a quotation the paragraph before left open, broken over the line (see _broken_pairs)
        if opts.report == "unclosed":
            following = _next_paragraph(paras, k) if any(op in QUOTES for _, op in open_at_end) else ""
            # a quotation continued in the next paragraph is not reported (GB/T 15834)
            problems_here = itertools.chain(problems_here, (
                ("unclosed", pos, op, never.format(mark=op)) for pos, op in open_at_end
                if not (op in QUOTES and following.startswith(op))))
        for report, pos, ch, detail, *right in problems_here:
            j = bisect.bisect_right(starts, pos) - 1
            col = pos - starts[j]
            yield Finding(nos[j], col, col + 1, ch, right[0] if right else None, detail)
