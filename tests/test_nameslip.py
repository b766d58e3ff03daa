"""The name-slip kind (SL404): a listed name written with one slip."""
from __future__ import annotations

import pytest

from speechlint.context import Context
from speechlint.kinds import nameslip

NAMES = ["财政部", "科技部", "外交部", "国家发展改革委", "发展改革委", "人民银行", "银保监会", "教育部"]


def found(text, **options):
    opts = nameslip.prepare({"names": NAMES, **options})
    return [(f.match, f.replacement) for f in nameslip.check(opts, Context(tuple(text.split("\n"))))]


def test_one_character_that_sounds_or_looks_like_the_names():
    assert found("由才政部会同有关部门制定细则。") == [("才政部", "财政部")]       # homophone
    assert found("请斗技部牵头，年底前完成。") == [("斗技部", "科技部")]          # look-alike (科 = 禾 + 斗)
    assert found("人民很行负责监督。") == [("人民很行", "人民银行")]              # look-alike (很/银)


def test_two_neighbouring_homophones_only_in_long_names():
    assert found("国家罚站改革委负责统筹。") == [("国家罚站改革委", "国家发展改革委")]  # the longest name wins
    assert found("由彩正部会同有关部门制定细则。") == []  # two changes in a three-character name


def test_the_clean_text_and_other_bodies_stay_quiet():
    assert found("由财政部会同教育部制定细则。") == []
    assert found("市教育局、区财政局负责实施。") == []  # the last character differs: another body


def test_a_stretch_whose_last_character_begins_the_next_word_is_no_name():
    assert found("请按时补交部分费用。") == []  # 补交|部分, not 外交部


def test_a_slip_written_twice_is_reported_twice():
    assert found("才政部、才政部联合发文。") == [("才政部", "财政部"), ("才政部", "财政部")]


def test_relations_and_exceptions_narrow_the_rule():
    assert found("请斗技部牵头。", relations=["homophone", "near-homophone"]) == []
    assert found("由才政部会同。", exceptions=["才政部"]) == []


@pytest.mark.parametrize("options,message", [
    ({"names": ["财政部", "Ministry"]}, "Chinese characters only"),
    ({"names": NAMES, "relations": ["rhyme"]}, "unknown relation"),
    ({"names": NAMES, "min-length": 1}, "at least 2"),
    ({"names": NAMES, "min-gain": float("nan")}, "finite"),
])
def test_bad_options_are_refused(options, message):
    with pytest.raises(ValueError, match=message):
        nameslip.prepare(options)


def test_the_sieve_passes_every_stretch_that_a_mask_of_the_index_holds():
    # _sieve lets name_slips pass by the stretches that cannot be one slip from a name: it must
    # never pass by one whose masks (one character before the last, or two neighbours in a name
    # of five or more) the index holds; random changes of the listed names, anywhere
    import random

    from conftest import builtin_rules

    names = sorted(next(r for r in builtin_rules() if r.code == "SL404").options.names) + NAMES
    index, sieve = nameslip._index(names), nameslip._sieve(names)
    rnd = random.Random(4)
    pool = "".join(sorted(set("".join(names)))) + "的了和是在"
    passed = rejected = 0
    for _ in range(20000):
        w = list(rnd.choice(names))
        for _ in range(rnd.randint(0, 3)):
            w[rnd.randrange(len(w))] = rnd.choice(pool)
        w = "".join(w)
        L = len(w)
        kept = nameslip.may_slip(sieve, w)
        masks = [w[:p] + "?" * width + w[p + width:] for p in range(L - 1) for width in (1, 2)
                 if p + width < L and not (width == 2 and L < 5)]
        if not kept:
            assert not any(m in index for m in masks), w
        rejected += not kept
        passed += kept and any(m in index for m in masks)
    assert rejected > 1000 and passed > 1000
