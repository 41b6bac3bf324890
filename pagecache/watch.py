"""Each process's own copy of the generation counters, kept current by Redis pub/sub, so a
page-cache hit needs no round trip to Redis at all (pagecache/generations.py).

A daemon thread per process subscribes to the cache's channel; every bump publishes the
counter's new value there (pagecache/redis_cache.py, one atomic script). While subscribed, the
copy is exact but for the time a message takes to arrive (well under a millisecond on a
quiet worker, a few at most on a busy one). When the subscription drops, the copy is thrown
away and lookups go back to asking Redis until the thread has subscribed again. Counters
learned by asking Redis are kept only if no reconnection happened meanwhile (`epoch`), and a
value never goes down, so an answer that arrives late cannot undo a newer message.

Health check: the thread PINGs over its subscription every PING_SECONDS; when nothing (not
even the PONG) has come for SILENT_SECONDS the subscription is treated as dropped (a
half-open connection, a hung Redis), so lookups ask Redis again. A lost subscription is
logged once per WARN_SECONDS, not on every retry.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time

log = logging.getLogger("pagecache")

PING_SECONDS = 5.0
SILENT_SECONDS = 12.0
WARN_SECONDS = 60.0


class Watcher:
    def __init__(self):
        self._lock = threading.Lock()
        self._values: dict[str, int] = {}
        self._live = False
        self.epoch = 0
        self._pid: int | None = None
        self._thread: threading.Thread | None = None
        self._channel: str | None = None
        self._run_id = 0
        self._last_warning = 0.0

    def values_for(self, cache, names: list[str]) -> tuple[int, ...] | None:
        """The counters from this process's copy; None when they must be asked of Redis."""
        self._ensure_running(cache)
        if not self._live:
            return None
        values = self._values
        try:
            return tuple(values[name] for name in names)
        except KeyError:
            return None

    def learn(self, names: list[str], values: tuple[int, ...], epoch: int) -> None:
        """Keep counters read from Redis, unless the subscription changed since `epoch`."""
        with self._lock:
            if not self._live or epoch != self.epoch:
                return
            for name, value in zip(names, values, strict=True):
                if value > self._values.get(name, -1):
                    self._values[name] = value

    def saw(self, name: str, value: int) -> None:
        """A bump made by this process: known at once, without waiting for its message."""
        with self._lock:
            if self._live and value > self._values.get(name, -1):
                self._values[name] = value

    def forget(self) -> None:
        with self._lock:
            self._values.clear()
            self.epoch += 1

    def _running(self, channel: str) -> bool:
        return (self._pid == os.getpid() and self._channel == channel
                and self._thread is not None and self._thread.is_alive())

    def _ensure_running(self, cache) -> None:
        channel = cache.channel()
        if self._running(channel):
            return
        with self._lock:
            if self._running(channel):
                return
            # After a fork the parent's thread is not ours; another channel (settings
            # changed) needs another subscription. A superseded thread stops by itself.
            self._pid, self._channel = os.getpid(), channel
            self._run_id += 1
            self._live = False
            self._values = {}
            self.epoch += 1
            self._thread = threading.Thread(target=self._run, args=(cache, self._run_id),
                                            daemon=True, name="pagecache-generations")
            self._thread.start()

    def _set_live(self, live: bool, run_id: int) -> None:
        with self._lock:
            if run_id != self._run_id:
                return
            self._live = live
            self._values = {}
            self.epoch += 1

    def _receive(self, message: dict, run_id: int) -> None:
        if message["type"] == "subscribe":
            self._set_live(True, run_id)
        elif message["type"] == "message":
            name, _sep, value = message["data"].decode().rpartition("=")
            with self._lock:
                if int(value) > self._values.get(name, -1):
                    self._values[name] = int(value)

    def _run(self, cache, run_id: int) -> None:
        while run_id == self._run_id:
            pubsub = None
            try:
                pubsub = cache.pubsub()
                pubsub.subscribe(cache.channel())
                last_heard = last_ping = time.monotonic()
                while run_id == self._run_id:
                    message = pubsub.get_message(timeout=1.0)
                    now = time.monotonic()
                    if message is not None:
                        last_heard = now
                        self._receive(message, run_id)
                    if now - last_ping >= PING_SECONDS:
                        pubsub.ping()
                        last_ping = now
                    if now - last_heard > SILENT_SECONDS:
                        raise ConnectionError("the subscription went silent (no PONG)")
                return
            except Exception:  # any failure: fall back to asking Redis
                now = time.monotonic()
                if now - self._last_warning >= WARN_SECONDS:
                    self._last_warning = now
                    log.warning("page cache: generation subscription lost; asking Redis "
                                "until it is back", exc_info=True)
            finally:
                self._set_live(False, run_id)
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        pubsub.close()
            time.sleep(1)


watcher = Watcher()
