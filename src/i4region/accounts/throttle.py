"""How django-axes identifies a sign-in attempt: one rule for the site's login and the admin's.

Attempts are counted per (normalised username, client address) pair, so a guesser is stopped
while nobody can lock a known username for everyone else by failing on purpose.
"""

import unicodedata

from django.conf import settings
from django.http import HttpRequest


def username(request: HttpRequest, credentials: dict | None) -> str:
    """The username as the login form and the user model see it: NFKC, no surrounding spaces.

    Case-folded too, so "Im", "im " and " IM" count against one budget.
    """
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return unicodedata.normalize("NFKC", str(raw)).strip().casefold()


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy appended to X-Forwarded-For (entries further left are the client's
    own claims and are ignored)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
