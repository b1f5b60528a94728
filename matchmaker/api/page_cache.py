"""Rendered list pages kept in the process for re-use: bounded in bytes, least recently used out first.

A page is only as fresh as its key: the key must hold everything the page depends on (for the firm
list, ``services.firms.list_key``). Entries of older keys are never served again; they age out.
"""
from typing import NamedTuple

from matchmaker.api.lru_cache import LruCache


class Page(NamedTuple):
    body: bytes  # the JSON body
    total: int  # the count of items across all pages
    etag: str  # of body and total (api.etag.page_etag), computed once


class PageCache(LruCache[Page]):
    """Pages by key, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int):
        super().__init__(max_bytes, size=lambda page: len(page.body))
