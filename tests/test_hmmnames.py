"""The name model (speechlint.hmmnames): jieba's part-of-speech HMM, read as data and decoded by
speechlint, tells the typo detector which stretches are people's names."""
from __future__ import annotations

from speechlint import hmmnames
from speechlint.kinds import charslip
from speechlint.context import Resources
from speechlint.document import from_text

from conftest import lint_text


def names_in(text: str) -> list:
    states = hmmnames.decode(text, hmmnames.load())
    return [(text[a:b], tag) for a, b, tag in hmmnames.names(states)]


def test_the_model_reads_a_full_name_after_a_title_and_a_transliterated_name():
    assert ("赵景华", "nr") in names_in("公司原副总经理赵景华接受纪律审查")
    assert ("史坦尼斯拉夫斯基", "nrt") in names_in("剧团按照史坦尼斯拉夫斯基的表演体系排练")


def test_the_model_finds_no_name_in_a_slip_of_an_ordinary_word():
    assert names_in("服务质凉不高") == []
    assert names_in("各地要及时消除各类风险隐患") == []


def test_each_state_of_the_decoded_path_belongs_to_the_model_and_words_are_whole():
    model = hmmnames.load()
    text = "由依戈尔率领的代表团参观了工厂"
    states = hmmnames.decode(text, model)
    assert len(states) == len(text) and all(s in model.states for s in states)
    # a word opens with B or S and closes with E or S: the path never leaves a word half made
    places = "".join(p for p, _ in states)
    assert places[0] in "BS" and places[-1] in "ES"
    for before, after in zip(places, places[1:]):
        assert (before in "BM") == (after in "ME")


def test_the_compact_model_is_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    first = hmmnames.load()
    cached = list(tmp_path.glob(hmmnames.CACHE_NAME + "-*.marshal"))
    assert len(cached) == 1
    again = hmmnames.load()
    assert again == first and len(first.states) <= 256


def excuses_for(line: str) -> charslip.Excuses:
    res = Resources()
    return charslip.Excuses(res, res.lexicon(), line, [line])


def test_a_slip_candidate_inside_a_name_that_the_model_reads_is_left_alone():
    line = "剧团按照史坦尼斯拉夫斯基的表演体系排练。"
    a = line.index("史")
    assert excuses_for(line).named_by_model(0, a, a + 3, [a])
    line = "由依戈尔·彼得罗夫率领的代表团参观了工厂。"  # beside the dot of a foreign name
    a = line.index("依")
    assert excuses_for(line).named_by_model(0, a, a + 2, [a])


def test_a_name_the_model_makes_by_splitting_a_word_or_of_a_frequent_word_is_no_excuse():
    line = "有关部门要依昭有关规定从严查处。"
    a = line.index("昭")
    assert not excuses_for(line).named_by_model(0, a - 1, a + 1, [a])
    line = "请对照下聂有关要求逐项自查。"  # the model reads 聂有关 as a name: its given name is 有关
    assert ("聂有关", "nr") in names_in(line)
    a = line.index("聂")
    assert not excuses_for(line).named_by_model(0, a - 1, a + 1, [a])


def test_a_transliterated_name_is_no_slip_and_a_slip_of_a_word_still_is(rules_by_code):
    rule = [rules_by_code["SL403"]]
    assert lint_text("剧团按照史坦尼斯拉夫斯基的表演体系排练。\n", rule) == []
    found = lint_text("各地要及时肖除各类风险隐患。\n", rule)
    assert [(d.code, d.column) for d in found] == [("SL403", 6)]


def test_a_name_that_ends_its_line_is_a_name_too():
    line = "剧团排练遵循史坦尼斯拉夫斯基"
    a = line.index("史")
    assert excuses_for(line).named_by_model(0, a, a + 3, [a])
    line = "公司原副总经理赵景华"
    a = line.index("赵")
    assert excuses_for(line).named_by_model(0, a, a + 2, [a])


def test_a_word_whose_tag_changes_midway_is_no_name():
    nr, n = "nr", "n"
    assert hmmnames.names([("B", nr), ("M", nr), ("E", nr)]) == [(0, 3, nr)]
    assert hmmnames.names([("B", n), ("M", nr), ("E", nr)]) == []
    assert hmmnames.names([("B", nr), ("E", n), ("S", nr)]) == [(2, 3, nr)]


def test_no_model_means_no_names_and_empty_text_decodes_to_nothing():
    assert hmmnames.decode("", hmmnames.load()) == []
    assert hmmnames.decode("赵景华", hmmnames.OFF) == []
