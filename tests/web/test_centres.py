"""Central mode in one process: centres by host name, their own settings and PIN, a file changed by
another worker, the new-visit limit, and the proxy's headers believed only when told to."""
import http.cookies
import json

import pytest

from kiosk import config as cfg
from kiosk import create_app
from kiosk.cli import set_pin
from kiosk.store import MemoryStore
from tests.conftest import FIXTURES
from tests.page import Page

NORD, SYD = "nord.kiosk.lan", "syd.kiosk.lan"


def write_centre(folder, host, **settings):
    cfg.write_centre_settings(folder / f"{host}.json", {**cfg.CENTRE_DEFAULTS, **settings})


@pytest.fixture
def centres(tmp_path):
    folder = tmp_path / "centres"
    write_centre(folder, NORD, centre_name="Værested Nord", kommune="0101", idle_timeout_seconds=600)
    write_centre(folder, SYD, centre_name="Værested Syd", kommune="0751", idle_timeout_seconds=60,
                 languages=["da", "en"])
    return folder


def central_app(folder, **config):
    return create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": "/nonexistent/settings.json",
                       "CENTRES_DIR": str(folder), **config})


def footer_name(response):
    return Page(response.get_data(as_text=True)).root.find("footer").find("span").text()


def get(client, host, path="/", **kw):
    return client.get(path, base_url=f"http://{host}", **kw)


def test_each_host_name_gets_its_own_centre(centres):
    client = central_app(centres).test_client()
    assert footer_name(get(client, NORD)) == "Værested Nord"
    assert footer_name(get(client, SYD)) == "Værested Syd"
    # A host name is matched without case or port, as browsers and proxies may send it.
    assert footer_name(get(client, "NORD.kiosk.lan:8443")) == "Værested Nord"


@pytest.mark.parametrize("host", ["ukendt.kiosk.lan", "..", "nord.kiosk.lan.json", "centres",
                                  "nord.kiosk.lan/../syd.kiosk.lan", "", "localhost"])
def test_an_unknown_host_reaches_no_centre_and_stores_nothing(centres, host):
    app = central_app(centres)
    response = app.test_client().get("/", headers={"Host": host})
    assert response.status_code in (400, 404)
    page = Page(response.get_data(as_text=True))
    # A name no URL can be built for ("..", "") gets the fixed page; the others the kiosk's own.
    assert page.main.find("h1").text() in ("Siden findes ikke", "Noget gik galt")
    assert "kiosk" not in {c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")}
    assert len(app.extensions["kiosk_store"]) == 0


def test_the_languages_offered_are_the_centres_own(centres):
    client = central_app(centres).test_client()
    syd = Page(get(client, SYD, "/sprog").get_data(as_text=True))
    nord = Page(get(client, NORD, "/sprog").get_data(as_text=True))
    def offered(page):
        return {b.attrs["value"] for b in page.main.find_all("button", name="lang")}

    assert offered(syd) == {"da", "en"}
    assert "ar" in offered(nord)


def test_each_visit_lives_as_long_as_its_own_centres_timeout(centres):
    app = central_app(centres)
    store = app.extensions["kiosk_store"]
    now = [1000.0]
    store.clock = lambda: now[0]
    client = app.test_client()
    get(client, SYD)
    syd_id = client.get_cookie("kiosk", domain=SYD).value
    other = app.test_client()
    get(other, NORD)
    nord_id = other.get_cookie("kiosk", domain=NORD).value
    now[0] += 60 + 15 + 1  # past Syd's 60 s + 15 s grace, well inside Nord's 600 s
    assert store.load(syd_id) is None
    assert store.load(nord_id) is not None


def test_each_centre_has_its_own_pin(centres):
    set_pin(centres / f"{NORD}.json", "4711")
    client = central_app(centres).test_client()
    for host, words in ((NORD, "Forkert PIN"), (SYD, "Der er ingen PIN endnu")):
        token = Page(get(client, host, "/personale/").get_data(as_text=True)).csrf_token()
        answer = client.post("/personale/", base_url=f"http://{host}", data={"pin": "0000", "csrf_token": token})
        assert words in Page(answer.get_data(as_text=True)).main.text()
    token = Page(get(client, NORD, "/personale/").get_data(as_text=True)).csrf_token()
    ok = client.post("/personale/", base_url=f"http://{NORD}", data={"pin": "4711", "csrf_token": token})
    assert ok.status_code == 303 and ok.location.endswith("/personale/indstillinger")


def test_settings_saved_by_one_worker_reach_the_other_at_its_next_request(centres):
    one, two = central_app(centres), central_app(centres)  # two worker processes, one folder
    client = two.test_client()
    assert footer_name(get(client, SYD)) == "Værested Syd"
    settings = json.loads((centres / f"{SYD}.json").read_text())
    with one.test_request_context("/", base_url=f"http://{SYD}"):
        from kiosk import centre, which_centre

        which_centre.current()
        centre.save(one, {**settings, "centre_name": "Værested Syd (ny)"})
    assert footer_name(get(client, SYD)) == "Værested Syd (ny)"
    assert footer_name(get(client, NORD)) == "Værested Nord"


def test_a_broken_centre_file_keeps_the_settings_in_use(centres):
    app = central_app(centres)
    client = app.test_client()
    assert footer_name(get(client, NORD)) == "Værested Nord"
    (centres / f"{NORD}.json").write_text("{ not json")
    assert footer_name(get(client, NORD)) == "Værested Nord"
    # The file is read again once it is mended: the old settings stayed because it was broken.
    write_centre(centres, NORD, centre_name="Værested Nord (rettet)", kommune="0101")
    assert footer_name(get(client, NORD)) == "Værested Nord (rettet)"


@pytest.mark.parametrize("bad", [{"idle_timeout_seconds": 100_000_000}, {"idle_timeout_seconds": None},
                                 {"idle_timeout_seconds": "600"}, {"idle_timeout_seconds": -5},
                                 {"idle_timeout_seconds": True}, {"printer_server": "-h evil"},
                                 {"printer_server": "cups:99999"}, {"languages": "da"}, {"contacts": ["x"]},
                                 {"centre_name": ["Nord"]}])
def test_a_hand_edited_value_the_kiosk_cannot_use_is_not_used(centres, bad):
    """A timeout of years would keep answers for years; a word for a number would stop every screen."""
    app = central_app(centres)
    store = app.extensions["kiosk_store"]
    now = [1000.0]
    store.clock = lambda: now[0]
    client = app.test_client()
    assert footer_name(get(client, NORD)) == "Værested Nord"
    settings = json.loads((centres / f"{NORD}.json").read_text())
    (centres / f"{NORD}.json").write_text(json.dumps({**settings, "centre_name": "Ændret", **bad}))
    response = get(client, NORD)
    assert response.status_code == 200 and footer_name(response) == "Værested Nord"  # the file is not used
    # The visit still lives Nord's 600 s (+ 15 s grace), and not a second more.
    now[0] += 600 + 15 + 1
    assert len(store) == 0
    # A centre whose file was broken before its first visit gets the defaults, not an error page.
    write_centre(centres, SYD, centre_name="Værested Syd")
    (centres / f"{SYD}.json").write_text(json.dumps({**settings, **bad}))
    assert get(client, SYD).status_code == 200


def test_a_staff_login_at_one_centre_is_no_login_at_another(centres):
    """The visit's cookie, sent by hand with another centre's host name, brings no staff rights:
    otherwise staff at Nord could change Syd's settings (and send Syd's letters to their printer)."""
    set_pin(centres / f"{NORD}.json", "4711")
    client = central_app(centres).test_client()
    token = Page(get(client, NORD, "/personale/").get_data(as_text=True)).csrf_token()
    ok = client.post("/personale/", base_url=f"http://{NORD}", data={"pin": "4711", "csrf_token": token})
    assert ok.status_code == 303
    nord_id = client.get_cookie("kiosk", domain=NORD).value
    client.set_cookie("kiosk", nord_id, domain=SYD)  # by hand: a browser never sends it there
    settings_page = get(client, NORD, "/personale/indstillinger")
    assert settings_page.status_code == 200
    token = Page(settings_page.get_data(as_text=True)).csrf_token()  # the visit's, after the login
    page = get(client, SYD, "/personale/indstillinger")
    assert page.status_code == 303 and page.location.endswith("/personale/")
    before = (centres / f"{SYD}.json").read_text()
    saved = client.post("/personale/indstillinger", base_url=f"http://{SYD}",
                        data={"csrf_token": token, "centre_name": "Overtaget", "printer_server": "evil.example",
                              "idle_timeout_seconds": "180"})
    assert saved.status_code == 303 and (centres / f"{SYD}.json").read_text() == before
    assert client.get_cookie("kiosk", domain=SYD).value == nord_id  # the same visit all along


# ---- A flood of new visits (issue 14, "Abuse") ----

def test_a_flood_of_new_visits_from_one_source_is_cut_at_the_limit(settings_file):
    app = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file),
                      "NEW_VISITS_PER_MINUTE": 5})
    statuses = []
    for _ in range(8):
        response = app.test_client().get("/")  # a new client each time: no cookie, a new visit
        statuses.append(response.status_code)
    assert statuses == [200] * 5 + [429] * 3
    assert len(app.extensions["kiosk_store"]) == 5  # nothing stored past the limit
    page = Page(response.get_data(as_text=True))
    assert page.main.find("h1").text() == "Det gik ikke"
    assert "Vent lidt." in page.main.text()
    # Another source is not held back by this one.
    other = app.test_client().get("/", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200


def test_a_flood_of_empty_visits_does_not_push_out_a_person_mid_visit():
    store = MemoryStore(ttl_seconds=180, max_visits=500)
    store.put("person", {"answers": {"klage": {"navn": "Jens"}}})
    for i in range(2000):  # the 501 throw-away visits of the review, four times over
        store.put(f"flood-{i}", {})
    assert store.load("person") == {"answers": {"klage": {"navn": "Jens"}}}
    assert len(store) == 500


# ---- The proxy's headers (central mode behind TLS) ----

def cookie(response):
    jar = http.cookies.SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        jar.load(header)
    return jar["kiosk"]


def test_forwarded_headers_are_ignored_unless_a_proxy_is_configured(settings_file):
    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9"}
    plain = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file)})
    assert not cookie(plain.test_client().get("/", headers=forged))["secure"]
    proxied = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file), "PROXY": 1})
    assert cookie(proxied.test_client().get("/", headers=forged))["secure"]


@pytest.mark.parametrize("proxy, second", [(0, 429), (1, 200)])
def test_a_forged_client_address_counts_only_behind_the_proxy(settings_file, proxy, second):
    """The new-visit limit counts per client address. Without the proxy setting an X-Forwarded-For
    is not believed, so a flood cannot dodge the limit by naming a new address each time."""
    app = create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file), "PROXY": proxy,
                      "NEW_VISITS_PER_MINUTE": 1})
    statuses = [app.test_client().get("/", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
                for n in (1, 2)]
    assert statuses == [200, second]


@pytest.mark.parametrize("server, ok", [("192.168.1.20:631", True), ("cups.nord.lan", True), ("", True),
                                         ("-h", False), ("host;rm -rf /", False), ("/run/cups/cups.sock", False),
                                         ("ipp://host/printers/x", False), ("høst:631", False)])
def test_the_printer_server_is_a_host_and_port_and_nothing_else(server, ok):
    from werkzeug.datastructures import MultiDict

    from kiosk.centre import parse_settings

    form = MultiDict({"printer_server": server, "idle_timeout_seconds": "180"})
    settings, errors = parse_settings(form, dict(cfg.CENTRE_DEFAULTS), ["da"])
    assert ("printer_server" not in errors) is ok
