"""The ephemeral store: TTL, caps, and a real Redis that writes nothing to disk."""
import pytest

from kiosk.store import MemoryStore, RedisStore, VisitTooLarge


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_memory_store_forgets_after_the_ttl():
    clock = Clock()
    store = MemoryStore(ttl_seconds=180, clock=clock)
    store.put("a", {"x": 1})
    clock.now += 179
    assert store.get("a") == {"x": 1}
    clock.now += 179  # the read above renewed it
    assert store.get("a") == {"x": 1}
    clock.now += 181
    assert store.get("a") == {}
    assert len(store) == 0


def test_an_expired_visit_leaves_memory_on_time_even_behind_a_longer_lived_one():
    """TTLs differ (each centre's own, or staff shortened the timeout): a visit that expired must
    be gone from memory, not wait behind a live visit touched before it."""
    clock = Clock()
    store = MemoryStore(ttl_seconds=180, clock=clock)
    store.put("nord", {"x": 1}, ttl=615)
    store.put("syd", {"navn": "Jens"}, ttl=75)
    clock.now += 76
    assert len(store) == 1 and store.get("nord") == {"x": 1}
    assert store.get("syd") == {}


def test_memory_store_drops_the_oldest_visit_past_the_cap():
    store = MemoryStore(ttl_seconds=60, max_visits=2, clock=Clock())
    for key in "abc":
        store.put(key, {"k": key})
    assert store.get("a") == {} and store.get("c") == {"k": "c"}


def test_memory_store_refuses_an_oversized_visit_and_keeps_the_old_one():
    store = MemoryStore(ttl_seconds=60, max_bytes=100, clock=Clock())
    store.put("a", {"x": "small"})
    with pytest.raises(VisitTooLarge):
        store.put("a", {"x": "y" * 200})
    assert store.get("a") == {"x": "small"}


def test_memory_store_returns_copies_not_live_objects():
    store = MemoryStore(ttl_seconds=60, clock=Clock())
    store.put("a", {"x": [1]})
    store.get("a")["x"].append(2)
    assert store.get("a") == {"x": [1]}


def test_delete_forgets_at_once():
    store = MemoryStore(ttl_seconds=60, clock=Clock())
    store.put("a", {"x": 1})
    store.delete("a")
    assert store.get("a") == {}


@pytest.mark.redis
def test_redis_store_round_trips_expires_and_writes_no_file(redis_url):
    url, folder = redis_url
    store = RedisStore(url, ttl_seconds=2)
    store.put("visit", {"navn": "Åse Łódź"})
    assert store.get("visit") == {"navn": "Åse Łódź"}
    assert 0 < store.redis.ttl(store.prefix + "visit") <= 2
    store.delete("visit")
    assert store.get("visit") == {}
    store.put("gone", {"x": 1})
    store.redis.pexpire(store.prefix + "gone", 1)
    import time
    time.sleep(0.05)
    assert store.get("gone") == {}
    assert list(folder.iterdir()) == []


@pytest.mark.redis
def test_the_app_uses_redis_when_configured(redis_url, settings_file):
    from kiosk import create_app
    from tests.conftest import FIXTURES, KioskClient

    app = create_app({"REDIS_URL": redis_url[0], "SECRET_KEY": "test", "CONTENT_DIR": str(FIXTURES),
                      "SETTINGS_FILE": str(settings_file)})
    assert isinstance(app.extensions["kiosk_store"], RedisStore)
    kiosk = KioskClient(app)
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    assert kiosk.stored()["flows"]["journey"]["answers"] == {"hvem": "kommunen"}
    old = kiosk.visit_id
    kiosk.post("/faerdig")
    assert app.extensions["kiosk_store"].get(old) == {}


# ---- The app's wiring: the centre's idle timeout is the store's TTL (issue 12 §4) ----

def app_with_timeout(settings_file, seconds):
    import json

    from kiosk import create_app
    from tests.conftest import FIXTURES

    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps({"idle_timeout_seconds": seconds}))
    return create_app({"CONTENT_DIR": str(FIXTURES), "SETTINGS_FILE": str(settings_file), "TESTING": True})


def test_a_visit_expires_after_the_configured_inactivity(settings_file):
    """Without JavaScript nothing wipes the screen: the store's TTL must forget the visit."""
    from tests.conftest import KioskClient

    app = app_with_timeout(settings_file, 120)
    clock = Clock()
    app.extensions["kiosk_store"].clock = clock
    kiosk = KioskClient(app)
    kiosk.get("/flow/journey/hvem")
    kiosk.answer("journey", "hvem", answer="kommunen")
    clock.now += 120 + 15 - 1  # the countdown plus a short grace: still there
    assert kiosk.get("/flow/journey/hvad").status_code == 200
    clock.now += 120 + 15 + 1  # the last request renewed it; now idle past the TTL
    assert kiosk.http.get("/flow/journey/hvad").location == "/flow/journey/hvem"
    assert kiosk.stored() == {}


def test_staff_changing_the_timeout_changes_the_ttl_at_once(settings_file):
    from kiosk import centre, config

    app = app_with_timeout(settings_file, 120)
    assert app.extensions["kiosk_store"].ttl == 135
    with app.app_context():
        centre.save(app, {**config.read_centre_settings(settings_file), "idle_timeout_seconds": 600})
    assert app.extensions["kiosk_store"].ttl == 615


def test_counters_add_up_under_one_lock_and_expire():
    clock = Clock()
    store = MemoryStore(ttl_seconds=60, clock=clock)
    assert [store.count("k", 900) for _ in range(3)] == [1, 2, 3]
    clock.now += 900
    assert store.count("k", 900) == 1
    store.forget("k")
    assert store.count("k", 900) == 1


@pytest.mark.redis
def test_redis_counters_add_up_and_expire(redis_url):
    store = RedisStore(redis_url[0], ttl_seconds=60)
    store.forget("t")
    assert [store.count("t", 900) for _ in range(3)] == [1, 2, 3]
    assert 0 < store.redis.ttl(store.counter_prefix + "t") <= 900
    store.forget("t")
    assert store.count("t", 900) == 1
    store.forget("t")
