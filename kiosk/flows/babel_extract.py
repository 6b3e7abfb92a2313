"""A Babel extractor for flow and area files, so `pybabel extract` finds content text too."""
import tomllib

STEP_TEXT = ("question", "hint", "summary", "staff_note", "lead_label")
CHOICE_TEXT = ("label", "hint")


def _texts(data):
    yield data.get("title")
    for area in data.get("areas", []):
        yield area.get("title")
    for source in data.get("sources", []):
        yield source.get("title")
    for document in data.get("documents", []):
        yield document.get("title")
        yield from document.get("steps", [])
        yield document.get("deadline", {}).get("label", "Sidste frist" if document.get("deadline") else None)
        yield document.get("deadline", {}).get("late")
        yield from (code.get("caption") for code in document.get("codes", []))
        yield document.get("unknown_deadline")
        yield document.get("notes")
        yield document.get("event", {}).get("title", "Møde" if document.get("event") else None)
        yield from (entry.get(key) for entry in document.get("entries", []) for key in ("name", "hours"))
    for step in data.get("steps", []):
        yield from (step.get(key) for key in STEP_TEXT)
        yield from step.get("body", [])
        for choice in step.get("choices", []):
            yield from (choice.get(key) for key in CHOICE_TEXT)


def extract_flows(fileobj, keywords, comment_tags, options):
    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    for text in _texts(tomllib.loads(raw)):
        if not text:
            continue
        lineno = next((i + 1 for i, line in enumerate(lines) if text[:40] in line), 0)
        yield lineno, "gettext", text, []
