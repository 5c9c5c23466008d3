"""Sample records loaded before the seed dropped the " (sample)" suffix and wrote its texts in
Lithuanian: only records marked is_sample whose text is the old seed's own are changed, to the new
seed's text, so the next `i4region setup` updates them instead of adding a second copy. An
organisation keeps its name where the shorter one is already taken."""

import re

from django.db import migrations

SUFFIX = " (sample)"
# (model, field, old seed text as a pattern, new text with the pattern's groups)
TEXTS = [
    ("Person", "consent_source", r"Sample consent form", "Pavyzdinė sutikimo forma"),
    ("Relation", "source_note", r"Sample \(fictional\) relation", "Pavyzdinis (išgalvotas) ryšys"),
    ("Assessment", "assessor_name", r"Sample secretariat", "Pavyzdinis sekretoriatas"),
    ("Assessment", "note", r"Sample first assessment", "Pavyzdinis pirmasis vertinimas"),
    (
        "Interaction",
        "purpose",
        r"Sample contact (\d+): Industry 4\.0 needs",
        r"Pavyzdinis kontaktas \1: Pramonės 4.0 poreikiai",
    ),
    (
        "Interaction",
        "outcome",
        r"Sample outcome: interest in joint training",
        "Pavyzdinis rezultatas: domisi bendrais mokymais",
    ),
    (
        "FollowUp",
        "description",
        r"Send training offer \(sample (\d+)\)",
        r"Nusiųsti mokymų pasiūlymą (\1)",
    ),
]


def forwards(apps, schema_editor):
    Organisation = apps.get_model("stakeholders", "Organisation")
    taken = set(Organisation.objects.values_list("name", flat=True))
    for org in Organisation.objects.filter(is_sample=True, name__endswith=SUFFIX):
        short = org.name.removesuffix(SUFFIX)
        if short not in taken:
            tags = "" if org.tags == "sample" else org.tags
            Organisation.objects.filter(pk=org.pk).update(name=short, tags=tags)
            taken.add(short)
    for name in ("Person", "Activity"):
        model = apps.get_model("stakeholders", name)
        for pk, text in model.objects.filter(is_sample=True, name__endswith=SUFFIX).values_list(
            "pk", "name"
        ):
            model.objects.filter(pk=pk).update(name=text.removesuffix(SUFFIX))
    for name, field, old, new in TEXTS:
        model = apps.get_model("stakeholders", name)
        sample = "interaction__is_sample" if name == "FollowUp" else "is_sample"
        rows = model.objects.filter(**{sample: True, f"{field}__regex": old})
        for pk, text in rows.values_list("pk", field):
            if re.fullmatch(old, text):
                model.objects.filter(pk=pk).update(**{field: re.sub(old, new, text)})


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0003_register_links")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
