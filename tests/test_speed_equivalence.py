"""The typo detectors' fast paths (issue 12) give what the straightforward computation gives:
the windows of a run segmented from its lattice (Lexicon.window) score to the last bit what
segment() and score() give for the window's text; char-slip with them finds what it finds
scoring each window's text; near-miss's sieve passes every stretch that proposals() has a
proposal for. Sentences of our own."""
from __future__ import annotations

import dataclasses
import math
import random

import pytest

from speechlint.context import Resources
from speechlint.kinds import charslip, nearmiss
from speechlint.lexicon import Freq, Lexicon
from speechlint.ruleset import builtin_rules_dir, load_rule_file

SENTENCES = [
    "各部门要进一步提高行政效率和服务质凉，推动县域经济展发，促进农民增收。",
    "要大力发展现代龙业，保障粮食安全，各级干部要认真贯切落实党中央决策部署。",
    "我们要以身做则，带头落实，大家要众志成诚，共克时艰，各项工作要按步就班地推进。",
    "要有卧薪偿胆的精神，坚持实事求事，做到兢兢业业、竞竞业业，防止走头无路。",
    "今年全市生产总值增长百分之六，城乡居民收入稳步提高，生态环境持续改善。",
    "坚持以工哺农工作，实验实训基地建设加快，自动比对系统上线运行。",
]


@pytest.fixture(scope="module")
def res():
    return Resources()


def options(code):
    (path,) = builtin_rules_dir().glob(f"{code}-*.toml")
    return load_rule_file(path).options


def test_windows_from_the_lattice_score_as_their_text_does(res):
    lexicon = res.lexicon()
    rnd = random.Random(12)
    words = [w for w in ("质量", "发展", "农业", "贯彻", "作则", "成城", "部就", "尝胆", "是", "展发", "兢兢")]
    for text in SENTENCES:
        for run in nearmiss.HAN.findall(text):
            lattice = lexicon.lattice(run)
            assert lexicon.window(lattice, 0, len(run)) == (lexicon.segment(run), lexicon.score(run))
            for i in range(len(run)):
                for put in words:
                    L = len(put)
                    if i + L > len(run):
                        continue
                    lo, hi = max(0, i - rnd.randint(0, 5)), min(len(run), i + L + rnd.randint(0, 5))
                    w = run[i:i + L]
                    new = run[lo:i] + put + run[i + L:hi]
                    assert lexicon.window(lattice, lo, hi, exclude=w) == (
                        lexicon.segment(run[lo:hi], exclude=w), lexicon.score(run[lo:hi], exclude=w))
                    assert lexicon.window(lattice, lo, hi, at=i, put=put) == (lexicon.segment(new), lexicon.score(new))


def reference_segment(freq, total, max_len, text):
    """Maximum-probability segmentation as written plainly: every piece of 2 to max_len
    characters looked up in freq, the first best kept."""
    n, logtotal = len(text), math.log(total)
    score, end = [0.0] * (n + 1), [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        s, e = math.log(freq.get(text[i]) or 1) - logtotal + score[i + 1], i + 1
        for j in range(i + 2, min(n, i + max_len) + 1):
            f = freq.get(text[i:j])
            if f:
                t = math.log(f) - logtotal + score[j]
                if t > s:
                    s, e = t, j
        score[i], end[i] = s, e
    spans, i = [], 0
    while i < n:
        spans.append((i, end[i]))
        i = end[i]
    return spans


def test_the_dictionarys_trie_segments_as_the_plain_lookups_do(res):
    # the lexicon reads jieba's words from a trie (Freq, Words): the spans are those that
    # looking up every piece in a dict gives, for the whole dictionary and for a small one
    lexicon = res.lexicon()
    assert isinstance(lexicon.freq, Freq)
    plain = {w: lexicon.freq[w] for w in ("发展", "质量", "高质量", "推动", "经济", "经济社会", "社会")}
    plain.update({"发展质量": 5, "高": 0})  # (a word of its own, and one of count 0)
    small = Lexicon(plain, sum(plain.values()), 4, None)
    texts = SENTENCES + ["推动经济社会高质量发展", "高质量发展质量"]
    runs = [run for text in texts for run in nearmiss.HAN.findall(text)]
    for run in runs:
        assert lexicon.segment(run) == reference_segment(lexicon.freq, lexicon.total, lexicon.max_len, run)
        assert small.segment(run) == reference_segment(plain, small.total, 4, run)
    for word in ("发展", "高质量", "的", "不存在的词语"):
        assert lexicon.freq.get(word) == lexicon.freq.get(word, None)
        assert (word in lexicon.freq) == (lexicon.freq.get(word) is not None)
    assert len(lexicon.freq) > 300000 and lexicon.total == sum(lexicon.freq.counts)


@dataclasses.dataclass(frozen=True)
class Plain(Lexicon):
    """A lexicon that scores each window from its text, as the detectors did before lattices."""

    def window(self, lattice, lo, hi, exclude="", at=-1, put=""):
        text = lattice.text
        new = text[lo:at] + put + text[at + len(put):hi] if put else text[lo:hi]
        return self.segment(new, exclude), self.score(new, exclude)


def test_char_slip_finds_with_lattices_what_it_finds_scoring_each_window(res):
    lexicon = res.lexicon()
    plain = Plain(lexicon.freq, lexicon.total, lexicon.max_len, lexicon.source)
    opts = options("SL403")
    index = charslip.build_index(lexicon, opts.min_freq)
    counts = charslip.char_counts(lexicon)
    found = 0
    for text in SENTENCES:
        for run in nearmiss.HAN.findall(text):
            args = (index, res.readings(), res.shapes(), opts, text, text.index(run))
            fast = charslip.slips(run, lexicon, *args, counts=counts)
            slow = charslip.slips(run, plain, *args, counts=counts)
            assert fast == slow
            found += len(fast)
    assert found >= 4  # the sentences hold slips, so the comparison covers the scoring


def test_char_slip_finds_the_same_with_its_memos_shared_from_run_to_run(res):
    # the memos that one run of the check keeps from document to document (a shape's words and
    # the related words of a character over it, a character's look-alikes) change nothing that
    # is found: fresh memos for each text find the same
    lexicon = res.lexicon()
    opts = options("SL403")
    index = charslip.build_index(lexicon, opts.min_freq)
    counts = charslip.char_counts(lexicon)
    shared = ({}, {})
    found = 0
    for text in SENTENCES * 2:
        for run in nearmiss.HAN.findall(text):
            args = (lexicon, index, res.readings(), res.shapes(), opts, text, text.index(run))
            fresh = charslip.slips(run, *args, counts=counts)
            again = charslip.slips(run, *args, *shared, counts=counts)
            assert again == fresh
            found += len(fresh)
    assert found >= 8 and len(shared[0]) > 0


def test_the_near_miss_sieve_passes_every_stretch_with_a_proposal(res):
    lexicon, readings = res.lexicon(), res.readings()
    for slips in (nearmiss.SLIPS, ("homophone", "swap")):
        opts = dataclasses.replace(options("SL402"), slips=frozenset(slips))
        index, targets = nearmiss.build_index(lexicon, opts)
        sift = nearmiss.sieve(index, targets, readings)
        proposed = 0
        for text in SENTENCES:
            for run in nearmiss.HAN.findall(text):
                for L in opts.lengths:
                    places = sift.places(run, L, opts.slips)
                    for i in range(len(run) - L + 1):
                        if any(nearmiss.proposals(run[i:i + L], index, targets, readings, opts.slips)):
                            assert i in places, run[i:i + L]
                            proposed += 1
        assert proposed >= 4


def test_the_near_miss_sieve_passes_every_look_alike_at_a_lone_character(res):
    # look-alikes are looked for only where the run's segmentation leaves a character alone:
    # there the sieve must pass every stretch that proposals() has a look-alike for
    lexicon, readings, shapes = res.lexicon(), res.readings(), res.shapes()
    opts = dataclasses.replace(options("SL402"), slips=frozenset({"look-alike"}))
    index, targets = nearmiss.build_index(lexicon, opts)
    sift = nearmiss.sieve(index, targets, readings)
    proposed = 0
    for text in list(SENTENCES) + ["各项工作开展得有条不絮。", "笑声嘎然而止，会场一片寂静。"]:
        for run in nearmiss.HAN.findall(text):
            lone = [s for s, e in lexicon.segment(run) if e - s == 1]
            for L in opts.lengths:
                places = sift.places(run, L, opts.slips, lone)
                for i in range(len(run) - L + 1):
                    for _, _, (first, _), _ in nearmiss.proposals(run[i:i + L], index, targets, readings, opts.slips,
                                                                  shapes):
                        if i + first in lone:
                            assert i in places, run[i:i + L]
                            proposed += 1
    assert proposed >= 2
    # numerals look alike (七/二, 十/一) and stand in set phrases of every value: none is read as
    # a look-alike slip of another
    for w in ("一百七十", "第十七次", "千分之十"):
        assert not [p for p in nearmiss.proposals(w, index, targets, readings, opts.slips, shapes)], w


def test_existence_skips_a_line_only_when_no_pattern_of_it_matches():
    # a line is searched with the alternation of all of a rule's patterns only when one of them
    # alone matches it (patterns.Alternatives): the same findings as searching every line with
    # the alternation
    from pathlib import Path

    from speechlint import patterns
    from speechlint.context import Context
    from speechlint.kinds import existence, placeholder
    from speechlint.ruleset import load_rules

    fixtures = Path(__file__).parent / "fixtures"
    lines = tuple(line for path in sorted(fixtures.iterdir())
                  for line in path.read_text(encoding="utf-8").splitlines())
    ctx = Context(lines)
    checked = 0
    for rule in load_rules():
        if rule.kind not in ("existence", "placeholder"):
            continue
        opts = rule.options
        base = opts.base if rule.kind == "placeholder" else opts
        if not isinstance(base.pattern, patterns.Alternatives):
            continue
        kind = placeholder if rule.kind == "placeholder" else existence
        plain = dataclasses.replace(base, pattern=patterns.compile(base.pattern.pattern, base.pattern.flags))
        slow = dataclasses.replace(opts, base=plain) if rule.kind == "placeholder" else plain
        assert list(kind.check(opts, ctx)) == list(kind.check(slow, ctx)), rule.code
        checked += 1
    assert checked >= 5


def test_an_alternation_found_part_by_part_matches_as_the_alternation_does():
    # Alternatives finds the alternation's matches from its parts' searches (the leftmost match,
    # the first part's where two start together, going on from its end): on lines made of a
    # rule's own bad examples run together, several matches a line, some of them overlapping
    from speechlint import patterns
    from speechlint.ruleset import load_rules

    rng = random.Random(7)
    fillers = ["", " ", "　", "，", "。", "各单位要抓好落实", "X", "（", "）", "：", "20", "年"]
    checked = 0
    for rule in load_rules():
        base = getattr(rule.options, "base", rule.options)
        pattern = getattr(base, "pattern", None)
        if not isinstance(pattern, patterns.Alternatives) or not rule.bad:
            continue
        pieces = [line for example in rule.bad for line in example.text.split("\n")]
        for _ in range(60):
            line = "".join(rng.choice(pieces) + rng.choice(fillers) for _ in range(rng.randint(1, 5)))
            assert ([m.span() for m in pattern.finditer(line)]
                    == [m.span() for m in pattern.compiled.finditer(line)]), (rule.code, line)
            whole = pattern.compiled.search(line)
            found = pattern.search(line)
            assert (found and found.span()) == (whole and whole.span()), (rule.code, line)
        checked += 1
    assert checked >= 5


def test_promo_judges_a_line_alike_with_and_without_its_patterns_one_by_one():
    # a kind of evidence is searched with the alternation of its patterns only when one of them
    # alone matches the line: every line of the fixtures gets the same verdict either way
    from pathlib import Path

    from speechlint.kinds import promo
    from speechlint.ruleset import load_rules

    fixtures = Path(__file__).parent / "fixtures"
    lines = [line for path in sorted(fixtures.iterdir()) for line in path.read_text(encoding="utf-8").splitlines()]
    from speechlint import patterns

    opts = next(rule.options for rule in load_rules() if rule.code == "SL501")
    assert all(isinstance(p, patterns.Alternatives) for _kind, p in opts.evidence)
    plain = dataclasses.replace(opts, evidence=tuple((kind, patterns.compile(p.pattern, p.flags))
                                                     for kind, p in opts.evidence))
    scored = 0
    for line in lines:
        for edge in (False, True):
            verdict = promo.judge(opts, line, edge)
            assert verdict == promo.judge(plain, line, edge), line
            scored += verdict.score > 0
    assert scored >= 10


def test_a_copy_of_the_trie_that_cannot_be_read_is_made_again(tmp_path, monkeypatch):
    # the cached trie is kept behind its hash, which proves the bytes whole, not that this
    # marisa-trie can read them (another version's format, or bytes written wrong): such a copy
    # is built again and rewritten, never an error on every run
    from speechlint import cachefile, lexicon as lx

    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    first = lx.load_lexicon()
    (path,) = tmp_path.glob("words-*.marshal")
    cachefile.write_checked(path, (b"not a trie", b"", b"", 1))
    again = lx.load_lexicon()
    assert again.segment("推动经济高质量发展") == first.segment("推动经济高质量发展")
    assert again.total == first.total and len(again.freq) == len(first.freq)
    assert cachefile.read_checked(path)[3] == first.total  # rewritten


def test_without_marisa_trie_the_error_says_what_to_install(monkeypatch):
    import sys

    from speechlint import lexicon as lx

    monkeypatch.setitem(sys.modules, "marisa_trie", None)  # (an import of it fails)
    with pytest.raises(lx.DataError, match="pip install marisa-trie"):
        lx.load_lexicon()


def test_an_alternations_searches_on_a_line_share_one_limit(monkeypatch):
    # each part's search, and each search again after a match, takes from one LIMIT for the line:
    # a line with many matches cannot buy each search a LIMIT of its own (a clock that moves on a
    # third of LIMIT at each reading stands for searches that each take that long)
    from speechlint import patterns

    clock = iter(range(10_000))
    monkeypatch.setattr(patterns.time, "monotonic", lambda: next(clock) * patterns.LIMIT / 3)
    alternation = patterns.alternatives([], ["a", "b"])
    with pytest.raises(TimeoutError):
        list(alternation.finditer("ab" * 50))


@pytest.mark.parametrize("parts, text", [(["ab\\Kc", "b"], "abc"), (["\\Ga", "b"], "aabaa"),
                                         (["(a)b", "(c)\\1"], "cc ab"), (["(?r)ab", "b"], "abab"),
                                         (["(x)y", "(a)?(?(1)b|c)"], "c ab"), (["(x)y", "(a)(?1)"], "aa")])
def test_a_part_that_reads_the_searchs_state_is_searched_as_the_alternation(parts, text):
    from speechlint import patterns

    alternation = patterns.alternatives([], parts)
    assert [m.span() for m in alternation.finditer(text)] == [m.span() for m in alternation.compiled.finditer(text)]
    found, whole = alternation.search(text), alternation.compiled.search(text)
    assert (found and found.span()) == (whole and whole.span())


def test_the_time_a_caller_takes_between_matches_is_not_the_patterns(monkeypatch):
    # the searches are all made before the first match is handed on: a caller that takes long
    # over each match (existence's exceptions, compared with every match) spends none of LIMIT
    from speechlint import patterns

    now = [0.0]
    monkeypatch.setattr(patterns.time, "monotonic", lambda: now[0])
    matches = patterns.alternatives([], ["a", "b"]).finditer("abab")
    next(matches)
    now[0] += 10 * patterns.LIMIT
    assert len(list(matches)) == 3


def test_char_slips_related_words_are_those_that_asking_each_words_character_finds(res):
    lexicon = res.lexicon()
    readings, shapes = res.readings(), res.shapes()
    index = charslip.build_index(lexicon, options("SL403").min_freq)
    counts = charslip.char_counts(lexicon)
    rnd = random.Random(5)
    masks = rnd.sample(sorted(index), 300) + ["?作", "工?", "?量", "质?"]
    sharing, compared = {}, 0
    for mask in masks:
        p = mask.index("?")
        words = {c[p]: c for c in index.get(mask, "").split("|") if c}
        for x in rnd.sample(sorted(counts), 20) + list("做坐凉量志质制"):
            kin, look = readings.kin(x), frozenset(shapes.of(x))
            sounding, alike = [], []
            for y in sorted(words):  # the straightforward way: ask kin of every word's character
                how = kin.get(y)
                if how is not None:
                    sounding.append((words[y], how, p))
                elif y in look:
                    alike.append((words[y], "look-alike", p))
            expected = tuple(sounding + alike)
            assert charslip._related(words, x, p, kin, look, readings, sharing, counts) == expected
            assert charslip._related(words, x, p, kin, look, readings, {}) == expected
            compared += bool(expected)
    assert compared > 50


def test_the_indexes_kept_as_tries_answer_as_the_dicts_they_are_built_from(res, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    lexicon = res.lexicon()
    opts = options("SL402")
    index, targets = nearmiss.build_index(lexicon, opts)
    packed, known = nearmiss.packed_index(lexicon, opts, "near-miss-test")
    assert len(packed) == len(index) and set(packed) == set(index) and known == targets
    rnd = random.Random(3)
    for key in rnd.sample(sorted(index), 2000):
        assert packed.get(key) == index[key] and key in packed and packed[key] == index[key]
    for word in rnd.sample(sorted(targets), 500) + ["一二三四", "\ud800\ud800\ud800\ud800", "", "x", "农业\0", "a\0"]:
        assert (word in known) == (word in targets)
        assert packed.get(word) is None and word not in packed
    # read back from the cache folder, as the next run reads it
    again, _ = nearmiss.packed_index(lexicon, opts, "near-miss-test")
    assert [again.get(k) for k in sorted(index)[:500]] == [index[k] for k in sorted(index)[:500]]
    assert list(tmp_path.glob("trie-near-miss-test-*.marshal"))


def test_numeral_as_dash_finds_with_its_leading_lookaheads_what_it_finds_without_them():
    # SL615's patterns open with a lookahead for the digits, 一 and a digit that every match starts
    # with (for speed only): without it they match the same, on random text of digits, points,
    # percent signs, 一, other numerals, letters, colons and Chinese characters
    import regex

    rnd = random.Random(15)
    opts = options("SL615")
    alphabet = "0123456789" * 3 + ".%一一一二〇年月日号时点万千瓦:A/ 电话，。增长"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(3, 30))) for _ in range(20000)]
    texts += ["电负荷维持在2900一3200万千瓦", "2023年1一6月", "增幅为3.5%一5%", "1%一2%一3%", "电话：8888一6666"]
    checked = 0
    for compiled, _template in opts.patterns:
        source = compiled.pattern
        if not source.startswith("(?=[0-9]"):
            continue
        checked += 1
        plain = regex.compile(source[source.index(")") + 1:], regex.V1)
        for text in texts:
            assert ([m.span() for m in compiled.finditer(text)] == [m.span() for m in plain.finditer(text)]), (source, text)
    assert checked == 2


def test_a_stretchs_proposals_are_made_once_for_all_the_runs_of_a_run_of_lint(monkeypatch):
    # near-miss keeps each stretch's proposals between the runs of text (and the documents) of
    # one process: a stretch met in many sentences is looked up once; the findings are the same
    from speechlint.context import Context

    made = []
    real = nearmiss.proposals

    def proposals(w, *args, **kw):
        made.append(w)
        return real(w, *args, **kw)

    monkeypatch.setattr(nearmiss, "proposals", proposals)
    opts = options("SL402")
    line = "我们要以身做则，带头落实，大家要以身做则。"
    resources = Resources()
    found = [(f.line, f.match, f.replacement) for f in nearmiss.check(opts, Context((line, line), resources))]
    assert found == [(0, "以身做则", "以身作则"), (0, "以身做则", "以身作则"), (1, "以身做则", "以身作则"), (1, "以身做则", "以身作则")]
    assert made.count("以身做则") == 1 and len(made) == len(set(made))
    again = [(f.line, f.match, f.replacement) for f in nearmiss.check(opts, Context((line,), resources))]
    assert again == found[:2] and made.count("以身做则") == 1


def test_the_proposals_kept_are_in_the_language_of_the_lint():
    # a process may lint in English, then in Chinese (the language server's folders): the
    # details kept with the proposals are those of the language in use
    from speechlint import i18n
    from speechlint.context import Context

    opts = options("SL402")
    resources = Resources()
    details = []
    for lang in ("en", "zh", "en"):
        with i18n.using(lang):
            (f,) = nearmiss.check(opts, Context(("大家要以身做则。",), resources))
            details.append(f.detail)
    with i18n.using("zh"):
        (fresh,) = nearmiss.check(opts, Context(("大家要以身做则。",), Resources()))
    assert details[0] == details[2] != details[1] == fresh.detail


def test_the_doubling_finder_stops_where_the_regex_modules_lookahead_does():
    # repetition's finder is the standard library's re (faster for this lookahead): at every
    # starting point of random text with words doubled, astral characters among them, it finds
    # the same next position as the regex module's search of the same pattern
    import regex as regex_module

    from speechlint.kinds import repetition

    rnd = random.Random(5)
    pool = ["落实", "落", "实", "研究", "的", "𠀋", "𠀋𠀋", "a", "一", "十", "，"]
    for max_length in (1, 2, 6, 12):
        ours = repetition._doubling(max_length)
        theirs = regex_module.compile(r"(?s)(?=(.{1,%d})\1)" % max_length)
        for _ in range(400):
            text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30)))
            for at in range(len(text) + 1):
                got, want = ours.search(text, at), theirs.search(text, at)
                assert (got and got.start()) == (want and want.start()), (text, at)
