"""The district map, ``map/towns.svg`` (SPEC §2): checked before the board embeds it.

The board is opened from a USB stick and forwarded in chats, so the map must neither run
code nor reach outside the file. It is read with the standard library's expat parser, and
refused (``map.unsafe``) when it has a DOCTYPE (entities are never expanded), a processing
instruction, a ``<script>`` or ``<foreignObject>``, an event handler (``on…``), an ``href``
that is not a ``#fragment``, a ``url(…)`` or ``@import`` leading outside the file, or an
animation that sets an ``href`` or a handler. Each finding carries its line and column.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_FORBIDDEN_ELEMENTS = {"script", "foreignobject"}
_ANIMATIONS = {"set", "animate", "animatetransform", "animatemotion"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_IMPORT = re.compile(r"@import", re.I)


@dataclass(frozen=True)
class MapFinding:
    """Something found in the map: ``kind`` is ``invalid``, ``unsafe`` or a ``town``
    reference (``what`` holds the reason or the town code)."""

    kind: str
    what: str
    line: int
    column: int


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


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].lower()


def scan_map(data: bytes) -> MapScan:
    """Check the SVG ``data``; never expands an entity, never fetches anything."""
    scan = MapScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    style_depth = 0

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def unsafe(what: str) -> None:
        scan.findings.append(MapFinding("unsafe", what, *here()))

    def doctype(*_: object) -> None:
        unsafe("<!DOCTYPE>")
        raise _Refused  # a DOCTYPE may declare entities: stop before any is read

    def instruction(target: str, _data: str) -> None:
        unsafe(f"<?{target}?>")

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal style_depth
        local = _local(name)
        if local in _FORBIDDEN_ELEMENTS:
            unsafe(f"<{local}>")
        if local == "style":
            style_depth += 1
        for key, value in attrs.items():
            attr = _local(key)
            if attr.startswith("on"):
                unsafe(f"{attr}=")
            elif (
                (attr == "href" and not value.strip().startswith("#"))
                or _EXTERNAL_URL.search(value)
                or _IMPORT.search(value)
            ):
                unsafe(f"{attr}={value[:60]}")
            elif attr == "data-town":
                scan.towns.append(MapFinding("town", value, *here()))
            if local in _ANIMATIONS and attr == "attributename":
                target = _local(value)
                if target.startswith("on") or target == "href":
                    unsafe(f"<{local} attributeName={value}>")

    def end(name: str) -> None:
        nonlocal style_depth
        if _local(name) == "style":
            style_depth -= 1

    def text(data: str) -> None:
        if style_depth and (_EXTERNAL_URL.search(data) or _IMPORT.search(data)):
            unsafe("<style>")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Refused:
        pass
    except expat.ExpatError as exc:
        scan.findings.append(
            MapFinding("invalid", expat.ErrorString(exc.code), exc.lineno, exc.offset + 1)
        )
    return scan


@dataclass(frozen=True)
class Shade:
    """How the board shows one town on the map: its fill, and its hover text."""

    fill: str
    title: str


def coloured_map(data: bytes, shades: dict[str, Shade], label: str) -> str:
    """The map (already checked safe by ``scan_map``) as inline SVG markup: each
    ``data-town`` shape filled with its town's shade and titled with its words. Comments
    and anything outside the ``<svg>`` element are dropped; text is re-escaped."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(data)
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
