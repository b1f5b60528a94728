"""Rendered list pages kept in the process for re-use: bounded in bytes, least recently used out first.

A page is only as fresh as its key: the key must hold everything the page depends on (for the firm
list, ``services.firms.list_key``). Entries of older keys are never served again; they age out.
"""
from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock
from typing import NamedTuple


class Page(NamedTuple):
    body: bytes  # the JSON body
    total: int  # the count of items across all pages
    etag: str  # of body and total (api.etag.page_etag), computed once


class PageCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, Page] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()  # a threaded server (the development one) answers requests side by side

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def get(self, key: Hashable | None) -> Page | None:
        """The page cached under ``key``; None for a None key."""
        if key is None:
            return None
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable | None, page: Page) -> None:
        """Keep ``page`` under ``key``: a key read with the page, never after it. A None key keeps nothing."""
        if key is None or len(page.body) > self.max_bytes:
            return
        with self._lock:
            previous = self._pages.pop(key, None)  # another thread may have rendered it meanwhile
            if previous is not None:
                self._bytes -= len(previous.body)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self.max_bytes:
                _key, evicted = self._pages.popitem(last=False)
                self._bytes -= len(evicted.body)
