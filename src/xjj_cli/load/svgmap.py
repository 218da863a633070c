"""The district map, ``map/towns.svg`` (SPEC §2): checked against an allow-list before the
board embeds it.

The board is opened from a USB stick and forwarded in chats, so the map must neither run
code nor reach outside the file, and once inlined into the board's HTML nothing in it may
be read by the HTML parser as anything but SVG shapes and text. So the map passes an
allow-list, not a deny-list: SVG elements that draw (shapes, groups, text, gradients,
clip paths, masks, markers, patterns, a few filters) with geometry and presentation
attributes; ``style`` holding only presentation properties; every link and ``url(…)`` a
``#id`` inside the map; no DOCTYPE (entities are never expanded) and no processing
instruction. Anything else is refused (``map.unsafe``) at its line and column — an
element at its tag, an attribute at its name. What an editor keeps for itself
(``<metadata>``, Inkscape's and Illustrator's own elements and attributes) is dropped
whole, unchecked: it never reaches the board.

The same pass builds the board's copy (``coloured_map``), so the board never emits what
the allow-list does not name, even for a map that ``validate`` never saw. It is read with
the standard library's expat parser; ElementTree writes it back, escaping every text and
attribute. docs/decisions.md says why no sanitiser library is used.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "a", "title", "desc",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "clipPath", "mask", "marker", "pattern", "linearGradient", "radialGradient", "stop",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
        "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    }
)  # fmt: skip
"""The SVG elements a map may have (SVG namespace, or none; names as SVG spells them)."""

TEXT_ONLY = frozenset({"title", "desc"})
"""Elements whose content must be text alone: inlined in HTML, an SVG ``<title>`` or
``<desc>`` is an HTML integration point, where a tag is read as HTML."""

DROPPED = frozenset({"metadata"})
"""SVG elements the board leaves out whole, content unchecked (an editor's bookkeeping)."""

EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
    }
)
"""Namespaces of the editors' own elements and attributes: dropped whole, unchecked."""

PROPERTIES = frozenset(
    {
        "alignment-baseline", "baseline-shift", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
        "display", "dominant-baseline", "enable-background", "fill", "fill-opacity",
        "fill-rule", "filter", "flood-color", "flood-opacity", "font-family", "font-size",
        "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
        "image-rendering", "letter-spacing", "lighting-color", "marker-end", "marker-mid",
        "marker-start", "mask", "opacity", "overflow", "paint-order", "pointer-events",
        "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
        "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-opacity", "stroke-width", "text-anchor", "text-decoration", "text-rendering",
        "unicode-bidi", "vector-effect", "visibility", "word-spacing", "writing-mode",
    }
)  # fmt: skip
"""Presentation properties: each may be an attribute, or a declaration in ``style``."""

NOT_ON_ROOT = frozenset({"transform", "overflow"})
"""What the outermost ``<svg>`` may not have, as attribute or in ``style``: the map stays in
the box the board gives it (inner viewports are clipped by the outermost one)."""

STYLE_ONLY = frozenset(
    {
        "-inkscape-font-specification", "-inkscape-stroke", "block-progression",
        "filter-blend-mode", "filter-gaussianblur-deviation", "font", "font-feature-settings",
        "font-variant-alternates", "font-variant-caps", "font-variant-east-asian",
        "font-variant-ligatures", "font-variant-numeric", "font-variant-position",
        "font-variation-settings", "inline-size", "isolation", "line-height", "marker",
        "mix-blend-mode", "shape-inside", "shape-margin", "shape-padding", "solid-color",
        "solid-opacity", "text-align", "text-decoration-color", "text-decoration-line",
        "text-decoration-style", "text-indent", "text-orientation", "text-transform",
        "white-space",
    }
)  # fmt: skip
"""CSS properties Inkscape writes in ``style`` that only shape text and paint (compared in
lower case, as CSS does)."""

ATTRIBUTES = PROPERTIES | frozenset(
    {
        "id", "class", "lang", "data-town", "style", "href", "transform", "viewBox",
        "preserveAspectRatio", "version", "baseProfile", "x", "y", "width", "height",
        "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points",
        "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
        "method", "spacing", "side", "offset", "gradientUnits", "gradientTransform",
        "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform",
        "clipPathUnits", "maskUnits", "maskContentUnits", "markerUnits", "markerWidth",
        "markerHeight", "refX", "refY", "orient", "filterUnits", "primitiveUnits", "in",
        "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
        "values", "type", "radius", "tableValues", "slope", "intercept", "amplitude",
        "exponent",
    }
)  # fmt: skip
"""Attributes without a namespace a map's element may have (besides ``xlink:href``,
``xml:space`` and ``xml:lang``)."""

LINKS = frozenset({"href"})
"""Attributes whose value is a link: only ``#id`` inside the map."""

FUNCTIONS = frozenset(
    {"rgb", "rgba", "hsl", "hsla", "matrix", "translate", "scale", "rotate", "skewx", "skewy"}
)
"""Functions a value may call, compared in lower case (``url(#id)`` is a link)."""

_ID = r"[^\s\"'()\\<>&#;,{}]+"
_IDENTIFIER = re.compile(_ID)
_FRAGMENT = re.compile(rf"#({_ID})")
_FUNCTION = re.compile(r"(?<![\w-])([A-Za-z_-][\w-]*+)\s*+\(")  # linear: no backtracking
_URL = re.compile(rf"""url\(\s*(?:#({_ID})|'#({_ID})'|"#({_ID})")\s*\)""", re.I)
_FORBIDDEN = re.compile(r"[\\<>{}@;\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|/\*|\*/")
_PLAIN = re.compile(r"[^\\<>{}@;()*\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*")  # no call, nothing refused
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MapFinding:
    """Something found in the map: ``kind`` is ``invalid``, ``unsafe`` or a ``town``
    reference (``what`` holds the reason, the thing refused or the town code). An unsafe
    finding's ``reason`` says why (doctype, instruction, root, element, style, text_only,
    attribute, link, value, property) and ``element`` names the element it is on."""

    kind: str
    what: str
    line: int
    column: int
    reason: str = ""
    element: str = ""


@dataclass
class MapScan:
    """What a scan of the map found: refusals, and every ``data-town`` with its place."""

    findings: list[MapFinding] = field(default_factory=list)
    towns: list[MapFinding] = field(default_factory=list)

    @property
    def safe(self) -> bool:
        return not self.findings


class _Refused(Exception):
    pass


def gist(text: str, limit: int = 60) -> str:
    """``text`` for a message: control characters shown escaped, runs of space as one,
    cut after ``limit`` characters."""
    text = _SPACE.sub(" ", text).strip()
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def _value_problem(value: str) -> tuple[str, str] | None:
    """Why a presentation value is refused — ``("link", …)`` for a ``url(…)`` that is not
    ``url(#id)``, ``("value", …)`` for anything else that is not paint, a number, a length
    or a name — or None when it is fine."""
    if _PLAIN.fullmatch(value):
        return None
    bad = _FORBIDDEN.search(value)
    if bad:
        return "value", bad.group(0)
    for call in _FUNCTION.finditer(value):
        name = call.group(1).lower()
        if name == "url":
            if not _URL.match(value, call.start()):
                return "link", value[call.start() :]
        elif name not in FUNCTIONS:
            return "value", call.group(0)
    return None


def _with_ids(value: str, prefix: str) -> str:
    """``value`` with every ``url(#id)`` pointing at ``#{prefix}id``."""
    if not prefix or "(" not in value:
        return value

    def move(match: re.Match[str]) -> str:
        target = next(g for g in match.groups() if g is not None)
        return f"url(#{prefix}{target})"

    return _URL.sub(move, value)


@dataclass(frozen=True)
class _Refusal:
    reason: str
    what: str
    attribute: str = ""
    """The attribute (as written) the refusal is about: its place is reported."""


def _check_style(value: str, prefix: str, *, root: bool) -> tuple[str, list[_Refusal]]:
    """A ``style`` attribute's allowed declarations, rewritten, and its refusals."""
    kept, refused = [], []
    for part in value.split(";"):
        if not part.strip():
            continue
        name, colon, text = part.partition(":")
        prop = name.strip().lower()
        known = prop in PROPERTIES or prop in STYLE_ONLY
        if not colon or not known or (root and prop in NOT_ON_ROOT):
            refused.append(_Refusal("property", gist(part), "style"))
            continue
        problem = _value_problem(text)
        if problem is not None:
            refused.append(_Refusal(problem[0], gist(f"style={part.strip()}"), "style"))
            continue
        kept.append(f"{prop}:{_with_ids(text.strip(), prefix)}")
    return ";".join(kept), refused


def _check_attribute(
    qname: str, uri: str, local: str, value: str, *, root: bool, prefix: str
) -> tuple[str | None, str | None, _Refusal | None]:
    """One attribute: (the ElementTree name and value the board keeps, or None for
    nothing), or the refusal."""

    def refused(reason: str) -> tuple[None, None, _Refusal]:
        return None, None, _Refusal(reason, f'{qname}="{gist(value)}"', qname)

    if uri in EDITOR_NAMESPACES:
        return None, None, None
    if uri == XML_NS and local in ("space", "lang"):
        return f"{{{XML_NS}}}{local}", value, None
    if (uri == XLINK_NS and local == "href") or (uri == "" and local in LINKS):
        target = _FRAGMENT.fullmatch(value.strip())
        if target is None:
            return refused("link")
        name = f"{{{XLINK_NS}}}href" if uri else "href"
        return name, f"#{prefix}{target.group(1)}", None
    if uri or local not in ATTRIBUTES or (root and local in NOT_ON_ROOT):
        return refused("attribute")
    if local == "data-town":
        return local, value, None
    if local in ("id", "lang"):
        if not _IDENTIFIER.fullmatch(value.strip()):
            return refused("value")
        return local, (prefix if local == "id" else "") + value.strip(), None
    if local == "class":
        if _FORBIDDEN.search(value):
            return refused("value")
        return None, None, None  # no stylesheet may use it: the board leaves it out
    if local == "style":
        return local, value, None  # checked declaration by declaration by the caller
    problem = _value_problem(value)
    if problem is not None:
        return refused(problem[0])
    return local, _with_ids(value, prefix), None


_TAG_NAME = re.compile(rb"<[^\s/>]*")
_TAG_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")


def _attribute_place(data: bytes, start: int, qname: str) -> tuple[int, int] | None:
    """Where attribute ``qname`` is written in the start tag at byte ``start``: (lines
    after the tag's first line, characters from the tag's start or, on a later line, from
    that line's start). None when the tag cannot be read back (an encoding but UTF-8)."""
    name = _TAG_NAME.match(data, start)
    if name is None:
        return None
    at, wanted = name.end(), qname.encode("utf-8")
    while (found := _TAG_ATTRIBUTE.match(data, at)) is not None:
        if found.group(1) == wanted:
            try:
                before = data[start : found.start(1)].decode("utf-8")
            except UnicodeDecodeError:
                return None
            lines = before.count("\n")
            return lines, len(before) - (before.rfind("\n") + 1 if lines else 0)
        at = found.end()
    return None


def _walk(data: bytes, prefix: str, builder: ET.TreeBuilder | None) -> MapScan:
    """Read the map once: refusals and towns into the scan; what the board may embed
    into ``builder`` (when given), ids and ``#id`` references prefixed with ``prefix``."""
    scan = MapScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.ordered_attributes = True
    skipping = 0  # depth inside an element left out (refused or dropped)
    stack: list[str] = []

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse(refusal: _Refusal, element: str = "") -> None:
        line, column = here()
        if refusal.attribute:
            place = _attribute_place(data, parser.CurrentByteIndex, refusal.attribute)
            if place is not None:
                lines, offset = place
                line, column = line + lines, (column + offset if not lines else offset + 1)
        scan.findings.append(
            MapFinding("unsafe", refusal.what, line, column, refusal.reason, element)
        )

    def doctype(*_: object) -> None:
        refuse(_Refusal("doctype", "<!DOCTYPE>"))
        raise _Refused  # a DOCTYPE may declare entities: stop before any is read

    def instruction(target: str, _data: str) -> None:
        refuse(_Refusal("instruction", f"<?{gist(target)}?>"))

    def start(name: str, attributes: list[str]) -> None:
        nonlocal skipping
        if skipping:
            skipping += 1
            return
        uri, local, qname = _split(name)
        svg = uri in ("", SVG_NS)
        parent = stack[-1] if stack else None
        if (svg and local in DROPPED) or uri in EDITOR_NAMESPACES:
            skipping = 1
            return
        reason = ""
        if parent is None and not (svg and local == "svg"):
            reason = "root"
        elif not svg or local not in ELEMENTS:
            reason = "style" if svg and local == "style" else "element"
        elif parent in TEXT_ONLY:
            reason = "text_only"
        if reason:
            refuse(_Refusal(reason, f"<{gist(qname)}>"), parent or "")
            skipping = 1
            return
        kept: dict[str, str] = {}
        for i in range(0, len(attributes), 2):
            a_uri, a_local, a_qname = _split(attributes[i])
            value = attributes[i + 1]
            key, written, refusal = _check_attribute(
                a_qname, a_uri, a_local, value, root=parent is None, prefix=prefix
            )
            if key == "style" and written is not None:
                written, refusals = _check_style(written, prefix, root=parent is None)
                for r in refusals:
                    refuse(r, local)
                if not written:
                    continue
            if refusal is not None:
                refuse(refusal, local)
            elif key is not None and written is not None:
                kept[key] = written
                if key == "data-town":
                    scan.towns.append(MapFinding("town", value, *here()))
        stack.append(local)
        if builder is not None:
            builder.start(f"{{{SVG_NS}}}{local}", kept)

    def end(name: str) -> None:
        nonlocal skipping
        if skipping:
            skipping -= 1
            return
        local = stack.pop()
        if builder is not None:
            builder.end(f"{{{SVG_NS}}}{local}")

    def characters(chunk: str) -> None:
        if not skipping and stack and builder is not None:
            builder.data(chunk)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except _Refused:
        pass
    except expat.ExpatError as exc:
        scan.findings.append(
            MapFinding("invalid", expat.ErrorString(exc.code), exc.lineno, exc.offset + 1)
        )
    except (ValueError, LookupError):  # pyexpat's own, on an encoding it cannot use (GBK)
        if stack or skipping or scan.findings:
            raise  # after the XML declaration: not the encoding's
        code = expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]
        scan.findings.append(MapFinding("invalid", expat.ErrorString(code), *here()))
    return scan


@functools.lru_cache(maxsize=4096)
def _split(name: str) -> tuple[str, str, str]:
    """expat's ``uri local prefix`` name as (namespace, local name, name as written)."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", parts[0], parts[0]
    uri, local = parts[0], parts[1]
    return uri, local, f"{parts[2]}:{local}" if len(parts) == 3 else local


def scan_map(data: bytes) -> MapScan:
    """Check the SVG ``data``; never expands an entity, never fetches anything."""
    return _walk(data, "", None)


@dataclass(frozen=True)
class Shade:
    """How the board shows one town on the map: its fill, and its hover text."""

    fill: str
    title: str


def coloured_map(data: bytes, shades: dict[str, Shade], label: str, ids: str = "") -> str:
    """The map as inline SVG markup: only what the allow-list names (whatever ``validate``
    said), each ``data-town`` shape filled with its town's shade and titled with its words,
    every id (and ``#id`` reference) prefixed with ``ids`` so that it cannot meet the
    board's own. Comments, anything outside the ``<svg>`` element and everything refused
    are dropped; text is re-escaped. Empty when the map is no XML at all."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    builder = ET.TreeBuilder()
    scan = _walk(data, ids, builder)
    if any(f.kind == "invalid" or f.reason in ("doctype", "root") for f in scan.findings):
        return ""
    root = builder.close()
    for element in root.iter():
        town = element.get("data-town")
        if town is None or town not in shades:
            continue
        shade = shades[town]
        element.set("fill", shade.fill)
        element.set("style", f"fill:{shade.fill}")
        title = ET.Element(f"{{{SVG_NS}}}title")
        title.text = shade.title
        element.insert(0, title)
    root.set("role", "img")
    root.set("aria-label", label)
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    return ET.tostring(root, encoding="unicode")
