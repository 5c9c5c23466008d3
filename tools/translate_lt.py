"""Fill Lithuanian translations into a .po file from a JSON dict {msgid: msgstr} (development aid).

Usage: python tools/translate_lt.py PO_FILE JSON_FILE — entries already translated are kept;
the script lists msgids that are still untranslated so nothing is missed silently.
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    po = polib.pofile(po_path)
    with open(json_path, encoding="utf-8") as fh:
        table = json.load(fh)
    for entry in po:
        if entry.msgid in table and not entry.msgstr:
            value = table[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {i: v for i, v in enumerate(value)}
            else:
                entry.msgstr = value
        if "fuzzy" in entry.flags and entry.msgid in table:
            entry.flags.remove("fuzzy")
            entry.msgstr = table[entry.msgid]
    po.metadata["Language"] = "lt"
    po.metadata["Plural-Forms"] = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    missing = [e.msgid for e in po.untranslated_entries()]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
