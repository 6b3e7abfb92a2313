"""Letters and sheets print every language's words, and pdftotext gets them back exactly."""
import re
import subprocess
import unicodedata

import pytest

from kiosk.documents import Letter, Sheet, build_letter, build_sheet

SAMPLES = {
    "da": "Jeg klager over afgørelsen. Æbler, øl og å.",
    "en": "I want to complain about the decision.",
    "pl": "Zażółć gęślą jaźń w Łodzi.",
    "ro": "Șase școli și țări din România.",
    "tr": "İstanbul'da ağaç, ışık, şeker, çörek, göl, üzüm.",
    "uk": "Ґанок, Євген, їжак, Іван: Київ.",
    "so": "Waxaan rabaa inaan ka cabto go'aanka.",
    "kl": "Kalaallisut oqaluttuaq Nuummi.",
    "ar": "أريد أن أشتكي من القرار الذي وصلني",
}


def pdftotext(pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout.decode("utf-8"))


def flat(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lang", SAMPLES)
def test_a_letter_in_any_language_comes_back_word_for_word(lang, tmp_path):
    words = SAMPLES[lang]
    pdf = build_letter(Letter(sender=[words], recipient=["Aarhus Kommune"], subject="Klage",
                              body=[words], signer=words))
    text = flat(pdftotext(pdf, tmp_path))
    assert text.count(words) >= 3, text


@pytest.mark.parametrize("lang", SAMPLES)
def test_a_sheet_in_any_language_comes_back_word_for_word(lang, tmp_path):
    words = SAMPLES[lang]
    pdf = build_sheet(Sheet(title=words, steps=[words, words], deadline_label=words,
                            deadline_text="31. marts 2026", rtl=lang == "ar",
                            codes=[("https://www.borger.dk/", words[:24])]))
    text = flat(pdftotext(pdf, tmp_path))
    assert text.count(words) >= 4
    assert words[:24].strip() in text, "the QR caption lost glyphs"


def test_long_arabic_wraps_with_lines_in_reading_order(tmp_path):
    sentence = " ".join(f"كلمة{chr(0x0660 + i % 10)}" for i in range(60))
    pdf = build_letter(Letter(sender=[], recipient=["x"], subject="x", body=[sentence], signer="x"))
    text = pdftotext(pdf, tmp_path)
    lines = [flat(line) for line in text.splitlines() if "كلمة" in line]
    assert len(lines) > 2
    # pdftotext adds bidi marks and splits digit runs; compare the letters in reading order.
    squeeze = lambda t: re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", t)
    assert squeeze("".join(lines)) == squeeze(sentence)


def test_the_letter_has_the_parts_a_caseworker_expects(tmp_path):
    import datetime

    pdf = build_letter(Letter(sender=["Jens Hansen", "Uden fast bopæl"], recipient=["Aarhus Kommune"],
                              subject="Klage over afgørelse af 3. marts 2026", body=["Jeg klager."],
                              signer="Jens Hansen", place="Aarhus", date=datetime.date(2026, 11, 26),
                              centre="Café Klare"))
    text = flat(pdftotext(pdf, tmp_path))
    for part in ("Aarhus, 26. november 2026", "Klage over afgørelse af 3. marts 2026", "Med venlig hilsen",
                 "CPR-nr.: ____________________ (skriv selv)", "Side 1 af 1",
                 "Skrevet med hjælp på Café Klare. Kiosken gemmer intet."):
        assert part in text, part


def test_page_numbers_count_all_pages(tmp_path):
    pdf = build_letter(Letter(sender=[], recipient=["x"], subject="x", body=["Lang tekst. " * 80] * 6,
                              signer="x"))
    text = pdftotext(pdf, tmp_path)
    assert "Side 1 af 2" in text and "Side 2 af 2" in text


def test_emoji_and_control_characters_vanish_without_boxes(tmp_path):
    pdf = build_letter(Letter(sender=["Åse 😀\x00\u202e"], recipient=["x"], subject="x", body=["ok 👍"],
                              signer="x"))
    text = pdftotext(pdf, tmp_path)
    assert "Åse" in text and "😀" not in text and "\ufffd" not in text
