"""The command line: speechlint [PATH ...], speechlint rule CODE, speechlint rules,
speechlint report [PATH ...] (the HTML report), speechlint server (the language server)."""
from __future__ import annotations

import argparse
import errno
import fnmatch
import os
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from speechlint import __version__, i18n
from speechlint.config import FAIL_LEVELS, FORMATS, ConfigError, fails, Settings, load_settings, parse_per_file_ignores, parse_confidence
from speechlint.context import Resources
from speechlint.document import Document, InputError, from_bytes
from speechlint.guard import caches_outside_review, inside, leaves_tree, parse_size, reason, size_text, tree_of
from speechlint.i18n import N_, _, ngettext
from speechlint.output import STREAMED, STRUCTURED, clean, render, statistics, summary, width
from speechlint.ruleset import Rule, RuleError, load_rules
from speechlint.selection import check_prefixes, ignored_for_path, selected

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"}


class UsageError(Exception):
    pass


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="speechlint",
        description=_("Lint Chinese speeches, official documents and reports. "
                      "Also: 'speechlint rules' lists the rules, 'speechlint rule CODE' explains one, "
                      "'speechlint report' writes an HTML report, 'speechlint server' runs the "
                      "language server (LSP, on stdio)."))
    p.add_argument("paths", nargs="*", metavar="PATH", help=_("files or folders ('-' for standard input)"))
    codes = _("comma-separated codes or prefixes, e.g. SL1,SL401")
    p.add_argument("--select", help=_("report only these ({codes})").format(codes=codes))
    p.add_argument("--ignore", help=_("do not report these ({codes})").format(codes=codes))
    p.add_argument("--extend-select", help=_("add to the selection"))
    p.add_argument("--extend-ignore", help=_("add to the ignored codes"))
    p.add_argument("--per-file-ignores", help=_("GLOB:CODES pairs separated by spaces"))
    p.add_argument("--format", choices=FORMATS, help=_("output format (default: default)"))
    p.add_argument("--output-file", "-o", metavar="FILE", help=_("write the report to FILE instead of standard output"))
    p.add_argument("--show-source", action="store_true", default=None, help=_("print the line and a caret"))
    p.add_argument("--statistics", action="store_true", default=None, help=_("count diagnostics per code"))
    p.add_argument("--exit-zero", action="store_true", default=None, help=_("exit 0 even with diagnostics"))
    p.add_argument("--fail-level", choices=FAIL_LEVELS,
                   help=_("exit 1 only for findings of this severity or above (default: warning: "
                          "info findings are shown but never fail a run)"))
    p.add_argument("--baseline", metavar="FILE",
                   help=_("leave out the findings that this baseline file records (see --write-baseline)"))
    p.add_argument("--write-baseline", metavar="FILE",
                   help=_("record today's findings in FILE, by their text and not their line, and report nothing"))
    p.add_argument("--min-confidence", metavar="X",
                   help=_("report the guesses of the typo detectors (SL402, SL403) only from this confidence (0-1)"))
    p.add_argument("--config", help=_("use this config file"))
    p.add_argument("--isolated", action="store_true", help=_("ignore every config file"))
    p.add_argument("--stdin-filename", help=_("the name to report for standard input"))
    p.add_argument("--fix", action="store_true", help=_("apply safe fixes, then report what remains"))
    p.add_argument("--unsafe-fixes", action="store_true", help=_("with --fix or --diff, apply unsafe fixes too"))
    p.add_argument("--diff", action="store_true", help=_("print a unified diff of the fixes; write nothing"))
    p.add_argument("--debug", action="store_true", help=_("print the traceback of an internal error"))
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help=_("lint N files at a time in separate processes, or share a single large file's rules "
                          "among N (default: the number of cores; files one at a time with --fix or --diff; "
                          "1 for standard input)"))
    p.add_argument("--no-cache", action="store_true",
                   help=_("neither read nor write the result cache (in the user cache folder)"))
    add_root_option(p)
    p.add_argument("--max-file-size", metavar="SIZE",
                   help=_("refuse files larger than this (e.g. 20MB, 512KB, bytes; 0: no limit; default 20MB)"))
    p.add_argument("--max-docx-size", metavar="SIZE",
                   help=_("refuse .docx files that hold more than this once unzipped (default 50MB; 0: no limit)"))
    p.add_argument("--max-lines", metavar="N", type=int,
                   help=_("refuse files of more lines (of a .docx, paragraphs) than this (default 100000; 0: no limit)"))
    add_lang_option(p)
    p.add_argument("--version", action="version", version=f"speechlint {__version__}",
                   help=_("show program's version number and exit"))
    return p


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=i18n.LANGS,
                   help=_("the language of messages, rule texts and help: zh (Chinese) or en "
                          "(default: the config's lang, else the locale: LC_ALL, LC_MESSAGES, LANG)"))


def choose_language(argv: Sequence[str], cwd: Path) -> str:
    """The language of this run: --lang, else the config's lang (the config the run would
    use, by --config and --isolated), else the locale's. Read before parsing, so that --help
    and argparse's errors are in it too; a config that cannot be read counts for nothing here
    (the run reports it)."""
    values = {}
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        for option in ("--lang", "--config"):
            if arg == option and i + 1 < len(argv):
                values[option] = argv[i + 1]
            elif arg.startswith(option + "="):
                values[option] = arg[len(option) + 1:]
    if values.get("--lang") in i18n.LANGS:
        return values["--lang"]
    if argv and argv[0] != "server":
        try:
            settings = load_settings(values.get("--config"), "--isolated" in argv, cwd)
        except Exception:  # reported by the run itself
            settings = None
        if settings is not None and settings.lang:
            return settings.lang
    return i18n.from_environment()


def add_root_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-outside-root", action="store_true",
                   help=_("let extend-rules and NAME-file options of rules name files outside the "
                          "project root (the config file's repository, or its folder)"))


def _codes(value: Optional[str]) -> Optional[Tuple[str, ...]]:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def settings_from_args(args, cwd: Path) -> Settings:
    settings = load_settings(args.config, args.isolated, cwd)
    changes = {}
    for name in ("select", "ignore", "extend_select", "extend_ignore"):
        value = _codes(getattr(args, name))
        if name == "select" and value == ():
            raise ConfigError(_("--select is empty: it would select no rule (name codes or prefixes, "
                                "e.g. --select SL for all)"))
        if value is not None:
            changes[name] = value
    if getattr(args, "max_lines", None) is not None:
        if args.max_lines < 0:
            raise UsageError(_("--max-lines must be a whole number (0 for no limit), not {value}").format(
                value=args.max_lines))
        changes["max_lines"] = args.max_lines
    for name in ("max_file_size", "max_docx_size"):
        value = getattr(args, name, None)
        if value is not None:
            option = "--" + name.replace("_", "-")
            try:
                changes[name] = parse_size(value, option, option)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
    if args.per_file_ignores is not None:
        changes["per_file_ignores"] = parse_per_file_ignores(args.per_file_ignores, "--per-file-ignores")
    if args.min_confidence is not None:
        changes["min_confidence"] = parse_confidence(args.min_confidence, "--min-confidence")
    for name in ("format", "show_source", "statistics", "exit_zero", "fail_level", "lang", "baseline"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    return replace(settings, **changes)


def discover(paths: Sequence[str], settings: Settings, errors: List[str],
             warnings: Optional[List[str]] = None, trees: Optional[Dict[str, Path]] = None) -> Iterator[str]:
    """Files named on the command line, and files with a linted extension below folders. A
    folder that cannot be listed is an error (appended to errors, in the order met); so is
    anything but a regular file, named or met in a folder, once read() looks at it. A symbolic
    link met in a folder (to a file or a folder) whose target is outside the tree (the
    repository holding the folder named, or that folder: speechlint.guard) is not followed and
    is a warning (appended to warnings, once), not an error. trees, if given, gets the tree of
    each file met in a folder: read() checks again, on the file it opens, that it is inside
    (a file may be swapped for such a link between the two looks)."""
    if warnings is None:
        warnings = []
    if trees is None:
        trees = {}

    def outside(full: str, tree: Path) -> bool:
        if not os.path.islink(full) or not leaves_tree(full, tree):
            return False
        message = _("{file}: a symbolic link leading outside {root}; not followed").format(
            file=clean(os.path.normpath(full)), root=clean(str(tree)))
        if message not in warnings:
            warnings.append(message)
        return True

    def excluded(path: str) -> bool:
        name = os.path.basename(path)
        return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(path, g) for g in settings.exclude)

    def unlistable(exc: OSError) -> None:
        errors.append(_("{file}: cannot read the folder: {error}").format(file=exc.filename or path, error=reason(exc)))

    extensions = tuple(e.lower() for e in settings.extensions)
    for path in paths:
        if path == "-":
            yield path
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                errors.append(_("{file}: no such file or folder").format(file=path))
            else:
                errors.append(_("{file}: {message}").format(file=path, message=reason(exc)))
            continue
        if not stat.S_ISDIR(mode):
            yield path  # read() refuses it unless it is a regular file
            continue
        tree = tree_of(os.path.realpath(path), os.path.realpath(path))
        for root, dirs, files in os.walk(path, onerror=unlistable):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                             and not excluded(os.path.join(root, d)))
            for d in dirs:
                outside(os.path.join(root, d), tree)  # os.walk does not follow them; say why
            for f in sorted(files):
                full = os.path.join(root, f)
                if f.lower().endswith(extensions) and not excluded(full) and not outside(full, tree):
                    trees[os.path.normpath(full)] = tree
                    yield os.path.normpath(full)


NOT_REGULAR = N_("not a regular file")


def _opened_inside(fd: int, path: str, tree: Path) -> bool:
    """Is the file open at fd inside tree? Where the system says which file a descriptor holds
    (/proc/self/fd on Linux) that is asked, so that no swap after the open can deceive it;
    elsewhere the resolved path must still be the file opened."""
    try:
        real = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        real = ""
    if not os.path.isabs(real):
        real = os.path.realpath(path)
        try:
            st, now = os.fstat(fd), os.stat(real)
        except OSError:
            return False
        if (st.st_dev, st.st_ino) != (now.st_dev, now.st_ino):
            return False
    return inside(real, tree)


LEADS_OUTSIDE = N_("it is now a symbolic link leading outside {root}; not read")


def read_regular_file(path: str, limit: int = 0, tree: Optional[Path] = None) -> bytes:
    """The bytes of a regular file. Anything else (a folder, a named pipe, a device such as
    /dev/zero, a socket) is an InputError before it is read: a pipe would block, a device
    never end. The file is opened without blocking and checked again, in case it changed
    between the two looks. A file over limit bytes (0: no limit) is an InputError, checked
    from its size before reading and while reading (it may grow). With a tree (a file met in a
    folder), the file opened must be inside it, or nothing is read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(_(NOT_REGULAR))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(path, flags), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(_(NOT_REGULAR))
            if tree is not None and not _opened_inside(fh.fileno(), path, tree):
                raise InputError(_(LEADS_OUTSIDE).format(root=clean(str(tree))))
            if limit and st.st_size > limit:
                raise InputError(too_large(st.st_size, limit))
            data = fh.read(limit + 1) if limit else fh.read()
            if limit and len(data) > limit:
                raise InputError(too_large(len(data), limit))
            return data
    except OSError as exc:
        raise InputError(reason(exc)) from None


def too_large(size: int, limit: int, what: str = "max-file-size") -> str:
    if size == limit + 1:  # read up to one byte more than the limit: its size is not known
        text = _("too large: more than {size}, over the {limit} limit ({key}); not read")
    else:
        text = _("too large: {size}, over the {limit} limit ({key}); not read")
    return text.format(size=size_text(size), limit=size_text(limit), key=what)


def read(path: str, stdin_name: Optional[str], settings: Optional[Settings] = None,
         tree: Optional[Path] = None) -> Document:
    settings = settings or Settings()
    limit = settings.max_file_size
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
        if limit and len(data) > limit:
            raise InputError(too_large(len(data), limit))
        name = stdin_name or "-"
    else:
        data, name = read_regular_file(path, limit, tree), path
    if name.lower().endswith(".docx"):
        from speechlint.docx import read_docx

        return read_docx(name, data, settings.max_docx_size, settings.max_lines)
    return from_bytes(name, data, settings.max_lines)


def with_docx_context(doc: Document, d):
    """A diagnostic in a .docx, its message followed by where the paragraph is and the words
    around the finding, quoted so that Word's Find locates them."""
    from speechlint.docx import context

    return replace(d, message=_("{message} ({where})").format(
        message=d.message, where=context(doc, d.line, d.column, d.end_column)))


WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info"), "safe": N_("safe"),
         "unsafe": N_("unsafe"), None: N_("none")}


def explain(rule: Rule) -> str:
    """A rule explained in the language in use: its name, kind, severity and fix, its message,
    its doc and its examples."""
    title = rule.title()
    head = f"{rule.code} {title}" + (f" ({rule.name})" if title != rule.name else "")
    facts = _("kind: {kind}    severity: {severity}    fix: {fix}").format(
        kind=rule.kind, severity=_(WORDS[rule.severity]), fix=_(WORDS[rule.fix]))
    lines = [head, "", facts, _("message: {message}").format(message=rule.message_in()), "", rule.doc_in(), ""]
    if rule.bad:
        lines.append(_("Flagged:"))
        lines += [f"    {e.text}" + (f"    ->  {e.fixed}" if e.fixed else "") for e in rule.bad]
    if rule.good:
        lines.append(_("Not flagged:"))
        lines += [f"    {g}" for g in rule.good]
    return "\n".join(lines)


def check_rule_files(paths: Sequence[str], root: Optional[str] = None, allow_outside: bool = False) -> int:
    """speechlint rule --check FILE...: each rule file's examples, checked (speechlint.examples);
    1 if one does not hold, 2 if a file does not load. A file is loaded as a run loads the files
    of extend-rules: its data files inside root (the config's project root; by default the rule
    file's folder) unless allow_outside, and its code must not be a built-in rule's."""
    from speechlint.examples import problems
    from speechlint.ruleset import load_rule_file, rule_files

    builtin = {r.code: r.source for r in load_rules(prepare_builtin=False)}
    resources = Resources()
    failed = 0
    for location in paths:
        for path in rule_files(Path(location)):
            rule = load_rule_file(path, Path(root) if root else None, allow_outside)
            if rule.code in builtin and Path(builtin[rule.code]).resolve() != path.resolve():
                raise RuleError(_("{file}: duplicate code {code} (already in {other})").format(
                    file=path, code=rule.code, other=builtin[rule.code]))
            found = problems(rule, resources)
            failed += bool(found)
            name = clean(str(path))
            if not found:
                print(_("{file}: {code} {name}: its {bad} bad and {good} good examples hold").format(
                    file=name, code=rule.code, name=rule.name, bad=len(rule.bad), good=len(rule.good)))
            for problem in found:
                print(f"{name}: {rule.code} {rule.name}: {clean(problem)}")
    return 1 if failed else 0


def rule_command(argv: Sequence[str], cwd: Path) -> int:
    p = argparse.ArgumentParser(prog="speechlint " + argv[0],
                                description=_("Explain one rule.") if argv[0] == "rule" else _("List the rules."))
    if argv[0] == "rule":
        p.add_argument("code", nargs="?", help=_("a rule's code or name (SL101, duplicated-word)"))
        p.add_argument("--check", nargs="+", metavar="FILE",
                       help=_("check the examples of these rule files (or folders of them): each bad "
                              "example flagged and fixed as it says, each good one not flagged"))
    p.add_argument("--config", help=_("use this config file"))
    p.add_argument("--isolated", action="store_true", help=_("ignore every config file"))
    add_root_option(p)
    add_lang_option(p)
    args = p.parse_args(argv[1:])
    if argv[0] == "rule" and args.check:
        settings = load_settings(args.config, args.isolated, cwd)
        with caches_outside_review(args.check, settings.root, _warn):  # (a pull request's rule files)
            return check_rule_files(args.check, settings.root, args.allow_outside_root)
    if argv[0] == "rule" and not args.code:
        p.error(_("give a rule's code or name, or --check FILE"))
    settings = load_settings(args.config, args.isolated, cwd)
    # the built-in rules without their kinds' modules and compiled patterns (issue 12: start-up)
    rules = load_rules((Path(r) for r in settings.extend_rules), settings.root, args.allow_outside_root,
                       prepare_builtin=False)
    if argv[0] == "rules":
        for r in rules:
            title = r.title()
            fix = _("fix: {fix}").format(fix=_(WORDS[r.fix])) if r.fix else ""
            severity = _(WORDS[r.severity])
            print(f"{r.code}  {title}{' ' * max(1, 33 - width(title))}{r.kind:<13} "
                  f"{severity}{' ' * max(1, 9 - width(severity))}{fix}".rstrip())
        return 0
    code = args.code.upper()
    found = [r for r in rules if r.code == code or r.name == args.code]
    if not found:
        raise UsageError(_("no rule {code} (see 'speechlint rules')").format(code=repr(args.code)))
    print(explain(found[0]))
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # no config, language or parser needed (issue 12: start-up)
        print(f"speechlint {__version__}")
        raise SystemExit(0)  # as argparse's version action does
    cwd = Path.cwd()
    i18n.set_language(choose_language(argv, cwd))
    i18n.use_for_argparse()
    try:
        # a character the terminal's encoding lacks is written as \uNNNN rather than lost
        sys.stdout.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError):
        pass
    if argv and argv[0] == "server":  # the server owns standard output (LSP)
        return _run(argv, cwd)
    out = sys.stdout
    sys.stdout = guarded = GuardedOutput(out)
    try:
        status = _run(argv, cwd)
        guarded.flush()
    finally:
        sys.stdout = out
    if guarded.error is not None:
        print(_("speechlint: error: {message}").format(
            message=_("cannot write the output: {error}").format(error=guarded.error)), file=sys.stderr)
        return 2
    return status


class GuardedOutput:
    """Standard output for the run: a write that fails does not stop the run. A broken pipe
    (speechlint ... | head -1) stops the output only, so the exit status is still the one the
    findings give; any other error (a full disk) is kept in .error for main to report as one
    line and exit 2. Once it has failed, what remains to be written is dropped, and the
    real standard output is pointed at the null device so that Python's last flush at exit
    cannot fail again."""

    def __init__(self, stream):
        self._stream = stream
        self.error: Optional[str] = None
        self.failed = False
        raw = getattr(stream, "buffer", None)
        self.buffer = _GuardedBuffer(self, raw) if raw is not None else None

    def _call(self, method, *args):
        if self.failed:
            return None
        try:
            return method(*args)
        except BrokenPipeError:
            self._fail(None)
        except OSError as exc:
            self._fail(reason(exc))
        return None

    def _fail(self, error: Optional[str]) -> None:
        self.failed, self.error = True, error
        try:
            if self._stream is sys.__stdout__:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self._stream.fileno())
                os.close(devnull)
        except (OSError, ValueError):
            pass

    def write(self, text):
        self._call(self._stream.write, text)
        return len(text)

    def flush(self):
        self._call(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _GuardedBuffer:
    def __init__(self, owner: GuardedOutput, raw):
        self._owner, self._raw = owner, raw

    def write(self, data):
        self._owner._call(self._raw.write, data)
        return len(data)

    def flush(self):
        self._owner._call(self._raw.flush)

    def __getattr__(self, name):
        return getattr(self._raw, name)


def _run(argv: List[str], cwd: Path) -> int:
    try:
        if argv and argv[0] in ("rule", "rules"):  # lint a folder of that name as ./rules
            return rule_command(argv, cwd)
        if argv and argv[0] == "server":
            return server_command(argv[1:])
        if argv and argv[0] == "report":
            return report_command(argv[1:], cwd)
        return lint_command(argv, cwd)
    except (UsageError, ConfigError, RuleError) as exc:
        print(_("speechlint: error: {message}").format(message=clean(str(exc))), file=sys.stderr)
        return 2
    except Exception as exc:
        from speechlint.lexicon import DataError  # (language data: loaded by a lint run only)

        if not isinstance(exc, DataError):
            raise
        print(_("speechlint: error: {message}").format(message=clean(str(exc))), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def server_command(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(prog="speechlint server",
                                description=_("Run the language server on standard input and output (LSP)."))
    p.add_argument("--stdio", action="store_true", help=_("accepted for clients that pass it; stdio is the default"))
    add_lang_option(p)
    args = p.parse_args(argv)
    try:
        from speechlint.server import serve
    except ImportError as exc:
        raise UsageError(_("the language server needs pygls and lsprotocol ({error}); "
                           "pip install 'pygls>=2' lsprotocol").format(error=exc)) from None

    serve(args.lang)
    return 0


REPORT_FILE = "speechlint-report.html"


def report_command(argv: Sequence[str], cwd: Path) -> int:
    """speechlint report [options] [PATH ...]: the lint command with --format html, written to
    speechlint-report.html unless --output-file says otherwise ('-' for standard output)."""
    argv = list(argv)
    if not any(a in ("-o", "--output-file") or a.startswith("--output-file=") for a in argv):
        argv = ["--output-file", REPORT_FILE] + argv
    return lint_command(argv, cwd, fmt="html")


def write_report(path: str, lines: Sequence[str], errors: List[str]) -> bool:
    """Write the report's lines to path; if it cannot be, append an error naming it (the
    caller prints it after the input errors) and return False."""
    try:
        # errors=: render() escapes file names that are not UTF-8; this is a safety net
        with open(path, "w", encoding="utf-8", newline="\n", errors="backslashreplace") as fh:
            for line in lines:
                fh.write(line + "\n")
    except OSError as exc:
        errors.append(_("{file}: cannot write the report: {error}").format(file=clean(path), error=reason(exc)))
        return False
    return True


def file_id(path: str) -> Optional[Tuple[int, int]]:
    """(device, inode) of the file at path (links followed), None if there is none."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def lint_command(argv: Sequence[str], cwd: Path, fmt: Optional[str] = None) -> int:
    args = parser().parse_args(argv)
    settings = settings_from_args(args, cwd)
    with caches_outside_review(args.paths or ["."], settings.root, _warn):
        return _lint_command(args, settings, fmt)


def _warn(message: str) -> None:
    print(_("speechlint: warning: {message}").format(message=clean(message)), file=sys.stderr)


def _lint_command(args, settings: Settings, fmt: Optional[str]) -> int:
    # (the linter itself is imported here, not with the command line: `speechlint rules` and
    # `speechlint rule CODE` need none of it; issue 12, start-up)
    from speechlint import baseline
    from speechlint.engine import Failure, lint
    from speechlint.fixes import encode, fix_document, snapshot, unified_diff, write_atomically

    if fmt is not None:
        settings = replace(settings, format=fmt)
    # the built-in rules are read without compiling their patterns: a run whose files are all in
    # the result cache needs only their codes, names and docs (ready() prepares them for checks)
    extend = [Path(r) for r in settings.extend_rules]
    all_rules = load_rules(extend, settings.root, args.allow_outside_root, prepare_builtin=False)
    check_prefixes(settings, [r.code for r in all_rules])
    rules = [r for r in all_rules if selected(r.code, settings)]
    prepared: List[list] = []
    accepted = None  # the baseline's findings, read before any file is linted
    if args.write_baseline and (args.fix or args.diff):
        raise UsageError(_("--write-baseline records findings; it cannot be used with --fix or --diff"))
    if settings.baseline and not args.write_baseline:
        if (args.baseline is None and settings.root and not args.allow_outside_root
                and not inside(settings.baseline, settings.root)):
            raise ConfigError(_("{file}: baseline {baseline}: outside the project root "
                                "{root}; not read (--allow-outside-root allows it)").format(
                file=settings.source, baseline=settings.baseline, root=settings.root))
        try:
            accepted = baseline.read(settings.baseline)
        except baseline.BaselineError as exc:
            raise ConfigError(str(exc)) from None
    texts: Dict[str, Sequence[str]] = {}  # the lines of files with findings, for the baseline

    def ready() -> list:
        if not prepared:
            every = load_rules(extend, settings.root, args.allow_outside_root)
            prepared.append([r for r in every if selected(r.code, settings)])
        return prepared[0]
    errors: List[str] = []
    resources = Resources()
    diags = []
    sources = {}
    fixing = args.fix or args.diff
    changed = 0

    documents: List[Document] = []

    failures: List[Failure] = []
    # processes that may share one document's rules (engine.lint): the cores --jobs allows when
    # a single file is linted, which a pool of files would not use (standard input: one)
    split_jobs = [1]

    def check(doc: Document):
        # per-file-ignores choose the rules that run, so an ignored rule hides nothing else
        here = [r for r in ready() if not ignored_for_path(r.code, doc.path, settings)]
        found = lint(doc, here, resources, settings.allow, settings.min_confidence, failures, jobs=split_jobs[0])
        if doc.source_format == "docx":
            found = [with_docx_context(doc, d) for d in found]
        return found

    def lint_one(path: str, doc: Document, name: str):
        """(the document as fixed, its diagnostics); fixes written as asked."""
        nonlocal changed
        # the file as read, to see before writing whether it changed meanwhile
        before = snapshot(path) if args.fix and not args.diff and path != "-" else None
        def new_only(d: Document):  # with a baseline, its accepted findings are neither fixed nor reported
            found = check(d)
            return found if accepted is None else baseline.new_findings(
                found, {d.path: d.lines}, settings.baseline, accepted)

        if fixing and doc.source_format == "docx":
            errors.append(_("{name}: fixes are not supported for .docx files; nothing was written").format(name=name))
            return doc, new_only(doc)
        if fixing:
            try:
                fixed, applied, found = fix_document(doc, new_only, args.unsafe_fixes)
            except InputError as exc:  # the fixed text would not read back as text
                errors.append(_("{name}: the fixes would make it unreadable ({error}); nothing was written").format(
                    name=name, error=exc))
                return doc, new_only(doc)
            if fixed.text != doc.text:
                changed += 1
                if args.diff:
                    sys.stdout.flush()  # the diff is in the file's own encoding and line ends
                    sys.stdout.buffer.write(unified_diff(clean(doc.path), encode(doc), encode(fixed)))
                elif path == "-":
                    sys.stdout.buffer.write(encode(fixed))
                else:
                    try:
                        write_atomically(path, encode(fixed), before)
                    except OSError as exc:
                        errors.append(_("{name}: cannot write the fixes: {error}").format(name=name, error=reason(exc)))
                        return doc, new_only(doc)  # the file as it is, and its findings
                    else:
                        print(ngettext("{name}: {n} fix applied", "{name}: {n} fixes applied", applied).format(
                            name=name, n=applied), file=sys.stderr)
            elif path == "-" and args.fix and not args.diff:
                sys.stdout.buffer.write(encode(doc))
            return fixed, found
        return doc, check(doc)

    output_id = file_id(args.output_file) if args.output_file and args.output_file != "-" else None
    output_is_input = False
    warnings: List[str] = []
    shows_text = fixing or settings.show_source or settings.format == "html"
    named = set(args.paths or ())  # files met in folders are checked by discover()
    trees: Dict[str, Path] = {}  # the tree of each file met in a folder, checked again on reading
    targets = list(discover(args.paths or ["."], settings, errors, warnings, trees))
    # in the order of the report (sorted by name), so that a file's findings can be shown as soon
    # as it and the files before it are done
    targets.sort(key=lambda p: (args.stdin_filename or "-") if p == "-" else p)
    if len(targets) == 1 and targets[0] != "-":
        from speechlint import batch

        split_jobs[0] = max(1, args.jobs if args.jobs is not None else batch.default_jobs())
    # the formats of one finding a line are shown as files finish, when nothing after the run
    # (a baseline, a report file) decides what is shown: a long run is never silent
    streaming = (not fixing and settings.format in STREAMED and not args.write_baseline and accepted is None
                 and not (args.output_file and args.output_file != "-"))
    # files that are linted whole, without fixes: from the result cache or by a pool of processes
    ahead: Dict[str, tuple] = {}
    coming: Iterator = iter(())
    if not fixing:
        from speechlint import batch

        ahead_paths = [p for p in targets if p != "-" and not (shows_text and p in named and leaves_tree(p, tree_of(p)))
                       and not (output_id is not None and file_id(p) == output_id)]
        keep = settings.show_source or settings.format == "html"

        def lint_path(path: str):
            try:
                doc = read(path, args.stdin_filename, settings, trees.get(path))
            except InputError as exc:
                return ("input", str(exc))
            del failures[:]
            try:
                found = check(doc)
            except Exception as exc:  # reported as below, by the loop
                import traceback

                return ("internal", f"{type(exc).__name__}: {exc}", traceback.format_exc())
            return ("ok", doc if keep else None, found, list(dict.fromkeys(failures)))

        if ahead_paths:
            cache = None if args.no_cache or keep else batch.ResultCache(batch.run_key(settings, rules))
            jobs = args.jobs if args.jobs is not None else batch.default_jobs()
            def cacheable(path: str) -> Optional[bytes]:
                """What the cache key is made of, read as read() reads (a file met in a folder
                must still be inside its tree); None for a file not to look up."""
                try:
                    return read_regular_file(path, batch.CACHED_SIZE, trees.get(path))
                except InputError:
                    return None

            coming = batch.outcomes(ahead_paths, lint_path, max(1, jobs), cache, ready, cacheable)

    def outcome_of(path: str) -> Optional[tuple]:
        """The outcome of a file linted ahead, waiting for it if it is still being linted."""
        while path not in ahead:
            got = next(coming, None)
            if got is None:
                return None
            ahead[got[0]] = got[1]
        return ahead.pop(path)

    for path in targets:
        name = clean((args.stdin_filename or "-") if path == "-" else path)
        if shows_text and path != "-" and path in named and leaves_tree(path, tree_of(path)):
            # named on the command line (discover skips those it meets in folders)
            errors.append(_("{name}: a symbolic link leading outside {root}: not read "
                            "with --fix, --diff, --show-source or the HTML report").format(
                name=name, root=clean(str(tree_of(path)))))
            continue
        if output_id is not None and path != "-" and file_id(path) == output_id:
            errors.append(_("{name}: it is the --output-file; it was not linted and the report was not written").format(
                name=name))
            output_is_input = True
            continue
        outcome = outcome_of(path) if path != "-" else None
        if outcome is not None and outcome[0] == "input":
            errors.append(_("{file}: {message}").format(file=name, message=outcome[1]))
            continue
        if outcome is not None and outcome[0] == "internal":
            errors.append(_("{name}: internal error: {error}").format(name=name, error=outcome[1]).splitlines()[0])
            if args.debug:
                print(outcome[2], file=sys.stderr, end="")
            continue
        if outcome is not None:
            found = outcome[2]
            failures[:] = outcome[3]
            doc = outcome[1]  # the document itself only when it is shown
        else:
            try:
                doc = read(path, args.stdin_filename, settings, trees.get(path))
            except InputError as exc:
                errors.append(_("{file}: {message}").format(file=name, message=exc))
                continue
            del failures[:]
            try:
                doc, found = lint_one(path, doc, name)
            except Exception as exc:  # a bug must cost this file only, and say where it was
                errors.append(_("{name}: internal error: {error}").format(
                    name=name, error=f"{type(exc).__name__}: {exc}").splitlines()[0])
                if args.debug:
                    import traceback

                    traceback.print_exc()
                continue
        for failure in dict.fromkeys(failures):  # once per rule, however many fix rounds ran
            errors.append(_("{file}: {message}").format(file=name, message=failure.describe()))
            if args.debug:
                print(failure.traceback, file=sys.stderr, end="")
        diags.extend(found)
        if found and (accepted is not None or args.write_baseline):
            if doc is None:
                try:
                    doc = read(path, args.stdin_filename, settings, trees.get(path))
                except InputError:
                    doc = None
            texts[found[0].path] = doc.lines if doc is not None else ()
        if settings.show_source:
            sources[doc.path] = doc.lines
        if settings.format == "html":
            documents.append(doc)
        if streaming and found:
            # (one write per file: a tree's thousands of lines cost a call each through the guard)
            sys.stdout.write("".join(f"{line}\n" for line in render(
                sorted(found, key=lambda d: d.sort_key()), settings.format, sources, settings.show_source,
                rules, (), __version__, args.unsafe_fixes)))
            sys.stdout.flush()

    diags.sort(key=lambda d: d.sort_key())
    baseline_id = file_id(args.write_baseline) if args.write_baseline else None
    if baseline_id is not None and any(path != "-" and file_id(path) == baseline_id for path in targets):
        # (like --output-file: a document is never overwritten with a baseline)
        errors.append(_("{file}: it is one of the files linted; the baseline was not written").format(
            file=args.write_baseline))
    elif args.write_baseline:
        try:
            n = baseline.write(args.write_baseline, diags, texts)
        except baseline.BaselineError as exc:
            errors.append(str(exc))
        else:
            print(ngettext("speechlint: wrote {n} finding to {file}", "speechlint: wrote {n} findings to {file}", n).format(
                n=n, file=clean(args.write_baseline)), file=sys.stderr)
        for w in warnings:
            _warn(w)
        for e in errors:
            print(_("speechlint: error: {message}").format(message=clean(e)), file=sys.stderr)
        return 2 if errors else 0
    if accepted is not None and not fixing:  # (with fixes, lint_one left the accepted findings out)
        diags = baseline.new_findings(diags, texts, settings.baseline, accepted)
    if args.diff:
        for w in warnings:
            _warn(w)
        for e in errors:
            print(_("speechlint: error: {message}").format(message=clean(e)), file=sys.stderr)
        return 2 if errors else (1 if changed else 0)
    # with --fix on standard input, standard output holds the fixed text: report on stderr
    report = sys.stderr if args.fix and "-" in (args.paths or []) else sys.stdout
    to_file = bool(args.output_file and args.output_file != "-")
    written = True
    if streaming:
        pass  # shown file by file above
    elif to_file and output_is_input:
        written = False
    else:
        lines = render(diags, settings.format, sources, settings.show_source, rules, documents, __version__,
                       args.unsafe_fixes)
        if to_file:
            written = write_report(args.output_file, lines, errors)
        else:
            for line in lines:
                print(line, file=report)
    if settings.statistics:
        # after JSON, SARIF or HTML, statistics go to stderr so that the report stays one
        # document; with --output-file, to standard output
        stats_out = sys.stdout if to_file else (sys.stderr if settings.format in STRUCTURED else report)
        for line in statistics(diags, rules):
            print(line, file=stats_out)
    if to_file and written and fmt == "html":
        findings = ngettext("{n} finding", "{n} findings", len(diags)).format(n=len(diags))
        counted = ngettext("{findings} in {with_findings} of {n} file", "{findings} in {with_findings} of {n} files",
                           len(documents)).format(findings=findings, with_findings=len({d.path for d in diags}),
                                                  n=len(documents))
        print(_("speechlint: wrote {file} ({counted})").format(file=clean(args.output_file), counted=counted),
              file=sys.stderr)
    if settings.format == "default" and not to_file:
        sys.stdout.flush()
        line = summary(diags, args.unsafe_fixes)
        # on standard error, so that the report's own lines stay one finding each; not after an
        # output that failed (a full disk) or was closed (| head -1): its findings were not shown
        if line and not getattr(sys.stdout, "failed", False):
            print(line, file=sys.stderr)
    for w in warnings:
        _warn(w)
    for e in errors:
        print(_("speechlint: error: {message}").format(message=clean(e)), file=sys.stderr)
    if errors:
        return 2
    failing = [d for d in diags if fails(d.severity, settings.fail_level)]
    return 0 if settings.exit_zero or not failing else 1
