"""Paired `<field>_en` / `<field>_lt` texts: one rule for every model that stores both.

Declare a pair with `pair()`, read and write it through `paired()`:

    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    title = paired("title")

`localized(obj, "title")` is the same rule for code that holds a record of any model.
"""

from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "lt")


def active() -> str:
    """The active language when it is one the records store, else English."""
    lang = (get_language() or "lt")[:2]
    return lang if lang in LANGUAGES else "en"


def localized(obj, field: str) -> str:
    """The text in the active language, else English, else Lithuanian (never an empty miss)."""
    return (
        getattr(obj, f"{field}_{active()}", "")
        or getattr(obj, f"{field}_en", "")
        or getattr(obj, f"{field}_lt", "")
    )


def paired(field: str) -> property:
    """`obj.<field>`: reading gives the active language's text (else the other one); writing
    sets the active language's text."""

    def get(self) -> str:
        return localized(self, field)

    def set_(self, value: str) -> None:
        setattr(self, f"{field}_{active()}", value)

    return property(get, set_)


def pair(field_class, label, **options) -> tuple:
    """The English and the Lithuanian field of one text, labelled "<label> (English)" and
    "<label> (Lithuanian)"; each keeps `base_label` so the history can name the pair once."""
    english = field_class(format_lazy(_("{} (English)"), label), **options)
    lithuanian = field_class(format_lazy(_("{} (Lithuanian)"), label), **options)
    english.base_label = lithuanian.base_label = label
    return english, lithuanian


class Bilingual:
    """Model mixin: `self._pick("name")` gives `localized(self, "name")`."""

    def _pick(self, field: str) -> str:
        return localized(self, field)
