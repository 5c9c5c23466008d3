"""Links into the one register and the portfolio, and the fields the workflows need.

The old plain-text and content-type columns are renamed out of the way here, the new foreign
keys and fields added beside them; 0003 moves the data across and 0004 removes the old columns.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0001_initial"),
        ("stakeholders", "0002_relation_updated_at"),
        ("initiatives", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameField("attendance", "guest_organisation", "guest_organisation_name"),
        migrations.RenameField("action", "initiative_id", "old_initiative_id"),
        migrations.RenameField("decision", "approved_at", "decided_at"),
        migrations.AddField(
            model_name="founder",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="boards_founded",
                to="stakeholders.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="founder",
            name="role",
            field=models.CharField(blank=True, max_length=200, verbose_name="role"),
        ),
        migrations.AddField(
            model_name="membership",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="board_seats",
                to="stakeholders.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="proposer_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="board_proposals",
                to="stakeholders.organisation",
                verbose_name="proposed by (organisation)",
            ),
        ),
        migrations.AddField(
            model_name="attendance",
            name="guest_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="board_guests",
                to="stakeholders.organisation",
                verbose_name="guest's organisation",
            ),
        ),
        migrations.AddField(
            model_name="attendance",
            name="proxy_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="proxy"),
        ),
        migrations.AddField(
            model_name="attendance",
            name="note",
            field=models.CharField(blank=True, max_length=4000, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="action",
            name="owner_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="board_actions",
                to="stakeholders.organisation",
                verbose_name="owner organisation",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="initiative",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="board_actions",
                to="initiatives.initiative",
                verbose_name="initiative",
            ),
        ),
        migrations.AlterField(
            model_name="board",
            name="decision_method",
            field=models.CharField(default="consensus", max_length=20),
        ),
        migrations.AlterField(
            model_name="decision",
            name="method",
            field=models.CharField(default="consensus", max_length=20),
        ),
        migrations.AddField(
            model_name="decision",
            name="state",
            field=models.CharField(default="draft", max_length=10, verbose_name="state"),
        ),
        migrations.AddField(
            model_name="decision",
            name="vote_mode",
            field=models.CharField(blank=True, max_length=10),
        ),
    ]
