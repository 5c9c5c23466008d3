"""Observatory pages served near the server's floor (#16).

A page's content is the same for every visitor with the same address, language and rights, so
it is rendered once per state of the data and kept in the shared cache and in each process's
memory (`fragment`); `page_stamp` tells in one query whether anything shown has changed. A
visitor without a session or messages gets the whole page from the cache (`shared_page`);
anyone else gets the cached content in a frame (menu, sign-in, CSRF token) rendered for them.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache as cache_once

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from i4region import __version__ as VERSION

from .models import ImportBatch, Indicator, Observation, ObservationNote, Target

# Pages are rendered again when the data or the catalogue changes; this only bounds their age.
PAGE_CACHE_SECONDS = 24 * 3600


@cache_once
def _stamp_query() -> tuple[str, list[int]]:
    quote = connection.ops.quote_name
    tracked = [
        ContentType.objects.get_for_model(m).id
        for m in (Observation, Indicator, ObservationNote, Target)
    ]
    return (
        f"SELECT (SELECT COUNT(*) FROM {quote(ImportBatch._meta.db_table)}), "
        f"(SELECT MAX({quote(Observation._meta.pk.column)}) "
        f"FROM {quote(Observation._meta.db_table)}), "
        f"(SELECT MAX({quote('id')}) FROM {quote(LogEntry._meta.db_table)} "
        f"WHERE {quote('content_type_id')} IN ({', '.join(['%s'] * len(tracked))}))",
        tracked,
    )


def page_stamp() -> str:
    """Changes whenever anything an observatory page shows changes, in one query of three
    index look-ups: the number of import batches (an import adds one, even when it only adds
    indicators), the newest observation, and the newest history entry of an observation,
    indicator, note or target (a value entered, changed or deleted by hand, an edit of the
    catalogue, a note or target added, changed or deleted)."""
    sql, params = _stamp_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return "-".join(str(v) for v in cursor.fetchone())


class _Recent:
    """The process's most recently used rendered fragments, up to a number of characters.

    Safe to keep per process: every key holds the page stamp, so an entry is never stale, only
    unused."""

    def __init__(self, chars: int):
        self.chars, self.used = chars, 0
        self.items: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def size(value: dict) -> int:
        return sum(len(v) for v in value.values() if isinstance(v, str | bytes))

    def get(self, key: str) -> dict | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value: dict) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.used += self.size(value)
            while self.used > self.chars and len(self.items) > 1:
                _, old = self.items.popitem(last=False)
                self.used -= self.size(old)


_RECENT = _Recent(64 * 1024 * 1024)


def fragment(parts: tuple, build: Callable[[], dict | None]) -> dict | None:
    """A rendered part of a page (a dict of strings), keyed by `parts` and the page stamp: from
    this process's memory, else the shared cache, else `build()` (None: nothing to keep).

    What goes in must be the same for every visitor with the same `parts`: no CSRF token, no
    name of the signed-in user, no messages."""
    digest = hashlib.sha256(repr((VERSION, parts, page_stamp())).encode()).hexdigest()[:32]
    key = f"page-fragment:{digest}"
    # inside a transaction the data may be uncommitted (and ids are reused after a rollback):
    # nothing read there is kept in the process's memory
    local = not connection.in_atomic_block
    found = _RECENT.get(key) if local else None
    if found is None:
        found = cache.get(key)
        if found is None:
            found = build()
            if found is None:
                return None
            cache.set(key, found, PAGE_CACHE_SECONDS)
        if local:
            _RECENT.put(key, found)
    return found


def shared_page(request, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """The whole page, from the cache, for a visitor without a session or pending messages:
    such a visitor's frame (menu, "Log in", language links) is the same for everyone at that
    address, and holds no CSRF token. Anyone else gets `respond()`, the content cached and the
    frame rendered for them. The compressed body is kept beside the plain one."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return respond()

    def whole() -> dict | None:
        response = respond()
        if response.status_code != 200 or response.has_header("Content-Encoding"):
            return None
        return {"body": response.content, "gzip": gzip.compress(response.content, 6, mtime=0)}

    parts = ("page", request.get_full_path(), request.LANGUAGE_CODE)
    found = fragment((*parts, request.scheme, request.get_host()), whole)
    if found is None:
        return respond()
    packed = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(found["gzip"] if packed else found["body"])
    if packed:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
