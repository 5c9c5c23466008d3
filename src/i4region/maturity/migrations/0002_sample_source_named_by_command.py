"""Sample responses loaded before the seed named its source by the command that writes it."""

from django.db import migrations


def forwards(apps, schema_editor):
    Response = apps.get_model("maturity", "Response")
    Response.objects.filter(is_sample=True, source="sample seed").update(source="i4region setup")


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
