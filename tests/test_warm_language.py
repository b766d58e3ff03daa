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
