"""QR codes for the screen (inline SVG) and for paper (vector ReportLab flowable), and their payloads.

Error correction M (tech spike 4): enough redundancy for a creased print-out, yet a calendar event
(with its VTIMEZONE, about 600-800 bytes) still prints at 40-50 mm. Everything is drawn as vectors,
so printers never resample it.
"""
import html
import re
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import qrcode
import qrcode.base
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from . import clock

QUIET = 4                 # modules of white around the code, as the QR standard requires
MIN_SIZE = 25 * mm        # smaller codes are hard to aim at with an old phone
MIN_MODULE = 0.4 * mm     # below this, cheap printers and cameras lose modules (spike 4 table)
MAX_SIZE = 90 * mm
CPH = ZoneInfo("Europe/Copenhagen")
ECI_MODE = 0b0111  # ISO/IEC 18004 mode indicator for an Extended Channel Interpretation header
ECI_UTF8 = 26      # the ECI designator for UTF-8


class PayloadTooLarge(ValueError):
    """The payload does not fit in a QR code we are willing to draw."""


def url_payload(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    # Only web links: javascript:, file:, data: and friends would run or open things on the phone.
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url


def tel_payload(number: str) -> str:
    head = number.strip().lstrip("( ")
    if re.search(r"[^\d\s+\-().\/]", number) or "+" in head[1:]:
        raise ValueError(f"not a phone number: {number!r}")
    digits = "".join(str(int(c)) for c in number if c.isdecimal())  # Arabic-Indic digits become 0-9
    if not digits or len(digits) > 15:  # E.164 caps numbers at 15 digits
        raise ValueError(f"no phone number in {number!r}")
    if head.startswith("+"):
        return "tel:+" + digits
    if digits.startswith("00"):
        return "tel:+" + digits[2:]
    # Danish numbers are always 8 digits with no trunk prefix, so these two shapes can only be Danish.
    if len(digits) == 8:
        return "tel:+45" + digits
    if len(digits) == 10 and digits.startswith("45"):
        return "tel:+" + digits
    return "tel:" + digits  # short numbers such as 112 or 1813 must stay as they are


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping; other control characters are dropped because parsers choke on them."""
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", r"\\n", value)


def _fold(line: str) -> str:
    """Fold at 75 octets, cutting only between characters so no UTF-8 sequence is split."""
    out, chunk, size, limit = [], [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(chunk))
            chunk, size, limit = [], 0, 74  # continuation lines start with a space, which counts
        chunk.append(ch)
        size += n
    out.append("".join(chunk))
    return "\r\n ".join(out)


def _local(dt: datetime) -> datetime:
    return dt.replace(tzinfo=CPH) if dt.tzinfo is None else dt.astimezone(CPH)


# Current EU rules only; phones need the VTIMEZONE to place TZID times if they do not know the zone.
_VTIMEZONE = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]


def vevent_payload(summary: str, start: datetime, end: datetime | None = None, location: str = "",
                   description: str = "", remind_days_before: int = 1, uid: str | None = None) -> str:
    if not summary.strip():
        raise ValueError("an event needs a summary")
    if remind_days_before < 0:
        raise ValueError("remind_days_before cannot be negative")
    start = _local(start)
    # Add the hour on the UTC timeline so an event across a DST change still lasts one real hour.
    end = _local(end) if end is not None else (start.astimezone(timezone.utc) + timedelta(hours=1)).astimezone(CPH)
    if end < start:
        raise ValueError("the event ends before it starts")
    stamp = "%Y%m%dT%H%M%S"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Vaerested kiosk//DA", *_VTIMEZONE, "BEGIN:VEVENT",
             # A random UID: the code may be photographed or shared, so it must say nothing about the person.
             "UID:" + _text(uid or uuid.uuid4().hex + "@kiosk"),
             "DTSTAMP:" + clock.now_utc().strftime(stamp + "Z"),
             "DTSTART;TZID=Europe/Copenhagen:" + start.strftime(stamp),
             "DTEND;TZID=Europe/Copenhagen:" + end.strftime(stamp),
             "SUMMARY:" + _text(summary)]
    if location:
        lines.append("LOCATION:" + _text(location))
    if description:
        lines.append("DESCRIPTION:" + _text(description))
    if remind_days_before > 0:
        # DISPLAY needs a DESCRIPTION; phones show the event title anyway, so keep it short to keep the code small.
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Påmindelse",
                  f"TRIGGER:-P{remind_days_before}D", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _too_large(payload):
    return PayloadTooLarge(f"The text is {len(payload.encode('utf-8'))} bytes; a QR code at error "
                           "correction level M holds at most about 2,331 bytes.")


def _utf8_codewords(data: bytes):
    """(version, codewords) for one byte segment behind a UTF-8 ECI header, at error correction M.

    python-qrcode cannot write an ECI header itself, so the bit stream is put together here the way
    qrcode.util.create_data does it (mode, count, data, terminator, padding), with the ECI first.
    """
    for version in range(1, 41):
        bits = util.BitBuffer()
        bits.put(ECI_MODE, 4)
        bits.put(ECI_UTF8, 8)
        bits.put(util.MODE_8BIT_BYTE, 4)
        bits.put(len(data), util.length_in_bits(util.MODE_8BIT_BYTE, version))
        util.QRData(data, mode=util.MODE_8BIT_BYTE).write(bits)
        blocks = qrcode.base.rs_blocks(version, ERROR_CORRECT_M)
        limit = sum(block.data_count * 8 for block in blocks)
        if len(bits) > limit:
            continue
        for _ in range(min(limit - len(bits), 4)):
            bits.put_bit(False)
        while len(bits) % 8:
            bits.put_bit(False)
        for i in range((limit - len(bits)) // 8):
            bits.put(util.PAD0 if i % 2 == 0 else util.PAD1, 8)
        return version, util.create_bytes(bits, blocks)
    return None, None


def matrix(payload: str) -> list[list[bool]]:
    """The modules of the payload's QR code.

    Text beyond ASCII (a calendar entry's "Møde", an address with æøå) is UTF-8 behind an ECI
    header that says so: without it, common readers guess the character set and zbarimg, for one,
    reads short UTF-8 text as Shift-JIS ("Møde" becomes "M繪de"). ASCII needs no header.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    if payload.isascii():
        code.add_data(payload)
        try:
            code.make(fit=True)
        # qrcode 8.2 overflows through its version setter ("Invalid version (was 41 ...)"), not DataOverflowError.
        except (DataOverflowError, ValueError):
            raise _too_large(payload) from None
        return code.get_matrix()
    version, codewords = _utf8_codewords(payload.encode("utf-8"))
    if version is None:
        raise _too_large(payload)
    code.version, code.data_cache = version, codewords
    code.make(fit=False)
    return code.get_matrix()


def _runs(rows):
    """(x, y, length) for each horizontal run of dark modules: far fewer shapes than one per module."""
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                yield start, y, x - start
            else:
                x += 1


def svg(payload: str, label: str, module_px: int = 8) -> str:
    rows = matrix(payload)
    total = len(rows) + 2 * QUIET
    d = "".join(f"M{x + QUIET} {y + QUIET}h{n}v1h-{n}z" for x, y, n in _runs(rows))
    label = html.escape(label)
    # Presentation attributes only: the CSP forbids style attributes.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}" '
            f'width="{total * module_px}" height="{total * module_px}" role="img" aria-label="{label}" '
            f'shape-rendering="crispEdges"><title>{label}</title>'
            f'<rect width="{total}" height="{total}" fill="#fff"/><path fill="#000" d="{d}"/></svg>')


def _draw_code(canv, rows, x, y, size):
    """White quiet zone plus dark modules as one path, bottom-left corner at (x, y)."""
    total = len(rows) + 2 * QUIET
    m = size / total
    canv.setFillColorRGB(1, 1, 1)
    canv.rect(x, y, size, size, stroke=0, fill=1)
    path = canv.beginPath()
    top = y + size - QUIET * m
    for cx, cy, n in _runs(rows):
        path.rect(x + (cx + QUIET) * m, top - (cy + 1) * m, n * m, m)
    canv.setFillColorRGB(0, 0, 0)
    canv.drawPath(path, stroke=0, fill=1)


class QrFlowable(Flowable):
    """A vector QR code with an optional plain-text caption centred underneath."""

    def __init__(self, payload: str, size: float = 30 * mm, caption: str = "", font: str = "Helvetica",
                 font_size: float = 11):
        super().__init__()
        self.payload = payload
        self.rows = matrix(payload)
        total = len(self.rows) + 2 * QUIET
        needed = MIN_MODULE * total
        if needed > MAX_SIZE:
            raise PayloadTooLarge(f"A QR code with {total} modules would need {needed / mm:.0f} mm; "
                                  f"the limit is {MAX_SIZE / mm:.0f} mm.")
        # Grow rather than refuse: a slightly larger code on the page beats one no phone can read.
        size = max(size, MIN_SIZE, needed)
        self.size, self.module_size = size, size / total
        self.font, self.font_size, self.leading = font, font_size, font_size * 1.2
        self.lines = simpleSplit(caption, font, font_size, size) if caption else []
        self.height = size + len(self.lines) * self.leading
        self.width = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.height

    def draw(self):
        canv = self.canv
        caption_h = len(self.lines) * self.leading
        _draw_code(canv, self.rows, 0, caption_h, self.size)
        canv.setFont(self.font, self.font_size)
        for i, line in enumerate(self.lines):
            canv.drawCentredString(self.size / 2, caption_h - self.font_size - i * self.leading, line)
