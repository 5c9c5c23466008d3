"""The rule that keeps contact details out of free text in exports without personal data.

Pure Python (no Django): an e-mail address is anything of the form local@domain.tld; a phone
number is a run of at least seven digits, optionally starting with +, in which up to two spaces,
dashes, dots, slashes or brackets may separate the digits. Not phone numbers: a date written
2025-04-01 and an amount grouped in thousands (1 250 000, 1.250.000). Both are replaced by a marker that
says what was removed, so a reader knows the text was redacted rather than empty.
"""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\s\-./()]{0,2}\d){6,}(?!\w)")
NOT_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*")
EMAIL_REMOVED = "[e-mail removed]"
PHONE_REMOVED = "[phone removed]"


def redact_contacts(text: str) -> str:
    """`text` with every e-mail address and phone number replaced by a marker."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_REMOVED, text)
    return PHONE.sub(lambda m: m[0] if NOT_PHONE.fullmatch(m[0]) else PHONE_REMOVED, text)
