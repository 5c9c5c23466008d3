"""Paired `<field>_en` / `<field>_lt` texts: one rule for every model that stores both."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The text in the active language, else English, else Lithuanian (never an empty miss)."""
    lang = (get_language() or "lt")[:2]
    return (
        getattr(obj, f"{field}_{lang}", "")
        or getattr(obj, f"{field}_en", "")
        or getattr(obj, f"{field}_lt", "")
    )


class Bilingual:
    """Model mixin: `self._pick("name")` gives `localized(self, "name")`."""

    def _pick(self, field: str) -> str:
        return localized(self, field)
