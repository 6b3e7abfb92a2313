"""Read flows and areas from TOML and refuse anything broken, at start-up, not in front of a user."""
import tomllib
from pathlib import Path

from .checks import check_between_flows, check_flow
from .model import (
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
             "requires", "carry", "featured"}


def _tuple_fields(raw, names):
    return {k: tuple(v) if k in names and isinstance(v, list) else v for k, v in raw.items()}


def _unknown(raw, allowed, where, problems):
    for key in sorted(set(raw) - allowed):
        problems.append(f"{where}: unknown key '{key}'")


def _build_route(raw):
    """A route from TOML; a case (or the default) that is a table is a nested route."""
    route = dict(raw)
    if "late" in route:
        route["late"] = Lateness(**route["late"])
    route["cases"] = {k: _build_route(v) if isinstance(v, dict) else v for k, v in route.get("cases", {}).items()}
    if isinstance(route.get("default"), dict):
        route["default"] = _build_route(route["default"])
    return Route(**route)


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
                fields["route"] = _build_route(fields["route"])
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
                    requires=raw.get("requires", ""), carry=raw.get("carry", {}), featured=raw.get("featured", False),
                    steps=steps, sources=sources, documents=documents)
    except KeyError as e:
        problems.append(f"{where}: missing {e}")
        return None


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
        check_flow(flow, where, areas, picture_exists, content_dir / "letters", problems)
        flows[flow.id] = flow
    check_between_flows(flows, problems)
    if problems:
        raise ContentError(problems)
    return areas, flows
