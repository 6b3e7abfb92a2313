"""The docx + LibreOffice baseline of bench/letter_pdf.py: the same letter made the docassemble way.

The letter is written as .docx with python-docx, then converted by one `soffice --headless
--convert-to pdf` process per letter, with a private profile and a fontconfig file that adds the
kiosk's Atkinson Hyperlegible TTFs. Neither is a project requirement: without them the baseline
prints `docx_libreoffice: skipped (...)`. Also holds the `name: value` printer and the PDF page
counter both halves use. Split from bench/letter_pdf.py so each file keeps to one job.
"""
import os
import re
import shutil
import subprocess
import time

from stats import fmt, percentile  # bench/ is the script's own folder

from kiosk.pdftext import FONT_FILES, LATIN, LATIN_BOLD  # the importer put the repo root on sys.path

DOCX_ROUNDS = 5
SOFFICE_TIMEOUT = 180  # seconds for one conversion (the first one creates the profile)
SKIP_HINT = "install: apt-get install libreoffice-writer-nogui; pip install python-docx"


def say(name, value):
    print(f"{name}: {value}", flush=True)


def count_pages(pdf):
    """Page objects in a PDF (uncompressed object dictionaries): /Type /Page, never /Pages."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def font_config(tmp):
    """A fontconfig file: the system's fonts plus the kiosk's Atkinson TTFs, cache in tmp."""
    import fontpkg

    dirs = sorted({str(fontpkg.path(*FONT_FILES[name], "normal").parent) for name in (LATIN, LATIN_BOLD)})
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f'  <cachedir>{tmp / "fc-cache"}</cachedir>\n'
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n',
        encoding="utf-8")
    return conf


def _page_field(run, code):
    """A Word field (PAGE or NUMPAGES) inside a run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def write_docx(path, letter):
    """The same letter as build_letter lays it out, as a .docx (python-docx)."""
    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    family = FONT_FILES[LATIN][0]
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(22)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = family, Pt(11.5)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(16)

    def para(text, align=None, bold=False, size=None, after=0, before=0):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if align:
            paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    # Recipient left (window envelope), sender right, in a two-column table 62 mm high.
    head = document.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.LEFT
    head.rows[0].height = Mm(62)
    left, right = head.rows[0].cells
    left.width, right.width = Mm(90), Mm(80)
    left.text = "\n".join(letter.recipient)
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    right.text = "\n".join(letter.sender)
    for paragraph in right.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    from kiosk.documents import danish_date

    para(f"{letter.place}, {danish_date(letter.date)}", align=WD_ALIGN_PARAGRAPH.RIGHT, before=17)
    para(letter.subject, bold=True, size=13, before=23, after=10)
    for text in letter.body:
        para(text, after=9)
    para("Med venlig hilsen", before=11)
    para("_" * 40, before=45)
    para(letter.signer)
    para("CPR-nr.: ____________________ (skriv selv)", before=23)
    para(letter.hand_in, size=9, before=23)

    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT)
    run = footer.add_run(f"Skrevet med hjælp på {letter.centre}. Kiosken gemmer intet.\tSide ")
    run.font.size = Pt(9)
    _page_field(footer.add_run(), "PAGE")
    footer.add_run(" af ")
    _page_field(footer.add_run(), "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)

    document.core_properties.author = "Værestedets kiosk"
    document.core_properties.title = "Brev"
    document.save(path)


def soffice_convert(soffice, docx_path, outdir, profile, env):
    """One soffice process converting one .docx; returns the PDF bytes."""
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)]
    result = subprocess.run(command, env=env, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
    pdf_path = outdir / (docx_path.stem + ".pdf")
    if result.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"soffice exit {result.returncode}: "
                           f"{(result.stderr or result.stdout).decode(errors='replace').strip()[:200]}")
    pdf = pdf_path.read_bytes()
    pdf_path.unlink()
    return pdf


def bench_libreoffice(tmp, letter_p50, letter):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import docx  # noqa: F401
    except ImportError:
        docx = None
    if not soffice or docx is None:
        missing = ", ".join(n for n, ok in (("soffice", soffice), ("python-docx", docx)) if not ok)
        say("docx_libreoffice", f"skipped ({missing} missing; {SKIP_HINT})")
        return

    profile, outdir = tmp / "lo-profile", tmp / "out"
    outdir.mkdir()
    env = dict(os.environ, FONTCONFIG_FILE=str(font_config(tmp)), HOME=str(tmp / "home"))
    (tmp / "home").mkdir()

    def one_letter(index):
        docx_path = tmp / f"letter-{index}.docx"
        start = time.perf_counter()
        write_docx(docx_path, letter)
        built = time.perf_counter()
        pdf = soffice_convert(soffice, docx_path, outdir, profile, env)
        end = time.perf_counter()
        docx_path.unlink()
        return pdf, (built - start) * 1000.0, (end - built) * 1000.0, (end - start) * 1000.0

    try:
        _, _, _, first_ms = one_letter(0)  # creates the profile and the font cache: not counted
        say("docx_libreoffice_first_ms", fmt(first_ms))
        build_ms, convert_ms, total_ms, pdf = [], [], [], b""
        for index in range(1, DOCX_ROUNDS + 1):
            pdf, b, c, t = one_letter(index)
            build_ms.append(b)
            convert_ms.append(c)
            total_ms.append(t)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        say("docx_libreoffice", f"failed ({error}); {SKIP_HINT}")
        return

    p50 = percentile(total_ms, 50)
    say("docx_libreoffice_rounds", DOCX_ROUNDS)
    say("docx_build_p50_ms", fmt(percentile(build_ms, 50)))
    say("soffice_convert_p50_ms", fmt(percentile(convert_ms, 50)))
    say("docx_libreoffice_p50_ms", fmt(p50))
    say("docx_libreoffice_min_ms", fmt(min(total_ms)))
    say("docx_libreoffice_max_ms", fmt(max(total_ms)))
    say("docx_libreoffice_pdf_bytes", len(pdf))
    say("docx_libreoffice_pages", count_pages(pdf))
    say("docx_libreoffice_font_embedded", "yes" if b"Atkinson" in pdf else "no (substituted)")
    say("ratio_libreoffice_to_reportlab_p50", fmt(p50 / letter_p50 if letter_p50 else None, 1))
    say("target", "reportlab at least 100x faster")
