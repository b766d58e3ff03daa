"""SL403, the detector of single-character slips: one case of each kind of slip, each with its
clean counterpart, and the parts it is built from (readings, look-alikes, options)."""
from __future__ import annotations

import json
import pickle

import pytest

from conftest import builtin_rules, lint_text, shared_resources
from speechlint.cli import main
from speechlint.context import Resources
from speechlint.kinds import charslip
from speechlint.shapes import data_path, look_alikes

# (kind, sentence with the slip, its clean counterpart, the stretch, the suggested word)
CASES = [
    ("homophone", "各部门要进一步提高行政效率和服务质凉。", "各部门要进一步提高行政效率和服务质量。", "质凉", "质量"),
    ("near-homophone", "要大力发展现代龙业，保障粮食安全。", "要大力发展现代农业，保障粮食安全。", "龙业", "农业"),
    ("look-alike", "各级干部要认真贯切落实党中央决策部署。", "各级干部要认真贯彻落实党中央决策部署。", "贯切", "贯彻"),
    ("swap", "推动县域经济展发，促进农民增收。", "推动县域经济发展，促进农民增收。", "展发", "发展"),
    # one stroke added or left out (术 = 木 + 丶), though 木 is in too many characters to be a component's sign
    ("look-alike", "抽调专业人员，提供技木、法律等方面支持。", "抽调专业人员，提供技术、法律等方面支持。", "技木", "技术"),
]


def lint(tmp_path, capsys, text, *args):
    path = tmp_path / "a.txt"
    path.write_text(text + "\n", encoding="utf-8")
    # --fail-level info: a guess reported as info is found too (the status says whether any was)
    status = main(["--isolated", "--select", "SL403", "--fail-level", "info", *args, str(path)])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("kind,bad,good,stretch,word", CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_slip_is_found_and_its_clean_twin_stays_quiet(tmp_path, capsys, kind, bad, good, stretch, word):
    status, out = lint(tmp_path, capsys, bad)
    assert status == 1
    assert f"“{stretch}” may be a slip for “{word}”" in out
    if kind == "swap":
        assert "swapped" in out
    else:
        assert f"its {kind} " in out
    col = bad.index(stretch) + 1
    assert f":1:{col}: SL403" in out
    assert lint(tmp_path, capsys, good) == (0, "")


def test_the_fix_writes_the_suggested_word_only_when_unsafe_fixes_are_allowed(tmp_path, capsys):
    _, bad, good, _, _ = CASES[2]
    path = tmp_path / "a.txt"
    path.write_text(bad + "\n", encoding="utf-8")
    main(["--isolated", "--select", "SL403", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == bad + "\n"  # a guess is never a safe fix
    main(["--isolated", "--select", "SL403", "--fix", "--unsafe-fixes", str(path)])
    assert path.read_text(encoding="utf-8") == good + "\n"
    capsys.readouterr()


def slips_of(text, **changes):
    """SL403's findings in text with the shipped options, changed as asked."""
    import dataclasses

    from speechlint.ruleset import builtin_rules_dir, load_rule_file

    (path,) = builtin_rules_dir().glob("SL403-*.toml")
    opts = dataclasses.replace(load_rule_file(path).options, **changes)
    res = Resources()
    lexicon = res.lexicon()
    index = charslip.build_index(lexicon, opts.min_freq)
    return [(f[2], f[3]) for f in charslip.slips(text, lexicon, index, res.readings(), res.shapes(), opts, text, 0)]


def test_a_run_of_four_single_characters_is_a_compact_phrase_not_a_slip():
    text = "坚持以工哺农工作"  # 以/工/哺/农: a slogan of four single characters
    assert slips_of(text) == []
    # what the run limit keeps quiet: the run's characters are not even tried (with a longer
    # limit 工哺 -> 工部 is tried, and turned down because 工部|哺|农 leaves 哺 alone)
    import dataclasses

    from speechlint.ruleset import builtin_rules_dir, load_rule_file

    (path,) = builtin_rules_dir().glob("SL403-*.toml")
    opts = load_rule_file(path).options
    lexicon = Resources().lexicon()
    runs = charslip.lone_runs(lexicon.segment(text))
    assert list(charslip._changes(text, runs, opts)) == []
    assert (text.index("哺"), text.index("哺")) in charslip._changes(text, runs, dataclasses.replace(opts, max_run=99))


def test_numerals_are_never_taken_for_slips():
    text = "二〇二五年完成任务"
    assert slips_of(text) == []
    # 〇 would be taken for a slip (by a reading of 〇 that only pypinyin's table of characters lists)
    assert slips_of(text, skip=frozenset(), rare_readings="any") != []


def test_a_parallel_series_is_recognised():
    text = "严以修身、严以用权"  # a character of a pair that the series repeats (严以) is left alone
    assert charslip._parallel(text, text.rindex("以")) and charslip._parallel(text, text.rindex("严"))
    assert not charslip._parallel("严格修身，推动发展", 1)


def test_extra_gain_asks_more_evidence_of_a_relation():
    text = "各级干部要认真贯切落实党中央决策部署"
    assert ("贯切", "贯彻") in slips_of(text)
    extra = dict(charslip.DEFAULT_EXTRA, homophone=0.0)
    extra["look-alike"] = 50.0
    assert ("贯切", "贯彻") not in slips_of(text, extra=extra)


def test_a_homophone_by_a_rare_reading_needs_more_evidence():
    # 常 chang beside 长: pypinyin lists zhang first for 长, so they share only a rarer reading
    text = "健全常效机制巩固治理成果"
    assert slips_of(text) != []
    extra = dict(charslip.DEFAULT_EXTRA, homophone=0.0)
    extra["rare-reading"] = 50.0
    assert slips_of(text, extra=extra) == []


def test_a_stretch_inside_a_longer_word_is_attested_unless_it_straddles_its_parts():
    from speechlint.lexicon import Lexicon

    freq = {"贯彻": 5000, "实施": 5000, "贯彻实施": 800, "风": 100, "土": 100, "人": 100, "情": 100,
            "风土人情": 300, "风土": 3}
    lexicon = Lexicon(freq, sum(freq.values()), 8, None)
    attested = charslip.build_attested(lexicon, 10, tags={})
    assert "土人" in attested and "风土" in attested  # pairings inside 风/土/人/情
    assert "彻实" not in attested  # only 贯彻 beside 实施


def test_a_straddling_stretch_is_still_a_slip():
    assert ("彻实", "切实") in slips_of("要彻实做好安全生产工作")


def test_a_repeated_stretch_is_still_a_slip_where_the_document_also_writes_the_word(tmp_path, capsys):
    text = "提高服务质凉。\n改进服务质凉。\n服务质量要提高。"
    status, out = lint(tmp_path, capsys, text)
    assert status == 1 and out.count("SL403") == 2


def test_readings_tell_common_readings_from_rare_ones():
    readings = Resources().readings()
    assert readings.common("量") == "liang" and readings.common("凉") == "liang"
    assert readings.relation("凉", "量") == "homophone"
    assert readings.relation("龙", "农") == "near-homophone"  # l/n
    assert readings.relation("森", "生") == "near-homophone"  # s/sh and en/eng
    assert readings.relation("措", "次") == "rare-reading"    # 措 cuo shares only a rare reading with 次
    assert readings.relation("凉", "农") == ""
    kin = readings.kin("凉")
    assert kin["量"] == "homophone" and kin["粮"] == "homophone" and "凉" not in kin
    assert readings.kin("龙")["农"] == "near-homophone" and "凉" not in readings.kin("龙")


def test_look_alikes_differ_in_one_component_or_add_one():
    decompositions = {"很": [["彳", "艮"]], "银": [["金", "艮"], ["钅", "艮"]], "据": [["手", "居"], ["扌", "居"]],
                      "居": [["尸", "古"]], "好": [["女", "子"]]}
    table = look_alikes(decompositions)
    assert "银" in table["很"] and "很" in table["银"]
    assert "居" in table["据"] and "据" in table["居"]
    assert "手" not in table.get("据", "")  # a radical's full form is not what the eye sees
    assert "好" not in table["很"] and "很" not in table.get("好", "")


def test_a_component_pairs_with_a_character_only_as_its_body():
    # 居 is the body of 据 (扌 added), 斗 half of 科, 角 (which the data leaves undivided) of 触; 人, a
    # character of two strokes, is the small part of 伴 (人半), which no reader takes for 伴 (a news
    # headline's 芳华伴大爱 is no slip for 人大)
    decompositions = {"据": [["手", "居"], ["扌", "居"]], "居": [["尸", "古"]], "尸": [["㇆", "一", "丿"]],
                      "古": [["十", "口"]], "十": [["一", "丨"]], "口": [["冂", "一"]], "扌": [["一", "亅", "丿"]],
                      "科": [["禾", "斗"]], "禾": [["丿", "木"]], "木": [["十", "八"]], "斗": [["丶", "丶", "十"]],
                      "伴": [["人", "半"]], "人": [["丿", "乀"]], "半": [["八", "一", "十"]], "八": [["丿", "乀"]],
                      "触": [["角", "虫"]], "虫": [["中", "丶"]]}
    table = look_alikes(decompositions)
    assert "居" in table["据"] and "斗" in table["科"] and "角" in table["触"]
    assert "人" not in table.get("伴", "") and "伴" not in table.get("人", "")
    assert "半" in table["伴"]


def test_large_component_families_say_nothing_of_shape():
    many = {chr(0x5000 + i): [["氵", chr(0x6000 + i)]] for i in range(100)}   # 100 share 氵
    few = {chr(0x5100 + i): [["亻", chr(0x6000 + i)]] for i in range(3)}      # 3 share 亻
    table = look_alikes({**many, **few})
    assert all(chr(0x5000 + i) not in table.get(chr(0x5000 + i + 1), "") for i in range(99))
    assert chr(0x5101) in table[chr(0x5100)]
    # the same for a character inside others: 女 is in 100 of them, 居 in 2
    inside = {chr(0x5200 + i): [["女", chr(0x6100 + i)]] for i in range(100)}
    inside.update({"据": [["扌", "居"]], "锯": [["钅", "居"]]})
    table = look_alikes(inside)
    assert "女" not in table.get(chr(0x5200), "") and "居" in table["据"]


def test_one_stroke_added_is_a_look_alike_whatever_the_family():
    # 木 is in 100 characters: a component added to it says nothing, a stroke added does
    decompositions = {chr(0x5300 + i): [["木", chr(0x6200 + i)]] for i in range(100)}
    decompositions.update({"木": [["十", "八"]], "术": [["木", "丶"]], "亿": [["亻", "乙"]], "人": [["丿", "乀"]],
                           "亻": [["丿", "丨"]]})
    table = look_alikes(decompositions)
    assert "术" in table["木"] and "木" in table["术"]
    assert chr(0x5300) not in table.get("木", "")
    assert "人" not in table.get("亿", "")  # a hook is no stroke added, nor is a radical's form a character
    # nor does a component changed in a large family, unless the two components are a stroke apart
    decompositions.update({chr(0x5400 + i): [["日", chr(0x6300 + i)]] for i in range(100)})
    decompositions.update({"早": [["日", "十"]], "旱": [["日", "干"]], "干": [["一", "十"]], "十": [["一", "丨"]]})
    table = look_alikes(decompositions)
    assert "旱" in table["早"] and "早" in table["旱"] and chr(0x5400) not in table.get("早", "")


def test_the_shipped_table_knows_common_look_alikes():
    shapes = Resources().shapes()
    for a, b in [("很", "银"), ("径", "经"), ("切", "彻"), ("待", "侍"), ("据", "居"), ("土", "士"), ("术", "木"),
                 ("太", "大"), ("自", "目"), ("早", "旱"), ("拔", "拨")]:
        assert shapes.look_alike(a, b) and shapes.look_alike(b, a), (a, b)
    assert not shapes.look_alike("渭", "水") and not shapes.look_alike("好", "女")
    with open(data_path(), "rb") as fh:  # the source is the package's own data file
        assert isinstance(pickle.load(fh), dict)


def test_a_pair_the_decompositions_draw_apart_is_added_by_hand(tmp_path, capsys):
    # 釆 (丿 + 米) and 采 (爫 + 木) share no component in the data, yet a scan reads one for the other
    shapes = Resources().shapes()
    assert shapes.look_alike("釆", "采") and shapes.look_alike("采", "釆")
    assert "“釆取” may be a slip for “采取”" in lint(tmp_path, capsys, "要釆取有力措施，加强数据釆集。")[1]


def test_lone_runs_measure_runs_of_single_characters():
    assert charslip.lone_runs([(0, 2), (2, 3), (3, 4), (4, 6), (6, 7)]) == {2: 2, 3: 2, 6: 1}


def test_the_lone_characters_and_those_grammar_explains_as_plainly_stated():
    # lone_runs, _grammar and _changes as one loop over the spans states them (what they were
    # before they were made faster), on random segmentations of random text
    import random

    def runs_plain(spans):
        out, run = {}, []
        for a, b in list(spans) + [(-1, -3)]:
            if b - a == 1:
                run.append(a)
                continue
            for q in run:
                out[q] = len(run)
            run = []
        return out

    def grammar_plain(text, spans, tags):
        out = set()
        for k, (a, b) in enumerate(spans):
            if b - a != 1:
                continue
            prev = spans[k - 1] if k else None
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            if (tags.get(text[a]) in charslip.GRAMMAR_TAGS and nxt is not None and nxt[1] - nxt[0] > 1
                    and (prev is None or prev[1] - prev[0] > 1)):
                out.add(a)
            if prev is None or prev[1] - prev[0] > 1:
                e = k
                while e < len(spans) and spans[e][1] - spans[e][0] == 1:
                    e += 1
                if e - k >= 2 and e < len(spans) and text[spans[e][0]:spans[e][1]] in charslip.JOINING:
                    out.update(range(a, spans[e][0]))
        return frozenset(out)

    def changes_plain(text, runs, opts, explained):
        seen = set()
        for a, run in runs.items():
            if run > opts.max_run or text[a] in opts.skip or a in explained:
                continue
            yield a, a
            for c in (a - 1, a + 1):
                if 0 <= c < len(text) and c not in runs and c not in seen and text[c] not in opts.skip:
                    seen.add(c)
                    yield c, a

    rnd = random.Random(9)
    words = sorted(charslip.JOINING) + ["工作", "发展", "高质量"]
    tags = {"及": "c", "和": "c", "在": "p", "本": "r", "学": "v"}
    opts = charslip.prepare({})
    for _ in range(3000):
        pieces = [rnd.choice(words) if rnd.random() < 0.4 else rnd.choice("及和在本学思用投贷一，") for _ in range(rnd.randint(0, 12))]
        text, spans = "", []
        for piece in pieces:
            spans.append((len(text), len(text) + len(piece)))
            text += piece
        runs = charslip.lone_runs(spans)
        assert runs == runs_plain(spans) and list(runs) == list(runs_plain(spans)), spans
        explained = charslip._grammar(text, spans, None, tags)
        assert explained == grammar_plain(text, spans, tags) == charslip._grammar(text, spans, None, tags, runs), text
        assert charslip._changes(text, runs, opts, explained) == list(changes_plain(text, runs, opts, explained))


def test_unknown_extra_gain_keys_are_refused():
    with pytest.raises(ValueError, match="extra-gain.*typo-ish"):
        charslip.prepare({"extra-gain": {"typo-ish": 1.0}})
    with pytest.raises(ValueError, match="min-gain"):
        charslip.prepare({"min-gain": [9.0]})


def test_the_confidence_threshold_is_configurable(tmp_path, capsys):
    # a guess only just past the thresholds has a low confidence: reported as info, and gone
    # once the configured threshold asks for more
    status, out = lint(tmp_path, capsys, CASES[0][1], "--format", "json")
    (found,) = json.loads(out)
    assert found["severity"] == "info"
    (tmp_path / "speechlint.toml").write_text("min-confidence = 0.75\n", encoding="utf-8")
    status = main(["--config", str(tmp_path / "speechlint.toml"), "--select", "SL403", str(tmp_path / "a.txt")])
    assert status == 0 and capsys.readouterr().out == ""


def test_missing_or_damaged_language_data_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    from speechlint import shapes

    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "docs").mkdir()  # (a cache folder inside the linted folder would not be used)
    doc = tmp_path / "docs" / "a.txt"
    doc.write_text(CASES[0][1] + "\n", encoding="utf-8")
    damaged = tmp_path / "data.pkl"
    damaged.write_bytes(b"not a pickle")
    for path in (tmp_path / "missing.pkl", damaged):
        monkeypatch.setattr(shapes, "data_path", lambda path=path: path)
        assert main(["--isolated", "--select", "SL403", str(doc)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith("speechlint: error: ") and str(path) in err


def test_a_rule_with_a_bad_extra_gain_is_refused_naming_its_file(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "SL991-slips.toml").write_text(
        'code = "SL991"\nname = "my-slips"\nkind = "char-slip"\nmessage = "{match}"\n'
        'doc = "d"\n[options]\nextra-gain = { typo-ish = 1.0 }\n', encoding="utf-8")
    (tmp_path / "speechlint.toml").write_text('extend-rules = ["my-rules"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("好。\n", encoding="utf-8")
    assert main(["--config", str(tmp_path / "speechlint.toml"), str(doc)]) == 2
    err = capsys.readouterr().err
    assert "SL991-slips.toml" in err and "typo-ish" in err


def test_a_persons_name_attests_no_pairing():
    from speechlint.lexicon import Lexicon

    freq = {"丁日昌": 9, "日": 100, "昌": 100, "丁": 100, "风土人情": 300, "风": 100, "土": 100, "人": 100, "情": 100}
    lexicon = Lexicon(freq, sum(freq.values()), 4, None)
    attested = charslip.build_attested(lexicon, 10, tags={"丁日昌": "nr", "风土人情": "i"})
    assert "日昌" not in attested and "土人" in attested
    assert "日昌" in charslip.build_attested(lexicon, 10, tags={"丁日昌": "n"})


def test_a_pair_its_neighbours_repeat_in_the_other_order_is_no_swap():
    # 依法依规: 法依 stands beside 依法 itself, a pattern of the text (依X依Y), not a slip
    assert list(charslip._swaps("坚持依法依规", 3, "法依", 1)) == []
    assert list(charslip._swaps("坚持法依办事", 2, "法依", 1)) == [("依法", 0)]
    assert ("法依", "依法") not in slips_of("坚持依法依规办事")


SLIP = "要加强企业管里，提高经济效益。"  # 管里 for 管理: too weak a gain to report on its own


def test_a_slip_for_a_word_the_document_writes_elsewhere_needs_less_evidence(tmp_path, capsys):
    assert lint(tmp_path, capsys, SLIP) == (0, "")
    others = "健全企业管理制度。\n推进企业管理创新。\n"
    status, out = lint(tmp_path, capsys, others + SLIP)
    assert status == 1 and "“管里” may be a slip for “管理”" in out and ":3:6: SL403" in out
    assert lint(tmp_path, capsys, others + SLIP.replace("管里", "管理")) == (0, "")


def test_what_the_document_says_of_a_correction():
    import dataclasses

    from speechlint.ruleset import builtin_rules_dir, load_rule_file

    (path,) = builtin_rules_dir().glob("SL403-*.toml")
    opts = dataclasses.replace(load_rule_file(path).options, doc_bonus=2.0, doc_count=2,
                               doc_penalty=3.0, doc_size=100)
    short = charslip.doc_evidence(opts, "管理。管理。管里")
    assert short("管里", "管理") == -2.0  # written twice: the author's word
    assert charslip.doc_evidence(opts, "管理。管里")("管里", "管理") == 0.0  # once is not enough
    assert short("管里", "理财") == pytest.approx(3.0 * 6 / 100)  # a short text says little by what it lacks
    half = charslip.doc_evidence(opts, "发展" * 25)
    assert half("管里", "理财") == pytest.approx(1.5)  # half the size, half the penalty
    long = charslip.doc_evidence(opts, "发展" * 60)
    assert long("管里", "理财") == 3.0  # a long document that never writes it: in full, and no more
    assert charslip.doc_evidence(opts, "a" * 500 + "发展")("管里", "理财") == pytest.approx(0.06)  # counted in Chinese
    assert charslip.doc_evidence(dataclasses.replace(opts, doc_bonus=0.0), "管理。管理。")("管里", "管理") == 0.0


def test_doc_evidence_options_are_checked():
    with pytest.raises(ValueError, match="doc-bonus"):
        charslip.prepare({"doc-bonus": -1.0})
    with pytest.raises(ValueError, match="finite"):
        charslip.prepare({"doc-penalty": float("inf")})
    with pytest.raises(ValueError, match="doc-size"):
        charslip.prepare({"doc-size": 0})
    with pytest.raises(ValueError, match="smaller than every 'min-gain'"):
        charslip.prepare({"doc-bonus": 7.0, "min-gain": [9.0, 7.0, 10.0]})
    assert charslip.prepare({"min-gain": [0.0, 0.0, 0.0]}).doc_bonus == 0.0  # no bonus, no limit


def test_a_series_of_four_that_changes_one_character_is_parallel():
    text = "守土有责、守土知责、守土尽责"
    assert all(charslip._parallel(text, text.index(ch)) for ch in "有知尽")
    assert not charslip._parallel("要做到守土知责，履职尽责", 5)


def test_a_swap_gains_nothing_from_the_document_writing_the_word(tmp_path, capsys):
    others = "国家发展。\n国家安全。\n"
    assert lint(tmp_path, capsys, others + "体现家国情怀。") == (0, "")


@pytest.mark.parametrize("text", ["提高行政效率和服务质凉，改善服务质量", "认真贯切落实，认真贯彻执行",
                                  "推进企业管理创新，要加强企业管里工作"])
def test_the_correct_word_written_nearby_is_no_series(text):
    # the stretch around the slip shares three characters with the right word, which stands
    # close by; that is the slip and its correction, not a series of parallel phrases
    a = next(i for i, ch in enumerate(text) if ch in "凉切里")
    assert not charslip._parallel(text, a)


def test_the_neighbour_of_a_lone_character_is_tried_too():
    # 高志量: 志 for 质 joins 高 into 高志 and leaves 量 alone; the slip is the neighbour
    text = "推动经济社会高志量发展"
    assert ("高志量", "高质量") in slips_of(text)
    assert ("高志量", "高质量") not in slips_of(text, neighbour=99.0)
    assert slips_of("推动经济社会高质量发展") == []


def test_a_stretch_the_document_writes_three_times_is_a_term_of_its_own(tmp_path, capsys):
    others = "健全企业管理制度。\n推进企业管理创新。\n"
    twice = others + SLIP + "\n" + SLIP
    assert lint(tmp_path, capsys, twice)[1].count("SL403") == 2  # a slip copied once is still a slip
    thrice = twice + "\n" + SLIP
    assert lint(tmp_path, capsys, thrice) == (0, "")


def test_a_stretch_in_a_short_quotation_is_named_not_written(tmp_path, capsys):
    others = "健全企业管理制度。\n推进企业管理创新。\n"
    assert lint(tmp_path, capsys, others + "要加强企业“管里”，提高经济效益。") == (0, "")
    assert charslip._named("说“管里”好", 2, 4) and charslip._named("推进“情指行”一体化", 4, 6)
    assert not charslip._named("说“要加强企业管里”好", 7, 9)  # a quoted sentence is running text
    assert not charslip._named("推进“甲”管里”乙", 5, 7)  # outside the quotation that closed
    assert not charslip._named('推进"放管服"和管里"双随机"', 8, 10)  # ASCII " opens and closes


def test_a_title_in_title_marks_is_left_alone(tmp_path, capsys):
    assert lint(tmp_path, capsys, "关于印发《服务质凉提升方案》的通知")[1] == ""
    assert "SL403" in lint(tmp_path, capsys, "关于印发服务质凉提升方案的通知")[1]
    assert charslip._in_title("《甲》乙丙", 3, 5) is False and charslip._in_title("《甲乙》", 1, 3)


def test_a_correction_must_take_back_the_lone_characters_beside_it(tmp_path, capsys):
    # 比对 and 实训 are missing from jieba; 自动化|对 and 实验室|训 would leave 对 and 训 alone,
    # so the correction explains nothing of the written pair
    assert lint(tmp_path, capsys, "推进生产自动化。\n提高管理自动化水平。\n系统对两份材料进行自动比对。") == (0, "")
    assert lint(tmp_path, capsys, "建设实验室。\n改造实验室。\n开展虚拟实验实训。") == (0, "")
    # 柔性|产线 as 柔|生产线 takes 性 away from 柔
    assert lint(tmp_path, capsys, "面向柔性产线布局的物流配送技术。") == (0, "")
    # a frequent word left beside the correction is grammar: 要|切实, 开采|和|综合
    assert ("彻实", "切实") in slips_of("要彻实做好安全生产工作")
    assert ("开釆", "开采") in slips_of("推进矿产资源合理开釆和综合利用")
    assert ("质凉", "质量") in slips_of("各部门要进一步提高行政效率和服务质凉")


def test_leaves_alone_reads_the_corrected_context():
    res = Resources()
    lexicon, tags = res.lexicon(), res.lexicon().tags()
    text = "进行产品信息的自动比对"
    i = text.index("自动比")
    assert charslip._leaves_alone(text, i, 3, "自动化", lexicon, tags, frozenset())
    text = "要彻实做好安全生产工作"
    assert not charslip._leaves_alone(text, 1, 2, "切实", lexicon, tags, frozenset())


def test_an_abbreviation_the_document_spells_out_is_no_slip(tmp_path, capsys):
    # 诉服 is 诉讼服务 shortened; without the full form the guess stands
    assert "SL403" in lint(tmp_path, capsys, "提升诉服装备水平。")[1]
    assert lint(tmp_path, capsys, "健全诉讼服务体系，提升诉服装备水平。") == (0, "")
    lexicon = Resources().lexicon()
    assert charslip.abbreviation("培养硕士和博士研究生", "硕", "博", lexicon)
    assert charslip.abbreviation("推进数字化、网络化、智能化发展", "数", "智", lexicon)
    assert not charslip.abbreviation("培育龙头企业", "龙", "业", lexicon)  # 企业 does not begin with 业
    assert not charslip.abbreviation("提高服务质量", "质", "凉", lexicon)


def test_a_document_number_is_left_alone(tmp_path, capsys):
    assert lint(tmp_path, capsys, "根据《关于推进装备制造业发展的通知》（济经信装备字〔2018〕12号）要求。") == (0, "")
    assert charslip.doc_number("济经信装备字〔2018〕12号", 2)
    assert not charslip.doc_number("济经信装备字工作", 2)


def test_a_swap_into_a_persons_name_is_no_slip(tmp_path, capsys):
    # jieba takes 惠普 for a name (nr): two keys struck in the wrong order make a common word
    assert lint(tmp_path, capsys, "发展普惠养老服务。") == (0, "")
    assert charslip._name_tag({"惠普": "nr"}, "惠普") and not charslip._name_tag({"发展": "vn"}, "发展")


def test_two_parallel_phrases_that_open_with_opposites(tmp_path, capsys):
    # 东联日韩、西引黄河流域: 西 pairs with 东 (东西) and 西引 is the second phrase's head and verb
    others = "吸引投资。\n吸引人才。\n"
    assert lint(tmp_path, capsys, others + "推动东联日韩、西引黄河流域，扩大开放。") == (0, "")
    assert "SL403" in lint(tmp_path, capsys, others + "推动开放、西引黄河流域，扩大开放。")[1]
    lexicon = Resources().lexicon()
    line = "推动东联日韩、西引黄河流域"
    assert charslip.paired_heads(line, line.index("西"), lexicon)
    assert not charslip.paired_heads("推动发展、西引黄河流域", 5, lexicon)


# --- names and coinages that the text around a stretch vouches for (issue 11) -----------------

def test_a_quotation_used_as_a_name_is_left_alone_and_a_quoted_sentence_is_not(tmp_path, capsys):
    assert "SL403" in lint(tmp_path, capsys, "建设绿色智汇产业城。")[1]
    assert lint(tmp_path, capsys, "建设“绿色智汇”产业城。") == (0, "")  # the name of a programme
    assert "SL403" in lint(tmp_path, capsys, "推动政府首购。")[1]
    # a quoted sentence, or a quotation followed by 的 or a mark, is running text
    assert "SL403" in lint(tmp_path, capsys, "他强调“要推动政府首购”的要求。")[1]
    assert "SL403" in lint(tmp_path, capsys, "他强调：“要推动政府首购。”")[1]
    assert charslip._quoted_name("以“甲乙丙，丁戊己”为题", 2, 4)
    assert not charslip._quoted_name("以“甲乙丙丁戊己庚辛壬癸子丑寅”为题", 2, 4)  # too long for a name
    assert not charslip._quoted_name("说“甲乙”", 2, 4)  # nothing follows: not used as a name


def test_the_trade_name_of_a_registered_company_is_left_alone_but_not_its_trade_words(tmp_path, capsys):
    assert "SL403" in lint(tmp_path, capsys, "杭州链合创新")[1]
    assert lint(tmp_path, capsys, "杭州链合信息技术有限公司") == (0, "")  # 行政区划 + 字号 + 行业 + 组织形式
    places = lambda: frozenset({"杭州", "江门市"})  # noqa: E731 (the table, loaded when asked)
    line = "江门市智能装杯有限公司"
    assert not charslip.registered(line, 5, 7, places)  # the trade's word, just before the form
    assert charslip.registered("杭州链合信息技术有限公司", 2, 4, places)
    assert not charslip.registered("要加强链合信息技术有限公司", 3, 5, places)  # no place before it


def test_a_coinage_of_the_documents_own_theme_is_left_alone(tmp_path, capsys):
    # (智造 is in the rule's vocabulary of official prose now: the theme is asked of directly)
    counts = charslip.char_counts(Resources().lexicon())
    plain = "发展新能源和新材料。\n推进工厂建设，提升管理水平。\n培育城市和网联汽车。\n建设电网和交通。\n建设智造园区。"
    assert not charslip.themes(plain, counts)("智", "智造")
    themed = "发展智能终端和智能家居。\n推进智能工厂建设，提升智能化水平。\n培育智慧城市和智能网联汽车。\n建设智能电网和智能交通。\n建设智造园区。"
    assert charslip.themes(themed, counts)("智", "智造")  # 智 is the theme: 智造 is made of it
    assert not charslip.themes(themed, counts)("造", "智造")
    assert lint(tmp_path, capsys, themed) == (0, "")


def test_terms_of_a_field_are_words_only_in_that_fields_phrases(tmp_path, capsys):
    # (the rule's vocabulary: 位姿 and 制播, which jieba lacks, in phrases no slip makes)
    assert lint(tmp_path, capsys, "机器人能够自动识别工件位姿，推进超高清制播能力建设。") == (0, "")
    assert "“位姿” may be a slip for “位置”" in lint(tmp_path, capsys, "请将车辆停放在指定位姿。")[1]
    assert "“制播” may be a slip for “直播”" in lint(tmp_path, capsys, "大会将在网站上进行全程制播。")[1]


def test_the_one_character_in_which_two_items_of_a_series_differ_is_no_slip(tmp_path, capsys):
    assert "SL403" in lint(tmp_path, capsys, "支持钽酸锂薄膜等产业化。")[1]
    assert lint(tmp_path, capsys, "支持钛酸锂、钽酸锂薄膜等产业化。") == (0, "")
    assert "SL403" in lint(tmp_path, capsys, "推动政府首购。")[1]
    assert lint(tmp_path, capsys, "推动政府首购和订购。") == (0, "")
    # the right word beside the slip is no series: they differ in a character beside the mark
    assert not charslip.series("服务群众、尊重群重首创精神", 9)


def test_proper_names_of_news_and_notices_are_left_alone(tmp_path, capsys):
    assert "SL403" in lint(tmp_path, capsys, "要大力发展现代龙业，保障粮食安全。")[1]
    # a township's name, between its county and 乡 (镇, 村, 某族乡)
    assert lint(tmp_path, capsys, "青川县龙业乡召开了秋收动员会。") == (0, "")
    assert charslip.township("某某市某区甲乙布依族苗族乡", 5, 7)
    assert not charslip.township("认真贯切县委部署", 2, 4)  # no county before it: 县委 follows
    # one name of a list of people's names
    assert lint(tmp_path, capsys, "大会主席团成员：张明、王龙业、刘强、陈静。") == (0, "")
    family = frozenset("张王刘陈")
    assert not charslip.name_list("要服务群众、王龙业同志", 7, 9, family)  # no list
    # the last name of a list that ends its sentence, the people introduced before it (…负责人张明、
    # 刘强、陈龙业。); a list of words that begin with surnames ends its sentence as often (文化、科血。)
    listed = "有关部门负责人张明、刘强、陈龙业。市领导参加。"
    assert charslip.name_list(listed, listed.index("龙业"), listed.index("龙业") + 2, family)
    unlisted = "主要内容包括张明、刘强、陈龙业。市领导参加。"
    assert not charslip.name_list(unlisted, unlisted.index("龙业"), unlisted.index("龙业") + 2, family)
    assert lint(tmp_path, capsys, "有关人民团体负责人张明、刘强、陈静、王龙业。市领导参加会议。") == (0, "")
    assert "SL403" in lint(tmp_path, capsys, "本次培训的主要内容包括：政治理论、经济、文化、科血。")[1]
    # a quotation of verse or a balanced couplet
    assert lint(tmp_path, capsys, "诗中写道“龙业千秋盛，春风万里来”，意境开阔。") == (0, "")
    assert not charslip._verse("他说“要加强企业管里，提高效益”。", 7, 9)  # clauses of unequal length


def test_names_after_a_title_on_author_lines_and_of_streets():
    family = frozenset("王李张刘陈甘")
    line = "县人大常委会原主任厉龙业，因严重违纪被开除党籍。"  # 厉 is no common surname
    assert charslip.person(line, 10, 12, family)
    assert not charslip.person("书记强调要贯切落实，抓好工作。", 5, 7, family)  # the run goes on: no name
    # a name of no common surname with the verb of what the person said after it
    said = "石榴村党总支书记字享伟介绍，村里邻里和睦。"
    assert charslip.person(said, 9, 11, family)
    assert charslip.person("镇长普会强说：“今年要建好三座桥。”", 2, 4, family)
    assert not charslip.person("党委书记要介绍经验。", 4, 6, family)  # 要介 is no name
    # two characters there may be the adverb a slip was made in: 名确 for 明确
    assert not charslip.person("县委书记名确指出，要抓好落实。", 4, 6, family)
    assert not charslip.person("主任减要介绍了情况。", 2, 4, family)
    # a stretch at the line's end, after a title: no name runs past it (and nothing is read beyond it)
    assert not charslip.person("县委书记名确", 4, 6, family)
    sl403 = [r for r in builtin_rules() if r.code == "SL403"]
    assert all("internal error" not in d.message for d in lint_text("会上，县委书记名确\n", sl403))
    assert charslip.author_line("甘龙业 王明 李强", 1, 3, family)
    assert not charslip.author_line("乡村振兴 共同富裕", 0, 2, family)  # not names
    assert charslip.street("某某县公安局龙业大街派出所接到报警。", 6, 8)
    assert not charslip.street("要大力发展现代龙业，保障粮食安全。", 7, 9)
    assert charslip.author_line("甘龙业", 1, 3, family) and not charslip.author_line("乡村振兴", 0, 2, family)


def test_what_a_notice_never_writes_weighs_by_its_length(tmp_path, capsys):
    # 视情 (视情况) is a term of official style that the dictionary lacks; alone, the sentence
    # looks like a slip for 事情; in a notice of two pages that never writes 事情 it does not
    term = "有关部门视情从严从重处理。"
    status, out = lint(tmp_path, capsys, term)
    assert status == 1 and "“视情” may be a slip for “事情”" in out
    body = "\n".join(["推进各项改革任务落地见效，健全工作机制，强化督促检查。"] * 100)
    assert lint(tmp_path, capsys, body + "\n" + term) == (0, "")
    # a real slip in the same notice is still found: the document writes the word it was meant for
    slip = "加强企业管里，健全企业管理制度，推进企业管理创新。"
    status, out = lint(tmp_path, capsys, body + "\n" + slip)
    assert status == 1 and "“管里” may be a slip for “管理”" in out


def test_a_correction_does_not_break_a_term_the_document_writes_again_and_again(tmp_path, capsys):
    # 计算 would take 算 from 算力, which the plan writes again and again
    slip_like = "降低设备接入及算力服务门槛，提高计算效率，优化计算资源。"
    status, out = lint(tmp_path, capsys, slip_like)
    assert status == 1 and "“及算” may be a slip for “计算”" in out
    own = "统筹算力布局，建设算力网络，提升算力水平。"
    assert lint(tmp_path, capsys, own + slip_like) == (0, "")
    # the pair must carry most of the document's uses of the character: 算 in 计算, 预算, 核算 …
    # says nothing of 算力
    assert not charslip.takes_from_term("算力。算力。算力。计算。预算。核算。估算。运算。及算力", "及算力", 0, 2, [0], {})
    assert charslip.takes_from_term("算力。算力。算力。及算力", "及算力", 0, 2, [0], {})
    # a word of the dictionary is weighed by the gain, not here
    assert not charslip.takes_from_term("人民。人民。人民。人民去院", "人民去院", 1, 3, [2], {"人民": 1})


def test_a_prefix_the_document_uses_is_no_slip():
    import dataclasses

    # 跨 read kù is only in pypinyin's table of characters: with every such reading allowed, 数据跨
    # would be a slip for 数据库, unless the document uses 跨 as a prefix (by default it is no pair)
    (rule,) = [r for r in builtin_rules() if r.code == "SL403"]
    loose = dataclasses.replace(rule, options=dataclasses.replace(rule.options, rare_readings="any"))
    base = "加强数据库建设，完善数据库管理，推进数据库共享。实现数据跨系统互联互通。"
    found = lint_text(base, [loose])
    assert [(d.code, d.message) for d in found if "数据跨" in d.message]
    prefix = "推动跨层级协同，加强跨领域合作，开展跨模态标注。"
    assert lint_text(prefix + base, [loose]) == []
    assert lint_text(base, [rule]) == []


def test_a_prefix_needs_words_on_both_sides():
    from speechlint.lexicon import load_lexicon

    lexicon = load_lexicon()
    used = "推动跨层级协同，加强跨领域合作，开展跨模态标注。"
    assert charslip.own_prefix(used, "跨", lexicon)
    # 冶 written for 治 before words (主冶|医师, 防冶|专业, 整冶|工作) does not stand after a word
    slips = "第三医院主冶医师，病虫害防冶专业组织，排查整冶工作。"
    assert not charslip.own_prefix(slips, "冶", lexicon)
    # nor is a character a prefix when most of its uses are in words (跨越, 跨度)
    assert not charslip.own_prefix(used + "跨越发展，跨越赶超，大跨度，跨越式，跨越障碍。", "跨", lexicon)


def test_a_name_after_a_foreign_office_runs_to_a_mark_or_a_verb_of_saying():
    line = "菲律宾总统杜特尔特说，要加强合作。"
    assert charslip.foreign_person(line, 5, 7)
    listed = "奥地利总统范德贝伦、蒙古总理呼日勒苏赫出席会议。"
    assert charslip.foreign_person(listed, listed.index("呼日"), listed.index("呼日") + 2)
    assert not charslip.foreign_person("形成杜特优势。", 2, 4)  # no office before it
    # a sentence after an office is no name: it runs past the longest name before a mark
    sentence = "总统府将加快推进基础设施建设，"
    assert not charslip.foreign_person(sentence, 5, 7)


def test_a_province_said_by_its_one_character_name_is_no_slip():
    assert charslip.province("广大驻赣部队官兵", 3, "港")  # one province for another
    assert charslip.province("组织医疗队援鄂", 6, "饿")  # after a verb that takes a place
    assert not charslip.province("要加强管里", 4, "理")
    assert charslip.province("赣南老区", 0, "甘")  # 甘南 is a place too: which is meant, the writer knows
    assert not charslip.province("发展京剧", 2, "经")  # 京 for 经, and no verb of place before it


def test_a_phrase_woven_from_two_words_is_no_swap():
    lexicon = {"纾解": 3, "困难": 9, "解难": 9, "贯彻": 9, "执行": 9}
    assert charslip.woven("出台纾困解难措施", 3, 5, [3, 4], lexicon)
    assert not charslip.woven("认真贯执彻行", 3, 5, [3, 4], lexicon)  # neither half is a word
    assert charslip.woven("运用身边案件来释纪释法", 6, 8, [7], lexicon)  # 释 said twice on purpose
    assert not charslip.woven("坚持依法依归", 4, 6, [5], lexicon)  # the slip is not the repeated character


def test_a_character_made_standard_again_is_no_slip_for_the_one_it_replaced(tmp_path, capsys, monkeypatch):
    # a long plan that never writes 胶粘剂: jieba's dictionary knows only the older form
    body = "\n".join(["推进各项改革任务落地见效，健全工作机制，强化督促检查。"] * 200)
    text = body + "\n重点发展油田化学品、生物工程化学品、胶黏剂、工业气体专用化学品等。"
    assert lint(tmp_path, capsys, text) == (0, "")
    monkeypatch.setattr(charslip, "RESTORED", {})
    status, out = lint(tmp_path, capsys, text, "--no-cache")  # the code changed, not the text
    assert status == 1 and "“胶黏剂” may be a slip for “胶粘剂”" in out


def test_two_heads_of_items_that_end_in_the_same_word_are_set_against_each_other():
    lexicon = {"智能": 9, "落实": 9, "服务": 9}
    line = "推动实现从单品智能到全屋智能的转变"
    assert charslip.shared_tail(line, 5, 7, "产品", lexicon)
    back = "从全屋智能到单品智能"
    assert charslip.shared_tail(back, 6, 8, "产品", lexicon)
    # the other item is the right form: a slip beside it
    assert not charslip.shared_tail("认真关彻落实、贯彻落实", 2, 4, "贯彻", lexicon)
    assert not charslip.shared_tail("推动单品智能发展", 2, 4, "产品", lexicon)  # no second item


def test_the_heads_of_a_series_are_still_checked():
    # items of a series share their tail (…安全、…安全), and a slip in one head is still a slip
    lexicon = {"安全": 9}
    line = "国家安全、公共安全、金荣安全、生态安全"
    assert not charslip.shared_tail(line, 10, 12, "金融", lexicon)


def test_a_line_in_traditional_script_is_not_read_for_slips(tmp_path, capsys, monkeypatch):
    from speechlint.kinds import nearmiss

    text = "堅持獨立自主的和平外交政策。\n陽光照耀著大地。"
    assert lint(tmp_path, capsys, text, "--select", "SL4") == (0, "")
    # read as simplified text, 獨 and 陽 are "slips" for 独 and 阳
    monkeypatch.setattr(charslip, "in_traditional", lambda line: False)
    monkeypatch.setattr(nearmiss, "in_traditional", lambda line: False)
    status, out = lint(tmp_path, capsys, text, "--select", "SL4", "--no-cache")
    assert status == 1 and "獨立自主" in out and "陽光" in out


def test_the_name_and_phrase_readings_do_not_hide_slips_in_plain_prose():
    from speechlint.lexicon import load_lexicon

    lexicon = load_lexicon()
    # a character said twice, but the corrected phrase is a word: 建立健全
    line = "要建立建全长效机制"
    assert not charslip.woven(line, 3, 5, [3], lexicon, "健全")
    assert charslip.woven("以案释纪释法", 1, 3, [2], lexicon, "案世")  # 释纪释法 is no word
    # after a Chinese office, a sentence holds frequent words: not a transliterated name
    sentence = "政协主席在全体会义上强调"
    assert not charslip.foreign_person(sentence, 8, 10, lexicon)
    assert charslip.foreign_person("菲律宾总统杜特尔特说", 5, 7, lexicon)
    # 来 is no verb that puts a place after it: 来京济 is 来经济 misspelt
    assert not charslip.province("深入来京济社会发展一线", 3, "经")
    # a word set against a slip is no pair of coinages
    assert not charslip.shared_tail("实现从数量增长到质亮增长", 8, 10, "质量", lexicon)


def test_a_place_named_by_its_kind_of_unit_is_no_slip(tmp_path, capsys, monkeypatch):
    # 我盟 (a league of Inner Mongolia, said by its own government), not a slip for 我们
    text = "我们要加强管理。我们要落实责任。\n根据自治区有关规定，结合我盟实际，制定本办法。"
    assert lint(tmp_path, capsys, text) == (0, "")
    monkeypatch.setattr(charslip, "UNITS", frozenset())
    status, out = lint(tmp_path, capsys, text, "--no-cache")
    assert status == 1 and "“我盟” may be a slip for “我们”" in out


def test_an_envoy_and_a_list_of_companies_are_names():
    family = frozenset("陈李")
    line = "陈立大使在新春招待会上致辞"
    assert charslip.person(line, 0, 2, family)
    assert not charslip.person("陈立新制度", 0, 2, family)
    listed = "会上，一公司、三公司、天丰公司、机械分公司等单位作了述职。"
    at = listed.index("丰")
    assert charslip.organisations(listed, at, at + 3)
    assert not charslip.organisations("要坚持天丰公司发展。", 3, 6)  # no list of companies
    slip = "一公司、三分司、机械分公司"  # a slip in the ending itself is no name
    assert not charslip.organisations(slip, slip.index("分司"), slip.index("分司") + 2)


def test_a_slip_inside_a_listed_companys_name_is_still_a_slip():
    listed = "一、县供水公司、燃汽公司、热力公司要加强设备巡查。"
    at = listed.index("燃汽")
    assert not charslip.organisations(listed, at, at + 2)  # the correction leaves the ending alone


def test_digests_hold_exactly_the_strings_they_were_made_of():
    from speechlint.kinds.charslip import Digests

    kept = Digests(Digests.of(["惩防", "彻实", "联防联控"]))
    assert "惩防" in kept and "联防联控" in kept and "彻实" in kept
    assert "防惩" not in kept and "" not in kept and "惩" not in kept
    assert "x" not in Digests(Digests.of([]))


@pytest.mark.parametrize("line", ["建立食品生产经营从业禁入制度。", "未成年人禁入的场所应当设置明显标志。",
                                  "外资禁入领域另行规定。", "视情对试点城市开展实地调研。",
                                  "学习古时勤廉楷模的风骨。", "举办智造创新者大会，推动中国智造走向世界。"])
def test_terms_of_official_prose_that_the_dictionary_lacks_are_no_slips(line):
    assert not [d for d in lint_text(line, builtin_rules()) if d.code == "SL403"]


def test_a_real_slip_for_the_term_is_still_one():
    got = [d for d in lint_text("这些视情对群众来说都是大事，必须办好。", builtin_rules()) if d.code == "SL403"]
    assert got and "事情" in got[0].message


def test_a_columns_name_that_opens_a_headline_is_no_slip():
    # a medium's column is a coinage of its own (视评: 视频评论), named before the headline's colon
    sl403 = [r for r in builtin_rules() if r.code == "SL403"]
    headline = "【地评线】太阳鸟视评：向着共同富裕宏伟目标笃定前行"
    assert charslip._column(headline, headline.index("视评"), headline.index("视评") + 2)
    assert [d for d in lint_text(headline + "\n", sl403)] == []
    # the same stretch in running text, and a label that names no column, are judged as before
    assert not charslip._column("他说太阳鸟视评很好看：", 3, 5)
    assert not charslip._column("一、总体要求：", 2, 4)
    assert not charslip._column("专家典评：推动高质量发展。", 2, 4)  # no outlet's label: a slip is possible


def test_a_copy_of_the_rule_with_another_min_freq_does_not_change_what_the_rule_finds():
    """The memo of a shape's words is the index's of the rule's min-freq: a user's copy of
    SL403 with a higher min-freq, run first in the same process, once left the rule its own
    (smaller) word lists."""
    import dataclasses

    from speechlint.document import from_text
    from speechlint.engine import lint

    (sl403,) = [r for r in builtin_rules() if r.code == "SL403"]
    strict = dataclasses.replace(sl403, code="SL903", options=dataclasses.replace(sl403.options, min_freq=100000))
    text = "各部门要进一步提高服务质凉，推动县域经济发展，各级干部要认真贯切落实党中央决策部署。\n"
    alone = [(d.column, d.message) for d in lint(from_text("a.txt", text), [sl403], Resources())]
    res = Resources()
    lint(from_text("a.txt", text), [strict], res)
    after = [(d.column, d.message) for d in lint(from_text("a.txt", text), [sl403], res)]
    assert alone and after == alone


def test_a_rare_reading_counts_only_between_characters_that_share_a_component(tmp_path, capsys):
    from speechlint.shapes import Shapes

    shapes = Shapes()
    assert shapes.share_part("培", "部") and shapes.share_part("菅", "管")  # 咅, 官
    assert shapes.share_part("域", "或") and shapes.share_part("厂", "广")  # a part; a stroke of a simple one
    assert not shapes.share_part("茯", "市") and not shapes.share_part("勤", "企")
    readings = shared_resources().readings()
    assert readings.read_alike("常", "长") and not readings.read_alike("茯", "市")
    # 市 read fú is pypinyin's alone: 咸阳茯茶 is a tea, not a slip for 咸阳市
    assert lint(tmp_path, capsys, "咸阳市积极培育咸阳茯茶品牌。") == (0, "")
    assert slips_of("咸阳市积极培育咸阳茯茶品牌", rare_readings="any") == [("咸阳茯", "咸阳市")]
    # a reading both are read by in words still relates them (常 for 长 in 长效机制)
    assert [(w, c) for w, c in slips_of("健全常效机制巩固治理成果") if "常" in w and "长" in c]


def test_rare_readings_takes_one_of_its_values():
    assert charslip.prepare({"rare-readings": "any"}).rare_readings == "any"
    assert charslip.prepare({}).rare_readings == "attested"
    with pytest.raises(ValueError, match="rare-readings"):
        charslip.prepare({"rare-readings": "loose"})


def test_a_sibling_of_a_coinage_beside_it_is_no_slip():
    lexicon = shared_resources().lexicon()
    line = "有的地方实行“林长制+矿山山长制”，推进矿山生态修复。"
    a = line.index("山长制")
    assert charslip.sibling_coinage(line, a, "山长制", "三长制", lexicon)
    # a sibling that the dictionary has says nothing (民政部), nor one far off, nor a shared head
    line = "会同民政部、柴政部等部门"
    assert not charslip.sibling_coinage(line, line.index("柴政部"), "柴政部", "财政部", lexicon)
    line = "林长制" + "，推进工作" * 6 + "山长制"
    assert not charslip.sibling_coinage(line, line.index("山长制"), "山长制", "三长制", lexicon)
    assert not charslip.sibling_coinage("提高服务质效和服务质凉", 7, "服务质凉", "服务质量", lexicon)
    # a tail that is a word (中央) follows any word: 落实|中央 is no sibling of 档中央
    line = "贯彻落实档中央全面从严治党战略部署，严格落实中央八项规定精神。"
    assert not charslip.sibling_coinage(line, line.index("档中央"), "档中央", "党中央", lexicon)
    sl403 = [r for r in builtin_rules() if r.code == "SL403"]
    assert not lint_text("有的地方实行“林长制+矿山山长制”，推进矿山生态修复。\n", sl403)


def test_every_name_of_a_bylines_list_and_a_rare_character_for_its_sound_are_no_slips():
    rules = [r for r in builtin_rules() if r.code == "SL403"]
    for text in ("本报北京3月2日电 记者 张伟 申铖 王静",  # every name after 记者, not only the first
                 "端午佳节，粽叶飘香，社区开展包粽子活动。"):  # 粽 (uncommon) is no slip for its near-homophone 中
        assert not lint_text(text + "\n", rules), text


def test_a_foreign_name_written_by_sound_is_no_slip():
    lexicon = shared_resources().lexicon()
    rules = [r for r in builtin_rules() if r.code == "SL403"]
    # 琳 and 林 both write the sound lin in a foreign name: neither is a slip for the other
    for text in ("美国总统弗莱克琳顿发表讲话。",
                 "代表团团长安娜·克琳顿出席了开幕式。"):
        assert not lint_text(text + "\n", rules), text
    line = "欧洲议会代表弗莱克琳顿接受了采访"
    assert charslip.transliterated(line, line.index("琳"), line.index("琳") + 1, lexicon)
    # a run of such characters that holds a frequent word is Chinese, not a name (意大利 4,556)
    line = "意大利罗马"
    assert not charslip.transliterated(line, 3, 4, lexicon)
    # three of them are a name only beside a name's dot; a character outside the set is no name
    assert not charslip.transliterated("在克琳顿说", 2, 3, lexicon)
    assert charslip.transliterated("安娜·克琳顿说", 4, 5, lexicon)
    assert not charslip.transliterated("加快推竟高速", 3, 4, lexicon)
    # a name the correction makes a word of the dictionary is that name misspelt (SL402 finds it)
    line = "代表团访问了马莱西亚"
    assert charslip.transliterated(line, line.index("莱"), line.index("莱") + 1, lexicon)
    assert not charslip.transliterated(line, line.index("莱"), line.index("莱") + 1, lexicon, "来")
    sl402 = [r for r in builtin_rules() if r.code == "SL402"]
    assert lint_text("代表团访问了坦桑尼娅和马莱西亚。\n", sl402)


def test_a_region_after_the_verb_of_its_governance_is_no_slip():
    rules = [r for r in builtin_rules() if r.code == "SL403"]
    # 疆 for 新疆 after 稳 (团结稳疆, 依法治疆) in a document that names 新疆: a slogan's word
    assert not lint_text("新疆各族干部群众同心协力团结稳疆，共建美好家园。\n", rules)
    line = "各族干部群众同心协力团结稳疆"
    assert charslip.province(line, line.index("疆"), "健", "新疆" + line)
    # elsewhere 稳健 misspelt; and not after any verb: 来 is no verb of governance
    assert lint_text("今年以来，全县经济运行稳疆，主要指标好于预期。\n", rules)
    assert not charslip.province(line, line.index("疆"), "健", line)
    assert not charslip.province("来疆", 1, "健", "新疆")


def test_an_idiom_played_on_and_set_against_its_right_form_is_meant():
    sl402 = [r for r in builtin_rules() if r.code == "SL402"]
    # the right form written just before and turned into the play on it, quoted: a pun, not a slip
    assert not lint_text("有的干部把礼尚往来变成了“利尚往来”，顶风违纪。\n", sl402)
    assert not lint_text("个别干部把以身作则搞成了“以身做则”。\n", sl402)
    assert not lint_text("从“有求必应”到“有求必赢”，背后是权力的变质。\n", sl402)
    # the right form after the quotation, or beside it with nothing that sets them apart, in another
    # sentence, or nowhere: read as a slip
    assert lint_text("大会主题是“众志成诚”，全县上下要众志成城、共克时艰。\n", sl402)
    assert lint_text("我们要以身作则，做到“以身做则”的要求落实到位。\n", sl402)
    assert lint_text("要以身作则。大家要“以身做则”。\n", sl402)
    assert lint_text("大家要“以身做则”。\n", sl402)


def test_one_persons_name_is_no_slip_for_anothers():
    sl403 = [r for r in builtin_rules() if r.code == "SL403"]
    # a missing man's name in a news item: the correction is a historical figure's name
    assert not lint_text("李志成走失时带草帽，穿黑色条纹上衣。\n", sl403)
    # and a slip beside it is still one, and so is a famous name's before what follows it only
    assert lint_text("李志成走失时带草帽，家属要求提高服务质凉。\n", sl403)
    assert lint_text("要大力弘扬焦裕录精神，做人民满意的好干部。\n", sl403)


def test_a_brands_name_before_its_models_code_is_no_slip():
    sl403 = [r for r in builtin_rules() if r.code == "SL403"]
    assert not lint_text("吉利推出全新7座SUV，定位高于博越，竞争传祺GS8。\n", sl403)
    assert not lint_text("吉利推出全新7座SUV，定位高于博越，竞争传祺 GS8。\n", sl403)
    # a grade or a figure after a slip is no model: 5A级, PM2.5
    assert lint_text("要创健5A级景区。\n", sl403)
    assert lint_text("坚决控治PM2.5浓度。\n", sl403)


def test_one_firms_name_that_the_text_names_again_is_no_slip_for_anothers_but_a_public_bodys_is():
    sl402 = [r for r in builtin_rules() if r.code == "SL402"]
    assert not lint_text("孙某于1987年加入华远集团，历任北京市华远房地产股份有限公司副总经理。\n", sl402)
    # written once, it is a slip for the firm the dictionary knows
    assert lint_text("该产品由海而集团生产。\n", sl402)
    # the name of a public body is a set phrase, and a slip in it is one (人民法完 for 人民法院)
    assert lint_text("当事人不服的，可以向人民法完提起诉讼。\n", sl402)


def test_a_shared_stroke_alone_makes_no_look_alike():
    # 釆 (丿 + 米) and 发 (丿 + 犮) share only their first stroke: no reader takes one for the other,
    # and a slip 开釆 is 开采, not 开发. Characters sharing a stroke are alike where the rest is:
    # 失/矢 (丿夫/丿天, 夫 and 天 both 一 + 大), 旱/早-like pairs one stroke apart (犮/发 below)
    decompositions = {"釆": [["丿", "米"]], "发": [["丿", "犮"]], "米": [["丷", "木"]], "犮": [["犬", "丿"]],
                      "失": [["丿", "夫"]], "矢": [["丿", "天"]], "夫": [["一", "大"]], "天": [["一", "大"]],
                      "拔": [["丿", "犮"], ["扌", "犮"]], "拨": [["扌", "发"]],
                      "丁": [["一", "亅"]], "了": [["乛", "亅"]]}
    table = look_alikes(decompositions)
    assert "发" not in table.get("釆", "") and "釆" not in table.get("发", "")
    assert "矢" in table["失"] and "失" in table["矢"]
    assert "丁" in table["了"]  # simple characters of strokes only are still compared whole


def test_a_slip_of_a_flattened_stroke_is_corrected_to_its_look_alike(tmp_path, capsys):
    out = lint(tmp_path, capsys, "重点形成原料精细开釆、物料称量均化的全流程智能化系统。")[1]
    assert "“开釆” may be a slip for “开采”" in out and "开发" not in out


def test_a_cadres_rank_is_no_slip_unless_its_mark_ends_a_word():
    freq = {"真正": 5000, "公正": 3000, "正副": 296}
    line = "全年接待副国级以上外国政要"
    at = line.index("国级")
    assert charslip.rank(line, at, at + 2, freq)
    line = "全年接待正副国级以上外宾"
    at = line.index("国级")
    assert charslip.rank(line, at, at + 2, freq)  # 正副 opens the rank, whatever its count
    line = "要打造真正国级的一流营商环境"
    at = line.index("国级")
    assert not charslip.rank(line, at, at + 2, freq)  # 真正国级 is 真正国际 misspelt


def test_a_name_the_document_repeats_must_outnumber_the_correction():
    line = "深入实施三江源生态保护工程"
    a = line.index("源生态")
    freq = {"江源": 8, "环境": 20000}
    repeated = "三江源国家公园。三江源地区。三江源头。" + line
    assert charslip.straddled(line, a, a, a + 3, "原生态", repeated + "原生态", freq)
    # the correction written as often as the name: the document knows both, the slip stays a slip
    assert not charslip.straddled(line, a, a, a + 3, "原生态", repeated + "原生态。" * 4, freq)
    # written twice only: no name of the document's
    assert not charslip.straddled(line, a, a, a + 3, "原生态", "三江源。三江源生态", freq)
    # the changed character and its neighbour make a frequent word: 循环境济 is 经济 misspelt
    line = "大力发展循环境济"
    a = line.index("境济")
    assert not charslip.straddled(line, a, a, a + 2, "经济", "循环境。循环境。循环境。" + line, freq)


def test_a_unit_after_a_figure_is_the_numbers():
    assert charslip.bare_number("人均减重8斤后", 5, "今")
    assert charslip.bare_number("人均减重8 斤后", 6, "今")  # a space between figure and unit
    assert not charslip.bare_number("投资12忆元", 4, "亿")  # 忆 is no unit
    assert not charslip.bare_number("发言15份钟", 4, "分")  # 分 is a unit too: the slip is of the unit
    assert not charslip.bare_number("人均减重八斤后", 5, "今")  # (figures only)
