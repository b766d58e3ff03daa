"""The HTML report (`speechlint report`, `--format html`): one self-contained page per run.

The last test opens the page in headless Chromium and takes a screenshot; it is skipped where
Chromium is not installed (CI does not need it). scripts/report_screenshot.sh makes the
screenshot checked in as docs/report.png.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "scripts"))
import make_samples  # noqa: E402


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    make_samples.main([str(folder)])
    proc = run_cli(["report"], folder)
    assert proc.returncode == 1, proc.stderr  # the seed has findings
    assert proc.stdout == ""
    assert "wrote speechlint-report.html" in proc.stderr
    page = (folder / "speechlint-report.html").read_text(encoding="utf-8")
    findings = json.loads(run_cli(["--format", "json", "."], folder).stdout)
    return folder, page, findings


def test_every_finding_is_highlighted_with_its_code_and_message(report):
    _, page, findings = report
    tips = [html.unescape(t) for t in re.findall(r'data-tip="([^"]*)"', page)]
    for d in findings:
        assert any(f"{d['code']} {d['message']}" in t.split("\n") for t in tips), d
    # and each is listed under its document, with its line and column
    for d in findings:
        assert f">{d['line']}:{d['column']}</a>" in page


def test_highlight_is_in_place(report):
    _, page, _ = report
    # the duplicated 落实 of line 27 of the seed: the mark holds exactly the reported characters
    mark = re.search(r'<mark class="hl on" data-fam="1"[^>]*data-tip="SL101 “落实” is written twice[^"]*">([^<]*)</mark>', page)
    assert mark and mark.group(1) == "落实"


def test_summary_per_family_and_per_file_and_family_filter(report):
    folder, page, findings = report
    assert "<h2>Per family</h2>" in page and "<h2>Per file</h2>" in page
    for name in ("seed.txt", "seed.md", "seed.docx", "clean.txt"):
        assert f">{name}</a>" in page
    families = sorted({d["code"][2] for d in findings})
    for f in families:
        assert f'<input type="checkbox" value="{f}" checked>' in page
    assert f"<p>{len(findings)} findings in 3 of 4 files" in page


def test_page_is_self_contained(report):
    _, page, _ = report
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from anywhere: no external scripts, styles, images, fonts or frames
    assert not re.search(r"<(?:link|img|iframe|object|embed|video|audio|source)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"@import|url\(", page, re.I)
    assert not re.search(r'(?:src|href)="(?!#)', page)


def test_format_html_writes_the_page_to_stdout(tmp_path):
    (tmp_path / "a.txt").write_text("要精心布署，于×月完成。\n", encoding="utf-8")
    proc = run_cli(["--format", "html", "--select", "SL3,SL4", "a.txt"], tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("<!DOCTYPE html>") and "SL401" in proc.stdout and "SL301" in proc.stdout
    proc = run_cli(["report", "-o", "-", "--select", "SL3,SL4", "a.txt"], tmp_path)
    assert proc.stdout.startswith("<!DOCTYPE html>") and not (tmp_path / "speechlint-report.html").exists()


def test_overlapping_findings_split_the_text():
    from speechlint.diagnostics import Diagnostic
    from speechlint.report import _segments

    a = Diagnostic("a.txt", 1, 2, 1, 4, "SL101", "x", "first", "error")
    b = Diagnostic("a.txt", 1, 3, 1, 5, "SL301", "y", "second", "error")
    out = _segments("甲乙丙丁戊己", [a, b])
    text = re.sub(r"<[^>]+>", "", out)
    assert text == "甲乙丙丁戊己"
    assert re.findall(r'data-fam="([^"]*)"', out) == ["1", "1 3", "3"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_renders_in_headless_chromium(report, tmp_path):
    folder, _, _ = report
    shot = tmp_path / "report.png"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,900",
         (folder / "speechlint-report.html").as_uri()],
        capture_output=True, timeout=120)
    assert shot.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    # the script ran (it marks the body when it has set up the filter) and the highlights are on
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", (folder / "speechlint-report.html").as_uri()],
        capture_output=True, timeout=120).stdout.decode("utf-8")
    assert 'data-ready="1"' in dom and 'class="hl on"' in dom
