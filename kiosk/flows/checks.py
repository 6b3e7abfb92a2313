"""Checks on a loaded flow: every name a step, route, document or letter uses must exist.

The loader calls check_flow for each flow and refuses to start if any problem is found.
"""
import datetime
import re
from pathlib import Path

from .letter_check import check_letter
from .model import CODE_KINDS, DOCUMENT_KINDS, PERIOD_UNITS, STEP_KINDS

CARRY_KINDS = {"choice", "multi", "date", "time", "text"}
LATE_CASES = {"late", "in-time"}
KINDS_WITH_CHOICES = {"choice", "multi"}


def check_flow(flow, where, areas, picture_exists, letters_dir, problems):
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
        for route in step.route.routes() if step.route else []:
            _check_route(flow, route, sw, problems)
        _check_lead(flow, step, sw, problems)
    for source_flow, pairs in flow.carry.items():
        for target, source_step in (pairs.items() if isinstance(pairs, dict) else []):
            if flow.steps.get(target) is None or flow.steps[target].kind not in CARRY_KINDS:
                problems.append(f"{where}: carry from '{source_flow}' into '{target}', which is no question step")
            if not isinstance(source_step, str):
                problems.append(f"{where}: carry from '{source_flow}' names no step for '{target}'")
        if not isinstance(pairs, dict):
            problems.append(f"{where}: carry from '{source_flow}' is not a table")
    _check_graph(flow, where, problems)


def _check_route(flow, route, sw, problems):
    on = flow.steps.get(route.on)
    if route.late is not None:
        if on is None or on.kind != "date":
            problems.append(f"{sw}: route.on '{route.on}' is not a date step")
        if route.late.unit not in PERIOD_UNITS or route.late.unit == "given":
            problems.append(f"{sw}: route.late unit '{route.late.unit}' is not valid")
        for key in set(route.cases) - LATE_CASES:
            problems.append(f"{sw}: route case '{key}' is not 'late' or 'in-time'")
        if route.late.paper:
            step_id, _, value = route.late.paper.partition("=")
            if flow.steps.get(step_id) is None or flow.steps[step_id].choice(value) is None:
                problems.append(f"{sw}: route.late.paper '{route.late.paper}' names no step and choice")
    elif on is None or on.kind not in KINDS_WITH_CHOICES:
        problems.append(f"{sw}: route.on '{route.on}' is not a choice or multi step")
    else:
        for value in route.cases:
            if on.choice(value) is None:
                problems.append(f"{sw}: route case '{value}' is not a choice of '{on.id}'")


def _check_lead(flow, step, sw, problems):
    """A lead names a flow (checked across flows by the loader) and needs words; print_next a document next."""
    if (step.lead or step.lead_label or step.print_next) and step.kind != "document":
        problems.append(f"{sw}: only a document step has a lead or print_next")
    if bool(step.lead) != bool(step.lead_label):
        problems.append(f"{sw}: a lead needs both a flow and a label")
    if step.print_next:
        following = [t for t in [step.next, *(step.route.targets() if step.route else [])] if t]
        if not following or any(flow.steps.get(t) is None or flow.steps[t].kind != "document" for t in following):
            problems.append(f"{sw}: print_next needs a document step next")


LETTER_BLOCKS = {"afsender", "modtager", "emne", "tekst", "navn"}


def _check_document(flow, doc, where, letters_dir, problems):
    if doc.kind not in DOCUMENT_KINDS:
        problems.append(f"{where}: unknown kind '{doc.kind}'")
    if doc.kind == "letter":
        path = Path(letters_dir) / doc.template
        if not doc.template or not path.is_file():
            problems.append(f"{where}: template '{doc.template}' not found")
        else:
            source = path.read_text(encoding="utf-8")
            blocks = set(re.findall(r"{%-?\s*block\s+(\w+)", source))
            for missing in sorted(LETTER_BLOCKS - blocks):
                problems.append(f"{where}: template '{doc.template}' has no block '{missing}'")
            check_letter(flow, doc.template, source, where, problems)
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


def check_between_flows(flows, problems):
    """A lead goes to a flow that exists and takes this flow's answers; a carry names real steps."""
    for flow in flows.values():
        for step in flow.steps.values():
            if step.lead and (step.lead not in flows or flow.id not in flows[step.lead].carry):
                problems.append(f"{flow.id} step {step.id}: lead '{step.lead}' is no flow that carries from here")
        for source_id, pairs in flow.carry.items():
            source = flows.get(source_id)
            for source_step in (pairs.values() if isinstance(pairs, dict) else []):
                if source is not None and source_step not in source.steps:
                    problems.append(f"{flow.id}: carry names step '{source_step}', which '{source_id}' does not have")
