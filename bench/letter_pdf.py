"""Letter PDF render time: the kiosk's ReportLab builder against a docx + LibreOffice baseline.

What it measures
    1. In process, with the project's own builders (kiosk.documents):
         - build_letter(letter): a Danish letter to an authority (sender, recipient, date,
           subject, body long enough for 2 pages, closing), TTF fonts (Atkinson Hyperlegible,
           registered by kiosk.pdftext), æøå and one Polish name (ś, ń) in it;
         - build_sheet(sheet): an action sheet with 2 QR codes (an https URL and a tel:
           number), drawn by kiosk.qr.QrFlowable.
       build_letter has no QR codes, so "a 2-page letter with 2 QR codes and TTF fonts" is
       measured as letter + sheet: both are reported on their own and summed per iteration
       ("letter_plus_sheet"). The very first build (font registration, imports warm) is
       reported on its own as *_first_ms (it includes registering the TTF fonts). Then 10 warm-up rounds and 200 timed rounds; each
       round times build_letter, then build_sheet, with time.perf_counter.
    2. The docassemble-style baseline, in the same run: the same letter text written as .docx
       with python-docx (same margins, font, footer with "Side N af M" fields), then one
       `soffice --headless --convert-to pdf` process per letter with a private profile
       (-env:UserInstallation=file://<tmp>/lo-profile) and a private fontconfig file that adds
       the same Atkinson Hyperlegible TTF files, so both sides embed the same font. The first
       conversion creates the profile and is not counted; then N=5 timed letters. A timed
       letter is: build the .docx, save it, run soffice, read the PDF back. The docx build and
       the soffice process are also reported on their own.
    Page counts are read from the PDF bytes (objects with /Type /Page, not /Pages).
    All files go to one tempfile.TemporaryDirectory, removed at the end. The letters hold
    invented data only (name, address, case number).

Targets (reported, never asserted)
    letter p50 <= 30 ms
    reportlab at least 100x faster than docx + LibreOffice (ratio of p50s)

Output (`name: value` lines)
    letter_first_ms, sheet_first_ms, letter_p50_ms, letter_p95_ms, sheet_p50_ms, sheet_p95_ms,
    letter_plus_sheet_p50_ms, letter_plus_sheet_p95_ms, letter_pdf_bytes, sheet_pdf_bytes,
    letter_pages, sheet_pages, sheet_qr_codes, target: letter p50 <= 30 ms,
    docx_build_p50_ms, soffice_convert_p50_ms, docx_libreoffice_first_ms,
    docx_libreoffice_p50_ms, docx_libreoffice_min_ms, docx_libreoffice_max_ms,
    docx_libreoffice_pdf_bytes, docx_libreoffice_pages, ratio_libreoffice_to_reportlab_p50,
    target: reportlab at least 100x faster

How to run (from the repo root)
    .venv/bin/python bench/letter_pdf.py

    The baseline needs LibreOffice Writer and python-docx, which are not project
    requirements; without them it prints `docx_libreoffice: skipped (...)`. To run it:
        apt-get install -y --no-install-recommends libreoffice-writer-nogui
        .venv/bin/pip install python-docx
    Takes under 30 seconds on 2 cores (about 17 s measured; LibreOffice is most of it).

Exit status is 0 unless something crashes.
"""
import datetime
import sys
import tempfile
import time
from pathlib import Path

from stats import fmt, percentile  # bench/ is the script's own folder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from letter_docx import bench_libreoffice, count_pages, say  # noqa: E402  (needs the repo root on sys.path)
from reportlab.lib.units import mm  # noqa: E402

from kiosk.documents import Letter, Sheet, build_letter, build_sheet  # noqa: E402
from kiosk.qr import QrFlowable, tel_payload, url_payload  # noqa: E402

WARMUP = 10
ROUNDS = 200

# Invented person, address and case number; a real authority name only.
SENDER = ["Katarzyna Wiśniewska", "Æblevej 17, 2. tv.", "2400 København NV", "Tlf. 12 34 56 78"]
RECIPIENT = ["Københavns Kommune", "Borgerservice, Ydelser", "Islands Brygge 37", "2300 København S"]
SUBJECT = "Klage over afgørelse om tilbagebetaling af kontanthjælp (sagsnr. 2026-000123)"
BODY = [
    "Jeg klager hermed over kommunens afgørelse af 3. marts 2026, hvor I har besluttet, at jeg skal "
    "betale 14.250 kr. i kontanthjælp tilbage for perioden fra 1. oktober til 31. december 2025. Jeg "
    "mener ikke, at afgørelsen er rigtig, og jeg beder om, at den bliver genvurderet.",
    "I afgørelsen står der, at jeg ikke har oplyst om en indtægt fra rengøringsarbejde i november. "
    "Det er ikke korrekt. Jeg ringede til jobcentret den 4. november og fortalte, at jeg havde fået "
    "nogle få timers arbejde hos et rengøringsfirma på Østerbro. Medarbejderen sagde, at oplysningen "
    "ville blive skrevet ind i min sag, og at jeg ikke behøvede at gøre mere. Jeg har ikke fået nogen "
    "skriftlig kvittering, men jeg har mit telefonopkald på min mobilregning, som jeg gerne sender.",
    "Indtægten var desuden meget mindre, end afgørelsen lægger til grund. Jeg arbejdede i alt 11 timer "
    "og fik udbetalt 1.672 kr. før skat. Lønsedlen fra arbejdsgiveren vedlægger jeg. Det beløb, som "
    "kommunen kræver tilbage, svarer til næsten ti gange så meget, og jeg kan ikke se, hvordan I er "
    "kommet frem til det. Jeg beder om en præcis opgørelse af, hvordan beløbet er beregnet, måned for "
    "måned.",
    "Jeg har heller ikke fået mulighed for at udtale mig, før afgørelsen blev truffet. Efter "
    "forvaltningsloven skal en borger normalt partshøres, når kommunen vil lægge vægt på oplysninger, "
    "som er til ugunst for borgeren. Jeg modtog ingen brev om partshøring, hverken i e-Boks eller med "
    "posten, og første gang jeg hørte om sagen, var da afgørelsen kom.",
    "Samtidig beder jeg om aktindsigt i hele min sag, herunder notater fra telefonsamtaler med "
    "jobcentret i oktober og november 2025, og de oplysninger fra indkomstregistret, som afgørelsen "
    "bygger på. Jeg vil gerne have dokumenterne sendt til min adresse ovenfor, fordi jeg ikke altid "
    "kan komme ind i e-Boks.",
    "Tilbagebetalingen vil være meget svær for mig. Jeg bor alene med min søn på fem år, og efter "
    "husleje, el og institution har vi omkring 3.100 kr. om måneden til mad, tøj og transport. Hvis "
    "kommunen fastholder et krav, beder jeg om, at det bliver nedsat eller eftergivet, og i hvert fald "
    "om en afdragsordning, som jeg kan overholde, for eksempel 100 kr. om måneden.",
    "Jeg beder også om, at opkrævningen bliver stillet i bero, indtil klagen er færdigbehandlet, så jeg "
    "ikke får modregnet beløb i min kontanthjælp, mens sagen kører. Hvis kommunen ikke giver mig ret, "
    "beder jeg om, at klagen bliver sendt videre til Ankestyrelsen sammen med alle sagens dokumenter, "
    "og at jeg får besked om, hvornår det er sket.",
    "Jeg forstår dansk godt, når det bliver sagt enkelt, men jeg læser langsomt. Jeg vil derfor gerne "
    "have svar i et klart sprog, og jeg vil gerne have mulighed for et møde, hvor jeg kan tage en "
    "bisidder med fra værestedet. Jeg kan træffes på telefonen ovenfor på hverdage mellem kl. 9 og 14.",
    "Vedlagt: lønseddel for november 2025, udskrift af mobilregning for november 2025 og kopi af "
    "afgørelsen af 3. marts 2026.",
]
SIGNER = "Katarzyna Wiśniewska"
PLACE = "København"
DATE = datetime.date(2026, 3, 17)
CENTRE = "Værestedet på Nørrebro"
HAND_IN = ("Aflevér brevet i Borgerservice eller send det med posten. Tag en kopi til dig selv, før du "
           "afleverer det. Klagefristen er 4 uger fra den dag, du fik afgørelsen.")

URL = "https://www.borger.dk/sociale-ydelser/kontanthjaelp/klage"
PHONE = "33 66 33 66"


def make_letter():
    return Letter(sender=SENDER, recipient=RECIPIENT, subject=SUBJECT, body=BODY, signer=SIGNER,
                  place=PLACE, date=DATE, centre=CENTRE, hand_in=HAND_IN)


def make_sheet():
    return Sheet(
        title="Det skal du gøre",
        steps=["Skriv under på brevet, der hvor der står en streg.",
               "Tag en kopi af brevet og af lønsedlen til dig selv.",
               "Aflevér brevet i Borgerservice, eller send det med posten."],
        deadline_label="Aflevér senest",
        deadline_text="tirsdag 31. marts 2026",
        deadline_notes=["Klagefristen er 4 uger fra den dag, du fik afgørelsen."],
        where=["Borgerservice, Islands Brygge 37, 2300 København S",
               "Mandag-fredag kl. 10-15, torsdag til kl. 17"],
        codes=[(url_payload(URL), "Læs om klager på borger.dk"),
               (tel_payload(PHONE), "Ring til Borgerservice")],
        centre=CENTRE,
    )


def ms_since(start):
    return (time.perf_counter() - start) * 1000.0


# ---------------------------------------------------------------- ReportLab (in process)

def bench_reportlab():
    letter, sheet = make_letter(), make_sheet()

    start = time.perf_counter()
    letter_pdf = build_letter(letter)  # first call also registers the TTF fonts
    say("letter_first_ms", fmt(ms_since(start)))
    start = time.perf_counter()
    sheet_pdf = build_sheet(sheet)
    say("sheet_first_ms", fmt(ms_since(start)))

    for _ in range(WARMUP):
        build_letter(letter)
        build_sheet(sheet)

    letter_ms, sheet_ms, both_ms = [], [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        build_letter(letter)
        middle = time.perf_counter()
        build_sheet(sheet)
        end = time.perf_counter()
        letter_ms.append((middle - start) * 1000.0)
        sheet_ms.append((end - middle) * 1000.0)
        both_ms.append((end - start) * 1000.0)

    # The codes as the sheet draws them (QrRow uses QrFlowable at 32 mm, grown if needed).
    codes = [QrFlowable(payload, size=32 * mm) for payload, _ in sheet.codes]

    say("rounds", ROUNDS)
    say("letter_p50_ms", fmt(percentile(letter_ms, 50)))
    say("letter_p95_ms", fmt(percentile(letter_ms, 95)))
    say("sheet_p50_ms", fmt(percentile(sheet_ms, 50)))
    say("sheet_p95_ms", fmt(percentile(sheet_ms, 95)))
    say("letter_plus_sheet_p50_ms", fmt(percentile(both_ms, 50)))
    say("letter_plus_sheet_p95_ms", fmt(percentile(both_ms, 95)))
    say("letter_pdf_bytes", len(letter_pdf))
    say("sheet_pdf_bytes", len(sheet_pdf))
    say("letter_pages", count_pages(letter_pdf))
    say("sheet_pages", count_pages(sheet_pdf))
    say("sheet_qr_codes", len(codes))
    say("sheet_qr_modules", ",".join(str(len(code.rows)) for code in codes))
    say("target", "letter p50 <= 30 ms")
    return percentile(letter_ms, 50)


def main():
    say("python", sys.version.split()[0])
    with tempfile.TemporaryDirectory(prefix="letter-pdf-bench-") as name:
        letter_p50 = bench_reportlab()
        bench_libreoffice(Path(name), letter_p50, make_letter())
    return 0


if __name__ == "__main__":
    sys.exit(main())
