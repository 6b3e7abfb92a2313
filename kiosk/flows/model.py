"""The shape of a flow. Frozen, so content cannot change while the kiosk runs."""
import datetime
from dataclasses import dataclass, field

from .. import clock, deadlines

STEP_KINDS = ("choice", "multi", "date", "time", "text", "info", "check", "document")
HOURS = tuple(range(7, 21))  # a meeting with an authority falls in the daytime
MINUTES = (0, 15, 30, 45)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    checked: str  # ISO date the fact was last checked against the source


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    picture: str
    next: str | None = None
    hint: str = ""


@dataclass(frozen=True)
class Lateness:
    """A period after a date answer; a route with one branches on whether it has run out."""
    amount: int
    unit: str
    paper: str = ""  # "step=value": the date is the one printed on a paper letter (see deadlines.compute)


@dataclass(frozen=True)
class Route:
    """Go on by an earlier answer: the one declarative branching rule beyond `next`.

    With `late`, `on` is a date step and the case key is "late" once the period from that
    date has run out (by the same deadline rules the printouts use), else "in-time".
    On a multi step, the first case (in declared order) whose value was chosen wins.
    A case may itself be a Route, so a result can depend on two answers (sender and kind).
    """
    on: str  # id of an earlier choice or multi step (or date step, with `late`)
    cases: dict  # choice value (or "late"/"in-time") -> step id or Route
    default: "str | Route | None" = None
    late: Lateness | None = None

    def target(self, answers, today=None):
        key = answers.get(self.on)
        if self.late is not None:
            key = _lateness(answers.get(self.on), self.late, answers, today)
        if isinstance(key, list):
            key = next((k for k in self.cases if k in key), None)
        found = self.cases.get(key, self.default)
        return found.target(answers, today) if isinstance(found, Route) else found

    def targets(self):
        found = []
        for target in [*self.cases.values(), self.default]:
            found += target.targets() if isinstance(target, Route) else [target]
        return found

    def routes(self):
        """This route and every route nested in it."""
        nested = [t for t in [*self.cases.values(), self.default] if isinstance(t, Route)]
        return [self] + [r for n in nested for r in n.routes()]


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    question: str
    picture: str = ""
    hint: str = ""
    body: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    optional: bool = False
    max_length: int = 500
    years: tuple[int, ...] = (-1, 0)  # relative to this year, for date steps
    summary: str = ""  # short label on the check-answers screen
    staff_note: str = ""
    sources: tuple[str, ...] = ()
    document: str = ""
    route: Route | None = None
    links: tuple[str, ...] = ()  # flows to offer next ("what you can do now"); absent flows are not shown
    urgent: bool = False
    lead: str = ""  # document steps: the one flow to go on to, as the big first button (answers carried)
    lead_label: str = ""  # its words, e.g. "Skriv klagen nu"
    print_next: bool = False  # document steps: "Udskriv" also prints the next step's document (letter + sheet)

    def choice(self, value):
        return next((c for c in self.choices if c.value == value), None)


def _lateness(iso_day, late, answers, today):
    if not iso_day:
        return None
    received = datetime.date.fromisoformat(iso_day)
    step_id, _, value = late.paper.partition("=")
    channel = "paper" if late.paper and answers.get(step_id) == value else "digital"
    deadline = deadlines.compute(received, deadlines.Period(late.amount, late.unit), channel)
    return "late" if deadline.last_day < (today or clock.today()) else "in-time"


DOCUMENT_KINDS = ("letter", "sheet")
CODE_KINDS = ("url", "tel", "deadline", "event")
PERIOD_UNITS = ("weeks", "days", "months", "working_days", "given")  # given: the date is the deadline


@dataclass(frozen=True)
class Code:
    """A QR code on a sheet: a link, a phone number, or the deadline as a calendar entry."""
    kind: str
    caption: str
    value: str = ""
    answer: str = ""  # tel: take the number from this text step's answer (skipped when empty or invalid)
    setting: str = ""  # take the value from this centre setting (skipped when staff have not set it)


@dataclass(frozen=True)
class DeadlineRule:
    """How a document's deadline is computed from the person's answers."""
    received: str  # id of the date step that says when the letter came
    amount: int
    unit: str
    paper: str = ""  # "step=value": when that answer was given, the letter came on paper
    label: str = "Sidste frist"
    late: str = ""  # said on the sheet once the deadline has passed, e.g. when a late complaint may still count


@dataclass(frozen=True)
class Event:
    """A meeting the person typed in: printed big, and as a calendar QR code (kind "event")."""
    date: str  # a date step
    time: str  # a time step
    place: tuple[str, ...] = ()  # text steps or "setting:<key>"; the first one with a value is used
    title: str = "Møde"


@dataclass(frozen=True)
class Entry:
    """A national hotline: printed only with a verified number and the source it was checked in."""
    name: str
    phone: str
    source: str  # a source id of the flow
    hours: str = ""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str = "letter"
    template: str = ""  # letters: a Danish Jinja template under content/letters, with named blocks
    deadline: DeadlineRule | None = None
    steps: tuple[str, ...] = ()  # sheets: at most three things to do
    codes: tuple[Code, ...] = ()
    where: str = ""  # sheets: "borgerservice" prints the centre's Borgerservice address and hours
    unknown_deadline: str = ""  # sheets: said instead of a date when the deadline cannot be worked out
    event: Event | None = None  # sheets: a meeting's date, time and place in large type
    lists: tuple[str, ...] = ()  # sheets: steps whose answers are printed as lists (e.g. questions to ask)
    notes: str = ""  # sheets: heading of an empty space to write in by hand
    contacts: bool = False  # sheets: the centre's local contacts from staff settings
    entries: tuple[Entry, ...] = ()  # sheets: national hotlines
    cards: tuple[str, ...] = ()  # sheets: info steps printed as cards to cut out
    cards_from: str = ""  # sheets: a multi step whose chosen values name the cards to print


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    area: str
    picture: str
    first: str
    steps: dict = field(default_factory=dict)  # id -> Step, in declared order
    sources: dict = field(default_factory=dict)  # id -> Source
    documents: dict = field(default_factory=dict)  # id -> Document
    order: int = 100
    requires: str = ""  # a centre setting that must be on for the flow to be offered
    carry: dict = field(default_factory=dict)  # from flow id -> {this flow's step: that flow's step}
    featured: bool = False  # also a big tile of its own on the start screen (the journey the kiosk exists for)


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    picture: str
    order: int = 100
