"""Once every visit has expired, the kiosk's Redis holds no more memory than it did empty.

The 2-hour soak found 0 keys after the TTL but used_memory 10-30 % over empty. None of it was
visits: Redis 7 keeps a latency histogram for every command name it has served, made on first use
and never freed (+182 KB for the store's commands, the same after 2,000 visits as after 20,000).
The kiosk never reads them, so kiosk-redis.service turns them off (--latency-tracking no).
"""
import time

import pytest

from kiosk.store import RedisStore
from tests.unit.unit_redis import flag, redis_command, unit_redis

VISITS = 300
# The soak's target: "near empty" is within 10 % of the empty server's used_memory.
NEAR_EMPTY = 0.10


def used_memory(client):
    return client.info("memory")["used_memory"]


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_unit_turns_off_latency_tracking():
    _, command = redis_command()
    assert "--latency-tracking" in command and flag(command, "--latency-tracking") == "no"


@pytest.mark.redis
def test_redis_is_back_to_empty_once_every_visit_has_expired(tmp_path):
    redis = pytest.importorskip("redis")
    with unit_redis(tmp_path) as port:
        probe = redis.Redis(host="127.0.0.1", port=port)
        used_memory(probe)  # INFO's own first-use costs are paid before the baseline
        empty = used_memory(probe)

        # Every command the store sends, as visits do: the new-visit count (MULTI/SET NX/INCR/EXEC),
        # save, load (GET + EXPIRE), touch, wipe, forget and the key scan.
        store = RedisStore(f"redis://127.0.0.1:{port}/0", ttl_seconds=1)
        for number in range(VISITS):
            visit = f"visit-{number}"
            store.count(f"address-{number % 7}", window_seconds=1)
            store.put(visit, {"answers": {"name": "Ærø Østergård ✓ " * 20}})
            assert store.get(visit)["answers"]
            store.touch(visit)
            if number % 2:
                store.delete(visit)  # "Færdig - slet alt"; the other half is left to expire
        store.forget("address-0")
        assert len(store) > 0
        loaded = used_memory(probe)

        assert wait_for(lambda: probe.dbsize() == 0), "visits outlived their TTL"
        store.redis.close()
        assert wait_for(lambda: probe.info("clients")["connected_clients"] == 1)
        after = used_memory(probe)

    assert loaded > empty  # the visits did take memory, so the measure can see them
    assert after - empty <= NEAR_EMPTY * empty, (
        f"used_memory {after} B after every visit expired, {empty} B empty: "
        f"{100 * (after - empty) / empty:+.1f} % (target within {100 * NEAR_EMPTY:.0f} %)")
