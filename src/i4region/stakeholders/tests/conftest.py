import pytest

from i4region.stakeholders.models import Activity, Organisation


@pytest.fixture
def secretariat(client, make_user):
    """The test client signed in as the secretariat (Sekretorė Vardaitė, as the history names her)."""
    client.force_login(make_user("secretariat", first_name="Sekretorė", last_name="Vardaitė"))
    return client


@pytest.fixture
def company(db) -> Organisation:
    """The first fictional company of the sample ecosystem."""
    return Organisation.objects.filter(is_sample=True, type="company").order_by("pk").first()


@pytest.fixture
def make_activity(db):
    """A STEAM activity for pupils of `organisation`, where the sample activities take place."""

    def make(organisation: Organisation, name: str, **fields) -> Activity:
        return Activity.objects.create(
            organisation=organisation,
            name=name,
            theme="steam",
            target_group="pupils",
            municipality=Activity.objects.order_by("pk").first().municipality,
            **fields,
        )

    return make
