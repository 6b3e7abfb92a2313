"""The ephemeral store: the only place a visitor's answers live.

Each visit is a small JSON document keyed by a random id. Entries expire after the idle
timeout, and the memory store also caps how many visits and bytes it holds, so a busy
or abused kiosk cannot grow without bound. Nothing here touches the disk.

The store also keeps short-lived counters (the staff PIN's failed tries), each with its own
expiry, so they are shared by every worker in central mode and vanish by themselves.
"""
import contextlib
import json
import threading
import time
from collections import OrderedDict


class VisitTooLarge(ValueError):
    """A visit's answers grew past the cap; the caller keeps the previous state."""


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (Redis down or frozen). The person gets a kind page."""


EMPTY = "{}"  # a visit with no answers yet, as encode() writes it


def encode(data, max_bytes):
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(blob.encode("utf-8")) > max_bytes:
        raise VisitTooLarge()
    return blob


class MemoryStore:
    max_counters = 10_000  # one per source trying the staff PIN; a cap so a flood cannot grow it

    def __init__(self, ttl_seconds, max_visits=500, max_bytes=64 * 1024, clock=time.monotonic):
        self.ttl = ttl_seconds
        self.max_visits = max_visits
        self.max_bytes = max_bytes
        self.clock = clock
        self._entries = OrderedDict()  # id -> (expires_at, json); oldest touch first
        self._counters = OrderedDict()  # key -> (expires_at, count); oldest first
        self._lock = threading.Lock()

    def load(self, visit_id, ttl=None):
        """The visit's answers, or None when the store does not know the id. Renews the TTL
        (the store's own, or the visit's centre's in central mode)."""
        with self._lock:
            self._expire()
            entry = self._entries.get(visit_id)
            if entry is None:
                return None
            self._entries[visit_id] = (self.clock() + (ttl or self.ttl), entry[1])
            self._entries.move_to_end(visit_id)
            return json.loads(entry[1])

    def get(self, visit_id):
        found = self.load(visit_id)
        return {} if found is None else found

    def put(self, visit_id, data, ttl=None):
        blob = encode(data, self.max_bytes)
        with self._lock:
            self._expire()
            self._entries[visit_id] = (self.clock() + (ttl or self.ttl), blob)
            self._entries.move_to_end(visit_id)
            while len(self._entries) > self.max_visits:
                self._evict_one()

    def _evict_one(self):
        """Make room. A visit with no answers yet goes first (a flood of new visits then pushes
        out only its own kind); only when every visit holds answers does the oldest touch go."""
        for visit_id, (_expires, blob) in self._entries.items():
            if blob == EMPTY:
                del self._entries[visit_id]
                return
        self._entries.popitem(last=False)

    def delete(self, visit_id):
        with self._lock:
            self._entries.pop(visit_id, None)

    def touch(self, visit_id, ttl=None):
        self.load(visit_id, ttl)

    def count(self, key, window_seconds):
        """Add one to a counter and return the new count; the counter ends `window_seconds`
        after its first hit. Check and add happen under one lock, so parallel callers each
        get their own number."""
        with self._lock:
            now = self.clock()
            expires, hits = self._counters.get(key, (now + window_seconds, 0))
            if expires <= now:
                expires, hits = now + window_seconds, 0
            self._counters[key] = (expires, hits + 1)
            self._counters.move_to_end(key)
            while len(self._counters) > self.max_counters:
                self._counters.popitem(last=False)
            return hits + 1

    def forget(self, key):
        with self._lock:
            self._counters.pop(key, None)

    def __len__(self):
        with self._lock:
            self._expire()
            return len(self._entries)

    def _expire(self):
        # Every entry is checked, not only the oldest touches: TTLs differ (each centre's own in
        # central mode, or staff just shortened it), so an expired visit can sit behind a live
        # one, and its answers must leave memory on time all the same. At most max_visits.
        now = self.clock()
        for visit_id in [v for v, (expires, _blob) in self._entries.items() if expires <= now]:
            del self._entries[visit_id]


@contextlib.contextmanager
def _reachable():
    import redis

    try:
        yield
    except redis.RedisError as exc:
        # Only the type goes on: a Redis error message names addresses and commands.
        raise StoreUnavailable(type(exc).__name__) from None


class RedisStore:
    """For central deployments. Run redis-server without persistence (save "", appendonly no)."""

    prefix = "kiosk:visit:"
    counter_prefix = "kiosk:count:"

    def __init__(self, url, ttl_seconds, max_bytes=64 * 1024):
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # A frozen Redis must cost a person seconds, not minutes: a short timeout and one quick
        # retry (which also reconnects after Redis restarts). `?socket_timeout=` in the URL wins.
        self.redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1,
                                          retry=Retry(NoBackoff(), 1))
        self.ttl = ttl_seconds
        self.max_bytes = max_bytes

    def load(self, visit_id, ttl=None):
        key = self.prefix + visit_id
        with _reachable():
            pipe = self.redis.pipeline()
            pipe.get(key)
            pipe.expire(key, ttl or self.ttl)
            blob, _ = pipe.execute()
        return None if blob is None else json.loads(blob)

    def get(self, visit_id):
        found = self.load(visit_id)
        return {} if found is None else found

    def put(self, visit_id, data, ttl=None):
        blob = encode(data, self.max_bytes)
        with _reachable():
            self.redis.set(self.prefix + visit_id, blob, ex=ttl or self.ttl)

    def delete(self, visit_id):
        with _reachable():
            self.redis.delete(self.prefix + visit_id)

    def touch(self, visit_id, ttl=None):
        with _reachable():
            self.redis.expire(self.prefix + visit_id, ttl or self.ttl)

    def count(self, key, window_seconds):
        key = self.counter_prefix + key
        with _reachable():
            pipe = self.redis.pipeline(transaction=True)  # MULTI: start the window and add, as one
            pipe.set(key, 0, ex=window_seconds, nx=True)
            pipe.incr(key)
            return int(pipe.execute()[1])

    def forget(self, key):
        with _reachable():
            self.redis.delete(self.counter_prefix + key)

    def __len__(self):
        return sum(1 for _ in self.redis.scan_iter(self.prefix + "*"))


def make_store(config, ttl_seconds=None):
    """The store for this deployment. Its TTL comes from the centre's idle timeout, set by
    kiosk.use_centre_settings, the one place that wiring lives."""
    if config.get("REDIS_URL"):
        return RedisStore(config["REDIS_URL"], ttl_seconds, config["STORE_MAX_BYTES"])
    return MemoryStore(ttl_seconds, config["STORE_MAX_VISITS"], config["STORE_MAX_BYTES"])
