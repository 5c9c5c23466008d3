"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bundled data once per test session: the real numbers every page is tested on."""
    with django_db_blocker.unblock():
        call_command("setup", verbosity=0)


@pytest.fixture
def make_user(django_user_model):
    """Create a user with a role: make_user("secretariat")."""

    def make(role: str = "", username: str | None = None, password: str = "a-Strong-passw0rd!", **extra):
        name = username or f"user_{role or 'plain'}_{django_user_model.objects.count()}"
        return django_user_model.objects.create_user(username=name, password=password, role=role,
                                                     email=f"{name}@example.org", **extra)

    return make
