"""Messages of pure computation that a page shows in its own language.

`compute/` never imports Django, so a message is plain English, marked with `gettext_noop` so
that `makemessages` puts it in `compute/locale`; an error keeps the template and its values, and
the Django side translates them (see CONTRIBUTING.md, Translations).
"""

import re


def gettext_noop(message: str) -> str:
    """Mark a message for the translation catalogue and return it as it is. xgettext (Django's
    makemessages) finds this name; the app that shows the message translates it."""
    return message


#: pandas' reason for a CSV line whose fields do not match the header, and ours for it
PANDAS_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
WRONG_FIELDS = gettext_noop("wrong number of fields: expected %(expected)s, found %(found)s")
