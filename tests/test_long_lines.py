"""Lines that once made speechlint hang (issue 15): each is checked in linear time. The CLI
runs carry a timeout far above their normal time (a few seconds), as a hang guard only."""
from __future__ import annotations

import pytest

from conftest import builtin_rules, lint_text, run_cli
from speechlint import engine
from speechlint.kinds import repetition
from speechlint.markdown import mask

GUARD = 60  # seconds: a hang guard, not a timing test


def _rule(code):
    return [r for r in builtin_rules() if r.code == code]


def test_a_run_of_one_word_is_one_finding():
    text = "要严格" + "落实" * 5 + "各项责任。"
    diags = lint_text(text, _rule("SL101"))
    assert [(d.column, d.end_column, d.replacement) for d in diags] == [(6, 13, "")]  # 落实 ×4 go
    assert lint_text("要严格落实落实各项责任。", _rule("SL101"))[0].end_column == 7  # a doubling as before


def test_a_run_read_from_its_second_character_is_one_finding():
    # 实|落实落实…: from its first character the run is one of 实落, which is no word; from its
    # second, one of 落实. Found a pair at a time, its fix took a round a pair (hundreds of lints)
    text = "要抓实" + "落实" * 50 + "各项责任。"
    diags = lint_text(text, _rule("SL101"))
    assert [(d.column, d.end_column) for d in diags] == [(6, 103)]  # all but one 落实 go at once
    found = list(repetition.candidates("抓实" + "落实" * 1000, _rule("SL101")[0].options))
    assert len(found) <= 40 and (2, 2, 1000) in found


def test_a_long_run_is_visited_once():
    opts = _rule("SL101")[0].options
    found = list(repetition.candidates("落实" * 100_000, opts))
    assert len(found) <= 20  # a few periods (落实, 落实落实 …) at the run's first positions
    assert found[0] == (0, 2, 100_000)


def test_markdown_angle_brackets_mask_as_before():
    # parseLinkLabel is asked only where an image can start ("![")
    assert mask(["<" * 10 + "![图](a.png)文字"]) == ("<" * 10 + "\ufffc[图]" + "\ufffc" * 7 + "文字",)
    assert mask(["<" * 3000]) == ("<" * 3000,)


def test_findings_of_one_rule_are_capped(monkeypatch):
    monkeypatch.setattr(engine, "MAX_FINDINGS", 5)
    diags = lint_text("（" * 50, _rule("SL201"))
    assert [d.column for d in diags] == [1, 2, 3, 4, 5, 6]
    assert [d.severity for d in diags][-1] == "info" and "not shown" in diags[-1].message
    assert diags[-1].fix is None and all(d.fix is None for d in diags)
    assert len(lint_text("（" * 4, _rule("SL201"))) == 4  # under the cap: all reported


@pytest.mark.parametrize("name,text", [
    ("a.txt", "落实" * 500_000),
    ("a.md", "<" * 10_000),
    ("a.txt", "（" * 1_000_000),
    ("a.txt", "“" * 1_000_000),
    # a page of breadcrumbs: each was read to the opening, and each copy of its title searched in a
    # list of the others (minutes)
    ("a.txt", "首页 > 新闻 > 标题\n" * 20_000),
    # a figure under its label after a long line: the lead-in to a list was searched for in the
    # whole line above, at every character (its square)
    ("a.txt", ("要" * 100_000 + "\n阅读量：1234\n") * 3),
])
def test_no_hang_on_long_lines(tmp_path, name, text):
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    proc = run_cli(["--no-cache", name], tmp_path, timeout=GUARD)
    assert proc.returncode in (0, 1, 2)
    assert proc.stdout.count("\n") <= 2 * engine.MAX_FINDINGS + 10


def test_a_long_run_of_asterisks_does_not_make_sl304_too_slow():
    # the formula exception was tried at every asterisk of the run and took it whole each time
    # (quadratic: 3,000 asterisks passed the 1 s limit under load); a failure would be recorded
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.engine import lint

    failures = []
    text = "（1）对" + "*" * 50_000 + "来说，得分=权重*系数。\n"
    diags = lint(from_text("a.txt", text), _rule("SL304"), Resources(), (), 0.0, failures)
    assert failures == []
    assert [d.column for d in diags] == [5]  # the run after 对 is one blank


@pytest.mark.parametrize("code, run", [
    ("SL304", "—"),  # an empty date's dashes (——年——月——日)
    ("SL501", "."), ("SL501", "…"),  # a watermark's dots (……此处隐藏1200字……)
    ("SL606", " "), ("SL606", "\u3000"),  # the spaces before 第一条 or a signature's date
    ("SL611", "〇"),  # mixed numerals (二〇2)
])
def test_a_long_run_of_one_character_is_not_quadratic(code, run):
    # each of these patterns was tried at every character of the run and took the rest of it
    # each time (found by bench/runs.py); quadratic, 50,000 characters pass the 1 s limit
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.engine import lint

    failures = []
    text = "要认真落实" + run * 50_000 + "各项工作。\n"
    lint(from_text("a.txt", text), _rule(code), Resources(), (), 0.0, failures)
    assert failures == []


@pytest.mark.parametrize("code, line", [
    # a page's source tag may follow a sentence's end and blanks (…。 本文来源：https://…): its
    # lookbehind, tried at every blank, took the blanks before it each time
    ("SL501", "要认真落实。" + " " * 50_000 + "本文来源：" + "a." * 10_000 + "b"),
])
def test_a_sentence_end_before_a_long_run_of_blanks_is_not_quadratic(code, line):
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.engine import lint

    failures = []
    lint(from_text("a.txt", line + "\n"), _rule(code), Resources(), (), 0.0, failures)
    assert failures == []


@pytest.mark.parametrize("blank", [" ", "\u3000", "\t"])
def test_the_label_of_a_sites_extract_takes_a_line_of_blanks_once(blank):
    # (【摘要】:…) the blanks before and after its bracket were split two ways: a line of 20,000
    # blanks took SL501 1.7 s. Asked with the 1 s limit the rules' own searches have.
    from speechlint.kinds.promo import EXTRACT_LABEL

    assert EXTRACT_LABEL.match(blank * 200_000, timeout=1.0) is None
    assert EXTRACT_LABEL.match(blank * 3 + "【摘要】：" + "在") is not None


@pytest.mark.parametrize("code, run", [
    ("SL605", "\u00a0"),  # the no-break spaces before a signature's date
    ("SL605", "\u200b"),  # 50,000 findings on one line, each once checked against the exceptions
])
def test_invisible_spaces_on_a_long_line_are_not_quadratic(code, run):
    from speechlint.context import Resources
    from speechlint.document import from_text
    from speechlint.engine import lint

    failures = []
    text = "要认真落实" + run * 50_000 + "各项工作。\n"
    lint(from_text("a.txt", text), _rule(code), Resources(), (), 0.0, failures)
    assert failures == []


def test_a_run_of_chinese_longer_than_any_sentence_is_not_searched_for_slips():
    # SL402 and SL403 leave alone a run of more than LONGEST_RUN characters without a mark (the
    # longest in the corpora is 63): a line of one word repeated took them seconds (issue 15)
    from speechlint.kinds.charslip import LONGEST_RUN

    slips = _rule("SL402") + _rule("SL403")
    sentence = "各部门要进一步提高行政效率和服务质凉，做到凤凰磐涅。"
    assert {d.code for d in lint_text(sentence, slips)} >= {"SL403"}
    long_run = "落实" * (LONGEST_RUN // 2) + sentence.rstrip("。").replace("，", "")
    assert lint_text(long_run, slips) == []


def test_many_doublings_on_one_line_ask_the_line_once():
    # SL101 asked of every doubling whether the whole line is a standard's title: 8,000 doublings
    # on a line of 104,000 characters took over two minutes. It is asked once per line now.
    import dataclasses

    from speechlint.context import Context, Resources

    rule = _rule("SL101")[0]
    asked = []

    class Standard:
        def search(self, line):
            asked.append(len(line))
            return rule.options.standard.search(line)

    opts = dataclasses.replace(rule.options, standard=Standard())
    line = "贯彻落实贯彻落实贯彻落实好" * 200
    ctx = Context(lines=(line,), resources=Resources())
    found = list(repetition.check(opts, ctx))
    assert len(found) == 200 and len(asked) == 1


@pytest.mark.parametrize("blanks", [" " * 20_000, "\u3000" * 20_000])
def test_a_slot_after_a_long_run_of_blanks_is_found(blanks):
    # the alternation of SL305's patterns, tried at every place, ran past its limit on such a line
    # (the rule was reported "too slow" and the file's findings lost); its parts, asked one by one,
    # take milliseconds
    text = "请填写" + blanks + "（单位名称）\n"
    diags = lint_text(text, _rule("SL305"))
    assert [(d.line, d.column) for d in diags] == [(1, 20_004)]


def test_a_separators_blanks_are_read_from_where_their_run_begins():
    # CRUMB_SEP and TITLE_SEP split a breadcrumb or a title bar at its marks, each part read
    # stripped: the same parts as the plain patterns (blanks, the mark, blanks), which a line of
    # 200,000 blanks kept busy four minutes
    import regex

    from speechlint.kinds import promo

    for sep, plain in ((promo.CRUMB_SEP, r"\s*[>›»]+\s*"), (promo.TITLE_SEP, r"\s*[-_|｜–—]+\s*")):
        for line in ["首页 > 观点 > 评论", "首页 > > 观点", "首页>>观点 ›  评论 » ", "  >首页", "a - - b",
                     "2024年 — — 工作总结 — 范文网", "讲话稿 | 范文网", "范文网 - | 讲话稿", "无标记的一行", "-", " "]:
            assert ([part.strip() for part in sep.split(line)]
                    == [part.strip() for part in regex.split(plain, line)]), (sep.pattern, line)
    text = "首页" + " " * 100_000 + "观点\n"
    assert lint_text(text, _rule("SL501") + _rule("SL502")) == []



def test_a_rules_exceptions_are_searched_one_by_one():
    # SL606's twenty-odd exceptions searched as one alternation were tried each at every position
    # of a line, and a line of 440,000 characters passed the 1 s limit, where each alone takes a
    # tenth of it; searched part by part (patterns.Alternatives) they find what the alternation finds
    import regex

    from speechlint import patterns

    from pathlib import Path

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    (rule,) = _rule("SL606")
    sources = tomllib.loads(Path(rule.source).read_text(encoding="utf-8"))["options"]["exceptions"]
    got = patterns.any_of(sources)
    assert isinstance(got, patterns.Alternatives) and len(got.parts) == len(sources)
    whole = regex.compile("|".join(f"(?:{p})" for p in sources), regex.V1)
    for line in ("各项工作。（某某县纪委监委 王明）", "第一条　为了加强管理，制定本办法。", "本报讯（记者 张华）全县 各乡镇近日开展了巡查。",
                 "各项工作" + "。（某某县纪委监委 王 明 王 明 " * 50):
        assert [m.span() for m in got.finditer(line)] == [m.span() for m in whole.finditer(line)]
    assert rule.options.exceptions == got  # what the rule searches


def test_an_exception_is_found_by_bisection_as_the_walk_found_it():
    # covered() looks up the one match of an exception that can cover a finding (the matches do
    # not overlap and come in order) instead of walking them all for every finding: 10,000
    # findings of SL611 on a line of 10,000 exception matches took it past its limit
    import random

    import regex

    from speechlint import patterns

    rng = random.Random(7)
    for pattern in [r"ab+", r"a|b", r"(?=a)", r"b*", r"a[^a]{0,3}"]:
        exc = regex.compile(pattern)
        for _ in range(200):
            line = "".join(rng.choice("abc") for _ in range(rng.randint(0, 30)))
            walked = [m.span() for m in exc.finditer(line)]
            for start in range(len(line) + 1):
                for end in range(start, len(line) + 1):
                    expected = any(a <= start and end <= b for a, b in walked)
                    assert patterns.covered(exc, line, start, end) == expected, (pattern, line, start, end)
    assert not patterns.covered(None, "abc", 0, 1)


def test_findings_inside_exceptions_on_a_long_line_lint(tmp_path):
    # every 1一2 is an exception of SL611 and a finding of SL615: 10,000 of each on one line
    path = tmp_path / "a.txt"
    path.write_text("1一2，" * 10_000 + "\n", encoding="utf-8")
    result = run_cli(["--isolated", "--no-cache", "--select", "SL611,SL615", str(path)], tmp_path, timeout=GUARD)
    assert result.returncode == 1 and "too slow" not in result.stdout + result.stderr
    assert "SL611" not in result.stdout and result.stdout.count("SL615") == 10_000


def test_single_quotes_inside_brackets_on_a_long_line_lint(tmp_path):
    # whether a ‘ stands inside a quotation was asked of the whole stack for each ‘: quadratic
    # (50,000 （‘ on a line took 96 s); it reads the counts of the kinds open now
    path = tmp_path / "a.txt"
    path.write_text("（‘" * 50_000 + "，\n", encoding="utf-8")
    result = run_cli(["--isolated", "--no-cache", "--select", "SL2", str(path)], tmp_path, timeout=GUARD)
    assert result.returncode == 1 and "too slow" not in result.stdout + result.stderr


def test_a_line_of_blanks_without_a_bar_after_them_lints(tmp_path):
    # the site's rows between bars were split by a pattern that took the blanks around a bar: on a
    # line of thousands of blanks with no bar after them each place scanned to the line's end (20 s)
    path = tmp_path / "a.txt"
    path.write_text("以下是收集的a" + " " * 80_000 + "b|c\n", encoding="utf-8")
    result = run_cli(["--isolated", "--no-cache", "--select", "SL5", str(path)], tmp_path, timeout=GUARD)
    assert result.returncode in (0, 1) and "too slow" not in result.stdout + result.stderr


def test_asterisks_at_a_lines_end_are_judged_without_reading_the_whole_line_back(tmp_path):
    # a closing pair of bold marks was looked for anywhere before: each place of the line read it
    # back to its start, and with one blank of the rule found the alternation timed out
    path = tmp_path / "a.txt"
    path.write_text("会议回顾了……，" * 5_000 + "\n", encoding="utf-8")
    result = run_cli(["--isolated", "--no-cache", "--select", "SL304", str(path)], tmp_path, timeout=GUARD)
    assert result.returncode == 1 and "too slow" not in result.stdout + result.stderr


def test_a_run_of_single_characters_too_long_for_broken_words_is_not_searched():
    # random characters stretch to the whole line: searched stretch by stretch they took seconds a
    # page, and no broken word of a text leaves such a run (see promo.JAMMED_RUN_LONGEST)
    from speechlint.kinds.promo import JAMMED_RUN, JAMMED_RUN_LONGEST, _single_runs

    def singles(n, at=0):
        return [(at + k, at + k + 1) for k in range(n)]

    assert list(_single_runs(singles(JAMMED_RUN))) == [(0, JAMMED_RUN)]
    assert list(_single_runs(singles(JAMMED_RUN - 1))) == []
    assert list(_single_runs(singles(JAMMED_RUN_LONGEST + 1))) == []
    # runs apart, a word between them
    spans = singles(JAMMED_RUN) + [(JAMMED_RUN, JAMMED_RUN + 2)] + singles(JAMMED_RUN, JAMMED_RUN + 2)
    assert list(_single_runs(spans)) == [(0, JAMMED_RUN), (JAMMED_RUN + 2, 2 * JAMMED_RUN + 2)]
