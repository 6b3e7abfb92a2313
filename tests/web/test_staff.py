"""Staff mode: PIN with lock-out, the centre's settings, and side-by-side staff notes."""
import json

import pytest

from kiosk.cli import set_pin


@pytest.fixture
def pinned(app, settings_file):
    set_pin(settings_file, "4711")
    app.extensions["kiosk_centre"]["staff_pin_hash"] = json.loads(settings_file.read_text())["staff_pin_hash"]
    return app


def log_in(kiosk, pin="4711", status=303):
    kiosk.get("/personale/")
    return kiosk.post("/personale/", {"pin": pin}, status=status)


def test_the_pin_is_stored_only_as_a_hash(pinned, settings_file):
    stored = settings_file.read_text()
    assert "4711" not in stored and ("pbkdf2" in stored or "scrypt" in stored)


def test_without_a_pin_staff_are_told_how_to_set_one(kiosk):
    page = log_in(kiosk, status=200).text
    assert "python -m kiosk set-pin" in page


def test_the_right_pin_opens_the_settings(pinned, kiosk):
    assert log_in(kiosk).location == "/personale/indstillinger"
    assert "Indstillinger for værestedet" in kiosk.get("/personale/indstillinger").text


def test_settings_are_closed_without_the_pin(kiosk):
    assert kiosk.get("/personale/indstillinger", status=303).location == "/personale/"
    kiosk.post("/personale/indstillinger", {"centre_name": "x"}, status=303)


def test_five_wrong_pins_lock_staff_mode(pinned, kiosk):
    for _ in range(4):
        assert "Forkert PIN" in log_in(kiosk, pin="0000", status=200).text
    assert "For mange forkerte forsøg" in log_in(kiosk, pin="0000", status=429).text
    assert "For mange forkerte forsøg" in log_in(kiosk, pin="4711", status=429).text


def settings_form(**overrides):
    form = {"centre_name": "Café Klare", "centre_place": "Aarhus", "kommune": "0751",
            "borgerservice_address": "Hack Kampmanns Plads 2", "borgerservice_hours": "10-15",
            "printer_queue": "PDF", "idle_timeout_seconds": "240", "languages": ["da", "en"],
            "contact-0-name": "Herberget", "contact-0-phone": "+45 12 34 56 78"}
    form.update(overrides)
    return form


def test_settings_are_saved_to_the_instance_file(pinned, kiosk, settings_file):
    log_in(kiosk)
    page = kiosk.post("/personale/indstillinger", settings_form(), status=200).text
    assert "Gemt." in page
    saved = json.loads(settings_file.read_text())
    assert saved["centre_place"] == "Aarhus" and saved["kommune"] == "0751"
    assert saved["idle_timeout_seconds"] == 240
    assert saved["contacts"] == [{"name": "Herberget", "phone": "+45 12 34 56 78", "address": "",
                                  "hours": "", "note": ""}]
    assert pinned.extensions["kiosk_store"].ttl == 255
    assert 'data-idle-seconds="240"' in kiosk.get("/").text


def test_a_bad_timeout_is_explained_and_nothing_typed_is_lost(pinned, kiosk, settings_file):
    log_in(kiosk)
    page = kiosk.post("/personale/indstillinger",
                      settings_form(idle_timeout_seconds="tre minutter", centre_name="Ny"),
                      status=200).text
    assert "Skriv et tal mellem 60 og 1800 sekunder." in page
    assert 'value="tre mi' in page and 'value="Ny"' in page
    # Nothing was saved: the stored centre name is not the one typed (read as JSON: a substring
    # test failed at random when the PIN hash's salt happened to contain "Ny").
    assert not settings_file.exists() or json.loads(settings_file.read_text()).get("centre_name") != "Ny"


def test_all_98_kommuner_are_offered(pinned, kiosk):
    log_in(kiosk)
    page = kiosk.get("/personale/indstillinger").text
    assert page.count("<option value=\"0") == 98


def test_side_by_side_shows_staff_notes(pinned, kiosk):
    assert "Prøvenote til personalet." not in kiosk.get("/flow/journey/hvem").text
    log_in(kiosk)
    kiosk.post("/personale/side-om-side")
    assert "Prøvenote til personalet." in kiosk.get("/flow/journey/hvem").text
    kiosk.post("/faerdig")
    assert "Prøvenote til personalet." not in kiosk.get("/flow/journey/hvem").text


def test_the_set_pin_command_refuses_a_weak_pin(tmp_path):
    import click

    with pytest.raises(click.ClickException):
        set_pin(tmp_path / "s.json", "12")


def test_the_kommune_borgerraadgiver_and_election_settings_are_saved(pinned, kiosk, settings_file):
    log_in(kiosk)
    form = settings_form(kommune_address="Rådhuspladsen 2, 8000 Aarhus C", kommune_phone="89 40 20 00",
                         borgerraadgiver="1", borgerraadgiver_address="Rådhuset", folketingsvalg="2027-03-05")
    assert "Gemt." in kiosk.post("/personale/indstillinger", form, status=200).text
    saved = json.loads(settings_file.read_text())
    assert saved["kommune_address"] == "Rådhuspladsen 2, 8000 Aarhus C" and saved["kommune_phone"] == "89 40 20 00"
    assert saved["borgerraadgiver"] is True and saved["folketingsvalg"] == "2027-03-05"
    unticked = settings_form(kommune_address="x")
    kiosk.post("/personale/indstillinger", unticked, status=200)
    assert json.loads(settings_file.read_text())["borgerraadgiver"] is False


@pytest.mark.parametrize("field, value, message", [
    ("kommune_phone", "ring til rådhuset", "Skriv et telefonnummer"),
    ("borgerraadgiver_phone", "12<b>", "Skriv et telefonnummer"),
    ("folketingsvalg", "5. marts", "Skriv datoen sådan"),
])
def test_a_bad_phone_or_date_is_explained_and_kept(pinned, kiosk, settings_file, field, value, message):
    log_in(kiosk)
    page = kiosk.post("/personale/indstillinger", settings_form(**{field: value}), status=200).text
    assert message in page
    assert not settings_file.exists() or value not in settings_file.read_text()


def test_the_european_election_date_is_saved(pinned, kiosk, settings_file):
    log_in(kiosk)
    assert "Dato for næste Europa-Parlamentsvalg" in kiosk.get("/personale/indstillinger").text
    assert "Gemt." in kiosk.post("/personale/indstillinger", settings_form(europavalg="2029-06-10"), status=200).text
    assert json.loads(settings_file.read_text())["europavalg"] == "2029-06-10"


def test_a_bad_european_election_date_is_explained_and_kept(pinned, kiosk, settings_file):
    log_in(kiosk)
    page = kiosk.post("/personale/indstillinger", settings_form(europavalg="10. juni"), status=200).text
    assert "Skriv datoen sådan" in page and 'value="10. juni"' in page
    assert not settings_file.exists() or "10. juni" not in settings_file.read_text()
