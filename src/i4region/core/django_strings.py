"""Django's own messages that its Lithuanian catalogue leaves untranslated, where i4region can show
them: the new password's refusals, a form's slug field, a date and time that does not exist in
Vilnius (the hour the clocks skip in March), a rule of a record broken, a value of the wrong type
in a transfer package or an import.

Only its test imports this module. It marks the messages, word for word as Django writes them, so
that `makemessages` keeps them in i4region's catalogue, where they are translated; Django reads
that catalogue before its own. `core/tests/test_translations.py` checks that each of them reads in
Lithuanian. When a Django release translates one, it can go from here.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

PLURALS = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
)

MESSAGES = (
    _("The two password fields didn’t match."),
    _("Constraint “%(name)s” is violated."),
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    _("“%(pk)s” is not a valid value."),
    _(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
        "ambiguous or it may not exist."
    ),
    _("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    _(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD "
        "HH:MM[:ss[.uuuuuu]][TZ] format."
    ),
    _(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it "
        "is an invalid date/time."
    ),
    _("“%(value)s” value must be a decimal number."),
    _("“%(value)s” value must be a float."),
    _("“%(value)s” value must be an integer."),
)
