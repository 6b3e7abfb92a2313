"""QR payloads, the matrix, the inline SVG and the vector PDF flowable, decoded back with zbarimg."""
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from io import BytesIO

import icalendar
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate

from kiosk import qr

UTC = timezone.utc
SVG = "{http://www.w3.org/2000/svg}"


def event(**kw):
    args = {"summary": "Møde hos kommunen", "start": datetime(2026, 12, 3, 10, 30)} | kw
    return qr.vevent_payload(**args)


def parsed_event(payload):
    return icalendar.Calendar.from_ical(payload).walk("VEVENT")[0]


# --- payload builders ---------------------------------------------------------------------

@pytest.mark.parametrize("number, expected", [
    ("33 66 33 66", "tel:+4533663366"),
    ("+45 33 66 33 66", "tel:+4533663366"),
    ("0045 3366 3366", "tel:+4533663366"),
    ("33-66-33-66", "tel:+4533663366"),
    ("45 33 66 33 66", "tel:+4533663366"),
    ("+46 8 123 456 78", "tel:+46812345678"),
    ("0046 8 123 456 78", "tel:+46812345678"),
    ("(+49) 30 1234567", "tel:+49301234567"),
    ("1813", "tel:1813"),
    ("112", "tel:112"),
    ("٣٣ ٦٦ ٣٣ ٦٦", "tel:+4533663366"),
])
def test_phone_numbers_are_normalised_to_international_tel_uris(number, expected):
    assert qr.tel_payload(number) == expected


@pytest.mark.parametrize("number", ["", "   ", "+", "ring til os", "33 66 33 66 efter kl. 10", "33+66",
                                    "+1234567890123456"])
def test_a_phone_number_without_digits_or_with_words_is_refused(number):
    with pytest.raises(ValueError):
        qr.tel_payload(number)


def test_web_links_are_kept_with_surrounding_whitespace_stripped():
    assert qr.url_payload("  https://www.borger.dk/sundhed?x=1&y=2 \n") == "https://www.borger.dk/sundhed?x=1&y=2"
    assert qr.url_payload("HTTP://example.dk") == "HTTP://example.dk"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "file:///etc/passwd",
                                 "data:text/html,<b>x</b>", "ftp://example.dk/", "https://", "example.dk",
                                 "https://exa mple.dk/", ""])
def test_anything_but_an_http_or_https_link_is_refused(url):
    with pytest.raises(ValueError):
        qr.url_payload(url)


def test_event_text_escapes_comma_semicolon_backslash_and_newline():
    text = "Kaffe, kage; og \\ en ny\nlinje"
    payload = event(summary=text, location="Nørrebrogade 1, 2200 København N", description="a;b")
    unfolded = payload.replace("\r\n ", "")
    assert "SUMMARY:Kaffe\\, kage\\; og \\\\ en ny\\nlinje\r\n" in unfolded
    assert "LOCATION:Nørrebrogade 1\\, 2200 København N\r\n" in unfolded
    assert "DESCRIPTION:a\\;b\r\n" in unfolded
    ev = parsed_event(payload)
    assert str(ev["SUMMARY"]) == text
    assert str(ev["LOCATION"]) == "Nørrebrogade 1, 2200 København N"


def test_event_lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character():
    summary = "Tandlæge på Østerbro " + "ø" * 60 + "😀" * 40 + " slut"
    payload = event(summary=summary)
    assert payload.endswith("\r\n") and "\n" not in payload.replace("\r\n", "")
    lines = payload.encode("utf-8").split(b"\r\n")[:-1]
    assert any(line.startswith(b" ") for line in lines), "the summary should have been folded"
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # strict: a line that ends or starts mid-character raises here
    assert str(parsed_event(payload)["SUMMARY"]) == summary


def test_event_parses_with_copenhagen_time_and_a_one_day_reminder():
    payload = event(location="Værestedet")
    cal = icalendar.Calendar.from_ical(payload)
    assert str(cal["PRODID"]) == "-//Vaerested kiosk//DA"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    ev = cal.walk("VEVENT")[0]
    start = ev["DTSTART"].dt
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2026, 12, 3, 10, 30)
    assert "Copenhagen" in str(start.tzinfo)
    assert start.astimezone(UTC) == datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    assert ev["DTEND"].dt - start == timedelta(hours=1)
    alarm = ev.walk("VALARM")[0]
    assert alarm["TRIGGER"].dt == timedelta(days=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert "DTSTART;TZID=Europe/Copenhagen:20261203T103000\r\n" in payload
    assert re.search(r"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", payload)


def test_aware_times_are_converted_to_copenhagen_summer_time():
    payload = event(start=datetime(2026, 7, 1, 8, 0, tzinfo=UTC), end=datetime(2026, 7, 1, 9, 15, tzinfo=UTC))
    assert "DTSTART;TZID=Europe/Copenhagen:20260701T100000\r\n" in payload
    assert "DTEND;TZID=Europe/Copenhagen:20260701T111500\r\n" in payload
    assert parsed_event(payload)["DTSTART"].dt.astimezone(UTC) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_event_uid_is_random_and_says_nothing_about_the_person():
    first, second = (parsed_event(event(summary="Lægetid for Jens Hansen")) for _ in range(2))
    assert re.fullmatch(r"[0-9a-f]{32}@kiosk", str(first["UID"]))
    assert first["UID"] != second["UID"]
    assert str(parsed_event(event(uid="fast@kiosk"))["UID"]) == "fast@kiosk"


def test_no_reminder_when_zero_days_before_and_bad_events_are_refused():
    assert "VALARM" not in event(remind_days_before=0)
    assert "TRIGGER:-P3D\r\n" in event(remind_days_before=3)
    with pytest.raises(ValueError):
        event(end=datetime(2026, 12, 3, 9, 0))
    with pytest.raises(ValueError):
        event(summary="  ")


# --- matrix and SVG -----------------------------------------------------------------------

def test_matrix_refuses_2400_bytes_with_payload_too_large():
    with pytest.raises(qr.PayloadTooLarge, match="2400 bytes"):
        qr.matrix("a" * 2400)
    assert issubclass(qr.PayloadTooLarge, ValueError)


def test_matrix_takes_2000_bytes_as_a_square_without_border():
    rows = qr.matrix("a" * 2000)
    assert len(rows) <= 177 and all(len(row) == len(rows) for row in rows)
    assert rows[0][:7] == [True] * 7  # the finder pattern starts at the very edge: no border


def svg_grid(markup):
    """Rebuild the dark modules from the path, so the test checks what a browser would paint."""
    path = ET.fromstring(markup).find(SVG + "path")
    dark = set()
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path.get("d")):
        dark |= {(int(x) + i, int(y)) for i in range(int(n))}
    return dark


def test_svg_is_valid_xml_with_an_escaped_title_and_no_styles_or_scripts():
    label = '<b>&"x"'
    markup = qr.svg("tel:+4533663366", label)
    root = ET.fromstring(markup)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    assert root.find(SVG + "title").text == label
    assert "<title>&lt;b&gt;&amp;&quot;x&quot;</title>" in markup
    assert "style=" not in markup and "<script" not in markup.lower()
    assert len(root.findall(SVG + "path")) == 1


def test_svg_paints_exactly_the_matrix_inside_a_four_module_quiet_zone():
    payload = "https://www.borger.dk/"
    rows = qr.matrix(payload)
    markup = qr.svg(payload, "Link", module_px=5)
    root = ET.fromstring(markup)
    total = len(rows) + 8
    assert root.get("viewBox") == f"0 0 {total} {total}" and root.get("width") == str(total * 5)
    expected = {(x + 4, y + 4) for y, row in enumerate(rows) for x, dark in enumerate(row) if dark}
    assert svg_grid(markup) == expected


# --- the PDF flowable ---------------------------------------------------------------------

def test_flowable_grows_so_modules_stay_at_least_0_4_mm():
    flow = qr.QrFlowable("a" * 1500)
    total = len(flow.rows) + 8
    assert flow.size > 30 * mm and flow.size <= 90 * mm
    assert flow.module_size == pytest.approx(0.4 * mm) and flow.size / total >= 0.4 * mm - 1e-9
    assert flow.wrap(500, 800) == (flow.size, flow.size)


def test_flowable_is_at_least_25_mm_and_keeps_a_larger_requested_size():
    assert qr.QrFlowable("tel:+4533663366", size=10 * mm).size == pytest.approx(25 * mm)
    assert qr.QrFlowable("tel:+4533663366", size=40 * mm).size == pytest.approx(40 * mm)


def test_flowable_refuses_a_payload_that_would_need_more_than_90_mm():
    with pytest.raises(qr.PayloadTooLarge):
        qr.QrFlowable("a" * 2400)


def test_flowable_caption_wraps_to_the_code_width_and_counts_in_the_height():
    caption = "Scan koden for at gemme aftalen i din telefons kalender <b>ikke fed</b>"
    flow = qr.QrFlowable("tel:+4533663366", caption=caption)
    assert len(flow.lines) > 1 and "".join(flow.lines).replace(" ", "") == caption.replace(" ", "")
    assert all(stringWidth(line, "Helvetica", 11) <= flow.size for line in flow.lines)
    width, height = flow.wrap(500, 800)
    assert height == pytest.approx(flow.size + len(flow.lines) * 11 * 1.2)


def decode_pages(pdf, tmp_path, dpi):
    """Raw bytes of the one code on each page, or None where zbar finds nothing.

    -Sbinary skips zbar's charset guess (it reads UTF-8 without an ECI header as Shift-JIS), so this
    compares exactly the bytes in the symbol. With -Sbinary zbar adds no separator between symbols,
    hence one code per page.
    """
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "codes.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp_path / "page")], check=True)
    found = []
    for png in sorted(tmp_path.glob("page-*.png")):
        run = subprocess.run(["zbarimg", "-q", "--raw", "-Sbinary", str(png)], capture_output=True)
        assert run.returncode in (0, 4), run.stderr  # 4 means: no symbol found
        found.append(run.stdout if run.returncode == 0 else None)
    return found


def build_pdf(flowables):
    buf = BytesIO()
    story = []
    for flow in flowables:
        story += [flow, PageBreak()]
    SimpleDocTemplate(buf, pagesize=A4).build(story[:-1])
    return buf.getvalue()


def test_pdf_codes_decode_back_to_exactly_the_encoded_bytes_and_are_pure_vector(tmp_path):
    payloads = [
        qr.url_payload("https://www.borger.dk/sundhed-og-sygdom?søg=læge"),
        qr.tel_payload("33 66 33 66"),
        qr.vevent_payload("Møde på jobcentret, husk sygesikringskort", datetime(2026, 12, 3, 10, 30),
                          location="Ærøgade 5; 2. sal, København Ø", description="Spørg efter Åse\nTlf. 3366 3366"),
    ]
    pdf = build_pdf([qr.QrFlowable(p, caption=f"Kode {i}: æøå ÆØÅ") for i, p in enumerate(payloads)])
    assert decode_pages(pdf, tmp_path, 300) == [p.encode("utf-8") for p in payloads]

    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "codes.pdf")], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    assert len(listing) == 2, listing  # the two header lines and no image rows
    assert not re.search(rb"/Subtype\s*/Image\b", pdf)


def test_negative_control_a_15_mm_code_of_2000_bytes_does_not_decode_at_150_dpi(tmp_path):
    payload = "a" * 2000
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    qr._draw_code(canvas, qr.matrix(payload), 50 * mm, 150 * mm, 15 * mm)  # 0.08 mm modules: too small
    canvas.showPage()
    canvas.save()
    assert decode_pages(buf.getvalue(), tmp_path / "small", 150) == [None]
    # The twin: the flowable grows the same payload to 0.4 mm modules, and then it decodes.
    assert decode_pages(build_pdf([qr.QrFlowable(payload)]), tmp_path / "grown", 150) == [payload.encode()]
