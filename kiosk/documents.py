"""PDF letters to authorities (always Danish) and action sheets (in the person's language).

Everything is built in memory and returned as bytes; nothing touches the disk. Layout only:
the words come from the flow's content (letter templates, sheet declarations).
"""
import datetime
import io
import threading
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import clock
from .pdftext import (
    ARABIC,
    LATIN,
    LATIN_BOLD,
    RTLParagraph,
    fit_line,
    markup,
    mostly_arabic,
    register_fonts,
    safe,
    single_font,
    visual_order,
)
from .words import DANISH

MONTHS_DA = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]
AUTHOR = "Værestedets kiosk"
HEAD_HEIGHT = 62 * mm


def danish_date(day):
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


@dataclass
class Letter:
    """A letter to an authority, in Danish. Every field may hold any text a person typed."""
    sender: list
    recipient: list
    subject: str
    body: list
    signer: str
    place: str = ""
    date: datetime.date = field(default_factory=clock.today)
    centre: str = ""
    hand_in: str = ""  # a short note on where and how to hand it in, printed after the signature


@dataclass
class Sheet:
    """An action sheet ("Det skal du gøre") in the person's language."""
    title: str
    steps: list
    deadline_label: str = ""
    deadline_text: str = ""  # e.g. "tirsdag 31. marts 2026", already in the person's language
    deadline_notes: list = field(default_factory=list)
    where: list = field(default_factory=list)
    codes: list = field(default_factory=list)  # (payload, caption)
    centre: str = ""
    footer: str = ""
    page_words: str = "Side %(number)s af %(total)s"  # in the sheet's language
    danish: list = field(default_factory=list)  # the deadline and the steps again, in Danish
    danish_heading: str = ""  # in the person's language: "the same in Danish, for staff"
    rtl: bool = False
    when: list = field(default_factory=list)  # a meeting: date, time, place, printed large
    lists: list = field(default_factory=list)  # (heading, [items])
    notes: str = ""  # heading of a space to write in
    contacts: list = field(default_factory=list)  # (name, [lines], tel payload or "")
    cards: list = field(default_factory=list)  # (title, [paragraphs], source line)


def _styles(rtl=False):
    register_fonts()
    align = TA_RIGHT if rtl else TA_LEFT
    base = ParagraphStyle("base", fontName=LATIN, fontSize=11.5, leading=16, alignment=align)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "subject": ParagraphStyle("subject", parent=base, fontName=LATIN_BOLD, fontSize=13, leading=18,
                                  spaceBefore=6, spaceAfter=10),
        "body": ParagraphStyle("body", parent=base, spaceAfter=9),
        "title": ParagraphStyle("title", parent=base, fontName=LATIN_BOLD, fontSize=24, leading=30,
                                spaceAfter=10),
        "deadline": ParagraphStyle("deadline", parent=base, fontName=LATIN_BOLD, fontSize=30, leading=38,
                                   spaceAfter=8),
        "step": ParagraphStyle("step", parent=base, fontSize=16, leading=22, spaceAfter=10),
        "caption": ParagraphStyle("caption", parent=base, fontSize=11, leading=14),
    }


def _para(text, style, bold=False):
    """A Paragraph or, for Arabic text, a right-to-left flowable. Never raw user markup."""
    if mostly_arabic(safe(text)):
        return RTLParagraph(text, size=style.fontSize, leading=style.leading)
    return Paragraph(markup(text, bold=bold), style)


def _numbered_canvas(footer, page_words):
    """A canvas that writes "Side N af M" (in the document's language) and the footer once the
    page count is known."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            page_room = 50 * mm
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                page, page_font, page_size = fit_line(page_words % {"number": number, "total": total}, page_room, 9)
                width = pdfmetrics.stringWidth(page, page_font, page_size)
                text, font, size = fit_line(footer, A4[0] - 45 * mm - width, 9)
                self.setFont(page_font, page_size)
                self.drawRightString(A4[0] - 20 * mm, 12 * mm, page)
                self.setFont(font, size)
                self.drawString(20 * mm, 12 * mm, text)
                super().showPage()
            super().save()

    return NumberedCanvas


# reportlab is not thread-safe: its fonts are shared by every document, and a font's subset is cut
# at save time through state on the shared font. Two server threads saving at once made PDFs that
# failed (3 of 7,037 in the 200-kiosk load run: a 500) or, worse, came out with other glyphs and no
# error at all (tests/documents/test_pdf_threads.py). So a process builds one PDF at a time; a
# PDF takes 10-40 ms, and a waiting screen or print never holds this lock.
_one_pdf_at_a_time = threading.Lock()


def _build(story, title, subject, footer, page_words="Side %(number)s af %(total)s"):
    with _one_pdf_at_a_time:
        return _build_now(story, title, subject, footer, page_words)


def _build_now(story, title, subject, footer, page_words):
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=22 * mm,
                            title=title, author=AUTHOR, subject=subject, creator=AUTHOR,
                            producer=AUTHOR, keywords="")
    doc.build(story, canvasmaker=_numbered_canvas(footer, page_words))
    return buffer.getvalue()


def footer(centre, words=DANISH):
    """The last line of every page, in the document's language (letters: always Danish)."""
    where = safe(centre).strip() or words("værestedet")
    return words("Skrevet med hjælp på %(where)s. Kiosken gemmer intet.", where=where)


def _head(recipient, sender):
    """Sender top right; recipient where a window envelope shows it (about 45-90 mm from the top).

    The row is 62 mm high unless what was typed needs more: then it grows, and may go on over a
    page, so long text never overlaps the date or runs off the top of the paper.
    """
    cells = [[recipient or [Spacer(1, 1)], sender or [Spacer(1, 1)]]]
    style = TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM"), ("VALIGN", (1, 0), (1, 0), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    head = Table(cells, colWidths=[90 * mm, 80 * mm], style=style, splitInRow=1)
    if head.wrap(170 * mm, A4[1])[1] <= HEAD_HEIGHT:
        head = Table(cells, colWidths=[90 * mm, 80 * mm], rowHeights=[HEAD_HEIGHT], style=style)
    return head


def build_letter(letter):
    """The letter as PDF bytes. The metadata is generic: a name never goes into a PDF's info."""
    s = _styles()
    sender = [_para(line, s["right"]) for line in letter.sender if safe(line).strip()]
    place_date = ", ".join(p for p in (safe(letter.place).strip(), danish_date(letter.date)) if p)
    recipient = [_para(line, s["base"]) for line in letter.recipient if safe(line).strip()]
    story = [_head(recipient, sender), Spacer(1, 6 * mm), Paragraph(markup(place_date), s["right"]), Spacer(1, 6 * mm),
             _para(letter.subject, s["subject"], bold=True)]
    story += [_para(paragraph, s["body"]) for paragraph in letter.body if safe(paragraph).strip()]
    closing = [Spacer(1, 4 * mm), Paragraph("Med venlig hilsen", s["base"]), Spacer(1, 16 * mm),
               Paragraph("_" * 40, s["base"]), _para(letter.signer, s["base"]), Spacer(1, 8 * mm),
               Paragraph("CPR-nr.: ____________________ (skriv selv)", s["base"])]
    story.append(KeepTogether(closing))
    if safe(letter.hand_in).strip():
        story += [Spacer(1, 8 * mm), _para(letter.hand_in, s["small"])]
    return _build(story, "Brev", "Brev til en myndighed", footer(letter.centre))


class QrRow(Flowable):
    """Up to three QR codes side by side, each with its caption."""

    def __init__(self, codes):
        super().__init__()
        from .qr import QrFlowable

        self.items = []
        for payload, caption in codes:
            text, font = single_font(caption)
            item = QrFlowable(payload, size=32 * mm, caption=text, font=font)
            if font == ARABIC:
                item.lines = [visual_order(line) for line in item.lines]
            self.items.append(item)

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.sizes = [item.wrap(available_width / max(len(self.items), 1), available_height) for item in self.items]
        return available_width, max((h for _, h in self.sizes), default=0)

    def draw(self):
        slot = self.width / max(len(self.items), 1)
        height = max(h for _, h in self.sizes)
        for i, (item, (w, h)) in enumerate(zip(self.items, self.sizes)):
            item.drawOn(self.canv, i * slot + (slot - w) / 2, height - h)


def build_sheet(sheet):
    """The action sheet as PDF bytes: deadline big, at most three steps, where to go, QR codes."""
    s = _styles(sheet.rtl)
    story = [_para(sheet.title, s["title"], bold=True)]
    # Day and time as large as a deadline; the place, often a long address, a size smaller.
    story += [_para(line, s["deadline"] if i < 2 else s["title"], bold=True)
              for i, line in enumerate(sheet.when) if safe(line).strip()]
    if sheet.deadline_text:
        story += [_para(sheet.deadline_label, s["step"]), _para(sheet.deadline_text, s["deadline"], bold=True)]
    story += [_para(note, s["base"]) for note in sheet.deadline_notes]
    story.append(Spacer(1, 6 * mm))
    for number, step in enumerate(sheet.steps[:3], start=1):
        story.append(_para(f"{number}. {step}", s["step"]))
    if sheet.where:
        story.append(Spacer(1, 4 * mm))
        story += [_para(line, s["base"]) for line in sheet.where if safe(line).strip()]
    for start in range(0, len(sheet.codes), 3):
        story += [Spacer(1, 8 * mm), QrRow(sheet.codes[start:start + 3])]
    story += _more_parts(sheet, s)
    if sheet.danish:
        # For staff or a caseworker: Danish, left to right, whatever the person's language.
        danish = _styles()
        block = [Spacer(1, 6 * mm), _para(sheet.danish_heading or "På dansk", danish["step"], bold=True)]
        block += [_para(line, danish["base"]) for line in sheet.danish]
        story.append(KeepTogether(block))
    return _build(story, "Det skal du gøre", "Handlingsark", sheet.footer or footer(sheet.centre), sheet.page_words)


def _more_parts(sheet, s):
    """The optional parts of a sheet: lists of answers, contacts, a space for notes, cut-out cards."""
    from .qr import QrFlowable  # qr draws with reportlab too; imported here as QrRow does

    story = []
    for heading, items in sheet.lists:
        story += [Spacer(1, 5 * mm), _para(heading, s["step"], bold=True)]
        story += [_para(f"• {item}", s["base"]) for item in items]
    for name, lines, tel in sheet.contacts:
        block = [_para(name, s["step"], bold=True), *(_para(line, s["base"]) for line in lines if line)]
        row = Table([[block, QrFlowable(tel, size=26 * mm) if tel else ""]], colWidths=[130 * mm, 40 * mm],
                    splitInRow=1)  # a contact taller than a page goes on over the next one
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("LINEBELOW", (0, 0), (-1, -1), 0.5, "#888888")]))
        story += [Spacer(1, 3 * mm), KeepTogether(row)]
    if sheet.notes:
        story += [Spacer(1, 6 * mm), _para(sheet.notes, s["step"], bold=True)]
        story += [Paragraph("_" * 62, s["step"]) for _ in range(8)]
    if sheet.cards:
        story += [Spacer(1, 4 * mm), _cards(sheet.cards, s)]
    return story


def _cards(cards, s):
    """Cards two to a row with dashed borders to cut along."""
    cells = [[_para(title, s["step"], bold=True), *(_para(p, s["base"]) for p in body),
              Spacer(1, 2 * mm), _para(source, s["small"])] for title, body, source in cards]
    rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[85 * mm, 85 * mm], splitInRow=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.5, "#555555", None, (3, 3)),
                               ("INNERGRID", (0, 0), (-1, -1), 0.5, "#555555", None, (3, 3)),
                               ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    return table
