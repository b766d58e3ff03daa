"""The characters a pattern's every match holds (patterns.required_chars), by which a search that
cannot match is skipped: the sets must hold for every match, or findings go missing."""
import dataclasses
from pathlib import Path

import regex

from conftest import builtin_rules
from speechlint import patterns
from speechlint.patterns import Alternatives, Bounded, required_chars

ROOT = Path(__file__).resolve().parent.parent


def test_a_literal_word_needs_each_of_its_characters_and_itself():
    assert set(required_chars("本站")) == {frozenset("本"), frozenset("站"), ("本站",)}
    assert patterns.lacks(required_chars("本站"), "站本")  # both characters, not the word
    assert not patterns.lacks(required_chars("本站"), "欢迎访问本站")


def test_an_alternation_needs_one_character_of_a_branch_each_and_one_branch():
    keys = required_chars("上一篇|下一篇")
    assert keys == (frozenset("上下"), ("上一篇", "下一篇"))
    assert patterns.lacks(keys, "上篇一")
    assert not patterns.lacks(keys, "阅读下一篇")


def test_strings_are_read_only_where_every_match_holds_them():
    def strings(source, ignore_case=False):
        return [k for k in required_chars(source, ignore_case) or () if isinstance(k, tuple)]

    assert strings("(?:以下|下面)[^。]{0,10}范文") == [("范文",)]  # the longer of two requirements
    assert strings("仅供(?:学习|交流)?") == [("仅供",)]  # an optional part gives none
    assert strings("(?:免费|)下载") == [("下载",)]  # nor a branch that may be empty
    assert strings("QQ群", ignore_case=True) == [("群",)]  # a letter under ignored case breaks a run
    assert strings("(?i)会员vip") == [("会员",)]
    assert strings("|".join(f"{chr(0x4e00 + k)}站" for k in range(patterns._STRINGS + 1))) == []  # too many to ask
    assert strings("版权所有|©") == [("©", "版权所有")]  # a branch of one character gives that one
    assert strings("(?:以下|下面)+是") == [("下面", "以下")]  # a repeated group, once at least


def test_what_may_be_absent_or_only_looked_at_needs_nothing():
    assert required_chars(r"\p{Han}+") is None
    assert required_chars(r"(?:广告)?\d+") is None
    assert required_chars(r"(?<=小编)\d+") is None
    assert required_chars(r"[^。]+") is None
    assert required_chars(r"[[a-z]--[aeiou]]x") is None  # the regex module's set operations


# (pattern, flags, a text it matches) that the analysis must not rule out: case folding beyond a
# letter's two cases, and syntax of the regex module that re reads otherwise
MATCHING = [
    ("ss", regex.V1 | regex.IGNORECASE, "ß"), ("k", regex.IGNORECASE, "\u212a"), ("σ", regex.IGNORECASE, "ς"),
    ("vip会员", regex.IGNORECASE, "VIP会员"), ("(?i:vip)会员", 0, "VIP会员"), ("本站(?i)vip", 0, "本站VIP"),
    ("本站{e<=1}", 0, "本占"), ("(?:下载){i<=1}", 0, "下x载"), ("x[^[:digit:]]", 0, "xa"),
    ("x[a[bc]]", regex.V1, "xb"),
]


MATCHING += [
    ("(?x)本\u3000站", 0, "本站"),  # verbose mode ignores a full-width space that re reads as a character
    ("(?#[)(?i:vip)会员", 0, "VIP会员"), ("(?x)#[\n(?i:k)站", 0, "K站"),  # a comment hides nothing
    ("ʼn站", regex.V1 | regex.IGNORECASE, "ŉ站"), ("本ʼn", regex.V1 | regex.IGNORECASE, "本ŉ，ʼ"),
]


def test_no_character_of_a_case_folding_counts_as_caseless():
    import sys

    parts = {ch for cp in range(sys.maxunicode + 1) if chr(cp).casefold() != chr(cp) for ch in chr(cp).casefold()}
    assert parts and not [ch for ch in parts if patterns._caseless(ch)]
    assert patterns._caseless("本") and patterns._caseless("，") and patterns._caseless("1")


def test_what_case_folding_or_the_regex_modules_syntax_may_match_is_never_ruled_out():
    for source, flags, text in MATCHING:
        assert regex.compile(source, flags).search(text) is not None
        keys = required_chars(source, bool(flags & regex.IGNORECASE))
        assert not patterns.lacks(keys, text), (source, text, keys)


def _rule_patterns():
    """Every pattern the built-in rules search line by line, with the flags it was compiled with."""
    seen = {}

    def walk(value):
        if isinstance(value, Alternatives):
            for part in value.parts:
                seen[(part.pattern, part.flags)] = part
        elif isinstance(value, Bounded):
            seen[(value.pattern, value.flags)] = value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for rule in builtin_rules():
        walk(rule.options)
    return list(seen.values())


def _lines():
    out = set()
    for folder in ("tests/fixtures", "seeds"):
        for path in sorted((ROOT / folder).iterdir()):
            if path.is_file():
                out.update(path.read_text(encoding="utf-8").splitlines())
    for path in sorted((ROOT / "rules").glob("*.toml")):
        out.update(regex.findall(r'"([^"\n]{2,})"', path.read_text(encoding="utf-8")))
    return sorted(out)


def test_every_match_of_a_rule_pattern_holds_its_required_characters():
    found = _rule_patterns()
    keyed = [(p, required_chars(p.pattern, bool(p.flags & regex.IGNORECASE))) for p in found]
    keyed = [(p, k) for p, k in keyed if k is not None]
    assert len(keyed) > 100  # the promo rules' patterns nearly all have some
    wrong = []
    for line in _lines():
        for p, keys in keyed:
            if patterns.lacks(keys, line) and p.search(line) is not None:
                wrong.append((p.pattern[:60], line[:40]))
    assert not wrong


def test_the_sets_kept_between_runs_are_the_sets_read_anew(tmp_path):
    sources = ["本站", r"(?:以下|下面)[^。]{0,12}?范文", r"\p{Han}+", "vip会员"]
    with patterns.kept_between_runs(tmp_path) as kept:
        first = [required_chars(s, True) for s in sources]
    assert kept.added == 0  # saved on leaving
    with patterns.kept_between_runs(tmp_path) as kept:
        again = [required_chars(s, True) for s in sources]
        assert kept.added == 0  # every one read from the file
    assert again == first == [patterns._required_chars(s, True) for s in sources]


def test_sets_the_scan_cannot_be_sure_of_need_nothing():
    # a scoped flag after an escaped backslash, a set opening with ] that holds a POSIX class or a set
    for source, text in [(r"C:\\(?i:kit)", "C:\\KIT"), ("[]a[:digit:]]站", "5站"), ("[]本[站]]", "站")]:
        assert regex.compile(source, regex.V1).search(text) is not None
        assert not patterns.lacks(required_chars(source), text), source


def test_a_character_with_cases_in_the_regex_modules_tables_only_is_not_caseless():
    # Ɤ (U+A7CB) has a lowercase, ɤ, in the regex module's Unicode and none in Python 3.11's
    assert not patterns._caseless("\uA7CB")
    assert patterns.compile("\uA7CB", regex.V1 | regex.IGNORECASE).search("ɤ 测试一行。") is not None


def test_a_rule_pattern_skips_a_line_without_what_it_needs_and_searches_the_others():
    slow = patterns.compile(r"(?:\w+)+[站所]")
    assert slow.needs is not None
    line = "测" * 4000  # (searched, this line takes the pattern past its time limit)
    assert slow.search(line) is None and list(slow.finditer(line)) == []
    assert slow.search("这是测试站。").group() == "这是测试站"
    # with a position given the search is made as asked (the prefilter reads whole texts only)
    assert slow.search("这是测试站。", 2).group() == "测试站"


def test_the_parts_of_a_gongwen_are_found_as_by_asking_every_pattern():
    from speechlint import structure

    def asked_all(line):
        if len(line) > 200:
            return None
        return next((name for name, pattern in structure.ROLES if pattern.search(line)), None)

    lines = [line for path in sorted((ROOT / "tests").rglob("*.md")) + sorted((ROOT / "seeds").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["000123", "机密★1年", "特急", "某某县人民政府文件", "国办发〔2024〕3号", "签发人：张三",
              "附件：1. 工作方案", "（联系人：张明，电话：010-12345678）", "抄送：省委办公厅。", "2024年3月5日印发",
              "2024年3月5日", "某某县人民政府", "各市人民政府：", "账号：", "全年完成调研报告12篇。"]
    assert sum(asked_all(line) is not None for line in lines) >= 15
    for line in lines:
        assert structure.role(line) == asked_all(line), line


def test_an_index_of_needs_asks_the_patterns_that_lacks_leaves_in_their_order():
    # NeedsIndex.meeting(text): the places of the patterns that lacks() leaves, found by one scan
    # of the text for the characters of the patterns' first sets; the promo rules' patterns and
    # patterns with no set, some sets of characters that regex escapes (] - ^ \\), on random text
    import random

    rnd = random.Random(12)
    sources = ["本站|本网站", "上一篇|下一篇", r"[\]\-^]{2}x", "(?i)vip", "扫码|扫一扫", "a.b", r"\\k", "关注公众号",
               "[0-9]+元", "QQ群", "^\\s*$", r"\]\]", r"\\\\", "--", r"\^\^"]
    sources += [p.pattern for r in builtin_rules() if r.code == "SL501" for _, p in r.options.evidence][:40]
    keys = [required_chars(source) for source in sources]
    assert any(k is None for k in keys) and sum(k is not None for k in keys) > 10
    # (the characters asked of a text, few or many: found by a scan of a class or by taking the
    # text's among them, see _SCANNED_CHARS; a need of strings, one of them empty)
    keys += [(("", "xyz"),), ((), ), (frozenset("xy"), ("yx", "本网"))]

    def asked(ks) -> int:
        return len({ch for k in ks if k for need in k for ch in (need if type(need) is frozenset else
                                                                  [item[:1] for item in need]) if ch})
    indexes = [(patterns.NeedsIndex(keys), keys), (patterns.NeedsIndex(keys[:6] + keys[-3:]), keys[:6] + keys[-3:])]
    assert asked(keys) >= patterns._SCANNED_CHARS > asked(keys[:6] + keys[-3:])
    alphabet = "".join(sorted({ch for source in sources for ch in source})) + "的了和xyz"

    def piece():  # a character, or a few of a pattern's source in a row (本站, ]], 扫一扫)
        source = rnd.choice(sources)
        at = rnd.randrange(len(source))
        return rnd.choice(alphabet) if rnd.random() < 0.5 else source[at:at + rnd.randint(1, 4)]

    for _ in range(3000):
        text = "".join(piece() for _ in range(rnd.randint(0, 20)))
        for index, ks in indexes:
            assert index.meeting(text) == [k for k, need in enumerate(ks) if not patterns.lacks(need, text)], text


def test_the_lines_that_hold_a_gates_strings_are_found_in_one_scan_of_the_document():
    # lines_with(): the lines holding one of the strings, characters and longer ones, as asking
    # each line gives; with strings at the ends of lines (the document is read joined), empty lines,
    # characters that regex escapes, and two documents read in turn (memo)
    import random

    rnd = random.Random(3)
    pieces = ["本", "站", "本站", "]", "\\", "-", "^", "一促而就", "的", "促而", "x", "", " "]
    for _ in range(400):
        memo: dict = {}
        docs = [tuple("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) for _ in range(rnd.randint(0, 12)))
                for _ in range(2)]
        for _ in range(3):
            for lines in docs:
                chars = frozenset(rnd.sample(["本", "]", "\\", "-", "^", "一促而就", "促而", "站x", "的"], rnd.randint(1, 4)))
                expected = [no for no, line in enumerate(lines) if any(s in line for s in chars)]
                assert list(patterns.lines_with(chars, lines, memo)) == expected, (chars, lines)
        assert list(patterns.lines_with(None, docs[0], memo)) == list(range(len(docs[0])))


def test_every_line_in_which_a_rule_finds_something_is_among_the_lines_its_gate_passes():
    # the substitution and existence rules read only the lines their patterns' gates pass
    # (patterns.lines_for): each rule's own examples, one per line of a document
    checked = 0
    for rule in builtin_rules():
        if rule.kind not in ("substitution", "existence"):
            continue
        opts = rule.options
        gated = ([opts.pattern] if opts.pattern is not None else []) + (
            [compiled for compiled, _ in opts.patterns] if rule.kind == "substitution" else [])
        lines = tuple(example.text for example in rule.bad) + tuple(rule.good) + ("今天天气很好。", "")
        passed = set(patterns.lines_for(gated, lines, {}))
        for no, line in enumerate(lines):
            if any(True for pattern in gated for _ in pattern.compiled.finditer(line)):
                assert no in passed, (rule.code, line)
                checked += 1
    assert checked > 100
