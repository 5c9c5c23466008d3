"""The reports index: the secretariat's list of every document it can produce."""

import pytest

pytestmark = pytest.mark.django_db


def test_index_is_for_the_secretariat(client, make_user):
    client.force_login(make_user("board_member"))
    assert client.get("/en/reports/").status_code == 403
    client.force_login(make_user("secretariat"))
    page = client.get("/en/reports/").content.decode()
    assert "/en/reports/region-profile/LT025.pdf" in page
    assert "/en/reports/initiatives/robolabas.pdf" in page
    assert "/en/reports/boards/panevezys-i40/meetings/" in page
    assert "/en/reports/companies/" in page
