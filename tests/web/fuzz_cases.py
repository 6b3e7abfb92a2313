"""Hostile form posts for one step of a real flow, from a seeded generator (test_fuzz.py sends them).

Each case is what a crafted request or a careless tap could send. The three classes the
reliability fuzz found as 500s are here on purpose, on every step: a non-ASCII CSRF token,
`skip=1` (which crashed on optional multi-choice steps), and text that broke the letter's
layout (tests/documents/pages.py).
"""
import random
from dataclasses import dataclass, field

from tests.documents.pages import HOSTILE_KINDS, hostile

# Markup that must come back as text; test_fuzz finds these by parsing the page, not by substring.
PROBES = [
    "<fuzz-probe data-fuzz=1>x</fuzz-probe>", "</textarea><fuzz-probe>", '"><img src=x onerror=fuzz()>',
    "<script>fuzz()</script>", "'><svg onload=fuzz()>", "<b data-fuzz>fed</b> &amp; &lt;",
    '<img src="/etc/hostname"/> Київ', "<para><font name=x>", "{{7*7}} {naeste_valg} %(n)s {% raw %}",
]
ODD = ["\x00\x01\x1b\x7f", "\u202e\u200b\ufeff evil", "\ud7ff\ue000\U0010ffff", "😀" * 40, "\r\n" * 80,
       "   \n\t ", "a" + "\u0301" * 900, "&#xD800; &bogus; &#0;"]
ALPHABET = "aæøåW Ж ب م 😀<>&\"'/\\\n\t\x00\u202e{}%#;=."


@dataclass
class Case:
    name: str
    form: list = field(default_factory=list)  # (key, value) pairs; the token is added unless given
    token: str | None = "valid"               # "valid", None (left out), or the literal token to send
    headers: dict = field(default_factory=dict)
    method: str = "POST"
    suffix: str = ""                          # "", "/ret", "/pdf", "/udskriv"
    cookie: str = "visit"                     # "visit", "none" or a literal cookie value
    raw: bytes | None = None                  # a body sent as it is, with its content type in headers
    expect: int | None = None                 # an exact status where one is required
    text: str | None = None                   # the typed text, for the PDF follow-up


def random_text(rng, limit):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, limit)))


def structural(step):
    """Token, cookie, method and body shapes; the same on every step."""
    non_ascii = "é" * 64
    yield Case("token non-ASCII", [("answer", "x")], token=non_ascii, expect=400)
    yield Case("token non-ASCII header", [("answer", "x")], token=None,
               headers={"X-CSRF-Token": non_ascii.encode().decode("latin-1")}, expect=400)
    yield Case("token emoji", [("answer", "x")], token="😀", expect=400)
    yield Case("token missing", [("answer", "x")], token=None, expect=400)
    yield Case("token wrong", [("answer", "x")], token="0" * 64, expect=400)
    yield Case("no cookie", [("answer", "x")], cookie="none", expect=400)
    yield Case("odd cookie", [("answer", "x")], cookie="é" * 43, expect=400)
    yield Case("GET with a query", method="GET", suffix="?answer=<fuzz-probe>", expect=303)
    yield Case("PUT", [("answer", "x")], method="PUT", expect=405)
    yield Case("change", method="GET", suffix="/ret")
    if step.kind != "document":
        yield Case("pdf of a question", method="GET", suffix="/pdf", expect=404)
        yield Case("print a question", suffix="/udskriv", expect=404)
    # "TOKEN" in a raw body is replaced with the visit's token, so the body reaches the step.
    yield Case("invalid UTF-8", raw=b"answer=%FF%FE%C3%28&next=1&day=%FF&csrf_token=TOKEN",
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    yield Case("multipart with a path", raw=(b"--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
                                            b"TOKEN\r\n--b\r\nContent-Disposition: form-data; name=\"answer\"; "
                                            b"filename=\"../../x\"\r\n\r\n<fuzz-probe>\r\n--b--\r\n"),
               headers={"Content-Type": "multipart/form-data; boundary=b"})
    yield Case("JSON", raw=b'{"answer": "<fuzz-probe>"}', headers={"Content-Type": "application/json"})
    yield Case("too big", [("answer", "x" * 70_000)], expect=413)


def generic(step, rng):
    """What any step might get: skip, nothing, unknown fields, floods."""
    yield Case("skip", [("skip", "1")])
    yield Case("skip with junk", [("skip", "1"), ("answer", rng.choice(PROBES)), ("day", "99")])
    yield Case("empty", [])
    yield Case("unknown fields", [("x\x00", "1"), ("æ", "<fuzz-probe>"), ("answer[]", "x")])
    if rng.random() < 0.2:
        yield Case("3000 fields", [(f"f{i}", "v") for i in range(3000)])


def for_text(step, rng):
    """Every kind of text is posted; a few, taken, then go on into the person's documents (`text`):
    building a PDF costs far more than a post, and tests/documents/test_layout.py builds every
    document with every hard kind of text already."""
    n = step.max_length
    to_paper = {"lines-rtl", rng.choice(HOSTILE_KINDS)}
    for kind in HOSTILE_KINDS:
        text = hostile(kind, n)
        yield Case(f"text {kind}", [("answer", text)], text=text if kind in to_paper else None)
    on_paper = rng.choice(PROBES)
    for probe in PROBES:
        yield Case("text markup", [("answer", probe)], text=probe if probe == on_paper else None)
    for odd in ODD:
        yield Case("text odd", [("answer", odd)], text=odd if rng.random() < 0.1 else None)
    yield Case("text one too long", [("answer", "<fuzz-probe>" + "x" * n)])
    yield Case("text 60 KB", [("answer", "ب" * 30_000)])
    for number in range(3):
        text = random_text(rng, n + 20)
        yield Case("text random", [("answer", text)], text=text if number == 0 else None)


def for_choices(step, rng):
    real = [c.value for c in step.choices]
    first = real[0]
    values = ["", first.upper(), first + "\x00", "x" * 60_000, first.translate(FULL_WIDTH), "../../etc/passwd",
              "<fuzz-probe>", " " + first, rng.choice(real)]
    for value in values:
        yield Case("choice odd", [("answer", value)])
    yield Case("choice twice", [("answer", first), ("answer", first)])
    yield Case("choice 1000 times", [("answer", first)] * 1000)
    yield Case("choice all", [("answer", v) for v in real])
    yield Case("choice next", [("answer", rng.choice(real)), ("next", "1"), ("skip", "0")])


FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
DATES = [("٣", "١٢", "٢٠٢٦"), ("３", "１２", "２０２６"), ("99999999999999999999", "1", "2026"), ("29", "2", "2027"),
         ("29", "2", "2028"), ("31", "4", "2026"), ("1", "1", "1899"), ("1", "1", "2201"), ("", "", ""),
         ("-1", "0", "0"), ("1e3", "1", "2026"), (" 1", "1 ", "2026"), ("<fuzz-probe>", "1", "2026")]


def for_date(step, rng):
    for day, month, year in DATES:
        yield Case("date odd", [("day", day), ("month", month), ("year", year)])
    for shortcut in ("today", "yesterday", "tomorrow", "TODAY", "<fuzz-probe>"):
        yield Case("date shortcut", [("shortcut", shortcut)])
    day = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2000, 2030)
    yield Case("date random", [("day", str(day[0])), ("month", str(day[1])), ("year", str(day[2]))])


def for_time(step, rng):
    for hour, minute in [("25", "00"), ("-1", "30"), ("٠٩", "٣٠"), ("9", "7"), ("", ""), ("１０", "３０"),
                         ("10", "30"), ("<fuzz-probe>", "1"), (str(rng.randint(0, 30)), str(rng.randint(0, 70)))]:
        yield Case("time odd", [("hour", hour), ("minute", minute)])


def for_passing(step, rng):
    yield Case("next", [("next", "1")])
    yield Case("next with junk", [("next", "<fuzz-probe>"), ("answer", random_text(rng, 40))])


BY_KIND = {"text": for_text, "choice": for_choices, "multi": for_choices, "date": for_date, "time": for_time,
           "info": for_passing, "check": for_passing, "document": for_passing}


def cases(step, seed):
    """Every case for one step; the same seed gives the same cases."""
    rng = random.Random(f"{seed}/{step.id}/{step.kind}")
    return [*structural(step), *generic(step, rng), *BY_KIND[step.kind](step, rng)]
