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
    title = page[page.index("<title>") : page.index("</title>")]
    assert "Reports" in title and "<section" not in title  # the lists are on the page, once
    assert page.count('id="initiatives-heading"') == 1


def test_region_form_leads_to_the_profile(client, make_user):
    client.force_login(make_user("secretariat"))
    response = client.get("/en/reports/region-profile/?region=LT011")
    assert response.status_code == 302 and response["Location"].endswith("/LT011.pdf")
    assert client.get("/en/reports/region-profile/?region=%3Cx%3E").status_code == 404
