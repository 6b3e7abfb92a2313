"""The ephemeral store: the only place a visitor's answers live.

Each visit is a small JSON document keyed by a random id. Entries expire after the idle
timeout, and the memory store also caps how many visits and bytes it holds, so a busy
or abused kiosk cannot grow without bound. Nothing here touches the disk.
"""
import json
import threading
import time
from collections import OrderedDict


class VisitTooLarge(ValueError):
    """A visit's answers grew past the cap; the caller keeps the previous state."""


def encode(data, max_bytes):
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(blob.encode("utf-8")) > max_bytes:
        raise VisitTooLarge()
    return blob


class MemoryStore:
    def __init__(self, ttl_seconds, max_visits=500, max_bytes=64 * 1024, clock=time.monotonic):
        self.ttl = ttl_seconds
        self.max_visits = max_visits
        self.max_bytes = max_bytes
        self.clock = clock
        self._entries = OrderedDict()  # id -> (expires_at, json); oldest touch first
        self._lock = threading.Lock()

    def get(self, visit_id):
        with self._lock:
            self._expire()
            entry = self._entries.get(visit_id)
            if entry is None:
                return {}
            self._entries[visit_id] = (self.clock() + self.ttl, entry[1])
            self._entries.move_to_end(visit_id)
            return json.loads(entry[1])

    def put(self, visit_id, data):
        blob = encode(data, self.max_bytes)
        with self._lock:
            self._expire()
            self._entries[visit_id] = (self.clock() + self.ttl, blob)
            self._entries.move_to_end(visit_id)
            while len(self._entries) > self.max_visits:
                self._entries.popitem(last=False)

    def delete(self, visit_id):
        with self._lock:
            self._entries.pop(visit_id, None)

    def touch(self, visit_id):
        self.get(visit_id)

    def __len__(self):
        with self._lock:
            self._expire()
            return len(self._entries)

    def _expire(self):
        # Entries are ordered by last touch and share one TTL, so expired ones sit at the front.
        now = self.clock()
        while self._entries:
            first = next(iter(self._entries))
            if self._entries[first][0] > now:
                break
            del self._entries[first]


class RedisStore:
    """For central deployments. Run redis-server without persistence (save "", appendonly no)."""

    prefix = "kiosk:visit:"

    def __init__(self, url, ttl_seconds, max_bytes=64 * 1024):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2)
        self.ttl = ttl_seconds
        self.max_bytes = max_bytes

    def get(self, visit_id):
        key = self.prefix + visit_id
        pipe = self.redis.pipeline()
        pipe.get(key)
        pipe.expire(key, self.ttl)
        blob, _ = pipe.execute()
        return json.loads(blob) if blob else {}

    def put(self, visit_id, data):
        self.redis.set(self.prefix + visit_id, encode(data, self.max_bytes), ex=self.ttl)

    def delete(self, visit_id):
        self.redis.delete(self.prefix + visit_id)

    def touch(self, visit_id):
        self.redis.expire(self.prefix + visit_id, self.ttl)

    def __len__(self):
        return sum(1 for _ in self.redis.scan_iter(self.prefix + "*"))


def make_store(config, ttl_seconds):
    if config.get("REDIS_URL"):
        return RedisStore(config["REDIS_URL"], ttl_seconds, config["STORE_MAX_BYTES"])
    return MemoryStore(ttl_seconds, config["STORE_MAX_VISITS"], config["STORE_MAX_BYTES"])
