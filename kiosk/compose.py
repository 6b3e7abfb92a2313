"""Turn a flow's document declaration and a person's answers into a Letter or a Sheet.

This is the one place that joins content, answers, the deadline engine and the centre's
settings; documents.py only lays out what it is given.
"""
import datetime

from . import clock, deadlines, letters, qr
from .documents import Letter, Sheet, footer
from .facts import fill
from .flows import engine
from .i18n import text_direction
from .words import DANISH, Words


def deadline_for(flow, document, answers):
    """The document's Deadline, or None when it has none or its date is not on the person's path."""
    rule = document.deadline
    answers = engine.on_path(flow, answers)
    if rule is None or not answers.get(rule.received):
        return None
    received = datetime.date.fromisoformat(answers[rule.received])
    if rule.unit == "given":
        return deadlines.given(received)
    channel = "digital"
    if rule.paper:
        step_id, _, value = rule.paper.partition("=")
        if answers.get(step_id) == value:
            channel = "paper"
    return deadlines.compute(received, deadlines.Period(rule.amount, rule.unit), channel)


def letter(flow, document, answers, centre, content_dir, today=None):
    today = today or clock.today()
    deadline = deadline_for(flow, document, answers)
    values = letters.context(flow, answers, centre, today, deadline)
    blocks = letters.render_blocks(content_dir / "letters", document.template, values)

    def lines(name):
        return [line.strip() for line in blocks.get(name, "").splitlines() if line.strip()]

    paragraphs = [p.strip() for p in blocks.get("tekst", "").split("\n\n") if p.strip()]
    return Letter(sender=lines("afsender"), recipient=lines("modtager"), subject=blocks.get("emne", ""),
                  body=paragraphs, signer=blocks.get("navn", ""), place=centre.get("centre_place", ""),
                  date=today, centre=centre.get("centre_name", ""), hand_in=blocks.get("aflevering", ""))


def sheet(flow, document, answers, centre, lang):
    """The action sheet in `lang`, from data alone (no request): what to do, by when, where.

    In any language but Danish the deadline and the steps are printed in Danish as well, so the
    person can show the sheet to staff or a caseworker who reads no other language.
    """
    words = Words(lang)
    deadline = deadline_for(flow, document, answers)
    result = Sheet(title=words(document.title), steps=[fill(words(s), centre, words) for s in document.steps],
                   centre=centre.get("centre_name", ""), rtl=text_direction(lang) == "rtl",
                   footer=footer(centre.get("centre_name", ""), words),
                   page_words=words("Side %(number)s af %(total)s"))
    if deadline is not None:
        result.deadline_notes = deadline_notes(deadline, words, given=document.deadline.unit == "given",
                                               late=document.deadline.late)
        if deadline.last_day >= clock.today():  # a passed date never stands in the big slot: the notes say it
            result.deadline_label = words(document.deadline.label)
            result.deadline_text = words.date(deadline.last_day)
    elif document.unknown_deadline:
        result.deadline_notes = [words(document.unknown_deadline)]
    if document.where == "borgerservice" and centre.get("borgerservice_address"):
        result.where = [words("Borgerservice:"), centre["borgerservice_address"],
                        centre.get("borgerservice_hours", "")]
    on_path = engine.on_path(flow, answers)
    meeting = event_of(document, on_path, centre)
    for code in document.codes:
        payload = code_payload(code, deadline, document, on_path, centre, meeting, words)
        if payload:
            result.codes.append((payload, words(code.caption)))
    if meeting is not None:
        start, place = meeting
        # No place typed or set (a meeting "Hos kommunen" with no kommune address): say where to find it.
        result.when = [words.date(start.date()), words("kl. %(time)s", time=start.strftime("%H.%M")),
                       place or words("Adressen står i dit brev")]
    result.lists = [(words(flow.steps[s].summary or flow.steps[s].question), items)
                    for s in document.lists if (items := _answer_items(flow.steps[s], on_path.get(s), words))]
    result.notes = words(document.notes) if document.notes else ""
    if document.contacts:
        result.contacts = [_contact(c) for c in centre.get("contacts", []) if c.get("name") or c.get("phone")]
    for entry in document.entries:
        lines = [entry.phone, words(entry.hours) if entry.hours else "",
                 words("Kilde: %(title)s", title=words(flow.sources[entry.source].title))]
        result.contacts.append((words(entry.name), lines, _tel(entry.phone)))
    card_ids = on_path.get(document.cards_from, []) if document.cards_from else document.cards
    result.cards = [_card(flow, flow.steps[c], centre, words) for c in card_ids if c in flow.steps]
    if words.lang != DANISH.lang:
        danish = sheet(flow, document, answers, centre, DANISH.lang)
        deadline_line = f"{danish.deadline_label}: {danish.deadline_text}" if danish.deadline_text else ""
        result.danish_heading = words("På dansk, til personalet og sagsbehandleren")
        result.danish = [line for line in (danish.title, deadline_line, *danish.deadline_notes[:1]) if line]
        result.danish += [f"{number}. {step}" for number, step in enumerate(danish.steps[:3], start=1)]
    return result


def event_of(document, answers, centre):
    """(start as a local datetime, place) of the sheet's meeting, or None if it is not on the path."""
    event = document.event
    if event is None or not answers.get(event.date) or not answers.get(event.time):
        return None
    day = datetime.date.fromisoformat(answers[event.date])
    hour, minute = (int(part) for part in answers[event.time].split(":"))
    place = ""
    for where in event.place:
        key = where.removeprefix("setting:")
        place = str(centre.get(key, "") if where.startswith("setting:") else answers.get(where, "")).strip()
        if place:
            break
    return datetime.datetime.combine(day, datetime.time(hour, minute)), place


def _answer_items(step, value, words):
    if step.kind == "multi":
        return [words(c.label) for c in step.choices if c.value in (value or [])]
    if step.kind == "choice":
        choice = step.choice(value)
        return [words(choice.label)] if choice else []
    return [value] if value else []


def _tel(number):
    try:
        return qr.tel_payload(number)
    except ValueError:
        return ""


def _contact(contact):
    lines = [contact.get(k, "") for k in ("address", "hours", "note")]
    if contact.get("phone"):
        lines.insert(0, contact["phone"])
    return contact.get("name", ""), lines, _tel(contact.get("phone", ""))


def _card(flow, step, centre, words):
    body = [fill(words(p), centre, words) for p in step.body]
    source = "; ".join(words(flow.sources[s].title) for s in step.sources)
    return words(step.question), body, words("Kilde: %(title)s", title=source) if source else ""


def deadline_notes(deadline, words=DANISH, given=False, today=None, late=""):
    passed = deadline.last_day < (today or clock.today())
    if given:
        # A date the letter names itself (a meeting, a reply date): no counting rules apply.
        if passed:
            return [words("Datoen er gået. Spørg personalet, hvad du kan gøre nu.")]
        return [words("Datoen står i brevet. Tjek den en gang til, og spørg personalet, hvis du er i tvivl.")]
    if passed:
        notes = [words("Fristen er gået. Den var %(day)s.", day=words.date(deadline.last_day)),
                 words("Aflever det alligevel i dag, og spørg personalet.")]
        if late:
            notes.append(words(late))
    else:
        notes = [words("Aflever senest %(day)s, så er du på den sikre side.",
                         day=words.date(deadline.safe_day)),
                 words("Fristen slutter kl. 23.59. Det tæller, når myndigheden har fået det.")]
    if deadline.uncertain:
        notes.append(words("Brevet kom på papir. Fristen er talt fra 6 hverdage efter datoen i brevet. "
                             "Fik du det meget senere, så tal med personalet i dag."))
    if deadline.risky:
        notes.append(words("Fristen ligger ved en helligdag. Det er usikkert, om den flyttes. Aflever før."))
    return notes


def code_payload(code, deadline, document, answers, centre=None, meeting=None, words=DANISH):
    value = code.value
    if code.setting:
        value = str((centre or {}).get(code.setting) or "")
    elif code.answer:
        value = answers.get(code.answer, "")
    if code.kind == "url":
        return qr.url_payload(value) if value.startswith("https://") else None
    if code.kind == "tel":
        try:
            return qr.tel_payload(value)
        except ValueError:
            return None  # a number the person or staff typed that is not one: leave the code out
    if code.kind == "event" and meeting is not None:
        start, place = meeting
        return qr.vevent_payload(words(document.event.title), start, location=place, remind_days_before=1)
    if code.kind == "deadline" and deadline is not None and deadline.last_day >= clock.today():
        start = datetime.datetime.combine(deadline.safe_day, datetime.time(10, 0))
        return qr.vevent_payload(words(document.title), start, remind_days_before=1)
    return None
