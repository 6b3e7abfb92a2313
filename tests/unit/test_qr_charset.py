"""QR codes with text beyond ASCII decode right with a common reader's default settings.

zbarimg without -Sbinary guesses the character set of a byte segment unless the symbol says it
(an ECI header). Short UTF-8 text such as "Møde" is then read as Shift-JIS. These tests use
zbarimg's defaults on purpose, from the drawn PDF and from the screen's SVG.
"""
import subprocess
from datetime import datetime
from io import BytesIO

import pytest
import qrcode
from PIL import Image, ImageDraw
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from kiosk import qr

PAYLOADS = [
    "Møde",
    "Ærø Kommune, Østergade 5",
    qr.url_payload("https://www.borger.dk/sundhed?søg=læge"),
    qr.vevent_payload("Møde", datetime(2027, 3, 28, 10, 30), location="Rådhuspladsen 2, 8000 Aarhus C"),
    qr.vevent_payload("Tandlæge på Østerbro", datetime(2027, 1, 12, 8, 0), location="Åboulevard 38, 2200 København N"),
]


def zbar_defaults(png):
    """What zbarimg prints with its default settings (only -q and --raw, no -Sbinary)."""
    run = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.decode("utf-8").removesuffix("\n")


def pdf_png(payload, tmp_path):
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([qr.QrFlowable(payload, size=60 * 2.835)])
    (tmp_path / "code.pdf").write_bytes(buf.getvalue())
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(tmp_path / "code.pdf"),
                    str(tmp_path / "code")], check=True)
    return tmp_path / "code.png"


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p[:20])
def test_non_ascii_text_in_a_printed_code_reads_back_with_zbarimg_defaults(payload, tmp_path):
    assert zbar_defaults(pdf_png(payload, tmp_path)) == payload


def test_the_screen_code_carries_the_same_utf8_marker(tmp_path):
    """The code on screen is drawn from the same matrix, so a phone scanning the screen gets the same text."""
    rows = qr.matrix("Møde")
    size = (len(rows) + 2 * qr.QUIET) * 8
    image = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + qr.QUIET) * 8, (y + qr.QUIET) * 8
                draw.rectangle([left, top, left + 7, top + 7], fill=0)
    image.save(tmp_path / "screen.png")
    assert zbar_defaults(tmp_path / "screen.png") == "Møde"


def test_ascii_payloads_are_unchanged_and_carry_no_marker():
    """Phone numbers and plain links stay exactly as before: the same symbol python-qrcode draws."""
    for payload in ("tel:+4533663366", "https://www.valg.im.dk/"):
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(payload)
        code.make(fit=True)
        assert qr.matrix(payload) == code.get_matrix()


def test_control_without_the_marker_zbarimg_defaults_misread_short_utf8(tmp_path):
    """The failure the marker prevents: the same text drawn without it comes back garbled."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=8)
    code.add_data("Møde")
    code.make(fit=True)
    code.make_image().save(tmp_path / "plain.png")
    assert zbar_defaults(tmp_path / "plain.png") != "Møde"


def test_a_payload_too_large_for_any_version_is_refused_with_the_marker_too():
    with pytest.raises(qr.PayloadTooLarge):
        qr.matrix("ø" * 1300)
