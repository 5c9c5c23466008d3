import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command

from i4region.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_anonymous_cannot_reach_admin_or_secretariat_pages(client):
    for url in ("/en/admin/", "/en/observatory/imports/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.INITIATIVE_MANAGER, Role.COMPANY_REP, ""])
def test_other_roles_are_refused_secretariat_pages(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/en/observatory/imports/").status_code == 403
    assert client.get("/en/admin/").status_code == 302  # admin: staff only, back to its login


def test_secretariat_and_administrator_reach_secretariat_pages(client, make_user):
    for role in (Role.SECRETARIAT, Role.ADMINISTRATOR):
        client.force_login(make_user(role))
        response = client.get("/en/observatory/imports/")
        assert response.status_code == 200
        assert "demo_r_pjanaggr3_2026-04_2016-2025.tsv.gz" in response.content.decode()


def test_login_and_logout(client, make_user):
    user = make_user(Role.BOARD_MEMBER, username="rasa")
    response = client.post(
        "/en/accounts/login/", {"username": "rasa", "password": "a-Strong-passw0rd!"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.post("/en/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_repeated_failures(client, make_user, settings):
    make_user(Role.BOARD_MEMBER, username="jonas")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/en/accounts/login/", {"username": "jonas", "password": "wrong"})
        assert response.status_code == 200
    # the failure that reaches the limit is answered with the lockout page
    response = client.post("/en/accounts/login/", {"username": "jonas", "password": "wrong"})
    assert response.status_code == 429
    # Now even the right password is refused, with a message that says why.
    response = client.post(
        "/en/accounts/login/", {"username": "jonas", "password": "a-Strong-passw0rd!"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, make_user):
    make_user(Role.BOARD_MEMBER, username="ona")
    response = client.post("/en/accounts/password-reset/", {"email": "ona@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Another-str0ng-pass", "new_password2": "Another-str0ng-pass"}
    )
    assert response.status_code == 302
    assert client.login(username="ona", password="Another-str0ng-pass")


def test_the_lithuanian_reset_page_refuses_a_new_password_in_lithuanian(client, make_user):
    """Django 5.2's Lithuanian lacks these two refusals; i4region's catalogue has them."""
    make_user(Role.BOARD_MEMBER, username="ona")
    client.post("/lt/accounts/password-reset/", {"email": "ona@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    form_url = client.get(link.split("testserver", 1)[1], follow=True).redirect_chain[-1][0]
    assert form_url.startswith("/lt/")
    for first, second, refusal in [
        ("Trump-1", "Trump-1", "Šis slaptažodis per trumpas. Jį turi sudaryti bent 10 simbolių."),
        ("Another-str0ng-pass", "Other-str0ng-pass", "Abu slaptažodžiai nesutampa."),
    ]:
        response = client.post(form_url, {"new_password1": first, "new_password2": second})
        page = response.content.decode()
        assert response.status_code == 200 and refusal in page
        assert "This password" not in page and "didn’t match" not in page
    assert not client.login(username="ona", password="Another-str0ng-pass")


def test_weak_password_is_refused_by_validators(client, make_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_createsuperuser_works(monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Super-str0ng-pass")
    call_command(
        "createsuperuser", "--noinput", username="admin", email="admin@example.org", verbosity=0
    )
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.has_role(Role.SECRETARIAT)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "i4region.example.org",
        "SECRET_KEY": "x9!" * 20 + "production-like-key-0123456789",
        "DJANGO_SETTINGS_MODULE": "i4region.settings",
        "I4REGION_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "i4region", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
