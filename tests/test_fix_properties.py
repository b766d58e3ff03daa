"""Property tests of fixing (hypothesis): generated Chinese text with injected defects.

The clean text is built from a small vocabulary of two-character words that jieba segments
as words, joined by function characters (的, 和, 与), full-width commas and full stops, and
correctly written idioms (the right-hand forms of SL401's swap table); lines are joined by
\\n or \\r\\n. Into it go defects with a safe fix:

- a function character written twice between Chinese characters (的的: SL101),
- an idiom written as one of SL401's misspellings (凤凰磐涅: SL401),
- a no-break space between Chinese characters (SL605),
- a half-width comma between Chinese characters (SL601).

Each defect has one correction, so fixing the defective text must give back exactly the clean
text: that shows at once that every defect was corrected and that nothing outside the defects
changed. Further properties hold for any text, fixed with safe or with unsafe fixes: fixing
never raises, every round of fixes leaves the text outside its edits as it was, and fixing
twice gives what fixing once gives.
"""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import builtin_rules, shared_resources
from speechlint.diagnostics import Edit
from speechlint.document import from_bytes, from_text
from speechlint.engine import lint
from speechlint.fixes import apply_edits, chosen_edits, encode, fix_document

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["发展", "改革", "人民", "经济", "建设", "工作", "制度", "群众", "社会", "文化", "政府",
         "国家", "企业", "农村", "城市", "教育", "科技", "创新", "生态", "环境", "安全", "服务",
         "质量", "市场", "基层", "治理", "民生", "产业"]
FUNCTION = ["的", "和", "与"]
NBSP = "\u00a0"


def swap_table() -> List[Tuple[str, str]]:
    """SL401's (wrong, right) pairs, as loaded by speechlint.ruleset.load_rules, limited to
    those that GBK can hold (so the same texts serve the GBK round trip) and whose right form
    neither starts nor ends with a doubled character (鬼鬼祟祟, 战战兢兢): SL101 leaves 的的
    alone next to an AA pair, as it leaves 的的确确, so 发展的的鬼鬼祟祟 would not be fixed."""
    [rule] = [r for r in builtin_rules() if r.code == "SL401"]
    pairs = []
    for wrong, right in sorted(rule.options.swap.items()):
        if right[0] == right[1] or right[-1] == right[-2]:
            continue
        try:
            wrong.encode("gbk"), right.encode("gbk")
        except UnicodeEncodeError:
            continue
        pairs.append((wrong, right))
    assert len(pairs) > 20
    return pairs


SWAPS = swap_table()


def check(doc):
    return lint(doc, builtin_rules(), shared_resources())


def fix(text: str, unsafe: bool = False) -> str:
    return fix_document(from_text("doc.txt", text), check, unsafe)[0].text


# --- generating text -----------------------------------------------------------------------
#
# A text is a list of lines, a line a list of tokens (kind, clean form, defective form). Kinds:
# "word", "func", "idiom", "comma", "stop", "indent", "gap" (between two Chinese tokens, empty
# when clean). A defect turns one token's clean form into its defective form.

@st.composite
def clause(draw, used: set) -> List[list]:
    """Words and idioms joined by function characters; no word or idiom twice in a line
    (a phrase written twice is a defect of its own: 一蹴而就的一蹴而就的)."""
    tokens = []
    for i in range(draw(st.integers(1, 4))):
        if i:
            if draw(st.booleans()):
                tokens.append(["gap", "", ""])
            tokens.append(["func", draw(st.sampled_from(FUNCTION)), None])
            if draw(st.booleans()):
                tokens.append(["gap", "", ""])
        if draw(st.integers(0, 5)) == 0:
            wrong, right = draw(st.sampled_from(SWAPS).filter(lambda pair: pair[1] not in used))
            tokens.append(["idiom", right, wrong])
        else:
            tokens.append(["word", draw(st.sampled_from(WORDS).filter(lambda w: w not in used)), None])
        used.add(tokens[-1][1])
    return tokens


@st.composite
def line(draw) -> List[list]:
    tokens = [["indent", "\u3000\u3000", None]] if draw(st.booleans()) else []
    used: set = set()
    for i in range(draw(st.integers(1, 3))):
        if i:
            tokens.append(["comma", "，", ","])
        tokens += draw(clause(used))
    tokens.append(["stop", "。", None])
    return tokens


@st.composite
def document(draw, nbsp: bool = True) -> Tuple[str, str, str]:
    """(clean text, defective text, newline)."""
    lines = draw(st.lists(line(), min_size=1, max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    kinds = {"func", "idiom", "comma"} | ({"gap"} if nbsp else set())
    sites = [tok for ln in lines for tok in ln if tok[0] in kinds]
    chosen = draw(st.lists(st.sampled_from(sites), max_size=6, unique_by=id)) if sites else []
    for tok in chosen:
        if tok[0] == "func":
            tok[2] = tok[1] * 2
        elif tok[0] == "gap":
            tok[2] = NBSP
    chosen_ids = {id(tok) for tok in chosen}
    for ln in lines:
        for tok in ln:
            if id(tok) not in chosen_ids:
                tok[2] = tok[1]
    clean = newline.join("".join(t[1] for t in ln) for ln in lines)
    defective = newline.join("".join(t[2] for t in ln) for ln in lines)
    if draw(st.booleans()):
        clean += newline
        defective += newline
    return clean, defective, newline


# Any text at all: Chinese characters, the marks the rules look at, spaces, Latin letters and
# digits, so that fixes of every rule (and overlapping ones) are tried.
ANY_CHARS = ("发展改革人民经济落实的的了和是在一二三凤凰磐涅槃分表必争再接励布署×某XX"
             "，。、；：？！“”‘’（）《》…—～－,.;:?!()\"' \u3000\u00a0\u200b\t0123456789０１２ab")


@st.composite
def any_text(draw) -> str:
    lines = draw(st.lists(st.text(alphabet=ANY_CHARS, max_size=40), min_size=1, max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    promo = draw(st.sampled_from(["", "仅供学习 禁止外传" + newline, "更多范文请关注公众号" + newline]))
    return promo + newline.join(lines) + draw(st.sampled_from(["", newline]))


# --- checking edits ------------------------------------------------------------------------

def absolute(text: str, edits: Sequence[Edit]) -> List[Tuple[int, int]]:
    """Edits as (start, end) offsets in text; lines are split at \\n, columns count the
    characters of a line without its line break (a \\r before \\n is not counted)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(line: int, col: int) -> int:
        return len(text) if line >= len(starts) else min(starts[line] + col, len(text))

    return [(at(e.line, e.start), at(e.end_line, e.end)) for e in edits]


def unchanged_outside(old: str, new: str, spans: Sequence[Tuple[int, int]]) -> bool:
    """Is new the text old with only the spans (start, end) replaced, by anything?

    The parts of old outside every span must appear in new, in order and whole, with only the
    replacements between them: new must match old's outside parts joined by wildcards."""
    merged: List[List[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pattern, pos = [], 0
    for start, end in merged:
        pattern.append(re.escape(old[pos:start]))
        pattern.append("(?s:.*?)")
        pos = end
    pattern.append(re.escape(old[pos:]))
    return re.fullmatch("".join(pattern), new) is not None


def rounds(text: str, unsafe: bool):
    """Fix text, recording every round: returns the fixed text and the (text, diagnostics)
    that each lint saw."""
    seen = []

    def recording(doc):
        diags = check(doc)
        seen.append((doc.text, diags))
        return diags

    fixed = fix_document(from_text("doc.txt", text), recording, unsafe)[0]
    return fixed.text, seen


# --- properties ----------------------------------------------------------------------------

@SETTINGS
@given(document())
def test_fixing_corrects_exactly_the_injected_defects(case):
    clean, defective, newline = case
    assert fix(clean) == clean, "the generated clean text has a safe fix"
    fixed = fix(defective)
    assert fixed == clean
    assert fixed.count("\r\n") == clean.count("\r\n")


@SETTINGS
@given(document())
def test_each_round_changes_nothing_outside_its_edits(case):
    _, defective, _ = case
    fixed, seen = rounds(defective, unsafe=False)
    texts = [t for t, _ in seen]
    for (old, diags), new in zip(seen, texts[1:] + [fixed]):
        spans = absolute(old, chosen_edits(diags, unsafe=False))
        assert unchanged_outside(old, new, spans)


@SETTINGS
@given(any_text(), st.booleans())
def test_fixing_any_text_never_raises_and_touches_only_edited_spans(text, unsafe):
    fixed, seen = rounds(text, unsafe)
    texts = [t for t, _ in seen]
    for (old, diags), new in zip(seen, texts[1:] + [fixed]):
        assert unchanged_outside(old, new, absolute(old, chosen_edits(diags, unsafe)))
    # line breaks are never rewritten: a \r\n stays whole unless a whole line goes
    assert fixed.count("\r\n") <= text.count("\r\n")
    assert fixed.replace("\r\n", "").count("\r") == text.replace("\r\n", "").count("\r")


@SETTINGS
@given(document())
def test_fixing_twice_is_fixing_once(case):
    _, defective, _ = case
    once = fix(defective)
    assert fix(once) == once


@SETTINGS
@given(any_text(), st.booleans())
def test_fixing_any_text_twice_is_fixing_once(text, unsafe):
    once = fix(text, unsafe)
    assert fix(once, unsafe) == once


@SETTINGS
@given(document(nbsp=False), st.sampled_from(["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"]))
def test_bytes_round_trip_in_the_files_encoding(case, codec):
    """A file in GBK (or another encoding), with \\n or \\r\\n, is fixed in place: the fixed
    bytes are the clean text in the same encoding, BOM and line breaks."""
    clean, defective, newline = case
    data = defective.encode(codec)
    if codec in ("gbk", "gb18030"):
        try:
            data.decode("utf-8")
            assume(False)  # GBK bytes that happen to be valid UTF-8 are read as UTF-8
        except UnicodeDecodeError:
            pass
    doc = from_bytes("doc.txt", data)
    assert doc.text == defective
    fixed = fix_document(doc, check, unsafe=False)[0]
    out = encode(fixed)
    assert out == clean.encode(codec)
    if codec == "gbk":
        assert out.decode("gbk") == clean
    assert out.count(b"\r\n" if codec != "utf-16" else "\r\n".encode("utf-16-le")) == \
        clean.count("\r\n")


# --- apply_edits on its own ----------------------------------------------------------------

@st.composite
def text_and_edits(draw):
    lines = draw(st.lists(st.text(alphabet="甲乙丙丁 ,", max_size=8), min_size=1, max_size=4))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    doc_lines = from_text("doc.txt", text).lines or ("",)

    def position():
        line = draw(st.integers(0, len(doc_lines) - 1))
        return line, draw(st.integers(0, len(doc_lines[line])))

    edits = []
    for _ in range(draw(st.integers(0, 5))):
        a, b = sorted([position(), position()])
        if draw(st.integers(0, 4)) == 0 and a[0] + 1 <= len(doc_lines):  # a whole line
            a, b = (a[0], 0), (a[0] + 1, 0)
        edits.append(Edit(a[0], a[1], b[0], b[1], draw(st.text(alphabet="子丑，", max_size=3))))
    return text, edits


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text_and_edits())
def test_apply_edits_replaces_only_the_spans_it_takes(case):
    text, edits = case
    new, applied = apply_edits(text, edits)
    spans = absolute(text, edits)
    assert 0 <= applied <= len(edits)
    assert unchanged_outside(text, new, spans)
    # edits that do not overlap (nor share a point) all apply, as if applied from the end
    ordered = sorted(zip(spans, edits), key=lambda pair: pair[0])
    disjoint = all(a[1] < b[0] for (a, _), (b, _) in zip(ordered, ordered[1:]))
    if disjoint:
        assert applied == len(edits)
        expected = text
        for (start, end), e in reversed(ordered):
            expected = expected[:start] + e.text + expected[end:]
        assert new == expected
