"""The language server's incremental lint (issue 12) gives what a full lint of the new text
gives: after each of many random edits of a real document (the speech in seeds/, as plain text
and as Markdown), the diagnostics linted with the document's LineCache and the memoised
per-line work of the document-level rules (engine.keep_warm) equal, field for field and in
order, those of a lint from nothing with the functions as they are. The edits are those an
editor makes (characters typed or deleted, lines joined, split, copied or removed) and some that
reach beyond a line: suppression comments, quotation marks left open, numbered items, a
promotional line, an attachment heading, a date, a line copied elsewhere (SL403's document-wide
counts), traditional characters."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from conftest import REPO, builtin_rules, shared_resources
from speechlint import engine
from speechlint.document import from_text
from speechlint.engine import LineCache, lint

SEED = sorted((REPO / "seeds").glob("*.txt"))[0]
SNIPPETS = [
    "要", "落实落实", "。", "\n", "\n\n", "“", "”", "（", "）", "《", "》", "，，", "服务质凉", "贯切落实",
    "严峻形式", "才政部", "凤凰磐涅", "×月×日", "XX市", "某某同志", "【单位名称】", "一、", "（二）", "3.",
    "第三，", "一是", "二是", "五个方面：", "附件", "附件2\n申请表\n", "2024年2月30日", "2024年3月20日（星期五）",
    "“十三五”", "<!-- speechlint-disable SL4 -->", "<!-- speechlint-enable -->",
    "<!-- speechlint-disable-next-line SL101 -->\n", "<!-- speechlint-disabel SL1 -->",
    "本文档由某某网提供，免费下载，更多精彩请关注微信公众号", "相關文章", "  ", "\u3000", "1５", "、",
    "国务院总理李强", "抗疫", "智能制造", "智造", "http://example.com", "`代码`", "```\n",
]


def _edit(rnd: random.Random, text: str) -> str:
    """text with one random edit."""
    lines = text.split("\n")
    what = rnd.random()
    if what < 0.1 and len(lines) > 2:  # a line copied elsewhere
        lines.insert(rnd.randrange(len(lines)), rnd.choice(lines))
        return "\n".join(lines)
    if what < 0.2 and len(lines) > 2:  # a line removed
        del lines[rnd.randrange(len(lines))]
        return "\n".join(lines)
    a = rnd.randrange(len(text) + 1)
    if what < 0.4:  # a stretch deleted, across lines at times
        return text[:a] + text[a + rnd.randint(1, 60):]
    if what < 0.5:  # a character of the text typed again elsewhere
        return text[:a] + rnd.choice(text) + text[a:]
    return text[:a] + rnd.choice(SNIPPETS) + text[a:]


@pytest.fixture()
def warm():
    engine.keep_warm(None)
    yield
    engine.cool()


def _full(path: str, text: str, rules, res):
    """A lint from nothing, with none of the functions memoised (the memos are put back after)."""
    wrapped = [(module, name, getattr(module, name)) for module, name in engine._warm_originals.values()]
    for function, (module, name) in engine._warm_originals.items():
        setattr(module, name, function)
    try:
        return lint(from_text(path, text), rules, res, (), 0.0, [])
    finally:
        for module, name, wrapper in wrapped:
            setattr(module, name, wrapper)


@pytest.mark.parametrize("path, edits, seed", [("speech.txt", 60, 1), ("speech.md", 30, 2)])
def test_incremental_lints_equal_full_lints(warm, path, edits, seed):
    rules, res = list(builtin_rules()), shared_resources()
    rnd = random.Random(seed)
    text = SEED.read_text(encoding="utf-8")
    cache = LineCache()
    for k in range(edits):
        text = _edit(rnd, text)
        engine.keep_warm(None)
        got = lint(from_text(path, text), rules, res, (), 0.0, [], cache)
        assert got == _full(path, text, rules, res), f"edit {k}"


def test_the_cache_keeps_the_lines_of_the_last_document_only(warm):
    rules, res = list(builtin_rules()), shared_resources()
    cache = LineCache()
    lint(from_text("a.txt", "要认真落实落实。\n第二行。\n"), rules, res, cache=cache)
    assert {w for _m, w in cache.lines} == {"要认真落实落实。", "第二行。"}
    found = lint(from_text("a.txt", "第二行。\n第三行落实落实。\n"), rules, res, cache=cache)
    assert {w for _m, w in cache.lines} == {"第二行。", "第三行落实落实。"}
    assert [(d.line, d.code) for d in found] == [(2, "SL101")]


def test_a_rule_that_fails_on_new_lines_runs_on_the_whole_document(warm, monkeypatch):
    """A line-local rule that raises on the lines not yet seen is run as a full lint runs it:
    its failure is reported, and the lines are not kept without its findings."""
    from speechlint.kinds import existence

    rules, res = list(builtin_rules()), shared_resources()
    cache = LineCache()
    lint(from_text("a.txt", "第一行。\n"), rules, res, cache=cache)
    real = existence.check

    def check(opts, ctx):
        if any("爆" in line for line in ctx.lines):
            raise RuntimeError("boom")
        return real(opts, ctx)
    monkeypatch.setattr(existence, "check", check)
    failures = []
    lint(from_text("a.txt", "第一行。\n爆了 \n"), rules, res, (), 0.0, failures, cache)
    assert "existence" in {f.kind for f in failures} and all("boom" in f.error for f in failures)
    assert ("爆了 ", "爆了 ") not in cache.lines
    monkeypatch.setattr(existence, "check", real)
    found = lint(from_text("a.txt", "第一行。\n爆了 \n"), rules, res, cache=cache)
    assert "SL607" in {d.code for d in found}  # the trailing space, once the rule works again


def test_what_the_rest_of_the_document_says_is_asked_again(warm):
    """SL403 needs less evidence for a slip of a word the document writes elsewhere (its
    doc_evidence): the line with the slip is unchanged, lines added and removed around it decide."""
    rules, res = list(builtin_rules()), shared_resources()
    slip = "要加强企业管里，提高经济效益。\n"  # 管里 for 管理
    others = "健全企业管理制度。\n推进企业管理创新。\n"
    cache = LineCache()
    for text in (slip, others + slip, slip, slip + others, others.replace("管理", "管里") + slip):
        got = lint(from_text("a.txt", text), rules, res, cache=cache)
        assert got == _full("a.txt", text, rules, res)
        assert ("SL403" in {d.code for d in got}) == (text.count("管理") >= 2)


def test_a_placeholder_in_a_blank_form_is_left_alone_as_the_form_comes_and_goes(warm):
    """Placeholder rules are line-local but for the lines of a blank form (an attachment whose
    title names one): adding or removing the attachment heading decides about lines it did not
    change."""
    rules, res = list(builtin_rules()), shared_resources()
    body = "请于×月×日前报送。\n"
    form = "申请表\n单位名称：XX\n日期：____年__月__日\n"
    cache = LineCache()
    for text in (body + form, body + "附件2\n" + form, body + form, body + "附件\n" + form + "附件3\n说明\n×月×日\n"):
        got = lint(from_text("a.txt", text), rules, res, cache=cache)
        assert got == _full("a.txt", text, rules, res)
        assert any(d.code.startswith("SL3") and d.line > 2 for d in got) == ("附件2" not in text and "附件\n" not in text
                                                                           or "附件3" in text)


def test_a_guides_illustrations_and_a_skeleton_of_empty_fields_as_in_a_full_lint(warm):
    """A writing guide's illustration (its line alone tells, when the rules leave illustrations
    out: in-guides = false) and a skeleton of empty fields (lines in a row) are judged with the
    line cache as in a full lint, as the lines come and go."""
    rules = [replace(r, options=replace(r.options, in_guides=False)) if r.kind == "placeholder" else r
             for r in builtin_rules()]
    res = shared_resources()
    guide = "称呼要用尊称，如“尊敬的***部长”，并写明日期。\n"
    skeleton = "会议时间：\n会议地点：\n主持人：\n"
    cache = LineCache()
    for text in (guide, guide + skeleton, skeleton, guide + "会议时间：\n", guide + skeleton + guide):
        got = lint(from_text("a.txt", text), rules, res, cache=cache)
        assert got == _full("a.txt", text, rules, res), text
    assert any(d.code == "SL304" for d in got)
    assert not any(d.code == "SL304" and d.line == 1 for d in got)
