#!/usr/bin/env bash
# Render the sample's bulletin with the real programs people will open it with:
# LibreOffice converts the DOCX to PDF (then PNG pages), headless Chromium screenshots
# the HTML. Installs both from Debian's packages when missing (needs root and apt).
# Output: build/render-check/ (PDF, PNG pages, screenshot); the first page is copied to
# docs/bulletin-page1.png and the HTML screenshots to docs/bulletin-{html,phone}.png.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=build/render-check
MONTH=${MONTH:-2026-10}
DATE=${DATE:-2026-11-05}


rm -rf "$OUT" && mkdir -p "$OUT"
"$BIN/xjj" --data data bulletin --month "$MONTH" --date "$DATE" --out "$OUT" --force >/dev/null
docx=$(ls "$OUT"/*.docx) html=$(ls "$OUT"/*.html)

profile=$(mktemp -d)
soffice --headless -env:UserInstallation="file://$profile" --convert-to pdf --outdir "$OUT" "$docx" >/dev/null
pdf="${docx%.docx}.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 80 "$pdf" "$OUT/page"
echo "DOCX → PDF: $pdf（$pages 页）"
pdftotext "$pdf" "$OUT/bulletin.txt"
laid_out=$(tr -d ' \n' < "$OUT/bulletin.txt")
for expected in "全区新基建工作推进情况的通报" "新基建指挥部办公室"; do
  [[ $laid_out == *"$expected"* ]] || { echo "LibreOffice 排版结果中缺少“$expected”" >&2; exit 1; }
done

"$BIN/python" scripts/html-screenshots.py "$html" "$OUT"

first=$(ls "$OUT"/page-*.png | head -1)
cp "$first" docs/bulletin-page1.png
cp "$OUT/html.png" docs/bulletin-html.png
cp "$OUT/html-phone.png" docs/bulletin-phone.png
echo "已更新 docs/bulletin-page1.png、docs/bulletin-html.png 和 docs/bulletin-phone.png"
