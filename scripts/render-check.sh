#!/usr/bin/env bash
# Render the sample's documents with the real programs people will open them with:
# LibreOffice converts each DOCX to PDF (then PNG pages), headless Chromium screenshots the
# HTML. Documents: the month's bulletin, and — when `xjj notices` exists — one 约谈 notice and
# one 问责 letter. Each PDF is checked as GB/T 9704 lays it out: the first page opens with the
# 发文机关标志 (or the title, or the 信函格式's office name), a page holds 22 lines of text at
# most, and the 版记 sits at the foot of the last page: on the text's last page when there is
# room, alone on the next page only when there is not, never after a blank page (a document
# with annexes, printed on both sides: alone on an even last page, 封四); a 函 in the
# 信函格式 has no 印发 line and no page number on its first page.
# Output: build/render-check/ (PDFs, PNG pages, screenshot); every bulletin page is copied to
# docs/bulletin-page-N.png, a town and an owner form's data sheet to docs/form-town.png and
# docs/form-owner.png, the notices' pages to docs/notice-*.png and the HTML screenshots
# (desk and phone width) to docs/bulletin-html.png and docs/bulletin-phone.png.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=build/render-check
MONTH=${MONTH:-2026-10}
DATE=${DATE:-2026-11-05}

rm -rf "$OUT" && mkdir -p "$OUT"
"$BIN/xjj" --data data bulletin --month "$MONTH" --date "$DATE" --out "$OUT" --force >/dev/null
docx=$(ls "$OUT"/*.docx) html=$(ls "$OUT"/*.html)

# LibreOffice's PDF export skips the blank pages it inserts itself (before a section that starts
# on an even page); a printer prints them, so the PDF keeps them.
PDF_EXPORT='pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'

to_pdf() {  # DOCX → PDF in the DOCX's folder, with a fresh LibreOffice profile
  local profile
  profile=$(mktemp -d)
  soffice --headless -env:UserInstallation="file://$profile" --convert-to "$PDF_EXPORT" \
    --outdir "$(dirname "$1")" "$1" >/dev/null
  rm -rf "$profile"
}

check() {  # check PDF NAME: the laid-out pages keep the official document's form
  "$BIN/python" - "$1" "$2" <<'PY'
import re, subprocess, sys
pdf, name = sys.argv[1], sys.argv[2]
top, bottom = 37 * 72 / 25.4, (297 - 35) * 72 / 25.4
xhtml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                       capture_output=True, text=True).stdout
pages = []
for page in re.findall(r"<page .*?</page>", xhtml, re.S):
    lines = []
    for y0, y1, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                   r'yMax="([\d.]+)">(.*?)</line>', page, re.S):
        lines.append((float(y0), float(y1) - float(y0), "".join(re.findall(r">([^<]*)</word>", body))))
    pages.append(sorted(lines))
texts = ["".join(t for _, _, t in p) for p in pages]
problems = []
first = pages[0][0][2] if pages and pages[0] else ""
name_office = "任城区新基建指挥部办公室"  # the 信函格式's head: the office's full name
if not (first.endswith("文件") or first.startswith("关于") or first == name_office):
    problems.append(f"第1页不是以发文机关标志或标题开头：{first}")
for n, page in enumerate(pages, 1):
    count = len({round(y) for y, h, _ in page if h >= 18 and top - 2 <= y < bottom})
    if count > 22:
        problems.append(f"第{n}页有{count}行正文（应不超过22行）")
annexed = any(p and p[0][2].startswith("附件") and p[0][2][2:].isdigit() for p in pages)
if any("抄送" in t for t in texts) and annexed:  # printed on both sides: 版记 alone on 封四
    if len(pages) % 2:
        problems.append(f"共{len(pages)}页，版记页应为偶数页")
    if "抄送" not in texts[-1] or any("抄送" in t for t in texts[:-1]):
        problems.append("版记不在最后一页，或不止出现在最后一页")
    elif not texts[-1].startswith("抄送") or "—" in texts[-1]:
        problems.append("版记页应只有版记，不编页码")
    end = max((n for n, t in enumerate(texts[:-1], 1) if t), default=0)
    if len(pages) != (end + 2 if end % 2 == 0 else end + 1) or any(texts[end:-1]):
        problems.append(f"正文止于第{end}页，其后的空白页不对")
elif any("抄送" in t for t in texts):  # the 版记: at the foot of the last page, no blank page
    if any(not t for t in texts):
        problems.append("有空白页")
    if "抄送" not in texts[-1] or any("抄送" in t for t in texts[:-1]):
        problems.append("版记不在最后一页，或不止出现在最后一页")
    else:
        start = next(y for y, _, t in pages[-1] if t.startswith("抄送"))
        last = max(y + h for y, h, _ in pages[-1] if top - 2 <= y < bottom)
        if last < bottom - 30:
            problems.append("版记不在最后一页的版心下端")
        body = [y + h for y, h, _ in pages[-1] if top - 2 <= y < start]
        if not body and len(pages) > 1:  # alone on its page: only when the page before is full
            end = max((y + h for y, h, _ in pages[-2] if top - 2 <= y < bottom), default=0)
            if end < start - 4:
                problems.append("上一页有空位，版记却单独占一页")
if first == name_office and any("印发" in t for t in texts):
    problems.append("信函格式的版记不应有印发机关和印发日期")
if first == name_office and any(t.startswith("—") for _, _, t in pages[0]):
    problems.append("信函格式首页不应显示页码")
for problem in problems:
    print(f"{name}：{problem}", file=sys.stderr)
print(f"{name}：{len(pages)} 页" + ("" if problems else "，版式检查通过"))
sys.exit(1 if problems else 0)
PY
}

pdf="${docx%.docx}.pdf"
[[ -e $pdf ]] || to_pdf "$docx"  # xjj made it with its font mapping when LibreOffice is here
check "$pdf" "通报"
pdftoppm -png -r 60 "$pdf" "$OUT/page"
laid_out=$(pdftotext "$pdf" - | tr -d ' \n')
for expected in "全区新基建工作推进情况的通报" "新基建指挥部办公室"; do
  [[ $laid_out == *"$expected"* ]] || { echo "LibreOffice 排版结果中缺少“$expected”" >&2; exit 1; }
done

if "$BIN/xjj" notices --help >/dev/null 2>&1; then
  mkdir -p "$OUT/notices"
  "$BIN/xjj" --data data notices --month "$MONTH" --date "$DATE" --out "$OUT/notices" --force >/dev/null
  for kind in 约谈的通知 问责的函; do
    found=""
    for notice in "$OUT"/notices/*.docx; do
      to_pdf "$notice"
      if pdftotext "${notice%.docx}.pdf" - | tr -d ' \n' | grep -q "$kind"; then
        found="${notice%.docx}.pdf"
        break
      fi
    done
    [[ -n $found ]] || { echo "没有生成“$kind”" >&2; exit 1; }
    check "$found" "$kind"
    pdftoppm -png -r 60 "$found" "$OUT/notice-$kind"
  done
fi

if "$BIN/xjj" forms --help >/dev/null 2>&1; then  # a town form and an owner form (SPEC §8)
  FORMS_MONTH=${FORMS_MONTH:-2026-11}
  mkdir -p "$OUT/forms"
  "$BIN/xjj" --data data forms --month "$FORMS_MONTH" --out "$OUT/forms" --force >/dev/null 2>&1
  for pair in "town:$FORMS_MONTH-李营街道-月度数据" "owner:$FORMS_MONTH-区供电公司-项目进度"; do
    kind=${pair%%:*} stem=${pair#*:}
    profile=$(mktemp -d)
    soffice --headless -env:UserInstallation="file://$profile" --convert-to pdf \
      --outdir "$OUT/forms" "$OUT/forms/$stem.xlsx" >/dev/null
    rm -rf "$profile"
    pdftotext "$OUT/forms/$stem.pdf" - | tr -d ' \n' | grep -q "请填写" \
      || { echo "LibreOffice 打开填报表 $stem.xlsx 后没有“请填写”列" >&2; exit 1; }
    # page 2 is the data sheet; the picture is its top part, where the rows are
    pdftoppm -png -r 100 -f 2 -l 2 -singlefile -x 0 -y 40 -W 1170 -H 300 \
      "$OUT/forms/$stem.pdf" "$OUT/form-$kind"
  done
fi

"$BIN/python" scripts/html-screenshots.py "$html" "$OUT"
"$BIN/xjj" --data data board --month "$MONTH" --out "$OUT/board.html" --force >/dev/null
"$BIN/python" scripts/html-screenshots.py --board "$OUT/board.html" "$OUT"
pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$OUT/board-a3.pdf" "$OUT/board-a3"

rm -f docs/bulletin-page*.png
n=0
for page in "$OUT"/page-*.png; do
  n=$((n + 1))
  cp "$page" "docs/bulletin-page-$n.png"
done
cp "$OUT/html.png" docs/bulletin-html.png
cp "$OUT/html-phone.png" docs/bulletin-phone.png
rm -f docs/notice-*.png
for kind in 约谈的通知 问责的函; do
  for page in "$OUT"/notice-"$kind"-*.png; do
    [[ -e $page ]] && cp "$page" "docs/$(basename "$page")"
  done
done
for name in board board-phone board-a3; do cp "$OUT/$name.png" "docs/$name.png"; done
for kind in town owner; do
  [[ -e "$OUT/form-$kind.png" ]] && cp "$OUT/form-$kind.png" "docs/form-$kind.png"
done
echo "已更新 docs/form-town.png、docs/form-owner.png、docs/bulletin-page-1.png … docs/bulletin-page-$n.png、docs/notice-*.png、docs/bulletin-html.png、docs/bulletin-phone.png 和 docs/board*.png"
