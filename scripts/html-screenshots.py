"""Screenshots of the HTML bulletin and the board as a reader sees them.

Usage: html-screenshots.py PAGE.html OUT_DIR — writes OUT_DIR/html.png (the desk, the first
2400 px) and OUT_DIR/html-phone.png (the phone, the whole page), and prints the page's width at
each. html-screenshots.py --board BOARD.html OUT_DIR — writes OUT_DIR/board.png (a 1920×1080
screen), OUT_DIR/board-phone.png (a phone, the first three screens) and OUT_DIR/board-a3.pdf
(printed on A3 landscape; render-check turns its first page into board-a3.png). Headless
Chromium will not open a window narrower than 500 px from its command line, so the page is
driven with Playwright (tests/realapps.py), as the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from realapps import browser  # noqa: E402

BULLETIN = ((1000, 2400, "html.png", False), (390, 844, "html-phone.png", True))
BOARD = ((1920, 1080, "board.png", False), (390, 2532, "board-phone.png", False))


def main(page_file: Path, out: Path, shots: tuple[tuple[int, int, str, bool], ...]) -> None:
    for width, height, name, full in shots:
        with browser(width=width, height=height) as page:
            page.goto(page_file.resolve().as_uri())
            wide = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(out / name), full_page=full)
        print(f"HTML {width} px 宽窗口：页面宽 {wide} px → {out / name}")


def print_a3(page_file: Path, pdf: Path) -> None:
    """The page printed on A3 landscape, as a wall chart."""
    with browser(width=1920, height=1080) as page:
        page.goto(page_file.resolve().as_uri())
        page.pdf(path=str(pdf), format="A3", landscape=True, print_background=True)
    print(f"A3 横向打印 → {pdf}")


if __name__ == "__main__":
    if sys.argv[1] == "--board":
        board, folder = Path(sys.argv[2]), Path(sys.argv[3])
        main(board, folder, BOARD)
        print_a3(board, folder / "board-a3.pdf")
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]), BULLETIN)
