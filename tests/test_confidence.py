"""The typo detectors' confidence: it sets the severity and can be used as a threshold."""
from __future__ import annotations

import json
import subprocess
import sys

# each with one slip; the detectors are surer of some corrections than of others
SENTENCES = "要有卧薪偿胆的精神。\n提高行政效率和服务质凉。\n干部要坚持不谢地推进工作。\n"


def run(tmp_path, *args):
    (tmp_path / "a.txt").write_text(SENTENCES, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "speechlint", "--isolated", "--format", "json",
                           "--select", "SL402,SL403", *args, "a.txt"],
                          cwd=tmp_path, capture_output=True, text=True)


def test_detector_findings_carry_a_confidence_that_sets_their_severity(tmp_path):
    found = json.loads(run(tmp_path).stdout)
    assert {d["line"] for d in found} == {1, 2, 3}
    severities = {d["severity"] for d in found}
    assert severities == {"warning", "info"}  # the rules say warning; the less sure become info


def test_min_confidence_keeps_only_the_surer_findings(tmp_path):
    everything = json.loads(run(tmp_path).stdout)
    sure = json.loads(run(tmp_path, "--min-confidence", "0.75").stdout)
    assert sure == [d for d in everything if d["severity"] == "warning"]
    assert len(sure) < len(everything)
    assert json.loads(run(tmp_path, "--min-confidence", "0").stdout) == everything


def test_min_confidence_from_config_and_its_range(tmp_path):
    (tmp_path / "speechlint.toml").write_text("min-confidence = 1.5\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SENTENCES, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "speechlint", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "min-confidence" in proc.stderr and "speechlint.toml" in proc.stderr
