"""Chinese and English: the locale, --lang and the config's lang choose; program text comes from
the gettext catalog, rule texts from each rule's [zh] table."""
from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import REPO, builtin_rules, lint_text, run_cli
from speechlint import i18n
from speechlint.ruleset import RuleError, load_rules, parse_rule

SEED = "seeds/000_194b8ab123b4e932.txt"
ZH = {"LANG": "zh_CN.UTF-8"}
EN = {"LANG": "C.UTF-8"}
HAN = re.compile(r"[\u4e00-\u9fff]")
# an English word in a message: three lowercase letters in a row (codes, XX and the text quoted
# from the document are not)
ENGLISH = re.compile(r"[a-z]{3,}")


def _compiler():
    spec = importlib.util.spec_from_file_location("compile_catalogs", REPO / "scripts" / "compile_catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("env,lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "zh_TW.UTF-8"}, "zh"), ({"LANG": "zh"}, "zh"),
    ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}, "zh"), ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"), ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
])
def test_the_locale_decides_the_language(env, lang):
    assert i18n.from_environment(env) == lang


def test_the_shipped_catalog_is_compiled_from_the_po_and_covers_the_source():
    assert _compiler().check() == []


def test_the_catalog_compiler_reads_plurals_and_skips_fuzzy_and_untranslated_entries():
    compiler = _compiler()
    po = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=1; plural=0;\\n"\n\n'
          'msgid "a"\nmsgstr "甲"\n\n#, fuzzy\nmsgid "b"\nmsgstr "乙"\n\nmsgid "c"\nmsgstr ""\n\n'
          'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} 个文件"\n')
    import gettext
    import io

    t = gettext.GNUTranslations(io.BytesIO(compiler.compile_po(po)))
    assert t.gettext("a") == "甲" and t.gettext("b") == "b" and t.gettext("c") == "c"
    assert t.ngettext("{n} file", "{n} files", 2) == "{n} 个文件"


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_builtin_rule_speaks_both_languages(rule):
    assert rule.zh.name and HAN.search(rule.zh.name), f"{rule.code} has no Chinese name"
    assert rule.zh.message and rule.zh.doc, f"{rule.code} has no Chinese message or doc"
    assert HAN.search(rule.zh.doc) and not ENGLISH.search(re.sub(r"\{\w+\}", "", rule.zh.message))
    assert rule.title("en") == rule.name and rule.title("zh") == rule.zh.name
    for lang in ("zh", "en"):
        rule.message_in(lang).format(match="甲", replacement="乙", detail="丙")
    assert rule.message_in("en") == rule.message and rule.doc_in("zh") == rule.zh.doc
    # short and plain: no page of statistics
    assert len(rule.zh.doc.splitlines()) <= 16, f"{rule.code}'s Chinese doc is too long"


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_builtin_rule_reports_its_bad_examples_in_chinese(rule):
    with i18n.using("zh"):
        found = [d for e in rule.bad for d in lint_text(e.text, [rule])]
    assert found, f"{rule.code}: no finding on its bad examples"
    for d in found:
        # the message without what it quotes from the text
        bare = re.sub(r"“[^”]*”", "", d.message)
        assert HAN.search(d.message) and not ENGLISH.search(bare), f"{rule.code}: {d.message}"
    with i18n.using("en"):
        english = [d for e in rule.bad for d in lint_text(e.text, [rule])]
    assert [d.code for d in english] == [d.code for d in found]


def _rule(tmp_path, text: str):
    path = tmp_path / "SL901-mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = 'code = "SL901"\nname = "my-rule"\nkind = "existence"\n'
OPTIONS = '\n[options]\npatterns = ["某某某"]\n'


def test_a_user_rule_may_give_chinese_only_or_english_only(tmp_path):
    path = _rule(tmp_path, HEAD + '[zh]\nname = "我的规则"\nmessage = "不要写“{match}”"\ndoc = "说明"\n' + OPTIONS)
    rule = load_rules([path])[-1]
    assert rule.message_in("en") == rule.message_in("zh") == "不要写“{match}”"
    assert rule.title("zh") == "我的规则" and rule.title("en") == "my-rule"
    path = _rule(tmp_path, HEAD + 'message = "do not write “{match}”"\ndoc = "why"\n' + OPTIONS)
    rule = load_rules([path])[-1]
    assert rule.message_in("zh") == "do not write “{match}”" and rule.title("zh") == "my-rule"


@pytest.mark.parametrize("zh,error", [
    ('[zh]\nmessage = "写了“{match}”"\ndoc = "说明"\ntitle = "x"\n', "unknown key 'zh.title'"),
    ('[zh]\nmessage = "写了“{replacement}”"\ndoc = "说明"\n', "[zh] message uses {replacement}"),
    ('[zh]\nmessage = ""\ndoc = "说明"\n', "'zh.message'"),
    ('zh = "中文"\n', "'zh' must be a table"),
    ('', "missing or empty 'message'"),
])
def test_a_bad_zh_table_is_an_error_naming_the_file(tmp_path, zh, error):
    text = HEAD + ('doc = "why"\n' if "doc" not in zh else 'message = "no “{match}”"\ndoc = "why"\n') + zh + OPTIONS
    if not zh:
        text = HEAD + 'doc = "why"\n' + OPTIONS
    path = _rule(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_rules([path])
    assert str(path) in str(info.value) and error in str(info.value)
def test_seed_messages_follow_the_locale_and_lang_overrides_it():
    zh = run_cli([SEED], REPO, env=ZH)
    assert zh.returncode == 1
    assert f"{SEED}:18:1: SL301 错误：未填写的占位符“×”" in zh.stdout
    assert f"{SEED}:27:309: SL101 [*] 错误：“落实”重复了" in zh.stdout and "is written twice" not in zh.stdout
    assert f"{SEED}:22:12: SL802 警告：姓氏加职务的简称“习总书记”：正式行文应写作“习近平总书记”" in zh.stdout
    assert "unfilled placeholder" not in zh.stdout
    en = run_cli([SEED], REPO, env=EN)
    assert f"{SEED}:18:1: SL301 error: unfilled placeholder “×”" in en.stdout
    assert run_cli(["--lang", "en", SEED], REPO, env=ZH).stdout == en.stdout
    assert run_cli(["--lang", "zh", SEED], REPO, env=EN).stdout == zh.stdout
    # LC_ALL wins over LANG, as for every program
    assert run_cli([SEED], REPO, env={"LANG": "C.UTF-8", "LC_ALL": "zh_CN.UTF-8"}).stdout == zh.stdout


def test_help_follows_the_language():
    zh = run_cli(["--help"], REPO, env=ZH)
    assert zh.returncode == 0
    assert zh.stdout.startswith("用法：speechlint") and "选项:" in zh.stdout and "显示本帮助并退出" in zh.stdout
    assert "检查中文讲话稿" in zh.stdout and "只报告这些" in zh.stdout
    en = run_cli(["--help"], REPO, env=EN)
    assert en.stdout.startswith("usage: speechlint") and "show this help message and exit" in en.stdout
    assert not HAN.search(en.stdout.split("options:")[0].replace("讲话稿", ""))
    assert run_cli(["--lang", "en", "--help"], REPO, env=ZH).stdout == en.stdout
    assert run_cli(["--help", "--lang=zh"], REPO, env=EN).stdout == zh.stdout


def test_argparse_errors_follow_the_language():
    zh = run_cli(["--format", "xml", SEED], REPO, env=ZH)
    assert zh.returncode == 2 and "错误：参数 --format：无效的选择" in zh.stderr
    en = run_cli(["--format", "xml", SEED], REPO, env=EN)
    assert "error: argument --format: invalid choice" in en.stderr


def test_rule_explained_in_the_language():
    zh = run_cli(["rule", "SL301"], REPO, env=ZH)
    assert zh.returncode == 0
    assert zh.stdout.startswith("SL301 未填写的占位符（×）")
    assert "模板用 × 标出需要填写的内容" in zh.stdout and "应报告：" in zh.stdout and "不报告：" in zh.stdout
    en = run_cli(["rule", "SL301"], REPO, env=EN)
    assert en.stdout.startswith("SL301 placeholder-cross") and "Flagged:" in en.stdout
    assert run_cli(["rule", "SL301", "--lang", "en"], REPO, env=ZH).stdout == en.stdout
    assert run_cli(["rule", "--lang", "zh", "SL301"], REPO, env=EN).stdout == zh.stdout
    short = run_cli(["rule", "SL403"], REPO, env=ZH).stdout  # short and useful, no statistics
    assert len(short.splitlines()) < 40 and "服务质凉" in short


def test_rules_list_shows_chinese_names():
    zh = run_cli(["rules"], REPO, env=ZH).stdout
    assert re.search(r"^SL301  未填写的占位符（×） +placeholder +错误$", zh, re.M)
    en = run_cli(["rules"], REPO, env=EN).stdout
    assert re.search(r"^SL301  placeholder-cross +placeholder +error$", en, re.M)


def test_the_html_report_follows_the_language():
    zh = run_cli(["report", "-o", "-", SEED], REPO, env=ZH).stdout
    assert '<html lang="zh-CN">' in zh and "speechlint 检查报告" in zh and "按类别" in zh
    assert "未填写的占位符（×）" in zh and "Per family" not in zh and "未填写的占位符“×”" in zh
    en = run_cli(["report", "-o", "-", SEED], REPO, env=EN).stdout
    assert '<html lang="en">' in en and "Per family" in en and "按类别" not in en
    assert run_cli(["report", "--lang", "en", "-o", "-", SEED], REPO, env=ZH).stdout == en


def test_json_keeps_its_keys_and_codes_and_speaks_the_language():
    import json

    zh = json.loads(run_cli(["--format", "json", SEED], REPO, env=ZH).stdout)
    en = json.loads(run_cli(["--format", "json", SEED], REPO, env=EN).stdout)
    assert [sorted(d) for d in zh] == [sorted(d) for d in en]
    assert [(d["code"], d["name"], d["line"]) for d in zh] == [(d["code"], d["name"], d["line"]) for d in en]
    assert any(d["message"] == "未填写的占位符“×”" for d in zh)


def test_lang_in_the_config(tmp_path):
    (tmp_path / ".speechlint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("×月×日召开会议。\n", encoding="utf-8")
    out = run_cli(["a.txt"], tmp_path, env=EN)
    assert "未填写的占位符“×”" in out.stdout
    assert "unfilled placeholder" in run_cli(["--lang", "en", "a.txt"], tmp_path, env=ZH).stdout
    (tmp_path / ".speechlint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = run_cli(["a.txt"], tmp_path, env=EN)
    assert bad.returncode == 2 and "lang 'fr' is not one of zh, en" in bad.stderr


def test_the_readme_quotes_the_chinese_output_of_the_seed():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Language\n", 1)[1].split("\n## ", 1)[0]
    assert "`LANG=zh_CN.UTF-8 speechlint seeds/` prints" in section
    sample = section.split("```\n", 2)[1].strip().splitlines()
    out = run_cli(["seeds/"], REPO, env=ZH).stdout.splitlines()
    assert sample and all(line in out for line in sample), [l for l in sample if l not in out]


def test_the_language_server_speaks_the_configs_language(tmp_path):
    from speechlint.server import Linter

    (tmp_path / ".speechlint.toml").write_text('lang = "zh"\nselect = ["SL301"]\n', encoding="utf-8")
    linter = Linter()
    found, _ = linter.lint(str(tmp_path / "a.txt"), "×月×日召开会议。\n", False)
    assert [d.message for d in found] == ["未填写的占位符“×”"] * 2
    assert linter.lang_of[str(tmp_path / "a.txt")] == "zh"
    linter.lang = "en"  # speechlint server --lang en
    found, _ = linter.lint(str(tmp_path / "a.txt"), "×月×日召开会议。\n", False)
    assert found[0].message == "unfilled placeholder “×”"


def _errors(stderr: str) -> list:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("case", ["config", "files", "rule"])
def test_errors_are_in_chinese_with_lang_zh_and_in_english_without(tmp_path, case):
    """A bad config key, a binary file, a missing file and a bad rule file: every error line
    in Chinese with --lang zh (the file names, keys and values it quotes as they are), in
    English without it."""
    args = ["a.txt"]
    (tmp_path / "a.txt").write_text("会议已经召开。\n", encoding="utf-8")
    if case == "config":
        (tmp_path / ".speechlint.toml").write_text('selct = ["SL1"]\n', encoding="utf-8")
        zh_wanted = ["speechlint：错误：", ".speechlint.toml：未知的配置项 'selct'（可用的配置项：allow, "]
        en_wanted = ["speechlint: error: ", ".speechlint.toml: unknown key 'selct' (known: allow, "]
    elif case == "files":
        (tmp_path / "binary.txt").write_bytes(b"\xe4\xbc\x9a\x00\x01\x02")
        args = ["--isolated", "binary.txt", "missing.txt"]
        zh_wanted = ["speechlint：错误：binary.txt：二进制文件（含有 NUL 字节），不是文本",
                     "speechlint：错误：missing.txt：文件或文件夹不存在"]
        en_wanted = ["speechlint: error: binary.txt: binary file (contains NUL bytes)",
                     "speechlint: error: missing.txt: no such file or folder"]
    else:
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "SL901-mine.toml").write_text(
            'code = "SL9"\nname = "my-rule"\nkind = "existence"\nmessage = "m"\ndoc = "d"\n', encoding="utf-8")
        (tmp_path / ".speechlint.toml").write_text('extend-rules = ["rules"]\n', encoding="utf-8")
        zh_wanted = ["SL901-mine.toml：code 的值 'SL9' 不是 SL 加三位数字"]
        en_wanted = ["SL901-mine.toml: code 'SL9' is not SL followed by three digits"]
    zh = run_cli(["--lang", "zh", *args], tmp_path, env=EN)
    assert zh.returncode == 2, zh.stderr
    assert all(w in zh.stderr for w in zh_wanted), zh.stderr
    for line in _errors(zh.stderr):
        assert line.startswith("speechlint：错误："), line
        # what is left once the names, keys (the rule file's code) and values it quotes are taken out
        bare = re.sub(r"（可用的配置项：[^）]*）|'[^']*'|\S*\.(?:txt|toml)|speechlint|SL\w*|\bcode\b", "", line)
        assert HAN.search(bare) and not ENGLISH.search(bare), line
    en = run_cli(args, tmp_path, env=EN)
    assert en.returncode == 2, en.stderr
    assert all(w in en.stderr for w in en_wanted), en.stderr
    assert not HAN.search(en.stderr), en.stderr
    # the locale asks for Chinese as --lang does
    assert run_cli(args, tmp_path, env=ZH).stderr == zh.stderr


def test_a_prefix_that_names_no_rule_is_an_error_in_the_language_in_use(tmp_path):
    (tmp_path / "a.txt").write_text("要精心部署。\n", encoding="utf-8")
    zh = run_cli(["--isolated", "--select", "SLQ", "a.txt"], tmp_path, env=ZH)
    assert zh.returncode == 2 and "'SLQ' 不是任何规则代码的开头" in zh.stderr
    en = run_cli(["--isolated", "--select", "SLQ", "a.txt"], tmp_path, env=EN)
    assert en.returncode == 2 and "'SLQ' matches no rule code" in en.stderr


@pytest.mark.parametrize("kind,options,zh,en", [
    ("substitution", 'swap = { "甲" = "甲" }', "条目 '甲' = '甲' 没有改动任何内容", "entry '甲' = '甲' changes nothing"),
    ("char-slip", "min-gain = [1.0, 2.0]", "'min-gain' 应列出三个阈值", "'min-gain' lists three thresholds"),
])
def test_a_rule_kinds_option_error_is_in_the_language_in_use(tmp_path, kind, options, zh, en):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "SL950-x.toml").write_text(
        f'code = "SL950"\nname = "x"\nkind = "{kind}"\nseverity = "warning"\nmessage = "m"\ndoc = "d"\n'
        f'[options]\n{options}\n', encoding="utf-8")
    (tmp_path / "speechlint.toml").write_text('extend-rules = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("要精心部署。\n", encoding="utf-8")
    in_zh = run_cli(["a.txt"], tmp_path, env=ZH)
    assert in_zh.returncode == 2 and zh in in_zh.stderr
    in_en = run_cli(["a.txt"], tmp_path, env=EN)
    assert in_en.returncode == 2 and en in in_en.stderr
