"""promo: text that is not part of the document, left by the site it was downloaded from.

Each line is scored from kinds of evidence, each kind a list of patterns in the rule or a form
recognised here, and a weight (option `weights`, defaults in WEIGHTS below):
- `site`: wording that only a site uses of itself (仅供学习 禁止外传, 本站, 小编为大家整理,
  上传人, 文档编号, 此处隐藏…字, 开通会员, 当前位置, 相关文章, a timestamp 2022-05-11 11:04);
- `ad`: advertising wording that prose uses too (免费, 下载, 会员, 扫码, 范文, 更多);
  each different phrase of these two kinds on a line counts;
- `contact`: telephone numbers, e-mail and web addresses, QQ numbers (not in a row of a table
  of the text, | 联系方式 | 客服电话：95105 |, a table of two rows or more with the text's sentences
  above and below it, whose service channels are its own, as a signed notice's are: see
  _table_rows; a site's footer laid out as a table stands at the page's edge);
- `watermark`: what a site wedges into the body text (a site's name, a hidden-text notice), and
  the random strings of symbols and letters that forum software scatters to stop copying: these
  are reported as a span wherever they stand, and the rest of the line is judged without them;
- `catalogue`: a shop's list of books or courses run into one line: at least CATALOGUE_TITLES
  titles in 《》, each but the last followed by a short credit (作者某某, 直播间) with no
  punctuation, and no sentence (a text lists titles with 、 or nothing between them, or names a
  volume or an edition after them: 第四卷, 2023年版);
- `cut`: a title cut off with ... or a single … (the text of a link that the page shortened;
  …… is the ellipsis of prose): no sentence or clause punctuation, not a numbered heading;
- `related`: an entry of a list of related articles, standing next to another: a cut title led
  by a list mark or a date, or followed by a date, or a title followed by a date in digits; the
  list stands outside the text, next to a line with evidence of its own (相关文章), or at the
  top or the bottom of the page when a title of it is cut off (a list of projects, honours or
  documents with their dates is the text's own); and every entry, numbered or not, under a
  heading of related articles with evidence of its own (【…】相关文章：) when nothing but such
  entries follows it to the page's end (not under a numbered heading: 二、相关资料下载); and a
  title led by a list mark with a site's mark wedged into it (- …倡议书(优选10篇)), alone; and
  a page's tags at its bottom, words of the text one a line (see _tag_cloud); and a list of the
  site's other documents, titles one a line that name a kind of document (see _title_list);
- `repeat`: the page's title repeated: a title-like line (no sentence or clause punctuation, not
  a numbered heading, not a part of a 公文, not three or more short words apart like a table's
  header row, at least `title-length` Chinese characters) that the page holds more than once (a
  line holding the title twice counts twice), one copy of it at the top of the page (its first
  TOP non-blank lines) above the opening that is not the document's own title (see below: a
  refrain, a running header repeat the document's title below its opening) and stands in the
  page's title bar (nothing between it and the nearest other copy but lines with evidence,
  labels or keywords: a cover page gives the title, the author and the date, then the title
  again), and no copy next to another repeated line (a table's header row repeats whole). Every
  copy counts but the document's own title: the whole weight from `copies` copies on, half of
  it for two (a cover page or a legal database gives a title twice); when a copy of a title
  given `copies` times is found promotional, so are the other copies but the document's title;
  and, on a page with a site's line found by its own evidence, a title given on two lines in a
  row above the opening, anywhere in the page's header: the upper copy, with the whole weight
  (the page's heading over the document's), unless a part of a 公文 or a note in brackets
  follows the pair (a legal database gives a title twice over its 发文字号 or 题注; a cover page
  gives its title twice with nothing of a site's on the page);
- `file`: a file's name with the extension of an office document (课件.ppt alone on a line, not a
  numbered item: a 公文 lists its attachments' files; 《讲话稿.docx》由会员分享…): a document calls
  itself by its title, a sharing site by its file;
- `menu`: a row of a page's menu or toolbar (three or more short items apart, one of them a
  site's or an advert's word alone: 返回 下载 相关 举报), a breadcrumb without arrows that begins
  with 首页, a button or two alone on a line (分享; 收藏 举报), the page's title bar (its title and
  the site's name, dashes between: …-某某文库, not a network of official prose: 互联网, 电网), the
  site's name alone (某某文学网);
- `stamp`: the stamp of a page or a file: a label and a date in digits (编辑：某某 2017-04-26; 更新时间：2023-08), a
  date and a time, a line that opens with a date, a file's format, size or pages (大小：96 KB),
  a date in characters with a leading zero and a time alone on its line (2023年05月18日 17:06):
  a document writes its own dates in characters, as a writer types them (2024年3月8日);
- `notice`: a site's numbered notices (see _notices): each the site's, its sentence form
  notwithstanding (the prose weight is not subtracted);
- `address`: the reader addressed as a customer (您) on a line with other evidence of its own
  (确认文档符合您的需求, 欢迎您收藏本页): official prose addresses 各单位, 同志们;
- `guide`: a generated article talking about a kind of document instead of being one, the
  site's framing of the sample it offers: the line speaks in `guide-classes` of the ways listed
  in the options `guide` and `guide-offer`, one of them an offer of its own samples or its closing
  wish (在日常工作中，…是一种常见的文书形式。一份规范的…如何撰写呢？以下是…的格式与范文; see guide());
  its weight outweighs the prose it is written in;
- `edge`: the line stands in the first or last `edge-lines` lines, has other evidence and makes
  no statement (。；: an advert exclaims, but seldom states);
- `prose` (subtracted): the line is a sentence of prose (sentence punctuation and more than
  `prose-length` Chinese characters) or a long line of text (longer than `max-line-length`,
  with more than `prose-length` Chinese characters or words apart: not a page's markup or an
  address run into one string), which an advert seldom is.
A line whose score reaches `threshold` is promotional, unless it is a sentence of the text's body (at
or below its opening, above its last line) whose evidence is only of the kinds that prose holds too
(SPOKEN) and stays under CORROBORATED times the threshold, on a page where no other line has a
site's evidence (see _uncorroborated). Lines that are parts of a 公文 by their
form (speechlint.structure: 附件, 署名, 成文日期, the 附注 with its contact line, 抄送, 印发) are
the document's own: their contact details count for nothing, and they are never part of a block;
a date in digits alone under the 署名 (2011-08-11, as a web page writes the 成文日期) is no stamp.
So is a paper's 关键词 line right under its abstract (摘要：…), which a site's tags resemble.

Two places in the document are found first, from the lines judged alone and the site's numbered
notices (a notice written as a sentence would pass for the text's first). The opening of the
text: its first line without any evidence that is a sentence or a salutation (同志们：, 各位代表：),
unless it is a short sentence wedged between the site's lines (see _opening).
The document's title: going up from the opening, the first run of lines without evidence that
are not sentences, entries of a list (• 总结汇报> under • 解决方案>), labels (关键词：…, 【关键词】…), numbered headings, notes in brackets, rows of a table, parts of
a 公文 or a page's furniture (see below), with at least HEAD_HAN Chinese characters (a title, its
subtitle, its byline; a date may stand among them, and so may the article's stamp and tags
between its title and its text), and of these the longest, the lowest of equals; but the title
that a breadcrumb above ends with (首页 > 观点 > 某某文章, then 某某文章) before all. The
document's own title is that line and the lines of the run whose text the run gives once (a
title shorter than its subtitle); a text that the run gives more than once is the page's title
bar.

A page's furniture, by its form across lines: the captions and counters of a viewer's pages
(课件.ppt_第1页, 第1页 / 共43页: the same text but for its numbers, twice or more, see _serial),
tags one word a line (TAG_RUN lines in a row), the debris of a layout (a line without a letter,
a digit or a Chinese character: a lone | or ?).

A title glued onto a line at the top of the page is a wedged span too: a line at or above the
opening (among the first TOP non-blank lines, or the opening itself) that opens with a run of
Chinese characters (at least `title-length`, DISTINCT of them different) repeated at once, with
blanks or only a site's or an advert's word between the copies (在…讲话范文在…讲话同志们：):
every copy but the last is the span (further down, a slogan of the text may be said twice);
and the opening line, when the text of a title-like line above it is glued onto its start and
followed at once by the salutation (…的讲话同志们：): the glued title is the span.

With `report = "block"` the rule reports the lines that carry too little evidence of their own
but stand inside a block of the site's text, line by line. A part of a 公文 is never in a block,
nor is the document's title when a promotional line stands above it, or when the first line
with evidence under it is the article's stamp (时间：2022-04-02: the date of the article the title
heads); a title above the site's header otherwise, or one that the page gives again, is the
page's title bar, not the document's.
- At the top or bottom of the document (a site's name or slogan): at most `max-gap` short lines
  that are not sentences between two promotional lines (a page's furniture not counted), and
  lines of any length with some evidence of their own (a score above 0), the first promotional
  line among the first or last `edge-lines` lines (furniture not counted, and the entries of one
  menu or the fields of one form, short lines opening or ending with the same marks, • 党建材料>,
  counted once); after the last of
  them, the lines in a row that carry evidence of a kind other than an advert's word, or are a
  page's furniture, a label without its value or keywords: the header goes on down to the
  document's first line. A numbered heading ends it, and an anti-copying string alone closes no
  gap (forum software scatters those through the text).
- Above the document's title, on a page with promotional lines: the lines with evidence and the
  debris of the layout (the page's top bar: APP下载); and above the title (without one, above
  the opening), every line between the first and the last line found by its wording there (the
  site's menus, its forms and its notes to the customer: 账号：, 如填写138，账号就是138。), a
  part of a 公文 excepted. Between the title and the opening, where
  the article's stamp stands, with a promotional line there: the lines with evidence and the
  page's furniture. A number alone under a question that opens the page, below the site's
  header (请示的标准格式？ / 128: a question-and-answer page's count of its readers), unless the
  question asks for a number (火警电话是多少？ / 119) or an item's mark follows it (3 / 、报告不得…:
  a number the page broke off its item).
- Anywhere (the site's notes in the middle of a page): the lines standing between two lines
  found by their wording (a line found only as a watermark or an anti-copying string does not
  bound a block: those are scattered through the text), each of them with some evidence of its
  own (a numbered notice with 本站 that the prose weight brought down), a short label line
  (配套讲稿：, 关 键 词：讲话 会议), the value of a label given on the line below it, a line of
  keywords separated by blanks, or a page's furniture; any other line, the opening or the title
  ends the run. A label line without its value and with some evidence of its own (下载说明：)
  heads the block that follows it (one without evidence may be a salutation: 各位代表：).
"""
from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from dataclasses import dataclass, replace
from typing import Dict, FrozenSet, Iterator, List, Optional, Tuple

import regex

from speechlint import layout, numerals, structure
from speechlint.traditional import fold
from speechlint.diagnostics import Finding
from speechlint import patterns
from speechlint.kinds import pairs
from speechlint.patterns import any_of, grouped, replaced_within, zero_width as _zero_width
from speechlint.i18n import _

OPTIONS = {"site": "list of strings", "ad": "list of strings", "contact": "list of strings",
           "watermark": "list of strings", "readings": "list of strings", "weights": "table of numbers", "threshold": "number",
           "report": "string", "max-line-length": "int", "prose-length": "int", "max-gap": "int",
           "edge-lines": "int", "max-block-line-length": "int", "exceptions": "list of strings",
           "title-length": "int", "copies": "int", "guide": "list of strings", "guide-offer": "list of strings",
           "guide-classes": "int"}
FIELDS = ("match",)
REPORTS = ("line", "block")
COUNTED = ("site", "ad")  # kinds whose every different phrase on a line counts
WEIGHTS = {"site": 3.0, "ad": 1.0, "contact": 1.0, "watermark": 3.0, "catalogue": 2.0, "cut": 1.0,
           "related": 3.0, "repeat": 2.0, "file": 2.0, "menu": 2.0, "stamp": 3.0, "notice": 3.0, "address": 2.0, "fields": 3.0,
           "extract": 3.0, "guide": 5.0, "edge": 1.0, "prose": 2.0, "copy": 3.0}
DEFAULTS = {"threshold": 3.0, "report": "line", "max-line-length": 80, "prose-length": 30, "max-gap": 3,
            "edge-lines": 4, "max-block-line-length": 30, "title-length": 6, "copies": 3,
            "guide-classes": 3}
WORDING = ("site", "ad", "contact", "catalogue", "cut", "related", "repeat", "file", "menu", "stamp",
           "notice", "address")  # kinds that bound a block anywhere
BLANK = " \t\u3000\u00a0"
MENTION = patterns.compiled(r"“(?![^“”\n]*(?:范文|文库|网|写作|文档|公众号|小程序))[^“”\n]{1,12}”")  # a short quotation inside a sentence: words mentioned (see _uncorroborated)
CORROBORATED = 2  # a line whose score reaches this many times the threshold is a site's without other lines of it
SPOKEN = frozenset({"site", "ad", "edge", "address"})  # kinds of evidence that a sentence of prose may hold too (see _uncorroborated)
SENTENCE = patterns.compiled(r"[。？！；]")
# the same in a text typed with half-width marks (我是有“最”之人!, 怎么办?): after a Chinese character
# or a closing quote or bracket only, not in a site's address or a number (V1.0!)
SENTENCE_ANY = patterns.compiled(r"[。？！；]|(?<=[\p{Han}”’」』）)])[!?;]")
STATEMENT = patterns.compiled(r"[。；]")  # an advert exclaims (！) but seldom states
LONG = 10  # a line longer than this many times max-line-length is searched for wedged spans only
HAN = patterns.compiled(r"\p{Han}")
DIGIT = patterns.compiled(r"[0-9０-９]")
# the strings that forum software scatters through a page to stop copying (8 b, |& N* |5 k;):
# six or more tokens of at most three ASCII characters, separated by spaces, many of them
# symbols or a letter with a digit (no word, no number of a text)
JAMMER = patterns.compiled(r"(?<![!-~])(?:[!-~]{1,3}[ ]{1,2}){5,}[!-~]{1,3}(?![!-~])|(?<![!-~ ])(?:[!-~]{1,3}[ ]{1,2}){6,}")
SYMBOL = patterns.compiled(r"[!-/:-@\[-`{-~]")
MIXED = patterns.compiled(r"^(?:[A-Za-z][0-9]|[0-9][A-Za-z])$")
JAMMER_BLANKS = 5  # the blanks that every match of JAMMER holds (five pieces or more, each followed by one)
JAMMER_SHARE = 0.5  # tokens that are or hold a symbol, or mix a letter and a digit
JAMMER_SYMBOLS = 3  # distinct symbols in one string (or fewer, with two letter-digit tokens)
# the random strings that some sites append to the lines of a text to stop copying, one per line
# (…安全是什么？ 9'OQmj.Fh, …不复存在了吗？ d2}W l@_1), and lay on lines of their own (VZPJI7o):
# the run of ASCII characters that ends a line after its Chinese text and a blank (see _tail),
# random by its make (see _random_token). One is no evidence; on a page where TAILS different ones
# end TAIL_SHARE of the lines of Chinese text or more, they are the site's, and so are then the
# page's lines of one such token alone. A text's codes, figures, times, formulas, phrases of
# English and notes do not look random (see _random_token), and seldom end most of its lines
TAIL_LEN = 16  # characters of such a token, at most
NON_BLANK = patterns.compiled(r"[^ \t\u3000\u00a0]+")
TAILS = 3
TAIL_SHARE = 0.5
CHAOS = frozenset("!\"#$%&'()*+;<=>?@[\\]^`{|}~")  # symbols that no word, number or address is made of
FORMULA = frozenset("=^")
ENGLISH = patterns.compiled(r"^[A-Za-z]{2,}$|[A-Za-z]'[A-Za-z]")  # a word of English, an elision: We're


def _tail(line: str) -> Optional[Tuple[int, int]]:
    """The span of the run of ASCII characters, one or two pieces, that ends the line after its
    Chinese text, a blank between (…的基础。 r%Tq8}, …是什么? 9'OQmj.Fh: a page stored with
    ASCII marks keeps its ? before the blank), at most TAIL_LEN long in all; None if there is none."""
    end = len(line.rstrip(BLANK))
    start = end
    while start > 0 and line[start - 1].isascii() and end - start <= TAIL_LEN + 4:
        start -= 1
    if start == 0 or start == end or line[start - 1].isascii():
        return None  # (no Chinese text before, or a longer run of ASCII: English, code)
    pieces = [m.span() for m in NON_BLANK.finditer(line, start, end)]
    if pieces and pieces[0][1] - pieces[0][0] == 1 and line[pieces[0][0]] in ",.;:!?":
        pieces = pieces[1:]  # (the sentence's own mark, written in ASCII)
    if not 1 <= len(pieces) <= 2 or sum(b - a for a, b in pieces) > TAIL_LEN or line[pieces[0][0] - 1] not in BLANK:
        return None
    return pieces[0][0], end


def _random_token(opts: Options, token: str) -> bool:
    """Is a token random by its make: four characters or more, a symbol that no word, number or
    address is made of (CHAOS) and two of capitals, small letters and digits, no formula's = or ^
    alone, and no word of English (not C++, R&D, 5.6%, (0571)87001234, 8:00~8:30, a^2+b^2=c^2,
    Let's)? Or, without a symbol, capitals, small letters and digits all three (VZPJI7o)."""
    if not 4 <= len(token) <= TAIL_LEN or ENGLISH.search(token):
        return False
    if any(kind == "contact" and p.search(token) for kind, p in opts.evidence):
        return False  # a mail or web address, a phone number (the rule's own contact patterns)
    upper, lower, digit = (any(test(c) for c in token) for test in (str.isupper, str.islower, str.isdigit))
    chaos = {c for c in token if c in CHAOS}
    if not chaos:
        return upper and lower and digit and token.isalnum()
    return upper + lower + digit >= 2 and not chaos <= FORMULA


def _random_tail(opts: Options, token: str) -> bool:
    """Is a line's tail (see _tail) random: each piece random by its make (see _random_token),
    or one random beside a short one with a symbol (d2}W l@_1)?"""
    pieces = token.split()
    if len(pieces) == 1:
        return _random_token(opts, pieces[0])
    return any(_random_token(opts, p) for p in pieces) and all(
        not ENGLISH.search(p) and (_random_token(opts, p) or any(c in CHAOS for c in p)) for p in pieces)


def _tails(opts: Options, lines) -> Dict[int, Tuple[int, int]]:
    """The random tokens a site appended to the lines of a page (see _tail), each line's span,
    and the lines that hold one alone (not a table's row, nor markup), once TAILS different ones
    end TAIL_SHARE of the page's lines of Chinese text or more; {} otherwise."""
    ends = {}
    for no, line in enumerate(lines):
        last = line.rstrip(BLANK)[-1:]
        # (most lines end with a Chinese character or mark; a table's row ends with its cell: | news-1.txt |)
        span = _tail(line) if "!" <= last <= "~" and not TABLE_ROW.match(line) else None
        if span and _random_tail(opts, line[span[0]:span[1]]):
            ends[no] = span
    if len({lines[no][a:b] for no, (a, b) in ends.items()}) < TAILS:
        return {}  # (most pages: the lines of Chinese text are counted only where enough tails are)
    if len(ends) < TAIL_SHARE * sum(bool(HAN.search(line)) for line in lines):
        return {}
    out = dict(ends)
    for no, line in enumerate(lines):
        token = line.strip(BLANK)
        if no not in out and token and token.isascii() and not TABLE_ROW.match(line) and _random_token(opts, token):
            start = len(line) - len(line.lstrip(BLANK))
            out[no] = (start, start + len(token))
    return out


# Characters a site scatters into the words of its text so that a copy reads wrong (数过织天环交术除写划坐
# 米量 for 数量): a stretch of JAMMED_SPAN to JAMMED_LONGEST characters that the segmentation leaves as
# single characters, in a run of JAMMED_RUN of them at least, whose removal joins the characters on
# either side, single characters of the run too, into a word that jieba counts JAMMED_FREQ times or
# more. Found only on a page where JAMMED_LINES lines at least, and JAMMED_SHARE of the lines long
# enough to hold one, hold a stretch that the page gives once: a site jams its whole text, while a
# term the dictionary lacks (碳达峰碳中和), a classical line or a phrase a report repeats stands alone
# or recurs.
JAMMED_RUN = 8
JAMMED_SPAN = 6
JAMMED_LONGEST = 24
# a longer run of single characters is no text with a few words broken, but no text at all (garbled
# or random characters): not searched, which kept a page of random characters from taking seconds
JAMMED_RUN_LONGEST = JAMMED_LONGEST + 16
JAMMED_FREQ = 100
JAMMED_LINES = 2
JAMMED_SHARE = 0.1
# two words of grammar joined (以 + 为: 以碳达峰碳中和为引领) make no word that a stretch broke: each
# counted this often as a word of its own
JAMMED_GRAMMAR = 30000
# an amount in numerals (壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元) is single characters too, and its units join
# (万 + 元): a stretch with two numerals or units in it, or around it, is no jammer's
NUMERAL_CHARS = frozenset([*numerals.CHINESE_DIGITS, *numerals.CHINESE_UNITS, *numerals.CHINESE_LARGE, *"萬億元角分整"])
JAMMED_COUNTED = 200  # stretches looked up in the whole page, at most (beyond, all are taken as given once)


def _single_runs(spans) -> Iterator[Tuple[int, int]]:
    """(start, end) of each run of JAMMED_RUN to JAMMED_RUN_LONGEST single-character tokens in a
    segmentation."""
    start = end = -1
    for a, b in spans:
        if b - a == 1 and a == end:
            end = b
            continue
        if JAMMED_RUN <= end - start <= JAMMED_RUN_LONGEST:
            yield start, end
        start, end = (a, b) if b - a == 1 else (-1, -1)
    if JAMMED_RUN <= end - start <= JAMMED_RUN_LONGEST:
        yield start, end


def _jammed(lines, res) -> Dict[int, List[Tuple[int, int]]]:
    """The stretches of random characters a site scattered into the words of the page's lines
    (see JAMMED_RUN), by line; {} on a page where too few lines hold one."""
    from speechlint.kinds.charslip import LONGEST_RUN, RUN, segmented, segments_memo
    from speechlint.traditional import in_traditional

    lexicon = memo = None
    found: Dict[int, List[Tuple[int, int]]] = {}
    eligible = 0
    for no, line in enumerate(lines):
        runs = [m for m in RUN.finditer(line) if JAMMED_RUN + 2 <= len(m.group()) <= LONGEST_RUN]
        if not runs or in_traditional(line):
            continue
        eligible += 1
        if lexicon is None:
            lexicon, memo = res.lexicon(), segments_memo(res)
        freq = lexicon.freq
        for m in runs:
            text = m.group()
            for a, b in _single_runs(segmented(lexicon, text, memo)):
                best = None
                # (the two halves of the broken word stand alone too, in the run: 全 of 安全 is no half)
                for x in range(a + 1, b):
                    for y in range(min(b - 1, x + JAMMED_LONGEST), x + JAMMED_SPAN - 1, -1):
                        if (freq.get(text[x - 1] + text[y], 0) >= JAMMED_FREQ
                                and min(freq.get(text[x - 1], 0), freq.get(text[y], 0)) < JAMMED_GRAMMAR
                                and sum(ch in NUMERAL_CHARS for ch in text[x - 1:y + 1]) < 2):
                            if best is None or y - x > best[1] - best[0]:
                                best = (x, y)
                            break  # (the longest from x)
                if best is not None:
                    found.setdefault(no, []).append((m.start() + best[0], m.start() + best[1]))
    if len(found) < JAMMED_LINES:
        return {}
    texts = Counter(lines[no][a:b] for no, spans in found.items() for a, b in spans)
    whole = "\n".join(lines) if len(texts) <= JAMMED_COUNTED else None
    once = {t for t, n in texts.items() if n == 1 and (whole is None or whole.count(t) == 1)}
    out = {no: kept for no, spans in found.items() if (kept := [(a, b) for a, b in spans if lines[no][a:b] in once])}
    return out if len(out) >= max(JAMMED_LINES, JAMMED_SHARE * eligible) else {}


# a shop's catalogue run into one line: 《书名》作者某某《书名》作者某某…: at least this many titles,
# each followed by a credit of 2 to CREDIT characters without punctuation, and no sentence
CATALOGUE_TITLES = 3
CREDIT = 12
BOOK = patterns.compiled(r"《[^《》\n]{1,40}》")
CREDIT_TEXT = patterns.compiled(r"[\p{Han}A-Za-z0-9·、 \u3000]*")
# a volume or an edition after a title is the text's own (《习近平谈治国理政》第四卷, 2023年版), not a credit
VOLUME = patterns.compiled(r"第\s*[一二三四五六七八九十百0-9]+\s*[卷册辑集部编章篇版]|[上中下]\s*[卷册编]|年\s*版|修订版")
# a title cut off with ... or … (a link's text that the page shortened), and an entry of a list of
# related articles: a cut title led by a list mark or a date, or ending with a date
_DATE = r"(?:[0-9]{4}[-/.年])?[0-9]{1,2}[-/.月][0-9]{1,2}日?"
_MARK = r"[-–·•●○◆◇■□▪►▶▸★☆※>»]"
# (a link is cut with ... or a single …; …… is the ellipsis of Chinese prose: 坚持守正创新……)
CUT = patterns.compiled(rf"^[^。；！？，,;!?：:]*?(?:\.{{3,}}|(?<!…)…)\s*(?P<date>{_DATE})?\s*$")
LED = patterns.compiled(rf"^\s*(?:{_MARK}|{_DATE}\s)")
# a title with the date of its publication after it, in digits (在全县工作会议上的讲话 2024-12-01,
# 发言稿04-14; a year and its month, 国家卫生县城 2018-03, is no day of publication)
DATED = patterns.compiled(r"^[^。；！？，,;!?：:]*\p{Han}[^。；！？，,;!?：:]*?\s*"
                      r"(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|(?<![0-9])[0-9]{2}-[0-9]{2})\s*$")
RELATED_HAN = 4  # Chinese characters of the title, at least
# a heading of a list of related articles (相关文章：, 猜你喜欢), at most RELATED_HEAD_LEN characters;
# its entries at most RELATED_ENTRY_LEN
RELATED_HEAD = patterns.compiled(r"(?:相关|热门|推荐|精选|更多|最新)(?:文章|推荐|阅读|范文|文档|内容|搜索)|猜你喜欢|延伸阅读|"
                                 r"你可能(?:还)?(?:喜欢|感兴趣)")
RELATED_HEAD_ALONE = patterns.compiled(r"^\s*(?:【[^【】]{1,20}】\s*)?相关资料\s*[:：]?\s*$")  # (not 相关资料下载)
# a title of a book alone, with its volume or its author at most (《…》第四卷, 《平凡的世界》，路遥著): a reading list's
BOOK_ALONE = patterns.compiled(r"^\s*《[^《》]+》(?:\s*[，,、（(]?\s*[\p{Han}·]{0,10}[）)]?)?\s*[。.]?\s*$")
RELATED_HEAD_LEN = 30
READING_BOOKS = 2  # titles of books alone under a heading of reading, at least: a text's reading list
RELATED_ENTRY_LEN = 40
ENTRY_LEN = 200  # a cut title or an entry of a list is at most this many characters
# a title-like line: no sentence or clause punctuation, no label; a numbered heading is the text's own
CLAUSE = patterns.compiled(r"[。？！；，,;!?：:]")
NUMBERED = patterns.compiled(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百0-9０-９]+\s*[)）]|"
                         r"[0-9０-９]+\s*[.．、)）]|第\s*[一二三四五六七八九十百0-9]+\s*[章节条部分篇讲课])")
# a short label line of a site's notes (配套讲稿：, 关 键 词：讲话 会议): a label of 2 to 6 characters
# (blanks between them allowed) and a short value without punctuation; a line of keywords:
# at least three words of 2 to 10 letters separated by blanks, nothing else, KEYWORD_HAN of
# them Chinese
LABEL = patterns.compiled(r"^[ \t\u3000]*(?:\p{Han}[ \t\u3000]*){2,6}[：:][ \t\u3000]*[^。？！；，,;!?：:]{0,20}$")
BRACKET_LABEL = patterns.compiled(r"^[ \t\u3000]*[【\[［]\s*(?:\p{Han}\s*){2,8}[】\]］]")  # 【关键词】…, [摘要]…
LABEL_ALONE = patterns.compiled(r"^[ \t\u3000]*(?:\p{Han}[ \t\u3000]*){2,6}[：:][ \t\u3000]*$")
# (blanks or half-width commas between them: 格式,申请书,公文,标准, a page's tags as its generator joins them)
_KEYWORD_SEP = r"[ \t\u3000]*,[ \t\u3000]*|[ \t\u3000]+"
KEYWORDS = patterns.compiled(rf"^[ \t\u3000]*[\p{{Han}}A-Za-z0-9]{{2,10}}(?:(?:{_KEYWORD_SEP})[\p{{Han}}A-Za-z0-9]{{2,10}}){{2,}}[ \t\u3000]*$")
KEYWORD_HAN = 2  # words of Chinese characters on a line of keywords, at least
KEYWORD_SEP = patterns.compiled(_KEYWORD_SEP)
HAN_RUN = patterns.compiled(r"\p{Han}+")
TITLE_RUN = patterns.compiled(r"[\p{Han}0-9０-９]+")
HEAD_HAN = 4  # the document's title (see _head) has at least this many Chinese characters
WORDY = patterns.compiled(r"[\p{Han}A-Za-z0-9]")  # a line without any of these is the debris of a page's layout
# a Markdown table's rule under its header row, and a row of it: the table's own, not debris
TABLE_RULE = patterns.compiled(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
TABLE_ROW = patterns.compiled(r"^\s*\|.*\|\s*$")
BRACKETED = patterns.compiled(r"^[（(].*[)）]$")  # a note in brackets under a title (a date, an affiliation) is none
ROLE_KEPT = 200  # the 公文 part of a text of at most this many characters is kept (see _role)
TOP = 10  # the top of a page, where its title bar and header stand: its first TOP non-blank lines
# a title glued onto a line (see doubled and _glued)
FILLER = 4  # a site's word between two copies of a title glued together: at most this many characters
MAX_TITLE = 60  # a title glued onto a line is at most this many characters
DISTINCT = 4  # different characters in such a title, at least (落实落实落实 is no title)
SALUTATION = 30  # the salutation after a title glued onto the opening: at most this many characters
# a file's name, with the extension of an office document: a document calls itself by its title, a
# sharing site by its file (商务文书写作课件.ppt; 《民主生活会.docx》由会员分享…). `file`: a title in
# 《》 that ends with such an extension, or a line that is a file's name alone and no numbered item
# (a 公文 lists the files of its attachments: 1.申报书.doc)
_EXT = r"\.(?:docx?|pptx?|xlsx?|pdf|wps|rtf)"
# the badge a site's list gives a file after its name (干部手册.docx VIP, 方案.pdf 免费)
_BADGE = r"(?:VIP|(?-i:HOT|NEW)|免费|原创|精品|热门?|新|推荐|置顶)"
FILE_IN_TITLE = patterns.compiled(rf"《[^《》\n]{{1,80}}?{_EXT}(?![A-Za-z])[^《》\n]{{0,20}}》", regex.IGNORECASE)
# (or its extension glued on without the dot, in lower case, as a site's title gives it: …工作指引doc;
# not 述职报告PPT)
_FILE_END = rf"(?:{_EXT}|(?<=\p{{Han}})(?-i:docx?|pptx?|xlsx?|pdf|wps))(?:[ \t\u3000]+{_BADGE})?$"
FILE_LINE = patterns.compiled(rf"^[^。！？；，,;!?：:《》]{{2,80}}?{_FILE_END}", regex.IGNORECASE)
# (the end of such a line, taken off to compare the name with the lines above: see _attached_files)
FILE_END = patterns.compiled(_FILE_END, regex.IGNORECASE)
# a row of a page's menu or toolbar (返回 下载 相关 举报), or its breadcrumb without arrows (首页 理论教育
# 通用公文写作): `menu`: at least MENU_ITEMS items of at most MENU_ITEM characters apart, one of
# them a word of a site or an advert alone; or two items or more, the first the page's home (首页)
MENU_SEP = patterns.compiled(r"[ \t\u3000]+|[ \t\u3000]*[|｜/>›»][ \t\u3000]*")
MENU_ITEMS = 3
MENU_ENTRY = 30  # characters at most of a menu's entry or a form's field standing alone on its line
LIST_MARKS = frozenset("•·●○◎◆◇■□▪►▶▸★☆※>»-–*")  # the marks that open a menu's entries
ENTRY_ENDS = frozenset(">›»:：")  # and what ends them: an arrow to a page, a field's colon
MENU_ARROWS = frozenset(">›»")
MENU_ITEM = 6
HOME = "首页"
# a page's title bar (365读书网-读万卷书行万里路, 某某范文-某某文库): parts apart by dashes, the first
# or the last the site's name, a word ending in 网 or 文库 (not one of the networks that official
# prose speaks of: 互联网, 电网)
# (each tried only where a run of blanks begins, and the blanks after the mark left to the part
# that follows, which its reader strips: tried at every blank of a run of thousands, the blanks
# before the mark took time as the square of the run's length)
CRUMB_SEP = patterns.compiled(r"(?<!\s)\s*[>›»]+")  # the arrows of a breadcrumb (首页 > 观点 > …)
TITLE_SEP = patterns.compiled(r"(?<!\s)\s*[-_|｜–—]+")
SITE_NAME = patterns.compiled(r"[\p{Han}A-Za-z0-9]{1,8}(?:网|文库)")
NETWORKS = frozenset("互联网 物联网 工业互联网 车联网 电网 智能电网 管网 路网 水网 光网 政务网 局域网 广域网 天网 专网 内网 外网 "
                     "骨干网 电信网 广电网 信息网 服务网 交通网 铁路网 公路网 航空网 物流网 销售网 关系网 蜘蛛网".split())
# a document library's or a content site's name (某某文库, 某某范文网, 某某文学网): not any 某某网, which
# may be a heading (织密民生保障网)
_LIBRARY = r"(?:文库|(?:文学|范文|文秘|写作|作文|资料|文档|公文|美文|课件|秘书|材料|办公)网)"
LIBRARY = patterns.compiled(r"[\p{Han}A-Za-z0-9]{1,8}" + _LIBRARY)
LIBRARY_BEFORE = patterns.compiled(r"[\p{Han}A-Za-z0-9]{1,8}?" + _LIBRARY)  # the shortest name before a title
# a page's stamp: a label, then the date of publication in digits (编辑：某某2017-04-26, 时间：
# 2022-04-02 理论教育), a date and a time (2022-04-02 10:39, 2024/01/12 14:52), a line that opens
# with a date: a document writes its own dates in characters (2024年3月5日)
STAMP = patterns.compiled(r"[：:][^。！？；，,;!?：:]{0,16}?(?<![0-9])[0-9]{4}(?:-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{1,2}(?![0-9])"
                      # (a user's name may run into it: admin72025-03-22 17:25:25; slashes as
                      # hyphens: 2024/01/12 14:52)
                      r"|(?:(?<![0-9])|(?<=[A-Za-z][0-9]{1,3}))(?:19|20)[0-9]{2}(?:-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{1,2}\s+[0-9]{1,2}:[0-9]{2}"
                      r"|^\W{0,3}[0-9]{4}(?:-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{1,2}(?![0-9])"
                      # (or in characters, as a page prints it, the month or the day with a
                      # leading zero, and the time: 2023年05月18日 17:06; a writer types 5月)
                      # (alone on its line: 2024年03月08日 14:30 开幕式 is a notice's agenda)
                      r"|^\W{0,3}(?:19|20)[0-9]{2}年(?:0[1-9]月[0-9]{1,2}|[0-9]{1,2}月0[1-9])日\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*$"
                      # (a page's time of update given to the month: 更新时间：2023-08)
                      # (a 公告's 发布时间：2023-08 is its own)
                      r"|(?:更新|上传)时间\s*[：:]\s*(?:19|20)[0-9]{2}[-/.][0-9]{1,2}(?![0-9])"
                      # (or after the name of the account that posted it, alone on its line: 人文能建 2022-11-06)
                      # (or a journal's issue, as a mirror of its articles prints it: 新长征·党建版 2019年2期)
                      r"|^\W{0,3}[\p{Han}·]{2,16}[ \u3000]+(?:19|20)[0-9]{2}年第?[0-9]{1,2}期[ \u3000]*$"
                      # (not a notice's field and its date: 报到时间 2024-04-08, 报名截止 2024-04-01)
                      r"|^\W{0,3}\p{Han}{2,12}(?<!时间|日期|时限|期限|截止|开始|结束|报到|报名|到期|时段)[ \u3000]+"
                      r"(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}[ \u3000]*$"
                      # (or with the user's name run into it: admin2025-08-04)
                      r"|^\W{0,3}[A-Za-z][A-Za-z0-9_]{1,15}?(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"
                      # and a file's: its format, size, pages (格式：ppt, 大小：96.50 KB, 页数：18)
                      r"|(?:格式|大小|页数)\s*[：:]\s*(?:[0-9.]+\s*[KMG]B|[0-9]+|(?:docx?|pptx?|xlsx?|pdf|wps)\b)"
                      # (or the size alone on its line: 38.97KB)
                      r"|^\W{0,3}[0-9]+(?:\.[0-9]+)?\s*[KMG]B\s*$"
                      # and the page's count of its readers in words, alone on its line (11次阅读)
                      r"|^\W{0,3}[0-9]+\s*次(?:阅读|浏览|观看|下载)\W{0,3}$",
                      regex.IGNORECASE)
# the reader addressed as a customer (您): official prose says 各单位, 同志们; a site's line says
# 您 of what it sells (确认文档内容符合您的需求, 看后求收藏): `address`, when the line holds other
# evidence of its own than words that adverts share with prose (a letter asks 您 to 关注, 立即…)
ADDRESS = patterns.compiled(r"您")
# a station that a text names in its title or beside 本站, its author (城关水文站, 市水文总站, 农技推广站,
# 警务工作站, 车站): its 本站 is the station, not a website, where the line says nothing a website says
# of itself (see WEB). Not 本站, 我站, 全站 themselves, nor a website (网站, 下载站, 资源站, 站点, 站长),
# nor 站 as a verb (政治站位, 站岗, 站稳; 西安北站在春运期间 is a station)
STATION = patterns.compiled(r"\p{Han}(?<![本我该全此各网建载源航库材码件])站(?![点长位岗起稳])")
# what a website says of itself beside its 本站, and a station does not (本站提供的范文仅供参考,
# 本站仅提供信息存储空间服务; not 本站全年测流86次, 本站资料室, 本站网格化管理, 用户满意度)
WEB = patterns.compiled(r"范文|范本|模板|文档|下载|上传|版权|侵权|会员|网站|网友|投稿|转载|删除|仅供|存储空间|"
                        r"分享本站|收录|免责|所有权|法律责任|域名|登录")
# a site's opening paragraph: a question put to the reader, answered at once with the site's texts
# (…要注意的内容有什么呢？下面我给大家整理了一些心得体会范文; 那你知道…吗？一起来学习吧; 拟起制度来就
# 毫无头绪？下面是小编收集整理的…: counted only in a line with the site's own words, at the page's edge),
# or its editor bringing the text (下面, 以下 or 接下来, then 小编 or 编辑 within 14 characters), after a
# sentence that introduces its kind or not (下面由工作总结之家编辑
# 为大家带来了…; 倡议书是为倡议…而写的…专用书信。下面是小编帮大家整理的倡议书范文及格式，希望大家喜欢。)
INTRO = patterns.compiled(r"[？?][^。！？!?]{0,8}?(?:下面|以下|接下来|一起来|快来|不妨)"
                          r"|(?:下面|以下|接下来)[^。！？!?]{0,14}?(?:小编|编辑)")
# a sentence that sends its reader to a government's own website (公众可以登录县政府门户网站
# (http://www.….gov.cn/)点击下载查看…。): a 公文 saying where to find a text, not a site's advert;
# its .gov address and its prompts (点击下载, 欢迎参阅) count for nothing, a site's other words and
# addresses still do (a government site's footer is no sentence; a site's address that only
# looks like one, www.gov.cn.example.com, is not one)
GOV_ADDRESS = patterns.compiled(r"(?<![A-Za-z0-9-])(?:[A-Za-z0-9-]+\.)+gov(?:\.cn)?(?![A-Za-z0-9.-]*[A-Za-z0-9-]\.)(?![A-Za-z0-9-])")
OFFICIAL_SITE = patterns.compiled(GOV_ADDRESS.pattern +
                                  # (Markdown masks the address: the site named, and the reader sent there)
                                  r"|(?:登录|登陆|访问|进入|浏览|通过|在)[^。；，]{0,16}?(?:政府(?:门户|信息公开)?网站|门户网站)")
PROMPT = patterns.compiled(r"下载|参阅|阅读|查看|浏览|访问|预览")
# a site's words that public service uses of its own channels (客服电话, 关注公众号, 扫码下载, 免费下载,
# 加入微信群): nothing in a signed notice (see _frame); 下载本文, 开通会员, 小编 still count there
SERVICE = patterns.compiled(r"客服|公众号|扫码|扫一扫|微信|qq|投稿|关注|(?:免费|点击|扫码)下载|下载(?:安装|使用|地址|链接)|"
                            r"希望(?!.*(?:写作|范文|模板|内容|文章)).*(?:帮助|启发)")  # (a signed letter's 希望这些建议能对你有所帮助)
# (but not a site's offer of its texts: 免费下载本范文)
SITE_TEXTS = patterns.compiled(r"范文|范本|模板|文档|会员")
# the advertising words public service uses too (免费, 下载, 扫码, 咨询): nothing there either; 范文,
# 模板, 更多, 精选, 会员, 收藏, 分享, 课程 still count
SERVICE_AD = patterns.compiled(r"免费|下载|关注|扫码|二维码|公众号|客服|咨询|点击|立即|官网|网址|温馨提示")
# a site's numbered notices (see _notices): an item's number, 1. 1、 (1) ①
NOTICE_MARK = patterns.compiled(r"^[ \t\u3000]*(?:(?P<b>[-•·●▪*])[ \t\u3000]*)?(?:(?P<n>[0-9]{1,2})[ \t\u3000]*[.．、:：)）]"
                            r"|[（(](?P<n>[0-9]{1,2})[)）]|(?P<c>[①-⑳]))")
# lines that a page repeats with a number counting up (课件.ppt_第1页, 第1页 / 共43页, …; see _serial)
DIGITS = patterns.compiled(r"[0-9]+")
# a date in digits alone on its line (see _signed_dates)
DIGIT_DATE = patterns.compiled(r"^(?:19|20)[0-9]{2}([-/.])[0-9]{1,2}\1[0-9]{1,2}$")
# a page's tags, one word a line (see _tag_runs)
TAG = patterns.compiled(r"^[\p{Han}A-Za-z0-9]{1,6}$")
TAG_RUN = 3
# the label of a document's own list at its end (附件：, 附：…, 附件清单, 成员名单, 成员单位, 抄送：…): what follows is no tags
LIST_LABEL = patterns.compiled(r"[:：]$|(?:清单|名单|目录|列表|成员单位|参加单位)$"
                                r"|^\W{0,3}(?:附(?:件|表|录)|附[:：\s]|抄送|关键词|主题词)")
SITE_LABEL = patterns.compiled(r"标签|相关|TAG|热词|热门|推荐", regex.IGNORECASE)  # a site's label of its tags
TAG_SHARE = 2 / 3  # of a run of tags at the page's bottom, the words the text above writes (see _tag_cloud)


_kept_role = functools.lru_cache(maxsize=4096)(structure.role)


def _role(text: str) -> Optional[str]:
    """The 公文 part that text is (speechlint.structure.role), asked of a line many times over:
    kept per text, for the texts of at most ROLE_KEPT characters (a long one would hold memory)."""
    return _kept_role(text) if len(text) <= ROLE_KEPT else structure.role(text)


@dataclass(frozen=True)
class Options:
    evidence: Tuple[Tuple[str, "regex.Pattern"], ...]  # (kind, pattern) for site, ad, contact
    watermark: Tuple["regex.Pattern", ...]  # each on its own: one alternation of them all tries each at every position
    weights: Dict[str, float]
    threshold: float
    exceptions: Optional["regex.Pattern"]
    report: str
    max_len: int
    prose_len: int
    max_gap: int
    edge: int
    max_block_len: int
    title_len: int
    copies: int
    # for each watermark, what its every match holds (patterns.required_chars), to skip a line without
    watermark_keys: patterns.NeedsIndex
    # what a converter wrote into the text (a pinyin reading: 發(fā)言稿): read past, like a
    # watermark, when a line is judged, but never reported here (SL614 reports it); and their keys
    readings: Tuple["regex.Pattern", ...] = ()
    readings_keys: patterns.NeedsIndex = patterns.NeedsIndex(())
    # the ways a generated article talks about a kind of document, what it offers of its own (see
    # guide()), and how many of them make a line the site's framing
    guide: Tuple["regex.Pattern", ...] = ()
    guide_classes: int = 3
    guide_offer: Tuple["regex.Pattern", ...] = ()


def prepare(options) -> Options:
    get = lambda key: options.get(key, DEFAULTS.get(key))  # noqa: E731
    report = get("report")
    if report not in REPORTS:
        raise ValueError(_("'report' must be one of {choices}").format(choices=", ".join(REPORTS)))
    weights = dict(WEIGHTS)
    for key, value in options.get("weights", {}).items():
        if key not in WEIGHTS:
            raise ValueError(_("unknown weight {weight} (known: {known})").format(weight=repr(key), known=", ".join(WEIGHTS)))
        weights[key] = float(value)
    evidence = []
    for kind in ("site", "ad", "contact"):
        if options.get(kind):
            evidence.append((kind, patterns.alternatives([], options[kind], regex.V1 | regex.IGNORECASE)))
    if not evidence:
        raise ValueError(_("give at least one of 'site', 'ad', 'contact'"))
    marks = options.get("watermark", [])
    watermark = tuple(patterns.compile(mark, regex.V1 | regex.IGNORECASE) for mark in marks)
    readings = tuple(patterns.compile(r, regex.V1 | regex.IGNORECASE) for r in options.get("readings", []))
    for key in ("max-line-length", "prose-length", "max-gap", "edge-lines", "max-block-line-length"):
        if not 0 <= get(key) <= 10_000:
            raise ValueError(_("'{key}' must be from {low} to {high}").format(key=key, low=0, high=10000))
    for key in ("title-length", "copies", "guide-classes"):
        if not 2 <= get(key) <= 100:
            raise ValueError(_("'{key}' must be from {low} to {high}").format(key=key, low=2, high=100))
    guide = tuple(patterns.compile(way, regex.V1) for way in options.get("guide", []))
    offers = tuple(patterns.compile(offer, regex.V1) for offer in options.get("guide-offer", []))
    listed = len(guide) + bool(offers)  # (the offers are one way)
    if (guide or offers) and get("guide-classes") > listed:
        # (more ways asked for than there are: the framing could never be found)
        raise ValueError(_("'{key}' asks for {count} ways, but the rule lists {listed}").format(
            key="guide-classes", count=get("guide-classes"), listed=listed))
    # (a line of no evidence scores 0: a threshold of 0 or less took every line for an advert, with
    # nothing in it to report)
    if not 0 < float(get("threshold")) < float("inf"):
        raise ValueError(_("'{key}' must be a number above 0").format(key="threshold"))
    return Options(tuple(evidence), watermark, weights, float(get("threshold")), any_of(options.get("exceptions", [])),
                   report, get("max-line-length"), get("prose-length"), get("max-gap"), get("edge-lines"),
                   get("max-block-line-length"), get("title-length"), get("copies"),
                   patterns.NeedsIndex(patterns.required_chars(mark.pattern, True) for mark in watermark),
                   readings, patterns.NeedsIndex(patterns.required_chars(r.pattern, True) for r in readings),
                   guide, get("guide-classes"), offers)


def zero_width(opts: Options, texts) -> Optional[str]:
    return _zero_width([p for _, p in opts.evidence] + list(opts.watermark) + list(opts.readings), texts)


def jammers(line: str) -> List[Tuple[int, int]]:
    """Spans of anti-copying strings of symbols and letters."""
    out = []
    if line.count(" ") < JAMMER_BLANKS:
        return out  # (most lines: JAMMER's every match holds that many blanks)
    for m in JAMMER.finditer(line):
        tokens = m.group().split()
        odd = sum(bool(SYMBOL.search(t)) or bool(MIXED.match(t)) for t in tokens)
        symbols = len(set(SYMBOL.findall(m.group())))
        mixed = sum(bool(MIXED.match(t)) for t in tokens)
        if (symbols >= JAMMER_SYMBOLS or symbols and mixed >= 2) and odd >= JAMMER_SHARE * len(tokens):
            out.append((m.start(), m.end()))
    return out


def doubled(opts: Options, line: str) -> Optional[Tuple[int, int, str, int]]:
    """A run of at least title-length Chinese characters opening the line, repeated at once with
    nothing between the copies but blanks, or a word that is a site's or an advert's alone
    (在全县工作会议上的讲话范文在全县工作会议上的讲话同志们：): (start, end, the run, copies); the
    span start..end holds every copy but the last, with what stands between them."""
    start = len(line) - len(line.lstrip(BLANK))
    run = TITLE_RUN.match(line, start)  # (a title may hold its year: 2021年中学秋季开学典礼主持词)
    if run is None or len(HAN.findall(run.group())) < opts.title_len:
        return None
    # where the second copy may start: the first character again, after a first copy of at least
    # title-length characters and a word of at most FILLER characters, then blanks
    q = start + opts.title_len
    while q >= 0:
        found = line.find(line[start], q, min(run.end(), start + MAX_TITLE + FILLER))
        if found < 0:  # the copies may stand apart, blanks between them
            found = _skip_blanks(line, run.end()) if run.end() < len(line) and line[run.end()] in BLANK else -1
            if found >= len(line) or line[found] != line[start]:
                return None
            q = -1  # the last place to try
        else:
            q = found + 1
        before = line[start:found].rstrip(BLANK)
        for k in range(min(FILLER, len(before) - opts.title_len) + 1):
            title, filler = before[:len(before) - k], before[len(before) - k:]
            if not line.startswith(title, found) or len(set(title)) < DISTINCT or (
                    k and not any(kind in COUNTED and p.fullmatch(filler) for kind, p in opts.evidence)):
                continue
            at, copies = found, 2
            while True:  # further copies with the same word and blanks between
                nxt = at + len(title)
                if not line.startswith(filler, nxt):
                    break
                nxt = _skip_blanks(line, nxt + k)
                if not line.startswith(title, nxt):
                    break
                at, copies = nxt, copies + 1
            return start, at, title, copies
    return None


def _skip_blanks(line: str, at: int) -> int:
    while at < len(line) and line[at] in BLANK:
        at += 1
    return at


def wedged(opts: Options, line: str, readings: Optional[List[Tuple[int, int]]] = None) -> List[Tuple[int, int]]:
    """Spans that a site wedged into the line: watermarks and anti-copying strings (a title
    glued onto a line is found by its place, see _glued). The watermarks are also looked for in
    the line read without a converter's readings (讀書活動總結(jié)1 is 讀書活動總結1; readings:
    their spans, if known), each span taken back to the line as written."""
    found = jammers(line) + _matches(opts.watermark, opts.watermark_keys, line)
    if readings is None:
        readings = _matches(opts.readings, opts.readings_keys, line)
    if readings:
        kept = _kept(_merged(sorted(readings)), len(line))
        plain = "".join(line[i] for i in kept)
        found += [(kept[a], kept[b - 1] + 1) for a, b in _matches(opts.watermark, opts.watermark_keys, plain)]
    return _merged(sorted(found))


def _kept(spans: List[Tuple[int, int]], length: int) -> List[int]:
    """The positions of a line of this length outside the spans (sorted, apart)."""
    return [i for a, b in zip([0] + [b for _, b in spans], [a for a, _ in spans] + [length]) for i in range(a, b)]


def _matches(marks, index: patterns.NeedsIndex, line: str) -> List[Tuple[int, int]]:
    """The spans of marks (watermarks, a converter's readings) in line, each pattern tried only
    where its required characters are (index: their needs, see patterns.NeedsIndex)."""
    spans: List[Tuple[int, int]] = []
    for k in index.meeting(line):
        mark = marks[k]
        lead = "lead" in mark.groupindex  # a lookbehind's group: part of the span
        spans += [(m.start("lead") if lead and m.start("lead") >= 0 else m.start(), m.end())
                  for m in mark.finditer(line) if m.end() > m.start()]
    return spans


def _merged(spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Sorted spans with the overlapping ones joined."""
    merged: List[Tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


@dataclass(frozen=True)
class Verdict:
    score: float
    first: Optional[Tuple[int, int]]  # the first piece of evidence (start, end)
    spans: Tuple[Tuple[int, int], ...]  # wedged spans, reported on their own when the rest is text
    kinds: FrozenSet[str] = frozenset()  # the kinds of evidence found


def catalogue(text: str) -> bool:
    """Is text a shop's list of books or courses run into one line (《…》作者某某《…》作者某某…)?"""
    titles = list(BOOK.finditer(text))
    if len(titles) < CATALOGUE_TITLES:
        return False
    outside = [text[:titles[0].start()], text[titles[-1].end():]]
    credits = [text[a.end():b.start()].strip(BLANK) for a, b in zip(titles, titles[1:])]
    if any(len(part.strip(BLANK)) > CREDIT or SENTENCE.search(part) for part in outside):
        return False
    return all(2 <= len(c) <= CREDIT and CREDIT_TEXT.fullmatch(c) and len(regex.findall(r"[\p{Han}A-Za-z]", c)) >= 2
               and not VOLUME.search(c) for c in credits)


def cut(text: str) -> bool:
    """Is text (stripped) a title cut off with ... or … (no sentence or clause punctuation, not a
    numbered heading, at least RELATED_HAN Chinese characters besides a date)?"""
    return (len(text) <= ENTRY_LEN and CUT.match(text) is not None and not NUMBERED.match(text)
            and len(HAN.findall(regex.sub(_DATE, "", text))) >= RELATED_HAN)


def entry(text: str) -> bool:
    """Is text (stripped) an entry of a list of related articles: a cut title led by a list mark
    or a date, or ending with a date; or a title with a date in digits after it?"""
    if cut(text):
        return bool(LED.match(text) or CUT.match(text).group("date"))
    return (len(text) <= ENTRY_LEN and DATED.match(text) is not None and not NUMBERED.match(text)
            and len(HAN.findall(text)) >= RELATED_HAN)


def file_name(text: str) -> bool:
    """Does text (stripped) name a file of an office document: a title in 《》 ending with its
    extension, or the whole line a file's name and no numbered item (see FILE_IN_TITLE)?"""
    return bool(FILE_IN_TITLE.search(text) or FILE_LINE.match(text) and not NUMBERED.match(text))


def menu(opts: Options, text: str) -> bool:
    """Is text (stripped) a row of a page's menu or toolbar: MENU_ITEMS items or more of at most
    MENU_ITEM characters apart, one of them a site's or an advert's word alone; or a breadcrumb
    of two items or more that begins with the page's home (首页 理论教育 …)?"""
    items = [item for item in MENU_SEP.split(text) if item]
    # (its home glued onto its first section by a copy that lost the arrows: 首页报告调查报告 内容页)
    if items and items[0].startswith(HOME) and len(items) >= 2 and not CLAUSE.search(text):
        return True
    if items[:1] == [HOME] and (len(items) >= 2 and not CLAUSE.search(text)
                                or len(items) >= 3 and not SENTENCE.search(items[-1])
                                and not any(CLAUSE.search(item) or len(item) > MENU_ITEM for item in items[1:-1])):
        # (its last item the article's title, which may hold a comma, under its sections:
        # 首页 理论教育 述职述廉,加强…; not a row on the site's own pages, 首页 内容更新及时，链接正常 继续保持)
        return True
    if CLAUSE.search(text):
        return False
    if LIBRARY.fullmatch(text):
        return True  # the site's name alone, as its header gives it
    parts = [part.strip(BLANK) for part in TITLE_SEP.split(text)]
    if len(parts) >= 2 and all(parts) and any(SITE_NAME.fullmatch(part) and part not in NETWORKS
                                              for part in (parts[0], parts[-1])):
        return True  # a page's title bar: its title and the site's name, dashes between (…-某某文库)
    words = [any(kind in COUNTED and p.fullmatch(item) for kind, p in opts.evidence) for item in items]
    if items and all(words) and len(items) < MENU_ITEMS and len({item.casefold() for item in items}) == len(items):
        return True  # a button or two alone on a line (分享; 收藏 举报; one word twice is none: VIP vip)
    if len(items) < MENU_ITEMS or any(len(item) > MENU_ITEM for item in items):
        return False
    return any(words)


def title_like(opts: Options, text: str) -> bool:
    """Is text (stripped) a title by its form: no sentence or clause punctuation, no label, not a
    numbered heading, not a part of a 公文, not three or more short words apart (a table's header
    row, 序号 工作任务 牵头单位, repeated on every page), at least title-length Chinese characters?"""
    return (len(text) <= opts.max_len and len(HAN.findall(text)) >= opts.title_len and not CLAUSE.search(text)
            and not NUMBERED.match(text) and not KEYWORDS.match(text) and not _role(text))


def _long_text(opts: Options, rest: str, han: int) -> bool:
    """Is rest a long line of text, which an advert seldom is: longer than max-line-length, with
    more than prose-length Chinese characters or words apart (English prose)? A page's markup or
    an address run into one long string is no text (…/249117"target="_blank"title="百度百科…">)."""
    text = rest.strip(BLANK)
    return len(text) > opts.max_len and (han > opts.prose_len or any(c in BLANK for c in text))


def guide(opts: Options, text: str) -> bool:
    """Does text talk about a kind of document in guide-classes of the ways a generated article
    does (options `guide` and `guide-offer`: 在日常工作中，…是一种常见的文书形式。一份规范的…如何撰写呢？以下
    是…的格式与范文), one of them an offer of its own samples or its closing wish (`guide-offer`, when
    the rule lists any)? One way or two are ordinary prose, and so is a speech on writing that
    offers no sample (如何写好公文？下面我讲几点意见)."""
    offered = any(offer.search(text) for offer in opts.guide_offer)
    if opts.guide_offer and not offered:
        return False
    need = opts.guide_classes - offered  # (the offers are one of the ways, however many the line holds)
    left = len(opts.guide)
    for way in opts.guide:
        if need <= 0 or left < need:
            break
        left -= 1
        if way.search(text):
            need -= 1
    return need <= 0


def judge(opts: Options, line: str, at_edge: bool, in_prose: bool = False,
          context: Tuple[Tuple[str, float], ...] = (), glued: Tuple[Tuple[int, int], ...] = (),
          framed: bool = False, station: bool = False) -> Verdict:
    """The score of one line; in_prose: it is part of a paragraph of prose broken over lines;
    context: the kinds of evidence the document gives it (related, repeat), each with the share
    of its weight; glued: spans of a title glued onto it; framed: it stands in a signed notice
    (see _frame), where the words public service shares with adverts count for nothing; station:
    the text's title names a station (see STATION), which its 本站 is, as is the 本站 of a line
    that names one."""
    text = line.strip(BLANK)
    if not text or (opts.exceptions is not None and opts.exceptions.search(text)):
        return Verdict(0.0, None, ())
    line = fold(line)  # 相關文章 is 相关文章
    left = _matches(opts.readings, opts.readings_keys, line)
    spans = wedged(opts, line, left)
    if glued:
        spans = _merged(sorted(spans + list(glued)))
    # the line without what the site wedged into it and what a converter left, read as one text
    # (相關(guān)文章 is 相关文章); kept[i]: where the i-th character of rest stands in the line
    # (only where something was wedged: a list of every position of every line was a fifth of a
    # run's time on clean prose)
    hidden = _merged(sorted(spans + left)) if left else spans
    kept = _kept(hidden, len(line)) if hidden else []
    rest = "".join(line[i] for i in kept) if hidden else line
    if len(rest) > LONG * max(opts.max_len, 1):
        return Verdict(0.0, None, tuple(spans))  # a line this long is no advert; only its wedged spans count
    role = _role(rest)
    official = bool(STATEMENT.search(rest) and OFFICIAL_SITE.search(line))  # (an address may be taken for a jammer)
    score, first, kinds = 0.0, None, set()
    for kind, pattern in opts.evidence:
        if kind == "contact" and (role or framed):
            continue  # a 公文's own contact line; a signed notice's (or a table's) service channels
        found = {}
        for m in pattern.finditer(rest):
            if m.end() > m.start():
                found.setdefault(m.group().lower(), (kept[m.start()], kept[m.end() - 1] + 1) if hidden else m.span())
        if official:
            # a government's address, and the prompts that send the reader there (点击下载,
            # 下载本文件, 欢迎参阅), are the notice's own; a site's words of itself still count
            dropped = GOV_ADDRESS if kind == "contact" else PROMPT if kind == "site" else None
            if dropped is not None:
                found = {k: v for k, v in found.items() if not dropped.search(k)}
        if kind == "site" and "本站" in found and (station or STATION.search(rest)) and not WEB.search(rest):
            found = {k: v for k, v in found.items() if k != "本站"}
        if framed and kind in ("site", "ad"):
            found = {k: v for k, v in found.items()
                     if SITE_TEXTS.search(k) or not (SERVICE if kind == "site" else SERVICE_AD).search(k)}
        if not found:
            continue
        score += opts.weights[kind] * (len(found) if kind in COUNTED else 1)
        kinds.add(kind)
        first = min([*found.values(), *([first] if first else [])], key=lambda span: (span[0], -span[1]))
    # the forms of a line that a site's furniture takes: the whole line (what is left of it) is the evidence
    forms = dict(context) if rest.strip(BLANK) else {}
    if not role and catalogue(rest.strip(BLANK)):
        forms["catalogue"] = 1.0
    if not role and cut(rest.strip(BLANK)):
        forms["cut"] = 1.0
    bare = rest.strip(BLANK)
    if not role and file_name(bare):
        forms["file"] = 1.0
    if not role and not framed and menu(opts, bare):
        forms["menu"] = 1.0
    if not role and len(bare) <= opts.max_len and not SENTENCE.search(bare) and STAMP.search(bare):
        forms["stamp"] = 1.0
    if not role and (opts.guide or opts.guide_offer) and guide(opts, bare):
        forms["guide"] = 1.0
    # (advertising words with 您 are a letter's too: 请您关注, 立即拨打; a site's words are a shop's)
    if (kinds - {"ad"} or forms) and not framed and ADDRESS.search(bare):
        forms["address"] = 1.0
    for kind, share in sorted(forms.items()):
        score += opts.weights[kind] * share
        kinds.add(kind)
        lead, trail = len(rest) - len(rest.lstrip(BLANK)), len(rest.rstrip(BLANK))
        first = first or ((kept[lead], kept[trail - 1] + 1) if hidden else (lead, trail))
    han = len(HAN.findall(rest))
    junk = bool(spans) and han < 2
    if junk:  # nothing but what the site put there
        score += opts.weights["watermark"]
        kinds.add("watermark")
        first = min([spans[0], *([first] if first else [])], key=lambda span: (span[0], -span[1]))
        spans = []
    elif (spans and not role and bare[:1] in LIST_MARKS
          and title_like(opts, bare.lstrip("".join(LIST_MARKS) + BLANK))):
        # an entry of a list of the site's texts, the site's mark wedged into its title
        # (- 2025公司节能减排倡议书(优选10篇)): the whole entry is the site's
        score += opts.weights["related"]
        kinds.add("related")
        first = (len(line) - len(line.lstrip(BLANK)), len(line.rstrip(BLANK)))
        spans = []
    if score > 0 and at_edge and not framed and not STATEMENT.search(rest):
        score += opts.weights["edge"]
    # (a site's numbered notice is the site's, written as a sentence or not; so is the opening
    # paragraph in which a site asks its reader a question and answers with its own texts)
    # (a line of nothing but an anti-copying string's pieces is no prose, however it stands
    # between the lines of a paragraph, and no English for its blanks)
    if ("notice" not in forms and "extract" not in forms and not junk
            and not (at_edge and "site" in kinds and INTRO.search(rest))
            and (in_prose or han > opts.prose_len and SENTENCE.search(rest) or _long_text(opts, rest, han))):
        score -= opts.weights["prose"]
    return Verdict(score, first, tuple(spans), frozenset(kinds))


# A notice signed and dated at its bottom (江州市政务服务中心 / 2024年6月28日) is a document from its
# addressee (尊敬的办事群众：, 各有关单位：, near its top) or, without one, from its first sentence
# without evidence, and the title right above either (温馨提示), to its date: its lines
# speak to the public of its own channels (“江州政务服务”微信公众号, 免费下载、免费使用, 点击APP内
# “在线客服”, 客服电话), which an advert's words, a contact, 您, a place at the edge or the words of
# SERVICE do not make a site's; a site's own words (本站, 小编, 下载本文) and its wedged marks still
# count.
FRAME_TOP = 4  # the addressee stands among the first FRAME_TOP non-blank lines
FRAME_BOTTOM = 4  # the 署名 and the 成文日期 among the last FRAME_BOTTOM
FRAME_SENTENCE = 10  # without an addressee, the frame opens at a sentence of more Chinese characters than this
FRAME_HEAD = 3  # lines above the addressee (the title, the 发文字号 or a date under the title) taken into the frame


def _frame(lines, verdicts) -> List[int]:
    """The lines of a notice signed and dated (see FRAME_TOP): from its addressee's line, or without
    one its first sentence without evidence, and the title right above either, to its date."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    tail = nonblank[-FRAME_BOTTOM:]
    dated = [b for a, b in zip(tail, tail[1:])
             if _role(lines[a].strip(BLANK)) == "signature" and _role(lines[b].strip(BLANK)) == "date"]
    if not dated:
        return []
    end = nonblank.index(dated[-1]) + 1
    top = next((k for k, no in enumerate(nonblank[:FRAME_TOP]) if _role(lines[no].strip(BLANK)) == "addressee"), None)
    if top is None:  # the text's first sentence
        top = next((k for k, no in enumerate(nonblank[:end]) if verdicts[no].score <= 0
                    and SENTENCE.search(lines[no]) and len(HAN.findall(lines[no])) > FRAME_SENTENCE), None)
        if top is None:
            return []
    # and the title above it (温馨提示), with the 发文字号 between (江政办发〔2025〕3号), not the lines above
    for _ in range(FRAME_HEAD):
        if top > 0 and (_short_title(lines[nonblank[top - 1]]) or _role(lines[nonblank[top - 1]].strip(BLANK))):
            top -= 1
            if not _role(lines[nonblank[top]].strip(BLANK)):
                break  # the title: the page's lines above it are judged as any other
    return nonblank[top:end]


def _short_title(line: str) -> bool:
    """A title by its punctuation alone, however short (温馨提示; title_like asks title-length
    characters of a page's repeated titles)."""
    text = line.strip(BLANK)
    return 0 < len(text) <= MAX_TITLE and not CLAUSE.search(text)


def _signed_dates(lines) -> List[int]:
    """The lines that hold a date in digits alone (2011-08-11) right under a 发文机关署名 (市公交公司):
    the document's 成文日期 as a web page writes it, not the page's stamp."""
    out = []
    last = None
    for no, line in enumerate(lines):
        text = line.strip(BLANK)
        if not text:
            continue
        if last is not None and DIGIT_DATE.match(text) and _role(lines[last]) == "signature":
            out.append(no)
        last = no
    return out


# the parts of a 公文 under which its attachments follow, as a government's page links them by their
# files' names (…联系电话：… / 通讯地址：… / 2020年2月份.xlsx)
ATTACHED_UNDER = ("attachment", "contact", "signature", "date", "copy-to", "issued")


def _attached_files(opts: Options, lines, verdicts) -> List[int]:
    """The lines that end the text with files' names alone (see file_name), right under a part
    of a 公文 (ATTACHED_UNDER), on a page where no other line is found the site's nor holds a
    mark it wedged in, with no evidence in them but their form, and none the name of a line
    above (the page's file of the text itself: 关于做好防汛工作的通知.docx under the notice of
    that title): the document's attachments as a page links them. (下载：工作总结.docx at the top
    gives away the one at the bottom.)"""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    k = len(nonblank)
    while k > 0 and file_name(lines[nonblank[k - 1]].strip(BLANK)):
        k -= 1
    if k == len(nonblank) or k == 0 or _role(lines[nonblank[k - 1]].strip(BLANK)) not in ATTACHED_UNDER:
        return []
    files = nonblank[k:]
    above = {fold(lines[no].strip(BLANK)) for no in nonblank[:k]}
    if (any(verdicts[no].score >= opts.threshold or verdicts[no].spans for no in nonblank[:k])
            or any(verdicts[no].kinds - {"file"} for no in files)  # (工作总结范文.docx: the site's words)
            or any(fold(FILE_END.sub("", lines[no].strip(BLANK))).strip(BLANK) in above for no in files)):
        return []
    return files


def _reading_lists(lines) -> List[int]:
    """The headings of a text's own reading list (推荐阅读：, 延伸阅读) : a short heading of related
    reading with the titles of books alone on the next lines (《之江新语》), not a site's list of
    its articles."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    out = []
    for i, no in enumerate(nonblank[:-READING_BOOKS]):
        text = lines[no].strip(BLANK)
        if (len(text) <= RELATED_HEAD_LEN and RELATED_HEAD.search(fold(text))
                and all(BOOK_ALONE.match(lines[k].strip(BLANK)) for k in nonblank[i + 1:i + 1 + READING_BOOKS])):
            out.append(no)
    return out


def _edge_lines(lines, edge: int) -> set:
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    return set(nonblank[:edge]) | set(nonblank[-edge:] if edge else [])


# the readers a salutation names (各位家长：, 尊敬的各位代表：, 同志们：, 各乡镇人民政府：)
READER = patterns.compiled(r"各位|尊敬|亲爱|敬爱|们|同志|朋友|家长|领导|来宾|嘉宾|代表|老师|同学|群众|市民|居民|村民|职工|"
                           r"单位|部门|政府|委员会|党委|机关|局|办|厅|处|公司|学校|中心")


# the labels of a page's fields, alone on their lines, which have a salutation's form (字号：, 时间：)
FIELD_LABEL = patterns.compiled(r"^[\s\u3000]*(?:字号|字体|作者|来源|编辑|分类|栏目|标签)[\s\u3000]*[:：][\s\u3000]*$")


def _addressee(text: str) -> bool:
    """Is text a salutation that opens a text (同志们：, 各乡镇人民政府：, 读者：)? A page's field label
    alone (字号：, 作者：) is none."""
    return _role(text) == "addressee" and not FIELD_LABEL.match(fold(text))


def _opening(lines, verdicts, prose_len: int) -> int:
    """The line that opens the document's text: its salutation (同志们：) or its first sentence,
    without any evidence of a site (快捷下载时，用户名和密码都是…。 is the site's, its prose
    notwithstanding), and not wedged into the site's text: a line between one with evidence
    above it and one found by its evidence below (the site's notes to its customer: 如填写123，
    账号就是123。 between 快捷下载时… and 支付方式：支付宝 微信支付), or a label in a salutation's form so
    wedged (特殊限制：), opens nothing unless it is a paragraph of prose (more than prose_len Chinese
    characters); len(lines) if there is none."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    for i, no in enumerate(nonblank):
        text = lines[no].strip(BLANK)
        if verdicts[no].score > 0 or verdicts[no].kinds or not (SENTENCE_ANY.search(text) or _addressee(text)):
            continue
        if (0 < i < len(nonblank) - 1 and verdicts[nonblank[i - 1]].kinds
                and verdicts[nonblank[i + 1]].score > 0 and len(HAN.findall(text)) <= prose_len
                and (SENTENCE_ANY.search(text) or not READER.search(text))):
            # (a paragraph of prose opens the text wherever it stands; a short sentence or a label
            # between the site's lines, 特殊限制： between 如PPT文件的首页显示word图标… and 部分文档作品
            # 中含有的国旗…，禁止商用, is the site's note; a salutation that names its readers, 各位家长：,
            # opens the text however the site's lines stand around it)
            continue
        return no
    return len(lines)


def _head(lines, opening: int, verdicts, furnished: FrozenSet[int],
          crumbs: List[Tuple[int, List[str]]]) -> Tuple[Optional[int], FrozenSet[int]]:
    """The document's own title, by its place: going up from the opening, the first run of lines
    without evidence that are not sentences, labels, headings of a menu (see _heads_list), lead-ins to a list (…如下：), notes in
    brackets, numbered headings, rows of a table (| 张三 | 90 |) or of entries between bars (see _bar_row), parts of a 公文 or a page's furniture (see _serial, _tag_runs),
    with at least HEAD_HAN Chinese characters (a title, its subtitle, its byline; a part of a 公文
    such as a date may stand among them, and so may the article's stamp and tags between its title
    and its text), and of these the longest, the lowest of equals, but before all the title that
    a breadcrumb above ends with (see _crumbed); and the lines of the run that are the document's
    own: that one, and each line whose text the run gives once (a title shorter than its
    subtitle; a text given more than once above the opening is the page's title bar)."""
    run: List[int] = []
    for no in range(min(opening, len(lines)) - 1, -1, -1):
        text = lines[no].strip(BLANK)
        if not text:
            continue
        if verdicts[no].score > 0 and ("stamp" in verdicts[no].kinds or LABEL.match(text)):
            continue  # the article's stamp or tags between its title and its text (编辑：… 2017-04-26) end no run
        if (verdicts[no].score <= 0 and len(HAN.findall(text)) >= HEAD_HAN and not SENTENCE.search(text)
                and no not in furnished
                and not BRACKETED.match(text) and not BRACKET_LABEL.match(text) and not text.endswith(("：", ":"))
                and not LABEL.match(text) and not NUMBERED.match(text) and not _role(text)
                and not TABLE_ROW.match(text) and not _bar_row(text)
                and not _entry_of_list(lines, no) and not _heads_list(lines, no)):
            run.append(no)
        elif run and not _role(text):
            break
    crumbed = _crumbed(lines, opening, verdicts, furnished, crumbs)
    if crumbed is not None:  # the breadcrumb's title, and the lines of the run that do not repeat it
        title = fold(lines[crumbed].strip(BLANK))
        return crumbed, frozenset([crumbed] + [no for no in run if fold(lines[no].strip(BLANK)) != title])
    if not run:
        return None, frozenset()
    head = max(run, key=lambda no: (len(HAN.findall(lines[no])), no))
    texts = [fold(lines[no].strip(BLANK)) for no in run]
    given = Counter(texts)
    return head, frozenset([head] + [no for no, text in zip(run, texts) if given[text] == 1])


def _bar_row(text: str) -> Optional[List[str]]:
    """The entries of a row between bars, the last closed by a bar too (保护环境倡议书 | 垃圾分类倡议书 |);
    None for a title with bars in it (学习贯彻纪律处分条例|严查违规吃喝, 学党史｜悟思想｜办实事)."""
    if not text.rstrip(BLANK).endswith(("|", "｜")):
        return None
    # (split at the bars and stripped, not by a pattern with the blanks around a bar: on a line of
    # thousands of blanks without a bar after them that took seconds)
    parts = [part.strip(BLANK) for part in text.strip(BLANK).replace("｜", "|").split("|")]
    parts = [part for part in parts if part]
    return parts if len(parts) >= 2 else None


def _heads_list(lines, no: int) -> bool:
    """Is line no the heading of a menu or a list of entries (全部分类 over • 临时分类>, • IT计算机>)?
    A title heads a text, not a menu."""
    k = next((k for k in range(no + 1, len(lines)) if lines[k].strip(BLANK)), None)
    return k is not None and _entry_of_list(lines, k)


CRUMBS_READ = 3  # breadcrumbs read above the opening, at most: a page has one (each is read to the opening)


def _crumbs(lines, opening: int) -> Iterator[Tuple[int, List[str]]]:
    """The first CRUMBS_READ breadcrumbs above the opening (首页 > 总结 > 述职报告), each with its
    items after the first. (Every line of a page of 20,000 breadcrumbs, each read to the opening,
    took minutes.)"""
    read = 0
    for no in range(min(opening, len(lines))):
        if read >= CRUMBS_READ:
            return
        parts = [part.strip(BLANK) for part in CRUMB_SEP.split(fold(lines[no].strip(BLANK)))]
        if len(parts) >= 3 and parts[-1]:
            read += 1
            yield no, parts[1:]


def _categories(lines, opening: int, verdicts, crumbs: List[Tuple[int, List[str]]]) -> FrozenSet[int]:
    """The category a page is filed under, given again under its breadcrumb (首页 > 总结 > 述职报告 /
    水利局局长述职报告 / 2021-03-15 10:12:33 / 述职报告 / 分享到：): a line below the breadcrumb
    that gives its last item, with a site's line right under it, where a line between them is a
    fuller title of the same ending, its characters in their order, and no field (水利局局长述职报告,
    园林局年终工作总结 for 年终总结; not 名称：…的通知). The breadcrumb ends with the category, not with the
    title of its article (see _crumbed). A copy with the text's own lines under it (a subtitle, an
    addressee) is the document's title, however a page's title above it words it."""
    out = set()
    end = min(opening, len(lines))
    nonblank = [no for no in range(end + 1) if no < len(lines) and lines[no].strip(BLANK)]
    for no, items in crumbs:
        last = items[-1]
        texts = {below: fold(lines[below].strip(BLANK)) for below in nonblank
                 if no < below < end and verdicts[below].score <= 0}
        if not any(len(text) > len(last) and text.endswith(last[-2:]) and _within(last, text)
                   and "：" not in text and ":" not in text for text in texts.values()):
            continue
        for k, below in enumerate(nonblank):
            if texts.get(below) != last:
                continue
            # the site's lines right under it, then the text's next line: no subtitle (——…), speaker,
            # date in brackets or addressee of a title's (扫一扫 / ——2024年1月10日在…会议上)
            under = list(itertools.takewhile(
                lambda no: no != opening and (verdicts[no].score > 0 or _counter(lines[no])
                                              or READ_COUNTER.match(lines[no].strip(BLANK)) is not None),
                nonblank[k + 1:]))
            after = nonblank[k + 1 + len(under)] if k + 1 + len(under) < len(nonblank) else None
            if under and not (after is not None and after != opening and _under_title(lines[after])):
                out.add(below)
    return frozenset(out)


# what stands under a title of the text's own: its subtitle (——在…会议上), its date in brackets
UNDER_TITLE = patterns.compiled(r"^[\s\u3000]*(?:[—－-]{1,2}|[（(][^（()）]{0,20}[0-9一二三四五六七八九十〇]{1,4}年)")
# and a speaker's office and name (县长　李明, 市委书记 张 三)
SPEAKER = patterns.compiled(r"^\p{Han}{0,8}(?:长|书记|主任|主席|委员|代表)[ \t\u3000]+\p{Han}[ \t\u3000]{0,2}\p{Han}{1,3}$")


def _under_title(text: str) -> bool:
    """Is text a line that stands under a document's title: a subtitle, a date in brackets, an
    addressee (各位代表：), or a speaker's name and office (县长　李明)?"""
    bare = text.strip(BLANK)
    return bool(UNDER_TITLE.match(bare) or _role(bare) or SPEAKER.match(bare))


def _within(short: str, text: str) -> bool:
    """Are short's characters in text, in their order (年终总结 in 园林局年终工作总结)?"""
    rest = iter(text)
    return all(ch in rest for ch in short)


def _crumbed(lines, opening: int, verdicts, furnished: FrozenSet[int],
             crumbs: List[Tuple[int, List[str]]]) -> Optional[int]:
    """The title that a breadcrumb above the opening ends with (首页 > 观点 > 某某文章 / 某某文章):
    the lowest line below the breadcrumb, above the opening, without evidence, whose text is the
    breadcrumb's last item. The page names its article there; a page that gives the title again
    under its stamp (title / 时间:… / title / the text) heads the text with the lower copy, unless
    that copy stands under the text's first numbered heading (一、… / title / （一）…: a running head)."""
    for no, items in crumbs:
        last = items[-1]
        # (above the text's first numbered heading: a copy under 一、… is the text's running head)
        end = next((below for below in range(no + 1, min(opening, len(lines)))
                    if NUMBERED.match(lines[below].strip(BLANK)) and verdicts[below].score <= 0), opening)
        copies = [below for below in range(no + 1, min(end, len(lines)))
                  if fold(lines[below].strip(BLANK)) == last and verdicts[below].score <= 0
                  and below not in furnished]
        if copies:
            return copies[-1]
    return None


def _titles(opts: Options, lines, opening: int, own: FrozenSet[int], verdicts,
            furnished: FrozenSet[int] = frozenset()) -> List[Tuple[List[int], float]]:
    """The groups of lines that repeat one title (see `repeat`), one copy of them above the
    opening besides the document's own title (own, see _head: a refrain or a running header that
    repeats the title below the opening is the text's) that stands in the page's title bar (see
    _title_bar), less the copies that head the document, each with the share of the weight its
    copies give: the whole from `copies` copies on, half for two. A line repeated next to other
    repeated lines is part of a repeated block (a table's header row), not a title."""
    texts = {no: fold(line.strip(BLANK)) for no, line in enumerate(lines) if line.strip(BLANK)}
    seen: Dict[str, int] = {}
    for text in texts.values():
        seen[text] = seen.get(text, 0) + 1
    order = sorted(texts)
    place = {no: i for i, no in enumerate(order)}
    groups: Dict[str, List[Tuple[int, int]]] = {}
    for no, text in texts.items():
        if len(text) > opts.max_len:
            continue
        twice = doubled(opts, text)
        title, count = (twice[2], twice[3]) if twice and text[twice[1]:] == twice[2] else (text, 1)
        if title_like(opts, title):
            groups.setdefault(title, []).append((no, count))
    out = []
    on_site = any(v.score >= opts.threshold for v in verdicts.values())  # a line of a site's own, somewhere
    for title, copies in groups.items():
        total = sum(count for _, count in copies)
        if total < 2:
            continue
        neighbours = {texts[order[place[no] + step]] for no, _ in copies for step in (-1, 1)
                      if 0 <= place[no] + step < len(order) and verdicts[order[place[no] + step]].score <= 0}
        if any(seen[text] > 1 and text != title for text in neighbours):
            continue  # a row of a table's header, repeated with the rest of the row (not the site's lines)
        # on a site's page, the title given again on the very next line above the text (the page's
        # heading over the document's): every copy but the last of the pair is the page's, however far down the
        # page's header goes; but not a 公文's title over its 发文字号 or 主送机关, nor a law's over its
        # note in brackets (（2019年3月15日…通过）): a legal database gives the title it holds twice
        lines_of = {no for no, _ in copies}
        above = [no for no, count in copies if on_site and count == 1 and no < opening and no not in own
                 and place[no] + 1 < len(order) and order[place[no] + 1] in lines_of
                 and not (place[no] + 2 < len(order) and (_role(lines[order[place[no] + 2]])
                                                          or BRACKETED.match(texts[order[place[no] + 2]])))]
        if any(no < opening and place[no] < TOP and no not in own
               and _title_bar(no, count, copies, opening, lines, verdicts, furnished) for no, count in copies):
            share = 1.0 if total >= opts.copies else 0.5
            lower = {order[place[no] + 1] for no in above}  # the document's heading, of a title given twice
            taken = set(above)  # (a set: a page of thousands of copies took a list's search each)
            out.append(([no for no, _ in copies if no not in own and no not in taken
                         and (no not in lower or total >= opts.copies)], share))
        if above:
            out.append((above, 1.0))
    return out


def _title_bar(no: int, count: int, copies: List[Tuple[int, int]], opening: int, lines, verdicts,
               furnished: FrozenSet[int] = frozenset()) -> bool:
    """Does the copy of a title on line no stand in the page's title bar: the title given twice on
    the line, or nothing between it and the nearest other copy (up to the opening) but lines with
    evidence of their own (发布时间：…, 当前位置：…), label lines and keyword lines? A cover page
    gives its title, then the author and the date, then the title again above the text."""
    if count > 1:
        return True
    others = [other for other, _ in copies if other != no]
    nearest = min(others, key=lambda other: abs(other - no))
    between = range(no + 1, min(nearest, opening)) if nearest > no else range(nearest + 1, no)
    return all(verdicts[k].score > 0 or k in furnished or _furniture(lines[k].strip(BLANK))
               for k in between if k in verdicts)


def _sited(verdict: Verdict) -> bool:
    """Has a line evidence of a site's of its own: more than an advert's word that a notice's
    sentence may hold too (举办…培训班, 免费)?"""
    return verdict.score > 0 and bool(verdict.kinds - {"ad"} or verdict.spans)


def _related(lines, verdicts) -> set:
    """Lines of a list of related articles: two or more entries (see `entry`) in a row that stand
    outside the text: next to a line with evidence of its own (相关文章, 热门资料, the site's other
    lines; see _sited), or at the top or the bottom of the page when one of them is a title cut off (a list
    of honours or documents with their dates may end a text). A list of projects or documents
    with their dates inside the text, between its headings and sentences, is the text's own."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    texts = [fold(lines[no].strip(BLANK)) for no in nonblank]
    entries = [entry(text) for text in texts]
    out: set = set()
    i = 0
    while i < len(nonblank):
        j = i
        while j < len(nonblank) and entries[j]:
            j += 1
        edge = any(cut(text) for text in texts[i:j])
        if j - i >= 2 and any(edge if not 0 <= k < len(nonblank) else _sited(verdicts[nonblank[k]])
                              for k in (i - 1, j)):
            out.update(nonblank[i:j])
        i = j + 1 if j == i else j
    # the entries under a heading of related articles with evidence of its own (【表扬信格式】相关
    # 文章：), down to the page's end: titles by their form, numbered or not (1.表扬信格式范文), no
    # statement among them (a title may ask: 君山银针属于什么茶？), no part of a 公文 (联系人：…, a signature, a date) and no title of a book
    # alone (a text that goes on after such a heading, a numbered heading of the text's own, 二、相关
    # 资料下载, or a reading list, 推荐阅读书目：《…》, is the text's own)
    # (read from the page's end once: whether every line from j on can be an entry, and whether one
    # of them has evidence of a kind other than an advert's word, so that each heading costs nothing)
    n = len(nonblank)
    heads = [i for i in range(n) if len(texts[i]) <= RELATED_HEAD_LEN and not NUMBERED.match(texts[i])
             and (RELATED_HEAD.search(texts[i]) or RELATED_HEAD_ALONE.match(texts[i]))]
    if not heads:
        return out
    entries_from, evidence_from = [True] * (n + 1), [False] * (n + 1)
    for j in range(n - 1, heads[0], -1):
        t = texts[j]
        entries_from[j] = entries_from[j + 1] and (len(t) <= RELATED_ENTRY_LEN and not STATEMENT.search(t)
                                                   and len(HAN.findall(t)) >= 2 and not _role(t) and not BOOK_ALONE.match(t))
        evidence_from[j] = evidence_from[j + 1] or bool(verdicts[nonblank[j]].kinds - {"ad"})
    for i in heads:
        no = nonblank[i]
        if (n - i > 2 and entries_from[i + 1]
                and (RELATED_HEAD.search(texts[i]) and verdicts[no].score > 0
                     # a heading of a word that a text uses too (相关资料：) heads entries with evidence
                     # of their own, other than an advert's word (诚信承诺书模板 is a notice's file)
                     or RELATED_HEAD_ALONE.match(texts[i]) and evidence_from[i + 1])):
            out.update(nonblank[i + 1:])
            break
    return out


TITLE_LIST = 3  # titles naming a kind of document in a list of a site's other documents, at least
TITLE_LIST_GAP = 2  # other titles in a row between two of them (锣鼓书目前的传承机制), at most


def _title_list(lines, verdicts, own: FrozenSet[int], opening: int) -> set:
    """Lines of a list of the site's other documents: TITLE_LIST or more titles in a row, one a
    line, that name a kind of document at their end (当前农村现状调研报告 / 下乡期间调研报告 /
    服装市场调研报告; or two or more a line between bars: 保护环境倡议书 | 垃圾分类倡议书 |), with at most TITLE_LIST_GAP other titles in a row between two of them, next
    to a line with evidence of its own (第1篇:…调研报告范文 above it, 相关文档 below). A title is
    short, has no clause punctuation, no label, no number of an item (a 公文 numbers the documents
    it lists: 附件：1.…实施方案) and is no part of a 公文; the document's own title is no entry. (When
    what _head takes for the title's lines counts TITLE_LIST lines or more, the run above the text
    is such a list, whose longest entry is no title: the title is then the line above the opening.)"""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    texts = [fold(lines[no].strip(BLANK)) for no in nonblank]
    if len(own) >= TITLE_LIST:
        own = frozenset([max((no for no in nonblank if no < opening), default=-1)])

    # a line may give its titles in a row between bars (倡议书的格式 | 捐款倡议书 |)
    rows = [_bar_row(t) or [t] for t in texts]

    def title(i: int) -> bool:  # (a title may end like a 公文's part, …之人力资源部: such a line goes on the list but is not marked)
        return nonblank[i] not in own and all(
            len(t) <= RELATED_ENTRY_LEN and len(HAN.findall(t)) >= RELATED_HAN
            and not CLAUSE.search(t) and not NUMBERED.match(t) and not KEYWORDS.match(t) for t in rows[i])

    def of_kind(i: int) -> bool:
        return any(TITLE_OF_KIND.search(t) for t in rows[i]) and not _role(texts[i])

    out: set = set()
    i, n = 0, len(nonblank)
    while i < n:
        if not (title(i) and of_kind(i)):
            i += 1
            continue
        kinds, j, last = [i], i + 1, i
        while j < n and title(j) and j - last <= TITLE_LIST_GAP + 1:
            if of_kind(j):
                kinds.append(j)
                last = j
            j += 1
        if len(kinds) >= TITLE_LIST and any(0 <= k < n and _sited(verdicts[nonblank[k]])
                                            and (verdicts[nonblank[k]].kinds - {"ad", "contact"} or verdicts[nonblank[k]].spans)
                                            for k in (i - 1, last + 1)):  # (a sentence's e-mail is the text's)
            out.update(nonblank[k] for k in range(i, last + 1) if not _role(texts[k]))
        i = last + 1
    return out


def _number(m) -> int:
    """The number of an item's mark (NOTICE_MARK): 2 for 2. and for ②."""
    return int(m.group("n")) if m.group("n") else ord(m.group("c")) - ord("①") + 1


def _notices(lines, verdicts, edge: int, prose_len: int) -> set:
    """Lines of a site's numbered notices (1. 部分文件预览时可能显示异常… 2. 本文档由用户上传…,
    a bullet before the number or not: - 3、如文档侵犯您的权益…):
    two or more lines in a row numbered n, n + 1, n + 2 … (from 1, or from where the page's excerpt
    begins), one of them at least with a site's own wording
    and at least half of them with some evidence, the list standing outside the text: at the top
    of the page (it begins at or above the opening of the text, found from the lines judged
    alone: a notice written as a sentence may pass for it), at its bottom (it ends among its last
    `edge` non-blank lines), or under a line with evidence of its own (温馨提示：, 下载须知：).
    Each notice is the site's whatever its form (a sentence, or none of the site's words)."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    opening = _opening(lines, verdicts, prose_len)
    marks = [NOTICE_MARK.match(lines[no]) for no in nonblank]
    out: set = set()
    i = 0
    while i < len(nonblank):
        # a run that begins past 1 (where the page's excerpt begins) has bullets, or stands under a
        # line with evidence or a short label (友情提示): a document's own list goes on from its
        # items above, a sentence between them (3、报名截止时间…, 4、…)
        if marks[i] is None or _number(marks[i]) != 1 and not (
                marks[i].group("b") or i > 0 and (verdicts[nonblank[i - 1]].kinds or _short_label(lines[nonblank[i - 1]]))):
            i += 1
            continue
        j = i + 1
        while j < len(nonblank) and marks[j] is not None and _number(marks[j]) == _number(marks[i]) + j - i:
            j += 1
        run = nonblank[i:j]
        kinds = [verdicts[no].kinds for no in run]
        if (len(run) >= 2 and any("site" in k for k in kinds) and 2 * sum(bool(k) for k in kinds) >= len(run)
                and (nonblank[i] <= opening or j > len(nonblank) - edge or i > 0 and verdicts[nonblank[i - 1]].kinds)):
            out.update(run)
        i = j
    return out


def _short_label(line: str) -> bool:
    """A short word alone on its line, a colon after it or not, as a site heads its notices
    (友情提示, 下载须知：): a tag's form (TAG), without a digit."""
    text = line.strip(BLANK).rstrip("：:")
    return bool(TAG.match(text)) and not DIGIT.search(text)


def _serial(opts: Options, lines) -> set:
    """Lines that a page repeats with a number counting up (课件.ppt_第1页, 第1页 / 共43页, …, the
    captions and counters of a viewer's pages): the same text but for its numbers, twice or more,
    with another number each time in one place only; not sentences, headings numbered in digits (第1章, 第2章) or
    parts of a 公文 (附件1). A heading numbered in characters may be the caption's text
    (第八讲通知的写作课件_第1页, 第八讲通知的写作课件_第2页)."""
    groups: Dict[str, List[Tuple[int, tuple]]] = {}
    for no, line in enumerate(lines):
        text = fold(line.strip(BLANK))
        numbered = NUMBERED.match(text)
        if (not text or len(text) > opts.max_len or SENTENCE.search(text) or numbered and DIGITS.search(numbered.group())
                or not DIGITS.search(text) or _role(text)):
            continue
        if _sample_title(text):
            continue  # a collection's title over each of its texts, numbered: the title is the text's (see _collection_heads)
        groups.setdefault(DIGITS.sub("#", text), []).append((no, tuple(DIGITS.findall(text))))
    # (a viewer counts one number up, its page; a schedule's lines that differ in their dates and
    # numbers, 第1期…3月11日至3月15日 / 第2期…4月8日至4月12日, are the text's own)
    return {no for group in groups.values() if len(group) >= 2 and len({n for _, n in group}) == len(group)
            and sum(len(set(column)) > 1 for column in zip(*(n for _, n in group))) <= 1
            for no, _ in group}


# the names of a page template's fields left without their values, one a line (type / status /
# date / slug / summary / tags …, a blog's export): KEY_RUN lines or more in a row, blank lines
# apart, each one Latin word, from the first line of a page whose text is Chinese (a list of
# terms under a sentence of the text, Specific / Measurable / …, is the text's own)
KEY = patterns.compiled(r"^[ \t\u3000]*[A-Za-z][A-Za-z0-9_-]{0,19}[ \t\u3000]*$")
KEY_RUN = 5


def _key_runs(lines) -> set:
    """The lines of the run of a template's field names (see KEY) that opens a text that has
    Chinese: read from the first line down to the first that is no name."""
    run: List[int] = []
    for no, line in enumerate(lines):
        if not line.strip(BLANK):
            continue
        if not KEY.match(line):
            break
        run.append(no)
    if len(run) < KEY_RUN or not any(HAN.search(line) for line in lines):
        return set()
    return set(run)


def _tag_runs(lines) -> set:
    """A page's tags, one word a line: TAG_RUN lines or more in a row (blank lines apart), each a
    single word of at most six characters (党课 / 讲稿 / 样子)."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    out: set = set()
    run: List[int] = []
    for no in nonblank + [None]:
        if no is not None and TAG.match(lines[no].strip(BLANK)) and not _role(lines[no].strip(BLANK)):
            run.append(no)
            continue
        if len(run) >= TAG_RUN:
            out.update(run)
        run = []
    return out


def _tag_cloud(lines, runs: set) -> set:
    """A page's tags at its bottom: a run of tags (see _tag_runs) with nothing but blank lines after
    it, TAG_SHARE of whose words the text above writes (党支部 / 记录 / 基层 under an article on the
    records a 党支部 keeps): the site's links to its pages on the text's topics. A document's own
    list at its end stands under its label (附件：, 附：工作专班成员, 成员单位, 抄送：…; see LIST_LABEL),
    or under its first line (附件清单); a site's label of its tags (相关标签：) is none of those."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    tail: List[int] = []
    for no in reversed(nonblank):
        if no not in runs:
            break
        tail.append(no)
    if len(tail) < TAG_RUN or len(tail) == len(nonblank):
        return set()
    # a list under its label: 附件：, 附：工作专班成员, 成员单位, 抄送：…; or under its first line,
    # a word itself (附件清单); not under a site's label of its tags (相关标签：, 热门标签)
    label = lines[nonblank[len(nonblank) - len(tail) - 1]].strip(BLANK)
    first = lines[min(tail)].strip(BLANK)
    if any(LIST_LABEL.search(text) and not SITE_LABEL.search(text) for text in (label, first)):
        return set()
    text = fold("".join(lines[:min(tail)]))
    words = [fold(lines[no].strip(BLANK)) for no in tail]
    written = sum(len(word) >= 2 and word in text for word in words)
    return set(tail) if written >= TAG_SHARE * len(words) else set()


def _glued(opts: Options, lines, opening: int) -> Dict[int, Tuple[int, int]]:
    """Titles glued onto lines at the top of the page (the opening line, and the lines above it
    among the first TOP non-blank lines): a title given twice at a line's start (see `doubled`),
    every copy but the last the span (below the opening, a slogan of the text's own may be said
    twice); and the opening line, when the text of a title-like line above it is glued onto its
    start and followed at once by the salutation (…的讲话同志们：…): the span of the glued title."""
    out: Dict[int, Tuple[int, int]] = {}
    top = [no for no in range(min(opening, len(lines))) if lines[no].strip(BLANK)][:TOP]
    for no in top + ([opening] if opening < len(lines) else []):
        line = fold(lines[no])
        twice = doubled(opts, line) if len(line) <= LONG * max(opts.max_len, 1) else None
        if twice is not None:
            out[no] = twice[:2]
        elif no < opening:
            # the site's name glued before a copy of the title that the page gives on a line of its
            # own (腾讯文库关于开展…的实施方案 under 关于开展…的实施方案): the name is the span
            start = len(line) - len(line.lstrip(BLANK))
            name = LIBRARY_BEFORE.match(line, start)
            rest = line[name.end():].strip(BLANK) if name else ""
            if (rest and title_like(opts, rest) and any(fold(lines[k].strip(BLANK)) == rest for k in top if k != no)
                    and not any(name.group() in fold(other) for k, other in enumerate(lines) if k != no)):
                # (a body that issues the notice signs it too: 青山数字文库关于…的通知 … 青山数字文库)
                out[no] = (start, name.end())
    if opening >= len(lines) or opening in out:
        return out
    line = fold(lines[opening])
    start = len(line) - len(line.lstrip(BLANK))
    for no in range(opening):
        title = fold(lines[no].strip(BLANK))
        if title and line.startswith(title, start) and len(line) > start + len(title) and title_like(opts, title):
            rest = line[start + len(title):]
            colon = regex.search(r"[：:]", rest[:SALUTATION + 1])
            if colon and _role(rest[:colon.end()]) == "addressee":
                out[opening] = (start, start + len(title))
                break
    return out


# on a page with a site's lines: a collection's heading glued onto the title of the sample it heads
# (第一篇：调查报告的格式要求, 第1篇:2016年…心得体会, 【篇一】…创建计划, 【写法】先进事迹材料的写法及范例), and the label
# of a collection's entry alone on its line (【简介】：, 【 例 文 】, 【正文】); each a span wedged in. On a
# page without a site's line, 第一篇：公文写作基础 is a handout's part, 【例文】 a guide's heading
COLLECTION_HEAD = patterns.compiled(
    r"^[ \t\u3000]*+(?:第[ \t\u3000]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ \t\u3000]*篇[ \t\u3000]*[:：]"
    r"|【[ \t\u3000]*(?:写[ \t\u3000]*法|范[ \t\u3000]*[文例]|例[ \t\u3000]*文|简[ \t\u3000]*介|正[ \t\u3000]*文"
    r"|篇[ \t\u3000]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}))[ \t\u3000]*】[ \t\u3000]*[:：]?)"
    r"[ \t\u3000]*(?:(?=[^ \t\u3000])|$)")


# and, there too, a title that numbers its sample (有关福建的心得体会范本一, 心得體會篇1, 范文阅读1), whole:
# not a numbered item (2．劳动合同范本二) nor an attachment's title under its heading (附件2 /
# 劳动合同范本二), which a 公文 gives
SAMPLE_NUMBERED = patterns.compiled(
    r"^[ \t\u3000]*+(?:(?!附件)[^。，；！？,;!?：:]{2,40}(?:篇|范文|范本|范例|例文|样文)[一二三四五六七八九十0-9]{1,2}"
    r"|范文阅读[ \t\u3000]*[0-9]{1,2})[ \t\u3000]*$")
COLLECTION_PAGE = 2  # a site's lines on a page, at least, for its collection's headings (one may be an article's stamp)
# or one that announces several texts (小编为你整理了多篇相关的《调查报告的格式》, 精选5篇)
# (two or more: not 一篇, 1篇, nor 第二篇, 上一篇, 下一篇)
ANNOUNCED = patterns.compiled(r"(?<![第上下0-9０-９一二两三四五六七八九十])"
                              r"(?:多|几|数|[2-9]|[1-9][0-9]|[二两三四五六七八九]|十[一二三四五六七八九]?"
                              r"|[二三四五六七八九]十[一二三四五六七八九]?)[ \t\u3000]*篇")
# a title that a collection gives again over each of its texts with their numbers (销售部管理制度1 …
# 销售部管理制度2): the number is the site's, the title the text's
# (a title of SAMPLE_TITLE_HAN Chinese characters at least, over the texts numbered 1, 2 …)
SAMPLE_TITLE = patterns.compiled(r"^[ \t\u3000]*+(?P<t>[^。，；！？,;!?：:\s]{4,40}?)[ \t\u3000]*(?P<n>[1-9][0-9]?)[ \t\u3000]*$")
SAMPLE_TITLE_HAN = 4


def _sample_title(text: str):
    """The SAMPLE_TITLE match of text (its title, t, and its number, n), if the title holds
    SAMPLE_TITLE_HAN Chinese characters at least."""
    m = SAMPLE_TITLE.match(text)
    return m if m and len(HAN.findall(m.group("t"))) >= SAMPLE_TITLE_HAN else None


def _table_rows(lines, verdicts) -> FrozenSet[int]:
    """The rows of a table in the text: lines set between pipes (| … |), two or more in a row
    with the rule under a table's header (|---|---|) or without, that stand inside the text, a
    sentence without any evidence of a site both above and below the table (a site's footer or
    menu laid out as a table stands at the page's edge, outside the text)."""
    if not any("|" in line for line in lines):
        return frozenset()  # (most documents: no line to match)
    table = [bool(TABLE_ROW.match(line) or TABLE_RULE.match(line)) for line in lines]
    prose = [no for no, line in enumerate(lines) if not table[no] and SENTENCE.search(line)
             and no in verdicts and verdicts[no].score <= 0 and not verdicts[no].kinds]
    out = set()
    no = 0
    while no < len(lines):
        if not table[no]:
            no += 1
            continue
        end = no
        while end < len(lines) and table[end]:
            end += 1
        rows = [k for k in range(no, end) if TABLE_ROW.match(lines[k])]
        if len(rows) >= 2 and prose and prose[0] < no and prose[-1] >= end:
            out.update(rows)
        no = end
    return frozenset(out)


def _collection_heads(lines, found: int, announced: bool = False) -> Dict[int, Tuple[int, int]]:
    """The spans of a collection's headings and labels (see COLLECTION_HEAD, SAMPLE_NUMBERED,
    COLLECTION_TITLE) and of the numbers of its titles (see SAMPLE_TITLE), on a site's page
    (COLLECTION_PAGE of its lines found, or one that announces several texts: ANNOUNCED); and, on a
    page with one line of a site's, the numbers
    of a title that names a kind of document (KIND_TITLE: 门店管理制度1 … 门店管理制度2, or 1 alone
    under the title given above, see _titled_above): no document numbers its own title so."""
    if not found:
        return {}
    site_page = found >= COLLECTION_PAGE or announced
    out: Dict[int, Tuple[int, int]] = {}
    above = None  # the last non-blank line
    for no, line in enumerate(lines if site_page else ()):
        if not line.strip(BLANK):
            continue
        text = fold(line)
        start, end = len(line) - len(line.lstrip(BLANK)), len(line.rstrip(BLANK))
        m = COLLECTION_HEAD.match(text) if "篇" in line or "【" in line else None
        if m:
            out[no] = (start, end if m.end() >= end else m.end())
        elif (SAMPLE_NUMBERED.match(text) and not NUMBERED.match(text) and not _role(text.strip(BLANK))
              and not (above is not None and _role(lines[above].strip(BLANK)))
              or "篇" in text and COLLECTION_TITLE.match(text) and not NUMBERED.match(text)):
            out[no] = (start, end)
        above = no
    # one title over two texts or more, numbered from 1 (not 附件1, 附件2; not a numbered heading),
    # or over one numbered 1 whose title the page gives above it (see _titled_above)
    titled: Dict[str, List[Tuple[int, int, "regex.Match"]]] = {}
    for no, line in enumerate(lines):
        if no in out or not line.strip(BLANK):
            continue
        m = _sample_title(fold(line))
        if m and not NUMBERED.match(line) and not m.group("t").startswith("附"):
            titled.setdefault(m.group("t"), []).append((no, int(m.group("n")), m))
    for title, given in titled.items():
        numbers = sorted(n for _, n, _ in given)
        if not site_page and not KIND_TITLE.search(fold(title)):
            continue
        if numbers[:2] == [1, 2] or numbers == [1] and _titled_above(lines, given[0][0], title):
            for no, _, m in given:
                out[no] = (m.end("t"), m.end("n"))
    return out


# the kinds of document that a title names at its end (GB/T 9704: 发文机关 + 事由 + 文种; see KIND_TITLE)
_KINDS = (r"(?:总结|报告|方案|计划|规划|意见|通知|通报|决定|办法|规定|细则|制度|讲话|讲话稿|发言|发言稿|致辞|"
          r"演讲稿|主持词|倡议书|申请书|承诺书|责任书|协议书?|合同|心得体会|体会|汇报|材料|预案|纪要|请示|批复|函)")
# a collection's own title on a site's page: a kind of text and the count of its samples, and
# nothing else (村委调研报告十篇, 医院护士长竞聘方案6篇(全文)): no document counts itself, and a 公文's
# 全年完成调研报告12篇 stands on no site's page. (A count in brackets, …范文（精选5篇）, is a span of
# the site's words; SL501's data counts samples after a 范文's kinds on any page.)
_TOTAL = r"(?:精选|优选|通用|必备|实用|热门|推荐|最新|优秀|汇编|合集|锦集|集锦|大全|精华|收集)"
COLLECTION_TITLE = patterns.compiled(
    rf"^[ \t\u3000]*+[^。，；！？,;!?：:\s]{{2,40}}?(?:{_KINDS}|范文|范本|范例|模板|作文|寄语)[ \t\u3000]*(?:{_TOTAL}[ \t\u3000]*)?"
    r"(?:[0-9]{1,3}|[一二三四五六七八九十百]{1,3})[ \t\u3000]*篇(?:[ \t\u3000]*[（(]全文[)）])?[ \t\u3000]*$")
# a count of a collection's samples after its title (学校自查报告(精选3篇), 餐具管理规定11篇, …[15篇]),
# matched where the title ends (no ^: a match from a position is anchored there)
SAMPLE_COUNT = patterns.compiled(rf"[ \t\u3000]*(?:范文|范本|模板|大全)?[ \t\u3000]*[（(\[【［]?[ \t\u3000]*"
                                 rf"(?:{_TOTAL}[ \t\u3000]*)?(?:[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})[ \t\u3000]*篇")
# a site's words that decorate its copy of the title right above the document's own (党课范文：
# 我们为什么要经常学习党史？ over 我们为什么要经常学习党史？, …述职报告（精选） over …述职报告):
# a label of its samples before a colon, a bar or a dash, or its samples counted or praised in
# brackets after (compared without blanks, half-width marks read as full-width ones)
_SAMPLE = r"(?:范文|范本|范例|模板|例文|样文|素材)"
DECOR_BEFORE = patterns.compiled(rf"^[\p{{Han}}A-Za-z0-9]{{0,12}}?{_SAMPLE}(?:[：｜]|——)$")
DECOR_AFTER = patterns.compiled(rf"^(?:{_SAMPLE}(?:{_TOTAL})?|[（【［](?:{_SAMPLE}|{_TOTAL}|(?:{_TOTAL}|全文)?"
                                rf"(?:[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})篇|全文[0-9]+字)[）】］])$")
_DECOR_FOLD = str.maketrans({":": "：", "|": "｜", "?": "？", "(": "（", ")": "）", "[": "［", "]": "］", **{c: None for c in BLANK}})
DECOR_LABEL = patterns.compiled(r"^(?:附件|附录|附表)")  # a 公文's attachment (附件2 / 申报书（模板） / 申报书)


def _decorated(opts: Options, lines, opening: int, verdicts) -> List[int]:
    """The lines above the opening that give the title on the next line with a site's decoration
    (see DECOR_BEFORE, DECOR_AFTER): the page's copy of the title, the one over the document's.
    A question's title (…学习党史？) is a title too. Only on a page with a site's line of its own
    elsewhere: a textbook's caption (例文：关于召开…的通知) and a notice's attachment
    (附件2 / 申报书（模板） / 申报书) decorate their titles so."""
    nonblank = [no for no in range(min(opening, len(lines) - 1) + 1) if lines[no].strip(BLANK)]
    out = []
    for k, (no, below) in enumerate(zip(nonblank, nonblank[1:])):
        text, title = (fold(lines[no]).translate(_DECOR_FOLD), fold(lines[below]).translate(_DECOR_FOLD))
        if len(text) > ENTRY_LEN or len(title) >= len(text) or not title_like(opts, title.rstrip("？")):
            continue
        if not (text.endswith(title) and DECOR_BEFORE.match(text[:len(text) - len(title)])
                or text.startswith(title) and DECOR_AFTER.match(text[len(title):])):
            continue
        if k and DECOR_LABEL.match(lines[nonblank[k - 1]].strip(BLANK)):
            continue
        out.append(no)
    if out and not any(v.score >= opts.threshold for no, v in verdicts.items() if no not in out):
        return []
    return out


TITLED_ABOVE = 2  # copies of a title above its sample numbered 1, at least, without a count of samples
TITLED_WINDOW = 12  # non-blank lines above the sample where they stand, at most
TITLED_EXTRA = 12  # characters of a copy besides the title, at most ([优选]考勤管理制度)


def _titled_above(lines, no: int, title: str) -> bool:
    """Is the title of a sample numbered 1 alone (考勤管理制度1, with no 2 in view: the page is
    cut) the collection's: given above it (among the TITLED_WINDOW non-blank lines above) as a
    line of its own, a site's label beside it or not, TITLED_ABOVE times or more (考勤管理制度 /
    [优选]考勤管理制度 / …), or once with a count of its samples (车间工作服管理制度(精选11篇))? A
    sentence that names it (以下选取典型案例加以说明。) is no copy."""
    copies = seen = 0
    for k in range(no - 1, -1, -1):
        if seen >= TITLED_WINDOW:
            break
        text = fold(lines[k].strip(BLANK))
        if not text:
            continue
        seen += 1
        at = text.find(title)
        if at < 0 or len(text) > len(title) + TITLED_EXTRA or SENTENCE.search(text):
            continue
        if SAMPLE_COUNT.match(text, at + len(title)):
            return True
        copies += 1
    return copies >= TITLED_ABOVE


# A site's extract of the text under a label of its own (【摘要】:五、通用公文写作的基本要求在介绍…
# over 五、通用公文写作的基本要求 / 在介绍…): what follows the label opens, word for word, as the text
# right under it does, for EXTRACT_LEN characters or more (blanks and line breaks aside, read over
# EXTRACT_BELOW lines; the extract may go on with a later passage). A paper's abstract stands over
# its keywords, and its introduction may open with the abstract's first sentence further down.
# (The blanks before and after an opening bracket are taken whole: split two ways, a line of
# 20,000 blanks took the label seconds.)
EXTRACT_LABEL = patterns.compiled(r"^[ \t\u3000]*+[【\[［]?[ \t\u3000]*+(?:本文)?(?:导[ \t\u3000]*读|导[ \t\u3000]*语|内容摘要|内容提要|文章摘要|"
                                  r"摘[ \t\u3000]*要|提[ \t\u3000]*要|文档简介|内容简介|简[ \t\u3000]*介|概[ \t\u3000]*要)"
                                  r"[ \t\u3000]*(?:[】\]］][ \t\u3000]*[:：]?|[:：])[ \t\u3000]*")
EXTRACT_LEN = 20
EXTRACT_BELOW = 6
_NO_BLANKS = str.maketrans("", "", BLANK)


def _extracts(lines) -> List[int]:
    """The lines that give a site's extract of the text right below them (see EXTRACT_LABEL)."""
    out = []
    for no, line in enumerate(lines):
        m = EXTRACT_LABEL.match(line)
        if m is None:
            continue
        copy = line[m.end():].translate(_NO_BLANKS)
        if len(copy) < EXTRACT_LEN:
            continue
        below = itertools.islice((lines[k] for k in range(no + 1, len(lines)) if lines[k].strip(BLANK)), EXTRACT_BELOW)
        text = "".join(below).translate(_NO_BLANKS)
        if text[:EXTRACT_LEN] == copy[:EXTRACT_LEN]:
            out.append(no)
    return out


# A site's lead-in that names the text by its title, which the page gives as a line of its own
# (以下是我在蒐集到的感謝信的概念與特點 over 感謝信的概念與特點): the site presenting what it collected
# (收集, 整理, 精选…; a cover note's 以下是我部门的2024年第三季度工作总结 presents its own).
LEAD_IN = patterns.compiled(r"^[ \t\u3000]*(?:以下|下面)(?:是|为|為)[^。！？!?，,；;：:]{0,8}?(?:收集|搜集|蒐集|整理|精选|汇编|推荐|分享)(?:到|好)?的"
                            r"(?P<title>[^。！？!?，,；;：:]*)[。.]?$")
LEAD_IN_BELOW = 3  # the title stands within this many non-blank lines under the lead-in


def _lead_ins(opts: Options, lines) -> List[int]:
    """The lines of a site's lead-in naming the text's title (see LEAD_IN), a title by its form
    that the page gives as a line of its own right under it (not over a list: 以下为我局的2024年度
    重点工作任务： under that title leads in to the text's own list)."""
    out = []
    for no, line in enumerate(lines):
        if len(line) > ENTRY_LEN:
            continue  # (no lead-in: a line this long is no title's)
        m = LEAD_IN.match(line.rstrip(BLANK))
        if m is None:
            continue
        title = fold(m.group("title").strip(BLANK))
        if not title_like(opts, title):
            continue
        below = (fold(lines[k].strip(BLANK)) for k in range(no + 1, len(lines)) if lines[k].strip(BLANK))
        if title in itertools.islice(below, LEAD_IN_BELOW):
            out.append(no)
    return out


# a preview cut into chunks of a fixed length, each numbered by the site (1、模拟政协发言稿老师们…
# 其次本次活动 / 2、让我体验到的就是…): numbered 1, 2, 3… in a row, every chunk but the last at
# least CHUNK characters long and cut off in the middle of a sentence (see _chunk_numbers)
CHUNK_MARK = patterns.compiled(r"^[ \t\u3000]*(?P<n>[0-9]{1,3})、[ \t\u3000]*")
CHUNK = 200
# a sentence's middle: a comma or a closing mark, or an English word in small letters with the
# sentence going on after it (2、l managers and…; not the name iOS用户)
MIDWAY = patterns.compiled(r"[ \t\u3000]*(?:[,，、;；:：.。!！?？)）”’]|[a-z]+[ ,])")
# what a chunk cut off mid-word ends with: a Chinese character, or a word of English prose (…through
# persona; not an address or a name of a file, …/download, which may end a text's own paragraph)
CUT_LETTER = patterns.compiled(r"(?:\p{Han}|(?<=[A-Za-z]{2,}[ \t])[A-Za-z]+)$")
CHUNK_SAME = 3  # characters that the lengths of a page's chunks differ by, at most


def _chunk_numbers(opts: Options, lines, site_page: bool) -> Dict[int, Tuple[int, int]]:
    """The site's numbers of a preview's chunks (see CHUNK_MARK), each a span wedged into its line:
    every chunk but the last cut off after a letter, Chinese or Latin (a paper's English abstract
    is cut as its Chinese text is: …sustain a competitive advantage through persona), on a page with a site's line
    found elsewhere (site_page), in three chunks or more of one length (give or take
    CHUNK_SAME), or where a chunk after the first opens in the middle of a sentence (2、,工作总结应…;
    2、l managers…): a document's long numbered paragraphs end their sentences, seldom all have
    one length, and each opens a sentence of its own."""
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    marks = [CHUNK_MARK.match(lines[no]) for no in nonblank]
    out: Dict[int, Tuple[int, int]] = {}
    i = 0
    while i < len(nonblank):
        if marks[i] is None or marks[i].group("n") != "1":
            i += 1
            continue
        j = i + 1
        while j < len(nonblank) and marks[j] is not None and int(marks[j].group("n")) == j - i + 1:
            j += 1
        cut = all(len(lines[nonblank[k]].strip(BLANK)) >= CHUNK and CUT_LETTER.search(lines[nonblank[k]].rstrip(BLANK))
                  for k in range(i, j - 1))
        # (a chunk's size as the site counted it: without the readings a converter wrote in after)
        sizes = [_unread_len(opts, lines[nonblank[k]].strip(BLANK)) for k in range(i, j - 1)]
        same = j - i >= 3 and max(sizes) - min(sizes) <= CHUNK_SAME
        # (a chunk that opens in the middle of a sentence, with a comma or a small letter, was cut out of it)
        midway = any(MIDWAY.match(lines[nonblank[k]], marks[k].end()) for k in range(i + 1, j))
        if j - i >= 2 and cut and (site_page or same or midway):
            for k in range(i, j):
                out[nonblank[k]] = (marks[k].start("n"), marks[k].end())
        i = j
    return out


def _unread_len(opts: Options, text: str) -> int:
    """The length of text without the readings a converter wrote into it (see `readings`)."""
    return len(text) - sum(b - a for a, b in _merged(sorted(_matches(opts.readings, opts.readings_keys, text))))


def _block(order: List[int], hits: set, lines, opts: Options, head: Optional[int], verdicts,
           furnished: FrozenSet[int] = frozenset()) -> List[int]:
    """The lines, in `order`, of a block of promotional lines that starts at the edge: short lines
    that are not sentences, and lines of any length with some evidence of their own, between
    promotional lines; and after the last of them, the lines in a row that carry evidence of a
    kind other than an advert's word (a site's words, a file's name, a menu, a contact) or are a
    page's furniture (a label without its value, keywords, tags a line, a viewer's page captions):
    the header goes on down to the document's own first line. Lines with evidence of their own
    (an advert's word: 联系客服) count neither towards the edge the block must start within nor
    towards the gap: a footer of the site's words is one thing however many lines it takes. But
    the lines under a found line that leads in to them (欢迎关注以下公众号：) are its list, and count
    as any other."""
    block: List[int] = []
    pending: List[int] = []
    # the lines of the gap so far: a page's furniture not counted, and the entries of one menu or
    # the fields of one form in a row (lines of one form, see _form) counted once, a site's menu
    # of categories being one thing on its page however many entries it lists; listed: the same
    # with the lines of evidence counted too (the gap of a lead-in's list)
    gap, before = 0, None
    listed, listed_before = 0, None
    seen = 0
    upward = len(order) > 1 and order[0] > order[-1]

    def leads_in(no: int) -> bool:
        return lines[no].rstrip(BLANK).endswith(("：", ":"))
    for no in order:
        # (a viewer's captions of its pages may come before the header; and a line with evidence of
        # its own, an advert's word, is the site's furniture whichever edge the block starts from:
        # 版权声明 / 作者原创，不允许二次传播… / 微信订阅号 / 联系客服 under its last found line)
        seen += no not in furnished and verdicts[no].score <= 0
        text = lines[no].strip(BLANK)
        if no in hits and pending and verdicts[no].kinds <= {"watermark"}:
            continue  # forum software scatters its strings through the text: they close no block
        if no in hits:
            if pending and upward and listed > opts.max_gap and leads_in(no):
                break  # (the lead-in's own list, read from below: not the site's footer)
            block += pending + [no]
            pending = []
            gap, before = 0, None
            listed, listed_before = 0, None
        elif not block and seen > opts.edge:
            return []
        elif (_role(lines[no]) and not (_role(lines[no]) == "addressee" and verdicts[no].score > 0)
              or no == head or verdicts[no].score <= 0 and not CAPTION.search(text) and (
                len(text) > opts.max_block_len or SENTENCE.search(text) or NUMBERED.match(text))):
            # (a viewer's caption of a page is no text of the document, however long: 论文.doc_第1页;
            # a schedule's lines that repeat with their numbers are, 第1期集中轮训 2024年3月11日…)
            # (a label with a site's word, 温馨提示：, has a salutation's form and is none)
            break  # the document's own text (its sentences, its numbered headings): the block ends here
        elif block and not pending and (verdicts[no].score > 0 and verdicts[no].kinds - {"ad"} or no in furnished
                                        or LABEL_ALONE.match(text) or _furniture(text) and not LABEL.match(text)):
            block.append(no)
        else:
            pending.append(no)
            if no not in furnished:
                form = _form(text)
                listed += form is None or form != listed_before
                listed_before = form
                if verdicts[no].score <= 0:
                    gap += form is None or form != before
                    before = form
            if gap > opts.max_gap or listed > opts.max_gap and not upward and block and leads_in(block[-1]):
                break
    return block


def _menus_of(lines, nonblank: List[int], taken: set) -> set:
    """The entries of a site's menu that one of its entries gives away: a run of MENU_ITEMS lines
    or more in a row, each an entry led by a list's mark and ended by an arrow to a page (• 研究报告>,
    • 管理文献>, … • pptx模板>), is one thing, the site's whole when one of its entries is taken."""
    out: set = set()
    run: List[int] = []
    run_form = None
    for no in [*nonblank, None]:
        form = _form(lines[no].strip(BLANK)) if no is not None else None
        if run and form == run_form:
            run.append(no)
            continue
        if len(run) >= MENU_ITEMS and taken.intersection(run):
            out.update(run)
        run, run_form = ([no], form) if form is not None and form[0] and form[1] in MENU_ARROWS else ([], None)
    return out


def _form(text: str) -> Optional[Tuple[str, str]]:
    """The marks a short line opens or ends with as an entry of a menu or a field of a form
    (• 临时分类>, 账号：): a list's mark before it, an arrow or a colon after it; None for a line
    without them (a title and its byline may both end with a bracket: no list for that)."""
    if len(text) > MENU_ENTRY:
        return None
    first = text[:1] if text[:1] in LIST_MARKS else ""
    last = text[-1:] if text[-1:] in ENTRY_ENDS else ""
    return (first, last) if first or last else None


# the site's lines above a document that a title between them is compared with (the header's: a
# page of thousands of lines costs no more)
COPY_NAMED = 8


def _copy_of(line: str, named: List[str]) -> bool:
    """Is the line a title that two of the site's lines hold, each with more words of its own
    (群众座谈会发言 in 群众座谈会发言范文 and 群众座谈会发言范文第1篇)?"""
    text = fold(line.strip(BLANK))
    return len(HAN.findall(text)) >= 4 and sum(text in other and text != other for other in named) >= 2


def _headerlike(opts: Options, line: str, verdict: Verdict, listed: bool = False) -> bool:
    """May a line between two of the site's lines above the document be the site's header? Not a
    part of a 公文 (an addressee's form excepted: 温馨提示：), a numbered heading, a paragraph of
    prose without evidence, a title with no more than an advert's word (关于全县学生免费午餐
    工作情况的报告: the document's own, under the site's line) or a note in brackets under it
    (（2024年5月）). listed: the line is an entry of a list, a menu or a form (see _entry_of_list),
    which no title is, however long (• 建筑/施工/环境> among • 办公文档> and • 毕业设计>)."""
    text = line.strip(BLANK)
    return (_role(text) in (None, "addressee") and not NUMBERED.match(text) and not BRACKETED.match(text)
            and (bool(verdict.kinds) or len(HAN.findall(text)) <= opts.prose_len)
            and not (verdict.kinds <= {"ad"} and title_like(opts, text) and not listed))


def _entry_of_list(lines, no: int) -> bool:
    """Is line no an entry of a list, a menu or a form: a short line of the same form (see
    _form) as the line above or below it (• 总结汇报> under • 解决方案>)? No title stands so."""
    form = _form(lines[no].strip(BLANK))
    if form is None or not form[0] and form[1] in "：:":
        return False
    for step in (-1, 1):
        k = no + step
        while 0 <= k < len(lines) and not lines[k].strip(BLANK):
            k += step
        if 0 <= k < len(lines) and _form(lines[k].strip(BLANK)) == form:
            return True
    return False


def _between(nonblank: List[int], hits: set, bounds: set, verdicts, lines, head: Optional[int],
             opening: int, furnished: FrozenSet[int] = frozenset()) -> List[int]:
    """The lines standing between two lines found by their wording (`bounds`), anywhere in the
    document, each with some evidence of its own, a short label line, the value of a label given
    on the line below it, or a line of keywords; a part of a 公文, the document's title, the
    opening or any other line breaks the run. A label line without its value and with some
    evidence of its own (下载说明：) heads the block that follows it (one without evidence may be
    a salutation: 各位代表：)."""
    out: List[int] = []
    run: List[int] = []
    opened = False
    for i, no in enumerate(nonblank):
        text = lines[no].strip(BLANK)
        role = _role(text)
        if no in bounds:
            if opened:
                out += run
            run, opened = [], True
        elif no in hits:
            continue  # a line found on its own (a watermark) neither bounds nor breaks a run
        elif no == head or no == opening or role and role != "addressee":
            # a label (配套讲稿：) has the form of an addressee: the one that opens the text is the text's
            run, opened = [], False
        elif opened and (verdicts[no].score > 0 or _furniture(text) or no in furnished
                         or run and LABEL_ALONE.match(lines[run[-1]].strip(BLANK))):
            run.append(no)  # (the last: the value of a label given on the line below it)
        else:
            run, opened = [], False
        if (no not in bounds and no not in hits and no != head and no != opening and (not role or role == "addressee")
                and verdicts[no].score > 0 and LABEL_ALONE.match(text) and i + 1 < len(nonblank)
                and nonblank[i + 1] in bounds):
            out.append(no)
    return out


# a title that names the kind of its document at its end (GB/T 9704: 发文机关 + 事由 + 文种)
KIND_TITLE = patterns.compiled(rf"{_KINDS}[\s\u3000]*$")
# a site's list of other documents it offers: titles one a line, each naming a kind of document
# at its end (调研报告, 实施方案, 讲话稿; see _KINDS), with a part or a number after it at most (…(上), …2)
TITLE_OF_KIND = patterns.compiled(rf"{_KINDS}(?:\s*[（(][上中下一二三四五六七八九十][）)]|[0-9]{{1,2}})?\s*$")


def _top_title(opts: Options, lines, nonblank: List[int], verdicts, hits, head: Optional[int],
               furnished: FrozenSet[int]) -> set:
    """The document's title on the first line of the page, above the site's lines under it
    (工作计划书格式 / 上传时间：2025-06-12 / the text), when the text has no other title right under
    the site's lines (head, found going up from the opening, is this line, none, or a heading
    further down, below lines of the text): a title by its form (title_like), with no
    more than an advert's words (格式, 范文: a 范文 site's titles name what they are), found
    promotional by nothing of its own, nothing wedged into it, no page's furniture (课件_第1页),
    and given once on the page. The site's title bar over a document is given again, over the
    text or as the site's name beside it (…-某某文库), and a site's name alone is too short for a
    title: a page's only title is the document's. Not a question (讲话稿怎么写: a question-and-answer
    page's question heads the answers, not a document)."""
    if not nonblank:
        return set()
    no = nonblank[0]
    text = fold(lines[no].strip(BLANK))
    if head not in (None, no):
        between = [k for k in nonblank if no < k < head]
        site = [k in hits or k in furnished or bool(verdicts[k].kinds or verdicts[k].spans) for k in between]
        texts = [fold(lines[k].strip(BLANK)) for k in between]
        # (a top line that names the kind of its document, 2020年度全市宣传工作总结, is its title
        # over a head that names none, a slogan or a subtitle: 围绕主题干实事 服务大局构和谐; the
        # site's quoting it, 为大家带来了“2020年度全市宣传工作总结”, makes no copy of it)
        named = (KIND_TITLE.search(text) and not KIND_TITLE.search(fold(lines[head].strip(BLANK)))
                 and not text.startswith("首页"))
        if (all(site) and not named
                or any(found and text in other and not (named and f"“{text}”" in other) for other, found in zip(texts, site))
                or any(texts.count(other) > 1 and title_like(opts, other) for other in texts)):
            # the site's lines, then a title over the text; the site's copy of this line
            # (…(精选6篇)); or a title given twice below it: the top line is the site's title bar
            return set()
    if (no in hits or no in furnished or verdicts[no].kinds - {"ad"} or verdicts[no].spans
            or not title_like(opts, text) or ASKED.search(text)):
        return set()
    if any(fold(lines[k].strip(BLANK)) == text for k in nonblank[1:]):
        return set()
    return {no}


# a date and a time as a page's stamp gives them (2024-07-05 14:00:00, 2020/3/9, 2023年05月18日 17:06)
STAMP_TIME = patterns.compiled(r"(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
                               r"|(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")

# what a site's stamp tells and an article's byline does not: when the page was updated or
# uploaded, how long the text is, how often it was read (更新时间, 字数 1170 阅读 7568), the
# kind of text it files the page under; and WeChat's place of posting after the time (2024-06-05
# 18:30 发表于清河). Not a commentary's byline: 本报评论员, 评论部 sign the article (count of comments: 评论 12)
SITE_STAMP = patterns.compiled(r"更新|上传|字数|阅读|浏览|点击|人气|热度|下载|收藏|投稿|评论(?![员部])|(?<=[0-9]{1,2}:[0-9]{2})\s*发表于"
                               # (and the kind of text the site files the page under: 时间：… 工作计划)
                               r"|(?:工作计划|工作总结|心得体会|范文|演讲致辞|讲话稿|发言稿|演讲稿|主持词|述职报告|策划书|申请书"
                               r"|检讨书|思想汇报|自我鉴定)\s*$")


# a figure under its label on a line of its own, in the body of a report (阅读量：2.3万, 浏览次数：321):
# the text's statistics where no other line of the page is a site's (a site's counter stands among
# its stamp, its menus and its buttons)
FIGURE_FIELD = patterns.compiled(r"^\p{Han}{1,10}[ \t\u3000]*[:：]?[ \t\u3000]*[0-9０-９][0-9０-９,.．]*[ \t\u3000]*[万亿Ww]?[ \t\u3000]*\p{Han}?$")


# a clause that leads in a list (…各月阅读量如下：, 网站主要数据如下：, …情况报告如下。), not a label (下载说明：)
LED_IN = patterns.compiled(r"(?:\p{Han}[^：:\n]{5,}[:：]|(?:如下|以下)[。.：:]?)[ \t\u3000]*$")
LED_IN_LINES = 16  # lines above a figure where its lead-in may stand (blank ones too)
LED_IN_TAIL = 40  # characters at a lead-in's end that LED_IN reads


LIST_HEAD = 12  # characters of a list's heading between its figures, at most (1月, （一）访问量)


def _led_in(lines, no: int) -> bool:
    """Does a clause that leads in a list (see LED_IN) stand above line no, within LED_IN_LINES
    lines, with nothing between them but the list's other figures and short headings (1月, （一）访问量)?"""
    for k in range(no - 1, max(-1, no - 1 - LED_IN_LINES), -1):
        text = lines[k].strip(BLANK)
        if LED_IN.search(text[-LED_IN_TAIL:]):  # (its end only: searched whole, a long line took its square)
            return True
        if text and not FIGURE_FIELD.match(text) and (len(text) > LIST_HEAD or SENTENCE.search(text)):
            return False
    return False


def _uncorroborated(opts: Options, lines, verdicts, hits: set, opening: int) -> set:
    """The statements and numbered headings found by a site's wording alone on a page without any
    other line of a site's: a sentence or a heading of the text that uses a word that sites use too
    (协会会员免费参加培训。, 今天我给大家分享三点体会。, 课题组发表相关文章12篇。, 三、数字资源介绍). A site's note stands among its other lines (its header, its
    footer, its buttons), and what it wedges into the text is found as a span; a sentence alone with
    a site's word in a text that shows nothing else of a site is the text's. (A statement with a
    site's wording of another kind, a stamp, a contact or a menu on the same line stays found.)"""
    last = max((no for no, line in enumerate(lines) if line.strip(BLANK)), default=-1)
    def score(no: int, v: Verdict) -> float:  # (the words a sentence quotes are mentioned, not used:
        # 对利用“免费领取”“限时优惠”等名义进行虚假宣传的，依法予以查处。)
        quoted = MENTION.sub(lambda m: "“" + "　" * (len(m.group()) - 2) + "”", lines[no])
        return v.score if quoted == lines[no] else judge(opts, quoted, False, True).score

    # (only lines with evidence: a line without any is neither found nor a site's; and the hits
    # first, so that a page without such a hit costs nothing more)
    # (and a figure under its label, in a list that the text leads in: …各月阅读量如下： / 阅读量：3.6万;
    # a site's counter, 总结 / 浏览次数：321 or 人气：1.52W between paragraphs, stands under no lead-in)
    said = {no for no, v in verdicts.items() if v.score > 0 and no < last and v.kinds <= SPOKEN and not v.spans
            and (opening <= no and (SENTENCE.search(lines[no]) or NUMBERED.match(lines[no]))
                 or FIGURE_FIELD.match(lines[no].strip(BLANK)) and _led_in(lines, no))}
    if not hits & said:
        return set()
    said = {no for no in said if score(no, verdicts[no]) < CORROBORATED * opts.threshold}
    if not hits & said or any(_sited(v) for no, v in verdicts.items() if no not in said):
        return set()
    return hits & said


def _stamp_only(opts: Options, line: str, verdict: Verdict) -> bool:
    """Is the line's evidence its stamp alone: a date and time, with the source and the author
    (光明日报 2024-03-06 09:30, 来源：求是网 作者：郑文 2024-07-05 14:00:00), and nothing of a site's
    once the date and time are taken out, nor what only a site's stamp tells (SITE_STAMP)? On a
    page with no other line of evidence that is an article's byline as a newspaper's page prints
    it; on a download site's page, the site's other lines give it away."""
    if SITE_STAMP.search(fold(line)):
        return False
    rest = STAMP_TIME.sub(" ", line)
    if rest != line and (not rest.strip(BLANK) or LABEL_ALONE.match(rest.rstrip(BLANK))):
        return True  # a date and time alone, or under its label (2025-10-30, 日期:2018/4/28 8:17:53)
    if "stamp" not in verdict.kinds or not verdict.kinds <= {"stamp", "site"}:
        return False
    return verdict.kinds == {"stamp"} or not judge(opts, rest, False).kinds - {"stamp"}


# a letter's salutation: 敬爱的党组织：, 尊敬的张老师：, 亲爱的同学们：
LETTER = patterns.compiled(r"^[ \t\u3000]*(?:敬爱|尊敬|亲爱|敬愛|親愛)的")


def _over_addressee(lines, no: int) -> bool:
    """Is line no a bare date and time (under its label or not) right over a letter's salutation
    (时间:2022-10-21 19:43:20 / 敬爱的党组织:)? A letter carries no byline: the stamp is the page's. A
    byline that names its source (发布时间：… 来源：青山市应急管理局) over a notice's addressees or a
    speech's 同志们： is the article's, as a government's page prints it."""
    rest = STAMP_TIME.sub("", lines[no]).strip(BLANK)
    if rest == lines[no].strip(BLANK) or rest and not LABEL_ALONE.match(rest):
        return False  # (no date, or more than a date and a time under a label: a source, an author)
    nxt = next((k for k in range(no + 1, len(lines)) if lines[k].strip(BLANK)), None)
    return nxt is not None and _addressee(lines[nxt].strip(BLANK)) and LETTER.match(lines[nxt]) is not None


def _prose(opts: Options, line: str) -> bool:
    """Is line a paragraph of prose: clauses, more than prose-length Chinese characters? An
    advert's word there (学校免费开放, 沉迷游戏) is the article's, no site's."""
    return bool(CLAUSE.search(line)) and len(HAN.findall(line)) > opts.prose_len


def _stamped(head: int, nonblank: List[int], lines, verdicts, opening: int) -> bool:
    """Is the title on line head the text's own by the site's stamp under it: the first line with
    evidence below it a stamp (时间：2022-04-02, 2023-05-30 10:48 作者), the date and source of the
    article the title heads, and the title given once above the opening of the text (a question's
    title echoed by 如题所述, or a title the page gives again, heads no article of its own; the copies
    a site wedges between the text's sections, below its opening, make no title bar of it)?"""
    title = fold(lines[head].strip(BLANK))
    if sum(fold(lines[no].strip(BLANK)) == title for no in nonblank if no < opening) > 1:
        return False
    below = next((no for no in nonblank if no > head and verdicts[no].score > 0), None)
    return below is not None and "stamp" in verdicts[below].kinds


BARRED_NAME = patterns.compiled(r"^[ \t\u3000]*[|｜][ \t\u3000]*[\p{Han}A-Za-z·]{1,8}[ \t\u3000]*$")


# a short line without a Chinese character: a page's counter, an id or a number of its header (551,
# 2102200000011, ID:56788944), or a viewer's counter of pages (第1页 / 共14页): furniture of the
# page where it stands next to the site's lines
COUNTER_LENGTH = 24


# a viewer's caption of a page, the file's name and the page's number (课件.ppt_第1页, 论文.doc_第2页)
CAPTION = patterns.compiled(r"_第\s*[0-9]{1,4}\s*[页頁]\s*$")
# a viewer's counter of its pages: 第1页 / 共14页
PAGE_COUNTER = patterns.compiled(r"^第\s*[0-9]{1,4}\s*页\s*[/／|,，]?\s*共\s*[0-9]{1,4}\s*页$")
# a page's count of its readers alone on its line (阅读：2345次, 浏览次数：321, 点击量 1.2万): under a
# breadcrumb's category, a line of the site's (see _categories); alone, a report's figure may read so
READ_COUNTER = patterns.compiled(r"^(?:阅读|浏览|点击|访问)(?:次数|量|数)?[ \t\u3000]*[:：]?[ \t\u3000]*[0-9][0-9,.]*[ \t\u3000]*[万Ww]?[ \t\u3000]*次?$")
# a button that a mirror of a WeChat article, or a page, sets alone on its line under the text
# (阅读原文, 查看原文, 轻触阅读原文, 查看更多, 加载更多): the page's furniture, which a block of the site's
# lines takes in beside it; alone, it may be a study guide's heading (阅读原文 over the passage to
# read) or a manual's list of an app's buttons
BUTTON = patterns.compiled(r"^(?:(?:轻触)?(?:阅读|查看)原文|查看更多|加载更多)$")


# a question standing as a page's title (倡议书标准格式？), and the count of its readers under it
QUESTION_TITLE = patterns.compiled(r"^[^。！；!;]{2,40}[？?]$")
# a title put as a question (讲话稿怎么写, 请示的格式是什么, 发言稿有哪些要求吗)
ASKED = patterns.compiled(r"(?:怎么|怎样|如何)\p{Han}{0,3}$|(?:是什么|有哪些|什么意思)\p{Han}{0,2}$|[吗呢？?]$")
COUNT = patterns.compiled(r"^[0-9]{1,7}$")
YEAR = patterns.compiled(r"^(?:19|20)[0-9]{2}$")
ITEM_MARKS = ("、", ".", "．", ")", "）")
ASKS_NUMBER = patterns.compiled(r"多少|几|哪一?年|何时|多大|多高|多长|多久|电话|号码|热线|编号|数量|数字|金额")


def _counter(line: str) -> bool:
    """Is line a page's counter (第1页 / 共14页, 59) or one of its buttons (see BUTTON)?"""
    text = line.strip(BLANK)
    if PAGE_COUNTER.match(text) or BUTTON.match(text):
        return True
    return (bool(text) and len(text) <= COUNTER_LENGTH and HAN.search(text) is None and DIGIT.search(text) is not None
            and _role(line) is None)  # a 公文's 份号 (000123) is its own


def _debris(lines, no: int) -> bool:
    """Is line no the debris of a page's layout: no word on it (a lone | or ?), and not the rule
    under a table's header row (|---|---|) with a row of the table next to it?"""
    line = lines[no]
    if not line.strip(BLANK) or WORDY.search(line):
        return False
    return not (TABLE_RULE.match(line) and any(0 <= k < len(lines) and TABLE_ROW.match(lines[k]) for k in (no - 1, no + 1)))


def _furniture(text: str) -> bool:
    """A short label line (配套讲稿：, 关 键 词：讲话 会议) or a line of keywords separated by blanks."""
    if LABEL.match(text):
        return True
    return bool(KEYWORDS.match(text)) and sum(bool(HAN.search(word)) for word in KEYWORD_SEP.split(text)) >= KEYWORD_HAN


# wedged spans at most this many characters apart are one finding (發(fā)言稿的體會(huì): the readings
# a conversion tool wrote after characters), whose fix deletes each span and keeps the text between
GROUP_GAP = 40
# the pairs rules' own reading of brackets and quotation marks (SL201/SL202), for _carries_on
BRACKETS = pairs.prepare({"report": "unclosed"})


def _carries_on(lines, no: int, hits) -> bool:
    """Does line no open a bracket or a quotation that the next line, a sentence of the
    document's own, closes? Then the two are one text, and the line is no advert standing on its
    own (nor may a fix delete it). Two promotional lines may share one: (未完…|收藏《…》)."""
    nxt = next((k for k in range(no + 1, len(lines)) if lines[k].strip(BLANK)), None)
    if nxt is None or nxt in hits or SENTENCE.search(lines[nxt]) is None:
        return False
    # the marks of an anti-copying string are no brackets of the text: ( in 8 b, |& h( c is not
    # closed by the } of the string wedged before the next sentence
    this, that = (_without(lines[k], jammers(lines[k])) for k in (no, nxt))
    if not pairs.problems(this, BRACKETS)[1]:
        return False
    # read together, the two lines leave fewer marks unpaired than apart: the next closes it
    return _unpaired(this + that) < _unpaired(this) + _unpaired(that)


def _without(line: str, spans: List[Tuple[int, int]]) -> str:
    """line without the spans (sorted, apart)."""
    ends = [0] + [b for _, b in spans]
    return "".join(line[a:b] for a, b in zip(ends, [a for a, _ in spans] + [len(line)]))


def _unpaired(text: str) -> int:
    """Marks left open at the end of text, and closing marks that close nothing in it."""
    found, left_open = pairs.problems(text, BRACKETS)
    return len(left_open) + sum(p[0] == "unopened" for p in found)


# a paper's abstract and the keywords under it (GB/T 7713: 摘要, 关键词), the paper's own parts,
# not a site's tags (标签：讲话 会议)
ABSTRACT = patterns.compiled(r"^[\s\u3000]*(?:内容)?[\[【［]?\s*(?:摘\s*要|提\s*要)\s*[\]】］]?\s*[:：]?")
PAPER_KEYWORDS = patterns.compiled(r"^[\s\u3000]*[\[【［]?\s*关\s*键\s*词\s*[\]】］]?\s*[:：]?")


def _keywords_of_paper(lines, no: int) -> bool:
    """Is line no the keywords of a paper: 关键词 right under its abstract (摘要：…)?"""
    if not PAPER_KEYWORDS.match(lines[no]):
        return False
    above = next((k for k in range(no - 1, -1, -1) if lines[k].strip(BLANK)), None)
    return above is not None and ABSTRACT.match(lines[above]) is not None


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    edges = _edge_lines(lines, opts.edge)
    in_prose = set()
    for first, last in layout.paragraphs(lines):
        if last > first and SENTENCE.search("".join(lines[first:last + 1])):
            in_prose.update(range(first, last + 1))  # a paragraph of prose broken at a page's width
    # SL501 and SL502 judge each line alike: the verdicts of the last document are shared
    key = replace(opts, report="", max_gap=0, max_block_len=0)
    last = ctx.resources.memo("promo-verdicts", dict)
    if last.get("lines") is lines and last.get("key") == key:
        if "failed" in last:  # a pattern was too slow on this document: SL502 need not wait for it again
            raise last["failed"]
        verdicts = last["verdicts"]
    else:
        last.pop("failed", None)
        last.pop("blocks", None)
        try:
            # each line alone, then the lines that the document gives more evidence: its repeated
            # title (above the opening of its text, which no line found on its own opens), its list of
            # related articles, the title glued onto the opening
            judged: Dict[tuple, Verdict] = {}  # a line repeated in the same place is judged once

            framed: FrozenSet[int] = frozenset()
            # (a station's own text names it in its title, the first line: 城关水文站2024年工作总结)
            top = next((line for line in lines if line.strip(BLANK)), "")
            station = STATION.search(top) is not None

            def verdict(no, context=(), glued=()):
                same = (lines[no], no in edges, no in in_prose, context, glued, no in framed)
                if same not in judged:
                    judged[same] = judge(opts, lines[no], no in edges, no in in_prose, context, glued, no in framed,
                                         station)
                return judged[same]

            verdicts = {no: verdict(no) for no, line in enumerate(lines) if line.strip(BLANK)}
            for no, (a, b) in _tails(opts, lines).items():  # (strings appended to many lines: the site's)
                v = verdicts[no]
                if a == 0 or not lines[no][:a].strip(BLANK):  # a line of its own
                    verdicts[no] = Verdict(opts.threshold, (a, b), v.spans, v.kinds | {"watermark"})
                else:
                    verdicts[no] = replace(v, spans=tuple(_merged(sorted([*v.spans, (a, b)]))))
            for no in _reading_lists(lines):  # a text's own reading list heads its books
                verdicts[no] = Verdict(0.0, None, verdicts[no].spans)
            for no in _signed_dates(lines):  # the 成文日期 under the 署名, as a web page writes it
                verdicts[no] = Verdict(0.0, None, verdicts[no].spans)
            for no in _attached_files(opts, lines, verdicts):  # its attachments, linked by their files' names
                verdicts[no] = Verdict(0.0, None, verdicts[no].spans)
            # a signed notice's own lines, and the rows of a table inside the text (| 联系方式 |
            # 客服电话：95105 |, see _table_rows), which give their own service channels
            framed = frozenset(_frame(lines, verdicts)) | _table_rows(lines, verdicts)
            for no in framed:
                if verdicts[no].kinds:  # (framing only takes evidence away: a line without any stays as judged)
                    verdicts[no] = verdict(no)
            # a site's numbered notices first: the opening of the text is no notice of the site's
            notices = _notices(lines, verdicts, opts.edge, opts.prose_len)
            for no in notices:
                verdicts[no] = verdict(no, (("notice", 1.0),))
            # the site's extracts of the text and its lead-ins naming the text's title, before the
            # opening and the title are sought (a lead-in is no title of the text)
            extracts = set(_extracts(lines) + _lead_ins(opts, lines)) - set(notices)
            for no in extracts:
                verdicts[no] = verdict(no, (("extract", 1.0),))
            opening = _opening(lines, verdicts, opts.prose_len)
            tags = _tag_runs(lines)
            crumbs = list(_crumbs(lines, opening))  # (read once: the categories and the title ask them)
            furnished = frozenset(_serial(opts, lines) | tags
                                  | {no for no in range(len(lines)) if _debris(lines, no)}
                                  | {no for no, line in enumerate(lines) if _counter(line)}
                                  | _categories(lines, opening, verdicts, crumbs))
            head, own = _head(lines, opening, verdicts, furnished, crumbs)
            titles = _titles(opts, lines, opening, own, verdicts, furnished)
            context: Dict[int, Dict[str, float]] = {}
            for group, share in titles:
                for no in group:
                    context.setdefault(no, {})["repeat"] = share
            for no in _decorated(opts, lines, opening, verdicts):
                context.setdefault(no, {})["copy"] = 1.0
            for no in _related(lines, verdicts) | _tag_cloud(lines, tags) | _title_list(lines, verdicts, own, opening):
                context.setdefault(no, {})["related"] = 1.0
            for no in notices:
                context.setdefault(no, {})["notice"] = 1.0
            for no in extracts:
                context.setdefault(no, {})["extract"] = 1.0
            for no in _key_runs(lines):
                context.setdefault(no, {})["fields"] = 1.0
            glued = _glued(opts, lines, opening)
            found = sum(v.score >= opts.threshold for v in verdicts.values())
            for no, span in [*_chunk_numbers(opts, lines, found > 0).items(),
                             *_collection_heads(lines, found, any(
                                 v.score >= opts.threshold and ANNOUNCED.search(fold(lines[no]))
                                 for no, v in verdicts.items())).items()]:
                glued.setdefault(no, span)
            for no in set(context) | set(glued):
                verdicts[no] = verdict(no, tuple(sorted(context.get(no, {}).items())), (glued[no],) if no in glued else ())
            for no, spans in _jammed(lines, ctx.resources).items():  # (random characters wedged into words)
                verdicts[no] = replace(verdicts[no], spans=tuple(_merged(sorted([*verdicts[no].spans, *spans]))))
            last.update(lines=lines, key=key, verdicts=verdicts, titles=titles, opening=opening, head=head,
                        furnished=furnished)
        except TimeoutError as exc:
            last.update(lines=lines, key=key, failed=exc)
            raise
    titles, opening, head, furnished = last["titles"], last["opening"], last["head"], last["furnished"]
    hits = {no for no, v in verdicts.items() if v.score >= opts.threshold}
    hits -= _uncorroborated(opts, lines, verdicts, hits, opening)
    # a page whose only furniture is its article's stamp: the byline and date are the article's
    # (an advert's word in its title below the threshold, 免费 or 培训班, makes no site's line of
    # the title; a title given twice, an advert's line of its own or a wedged mark are the site's)
    top = next((no for no, line in enumerate(lines) if line.strip(BLANK)), None)
    # (a statement, a paragraph or a numbered item of the text with too little evidence to be the site's,
    # 2.扫码下方二维码。, 1.填写…建议表，通过电子邮件发送至…@qq.com, gives the text's own channels)
    if hits and all(_stamp_only(opts, lines[no], v) and not _over_addressee(lines, no)
                    for no, v in verdicts.items()
                    if no in hits or v.score > 0 and not STATEMENT.search(lines[no]) and not _prose(opts, lines[no])
                    and not NUMBERED.match(lines[no]) and (v.kinds - {"ad"} or no != top)
                    or v.spans):
        hits = set()
    # a copy of the page's title that is found promotional gives the others away
    hits |= {no for group, share in titles if share == 1.0 and hits & set(group) for no in group
             if verdicts[no].first is not None}  # (not a line the rule's exceptions leave alone)
    hits -= {no for no in hits if _carries_on(lines, no, hits) or _keywords_of_paper(lines, no)}
    # what SL502 reports: the lines of the site's header and footer that have too little evidence of
    # their own (worked out once for the document: SL501 asks it too, see _swaps)
    blocks = last.setdefault("blocks", {})  # (by the options that shape a block: a user may set SL502's alone)
    if (opts.max_gap, opts.max_block_len) not in blocks:
        blocks[opts.max_gap, opts.max_block_len] = (
            _block_lines(opts, lines, verdicts, hits, opening, head, furnished) - hits if hits else set())
    block = blocks[opts.max_gap, opts.max_block_len]
    swaps = _swaps(lines, hits | block, opening, verdicts, furnished) if hits else {}
    if opts.report == "line":
        for no in sorted(verdicts):
            v = verdicts[no]
            if no in hits and no in swaps:  # the title's first copy stays, its last one goes (see _swaps)
                yield _whole(lines, swaps[no])
            elif no in hits:
                a, b = v.first
                if v.spans:  # what the site wedged into its own line is in it too (【…怎么写】在日常工作中，…)
                    a, b = min(a, v.spans[0][0]), max(b, v.spans[-1][1])
                yield Finding(no, a, b, lines[no][a:b], whole_line=True)
            for group in () if no in hits else grouped(v.spans, GROUP_GAP):
                # the wedged text and the blanks that joined it to the line's own text
                a, b = group[0][0], group[-1][1]
                while a > 0 and lines[no][a - 1] in BLANK:
                    a -= 1
                while b < len(lines[no]) and lines[no][b] in BLANK and a > 0:
                    b += 1
                kept = replaced_within(lines[no], group, "")
                # the message quotes what the site wedged in, not the document's text between
                shown = "…".join(lines[no][x:y].strip(BLANK) for x, y in group)
                yield Finding(no, a, b, shown, replacement=kept)
        return
    for no in sorted(block):
        yield _whole(lines, swaps.get(no, no))


def _whole(lines, no: int) -> Finding:
    """A finding of line no, all of it but the blanks around it."""
    text = lines[no]
    start = len(text) - len(text.lstrip(BLANK))
    end = len(text.rstrip(BLANK))
    return Finding(no, start, end, text[start:end], whole_line=True)


SWAPPED_KINDS = frozenset({"repeat", "edge"})  # the evidence of a first copy that is only a copy (see _swaps)


def _swaps(lines, flagged: set, opening: int, verdicts, furnished: FrozenSet[int]) -> Dict[int, int]:
    """The first copy of a title given more than once above the opening, found the site's, with
    its last copy not found, mapped to that last copy, when every line between them is found
    too (电力安全倡议书 / 来源：… / 小编导语… / 电力安全倡议书 / 各位同事：): the page's header stands
    between two copies of one title, and a reader takes the first for the document's and the
    repeat for the site's. Which one goes is the same to the text that is left (the copies are
    written alike, indent and all); the finding falls on the repeat. Not a first copy with
    evidence of its own besides being a copy, nor one of the page's furniture: an entry of a list
    of related articles, a category under a menu stay the site's."""
    copies: Dict[str, List[int]] = {}
    kept = [0]  # kept[no]: the lines with text above line no that are not found (a count, read in O(1))
    for no in range(min(opening, len(lines))):
        text = lines[no].rstrip(BLANK)
        if text.strip(BLANK):
            copies.setdefault(text, []).append(no)
        kept.append(kept[-1] + bool(text.strip(BLANK) and no not in flagged))
    out = {}
    for text, given in copies.items():
        first, last = given[0], given[-1]
        if (len(given) >= 2 and first in flagged and last not in flagged and kept[last] == kept[first + 1]
                and verdicts[first].kinds <= SWAPPED_KINDS and first not in furnished):
            out[first] = last
    return out


def _block_lines(opts: Options, lines, verdicts, hits: set, opening: int, head: Optional[int],
                 furnished: FrozenSet[int]) -> set:
    """The lines of the site's header and footer around the lines found (hits) that SL502 takes
    into its blocks, hits among them."""
    top_head = head
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    if head is not None and not any(hit < head for hit in hits) and not _stamped(head, nonblank, lines, verdicts, opening):
        head = None  # a title above the site's header is the page's title bar, not the document's
    block = (set(_block(nonblank, hits, lines, opts, head, verdicts, furnished))
             | set(_block(nonblank[::-1], hits, lines, opts, head, verdicts, furnished)))
    block -= _top_title(opts, lines, nonblank, verdicts, hits, top_head, furnished)
    bounds = {no for no in hits if verdicts[no].kinds & set(WORDING)}
    block |= set(_between(nonblank, hits, bounds, verdicts, lines, head, opening, furnished))
    # above the document (its title, or without one its opening), what stands between the site's
    # lines found by their wording (its menus, its forms, its notes to the customer: 账号：,
    # 如填写138，账号就是138。): the header, all of it, but a part of a 公文 (an addressee above
    # the title is a site's label: 温馨提示：); an anti-copying string bounds nothing (forum
    # software scatters them through the text)
    # (a page without a title or an opening has no "above")
    anchor = head if head is not None else opening if opening < len(lines) else None
    above = sorted(no for no in bounds if anchor is not None and no < anchor)
    if len(above) >= 2:
        block |= {no for no in nonblank if above[0] < no < above[-1]
                  and _headerlike(opts, lines[no], verdicts[no], _entry_of_list(lines, no))}
    if head is not None:
        # above the document's title, on a page with a site's lines: the page's top bar (APP下载),
        # its lines with evidence, the debris of its layout (a lone | or ?) and the captions of a
        # viewer's pages (课件_第1页, 课件_第2页; not short lines in a row, which a cover page and its
        # contents are too: 行政管理制度 / 目录 / 第一章总则1)
        block |= {no for no in nonblank if no < head and not _role(lines[no])
                  and (verdicts[no].score > 0 or _debris(lines, no) or no in furnished and CAPTION.search(lines[no].strip(BLANK)))}
        # between the title and the opening of the text, where the article's stamp stands: with a
        # promotional line there, the lines with evidence and the page's furniture (公文写作培训班)
        zone = [no for no in nonblank if head < no < opening and not _role(lines[no])]
        if hits & set(zone):
            block |= {no for no in zone if verdicts[no].score > 0 or no in furnished}
        if any(hit < head for hit in hits):
            # under a site's header, the title's counter (证明应该怎么写 / 59; not a year, 2024), the
            # lines with evidence there that are no sentence (时间:2022-03-20 06:37:33; an article's
            # lead, 下面将详细介绍…, is its own) and the name its layout sets after a bar (| 小龙: the
            # page's field of its uploader) are the site's too
            block |= {no for no in zone if verdicts[no].score > 0 and not SENTENCE.search(lines[no])
                      or BARRED_NAME.match(lines[no])
                      or COUNT.match(lines[no].strip(BLANK)) and not YEAR.match(lines[no].strip(BLANK))}
    # a question-and-answer page's counter under its question (倡议书标准格式？ / 59 / 倡议书是…),
    # the site's header above the question: the question is the first sentence, so no zone holds
    # it. Not a number that answers the question (火警电话是多少？ / 119; 新增就业多少人？ /
    # 86500 / 人，…), nor an item's number that the page broke off its text (5 / 、附录目录)
    k = bisect.bisect_left(nonblank, opening) + 1  # the line under the opening
    if k < len(nonblank) and nonblank[k - 1] == opening and any(hit < opening for hit in hits):
        question, no = lines[opening].strip(BLANK), nonblank[k]
        below = lines[nonblank[k + 1]].lstrip(BLANK) if k + 1 < len(nonblank) else ""
        if (QUESTION_TITLE.match(question) and not ASKS_NUMBER.search(question)
                and COUNT.match(lines[no].strip(BLANK)) and not below.startswith(ITEM_MARKS)):
            block.add(no)
    if anchor is not None:  # (once the header is known)
        # a title between the site's lines above the document that they give again with words of
        # their own (群众座谈会发言 between 群众座谈会发言范文 and …范文第1篇) is the site's copy of its
        # page's title, not the document's
        named = [fold(lines[no].strip(BLANK)) for no in nonblank if no < anchor and verdicts[no].kinds][:COPY_NAMED]
        taken = sorted(no for no in block | hits if no < anchor)
        block |= {no for no in nonblank if taken and taken[0] < no < taken[-1] and _copy_of(lines[no], named)}
    block |= _menus_of(lines, nonblank, block | hits)
    return block
