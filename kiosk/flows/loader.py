"""Read flows and areas from TOML and refuse anything broken, at start-up, not in front of a user."""
import datetime
import re
import tomllib
from pathlib import Path

from .model import (
    CODE_KINDS,
    DOCUMENT_KINDS,
    PERIOD_UNITS,
    STEP_KINDS,
    Area,
    Choice,
    Code,
    DeadlineRule,
    Document,
    Entry,
    Event,
    Flow,
    Lateness,
    Route,
    Source,
    Step,
)


class ContentError(ValueError):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


STEP_KEYS = set(Step.__dataclass_fields__)
CHOICE_KEYS = set(Choice.__dataclass_fields__)
FLOW_KEYS = {"id", "title", "area", "picture", "first", "order", "steps", "sources", "documents",
             "requires", "carry"}
CARRY_KINDS = {"choice", "multi", "date", "time", "text"}
LATE_CASES = {"late", "in-time"}
KINDS_WITH_CHOICES = {"choice", "multi"}


def _tuple_fields(raw, names):
    return {k: tuple(v) if k in names and isinstance(v, list) else v for k, v in raw.items()}


def _unknown(raw, allowed, where, problems):
    for key in sorted(set(raw) - allowed):
        problems.append(f"{where}: unknown key '{key}'")


def _build_flow(raw, where, problems):
    _unknown(raw, FLOW_KEYS, where, problems)
    steps = {}
    for i, s in enumerate(raw.get("steps", [])):
        sw = f"{where} step {s.get('id', i)}"
        _unknown(s, STEP_KEYS, sw, problems)
        choices = []
        for c in s.get("choices", []):
            _unknown(c, CHOICE_KEYS, f"{sw} choice {c.get('value')}", problems)
            try:
                choices.append(Choice(**{k: v for k, v in c.items() if k in CHOICE_KEYS}))
            except TypeError as e:
                problems.append(f"{sw}: bad choice: {e}")
        fields = {k: v for k, v in s.items() if k in STEP_KEYS and k != "choices"}
        try:
            if "route" in fields:
                route = dict(fields["route"])
                if "late" in route:
                    route["late"] = Lateness(**route["late"])
                fields["route"] = Route(**route)
            step = Step(choices=tuple(choices), **_tuple_fields(fields, {"body", "years", "sources", "links"}))
        except TypeError as e:
            problems.append(f"{sw}: {e}")
            continue
        if step.id in steps:
            problems.append(f"{sw}: duplicate step id")
        steps[step.id] = step
    sources = {}
    for s in raw.get("sources", []):
        try:
            sources[s["id"]] = Source(**s)
        except (TypeError, KeyError) as e:
            problems.append(f"{where}: bad source {s}: {e}")
    documents = {}
    for d in raw.get("documents", []):
        try:
            fields = dict(d)
            if "deadline" in fields:
                fields["deadline"] = DeadlineRule(**fields["deadline"])
            fields["codes"] = tuple(Code(**c) for c in fields.get("codes", []))
            fields["steps"] = tuple(fields.get("steps", []))
            if "event" in fields:
                fields["event"] = Event(**{**fields["event"], "place": tuple(fields["event"].get("place", ()))})
            fields["entries"] = tuple(Entry(**e) for e in fields.get("entries", []))
            for key in ("lists", "cards"):
                fields[key] = tuple(fields.get(key, []))
            documents[d["id"]] = Document(**fields)
        except (TypeError, KeyError) as e:
            problems.append(f"{where}: bad document {d.get('id')}: {e}")
    try:
        return Flow(id=raw["id"], title=raw["title"], area=raw["area"], picture=raw["picture"],
                    first=raw["first"], order=raw.get("order", 100),
                    requires=raw.get("requires", ""), carry=raw.get("carry", {}),
                    steps=steps, sources=sources, documents=documents)
    except KeyError as e:
        problems.append(f"{where}: missing {e}")
        return None


def _check_flow(flow, where, areas, picture_exists, letters_dir, problems):
    def picture(name, what):
        if not name:
            problems.append(f"{where}: {what} has no picture")
        elif not picture_exists(name):
            problems.append(f"{where}: {what} picture '{name}' not found")

    if flow.area not in areas:
        problems.append(f"{where}: unknown area '{flow.area}'")
    picture(flow.picture, "flow")
    if flow.first not in flow.steps:
        problems.append(f"{where}: first step '{flow.first}' does not exist")
    for source in flow.sources.values():
        if not source.url.startswith("https://"):
            problems.append(f"{where}: source '{source.id}' needs an https URL")
        try:
            datetime.date.fromisoformat(source.checked)
        except ValueError:
            problems.append(f"{where}: source '{source.id}' has no ISO 'checked' date")
    for doc in flow.documents.values():
        _check_document(flow, doc, f"{where} document {doc.id}", letters_dir, problems)
    for step in flow.steps.values():
        sw = f"{where} step {step.id}"
        if step.kind not in STEP_KINDS:
            problems.append(f"{sw}: unknown kind '{step.kind}'")
        if step.picture:
            picture(step.picture, f"step {step.id}")
        targets = [step.next] + [c.next for c in step.choices] + (step.route.targets() if step.route else [])
        for target in targets:
            if target is not None and target not in flow.steps:
                problems.append(f"{sw}: next '{target}' does not exist")
        if step.kind in KINDS_WITH_CHOICES:
            if not step.choices:
                problems.append(f"{sw}: a {step.kind} step needs choices")
            values = [c.value for c in step.choices]
            if len(values) != len(set(values)):
                problems.append(f"{sw}: choice values repeat")
            for c in step.choices:
                picture(c.picture, f"choice {c.value}")
        elif step.choices:
            problems.append(f"{sw}: only choice and multi steps have choices")
        for ref in step.sources:
            if ref not in flow.sources:
                problems.append(f"{sw}: source '{ref}' is not declared")
        if step.kind == "document" and step.document not in flow.documents:
            problems.append(f"{sw}: document '{step.document}' is not declared")
        if step.route is not None and step.route.late is not None:
            on = flow.steps.get(step.route.on)
            if on is None or on.kind != "date":
                problems.append(f"{sw}: route.on '{step.route.on}' is not a date step")
            if step.route.late.unit not in PERIOD_UNITS or step.route.late.unit == "given":
                problems.append(f"{sw}: route.late unit '{step.route.late.unit}' is not valid")
            for key in set(step.route.cases) - LATE_CASES:
                problems.append(f"{sw}: route case '{key}' is not 'late' or 'in-time'")
        elif step.route is not None:
            on = flow.steps.get(step.route.on)
            if on is None or on.kind != "choice":
                problems.append(f"{sw}: route.on '{step.route.on}' is not a choice step")
            else:
                for value in step.route.cases:
                    if on.choice(value) is None:
                        problems.append(f"{sw}: route case '{value}' is not a choice of '{on.id}'")
    for source_flow, pairs in flow.carry.items():
        for target, source_step in (pairs.items() if isinstance(pairs, dict) else []):
            if flow.steps.get(target) is None or flow.steps[target].kind not in CARRY_KINDS:
                problems.append(f"{where}: carry from '{source_flow}' into '{target}', which is no question step")
            if not isinstance(source_step, str):
                problems.append(f"{where}: carry from '{source_flow}' names no step for '{target}'")
        if not isinstance(pairs, dict):
            problems.append(f"{where}: carry from '{source_flow}' is not a table")
    _check_graph(flow, where, problems)


LETTER_BLOCKS = {"afsender", "modtager", "emne", "tekst", "navn"}


def _check_document(flow, doc, where, letters_dir, problems):
    if doc.kind not in DOCUMENT_KINDS:
        problems.append(f"{where}: unknown kind '{doc.kind}'")
    if doc.kind == "letter":
        path = Path(letters_dir) / doc.template
        if not doc.template or not path.is_file():
            problems.append(f"{where}: template '{doc.template}' not found")
        else:
            blocks = set(re.findall(r"{%-?\s*block\s+(\w+)", path.read_text(encoding="utf-8")))
            for missing in sorted(LETTER_BLOCKS - blocks):
                problems.append(f"{where}: template '{doc.template}' has no block '{missing}'")
    has_more = doc.event or doc.lists or doc.contacts or doc.entries or doc.cards or doc.cards_from
    if doc.kind == "sheet" and (len(doc.steps) > 3 or not (doc.steps or has_more)):
        problems.append(f"{where}: a sheet has one to three steps")
    _check_sheet_parts(flow, doc, where, problems)
    rule = doc.deadline
    if rule is not None:
        if flow.steps.get(rule.received) is None or flow.steps[rule.received].kind != "date":
            problems.append(f"{where}: deadline.received '{rule.received}' is not a date step")
        if rule.unit not in PERIOD_UNITS or rule.amount < 1:
            problems.append(f"{where}: deadline period '{rule.amount} {rule.unit}' is not valid")
        if rule.paper:
            step_id, _, value = rule.paper.partition("=")
            step = flow.steps.get(step_id)
            if step is None or step.choice(value) is None:
                problems.append(f"{where}: deadline.paper '{rule.paper}' names no step and choice")
    for code in doc.codes:
        if code.kind not in CODE_KINDS:
            problems.append(f"{where}: unknown code kind '{code.kind}'")
        elif code.setting:
            pass  # the centre's own value; checked when staff save it
        elif code.kind == "url" and not code.value.startswith("https://"):
            problems.append(f"{where}: code '{code.caption}' needs an https URL")
        elif code.kind == "tel" and code.answer:
            if flow.steps.get(code.answer) is None or flow.steps[code.answer].kind != "text":
                problems.append(f"{where}: code '{code.caption}' answer '{code.answer}' is not a text step")
        elif code.kind == "tel" and not any(ch.isdigit() for ch in code.value):
            problems.append(f"{where}: code '{code.caption}' needs a phone number")
        elif code.kind == "deadline" and rule is None:
            problems.append(f"{where}: a deadline code needs a deadline")


def _check_sheet_parts(flow, doc, where, problems):
    def kind_of(step_id):
        return flow.steps[step_id].kind if step_id in flow.steps else None

    if doc.event is not None:
        if kind_of(doc.event.date) != "date" or kind_of(doc.event.time) != "time":
            problems.append(f"{where}: event needs a date step and a time step")
        for place in doc.event.place:
            if not place.startswith("setting:") and kind_of(place) != "text":
                problems.append(f"{where}: event place '{place}' is not a text step or setting")
    for step_id in doc.lists:
        if kind_of(step_id) not in ("multi", "choice", "text"):
            problems.append(f"{where}: list '{step_id}' is not a question step")
    for step_id in doc.cards:
        if kind_of(step_id) != "info":
            problems.append(f"{where}: card '{step_id}' is not an info step")
    if doc.cards_from:
        if kind_of(doc.cards_from) != "multi":
            problems.append(f"{where}: cards_from '{doc.cards_from}' is not a multi step")
        else:
            for choice in flow.steps[doc.cards_from].choices:
                if kind_of(choice.value) != "info":
                    problems.append(f"{where}: card '{choice.value}' is not an info step")
    for entry in doc.entries:
        if entry.source not in flow.sources:
            problems.append(f"{where}: hotline '{entry.name}' has no declared source")
        if not any(ch.isdigit() for ch in entry.phone):
            problems.append(f"{where}: hotline '{entry.name}' has no phone number")
    for code in doc.codes:
        if code.kind == "event" and doc.event is None:
            problems.append(f"{where}: an event code needs an event")


def _check_graph(flow, where, problems):
    """Every step reachable from the first, and no loops: a loop would trap a person."""
    if flow.first not in flow.steps:
        return
    edges = {s.id: {t for t in [s.next, *(c.next for c in s.choices),
                                *(s.route.targets() if s.route else [])] if t in flow.steps}
             for s in flow.steps.values()}
    seen, state = set(), {}

    def visit(node):
        state[node] = "open"
        for target in edges[node]:
            if state.get(target) == "open":
                problems.append(f"{where}: steps loop back to '{target}'")
            elif target not in state:
                visit(target)
        state[node] = "done"
        seen.add(node)

    visit(flow.first)
    for orphan in sorted(set(flow.steps) - seen):
        problems.append(f"{where}: step '{orphan}' cannot be reached")


def load_content(content_dir, picture_exists):
    """Return (areas, flows) from `content_dir`, or raise ContentError listing every problem."""
    content_dir = Path(content_dir)
    problems = []
    with open(content_dir / "areas.toml", "rb") as fh:
        raw_areas = tomllib.load(fh).get("areas", [])
    areas = {}
    for a in raw_areas:
        try:
            areas[a["id"]] = Area(**a)
        except (TypeError, KeyError) as e:
            problems.append(f"areas.toml: bad area {a}: {e}")
    for area in areas.values():
        if not picture_exists(area.picture):
            problems.append(f"areas.toml: area '{area.id}' picture '{area.picture}' not found")
    flows = {}
    for path in sorted((content_dir / "flows").glob("*.toml")):
        where = path.name
        try:
            with open(path, "rb") as fh:
                raw = tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{where}: {e}")
            continue
        flow = _build_flow(raw, where, problems)
        if flow is None:
            continue
        if flow.id in flows:
            problems.append(f"{where}: flow id '{flow.id}' is used twice")
        _check_flow(flow, where, areas, picture_exists, content_dir / "letters", problems)
        flows[flow.id] = flow
    if problems:
        raise ContentError(problems)
    return areas, flows
