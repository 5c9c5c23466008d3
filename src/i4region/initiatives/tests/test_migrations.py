"""The data migrations carry existing records over without loss, on a fresh database."""

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

call_command("migrate", "initiatives", "0001", verbosity=0)
call_command("migrate", "stakeholders", "0002", verbosity=0)
call_command("migrate", "board", "0001", verbosity=0)
call_command("migrate", "auditlog", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("initiatives", "0001_initial")).apps
Organisation = MigrationExecutor(connection).loader.project_state(
    ("stakeholders", "0002_relation_updated_at")).apps.get_model("stakeholders", "Organisation")
Organisation.objects.create(name="Panevėžio plėtros agentūra (Panevėžys NOW)", type="agency")
Initiative = old.get_model("initiatives", "Initiative")
real = Initiative.objects.create(slug="agency", name_en="Agency", name_lt="Agentūra", type="agency",
    owner_organisation="Panevėžio plėtros agentūra", decisions_en="Council decision 2019",
    published=True)
sample = Initiative.objects.create(slug="camp", name_en="Camp", name_lt="Stovykla",
    type="programme", owner_organisation="Pavyzdinė asociacija", is_sample=True)
line = old.get_model("initiatives", "FundingLine").objects.create(initiative=sample,
    funder="Pavyzdinis rėmėjas", source_type="private", amount="10.00")
budget = old.get_model("initiatives", "BudgetLine").objects.create(initiative=real,
    category="running", planned="290000.00")
Change = old.get_model("initiatives", "Change")
Change.objects.create(initiative=real, record=f"budgetline {budget.pk}", before={},
    after={"planned": "290000.00", "category": "running"})
Change.objects.create(initiative=real, record=f"budgetline {budget.pk}",
    before={"planned": "290000.00"}, after={"planned": "290000"})
Change.objects.create(initiative=sample, record=f"fundingline {line.pk}",
    before={"funder": "Pavyzdinis rėmėjas", "amount": "10.00"},
    after={"funder": "Pavyzdinis rėmėjas", "amount": "12.00"})

call_command("migrate", "initiatives", "0004", verbosity=0)
new = MigrationExecutor(connection).loader.project_state(
    ("initiatives", "0004_periods_and_bilingual_facts")).apps
I = new.get_model("initiatives", "Initiative")
LogEntry = new.get_model("auditlog", "LogEntry")
Org = new.get_model("stakeholders", "Organisation")
out = {
    "owners": {i.slug: [i.owner_organisation.name, i.owner_organisation.is_sample]
               for i in I.objects.select_related("owner_organisation")},
    "description": I.objects.get(slug="agency").description_en,
    "funder": [(f.funder_organisation.name, f.funder_organisation.is_sample)
               for f in new.get_model("initiatives", "FundingLine").objects.all()],
    "organisations": Org.objects.count(),
    "history": sorted((e.action, json.dumps(e.changes, sort_keys=True),
                       (e.additional_data or {}).get("parent", ""))
                      for e in LogEntry.objects.all()),
    "period": new.get_model("initiatives", "BudgetLine").objects.get().period,
}
print(json.dumps(out))
"""


def test_names_become_register_links_and_changes_become_history(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i4region.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}",
        "I4REGION_HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    # the agency's text name matched the register's "name (brand)"; the sample's became a
    # new, sample-marked register entry; nothing else was created
    assert out["owners"] == {
        "agency": ["Panevėžio plėtros agentūra (Panevėžys NOW)", False],
        "camp": ["Pavyzdinė asociacija", True],
    }
    assert out["funder"] == [["Pavyzdinis rėmėjas", True]]
    assert out["organisations"] == 3
    assert out["description"].endswith("Decisions behind it: Council decision 2019")
    # created; the "290000.00 → 290000" re-save dropped; the funding change kept (its funder,
    # the same organisation before and after, is no change)
    created = {"category": ["None", "running"], "planned": ["None", "290000.00"]}
    changed = {"amount": ["10.00", "12.00"]}
    assert out["history"] == [
        [0, json.dumps(created, sort_keys=True), "initiatives.initiative:1"],
        [1, json.dumps(changed, sort_keys=True), "initiatives.initiative:2"],
    ]
    assert out["period"] == "unknown"
