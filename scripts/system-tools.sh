#!/usr/bin/env bash
# The real programs the tests open xjj's outputs with: LibreOffice (DOCX → PDF, the way a
# clerk's WPS/Word/LibreOffice lays the page out), headless Chromium (the HTML at a phone's and
# a screen's width), poppler (PDF → text and PNG) and Chinese fonts (fonts-arphic-ukai: the Kai
# face `xjj bulletin --format pdf` sets 楷体_GB2312 in). Installed from Debian's
# packages when missing (needs root and apt-get, as on CI); `make test` and `make render-check`
# call this first. Without root or apt-get it only warns, except on CI (CI set), where it fails.
set -euo pipefail
need() { command -v "$1" >/dev/null 2>&1; }
calc() { [[ -e /usr/lib/libreoffice/program/libscalo.so ]] || dpkg -s libreoffice-calc-nogui >/dev/null 2>&1; }
# fc-list's output is read whole: `fc-list | grep -q` under pipefail fails now and then (grep
# quits at the first match, fc-list dies of SIGPIPE) and every run then reinstalled the packages
fonts() {
  local zh all
  zh=$(fc-list :lang=zh 2>/dev/null) && all=$(fc-list 2>/dev/null) || return 1
  [[ -n $zh && $all == *"AR PL UKai CN"* ]]
}
if need soffice && need chromium && need pdftoppm && need pdftotext && calc && fonts; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! need apt-get; then
  echo "测试需要 LibreOffice、Chromium、poppler-utils 和中文字体，本机缺少且无法自动安装（需要 root 和 apt-get）。" >&2
  echo "请安装：libreoffice-writer-nogui libreoffice-calc-nogui chromium fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-ukai poppler-utils" >&2
  # CI must open every output in the real programs; elsewhere the tests that need a missing
  # program are not run, and the test run ends by naming them (tests/needs.py).
  if [[ -n "${CI:-}" ]]; then exit 1; fi
  echo "用到这些程序的测试本次不运行，测试结束时列出。" >&2
  exit 0
fi
echo "安装 LibreOffice、Chromium、中文字体和 poppler-utils（Debian 软件包）……" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui libreoffice-calc-nogui chromium fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-ukai poppler-utils fontconfig >/dev/null
