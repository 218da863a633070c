"""Screenshots of the HTML bulletin as a reader sees it: a desk (1000 px) and a phone (390 px).

Usage: html-screenshots.py PAGE.html OUT_DIR — writes OUT_DIR/html.png (the desk, the first
2400 px) and OUT_DIR/html-phone.png (the phone, the whole page), and prints the page's width at
each. Headless Chromium will not open a window narrower than 500 px from its command line, so
the page is driven with Playwright (tests/realapps.py), as the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from realapps import browser  # noqa: E402


def main(page_file: Path, out: Path) -> None:
    for width, height, name, full in (
        (1000, 2400, "html.png", False),
        (390, 844, "html-phone.png", True),
    ):
        with browser(width=width, height=height) as page:
            page.goto(page_file.resolve().as_uri())
            wide = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(out / name), full_page=full)
        print(f"HTML {width} px 宽窗口：页面宽 {wide} px → {out / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
