"""What this process remembers of the store at one data version."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings


class Memory:
    """What this process has read and assembled of the store at one data version, up to
    `STORE_MEMORY_MB`, the least recently used first out: assembled and served JSON (records, and
    whole pages), and what `RememberedIds` and `found_before` recall. Each
    request reads and keeps at the data version it read as it began: a request at another version than
    the memory's empties it and moves it to its own, and what a request made at an older version than
    the memory's is not kept."""

    def __init__(self):
        self.lock = threading.Lock()  # a threaded server's requests share it
        self.clear(None)

    def clear(self, version):
        self.version, self.entries, self.size = version, OrderedDict(), 0  # (kind, key) -> (value, size)

    def get(self, version, kind, key):
        with self.lock:
            if version != self.version:
                self.clear(version)
                return None
            entry = self.entries.get((kind, key))
            if entry is None:
                return None
            self.entries.move_to_end((kind, key))
            return entry[0]

    def keep(self, version, kind, key, value, size, budget):
        if size > budget:
            return
        with self.lock:
            if version != self.version:
                return
            if (kind, key) in self.entries:
                self.size -= self.entries.pop((kind, key))[1]
            while self.size + size > budget:
                self.size -= self.entries.popitem(last=False)[1][1]
            self.entries[kind, key] = (value, size)
            self.size += size


process_memory = Memory()


@dataclass(frozen=True)
class Remembered:
    """The memory as a request at data version `version` reads and fills it, up to `budget` bytes; with
    no memory (`STORE_MEMORY_MB` 0), nothing is kept and nothing found."""

    memory: Memory | None
    version: object
    budget: int = 0

    def get(self, kind, key):
        return None if self.memory is None else self.memory.get(self.version, kind, key)

    def keep(self, kind, key, value, size):
        if self.memory is not None:
            self.memory.keep(self.version, kind, key, value, size, self.budget)


def remembered(version):
    """This process's memory at data version `version`."""
    budget = settings.STORE_MEMORY_MB * 1_000_000
    return Remembered(process_memory if budget > 0 else None, version, budget)


class RememberedIds:
    """The ids of a list's rows, for the paginator to count and slice: what this process remembers of
    the same list (`key`: the endpoint and the request's filtering, search and ordering) at data version
    `version`, else the answers of the queryset `rows`, then remembered. Only for lists whose rows do
    not depend on the clock."""

    def __init__(self, rows, key, version):
        self.rows, self.key, self.memory = rows, key, remembered(version)

    def count(self):
        return self.recall("count", lambda ids: ids.count())

    def __getitem__(self, window):
        return self.recall((window.start, window.stop), lambda ids: [str(pk) for pk in ids[window]])

    def recall(self, part, answer):
        value = self.memory.get("ids", (self.key, part))
        if value is None:
            value = answer(self.rows.values_list("pk", flat=True))
            size = 64 + (sum(len(pk) + 56 for pk in value) if isinstance(value, list) else 0)
            self.memory.keep("ids", (self.key, part), value, size)
        return value
