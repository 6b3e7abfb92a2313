"""Simulated kiosks for bench/load.py and bench/soak.py (run by them; locust, requirements-bench.txt).

Each simulated kiosk is one browser with its own `kiosk` cookie. Over and over it:
    GET /, taps an area or a featured flow, and walks that flow to its end, reading every step's
    form from the parsed page (tests/page.py), as tests/web/test_fuzz.py and bench/journeys.py do:
    a choice button, one or two checkboxes, a text (with this kiosk's canary), a date (a shortcut
    or the pickers), a time, or "Videre". On every document it GETs the PDF (/pdf). A document
    that leads to another flow ("Skriv en klage") is followed half the time. 1-3 s think time
    between taps (BENCH_THINK). At the end: "Færdig - slet alt" (POST /faerdig), and again from the
    start. A browser's follow of a 303 is its own timed request. About a third of the pages also
    GET a static file (BENCH_STATIC), the same-run baseline. When the run stops (locust's
    --stop-timeout lets a tap in flight finish), each kiosk wipes.

Every POST carries the csrf_token of the form it submits. Text fields get
`<BENCH_CANARY>-<kiosk> ...`, so bench/load.py can search for the canary after the run.

Request names: home, area, flow begin, step GET, step POST, pdf, static, wipe. Expected answers:
GETs 200 (area and flow begin 303), POSTs 303 (a step POST may re-show its step with a kind error,
200, counted apart as re-shown), PDFs 200 with a %PDF body. Anything else is an error.

Raw figures (every response time, errors by kind, requests per minute) go to BENCH_RAW as JSON
when locust quits; the bench scripts compute the percentiles (bench/stats.py).
"""
import json
import os
import random
import re
import secrets
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, events, task
from locust.exception import CatchResponseError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.page import Page  # noqa: E402

CANARY = os.environ.get("BENCH_CANARY", "CANARY-bench")
STATIC = os.environ.get("BENCH_STATIC", "/static/css/kiosk.css")
RAW_OUT = os.environ.get("BENCH_RAW", "")
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(","))  # seconds, from-to
STATIC_SHARE = 0.33
LEAD_SHARE = 0.5
MAX_SCREENS = 60          # a walk longer than this is a loop: counted as an error, then wiped
HEADERS = {"Accept": "text/html", "Accept-Language": "da"}
MAX_LENGTH = re.compile(r"Højst (\d+) tegn")

# Filled by the request listener; written to BENCH_RAW when locust quits.
TIMES = {}
ERRORS = Counter()
REQUESTS = Counter()
EVENTS = Counter()
PER_MINUTE = {}
STARTED = time.time()


def error_kind(exception):
    if isinstance(exception, CatchResponseError):
        return str(exception)
    return type(exception).__name__


@events.request.add_listener
def _record(name, response_time, exception, **_):
    REQUESTS[name] += 1
    minute = int((time.time() - STARTED) // 60)
    counts = PER_MINUTE.setdefault(minute, [0, 0])
    counts[0] += 1
    if exception is not None:
        ERRORS[f"{name}: {error_kind(exception)}"] += 1
        counts[1] += 1
    else:
        TIMES.setdefault(name, []).append(round(response_time, 2))


@events.quitting.add_listener
def _write_raw(**_):
    if not RAW_OUT:
        return
    with open(RAW_OUT, "w", encoding="utf-8") as fh:
        json.dump({"times": TIMES, "errors": ERRORS, "requests": REQUESTS, "events": EVENTS,
                   "per_minute": [PER_MINUTE.get(m, [0, 0]) for m in range(max(PER_MINUTE, default=-1) + 1)]}, fh)


def kind_of(path):
    """The request name for a GET of `path`."""
    parts = [p for p in urlsplit(path).path.split("/") if p]
    if not parts:
        return "home"
    if parts[0] == "omraade":
        return "area"
    if parts[0] == "flow":
        if parts[-1] == "pdf":
            return "pdf"
        return "step GET" if len(parts) == 3 else "flow begin"  # /flow/<id>, /flow/<id>/fra/<src>
    return "other GET"


class Kiosk(FastHttpUser):
    """One kiosk screen. Each task run is one tap; locust's wait between tasks is the think time, so
    a run that ends stops a kiosk between taps, never inside a request, and its wipe goes out clean."""

    def wait_time(self):
        return random.uniform(*THINK)

    def on_start(self):
        self.canary = f"{CANARY}-{secrets.token_hex(3)}"
        self.page = None
        self.path = None
        self.stage = "home"
        self.screens = 0
        self.go("/")

    def on_stop(self):
        # The run is over: this kiosk's person is done too, so the store can be seen empty.
        self.wipe()

    # -- requests -----------------------------------------------------------------------------

    def request(self, method, path, name, ok_status, data=None):
        """One timed request, recorded under `name`; the response, or None if it failed."""
        headers = HEADERS
        if data is not None:  # encoded here: a field given twice (checkboxes) is sent twice
            data = urlencode(data, doseq=True)
            headers = {**HEADERS, "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.request(method, path, data=data, name=name, headers=headers,
                                 allow_redirects=False, catch_response=True) as r:
            exc = r.request_meta.get("exception")
            if not r.status_code and exc is not None:
                r.failure(exc)  # a connection error or timeout: its type is the error kind
                return None
            if r.status_code not in ok_status:
                r.failure(f"status {r.status_code}")
                return None
            if name == "pdf" and not (r.content or b"").startswith(b"%PDF"):
                r.failure("not a PDF")
                return None
            r.success()
            return r

    def go(self, path):
        """GET a screen, following 303s as a browser does (each hop timed on its own)."""
        for _ in range(5):
            name = kind_of(path)
            r = self.request("GET", path, name, (200, 303))
            if r is None:
                self.page = None
                return False
            if r.status_code == 303:
                path = urlsplit(r.headers.get("Location", "/")).path
                continue
            self.path, self.page = path, Page(r.text)
            if random.random() < STATIC_SHARE:
                self.request("GET", STATIC, "static", (200,))
            return True
        self.page = None
        return False

    def post(self, form, data, name="step POST"):
        """Submit `form` (an element of the page) with its csrf_token; follow the 303."""
        token = next((i.attrs.get("value") for i in form.find_all("input", name="csrf_token")), None)
        if not token:
            EVENTS["no csrf_token in the form"] += 1
            ERRORS[f"{name}: no csrf_token in the form"] += 1
            return "failed"
        action = form.attrs.get("action") or self.path
        r = self.request("POST", action, name, (200, 303) if name == "step POST" else (303,),
                         data={"csrf_token": token, **data})
        if r is None:
            self.page = None
            return "failed"
        if r.status_code == 200:  # the step again, with a kind error: the answer was not taken
            EVENTS["step POST re-shown"] += 1
            self.page = Page(r.text)
            if os.environ.get("BENCH_DEBUG"):
                err = self.page.by_id("error")
                print("RESHOWN", action, sorted(data), err.text() if err is not None else r.text[:300], flush=True)
            return "reshown"
        location = urlsplit(r.headers.get("Location", "/")).path
        if location == "/":
            self.go("/")
            return "end"
        return "moved" if self.go(location) else "failed"

    # -- one person ---------------------------------------------------------------------------

    def wipe(self):
        form = self.page.form_for("/faerdig") if self.page is not None else None
        if form is None:
            self.go("/")
            form = self.page.form_for("/faerdig") if self.page is not None else None
        if form is not None:
            self.post(form, {}, name="wipe")
            EVENTS["wipes"] += 1

    @task
    def tap_once(self):
        """The next tap of the journey: a flow from the start screen, a step, or the wipe at the end."""
        if self.page is None and self.stage != "wipe":
            self.stage = "wipe"  # the last request failed: this person gives up and wipes
        if self.stage == "home":
            EVENTS["journeys"] += 1
            self.screens = 0
            if not self.start_a_flow():
                self.stage = "wipe"
            else:
                self.stage = "area" if kind_of(self.path) == "area" else "flow"
        elif self.stage == "area":
            flows = [a.attrs["href"] for a in self.page.main.find_all("a") if a.attrs.get("href", "").startswith("/flow/")]
            if not flows:
                ERRORS["area: no flow link"] += 1
            self.stage = "flow" if flows and self.go(random.choice(flows)) else "wipe"
        elif self.stage == "flow":
            self.screens += 1
            outcome = self.tap()
            if outcome == "end":
                EVENTS["journeys to the end"] += 1
            if outcome in ("end", "failed"):
                self.stage = "wipe"
            elif self.screens >= MAX_SCREENS:
                ERRORS[f"journey: no end after {MAX_SCREENS} screens"] += 1
                self.stage = "wipe"
        else:
            self.wipe()
            self.stage = "home"

    def start_a_flow(self):
        """Tap an area or a featured flow on the start screen."""
        links = [a.attrs["href"] for a in self.page.main.find_all("a")
                 if a.attrs.get("href", "").startswith(("/flow/", "/omraade/"))]
        if not links:
            ERRORS["home: no flow or area link"] += 1
            return False
        return self.go(random.choice(links))

    def tap(self):
        """Answer the step on screen the way its form asks; "end" when the flow is done."""
        page = self.page
        form = page.form_for(self.path)
        if form is None:
            return "end"  # not a step (the start screen after a flow's last answer)
        if kind_of(self.path) == "step GET" and page.form_for(self.path + "/udskriv") is not None:
            self.request("GET", self.path + "/pdf", "pdf", (200,))
        buttons = [b for b in form.find_all("button") if b.attrs.get("name") == "answer"]
        boxes = form.find_all("input", type="checkbox")
        text = form.find("textarea")
        radios = {}
        for r in form.find_all("input", type="radio"):
            radios.setdefault(r.attrs["name"], []).append(r.attrs["value"])
        has_next = any(b.attrs.get("name") == "next" for b in form.find_all("button"))
        if buttons:
            return self.post(form, {"answer": random.choice(buttons).attrs["value"]})
        if boxes:
            values = [b.attrs["value"] for b in boxes]
            return self.post(form, {"answer": random.sample(values, min(len(values), random.randint(1, 2))),
                                    "next": "1"})
        if text is not None:
            limit = MAX_LENGTH.search(page.visible_text(form))
            typed = f"{self.canary} Jeg skriver det her selv."[:int(limit.group(1)) if limit else 200]
            EVENTS["canary typed"] += 1
            return self.post(form, {"answer": typed, "next": "1"})
        if "day" in radios:
            shortcuts = [b.attrs["value"] for b in form.find_all("button") if b.attrs.get("name") == "shortcut"]
            if shortcuts and random.random() < 0.6:
                return self.post(form, {"shortcut": random.choice(shortcuts)})
            return self.post(form, {"day": str(random.randint(1, 28)), "month": random.choice(radios["month"]),
                                    "year": random.choice(radios["year"]), "next": "1"})
        if "hour" in radios:
            return self.post(form, {"hour": random.choice(radios["hour"]), "minute": random.choice(radios["minute"]),
                                    "next": "1"})
        lead = page.by_id("lead")
        if lead is not None and random.random() < LEAD_SHARE:
            return "moved" if self.go(lead.attrs["href"]) else "failed"
        if has_next:
            return self.post(form, {"next": "1"})
        return "end"  # the last screen: a document or an info with no "Videre"
