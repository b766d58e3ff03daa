"""The HTML report: one self-contained page per run (no network resources: styles and script
are inline, fonts are the reader's own).

Each document is shown whole, every finding highlighted where it is, with its code and
message on hover; a summary counts the findings per family and per file, and check boxes
filter the highlights and the lists by family.
"""
from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from typing import Dict, List, Sequence, Tuple

from speechlint import i18n
from speechlint.diagnostics import Diagnostic
from speechlint.i18n import _, ngettext
from speechlint.output import FAMILIES

COLOURS = {"1": "#e8590c", "2": "#7048e8", "3": "#e03131", "4": "#1c7ed6", "5": "#2f9e44",
           "6": "#f08c00", "7": "#0c8599", "8": "#c2255c", "9": "#5c677d"}

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --paper: #ffffff; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
       "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink);
       background: var(--bg); }
header.top { background: #24292f; color: #fff; padding: 14px 28px; }
header.top h1 { margin: 0; font-size: 20px; font-weight: 600; }
header.top p { margin: 2px 0 0; color: #d0d7de; font-size: 13px; }
main { padding: 18px 28px 40px; max-width: 1400px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.panel h2 { margin-top: 0; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
.summary { display: flex; gap: 18px; flex-wrap: wrap; align-items: flex-start; margin-top: 14px; }
.summary > .panel { flex: 1 1 380px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
          vertical-align: -1px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 4px 0 2px; font-size: 13px; }
.filters label { cursor: pointer; user-select: none; white-space: nowrap; }
.filters button { font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
details.doc { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; }
details.doc > summary { cursor: pointer; padding: 8px 14px; font-weight: 600; border-bottom: 1px solid var(--line); }
details.doc > summary .count { color: var(--muted); font-weight: 400; margin-left: 8px; }
.clean { color: #1a7f37; }
ol.text { list-style: none; margin: 0; padding: 6px 0; font-size: 15px; }
ol.text li { display: flex; padding: 0 14px 0 0; }
ol.text li:target { background: #fff8c5; }
ol.text .no { flex: 0 0 52px; text-align: right; padding-right: 12px; color: var(--muted);
              font: 12px/1.9 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; user-select: none; }
ol.text .ln { flex: 1; white-space: pre-wrap; word-break: break-all; min-height: 1.6em; }
mark.hl { position: relative; background: transparent; color: inherit; border-radius: 2px; }
mark.hl.on { background: var(--c); background: color-mix(in srgb, var(--c) 24%, transparent);
             box-shadow: inset 0 -2px 0 var(--c); cursor: help; }
mark.hl.on:hover { background: color-mix(in srgb, var(--c) 40%, transparent); }
mark.hl.on:hover::after { content: attr(data-tip); position: absolute; left: 0; top: 100%; z-index: 10;
             margin-top: 4px; white-space: pre; background: #24292f; color: #fff; font-size: 12px;
             line-height: 1.5; padding: 5px 9px; border-radius: 4px; box-shadow: 0 2px 8px #0004; }
mark.eol::before { content: "\\21B5"; color: var(--muted); }
table.findings { margin: 0; border-top: 1px solid var(--line); }
table.findings td:first-child { white-space: nowrap; font: 12px/1.9 ui-monospace, monospace; }
table.findings a { color: inherit; }
code.code { font: 12px ui-monospace, monospace; padding: 0 4px; border-radius: 3px; color: #fff; }
tr.hidden, .hidden { display: none; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    document.querySelectorAll('mark.hl').forEach(function (m) {
      var fams = m.getAttribute('data-fam').split(' ');
      var visible = fams.filter(function (f) { return on[f]; });
      m.classList.toggle('on', visible.length > 0);
      if (visible.length) { m.style.setProperty('--c', COLOURS[visible[0]]); }
    });
    document.querySelectorAll('tr[data-fam]').forEach(function (r) {
      r.classList.toggle('hidden', !on[r.getAttribute('data-fam')]);
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.querySelectorAll('.filters button').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var all = btn.getAttribute('data-all') === '1';
      boxes.forEach(function (b) { b.checked = all; });
      apply();
    });
  });
  apply();
  document.body.setAttribute('data-ready', '1');
})();
"""


def _family(code: str) -> str:
    return code[2:3]


def _segments(line: str, diags: Sequence[Diagnostic]) -> str:
    """The line as HTML, each stretch covered by findings wrapped in one <mark>, so that
    overlapping findings split the text instead of nesting marks."""
    spans: List[Tuple[int, int, Diagnostic]] = []
    tail: List[Diagnostic] = []
    for d in diags:
        start = d.column - 1
        end = d.end_column if d.end_line == d.line else len(line)
        if start >= len(line):
            tail.append(d)
            continue
        spans.append((start, max(start + 1, min(end, len(line))), d))
    cuts = sorted({0, len(line)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        text = html.escape(line[a:b])
        here = [d for s, e, d in spans if s <= a and b <= e]
        out.append(_mark(text, here) if here else text)
    if tail:
        out.append(_mark("", tail, eol=True))
    return "".join(out)


def _mark(text: str, diags: Sequence[Diagnostic], eol: bool = False) -> str:
    fams = []
    for d in diags:
        if _family(d.code) not in fams:
            fams.append(_family(d.code))
    tip = "\n".join(f"{d.code} {d.message}" for d in diags)
    colour = COLOURS.get(fams[0], COLOURS["9"])
    return (f'<mark class="hl on{" eol" if eol else ""}" data-fam="{" ".join(fams)}" '
            f'style="--c:{colour}" title="{html.escape(tip)}" data-tip="{html.escape(tip)}">{text}</mark>')


def _family_label(f: str) -> str:
    return f"SL{f}xx {i18n.gettext(FAMILIES.get(f, 'other'))}"


def _findings(n: int) -> str:
    return ngettext("{n} finding", "{n} findings", n).format(n=n)


def html_report(diags: Sequence[Diagnostic], documents: Sequence, rules=(), version: str = "") -> str:
    """The page for one run. documents: every Document linted (in order), clean ones too;
    a diagnostic whose document is missing from it is listed without its text."""
    by_path: Dict[str, List[Diagnostic]] = defaultdict(list)
    for d in diags:
        by_path[d.path].append(d)
    docs = list(documents)
    known = {doc.path for doc in docs}
    paths = [doc.path for doc in docs] + sorted(p for p in by_path if p not in known)
    doc_of = {doc.path: doc for doc in docs}
    families = sorted({_family(d.code) for d in diags} | {_family(r.code) for r in rules or ()})
    fam_count = Counter(_family(d.code) for d in diags)
    code_count = Counter(d.code for d in diags)
    names = {d.code: d.name for d in diags}
    names.update((r.code, r.title()) for r in rules or () if r.code in names)  # the language's name
    files_with = sum(1 for p in paths if by_path.get(p))
    anchors = {p: f"d{i}" for i, p in enumerate(paths, 1)}

    title = html.escape(_("speechlint report"))
    counted = ngettext("{findings} in {with_findings} of {n} file", "{findings} in {with_findings} of {n} files",
                       len(paths)).format(findings=_findings(len(diags)), with_findings=files_with, n=len(paths))
    h = ['<!DOCTYPE html>', f'<html lang="{"zh-CN" if i18n.language() == "zh" else "en"}">', '<head>',
         '<meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f'<title>{title}</title>', f'<style>{CSS}</style>', '</head>', '<body>',
         f'<header class="top"><h1>{title}</h1>',
         f'<p>{html.escape(counted)}{" · speechlint " + html.escape(version) if version else ""}</p>',
         '</header>', '<main>']

    # filter
    h.append(f'<div class="panel"><strong>{html.escape(_("Show families"))}</strong><div class="filters">')
    for f in families:
        h.append(f'<label><input type="checkbox" value="{f}" checked> <span class="swatch" '
                 f'style="background:{COLOURS.get(f, COLOURS["9"])}"></span>{html.escape(_family_label(f))} '
                 f'({fam_count.get(f, 0)})</label>')
    h.append(f'<button type="button" data-all="1">{html.escape(_("all"))}</button>'
             f'<button type="button" data-all="0">{html.escape(_("none"))}</button>')
    h.append('</div></div>')

    # summaries
    h.append('<div class="summary">')
    h.append(f'<div class="panel"><h2>{html.escape(_("Per family"))}</h2><table><thead><tr>'
             f'<th>{html.escape(_("Family"))}</th><th>{html.escape(_("Codes"))}</th>'
             f'<th class="n">{html.escape(_("Findings"))}</th></tr></thead><tbody>')
    for f in families:
        codes = ", ".join(f'{c} {html.escape(names[c])} ({code_count[c]})'
                          for c in sorted(code_count) if _family(c) == f)
        h.append(f'<tr><td><span class="swatch" style="background:{COLOURS.get(f, COLOURS["9"])}">'
                 f'</span>{html.escape(_family_label(f))}</td><td>{codes or "—"}</td>'
                 f'<td class="n">{fam_count.get(f, 0)}</td></tr>')
    h.append(f'<tr><th>{html.escape(_("Total"))}</th><td></td><th class="n">{len(diags)}</th></tr>'
             f'</tbody></table></div>')
    h.append(f'<div class="panel"><h2>{html.escape(_("Per file"))}</h2><table><thead><tr>'
             f'<th>{html.escape(_("File"))}</th>')
    shown = [f for f in families if fam_count.get(f)]
    for f in shown:
        h.append(f'<th class="n" title="{html.escape(_family_label(f))}">SL{f}</th>')
    h.append(f'<th class="n">{html.escape(_("Total"))}</th></tr></thead><tbody>')
    for p in paths:
        counts = Counter(_family(d.code) for d in by_path.get(p, ()))
        cells = "".join(f'<td class="n">{counts.get(f, "") or ""}</td>' for f in shown)
        total = sum(counts.values())
        h.append(f'<tr><td><a href="#{anchors[p]}">{html.escape(p)}</a></td>{cells}'
                 f'<td class="n">{total if total else "<span class=clean>" + html.escape(_("clean")) + "</span>"}</td></tr>')
    h.append('</tbody></table></div></div>')

    # documents
    h.append(f'<h2>{html.escape(_("Documents"))}</h2>')
    for p in paths:
        found = sorted(by_path.get(p, ()), key=lambda d: d.sort_key())
        doc = doc_of.get(p)
        count = (html.escape(_findings(len(found))) if found
                 else f'<span class="clean">{html.escape(_("no findings"))}</span>')
        h.append(f'<details class="doc" id="{anchors[p]}"{" open" if found else ""}>'
                 f'<summary>{html.escape(p)}<span class="count">{count}</span></summary>')
        if doc is not None:
            per_line: Dict[int, List[Diagnostic]] = defaultdict(list)
            for d in found:
                per_line[d.line].append(d)
            where = getattr(doc, "where", ())
            h.append('<ol class="text">')
            for no, line in enumerate(doc.lines, 1):
                title = f' title="{html.escape(where[no - 1])}"' if no <= len(where) else ""
                h.append(f'<li id="{anchors[p]}-L{no}"><span class="no"{title}>{no}</span>'
                         f'<span class="ln">{_segments(line, per_line.get(no, ()))}</span></li>')
            h.append('</ol>')
        if found:
            h.append('<table class="findings"><tbody>')
            for d in found:
                f = _family(d.code)
                h.append(f'<tr data-fam="{f}"><td><a href="#{anchors[p]}-L{d.line}">{d.line}:{d.column}</a></td>'
                         f'<td><code class="code" style="background:{COLOURS.get(f, COLOURS["9"])}">{d.code}</code> '
                         f'{html.escape(names.get(d.code, d.name))}</td><td>{html.escape(d.message)}</td></tr>')
            h.append('</tbody></table>')
        h.append('</details>')
    h.append(f'<footer>{html.escape(_("Made by speechlint. Hover over a highlight for its code and message; the numbers on the left are lines (paragraphs in a .docx)."))}</footer>')
    h.append('</main>')
    h.append(f'<script>var COLOURS = {json.dumps(COLOURS)};{SCRIPT}</script>')
    h.append('</body></html>')
    return "\n".join(h)
