#!/usr/bin/env bash
# Make the HTML report of a sample run and take a screenshot of it in headless Chromium:
# docs/report.png (checked in, so that the README shows what the report looks like).
#
#     bash scripts/report_screenshot.sh [OUTPUT.png]
#
# Needs speechlint installed (the repository's .venv, or speechlint on PATH), and Chromium and
# a CJK font, from Debian's packages:
#
#     apt-get update && apt-get install -y chromium fonts-noto-cjk
#
# The sample is the seed speech as .txt, as .md (with a code block and inline code that are not
# reported) and as .docx (made with python-docx, its advert in the page header), plus a clean file.
# Chromium runs offline (no first-run, sync, component updates or background networking): the
# report itself loads nothing from the network.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
OUT="${1:-$ROOT/docs/report.png}"
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY="$(command -v python3)"
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$CHROMIUM" ]; then
    echo "report_screenshot: no chromium on PATH (apt-get install -y chromium fonts-noto-cjk)" >&2
    exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/sample" "$WORK/profile"
"$PY" "$ROOT/scripts/make_samples.py" "$WORK/sample"

(cd "$WORK/sample" && "$PY" -m speechlint report --output-file "$WORK/report.html" .) || true
test -s "$WORK/report.html"

"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --hide-scrollbars \
    --user-data-dir="$WORK/profile" --window-size=1280,1500 --screenshot="$OUT" \
    "file://$WORK/report.html" 2>"$WORK/chromium.log" || { cat "$WORK/chromium.log" >&2; exit 1; }
test -s "$OUT"
echo "report_screenshot: wrote $OUT"
