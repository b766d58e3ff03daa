"""Rules are data: one TOML file per rule, loaded strictly."""
from __future__ import annotations

import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Tuple

import regex

from speechlint.guard import excerpt, inside, shorten
from speechlint.kinds import KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CODE = regex.compile(r"^SL[0-9]{3}$")
NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
TOP_KEYS = {"code", "name", "kind", "severity", "message", "doc", "fix", "examples", "options", "zh"}
# a rule's texts in Chinese: the name shown to people (词语重复), the message and the doc
ZH_KEYS = {"name", "message", "doc"}
EXAMPLE_KEYS = {"bad", "good"}


class RuleError(Exception):
    """A rule file that cannot be used; str() names the file and the cause."""


@dataclass(frozen=True)
class Example:
    text: str
    fixed: Optional[str] = None  # for bad examples: the text after the suggested replacement


@dataclass(frozen=True)
class Texts:
    """A rule's texts in one language ("" where the rule gives none)."""

    name: str = ""  # the name shown to people, e.g. 词语重复
    message: str = ""
    doc: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    message: str
    doc: str
    fix: Optional[str]  # None, "safe" or "unsafe"
    bad: Tuple[Example, ...]
    good: Tuple[str, ...]
    options: Any = field(compare=False, repr=False)  # what the kind's prepare() returned (None: not prepared)
    source: str = ""
    zh: Texts = field(default=Texts(), compare=False, repr=False)

    @property
    def family(self) -> int:
        return int(self.code[2])

    # message and doc are the English texts; a rule that gives only Chinese ones has them there
    # too, and a rule without Chinese texts is shown in English (each language falls back on
    # the other)
    def title(self, lang: Optional[str] = None) -> str:
        """The name shown to people in lang (default: the language in use): the Chinese name
        in Chinese, when the rule has one; the rule's name (duplicated-word) otherwise."""
        return (self.zh.name or self.name) if _lang(lang) == "zh" else self.name

    def message_in(self, lang: Optional[str] = None) -> str:
        return (self.zh.message or self.message) if _lang(lang) == "zh" else self.message

    def doc_in(self, lang: Optional[str] = None) -> str:
        return (self.zh.doc or self.doc) if _lang(lang) == "zh" else self.doc


def _lang(lang: Optional[str]) -> str:
    if lang is not None:
        return lang
    from speechlint.i18n import language

    return language()


def builtin_rules_dir() -> Path:
    import speechlint.rules as pkg

    return Path(pkg.__file__).parent


class _FieldError(ValueError):
    pass


def _fields(template: str) -> set:
    """The replacement fields of a message template; ValueError if it is malformed or if a
    field is anything but a plain {name}: a format spec ({match:>5}, which may nest a field,
    {match:{detail}<5}), a conversion ({match!r}), an index or an attribute ({match[0]},
    {match.upper}) could fail or do work at lint time, so they are refused at load."""
    out = set()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion is not None or not (name == "" or name.isidentifier()):
            whole = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise _FieldError(f"message field {excerpt(whole)} is not a plain {{name}}: format specs, "
                              f"conversions, indexes and attributes are not allowed")
        out.add(name)
    return out


def _check_message(message: str, provided: Tuple[str, ...], kind: str, fail) -> None:
    """The message must be a str.format template using only the fields the kind provides
    (all strings), so that the engine's message.format(...) cannot fail while linting."""
    try:
        fields = _fields(message)
    except _FieldError as exc:
        raise fail(str(exc)) from None
    except ValueError as exc:
        raise fail(f"message is not a valid template ({exc}; write {{{{ and }}}} for braces)") from None
    if "" in fields:
        raise fail("message has an empty {} field; name one of: " + ", ".join(provided))
    bad_fields = fields - set(provided)
    if bad_fields:
        raise fail(f"message uses {{{sorted(bad_fields)[0]}}}, which kind {kind!r} does not "
                   f"provide (it provides: {', '.join(provided)})")
    try:
        message.format(**{f: "x" for f in provided})
    except (ValueError, LookupError, AttributeError, TypeError) as exc:
        raise fail(f"message is not a valid template: {exc}") from None


def parse_rule(data: Mapping[str, Any], source: str, root: Optional[Path] = None,
               allow_outside: bool = False, prepare: bool = True) -> Rule:
    """A rule from a rule file's table. NAME-file options must resolve inside root (by default
    the rule file's folder) unless allow_outside. With prepare=False (listing and explaining
    the built-in rules, which the tests check), the kind's module is not imported: the checks
    that need it (message fields, options) and its prepare() are skipped, and options is None."""
    def fail(msg: str) -> RuleError:
        return RuleError(f"{source}: {msg}")

    unknown = set(data) - TOP_KEYS
    if unknown:
        raise fail(f"unknown key {excerpt(sorted(unknown)[0])} (allowed: {', '.join(sorted(TOP_KEYS))})")
    zh = _table(data, "zh", ZH_KEYS, fail, "'zh' must be a table with name, message and doc in Chinese")
    for key in ZH_KEYS:
        if key in zh and (not isinstance(zh[key], str) or not zh[key].strip()):
            raise fail(f"empty or not a string: 'zh.{key}'")
    for key in ("code", "name", "kind"):
        if not isinstance(data.get(key), str) or not data.get(key).strip():
            raise fail(f"missing or empty {key!r}")
    for key in ("message", "doc"):
        # a rule may give its message and doc in one language only (English or [zh])
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            raise fail(f"empty or not a string: {key!r}")
        if key not in data and key not in zh:
            raise fail(f"missing or empty {key!r} (give it in English, or in Chinese under [zh])")
    code, name, kind = data["code"], data["name"], data["kind"]
    if not CODE.match(code):
        raise fail(f"code {excerpt(code)} is not SL followed by three digits")
    if not NAME.match(name):
        raise fail(f"name {excerpt(name)} is not kebab-case")
    if kind not in KINDS:
        raise fail(f"unknown kind {excerpt(kind)} (known: {', '.join(sorted(KINDS))})")
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail(f"severity {excerpt(severity)} is not one of {', '.join(SEVERITIES)}")
    fix = data.get("fix")
    if fix not in (None, "safe", "unsafe"):
        raise fail(f"fix {excerpt(fix)} is not 'safe' or 'unsafe'")
    message, doc = data.get("message", zh.get("message", "")).strip(), data.get("doc", zh.get("doc", "")).strip()
    module = KINDS[kind] if prepare else None
    if module is not None:
        _check_message(message, tuple(module.FIELDS), kind, fail)
        if "message" in zh:
            _check_message(zh["message"].strip(), tuple(module.FIELDS), kind, lambda msg: fail("[zh] " + msg))
    examples = _table(data, "examples", EXAMPLE_KEYS, fail, "'examples' must be a table with 'bad' and 'good' lists")
    bad = []
    if not isinstance(examples.get("bad", []), list):
        raise fail("'examples.bad' must be a list of strings or tables {text = ..., fixed = ...}")
    for item in examples.get("bad", []):
        if isinstance(item, str):
            bad.append(Example(item))
        elif (isinstance(item, dict) and set(item) <= {"text", "fixed"} and isinstance(item.get("text"), str)
              and isinstance(item.get("fixed", ""), str)):
            bad.append(Example(item["text"], item.get("fixed")))
        else:
            raise fail("each bad example is a string or a table {text = ..., fixed = ...} of strings")
    good = examples.get("good", [])
    if not isinstance(good, list) or not all(isinstance(g, str) for g in good):
        raise fail("'examples.good' must be a list of strings")
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise fail("'options' must be a table")
    chinese = Texts(zh.get("name", "").strip(), zh.get("message", "").strip(), zh.get("doc", "").strip())
    if module is None:
        return Rule(code, name, kind, severity, message, doc, fix, tuple(bad), tuple(good), None, source, chinese)
    options = _read_option_files(options, module.OPTIONS, source, fail,
                                 Path(source).parent if root is None else root, allow_outside)
    unknown = set(options) - set(module.OPTIONS)
    if unknown:
        raise fail(f"unknown key {excerpt('options.' + sorted(unknown)[0])} for kind {kind!r} "
                   f"(allowed: {', '.join(sorted(module.OPTIONS)) or 'none'})")
    for key, typ in module.OPTIONS.items():
        if key in options and not _is_type(options[key], typ):
            raise fail(f"'options.{key}' must be {typ}")
    try:
        prepared = module.prepare(options)
    except (ValueError, regex.error) as exc:
        raise fail(f"bad options: {shorten(exc)}") from None
    probe = getattr(module, "zero_width", None)
    if probe is not None:
        texts = [line for e in bad for line in e.text.split("\n")] + [l for g in good for l in g.split("\n")]
        empty = probe(prepared, texts)
        if empty is not None:
            raise fail(f"bad options: pattern {excerpt(empty)} matches with zero width in the examples")
    return Rule(code, name, kind, severity, message, doc, fix, tuple(bad), tuple(good), prepared, source, chinese)


def _table(data: Mapping[str, Any], key: str, allowed: set, fail, not_a_table: str) -> dict:
    """The sub-table data[key] ({} if absent), its keys checked against allowed."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(not_a_table)
    unknown = set(value) - allowed
    if unknown:
        raise fail(f"unknown key {excerpt(key + '.' + sorted(unknown)[0])} (allowed: {', '.join(sorted(allowed))})")
    return value


def _read_option_files(options: dict, allowed: Mapping[str, str], source: str, fail, root: Path,
                       allow_outside: bool = False) -> dict:
    """`NAME-file = "path"` (relative to the rule file) adds the file's lines (blank lines and
    lines starting with # skipped) to the list option NAME, so that rules can share a list.
    The file must resolve (symbolic links followed) inside root unless allow_outside."""
    out = dict(options)
    for key in [k for k in options if k.endswith("-file")]:
        name = key[: -len("-file")]
        if allowed.get(name) != "list of strings":
            continue
        if not isinstance(options[key], str) or not options[key].strip():
            raise fail(f"'options.{key}' must be a path")
        if name in out and not _is_type(out[name], "list of strings"):
            # checked before merging: a string would otherwise be split into its characters
            raise fail(f"'options.{name}' must be a list of strings")
        path = Path(source).parent / out.pop(key)
        if not allow_outside and not inside(path, root):
            raise fail(f"'options.{key}': {excerpt(str(path))} is outside the project root {root}; "
                       f"not read (--allow-outside-root allows it)")
        try:
            if not path.is_file():  # a pipe would block, a device never end
                raise fail(f"'options.{key}': {path} is not a regular file" if path.exists()
                           else f"'options.{key}': no such file {path}")
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise fail(f"'options.{key}': cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise fail(f"'options.{key}': {path} is not UTF-8: {exc}") from None
        out[name] = list(out.get(name, [])) + [l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#")]
    return out


def _is_type(value: Any, typ: str) -> bool:
    if typ == "string":
        return isinstance(value, str)
    if typ == "bool":
        return isinstance(value, bool)
    if typ == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if typ == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if typ == "list of numbers":
        return isinstance(value, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    if typ == "list of strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if typ == "table of numbers":
        return isinstance(value, dict) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())
    if typ == "table of strings":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    raise AssertionError(typ)


def load_rule_file(path: Path, root: Optional[Path] = None, allow_outside: bool = False,
                   prepare: bool = True) -> Rule:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: invalid TOML: {shorten(exc)}") from None
    except RecursionError:
        raise RuleError(f"{path}: invalid TOML: nested too deeply") from None
    return parse_rule(data, str(path), root, allow_outside, prepare)


def rule_files(location: Path) -> Iterable[Path]:
    if location.is_dir():
        try:
            return sorted(p for p in location.iterdir() if p.suffix == ".toml" and p.is_file())
        except OSError as exc:
            raise RuleError(f"{location}: cannot read the folder: {exc.strerror or exc}") from None
    if location.is_file():
        return [location]
    if location.exists():
        raise RuleError(f"{location}: not a regular file or folder")
    raise RuleError(f"{location}: no such rule file or folder")


def load_rules(extra: Iterable[Path] = (), root: Optional[Path] = None,
               allow_outside: bool = False, prepare_builtin: bool = True) -> Tuple[Rule, ...]:
    """The built-in rules plus the user's; a duplicate code is an error naming both files.
    The user's rule files, and the files their NAME-file options name, must resolve inside
    root (the project root, speechlint.guard.project_root; by default each extra location's
    own folder) unless allow_outside: a repository's config cannot load rules from, or make
    a rule read, a file outside it. prepare_builtin=False (speechlint rules, speechlint rule
    CODE) reads the built-in rules without their kinds (see parse_rule: options is None);
    the user's rules are always prepared, so that their errors are reported."""
    rules = []
    seen = {}
    builtin = builtin_rules_dir()
    for location in [builtin, *extra]:
        location = Path(location)
        if location == builtin:
            top = builtin
        elif root is not None:
            top = Path(root)
        else:
            top = location if location.is_dir() else location.parent
        if not allow_outside and not inside(location, top):
            raise RuleError(f"{location}: outside the project root {top}; not read "
                            f"(--allow-outside-root allows it)")
        for path in rule_files(location):
            if not allow_outside and not inside(path, top):
                raise RuleError(f"{path}: outside the project root {top}; not read "
                                f"(--allow-outside-root allows it)")
            rule = load_rule_file(path, top, allow_outside, prepare_builtin or location != builtin)
            if rule.code in seen:
                raise RuleError(f"{path}: duplicate code {rule.code} (already in {seen[rule.code]})")
            seen[rule.code] = path
            rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.code))
