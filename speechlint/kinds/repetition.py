"""repetition: a word or a function character written twice in a row (落实落实, 的的).

Candidates are found cheaply (a stretch of Han characters followed by itself); only those
are segmented with jieba's dictionary, in a window around them. A candidate is reported
when the segmentation cuts it into the same word twice, so that words that contain the
repeat (的的确确, 不了了之, 说的的确) are left alone. Reduplication that Chinese uses on
purpose is not reported:
- AA of content characters (看看, 天天, 人人): only the rule's `function-chars` are
  candidates when single;
- AABB (清清爽爽, 规规矩矩) and ABB;
- ABAB doubling of a verb in the tentative sense (大家研究研究，商量商量再说): a two-character
  word doubled at the end of a clause or before 吧/一下/看/再, after a subject or a modal
  word, not after an adverb of manner (严格落实落实市、区县… is reported); and before its object
  after a word of TRIAL (再梳理梳理问题清单);
- a measure word that is also a function character (`every-chars`) said twice for "every"
  (把把都赢, 一把赢，把把输): before 都, 也, 总… standing as words of their own, or shortly after 一
  and the measure word in the same sentence (not the 一把 of 一把手);
- 一X一X (一个一个地, 一步一步) before 地 or a verb, and the distributive 一+measure word+noun
  doubled (一个问题一个问题解决, 一件事一件事办, 一户一户走访) likewise, or before a comma that sets
  it off from its verb where it opens its clause, follows a modal or comes before another (see
  DISTRIBUTIVE_PAUSE: 要一个人一个人，诚恳地谈; not 召开全体会议一次一次，);
- a word that ends one element of a standard's title and begins the next (工业通信网络 网络和
  系统安全, 智能制造 制造对象标识…: the elements are separated by a space in the title, lost in
  tables and lists), on a line that cites a standard (`standard-line`: GB/T…, 国家标准, 第2-1部分);
- phrases of the rule's `allow-words` that span the doubling (的的确: 说的的确是);
- the tail of a longer word followed by the word again with a suffix that makes a new noun of
  it (党组织组织力: 党组织 | 组织力; see SUFFIXES).
"""
from __future__ import annotations

import functools
import re

from dataclasses import dataclass
from typing import FrozenSet, Iterator

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import _

OPTIONS = {"function-chars": "string", "max-length": "int", "allow-words": "list of strings",
           "tentative-before": "list of strings", "tentative-after": "list of strings",
           "measure-words": "string", "every-chars": "string", "standard-line": "string"}
FIELDS = ("match",)
HAN = patterns.compiled(r"\p{Han}+")
WINDOW = 8
# characters that make a new noun of the word before them (组织力, 战斗力, 系统性, 现代化, 参与度): after
# the tail of a longer word, the word and one of these is a new word, not the word again
# (增强基层党组织组织力; 贯彻落实落实各项措施 is a doubling)
SUFFIXES = frozenset("力性化度率感观")
# a measure word that is also a function character (option every-chars) said twice means "every"
# (把把都赢, 一把赢把把输) when one of these follows it as a word of its own, or 一 and the measure
# word come shortly before it in the sentence, not inside a word (一把手); the preposition 把
# doubled before its object has neither (要把把工作做好; 要把把总书记…, 要把把都市圈…: the
# adverb there begins a word)
EVERY_AFTER = frozenset("都也皆均总必")
# a distributive doubled may be set off from its verb by a pause (一户一户，把情况摸清), where a count
# typed twice ends a clause (召开全体会议一次一次，; 设立专班一个一个、): it is a distributive there only
# at the clause's start, after a modal (要一个人一个人，诚恳地谈) or before another (一家一家、一处一处地)
DISTRIBUTIVE_PAUSE = frozenset("，,、")
DISTRIBUTIVE_LEAD = ("要", "就", "都", "须")
DOUBLED_NEXT = patterns.compiled(r"一(\p{Han}{1,4}?)一\1")
SENTENCE_END = patterns.compiled(r"[。！？；!?;]")


@dataclass(frozen=True)
class Options:
    function_chars: FrozenSet[str]
    max_length: int
    allow: FrozenSet[str]
    before: FrozenSet[str]
    after: tuple
    measures: FrozenSet[str] = frozenset()
    standard: "regex.Pattern | None" = None
    every: FrozenSet[str] = frozenset()


# the words after which a doubled verb is a try even before its object (再梳理梳理问题清单, 好好
# 琢磨琢磨讲话精神); after 要 or 严格 the doubling before an object is a slip (要严格落实落实各项责任)
TRIAL = frozenset({"再", "好好", "先"})
# (and only verbs that a try suits: 再进行进行部署, 再加上加上 are slips)
TRIAL_VERBS = frozenset({"梳理", "琢磨", "消化", "对照", "研究", "商量", "讨论", "思考", "盘点", "核对", "比较", "检查", "总结"})  # (not 一起: 一起案件案件 is a measure word's noun typed twice)


def prepare(options) -> Options:
    max_length = options.get("max-length", 6)
    if not 1 <= max_length <= 12:
        raise ValueError(_("'max-length' must be from 1 to 12"))
    return Options(frozenset(options.get("function-chars", "")), max_length,
                   frozenset(options.get("allow-words", [])),
                   frozenset(options.get("tentative-before", [])),
                   tuple(options.get("tentative-after", [])),
                   frozenset(options.get("measure-words", "")),
                   patterns.compiled(options["standard-line"]) if options.get("standard-line") else None,
                   frozenset(options.get("every-chars", "")))


@functools.lru_cache(maxsize=None)
def _doubling(max_length: int) -> "re.Pattern":
    """Finds (in C) the next position where some X of up to max_length characters is followed
    by itself; the Python loop below then only visits those positions. (The standard library's
    re: it searches this lookahead three and a half times faster than the regex module, 0.09 s
    against 0.31 s over gov-reports' runs of Han text, at the same positions.)"""
    return re.compile(r"(?s)(?=(.{1,%d})\1)" % max_length)


def _copies(text: str, i: int, unit: str) -> int:
    """How many copies of unit follow one another from text[i] (at least 2 when called)."""
    k = len(unit)
    if text[i + 2 * k:i + 3 * k] != unit:
        return 2
    return len(re.match("(?:%s)+" % re.escape(unit), text[i:]).group()) // k


def candidates(line: str, opts: Options):
    """(start, length, copies) of every X immediately followed by X, within runs of Han
    characters, copies being how many times X is written in a row from start.

    A run of one X written three times or more (落实落实落实…) is one candidate, at its first
    position(s) and each of its phases (实落实落实… is read as 实落… and as 落实…): the positions
    inside it are not visited again, so that a line of one word repeated 500,000 times is not
    segmented at every position (issue 15)."""
    finder = _doubling(opts.max_length)
    for run in HAN.finditer(line):
        text, base = run.group(), run.start()
        n = len(text)
        at = 0
        while at < n - 1:
            found = finder.search(text, at)
            if found is None:
                break
            i = found.start()
            at = i + 1
            for k in range(1, min(opts.max_length, (n - i) // 2) + 1):
                unit = text[i:i + k]
                if unit != text[i + k:i + 2 * k]:
                    continue
                copies = _copies(text, i, unit)
                if copies > 2:  # a run: skip the places inside it where a doubling of X fits
                    at = max(at, i + copies * k - 2 * k + 1)
                if k == 1 and unit not in opts.function_chars:
                    continue
                yield base + i, k, copies
                if copies > 2:
                    # the same run read from its other phases (实|落实落实… is a run of 实落 from
                    # its first character, of 落实 from its second): the words may be those
                    for shift in range(1, k):
                        j = i + shift
                        if text[j:j + k] == text[j + k:j + 2 * k]:
                            yield base + j, k, _copies(text, j, text[j:j + k])


def _boundary(ch: str) -> bool:
    return not ch or not regex.match(r"\p{Han}", ch)


def _counted(line: str, s: int, x: str, words) -> bool:
    """Is 一x written shortly before position s in its sentence (一把赢，把把输), not as the start
    of a longer word (一把手)?"""
    lo = max(0, s - WINDOW)
    for stop in SENTENCE_END.finditer(line, lo, s):
        lo = stop.end()
    at = line.find("一" + x, lo, s)
    while at >= 0:
        if not any(line[at:at + n] in words for n in (3, 4) if at + n <= s):
            return True
        at = line.find("一" + x, at + 1, s)
    return False


def intended(line: str, s: int, k: int, words, spans, opts: Options, standard: bool) -> bool:
    """Is the doubling at s (X = line[s:s+k]) a reduplication Chinese makes on purpose?
    standard: whether the line is a standard's title (asked once per line by the caller)."""
    x = line[s:s + k]
    after = line[s + 2 * k:s + 2 * k + 1]
    before = line[s - 1:s] if s else ""
    for word in opts.allow:  # an allowed phrase that spans the doubling (的的确)
        lo = max(0, s - len(word))
        at = line.find(word, lo, s + len(word))  # it starts at s at the latest
        while 0 <= at <= s:
            if at + len(word) >= s + 2 * k:
                return True
            at = line.find(word, at + 1, s + len(word))
    if k == 1 and x in opts.every and ((after in EVERY_AFTER and (s + 2, s + 3) in spans)
                                       or _counted(line, s, x, words)):
        return True  # a measure word said twice for "every": 把把都赢, 一把赢把把输
    if k == 1:  # AABB that is a word (的的确确), not 的的 before an AABB word (的的鬼鬼祟祟)
        return line[s:s + 4] in words or (s >= 2 and line[s - 2:s + 2] in words)
    if x[0] == "一" and (k == 2 or x[1] in opts.measures):  # 一个一个地, 一件事一件事办
        if after in DISTRIBUTIVE_PAUSE:  # (see DISTRIBUTIVE_PAUSE)
            return (_boundary(before) or line.endswith(DISTRIBUTIVE_LEAD, 0, s)
                    or DOUBLED_NEXT.match(line, s + 2 * k + 1) is not None)
        return after == "地" or not _boundary(after)
    if k >= 2 and standard:
        return True  # a standard's title, its elements run together (工业通信网络网络和系统安全)
    if k >= 2 and after in SUFFIXES and all(a != s for a, _ in spans) and any(b == s + 2 * k + 1 for _, b in spans):
        return True  # the tail of a word, then the word again with a suffix: 党组织|组织力 (not 落实|落实)
    if k == 2 and (_boundary(after) or line.startswith(opts.after, s + 2 * k)):
        prev_word = next((line[a:b] for a, b in reversed(spans) if b <= s), "")
        return _boundary(before) or prev_word in opts.before
    if k == 2 and x in TRIAL_VERBS and any(b == s and line[a:b] in TRIAL for a, b in spans):
        return True  # a verb doubled for a try before its object: 会后请大家再梳理梳理问题清单
    return False


def check(opts: Options, ctx) -> Iterator[Finding]:
    lexicon = None
    for no, line in enumerate(ctx.lines):
        last_end = -1
        standard = None  # is the line a standard's title: asked once, when a doubling needs it
        for s, k, copies in candidates(line, opts):
            if s < last_end:
                continue
            if lexicon is None:
                lexicon = ctx.resources.lexicon()
            lo, hi = max(0, s - WINDOW), min(len(line), s + 2 * k + WINDOW)
            spans = [(a + lo, b + lo) for a, b in lexicon.segment(line[lo:hi])]
            starts = {a for a, _ in spans}
            ends = {b for _, b in spans}
            # the second copy is whole words and the first ends where a word ends (认真落实|落实)
            if not (s + k in starts and s + k in ends and s + 2 * k in ends):
                continue
            x = line[s:s + k]
            if k == 1 and s not in starts:
                continue
            if k > 1 and x not in lexicon and not (k >= 3 and s in starts):
                continue  # a longer repeat (同志们同志们) must be whole words on both sides
            if standard is None:
                standard = opts.standard is not None and opts.standard.search(line) is not None
            if intended(line, s, k, lexicon, spans, opts, standard):
                continue
            last_end = s + copies * k  # a run (落实落实落实) is one finding: all but one copy go
            yield Finding(no, s + k, last_end, x, replacement="")
