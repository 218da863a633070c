"""Office files (DOCX, XLSX) with reproducible bytes.

python-docx and openpyxl write a ZIP package whose members carry the time of saving, and
openpyxl also stamps it in the "modified" document property. The same data, date and number
must give the same file (SPEC §5), so each package is written again with every member — and
the "modified" property — stamped with the document's own date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_package(data: bytes, day: dt.date) -> bytes:
    """The package ``data`` again, every member and the "modified" property stamped ``day``."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    modified = f"{day.isoformat()}T00:00:00Z".encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            target.writestr(member, content)
    return out.getvalue()
