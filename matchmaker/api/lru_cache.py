"""Values kept in the process for re-use: bounded by their total size, least recently used out first."""
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Generic, TypeVar

Value = TypeVar("Value")


class LruCache(Generic[Value]):
    """Values by key; past ``max_size`` (in the units of ``size``, one per value by default) the least
    recently used go first. A ``max_size`` of 0 keeps nothing."""

    def __init__(self, max_size: int, size: Callable[[Value], int] = lambda _value: 1):
        self.max_size = max_size
        self._size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._total = 0
        self._lock = Lock()  # a threaded server (the development one) answers requests side by side

    @property
    def enabled(self) -> bool:
        return self.max_size > 0

    def get(self, key: Hashable | None) -> Value | None:
        """The value cached under ``key``; None for a None key."""
        if key is None:
            return None
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable | None, value: Value) -> None:
        """Keep ``value`` under ``key``; a None key, or a value larger than the whole cache, keeps nothing."""
        size = self._size(value)
        if key is None or size > self.max_size:
            return
        with self._lock:
            previous = self._values.pop(key, None)  # another thread may have made it meanwhile
            if previous is not None:
                self._total -= self._size(previous)
            self._values[key] = value
            self._total += size
            while self._total > self.max_size:
                _key, evicted = self._values.popitem(last=False)
                self._total -= self._size(evicted)
