"""Rules are data: one TOML file per rule, loaded strictly."""
from __future__ import annotations

import functools
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Tuple

import regex

from speechlint.guard import excerpt, inside, reason, shorten
from speechlint.i18n import N_, _
from speechlint import patterns
from speechlint.kinds import KINDS


CODE = regex.compile(r"^SL[0-9]{3}$")
NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
TOP_KEYS = {"code", "name", "kind", "severity", "message", "doc", "fix", "examples", "options", "zh"}
# a rule's texts in Chinese: the name shown to people (词语重复), the message and the doc
ZH_KEYS = {"name", "message", "doc"}
EXAMPLE_KEYS = {"bad", "good"}
# the types of the kinds' options (their OPTIONS), as an error message names them
TYPES = {"string": N_("string"), "bool": N_("bool"), "int": N_("int"), "number": N_("number"),
         "list of numbers": N_("list of numbers"), "list of strings": N_("list of strings"),
         "table of numbers": N_("table of numbers"), "table of strings": N_("table of strings")}


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


def is_builtin(rule: Rule) -> bool:
    """Is the rule one of speechlint's own (read from builtin_rules_dir), not a repository's?"""
    return _from_builtin(rule.source)


@functools.lru_cache(maxsize=None)
def _from_builtin(source: str) -> bool:
    return bool(source) and Path(source).parent == builtin_rules_dir()


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
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion is not None or not (name == "" or name.isidentifier()):
            whole = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise _FieldError(_("message field {field} is not a plain {{name}}: format specs, "
                                "conversions, indexes and attributes are not allowed").format(field=excerpt(whole)))
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
        raise fail(_("message is not a valid template ({error}; write {{{{ and }}}} for braces)").format(
            error=exc)) from None
    if "" in fields:
        raise fail(_("message has an empty {{}} field; name one of: {fields}").format(fields=", ".join(provided)))
    bad_fields = fields - set(provided)
    if bad_fields:
        raise fail(_("message uses {{{field}}}, which kind {kind} does not "
                     "provide (it provides: {fields})").format(field=sorted(bad_fields)[0], kind=repr(kind),
                                                               fields=", ".join(provided)))
    try:
        message.format(**{f: "x" for f in provided})
    except (ValueError, LookupError, AttributeError, TypeError) as exc:
        raise fail(_("message is not a valid template: {error}").format(error=exc)) from None


def parse_rule(data: Mapping[str, Any], source: str, root: Optional[Path] = None,
               allow_outside: bool = False, prepare: bool = True, probe: bool = True) -> Rule:
    """A rule from a rule file's table. NAME-file options must resolve inside root (by default
    the rule file's folder) unless allow_outside. With prepare=False (listing and explaining
    the built-in rules, which the tests check), the kind's module is not imported: the checks
    that need it (message fields, options) and its prepare() are skipped, and options is None.
    With probe=False the patterns are not searched in the examples for a zero-width match: a
    run skips it for the built-in rules, which the tests probe (a tenth of a seed's run)."""
    def fail(msg: str) -> RuleError:
        return RuleError(_("{file}: {message}").format(file=source, message=msg))

    unknown = set(data) - TOP_KEYS
    if unknown:
        raise fail(_("unknown key {key} (allowed: {allowed})").format(
            key=excerpt(sorted(unknown)[0]), allowed=", ".join(sorted(TOP_KEYS))))
    zh = _table(data, "zh", ZH_KEYS, fail, _("'zh' must be a table with name, message and doc in Chinese"))
    for key in ZH_KEYS:
        if key in zh and (not isinstance(zh[key], str) or not zh[key].strip()):
            raise fail(_("empty or not a string: {key}").format(key=repr("zh." + key)))
    for key in ("code", "name", "kind"):
        if not isinstance(data.get(key), str) or not data.get(key).strip():
            raise fail(_("missing or empty {key}").format(key=repr(key)))
    for key in ("message", "doc"):
        # a rule may give its message and doc in one language only (English or [zh])
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            raise fail(_("empty or not a string: {key}").format(key=repr(key)))
        if key not in data and key not in zh:
            raise fail(_("missing or empty {key} (give it in English, or in Chinese under [zh])").format(key=repr(key)))
    code, name, kind = data["code"], data["name"], data["kind"]
    if not CODE.match(code):
        raise fail(_("code {code} is not SL followed by three digits").format(code=excerpt(code)))
    if not NAME.match(name):
        raise fail(_("name {name} is not kebab-case").format(name=excerpt(name)))
    if kind not in KINDS:
        raise fail(_("unknown kind {kind} (known: {known})").format(kind=excerpt(kind), known=", ".join(sorted(KINDS))))
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail(_("severity {severity} is not one of {choices}").format(
            severity=excerpt(severity), choices=", ".join(SEVERITIES)))
    fix = data.get("fix")
    if fix not in (None, "safe", "unsafe"):
        raise fail(_("fix {fix} is not 'safe' or 'unsafe'").format(fix=excerpt(fix)))
    message, doc = data.get("message", zh.get("message", "")).strip(), data.get("doc", zh.get("doc", "")).strip()
    module = KINDS[kind] if prepare else None
    if module is not None:
        _check_message(message, tuple(module.FIELDS), kind, fail)
        if "message" in zh:
            _check_message(zh["message"].strip(), tuple(module.FIELDS), kind, lambda msg: fail("[zh] " + msg))
    examples = _table(data, "examples", EXAMPLE_KEYS, fail, _("'examples' must be a table with 'bad' and 'good' lists"))
    bad = []
    if not isinstance(examples.get("bad", []), list):
        raise fail(_("'examples.bad' must be a list of strings or tables {text = ..., fixed = ...}"))
    for item in examples.get("bad", []):
        if isinstance(item, str):
            bad.append(Example(item))
        elif (isinstance(item, dict) and set(item) <= {"text", "fixed"} and isinstance(item.get("text"), str)
              and isinstance(item.get("fixed", ""), str)):
            bad.append(Example(item["text"], item.get("fixed")))
        else:
            raise fail(_("each bad example is a string or a table {text = ..., fixed = ...} of strings"))
    good = examples.get("good", [])
    if not isinstance(good, list) or not all(isinstance(g, str) for g in good):
        raise fail(_("'examples.good' must be a list of strings"))
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise fail(_("'options' must be a table"))
    chinese = Texts(zh.get("name", "").strip(), zh.get("message", "").strip(), zh.get("doc", "").strip())
    if module is None:
        return Rule(code, name, kind, severity, message, doc, fix, tuple(bad), tuple(good), None, source, chinese)
    options = _read_option_files(options, module.OPTIONS, source, fail,
                                 Path(source).parent if root is None else root, allow_outside)
    unknown = set(options) - set(module.OPTIONS)
    if unknown:
        raise fail(_("unknown key {key} for kind {kind} (allowed: {allowed})").format(
            key=excerpt("options." + sorted(unknown)[0]), kind=repr(kind),
            allowed=", ".join(sorted(module.OPTIONS)) or _("none")))
    for key, typ in module.OPTIONS.items():
        if key in options and not _is_type(options[key], typ):
            raise fail(_("{key} must be {type}").format(key=f"'options.{key}'", type=_(TYPES.get(typ, typ))))
    try:
        prepared = module.prepare(options)
    except (ValueError, regex.error) as exc:
        raise fail(_("bad options: {error}").format(error=shorten(exc))) from None
    zero_width = getattr(module, "zero_width", None) if probe else None
    if zero_width is not None:
        texts = [line for e in bad for line in e.text.split("\n")] + [l for g in good for l in g.split("\n")]
        empty = zero_width(prepared, texts)
        if empty is not None:
            raise fail(_("bad options: pattern {pattern} matches with zero width in the examples").format(
                pattern=excerpt(empty)))
    return Rule(code, name, kind, severity, message, doc, fix, tuple(bad), tuple(good), prepared, source, chinese)


def _table(data: Mapping[str, Any], key: str, allowed: set, fail, not_a_table: str) -> dict:
    """The sub-table data[key] ({} if absent), its keys checked against allowed."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(not_a_table)
    unknown = set(value) - allowed
    if unknown:
        raise fail(_("unknown key {key} (allowed: {allowed})").format(
            key=excerpt(key + "." + sorted(unknown)[0]), allowed=", ".join(sorted(allowed))))
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
            raise fail(_("{key} must be a path").format(key=f"'options.{key}'"))
        if name in out and not _is_type(out[name], "list of strings"):
            # checked before merging: a string would otherwise be split into its characters
            raise fail(_("{key} must be a list of strings").format(key=f"'options.{name}'"))
        path = Path(source).parent / out.pop(key)
        option = f"'options.{key}'"
        if not allow_outside and not inside(path, root):
            raise fail(_("{option}: {path} is outside the project root {root}; "
                         "not read (--allow-outside-root allows it)").format(option=option, path=excerpt(str(path)),
                                                                            root=root))
        try:
            if not path.is_file():  # a pipe would block, a device never end
                raise fail((_("{option}: {path} is not a regular file") if path.exists()
                            else _("{option}: no such file {path}")).format(option=option, path=path))
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise fail(_("{option}: cannot read {path}: {error}").format(option=option, path=path,
                                                                          error=reason(exc))) from None
        except UnicodeDecodeError as exc:
            raise fail(_("{option}: {path} is not UTF-8: {error}").format(option=option, path=path, error=exc)) from None
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


def _read_toml(path: Path) -> Mapping[str, Any]:
    """A rule file's table; OSError, TOMLDecodeError, UnicodeDecodeError (both ValueErrors) or
    RecursionError."""
    from speechlint.config import toml_loads

    with open(path, "rb") as fh:
        return toml_loads(fh.read().decode("utf-8"))


def builtin_tables(files: Iterable[Path], folder: Optional[Path]) -> Mapping[Path, Mapping[str, Any]]:
    """The tables of the built-in rule files, read once per version of them and kept in folder
    (the dictionary's cache folder), named by a hash of their names and bytes: reading 48 files
    of TOML took a fifth of `speechlint rules`. Any file that cannot be read, or a cache that
    cannot, gives an empty mapping: the files are then read one by one, with their own errors."""
    import hashlib

    from speechlint import cachefile

    files = list(files)
    try:
        digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return {}
    if folder is None:
        return {}
    cached = Path(folder) / f"rules-{digest.hexdigest()[:16]}.marshal"
    tables = cachefile.read_checked(cached)  # (a file damaged on disk is read anew, not trusted)
    if (isinstance(tables, dict) and set(tables) == {p.name for p in files}
            and all(isinstance(t, dict) for t in tables.values())):
        return {path: tables[path.name] for path in files}
    try:
        tables = {path.name: _read_toml(path) for path in files}
    except Exception:  # noqa: BLE001 - each file's error is reported when it is read alone
        return {}
    cachefile.write_checked(cached, tables, "rules-*.marshal")
    return {path: tables[path.name] for path in files}


def load_rule_file(path: Path, root: Optional[Path] = None, allow_outside: bool = False,
                   prepare: bool = True, probe: bool = True, data: Optional[Mapping[str, Any]] = None) -> Rule:
    """The rule in the file at path (its table already read: data)."""
    if data is not None:
        return parse_rule(data, str(path), root, allow_outside, prepare, probe)
    try:
        data = _read_toml(path)
    except OSError as exc:
        raise RuleError(_("{file}: cannot read: {error}").format(file=path, error=reason(exc))) from None
    except ValueError as exc:  # (TOMLDecodeError, UnicodeDecodeError)
        raise RuleError(_("{file}: invalid TOML: {error}").format(file=path, error=shorten(exc))) from None
    except RecursionError:
        raise RuleError(_("{file}: invalid TOML: nested too deeply").format(file=path)) from None
    return parse_rule(data, str(path), root, allow_outside, prepare, probe)


def rule_files(location: Path) -> Iterable[Path]:
    if location.is_dir():
        try:
            return sorted(p for p in location.iterdir() if p.suffix == ".toml" and p.is_file())
        except OSError as exc:
            raise RuleError(_("{file}: cannot read the folder: {error}").format(file=location, error=reason(exc))) from None
    if location.is_file():
        return [location]
    if location.exists():
        raise RuleError(_("{file}: not a regular file or folder").format(file=location))
    raise RuleError(_("{file}: no such rule file or folder").format(file=location))


def load_rules(extra: Iterable[Path] = (), root: Optional[Path] = None,
               allow_outside: bool = False, prepare_builtin: bool = True) -> Tuple[Rule, ...]:
    """The built-in rules plus the user's; a duplicate code is an error naming both files.
    The user's rule files, and the files their NAME-file options name, must resolve inside
    root (the project root, speechlint.guard.project_root; by default each extra location's
    own folder) unless allow_outside: a repository's config cannot load rules from, or make
    a rule read, a file outside it. prepare_builtin=False (speechlint rules, speechlint rule
    CODE) reads the built-in rules without their kinds (see parse_rule: options is None);
    the user's rules are always prepared, so that their errors are reported."""
    from speechlint.lexicon import cache_dir  # the folder of the dictionary's cache

    with patterns.kept_between_runs(cache_dir()):
        return _load_rules(extra, root, allow_outside, prepare_builtin)


def _load_rules(extra: Iterable[Path], root: Optional[Path], allow_outside: bool,
                prepare_builtin: bool) -> Tuple[Rule, ...]:
    rules = []
    seen = {}
    builtin = builtin_rules_dir()
    from speechlint.lexicon import cache_dir

    for location in [builtin, *extra]:
        location = Path(location)
        if location == builtin:
            top = builtin
        elif root is not None:
            top = Path(root)
        else:
            top = location if location.is_dir() else location.parent
        if not allow_outside and not inside(location, top):
            raise RuleError(_("{file}: outside the project root {root}; not read "
                              "(--allow-outside-root allows it)").format(file=location, root=top))
        files = rule_files(location)
        tables = builtin_tables(files, cache_dir()) if location == builtin else {}
        for path in files:
            if not allow_outside and not inside(path, top):
                raise RuleError(_("{file}: outside the project root {root}; not read "
                                  "(--allow-outside-root allows it)").format(file=path, root=top))
            rule = load_rule_file(path, top, allow_outside, prepare_builtin or location != builtin,
                                  probe=location != builtin, data=tables.get(path))
            if rule.code in seen:
                raise RuleError(_("{file}: duplicate code {code} (already in {other})").format(
                    file=path, code=rule.code, other=seen[rule.code]))
            seen[rule.code] = path
            rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.code))
