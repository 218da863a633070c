"""Review of issue 22's change: what its hostile-input claims missed.

- An XML part (the map, a form's package part) declaring an encoding expat cannot use
  (GB18030, GBK, UTF-7, a codec that is not a text encoding) raised ValueError or
  LookupError out of expat: "内部错误" from ``validate`` and ``import``; and a DTD in such a
  part was never seen by the DTD check (lxml, which openpyxl uses for the workbook part,
  reads GB18030 and UTF-32).
"""

from __future__ import annotations

import io
import zipfile

import pytest

from xjj_cli.forms.package import PackageRefused, check_zip
from xjj_cli.load.svgmap import Shade, coloured_map, scan_map

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect data-town="gh" width="1" height="1"/></svg>'


# --- XML in an encoding expat cannot use ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["GB18030", "GBK", "UTF-7", "hex", "idna"])
def test_a_map_in_an_encoding_expat_cannot_use_is_invalid_not_a_crash(encoding: str) -> None:
    data = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode() + SVG
    scan = scan_map(data)
    assert [f.kind for f in scan.findings] == ["invalid"]
    assert coloured_map(data, {"gh": Shade("#ff0000", "t")}, "label") == ""


def _package(workbook: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("xl/workbook.xml", workbook)
    return buffer.getvalue()


_DTD = '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]><workbook>&a;</workbook>'


@pytest.mark.parametrize(
    "part",
    [
        f'<?xml version="1.0" encoding="GB18030"?>{_DTD}'.encode("gb18030"),
        f'<?xml version="1.0" encoding="UTF-32"?>{_DTD}'.encode("utf-32-le"),
        f'<?xml version="1.0" encoding="hex"?>{_DTD}'.encode(),
    ],
    ids=["gb18030", "utf-32", "hex"],
)
def test_a_package_part_in_an_encoding_expat_cannot_use_is_refused(part: bytes) -> None:
    with pytest.raises(PackageRefused) as refused:
        check_zip(_package(part))
    assert refused.value.params.get("part") == "xl/workbook.xml"
