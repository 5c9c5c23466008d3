from django.conf import settings
from django.urls import translate_url

from .navigation import CAPABILITIES


def site(request):
    """Menu, language links and the home region for every page."""
    languages = [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "capabilities": CAPABILITIES,
        "language_links": languages,
        "home_region_code": settings.I4REGION_HOME_REGION,
    }
