"""Every rule's own examples hold, and rule files are loaded strictly.

Each `bad` example must give at least one diagnostic of its rule (linted with that rule
alone); when it names `fixed`, writing the diagnostics' replacements over their spans must
give exactly that text. Each `good` example must give no diagnostic of its rule.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from speechlint.ruleset import RuleError, load_rules

from conftest import apply_replacements, builtin_rules, lint_text


def _cases(which: str):
    out = []
    for rule in builtin_rules():
        examples = rule.bad if which == "bad" else rule.good
        for i, _ in enumerate(examples):
            out.append(pytest.param(rule.code, i, id=f"{rule.code}-{which}-{i}"))
    return out


def _show(diags) -> str:
    return "\n".join(f"  {d.line}:{d.column}-{d.end_column} {d.code} {d.message}"
                     f" replacement={d.replacement!r}" for d in diags) or "  (none)"


def test_every_rule_has_examples(rules):
    assert rules, "no rules loaded"
    for rule in rules:
        assert rule.bad, f"{rule.code} has no bad example"
        assert rule.good, f"{rule.code} has no good example"


def test_builtin_patterns_match_nothing_of_zero_width():
    """A run skips this probe for the built-in rules (see parse_rule): here each is loaded with
    it, as a user's rule always is."""
    from speechlint.ruleset import builtin_rules_dir, load_rule_file, rule_files

    files = list(rule_files(builtin_rules_dir()))
    assert files
    for path in files:
        load_rule_file(path, probe=True)  # raises RuleError naming the pattern


def test_zero_width_probe_is_skipped_only_when_asked(tmp_path):
    rule = tmp_path / "SL990.toml"
    rule.write_text('code = "SL990"\nname = "empty-match"\nkind = "existence"\nmessage = "{match}"\n'
                    'doc = "x"\n[examples]\nbad = ["甲"]\ngood = ["乙"]\n'
                    '[options]\npatterns = ["甲|(?=乙)"]\n', encoding="utf-8")
    from speechlint.ruleset import load_rule_file

    with pytest.raises(RuleError, match="zero width"):
        load_rule_file(rule)
    assert load_rule_file(rule, probe=False).code == "SL990"


@pytest.mark.parametrize("code, index", _cases("bad"))
def test_bad_example_is_flagged(rules_by_code, code, index):
    rule = rules_by_code[code]
    example = rule.bad[index]
    diags = [d for d in lint_text(example.text, [rule]) if d.code == code]
    assert diags, f"{code} does not flag its bad example #{index}: {example.text!r}"
    if example.fixed is not None:
        got = apply_replacements(example.text, diags)
        assert got == example.fixed, (
            f"{code} bad example #{index}: applying the replacements gives the wrong text\n"
            f"  text:     {example.text!r}\n  expected: {example.fixed!r}\n  got:      {got!r}\n"
            f"diagnostics:\n{_show(diags)}")


def _fixed_cases():
    return [c for c in _cases("bad") if builtin_rules_by_code()[c.values[0]].bad[c.values[1]].fixed is not None]


def builtin_rules_by_code():
    return {r.code: r for r in builtin_rules()}


@pytest.mark.parametrize("code, index", _fixed_cases())
def test_bad_example_fix_edits_give_the_fixed_text(rules_by_code, code, index):
    """The same through the fix edits (what --fix would write), when the rule has a fix."""
    fixes = pytest.importorskip("speechlint.fixes")
    rule = rules_by_code[code]
    example = rule.bad[index]
    if not rule.fix:
        pytest.skip(f"{code} has no fix")
    diags = [d for d in lint_text(example.text, [rule]) if d.code == code]
    edits = [e for d in diags if d.fix is not None for e in d.fix.edits]
    got, _ = fixes.apply_edits(example.text, edits)
    assert got == example.fixed, (
        f"{code} bad example #{index}: applying the fix edits gives the wrong text\n"
        f"  text:     {example.text!r}\n  expected: {example.fixed!r}\n  got:      {got!r}\n"
        f"diagnostics:\n{_show(diags)}")


@pytest.mark.parametrize("code, index", _cases("good"))
def test_good_example_is_quiet(rules_by_code, code, index):
    rule = rules_by_code[code]
    text = rule.good[index]
    diags = [d for d in lint_text(text, [rule]) if d.code == code]
    assert not diags, f"{code} flags its good example #{index}: {text!r}\n{_show(diags)}"


# --- strict loading ------------------------------------------------------------------------

VALID = """\
code = "SL901"
name = "user-phrase"
kind = "existence"
message = "avoid “{match}”"
doc = "A phrase the house style avoids."

[examples]
bad = ["要全面赋能基层治理。"]
good = ["要全面加强基层治理。"]

[options]
tokens = ["赋能"]
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_user_rule_loads_and_works(tmp_path):
    """The control for the failures below: the unmodified user rule is accepted."""
    _write(tmp_path, "SL901-user-phrase.toml", VALID)
    rules = load_rules(extra=[tmp_path])
    user = [r for r in rules if r.code == "SL901"]
    assert len(user) == 1 and user[0].name == "user-phrase"
    diags = lint_text("要全面赋能基层治理。", user)
    assert [(d.code, d.column, d.end_column) for d in diags] == [("SL901", 4, 5)]
    assert len(rules) == len(builtin_rules()) + 1


BROKEN = {
    # top-level keys must come before the first table to be top-level
    "unknown-top-level-key": VALID.replace("[examples]", 'colour = "red"\n\n[examples]', 1),
    "unknown-options-key": VALID + 'spelling = "strict"\n',  # appended inside [options]
    "bad-regex": VALID.replace('tokens = ["赋能"]', 'patterns = ["赋(能"]'),
    "bad-code-format": VALID.replace('code = "SL901"', 'code = "SL9011"'),
    "bad-code-prefix": VALID.replace('code = "SL901"', 'code = "XY901"'),
    "bad-kebab-name": VALID.replace('name = "user-phrase"', 'name = "User_Phrase"'),
    "invalid-toml": VALID.replace('message = "avoid “{match}”"', 'message = "avoid'),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_rule_file_is_an_error_naming_the_file(tmp_path, case):
    path = _write(tmp_path, "SL901-user-phrase.toml", BROKEN[case])
    with pytest.raises(RuleError) as info:
        load_rules(extra=[tmp_path])
    assert str(path) in str(info.value), str(info.value)


def test_unknown_keys_are_named(tmp_path):
    path = _write(tmp_path, "r.toml", BROKEN["unknown-top-level-key"])
    with pytest.raises(RuleError, match="colour"):
        load_rules(extra=[path])
    _write(tmp_path, "r.toml", BROKEN["unknown-options-key"])
    with pytest.raises(RuleError, match="spelling"):
        load_rules(extra=[path])


def test_duplicate_code_is_an_error_naming_both_files(tmp_path):
    path = _write(tmp_path, "SL101-again.toml", VALID.replace("SL901", "SL101"))
    with pytest.raises(RuleError) as info:
        load_rules(extra=[tmp_path])
    message = str(info.value)
    assert str(path) in message
    assert "SL101" in message
    assert "SL101-duplicated-word.toml" in message  # the built-in file it clashes with


def test_duplicate_code_between_user_files(tmp_path):
    _write(tmp_path, "a.toml", VALID)
    second = _write(tmp_path, "b.toml", VALID.replace("user-phrase", "other-phrase"))
    with pytest.raises(RuleError) as info:
        load_rules(extra=[tmp_path])
    assert str(second) in str(info.value)


def test_missing_extra_location_is_an_error(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(RuleError) as info:
        load_rules(extra=[missing])
    assert str(missing) in str(info.value)


def test_builtin_rules_are_sorted_and_unique(rules):
    codes = [r.code for r in rules]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    families = {r.family for r in rules}
    assert {1, 2, 3, 4, 5} <= families


def test_the_builtin_tables_are_kept_and_read_back_as_parsed(tmp_path):
    from speechlint.ruleset import _read_toml, builtin_rules_dir, builtin_tables, rule_files

    files = list(rule_files(builtin_rules_dir()))
    first = builtin_tables(files, tmp_path)
    kept = list(tmp_path.glob("rules-*.marshal"))
    assert len(kept) == 1
    again = builtin_tables(files, tmp_path)
    assert again == first == {path: _read_toml(path) for path in files}
    kept[0].write_bytes(b"\x00damaged")  # a damaged cache is read anew, not trusted
    assert builtin_tables(files, tmp_path) == first
    import marshal

    data = bytearray(kept[0].read_bytes())  # a cache still readable by marshal, its content changed
    tables = marshal.loads(bytes(data[32:]))
    tables[files[0].name] = ["not", "a", "table"]
    kept[0].write_bytes(bytes(data[:32]) + marshal.dumps(tables))
    assert builtin_tables(files, tmp_path) == first


def test_a_cache_that_cannot_be_written_leaves_no_file_behind(tmp_path):
    from speechlint.ruleset import builtin_rules_dir, builtin_tables, rule_files

    files = list(rule_files(builtin_rules_dir()))
    first = builtin_tables(files, tmp_path)
    for kept in tmp_path.glob("rules-*.marshal"):
        kept.unlink()
        kept.mkdir()  # os.replace onto a folder fails
    assert builtin_tables(files, tmp_path) == first
    assert not list(tmp_path.glob(".rules-*"))


def test_a_changed_builtin_file_is_read_anew(tmp_path):
    import shutil

    from speechlint.ruleset import builtin_rules_dir, builtin_tables, rule_files

    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    files = list(rule_files(folder))
    builtin_tables(files, tmp_path / "cache")
    path = folder / "SL101-duplicated-word.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('severity = "error"', 'severity = "info"'), encoding="utf-8")
    assert builtin_tables(files, tmp_path / "cache")[path]["severity"] == "info"
    assert len(list((tmp_path / "cache").glob("rules-*.marshal"))) == 1  # the earlier version removed
