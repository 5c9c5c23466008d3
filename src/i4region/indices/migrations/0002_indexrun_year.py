from django.db import migrations, models


class Migration(migrations.Migration):
    """Runs are per data year (the panel index); runs made before were of 2018."""

    dependencies = [("indices", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="indexrun",
            name="year",
            field=models.PositiveIntegerField(default=2018, verbose_name="data year"),
            preserve_default=False,
        ),
    ]
