"""Running rules on a document: checks, then in-document suppression and allowed phrases.

Which rules run is decided by the caller (selection); how diagnostics are printed is decided
by speechlint.output. This module only turns findings into diagnostics."""
from __future__ import annotations

import bisect
import time

from dataclasses import dataclass, replace
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import regex

from speechlint import patterns
from speechlint.context import Context, Resources
from speechlint.diagnostics import Diagnostic, Edit, Finding, Fix
from speechlint.document import Document
from speechlint.i18n import _, language
from speechlint.kinds import KINDS
from speechlint.ruleset import Rule, is_builtin

OPENER = regex.compile(r"<!--\s*speechlint-(disable-next-line|disable|enable)\b")  # a directive's start
DIRECTIVE = regex.compile(OPENER.pattern + r"([^>]*?)-->")
# the verbs of the comments above; kinds/directives.py reports a comment that says none of them
CONFIDENT = 0.75  # findings less sure than this are reported as "info"
CODE_LIST = regex.compile(r"^[\s,]*(?:SL[0-9]{0,3}[\s,]*)*$")


MAX_FINDINGS = 10_000  # of one rule in one file; then one line says that more are not shown


def run_rule(rule: Rule, ctx: Context) -> Iterable[Finding]:
    """The rule's findings, as its check yields them: lint() reads only as many as it reports."""
    return KINDS[rule.kind].check(rule.options, ctx)


def _more(doc: Document, rule: Rule, f: Finding) -> Diagnostic:
    """The line that stands for the findings of a rule past MAX_FINDINGS, at the first of them.
    They are not looked for, so it cannot say how many there are (a line of a million （ would
    take a minute and a gigabyte to report in full: issue 15)."""
    message = _("more findings of {code} in this file are not shown: only the first {limit} are").format(
        code=rule.code, limit=f"{MAX_FINDINGS:,}")
    return Diagnostic(doc.path, f.line + 1, f.start + 1, f.line + 1, max(f.start, f.end - 1) + 1, rule.code,
                      rule.name, message, "info", None, None)


@dataclass(frozen=True)
class Failure:
    """A rule that raised on a document: its findings are missing, the others are reported."""

    code: str
    kind: str
    error: str  # "ValueError: invalid literal …", one line
    traceback: str
    slow: bool = False  # a pattern of the rule's data ran out of time (speechlint.patterns)

    def describe(self) -> str:
        if self.slow:
            return _("{code} ({kind}) is too slow: {error}").format(code=self.code, kind=self.kind, error=self.error)
        return _("internal error in {code} ({kind}): {error}").format(code=self.code, kind=self.kind, error=self.error)


def _failure(rule: Rule, exc: Exception) -> Failure:
    import traceback

    if isinstance(exc, TimeoutError):
        return Failure(rule.code, rule.kind, _("one of its patterns took more than {limit} s on a line").format(
                           limit=f"{patterns.limit():g}"),
                       "".join(traceback.format_exception(exc)), slow=True)
    error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300] if str(exc) else type(exc).__name__
    return Failure(rule.code, rule.kind, error, "".join(traceback.format_exception(exc)))


@dataclass(frozen=True)
class Suppressions:
    """Per line (0-based): the prefixes switched off, those switched back on (the longest
    matching prefix decides), and those a disable-next-line directive switches off outright."""

    by_line: Dict[int, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]]

    def suppressed(self, line: int, code: str) -> bool:
        off, on, next_line = self.by_line.get(line, ((), (), ()))
        if any(code.startswith(p) for p in next_line):
            return True
        longest_off = max((len(p) for p in off if code.startswith(p)), default=-1)
        longest_on = max((len(p) for p in on if code.startswith(p)), default=-1)
        return longest_off > longest_on


def directives(line: str) -> Iterator[Tuple[str, str]]:
    """(verb, what follows it) of each directive of line, as DIRECTIVE.finditer(line) reads them,
    in time linear in the line: the first '>' after a directive's start ends it, as the end of
    its -->, or ends nothing (searched once for all the starts before it; the regex searched each
    unclosed directive to the end of its line, minutes for a line of a megabyte of them)."""
    at, gt = 0, -2  # gt: the first '>' at or after the last start's end (-1: none is left)
    while True:
        m = OPENER.search(line, at)
        if m is None:
            return
        if gt != -1 and gt < m.end():
            gt = line.find(">", m.end())
        if gt == -1:
            return
        if gt - 2 >= m.end() and line.startswith("-->", gt - 2):
            yield m.group(1), line[m.end():gt - 2]
            at = gt + 1
        else:
            at = m.start() + 1


def suppressions(lines: Sequence[str]) -> Suppressions:
    """<!-- speechlint-disable SL101 --> … <!-- speechlint-enable --> and
    <!-- speechlint-disable-next-line SL401 -->. Codes (or prefixes) are required to disable;
    enable without codes ends every disable (an enable whose codes cannot be read ends none).
    The most specific prefix decides: after disable SL1 and enable SL101, SL101 is reported
    again and SL102 is not. A line with directives is governed by what was off before it and
    by what it switches off."""
    state: Dict[str, bool] = {}  # prefix -> disabled?
    by_line: Dict[int, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]] = {}
    pending: Tuple[str, ...] = ()
    # (off, on) of the state as it stands, shared by the lines that change nothing (no directive,
    # or directives that switch off what is off already): a disable of every code kept its own
    # copy of a thousand prefixes for each later line (a gigabyte for 300,000 lines)
    standing: Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]] = None

    def split(prefixes: Dict[str, bool]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:  # (off, on)
        return (tuple(sorted(p for p, v in prefixes.items() if v)),
                tuple(sorted(p for p, v in prefixes.items() if not v)))

    for no, line in enumerate(lines):
        found = list(directives(line)) if "speechlint-" in line else []
        if not found:  # (the state stands)
            if standing is None:
                standing = split(state)
            if standing[0] or pending:
                by_line[no] = (standing[0], standing[1], pending)
            pending = ()
            continue
        before = dict(state)
        switched_off: Set[str] = set()
        next_line: Set[str] = set()
        for verb, rest in found:
            if not CODE_LIST.match(rest):
                continue  # not a list of codes: ignored
            codes = set(regex.findall(r"SL[0-9]{0,3}", rest))
            if verb == "disable" and codes:
                for c in codes:
                    for p in [p for p in state if p.startswith(c)]:
                        del state[p]
                    state[c] = True
                switched_off |= codes
            elif verb == "enable":
                if not codes:
                    state.clear()
                for c in codes:
                    for p in [p for p in state if p.startswith(c)]:
                        del state[p]
                    if any(c.startswith(p) and off for p, off in state.items()):
                        state[c] = False
            elif verb == "disable-next-line" and codes:
                next_line |= codes
        if state == before and all(before.get(c) is True for c in switched_off):
            if standing is None:  # (nothing changed: what stands holds for this line too)
                standing = split(state)
            off, on = standing
        else:
            standing = None
            off, on = split({**before, **dict.fromkeys(switched_off, True)})
        if off or pending:
            by_line[no] = (off, on, pending)
        pending = tuple(sorted(next_line))
    return Suppressions(by_line)


def allowed_spans(line: str, allow: Sequence[str]) -> List[Tuple[int, int]]:
    spans = []
    for phrase in allow:
        start = line.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = line.find(phrase, start + 1)
    return spans


def _unmasked(doc: Document, f: Finding) -> Optional[Finding]:
    """A finding whose span covers text that checks did not see (inline code, a URL in
    Markdown) gets the real text back: in its match, and in its replacement, where each run of
    masked characters that the replacement carries over is put back in order. A replacement
    that does not carry them over unchanged would overwrite what was masked: such a finding is
    dropped."""
    original = doc.lines[f.line][f.start:f.end]
    seen = doc.masked[f.line][f.start:f.end]
    if original == seen:
        return f
    hidden = [original[m.start():m.end()] for m in regex.finditer(r"\ufffc+", seen)]
    if f.replacement is None:
        return replace(f, match=original)
    parts = regex.split(r"\ufffc+", f.replacement)
    shown = [m.group() for m in regex.finditer(r"\ufffc+", f.replacement)]
    if len(shown) != len(hidden) or any(len(a) != len(b) for a, b in zip(shown, hidden)) \
            or regex.sub(r"\ufffc+", "", seen) == seen:
        return None
    rebuilt = "".join(p + (hidden[i] if i < len(hidden) else "") for i, p in enumerate(parts))
    return replace(f, match=original, replacement=rebuilt)


def to_diagnostic(doc: Document, rule: Rule, f: Finding, template: Optional[str] = None) -> Diagnostic:
    """The diagnostic of a finding; template: the rule's message in the language in use, when
    the caller has looked it up once for all the rule's findings."""
    fix = None
    if f.whole_line and rule.fix:
        fix = Fix((Edit(f.line, 0, f.line + 1, 0, ""),), rule.fix)
    elif f.replacement is not None and rule.fix:
        fix = Fix((Edit(f.line, f.start, f.line, f.end, f.replacement),), rule.fix)
    end = max(f.start, f.end - 1)
    message = (rule.message_in() if template is None else template).format(match=f.match, replacement=f.replacement or "", detail=f.detail)
    severity = rule.severity if f.confidence >= CONFIDENT else "info"
    return Diagnostic(doc.path, f.line + 1, f.start + 1, f.line + 1, end + 1, rule.code, rule.name,
                      message, severity, f.replacement, fix)


# --- lines that did not change keep their findings (the language server) ----------------------

# The kinds whose findings on a line depend on that line alone (as checks see it and as it is
# written), the rule's options and the language data. Every other kind reads beyond the line and
# runs on the whole document: pairs (a quotation continued in the next paragraph), enumeration
# (lists and the counts that announce them), promo (a site's header and footer, repeated
# titles), char-slip (the words and themes of the whole document, a text broken at a page's
# width), placeholder (the blank forms of an attachment), gongwen (the parts of a 公文),
# leaders (the document's date). Suppression comments, allowed phrases and the limit of
# MAX_FINDINGS are applied by lint() to the findings of every rule alike.
LINE_LOCAL_KINDS = frozenset({"existence", "repetition", "near-miss", "name-slip", "directives"})


def line_local(rule: Rule) -> bool:
    """Do the rule's findings on a line depend on that line alone (see LINE_LOCAL_KINDS)? A
    placeholder rule's do, but for the lines of the blank forms it leaves out (see _by_line),
    unless it looks for a skeleton of empty fields, lines in a row."""
    if rule.kind in LINE_LOCAL_KINDS:
        return True
    if rule.kind == "placeholder":
        return not rule.options.empty_fields
    options = rule.options
    if rule.kind == "substitution":  # unless the document's own usage decides (document-pattern, register)
        return getattr(options, "document_pattern", 0) is None and getattr(options, "register", 0) is None
    if rule.kind == "dates":  # a date that cannot be; a plan spoken of as the present needs the document's date
        return getattr(options, "report", "plan") != "plan"
    return False


def _by_line(rule: Rule):
    """(check, left_out) of a line-local rule: the check that gives its findings line by line,
    and a function of the document's lines that gives the lines whose findings it leaves out,
    or None. A placeholder rule is existence's check, less a guide's illustrations (which its line
    tells), on the lines outside blank forms."""
    if rule.kind == "placeholder":
        from speechlint.kinds import placeholder

        opts = rule.options
        return (lambda ctx: placeholder.line_findings(opts, ctx)), placeholder.left_out(opts)
    return (lambda ctx: run_rule(rule, ctx)), None


class LineCache:
    """The findings of the line-local rules (see line_local) on each line of one document,
    kept from one lint to the next, so that after an edit only the lines it changed are checked
    by them: a line is known by its text as checks see it and as written. The findings are
    those the rules' checks yield, before suppression and the other filters of lint(), which
    are applied anew each time; they hold for one set of rules, language data and language
    (a finding's detail is in the language in use), and are dropped when these change. Only
    the lines of the last document linted are kept."""

    def __init__(self):
        self.key: tuple = ()
        self.keep: tuple = ()  # what the key's identities stand for, kept alive with it
        self.lines: Dict[Tuple[str, str], Dict[str, Tuple[Finding, ...]]] = {}

    def findings(self, doc: Document, rules: Sequence[Rule], resources: Resources) -> Dict[str, List[Finding]]:
        """The findings of each of the line-local rules among `rules` that can be taken from
        here (code -> its findings in the order its check yields them), the lines not yet
        known checked now. A rule that fails on them, or finds more than MAX_FINDINGS there,
        is left out: lint() runs it on the whole document as usual."""
        local = [r for r in rules if line_local(r)]
        key = (tuple(map(id, local)), id(resources), language())
        if key != self.key:
            self.key, self.keep, self.lines = key, (tuple(local), resources), {}
        known = self.lines
        keys = list(zip(doc.masked, doc.lines))
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        failed = set()
        if missing:
            sub = Context(tuple(m for m, _ in missing), resources, tuple(w for _, w in missing))
            new: List[Dict[str, List[Finding]]] = [{} for _ in missing]
            for rule in local:
                got: List[Tuple[int, Finding]] = []
                try:
                    for f in _by_line(rule)[0](sub):
                        got.append((f.line, replace(f, line=0)))
                        if len(got) > MAX_FINDINGS:
                            raise OverflowError(rule.code)
                except Exception:  # lint() runs the rule on the whole document: the same outcome
                    failed.add(rule.code)
                    continue
                for no, f in got:
                    new[no].setdefault(rule.code, []).append(f)
            if not failed:  # a line is kept only with the findings of every rule
                for k, found in zip(missing, new):
                    known[k] = {code: tuple(fs) for code, fs in found.items()}
        else:
            new = []
        # only the lines of this document are kept
        here = set(keys)
        if len(known) > len(here):
            self.lines = known = {k: v for k, v in known.items() if k in here}
        fresh = dict(zip(missing, new))
        out: Dict[str, List[Finding]] = {r.code: [] for r in local if r.code not in failed}
        left_out: Dict[str, FrozenSet[int]] = {}  # code -> the lines whose findings its check leaves out
        answers: dict = {}  # each function of the document's lines asked once
        for rule in local:
            leave = _by_line(rule)[1]
            if leave is not None and rule.code in out:
                if leave not in answers:
                    answers[leave] = frozenset(leave(tuple(doc.masked)))
                left_out[rule.code] = answers[leave]
        for no, k in enumerate(keys):
            entry = known.get(k)
            if entry is None:
                entry = fresh[k]
            for code, fs in entry.items():
                if code in out and no not in left_out.get(code, ()):
                    out[code].extend(replace(f, line=no) for f in fs)
        return out


# --- the document-level checks' own work, kept warm between the lints of a document -------------
#
# The rules that read beyond a line run on the whole document after every edit; most of their
# work is per line or per stretch, by functions that take all they depend on as arguments. In a
# process that lints one document again and again (the language server: keep_warm), such
# functions are memoised: an edit costs them only the lines it changed. A function is marked with
# @warm (or listed in WARM, for modules that do not mark their own), naming the parameters taken
# by value (texts, numbers, tuples); the others are taken by identity (the rule's options, the
# language data: the same objects from one lint to the next), and a callable named `replayed`
# (SL403's doc_evidence: what the rest of the document says of a correction) is no fixed input:
# a call remembers what it asked of it and is reused only if it answers the same now. The
# results are the function's own, whatever the edit: a memoised function must depend on nothing
# but its arguments (and the language, on which the memos are dropped). A function whose name
# or parameters are not as listed is left as it is (slower, never wrong).

WARM: List[Tuple[str, str, Tuple[str, ...], str]] = [  # (module, function, by value, replayed)
    ("speechlint.kinds.charslip", "slips", ("text", "line", "base"), "evidence"),
    ("speechlint.kinds.promo", "judge", ("line", "at_edge", "in_prose", "context", "glued"), ""),
    ("speechlint.kinds.pairs", "problems", ("line",), ""),  # a paragraph's marks (SL201-SL205)
    ("speechlint.kinds.enumeration", "line_item", ("no", "line"), ""),
    ("speechlint.kinds.enumeration", "inline_items", ("no", "line"), ""),
    ("speechlint.structure", "role", ("line",), ""),  # the part of a 公文 a line is (gongwen)
]
WARM_LIMIT = 50_000  # entries of one memo; past this, it starts afresh
_warm_memos: List[dict] = []
_warm_state: Dict[str, object] = {"lang": None, "on": False}
_warm_originals: Dict[object, tuple] = {}  # function -> (module, name) it was taken from


def warm(*values: str, replayed: str = ""):
    """Mark a function to be memoised by keep_warm (see above): `values`, the parameters taken
    by value; `replayed`, a callable parameter whose answers are checked again."""
    def mark(function):
        WARM.append((function.__module__, function.__name__, tuple(values), replayed))
        return function
    return mark


def _memoised(function, values: Sequence[str], replayed: str = ""):
    """function (called with all its arguments positional) memoised as described above, or None
    if its parameters are not those named."""
    import inspect
    from operator import itemgetter

    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return None
    if not values or not set(values) <= set(names) or (replayed and replayed not in names):
        return None
    by_value = itemgetter(*[names.index(n) for n in values])
    other = [k for k, n in enumerate(names) if n not in values and n != replayed]
    pick = itemgetter(*other) if len(other) > 1 else (lambda args: (args[other[0]],)) if other else (lambda args: ())
    at = names.index(replayed) if replayed else -1
    count = len(names)
    # a memo per set of objects taken by identity: equal objects (the same ones, as a rule) mean
    # the same inputs; the latest sets first
    memos: List[Tuple[tuple, dict]] = []

    def wrapper(*args, **kwargs):
        if kwargs or len(args) != count:
            return function(*args, **kwargs)
        objects = pick(args)
        if memos and memos[0][0] == objects:
            memo = memos[0][1]
        else:
            found = next((m for m in memos if m[0] == objects), None)
            if found is None:
                found = (objects, {})
                _warm_memos.append(found[1])
                if len(memos) >= 4:
                    # (the memo itself, not an equal one: two empty memos are equal; and gone
                    # already if cool() cleared the list while this wrapper was still held)
                    evicted = memos.pop()[1]
                    for k, memo in enumerate(_warm_memos):
                        if memo is evicted:
                            del _warm_memos[k]
                            break
            else:
                memos.remove(found)
            memos.insert(0, found)
            memo = found[1]
        key = by_value(args)  # in the language of the lint (see _same_language)
        got = memo.get(key)
        if got is not None:
            result, asked = got
            if not asked:
                return result
            ask = args[at]
            if all(ask(*q) == a for q, a in asked):
                return result
        asked = []
        if at >= 0 and args[at] is not None:
            ask = args[at]

            def recorded(*q):
                a = ask(*q)
                asked.append((q, a))
                return a
            args = args[:at] + (recorded,) + args[at + 1:]
        result = function(*args)
        if len(memo) >= WARM_LIMIT:
            memo.clear()
        memo[key] = (result, tuple(asked))
        return result

    wrapper.__wrapped__ = function
    wrapper.__doc__ = function.__doc__
    return wrapper


def _same_language() -> None:
    """Drop what the memos remember if it was remembered in another language than the one in
    use (a finding's detail is in the language in use): asked by keep_warm and at the start of
    every lint while the memos are on, since a process may switch languages between two lints
    (i18n.using)."""
    lang = language()
    if lang != _warm_state["lang"]:
        for memo in _warm_memos:
            memo.clear()
        _warm_state["lang"] = lang


def keep_warm(lang: Optional[str] = None) -> None:
    """Memoise the functions of WARM in this process (the first time), and drop what they
    remember when the language changes (see _same_language; lang is the language in use,
    which is what counts)."""
    from importlib import import_module

    _same_language()
    if _warm_state["on"] == len(WARM):
        return
    for module_name, name, values, replayed in WARM:
        module = import_module(module_name)
        function = getattr(module, name, None)
        if function is None or getattr(function, "__wrapped__", None) in _warm_originals:
            continue
        wrapped = _memoised(function, values, replayed)
        if wrapped is not None:
            setattr(module, name, wrapped)
            _warm_originals[function] = (module, name)
    _warm_state["on"] = len(WARM)


def cool() -> None:
    """Undo keep_warm: the functions as they were, nothing remembered (for tests)."""
    for function, (module, name) in list(_warm_originals.items()):
        setattr(module, name, function)
    _warm_originals.clear()
    _warm_memos.clear()
    _warm_state.update(lang=None, on=False)


def lint(doc: Document, rules: Iterable[Rule], resources: Resources = None,
         allow: Sequence[str] = (), min_confidence: float = 0.0,
         failures: Optional[List[Failure]] = None, cache: Optional[LineCache] = None,
         jobs: int = 1) -> List[Diagnostic]:
    """Diagnostics of doc. A finding's confidence (below 1 only for the guesses of detectors)
    must reach min_confidence to be reported, and one under CONFIDENT is reported at the
    severity "info" whatever its rule's severity. Given a list `failures`, a rule that raises
    is recorded there and the other rules run on (otherwise the exception propagates). Given a
    LineCache (kept for the document from its last lint), the line-local rules check only the
    lines that lint did not see; the diagnostics are the same. With jobs above 1, a document of
    SPLIT_CHARS characters or more (and a list `failures`) has its built-in rules shared among up
    to SPLIT_MOST processes (see shares), this one among them, which also runs the other rules;
    the diagnostics are the same."""
    rules = list(rules)
    if _warm_state["on"]:
        _same_language()
    ctx = Context(doc.masked, resources or Resources(), tuple(doc.lines))
    with patterns.losing(ctx.resources.memo("lost-to-slow-patterns", patterns.Lost)) as lost:
        groups = [rules]
        if (jobs > 1 and cache is None and failures is not None and sum(map(len, doc.lines)) >= SPLIT_CHARS
                and len({id(rule) for rule in rules}) == len(rules)):
            # (the repository's own rules stay in this process, where the time their slow
            # patterns lose is counted for the whole run: see patterns.Lost)
            groups = shares([rule for rule in rules if is_builtin(rule)], min(jobs, SPLIT_MOST)) or [[]]
            groups[0] = [rule for rule in rules if not is_builtin(rule) or any(rule is r for r in groups[0])]
        if len(groups) > 1:
            from speechlint import batch

            def task(group: List[Rule]):
                def run():
                    failed: List[Failure] = []
                    return _found(doc, group, ctx, allow, min_confidence, failed, None, lost), failed
                return run
            place = {id(rule): n for n, rule in enumerate(rules)}
            per_rule: List[List[Diagnostic]] = [[] for _ in rules]
            failed_at: List[Tuple[int, Failure]] = []
            for group, (found, failed) in zip(groups, batch.run_split([task(group) for group in groups])):
                for rule, diags in zip(group, found):
                    per_rule[place[id(rule)]] = diags
                first = {}
                for rule in group:
                    first.setdefault(rule.code, place[id(rule)])
                failed_at += [(first.get(f.code, len(rules)), f) for f in failed]
            failures.extend(f for _, f in sorted(failed_at, key=lambda pair: pair[0]))
        else:
            per_rule = _found(doc, rules, ctx, allow, min_confidence, failures, cache, lost)
        return dedupe([d for diags in per_rule for d in diags], doc.lines)


# A document of this many characters or more is linted by several processes when --jobs allows
# (a single large file: a tree's files are shared among processes already), each running some of
# the rules: a process costs its start and its own tables (some 0.2 s), which a shorter text
# does not repay.
SPLIT_CHARS = 150_000
SPLIT_MOST = 2  # processes for one document: the typo detectors' share and the rest (each loads its own tables)
# What the rules of a kind cost together, in seconds a megabyte of text (measured on gov-reports
# and on the seed repeated 200 times; promo's lines cost as they are short or long); rules of one
# kind stay together, as they share what they compute (SL501 and SL502 their verdicts).
KIND_COST = {"char-slip": 2.0, "near-miss": 0.8, "promo": 0.6, "name-slip": 0.45, "repetition": 0.3,
             "placeholder": 0.28, "substitution": 0.25, "enumeration": 0.15, "pairs": 0.15, "existence": 0.13,
             "gongwen": 0.12}
OTHER_COST = 0.02


def shares(rules: Sequence[Rule], jobs: int) -> List[List[Rule]]:
    """The rules in at most `jobs` groups of about equal cost (KIND_COST), the rules of a kind in
    one group, each group in the order of rules: the costliest kinds first, each to the group
    that costs least so far."""
    kinds: Dict[str, List[Rule]] = {}
    for rule in rules:
        kinds.setdefault(rule.kind, []).append(rule)
    cost = {kind: KIND_COST.get(kind, OTHER_COST) for kind in kinds}
    groups: List[List[str]] = [[] for _ in range(max(1, min(jobs, len(kinds))))]
    totals = [0.0] * len(groups)
    for kind in sorted(kinds, key=lambda k: (-cost[k], k)):
        at = totals.index(min(totals))
        groups[at].append(kind)
        totals[at] += cost[kind]
    order = {id(rule): n for n, rule in enumerate(rules)}
    return [sorted((r for kind in group for r in kinds[kind]), key=lambda r: order[id(r)]) for group in groups if group]


def _found(doc: Document, rules: List[Rule], ctx: Context, allow: Sequence[str], min_confidence: float,
           failures: Optional[List[Failure]], cache: Optional[LineCache],
           lost: "patterns.Lost") -> List[List[Diagnostic]]:
    """The diagnostics of each rule, in the order of rules, before dedupe (see lint)."""
    kept = cache.findings(doc, rules, ctx.resources) if cache is not None else {}
    supp = suppressions(doc.lines)
    out: List[List[Diagnostic]] = []
    for rule in rules:
        found: List[Diagnostic] = []
        template = rule.message_in()
        lost.guarded = not is_builtin(rule)
        if lost.guarded and rule.code in lost.rules and lost.spent() and failures is not None:
            failures.append(Failure(rule.code, rule.kind, _("it ran out of time before in this run; not run again"), "",
                                    slow=True))
            out.append([])
            continue
        started = time.monotonic()
        try:
            for f in (kept[rule.code] if rule.code in kept else run_rule(rule, ctx)):
                if f.end <= f.start:
                    continue  # a zero-width match reports nothing
                f = _unmasked(doc, f)
                if f is None or f.confidence < min_confidence:
                    continue
                if supp.suppressed(f.line, rule.code):
                    continue
                if allow and any(a < max(f.end, f.start + 1) and f.start < b for a, b in allowed_spans(doc.lines[f.line], allow)):
                    continue
                if len(found) == MAX_FINDINGS:
                    found.append(_more(doc, rule, f))
                    break  # the check is not asked for the rest
                found.append(to_diagnostic(doc, rule, f, template))
        except Exception as exc:  # a bug in one check must not hide the others' findings
            failure = _failure(rule, exc) if failures is not None else None  # (with the limit it ran out of)
            if isinstance(exc, TimeoutError) and lost.guarded:
                lost.seconds += time.monotonic() - started
                lost.rules.add(rule.code)
            if failure is None:
                raise
            failures.append(failure)
            out.append([])
            continue
        out.append(found)
    return out


OVERLAP_FAMILIES = ("SL3", "SL4")  # rules that report one defect in rival ways: a slip, a placeholder (20××)
ABSORBING = ("SL5",)  # text left by a site: what lies inside it is not reported on its own
# On a line of more findings of one family than this, an overlap is looked for among the kept
# findings that start nearest before the new one's end (rival readings of one defect stand
# side by side); below it, among all of them.
NEIGHBOURS = 64


def deleted_parts(original: str, kept: str, column: int) -> List[Tuple[int, int]]:
    """The 1-based inclusive spans of original (starting at column) that a replacement keeping
    `kept` deletes: original read in order, each character matched by kept's next one is kept
    (a site's marks wedged between the words of a sentence, and the sentence between them)."""
    out: List[Tuple[int, int]] = []
    j = 0
    for i, ch in enumerate(original):
        if j < len(kept) and kept[j] == ch:
            j += 1
        elif out and out[-1][1] == column + i - 1:
            out[-1] = (out[-1][0], column + i)
        else:
            out.append((column + i, column + i))
    return out


def dedupe(diags: List[Diagnostic], lines: Optional[Sequence[str]] = None) -> List[Diagnostic]:
    """One diagnostic per place and family: where two rules of a family report the same
    characters, the lower code speaks; for typos and placeholders, where rules report one defect
    in rival ways (SL401's list and SL402's detector on 再接再励, SL402 and SL403 on 善始善中; SL301
    and SL302 on 20××), overlapping characters are enough, and the surer finding speaks first (by severity: a guess of low
    confidence is info), then the lower code. Other families keep findings that merely overlap (SL601's bracket
    and SL602's ，， inside it). Exact places are looked up, so a line of 20,000 findings costs
    no more than 20,000 lookups. Findings inside the span of promotional text (SL5) are left
    out: that text goes as a whole, and its brackets or slips are no defects of the document.
    Given the document's lines, a finding whose fix keeps text between wedged marks absorbs only
    what it deletes (see deleted_parts)."""
    spans: Dict[Tuple[str, int, str, int, int], Set[str]] = {}  # codes kept at one exact place
    typos: Dict[Tuple[str, int, str], List[Diagnostic]] = {}  # kept findings of the overlap families
    # text that a site left behind is reported by SL5 and goes as a whole: the brackets, doubled
    # words and slips inside it (a watermark of random letters, an advert) are no defects of the
    # document, and one defect is one finding
    left: Dict[Tuple[str, int], List[Tuple[int, int]]] = {}
    for d in diags:
        if d.code.startswith(ABSORBING) and d.line == d.end_line:
            if d.replacement and lines is not None and 0 < d.line <= len(lines):
                # marks wedged into a sentence, reported together: only the marks go, and what the
                # sentence between them says is judged as any text
                original = lines[d.line - 1][d.column - 1:d.end_column]
                left.setdefault((d.path, d.line), []).extend(deleted_parts(original, d.replacement, d.column))
            else:
                left.setdefault((d.path, d.line), []).append((d.column, d.end_column))
    if left:
        reach = {}  # per line: the SL5 spans by start, and the furthest end of those up to each
        for key, found in left.items():
            found.sort()
            ends, furthest = [], -1
            for _a, b in found:
                furthest = max(furthest, b)
                ends.append(furthest)
            reach[key] = ([a for a, _b in found], ends)

        def inside(d: Diagnostic) -> bool:
            got = reach.get((d.path, d.line))
            if got is None or d.line != d.end_line:
                return False
            i = bisect.bisect_right(got[0], d.column) - 1
            return i >= 0 and got[1][i] >= d.end_column
        diags = [d for d in diags if d.code.startswith(ABSORBING) or not inside(d)]
    out = []
    rank = {"error": 0, "warning": 1, "info": 2}
    for d in sorted(diags, key=lambda d: (rank.get(d.severity, 3) if d.code.startswith(OVERLAP_FAMILIES) else 0,
                                          d.code, d.path, d.line, d.column)):
        family = (d.path, d.line, d.code[:3])
        if d.code.startswith(OVERLAP_FAMILIES):
            same = typos.setdefault(family, [])
            if len(same) <= NEIGHBOURS:
                if any(k.code != d.code and k.column <= d.end_column and d.column <= k.end_column for k in same):
                    continue
                same.append(d)
            else:  # a line of many findings: kept sorted by start, and only the nearest looked at
                i = bisect.bisect_right(same, d.end_column, key=lambda k: k.column)
                if any(k.code != d.code and d.column <= k.end_column for k in same[max(0, i - NEIGHBOURS):i]):
                    continue
                same.insert(i, d)
            if len(same) == NEIGHBOURS + 1:
                same.sort(key=lambda k: k.column)
        else:
            codes = spans.setdefault(family + (d.column, d.end_column), set())
            if codes - {d.code}:
                continue
            codes.add(d.code)
        out.append(d)
    return sorted(out, key=Diagnostic.sort_key)
