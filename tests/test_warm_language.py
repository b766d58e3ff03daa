"""The language server keeps checks' work warm (engine.keep_warm); a finding's detail is in the
language in use, so what is remembered in one language is not given back in another."""
from speechlint import engine, i18n
from speechlint.kinds import pairs


def test_a_memo_kept_warm_answers_in_the_language_in_use():
    from conftest import builtin_rules, lint_text

    rules = [r for r in builtin_rules() if r.code == "SL204"]
    line = "按照（财农发〔2019）15号）执行。"
    try:
        engine.keep_warm("en")
        assert hasattr(pairs.problems, "__wrapped__")  # memoised from here on
        with i18n.using("en"):
            english = [d.message for d in lint_text(line, rules)]
        with i18n.using("zh"):
            chinese = [d.message for d in lint_text(line, rules)]
    finally:
        engine.cool()
    assert english and chinese
    assert "closed by" in english[0]
    assert "closed by" not in chinese[0] and "〔" in chinese[0]


def test_a_memo_put_aside_leaves_the_others_and_survives_a_cooling():
    # a memoised function keeps four memos, one per set of objects, and drops the oldest: the
    # memo itself from the list of warm memos (not an equal one: two empty memos are equal),
    # and nothing if cool() cleared the list while a wrapper was still held
    def lookup(word, table):
        return table.get(word)

    wrapper = engine._memoised(lookup, ("word",))
    tables = [{"a": k} for k in range(6)]
    try:
        for table in tables[:4]:
            assert wrapper("a", table) == table["a"]
        kept = list(engine._warm_memos[-4:])
        assert wrapper("b", tables[4]) is None  # the oldest memo goes, the three others stay
        assert all(any(memo is other for other in engine._warm_memos) for memo in kept[1:])
        assert not any(memo is kept[0] for memo in engine._warm_memos)
        engine._warm_memos.clear()  # as cool() does
        assert wrapper("a", tables[5]) == 5
    finally:
        engine.cool()
