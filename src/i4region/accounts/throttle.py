"""Login throttling in the shared cache, so every app server sees the same count."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    digest = lambda s: hashlib.sha256(s.lower().encode()).hexdigest()[:32]  # noqa: E731
    return [f"login-fail:user:{digest(username)}", f"login-fail:addr:{digest(address)}"]


def is_locked(username: str, address: str) -> bool:
    limit = settings.LOGIN_THROTTLE_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        if cache.add(key, 1, settings.LOGIN_THROTTLE_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_THROTTLE_WINDOW)


def clear(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
