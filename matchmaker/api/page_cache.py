"""Rendered list pages kept in the process for re-use: bounded in bytes, least recently used out first.

A page is only as fresh as its key: the key must hold everything the page depends on (for the firm
list, ``services.firms.list_key``). Entries of older keys are never served again; they age out.
"""
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

Page = tuple[bytes, int]  # the JSON body, and the total count of items across all pages


class PageCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, Page] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()  # a threaded server (the development one) answers requests side by side

    def get_or_render(self, key_of: Callable[[], Hashable | None], render: Callable[[], Page]) -> Page:
        """The page cached under ``key_of()``, else ``render()``'s, cached; a None key is rendered every time.

        The key is asked for first, and only while the cache is on: it may cost a query.
        """
        key = key_of() if self.max_bytes > 0 else None
        if key is None:
            return render()
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        page = render()
        self._store(key, page)
        return page

    def _store(self, key: Hashable, page: Page) -> None:
        if len(page[0]) > self.max_bytes:
            return
        with self._lock:
            previous = self._pages.pop(key, None)  # another thread may have rendered it meanwhile
            if previous is not None:
                self._bytes -= len(previous[0])
            self._pages[key] = page
            self._bytes += len(page[0])
            while self._bytes > self.max_bytes:
                _key, evicted = self._pages.popitem(last=False)
                self._bytes -= len(evicted[0])
