"""The district map against its allow-list, and the pages' Content-Security-Policy (issue 22,
finding 1: script from the data ran in the board).

A map passes only with SVG elements and attributes that draw; everything else is refused by
``validate`` at its place (an element at its tag, an attribute at its name), and the board's
copy of the map (``coloured_map``) never holds it, whatever validate said. The board and the
bulletin name the hashes of their own script and stylesheet and nothing else. What Chromium
does with such pages is in tests/documents/test_board_csp_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE, copy_sample
from xjj_cli.cli import app
from xjj_cli.diagnostics import Problem
from xjj_cli.load import svgmap
from xjj_cli.load.svgmap import SVG_NS, XLINK_NS, Shade, coloured_map, scan_map
from xjj_cli.validate import validate_repository

MAP = "data/map/towns.svg"
HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 30 10">'
)
SHAPES = (
    '  <path data-town="ly" d="M0 0h10v10z"/><path data-town="eslp" d="M10 0h10v10z"/>'
    '<path data-town="cg" d="M20 0h10v10z"/>'
)

# Each hostile third line of a map: where each refusal must be reported (the text it starts
# with on that line) and what its message must name.
HOSTILE: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "p-breaks-out-then-iframe-srcdoc": (
        '  <p/><iframe srcdoc="&lt;script&gt;parent.document.title=1&lt;/script&gt;"/>',
        [("<p/>", "<p>"), ("<iframe", "<iframe>")],
    ),
    "iframe-srcdoc-in-title": (
        '  <path d="M0 0h1v1z"><title><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">'
        "</iframe></title></path>",
        [("<iframe", "<iframe>")],
    ),
    "meta-refresh": (
        '  <meta http-equiv="refresh" content="0;url=http://example.com/"/>',
        [("<meta", "<meta>")],
    ),
    "form-action": (
        '  <form action="http://example.com/"><rect width="5" height="5"/></form>',
        [("<form", "<form>")],
    ),
    "unknown-element": ("  <blink>x</blink>", [("<blink", "<blink>")]),
    "html-namespace": (
        '  <h:div xmlns:h="http://www.w3.org/1999/xhtml">x</h:div>',
        [("<h:div", "<h:div>")],
    ),
    "element-in-title": (
        '  <g><title>乡镇<rect width="1" height="1"/></title></g>',
        [("<rect", "<rect>")],
    ),
    "style-element": ("  <style>rect { fill: red }</style>", [("<style", "<style>")]),
    "animation": (
        '  <rect width="5" height="5"><set attributeName="fill" to="red"/></rect>',
        [("<set", "<set>")],
    ),
    "image": ('  <image href="#x" width="5" height="5"/>', [("<image", "<image>")]),
    "unknown-attribute": (
        '  <rect width="5" height="5" autofocus="autofocus"/>',
        [("autofocus=", 'autofocus="autofocus"')],
    ),
    "event-handler": (
        '  <rect width="5" height="5" onmouseover="alert(1)"/>',
        [("onmouseover=", "onmouseover=")],
    ),
    "javascript-href": (
        '  <a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
        [("href=", 'href="javascript:alert(1)"')],
    ),
    "data-href": (
        '  <use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>',
        [("xlink:href=", 'xlink:href="data:image/svg+xml')],
    ),
    "css-url-in-style": (
        '  <rect width="5" height="5" style="fill:url(http://example.com/f.svg#g)"/>',
        [("style=", "url(http://example.com/f.svg#g)")],
    ),
    "css-url-in-attribute": (
        '  <rect width="5" height="5" fill="url(\'https://example.com/x\')"/>',
        [("fill=", "url('https://example.com/x')")],
    ),
    "escaped-url": (
        '  <rect width="5" height="5" style="fill:u\\72l(http://example.com/)"/>',
        [("style=", "u\\72l")],
    ),
    "css-function": (
        '  <rect width="5" height="5" fill="expression(alert(1))"/>',
        [("fill=", "expression(")],
    ),
    "style-property": (
        '  <rect width="5" height="5" style="fill:red;position:fixed"/>',
        [("style=", "position:fixed")],
    ),
}


def write_map(data: Path, third_line: str) -> None:
    (data / "map").mkdir(exist_ok=True)
    (data / "map" / "towns.svg").write_text(
        "\n".join([HEAD, SHAPES, third_line, "</svg>", ""]), encoding="utf-8"
    )


def map_errors(data: Path) -> list[Problem]:
    repo = validate_repository(data)
    assert repo.log.warnings == [], [p.message for p in repo.log.warnings]
    return repo.log.errors


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_validate_refuses_each_hostile_map_at_its_place(base_data: Path, case: str) -> None:
    line, expected = HOSTILE[case]
    write_map(base_data, line)
    errors = map_errors(base_data)
    assert [(e.location.file, e.code) for e in errors] == [(MAP, "map.unsafe")] * len(expected)
    for error, (starts, named) in zip(errors, expected, strict=True):
        assert (error.location.line, error.location.column) == (3, line.index(starts) + 1)
        assert named in error.message, error.message
        assert "docs/data-format.md" in error.message


def test_an_attribute_on_a_later_line_of_its_tag_is_reported_on_that_line(
    base_data: Path,
) -> None:
    write_map(base_data, '  <rect\n     width="5"\n       onclick="alert(1)"\n     height="5"/>')
    (error,) = map_errors(base_data)
    assert (error.location.line, error.location.column) == (5, 8)


@pytest.mark.parametrize(
    ("attribute", "named"),
    [('transform="scale(40)"', 'transform="scale(40)"'), ('style="overflow:visible"', "overflow")],
)
def test_the_outermost_svg_may_not_reach_over_the_page(
    base_data: Path, attribute: str, named: str
) -> None:
    (base_data / "map").mkdir(exist_ok=True)
    (base_data / "map" / "towns.svg").write_text(
        HEAD.replace('viewBox="0 0 30 10"', attribute) + SHAPES + "</svg>", encoding="utf-8"
    )
    (error,) = map_errors(base_data)
    assert (error.location.line, error.location.column) == (1, HEAD.index("viewBox") + 1)
    assert named in error.message


def test_the_sample_map_passes_with_no_finding() -> None:
    scan = scan_map((SAMPLE / "map" / "towns.svg").read_bytes())
    assert scan.findings == []
    assert len(scan.towns) == 16


INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   width="700"
   height="600"
   viewBox="0 0 700 600"
   version="1.1"
   id="svg1"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)"
   sodipodi:docname="towns.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview1"
     pagecolor="#ffffff"
     bordercolor="#000000"
     inkscape:zoom="0.5"
     inkscape:current-layer="layer1"><inkscape:page x="0" y="0" width="700" height="600"
       id="page1" /></sodipodi:namedview>
  <defs
     id="defs1">
    <linearGradient
       id="linearGradient2"
       inkscape:collect="always">
      <stop
         style="stop-color:#e8e8e8;stop-opacity:1;"
         offset="0"
         id="stop1" />
      <stop
         style="stop-color:#ffffff;stop-opacity:0;"
         offset="1"
         id="stop2" />
    </linearGradient>
    <linearGradient
       xlink:href="#linearGradient2"
       id="linearGradient3"
       x1="0" y1="0" x2="700" y2="600"
       gradientUnits="userSpaceOnUse" />
    <clipPath clipPathUnits="userSpaceOnUse" id="clip1">
      <rect x="0" y="0" width="700" height="600" id="rect1" />
    </clipPath>
    <filter style="color-interpolation-filters:sRGB" id="filter1" x="-0.1" y="-0.1"
       width="1.2" height="1.2">
      <feGaussianBlur stdDeviation="2" id="feGaussianBlur1" />
    </filter>
  </defs>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:title>某区</dc:title>
  </cc:Work></rdf:RDF></metadata>
  <g
     inkscape:label="图层 1"
     inkscape:groupmode="layer"
     id="layer1"
     transform="matrix(1,0,0,1,-12.5,3)"
     clip-path="url(#clip1)">
    <path
       style="fill:url(#linearGradient3);fill-opacity:1;stroke:#ffffff;stroke-width:3;stroke-linejoin:round;stroke-dasharray:none;paint-order:markers stroke fill;filter:url(#filter1)"
       d="m 60,40 190,-20 170,25 -80,200 z"
       id="path1"
       class="town"
       data-town="ly"
       sodipodi:nodetypes="cccc" />
    <path
       style="color:#000000;clip-rule:nonzero;display:inline;overflow:visible;visibility:visible;opacity:1;isolation:auto;mix-blend-mode:normal;color-interpolation:sRGB;color-interpolation-filters:linearRGB;solid-color:#000000;solid-opacity:1;fill:#e8e8e8;fill-opacity:1;fill-rule:nonzero;stroke:#ffffff;stroke-width:3;stroke-linecap:butt;stroke-linejoin:round;stroke-miterlimit:4;stroke-dasharray:none;stroke-dashoffset:0;stroke-opacity:1;marker:none;color-rendering:auto;image-rendering:auto;shape-rendering:auto;text-rendering:auto;enable-background:accumulate"
       d="M 250,20 420,45 340,180 Z"
       id="path2" />
    <text
       xml:space="preserve"
       style="font-style:normal;font-weight:normal;font-size:13.3333px;line-height:1.25;font-family:'Noto Sans CJK SC';-inkscape-font-specification:'Noto Sans CJK SC';text-align:center;text-anchor:middle;fill:#111111"
       x="130"
       y="162"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="130"
         y="162">李营街道</tspan></text>
  </g>
</svg>
"""

ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="图层_1" xmlns="http://www.w3.org/2000/svg"
\txmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" viewBox="0 0 700 600"
\tstyle="enable-background:new 0 0 700 600;" xml:space="preserve">
<g>
\t<polygon data-town="ly" fill="#E8E8E8" stroke="#FFFFFF" stroke-width="3" stroke-miterlimit="10" points="60,40 250,20 420,45"/>
\t<text transform="matrix(1 0 0 1 130 162)" font-family="'MicrosoftYaHei'" font-size="13px">李营街道</text>
</g>
</svg>
"""

QGIS = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="700mm" height="600mm" viewBox="0 0 2480 2126" xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink" version="1.2" baseProfile="tiny">
<title>某区镇街</title>
<desc>Generated with Qt</desc>
<defs>
</defs>
<g fill="none" stroke="black" stroke-width="1" fill-rule="evenodd" stroke-linecap="square"
 stroke-linejoin="bevel" >
<g fill="#e8e8e8" fill-opacity="1" stroke="#ffffff" stroke-opacity="1" stroke-width="3"
 stroke-linecap="square" stroke-linejoin="bevel" transform="matrix(1,0,0,1,0,0)"
 font-family="Noto Sans CJK SC" font-size="9" font-weight="400" font-style="normal" >
<path vector-effect="none" fill-rule="evenodd" data-town="ly" d="M60,40 L250,20 L420,45 Z"/>
<polyline fill="none" vector-effect="non-scaling-stroke" points="0,0 10,10 20,0" />
</g>
</g>
</svg>
"""


@pytest.mark.parametrize("svg", [INKSCAPE, ILLUSTRATOR, QGIS], ids=["inkscape", "ai", "qgis"])
def test_maps_as_drawing_programs_save_them_pass(svg: str) -> None:
    scan = scan_map(svg.encode("utf-8"))
    assert scan.findings == []
    assert [t.what for t in scan.towns] == ["ly"]


class Tags(HTMLParser):
    """Every start tag and attribute an HTML tokenizer sees in a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


RED = {"ly": Shade("#C00000", "李营街道：红色")}


def embedded(svg: str, ids: str = "map1-", shades: dict[str, Shade] = RED) -> str:
    return coloured_map(svg.encode("utf-8"), shades, "地图", ids=ids)


EVERY_HOSTILE_MAP = "\n".join([HEAD, SHAPES, *(line for line, _ in HOSTILE.values()), "</svg>"])


def test_the_board_embeds_only_what_the_allow_list_names_even_unvalidated() -> None:
    out = embedded(EVERY_HOSTILE_MAP)
    tags = Tags()
    tags.feed(f"<body>{out}</body>")
    allowed = {name.lower() for name in svgmap.ELEMENTS} | {"body"}
    attributes = {name.lower() for name in svgmap.ATTRIBUTES} | {"xmlns", "xmlns:xlink", "role"}
    attributes |= {"aria-label", "xlink:href", "xml:space", "xml:lang"}
    for tag, names in tags.tags:
        assert tag in allowed, tag
        assert set(names) <= attributes, (tag, names)
    lowered = out.replace(f'xmlns="{SVG_NS}"', "").replace(f'xmlns:xlink="{XLINK_NS}"', "").lower()
    for word in ("iframe", "srcdoc", "meta", "<form", "script", "javascript:", "data:", "http"):
        assert word not in lowered, word
    for word in ("expression", "position", "blink", "<image", "<set", "<style", "<p ", "<p/"):
        assert word not in lowered, word
    assert '<path data-town="ly" d="M0 0h10v10z" fill="#C00000" style="fill:#C00000">' in out
    assert "<title>李营街道：红色</title>" in out


def test_editor_bookkeeping_and_classes_are_left_out_of_the_board() -> None:
    out = embedded(INKSCAPE, shades={})
    for word in ("inkscape:", "sodipodi", "namedview", "metadata", "rdf", "class="):
        assert word not in out, word
    assert 'clip-path="url(#map1-clip1)"' in out
    assert 'xlink:href="#map1-linearGradient2"' in out
    assert "fill:url(#map1-linearGradient3)" in out and "filter:url(#map1-filter1)" in out
    assert "李营街道</tspan>" in out


def test_text_that_would_close_the_svg_stays_text_in_the_board() -> None:
    svg = (
        f"{HEAD}{SHAPES}<text>&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>"
        "<text><![CDATA[</text></svg><iframe srcdoc='x'>]]></text>"
        '<path d="M0 0h1v1z"><title>&lt;/title&gt;&lt;p&gt;&lt;iframe&gt;</title></path>'
        '<path data-town="&quot;&gt;&lt;script&gt;" d="M0 0h1v1z"/></svg>'
    )
    out = embedded(svg)
    tags = Tags()
    tags.feed(out)
    assert {tag for tag, _ in tags.tags} <= {"svg", "path", "text", "title"}
    assert "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;/text&gt;&lt;/svg&gt;&lt;iframe srcdoc='x'&gt;" in out
    assert "&lt;/title&gt;&lt;p&gt;&lt;iframe&gt;" in out
    assert 'data-town="&quot;&gt;&lt;script&gt;"' in out
    assert "<![CDATA[" not in out and "<script" not in out and "<iframe" not in out


def test_the_maps_ids_cannot_meet_the_boards_own() -> None:
    svg = (
        f'{HEAD}<defs><linearGradient id="g"/></defs><rect id="shown-count" fill="url(#g)"/>'
        '<use href="#g"/><a href="#shown-count"><rect id="units" width="1" height="1"/></a></svg>'
    )
    assert scan_map(svg.encode()).findings == []
    out = embedded(svg, ids="map2-")
    assert sorted(re.findall(r'\bid="([^"]*)"', out)) == [
        "map2-g",
        "map2-shown-count",
        "map2-units",
    ]
    assert 'fill="url(#map2-g)"' in out and 'href="#map2-g"' in out
    assert 'href="#map2-shown-count"' in out


def test_a_map_that_is_no_svg_document_is_not_embedded() -> None:
    assert embedded('<!DOCTYPE svg [<!ENTITY a "x">]><svg>&a;</svg>') == ""
    assert embedded('<html xmlns="http://www.w3.org/1999/xhtml"><script/></html>') == ""
    assert embedded("<svg><path></svg>") == ""


@pytest.mark.parametrize("encoding", ["GB18030", "GBK", "UTF-7", "hex", "idna"])
def test_a_map_in_an_encoding_expat_cannot_use_is_invalid_not_a_crash(encoding: str) -> None:
    """expat raised ValueError or LookupError out of such a declaration: 内部错误."""
    data = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode() + (
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect data-town="gh" width="1" height="1"/></svg>'
    )
    scan = scan_map(data)
    assert [f.kind for f in scan.findings] == ["invalid"]
    assert coloured_map(data, {"gh": Shade("#ff0000", "t")}, "label") == ""


# --- the Content-Security-Policy of the board and of the bulletin -------------------------------

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def policy(page: str) -> dict[str, list[str]]:
    """The page's one Content-Security-Policy, directive by directive."""
    (content,) = _CSP.findall(page)
    directives = {}
    for part in content.split(";"):
        name, *values = part.split()
        assert name not in directives, name
        directives[name] = values
    return directives


def sha256_source(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def inline(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.S)


LOCKED = {
    "default-src": ["'none'"],
    "img-src": ["data:"],
    "font-src": ["'none'"],
    "connect-src": ["'none'"],
    "media-src": ["'none'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "child-src": ["'none'"],
    "worker-src": ["'none'"],
    "manifest-src": ["'none'"],
    "form-action": ["'none'"],
    "base-uri": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "style-src-attr": ["'unsafe-inline'"],
}
"""What both pages' policies say besides their own hashes. ``style-src 'unsafe-inline'`` is
the fallback of a browser without ``style-src-elem`` (before CSP 3): style attributes (the
board's progress bars, the towns' fills) need it, and ``style-src-elem`` takes over where
known."""


@pytest.fixture(scope="module")
def board_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = copy_sample(tmp_path_factory.mktemp("csp-board"))
    out = data.parent / "board.html"
    result = CliRunner().invoke(
        app, ["--data", str(data), "board", "--month", "2026-10", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_board_runs_and_applies_only_its_own_script_and_stylesheet(board_page: str) -> None:
    csp = policy(board_page)
    # one script runs; the other element is the cards' data block, which a browser never runs
    tags = re.findall(r"<script\b([^>]*)>", board_page)
    assert sorted(tags) == ["", ' type="application/json" id="board-data"']
    (script,) = re.findall(r"<script>(.*?)</script>", board_page, re.S)
    (style,) = inline(board_page, "style")
    assert csp.pop("script-src") == [sha256_source(script)]
    assert csp.pop("style-src-elem") == [sha256_source(style)]
    assert csp == LOCKED
    assert "document.querySelector" in script  # the filters' script itself, hashed whole


@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
def test_the_bulletin_runs_no_script_and_applies_only_its_own_stylesheet(
    sample_copy: Path, tmp_path: Path, draft: bool
) -> None:
    month = ["--month", "2026-11", "--draft"] if draft else ["--month", "2026-10"]
    args = ["bulletin", *month, "--format", "html", "--date", "2026-11-05", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, ["--data", str(sample_copy), *args])
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob("*.html")
    page = path.read_text(encoding="utf-8")
    csp = policy(page)
    assert inline(page, "script") == []
    (style,) = inline(page, "style")
    assert (".draft-banner" in style) is draft
    assert csp.pop("script-src") == ["'none'"]
    assert csp.pop("style-src-elem") == [sha256_source(style)]
    assert csp == LOCKED
