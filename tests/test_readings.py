"""Readings.kin answers one character at a time (issue 12: a dict of every character that sounds
like each character asked about held 70 MiB over a corpus): its answers are those of the dict of
all of them (Readings._kin_dict), for characters common and rare, with one reading or several,
and for characters without any."""
from __future__ import annotations

import random

from conftest import shared_resources


def test_kin_answers_as_the_dict_of_all_sound_alikes():
    readings = shared_resources().readings()
    table = sorted(readings._table)
    rnd = random.Random(7)
    for ch in rnd.sample(table, 150) + list("凉量龙农森生措次的是了行长重乐和") + ["x", "𠮷"]:
        whole = readings._kin_dict(ch)
        kin = readings.kin(ch)
        assert dict(kin.items()) == whole and len(kin) == len(whole)
        for other in rnd.sample(table, 100) + list(whole)[:40] + [ch, "x", ""]:
            assert kin.get(other) == whole.get(other)
            assert (other in kin) == (other in whole)
            assert readings.relation(ch, other) == (whole.get(other, "") if ch != other else "")


def test_every_character_kin_relates_shares_one_of_the_blurred_readings():
    # (char-slip finds a character's homophones among a shape's words through sharing(), see
    # charslip._related: none may be missing there)
    readings = shared_resources().readings()
    table = sorted(readings._table)
    rnd = random.Random(11)
    others = rnd.sample(table, 400) + list("凉量龙农森生措次的是了行长重乐和质志制直")
    for ch in rnd.sample(table, 150) + list("凉量龙农森生措次的是了行长重乐和") + ["x", "𠮷"]:
        heard = set().union(*(readings.sharing(s) for s in readings.blurred(ch)))
        kin = readings.kin(ch)
        assert set(readings._kin_dict(ch)) <= heard
        assert all(other in heard for other in others if kin.get(other) is not None)


def test_a_rare_reading_relates_characters_only_on_the_same_syllable():
    # 戛 is read gā (戛纳) as 嘎 is: a rare-reading homophone. 感 is read hàn only in old texts, and
    # hàn is merely near 行's háng: two steps away, no relation at all
    readings = shared_resources().readings()
    assert readings.relation("嘎", "戛") == "rare-reading"
    assert readings.relation("感", "行") == ""
    assert "行" not in readings.kin("感") and "行" not in readings._kin_dict("感")


def test_a_phrase_table_or_a_decomposition_table_of_another_shape_is_refused(tmp_path):
    import json

    import pytest

    from speechlint import readings as R
    from speechlint import shapes as S

    path = tmp_path / "phrases_dict.json"
    path.write_text(json.dumps({"长城": "cháng chéng"}), encoding="utf-8")  # strings, not lists
    with pytest.raises(ValueError):
        R._attested(path)
    path.write_text(json.dumps({"长城": [["cháng"], ["chéng"]]}), encoding="utf-8")
    assert "chang" in R._attested(path)["长"].split(",")
    with pytest.raises(ValueError):
        S.components({"好": "女子"})  # a string where a list of decompositions goes
    assert S.components({"好": [["女", "子"]]}) == {"好": "女子"}
