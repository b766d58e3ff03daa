"""Settings: defaults, then the config file, then the command line (which wins)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Optional, Tuple

from speechlint.guard import (DEFAULT_MAX_DOCX_SIZE, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_LINES, excerpt, inside, parse_size,
                              project_root, reason, repository_root, shorten)
from speechlint.i18n import _


LANGS = ("zh", "en")
FORMATS = ("default", "json", "json-lines", "github", "sarif", "gitlab", "pylint", "html")


class ConfigError(Exception):
    """A config file or option that cannot be used; str() names the file and the cause."""


@dataclass(frozen=True)
class Settings:
    select: Tuple[str, ...] = ("SL",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    extend_ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    format: str = "default"
    show_source: bool = False
    statistics: bool = False
    exit_zero: bool = False
    fail_level: str = "warning"  # the least severity that fails a run (exit 1)
    min_confidence: float = 0.0
    extend_rules: Tuple[str, ...] = ()
    allow: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()
    extensions: Tuple[str, ...] = (".txt", ".md", ".docx")
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes, 0 for no limit
    max_docx_size: int = DEFAULT_MAX_DOCX_SIZE  # bytes of a .docx once unzipped, 0 for no limit
    max_lines: int = DEFAULT_MAX_LINES  # lines of a file (paragraphs of a .docx), 0 for no limit
    lang: Optional[str] = None  # "zh" or "en"; None: the locale's (speechlint.i18n)
    baseline: Optional[str] = None  # a baseline file of accepted findings (speechlint.baseline)
    source: Optional[str] = field(default=None, compare=False)  # the config file used
    # where extend-rules and NAME-file options must resolve (speechlint.guard.project_root)
    root: Optional[str] = field(default=None, compare=False)


KEYS = {f.name.replace("_", "-"): f.name for f in fields(Settings) if f.name not in ("source", "root")}
SIZES = {"max_file_size", "max_docx_size"}
LISTS = {"select", "ignore", "extend_select", "extend_ignore", "extend_rules", "allow", "exclude", "extensions"}
BOOLS = {"show_source", "statistics", "exit_zero"}
# severities from the least to the most severe: a run fails on findings at fail-level or above
FAIL_LEVELS = ("info", "warning", "error")
# keys that take one of a few words
CHOICES = {"format": FORMATS, "fail_level": FAIL_LEVELS, "lang": LANGS}


def fails(severity: str, level: str) -> bool:
    """Does a finding of this severity fail a run whose fail-level is level?"""
    return FAIL_LEVELS.index(severity if severity in FAIL_LEVELS else "error") >= FAIL_LEVELS.index(level)


def find_config(start: Path) -> Optional[Path]:
    """The nearest .speechlint.toml, speechlint.toml, or pyproject.toml with [tool.speechlint],
    looked for in start and its parents up to the repository root (a folder holding .git),
    never above it. A config file found there that is a symbolic link leading outside its
    project root (speechlint.guard) is an error: a repository cannot make speechlint read a
    file outside it as its config."""
    top = repository_root(start)
    folders = [start, *start.parents]
    if top is not None and top in folders:
        folders = folders[:folders.index(top) + 1]
    for folder in folders:
        for name in (".speechlint.toml", "speechlint.toml"):
            if (folder / name).is_file():
                return _contained(folder / name)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _parse_toml(_contained(py))
            tool = data.get("tool", {})
            if not isinstance(tool, dict):
                raise ConfigError(_("{file}: 'tool' must be a table").format(file=py))
            if "speechlint" in tool:
                return py
    return None


def _contained(path: Path) -> Path:
    root = project_root(path)
    if not inside(path, root):
        raise ConfigError(_("{file}: a symbolic link leading outside {root}; not read "
                            "(name the file with --config to use it)").format(file=path, root=root))
    return path


def toml_loads(text: str) -> dict:
    """tomllib.loads (tomli's before Python 3.11), the parser imported when a TOML file is read
    (issue 12: start-up). Its TOMLDecodeError is a ValueError."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


def _parse_toml(path: Path) -> dict:
    try:
        return toml_loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(_("{file}: cannot read: {error}").format(file=path, error=reason(exc))) from None
    except ValueError as exc:  # (UnicodeDecodeError, TOMLDecodeError)
        raise ConfigError(_("{file}: invalid TOML: {error}").format(file=path, error=shorten(exc))) from None
    except RecursionError:
        raise ConfigError(_("{file}: invalid TOML: nested too deeply").format(file=path)) from None


def read_config(path: Path) -> dict:
    """The speechlint table of a config file, keys checked strictly."""
    data = _parse_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(_("{file}: 'tool' must be a table").format(file=path))
    if path.name == "pyproject.toml" or "speechlint" in tool:
        data = tool.get("speechlint", {})
        if not isinstance(data, dict):
            raise ConfigError(_("{file}: 'tool.speechlint' must be a table").format(file=path))
    return data


def apply(settings: Settings, data: dict, origin: str, base: Path) -> Settings:
    """settings updated with a table of config keys (kebab-case, as in the files)."""
    changes = {}
    for key, value in data.items():
        name = KEYS.get(key)
        if name is None:
            raise ConfigError(_("{origin}: unknown key {key} (known: {known})").format(
                origin=origin, key=excerpt(key), known=", ".join(sorted(KEYS))))
        if name in LISTS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(_("{origin}: {key} must be a list of strings").format(origin=origin, key=repr(key)))
            if any(not v.strip() for v in value):
                # allow = [""] would allow every finding, ignore = [""] ignore every rule
                raise ConfigError(_("{origin}: {key} has an empty entry").format(origin=origin, key=repr(key)))
            if name == "extensions":
                for v in value:
                    if not v.startswith(".") or len(v) < 2:
                        raise ConfigError(_("{origin}: 'extensions' entry {value} is not a dot "
                                            "and an extension, e.g. '.txt'").format(origin=origin, value=excerpt(v)))
                value = [v.lower() for v in value]  # file names are compared in lower case
            if name == "extend_rules":
                value = [str((base / v)) for v in value]
            if name in ("select", "ignore", "extend_select", "extend_ignore"):
                value = [v.upper() for v in value]
            if name == "select" and not value:
                raise ConfigError(_("{origin}: 'select' is empty: it would select no rule "
                                    "(name codes or prefixes, e.g. [\"SL\"] for all)").format(origin=origin))
            changes[name] = tuple(value)
        elif name in BOOLS:
            if not isinstance(value, bool):
                raise ConfigError(_("{origin}: {key} must be true or false").format(origin=origin, key=repr(key)))
            changes[name] = value
        elif name in CHOICES:
            if value not in CHOICES[name]:
                raise ConfigError(_("{origin}: {key} {value} is not one of {choices}").format(
                    origin=origin, key=key, value=excerpt(value), choices=", ".join(CHOICES[name])))
            changes[name] = value
        elif name == "per_file_ignores":
            changes[name] = parse_per_file_ignores(value, origin)
        elif name == "min_confidence":
            changes[name] = parse_confidence(value, origin)
        elif name in SIZES:
            changes[name] = parse_limit(value, origin, key)
        elif name == "max_lines":
            changes[name] = parse_count(value, origin, key)
        elif name == "baseline":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(_("{origin}: 'baseline' must be the path of a baseline file").format(origin=origin))
            changes[name] = str(base / value)
    return replace(settings, **changes)


def parse_count(value, origin: str, key: str) -> int:
    """max-lines: a whole number, 0 for no limit."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(_("{origin}: {key} must be a whole number (0 for no limit), not {value}").format(
            origin=origin, key=key, value=excerpt(value)))
    return value


def parse_limit(value, origin: str, key: str) -> int:
    """max-file-size, max-docx-size: a size (speechlint.guard.parse_size), 0 for no limit."""
    try:
        return parse_size(value, origin, key)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def parse_confidence(value, origin: str) -> float:
    """min-confidence: a number from 0 to 1."""
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not 0.0 <= number <= 1.0:
        raise ConfigError(_("{origin}: min-confidence must be a number from 0 to 1, not {value}").format(
            origin=origin, value=excerpt(value)))
    return number


def parse_per_file_ignores(value, origin: str):
    """A table {glob = [codes]} (config) or 'glob:CODE,CODE glob2:CODE' (command line)."""
    out = []
    if isinstance(value, str):
        for item in value.replace("\n", " ").split():
            glob, sep, codes = item.partition(":")
            parsed = tuple(c.strip().upper() for c in codes.split(",") if c.strip())
            if not sep or not glob or not parsed:
                raise ConfigError(_("{origin}: per-file-ignores entry {value} is not GLOB:CODES").format(
                    origin=origin, value=excerpt(item)))
            out.append((glob, parsed))
    elif isinstance(value, dict):
        for glob, codes in value.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(_("{origin}: per-file-ignores for {glob} must be a list of codes").format(
                    origin=origin, glob=excerpt(glob)))
            if not glob.strip():
                raise ConfigError(_("{origin}: per-file-ignores has an empty glob").format(origin=origin))
            if any(not c.strip() for c in codes):
                # an empty code is a prefix of every code: it would ignore every rule
                raise ConfigError(_("{origin}: per-file-ignores for {glob} has an empty code").format(
                    origin=origin, glob=excerpt(glob)))
            out.append((glob, tuple(c.strip().upper() for c in codes)))
    else:
        raise ConfigError(_("{origin}: per-file-ignores must be a table of glob = [codes]").format(origin=origin))
    return tuple(out)


def load_settings(config: Optional[str], isolated: bool, cwd: Path) -> Settings:
    settings = Settings()
    if isolated:
        return settings
    path = Path(config) if config else find_config(cwd.resolve())
    if path is None:
        return settings
    if config and not path.is_file():
        raise ConfigError((_("{file}: not a regular file") if path.exists() else
                           _("{file}: no such config file")).format(file=path))
    settings = apply(settings, read_config(path), str(path), path.resolve().parent)
    return replace(settings, source=str(path), root=str(project_root(path)))
