"""Fixtures shared by every app's tests."""

import itertools

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bundled data once per test session: the real numbers every page is tested on."""
    from django.utils.translation import trans_real

    with django_db_blocker.unblock():
        call_command("setup", verbosity=0)
    # setup compiled the catalogues: drop any catalogue Django cached before the .mo files existed.
    trans_real._translations.clear()
    trans_real._default = None


@pytest.fixture(autouse=True)
def _fresh_state():
    """Every test starts with an empty cache, no actor and the default language, as a fresh
    instance does. The test cache outlives the rolled-back transaction of the test before, whose
    ids SQLite hands out again: a page cached there could otherwise answer for this test's data
    under the same stamp."""
    from auditlog.context import auditlog_value
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A page request activates its language for the thread and nothing deactivates it: without
    # this, a test would run in the language of the last page the test before it asked for.
    translation.deactivate()
    # django-auditlog leaves the last actor in its context variable after `set_actor` ends, and a
    # nested `set_actor` leaves the outer one's receiver connected: a user of an earlier test
    # (rolled back) is nobody in this one. A context with no actor and a dispatch id no receiver
    # has makes every left-over receiver stand aside.
    token = auditlog_value.set({"signal_duid": None})
    yield
    auditlog_value.reset(token)


@pytest.fixture
def make_user(django_user_model):
    """Create a user with a role: make_user("secretariat")."""

    def make(
        role: str = "", username: str | None = None, password: str = "a-Strong-passw0rd!", **extra
    ):
        name = username or f"user_{role or 'plain'}_{django_user_model.objects.count()}"
        return django_user_model.objects.create_user(
            username=name, password=password, role=role, email=f"{name}@example.org", **extra
        )

    return make


# --- Browser tests: a real server on a fresh SQLite database, driven by Debian's headless Chromium.

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """`i4region setup` then `i4region runserver` in a fresh folder, as a newcomer would run them.

    Yields (base_url, run) where run(*args) runs another `i4region` command against that server's
    database (to create users, for example).
    """
    import os
    import shutil

    from i4region.testing import CLI, instance_env, run_cli, serving

    if shutil.which("chromium") is None:
        message = "Debian's chromium is not installed (make test installs it when run as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = instance_env(
        tmp_path_factory.mktemp("served"),
        DEBUG="true",
        SECRET_KEY="browser-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    )

    def run(*args: str) -> str:
        result = run_cli(env, *args, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("setup", "--verbosity", "0")
    with serving([*CLI, "runserver", "--noreload", "127.0.0.1:{port}"], env) as base:
        yield base, run


@pytest.fixture
def page(served):
    """A fresh Chromium page (Playwright driving /usr/bin/chromium)."""
    import shutil

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        try:
            yield tab
        finally:
            context.close()
            browser.close()


_SERVED_USERS = itertools.count(1)


@pytest.fixture
def served_user(served):
    """Create a user with a role in the served instance: served_user("secretariat") -> username."""
    _, run = served

    def make(role: str, username: str | None = None) -> str:
        # numbered across the session: the served instance outlives each test
        name = username or f"{role or 'plain'}_{next(_SERVED_USERS)}"
        run(
            "shell",
            "-c",
            "from i4region.accounts.models import User; "
            f"User.objects.create_user({name!r}, email={name + '@example.org'!r}, "
            f"password={BROWSER_PASSWORD!r}, role={role!r})",
        )
        return name

    return make


BROWSER_PASSWORD = "Browser-test-passw0rd"


def log_in(page, base: str, username: str) -> None:
    """Sign in through the real login form (English pages)."""
    page.goto(base + "/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
