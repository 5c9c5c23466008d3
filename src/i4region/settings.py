"""Django settings, all taken from the environment so one build serves every deployment.

DATABASE_URL (default: SQLite in the project folder), SECRET_KEY, DEBUG, ALLOWED_HOSTS,
REDIS_URL (optional shared cache), EMAIL_URL-style settings, I4REGION_HOME (project folder).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from i4region import instance


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, least: int = 0) -> int:
    """A whole number from the environment; anything else stops start-up with one line."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise instance.ConfigurationError(
            f"{name} must be a whole number of at least {least}, not {raw!r} (see README: Configuration)"
        )
    return int(raw)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
HOME_DIR = Path(os.environ.get("I4REGION_HOME", Path.cwd())).resolve()

DEBUG = env_bool("DEBUG", False)
# The embedded default (SQLite, no DATABASE_URL) keeps its own generated key under
# I4REGION_HOME/var; a production database needs SECRET_KEY from the environment.
EMBEDDED = not os.environ.get("DATABASE_URL")
_DEV_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    _DEV_KEY if DEBUG else instance.secret_key(HOME_DIR) if EMBEDDED else ""
)
if not SECRET_KEY:
    raise instance.ConfigurationError(
        "SECRET_KEY must be set when DATABASE_URL names a production database "
        "(see README: Configuration)"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "auditlog",
    "i4region.core",
    "i4region.accounts",
    "i4region.regions",
    "i4region.observatory",
    "i4region.indices",
    "i4region.stakeholders",
    "i4region.initiatives",
    "i4region.board",
    "i4region.maturity",
    "i4region.strategy",
    "i4region.reports",
    "i4region.transfer",
    "i4region.search",
]
# --- Security (issue 17): login throttling (django-axes) and the Content-Security-Policy.
INSTALLED_APPS += ["axes", "csp"]
# --- Job queue (issue 16): Django's tasks API (django-tasks backport) with the database backend,
# so the queue lives in the same database (SQLite or PostgreSQL) and needs no other service; any
# number of `i4region db_worker` processes on machines sharing the database take jobs from it.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "i4region.jobs"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 3, least=1)
JOBS_LEASE_SECONDS = env_int("JOBS_LEASE_SECONDS", 900, least=1)
# days a finished job's upload and result files are kept
JOBS_FILES_DAYS = env_int("JOBS_FILES_DAYS", 30, least=1)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # pages compressed for clients that accept gzip (issue 16); static files are whitenoise's
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "i4region.core.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # security (issue 17): NUL or control characters, malformed ids -> 400 before any view
    "i4region.core.middleware.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the one change history (core.history) records the signed-in user as the actor
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # security (issue 17): CSP, Permissions-Policy, Cache-Control: no-store; axes stays last
    "csp.middleware.CSPMiddleware",
    "i4region.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "i4region.urls"
WSGI_APPLICATION = "i4region.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "i4region.core.context_processors.site",
            ],
        },
    },
]

try:
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{HOME_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
        )
    }
except ValueError as exc:
    raise instance.ConfigurationError(f"DATABASE_URL is not a database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# App servers keep no local state: cache in Redis when given, else in the shared database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "i4region_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# --- Security (issue 17): sign-in, sessions, error pages. README: Configuration lists the variables.
# Login throttling for the site's and the admin's login (django-axes, counted in the shared cache):
# LOGIN_THROTTLE_FAILURES failures of one (normalised username, client address) pair lock that
# pair for LOGIN_THROTTLE_WINDOW seconds; nobody can lock an account for everyone else.
AUTHENTICATION_BACKENDS = [
    "i4region.accounts.backends.ThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_THROTTLE_FAILURES", 5, least=1)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("LOGIN_THROTTLE_WINDOW", 900))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "i4region.accounts.throttle.username"
AXES_CLIENT_IP_CALLABLE = "i4region.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "i4region.accounts.views.locked_out"
# Proxies in front of the app that append to X-Forwarded-For (1 behind one TLS proxy); 0 trusts
# nobody and takes REMOTE_ADDR. Used for throttling, never for permissions.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Password reset requests per client address and per e-mail address (django-ratelimit rate).
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "5/h")
# Idle timeout: a session unused for this many seconds ends; a request renews it, writing the
# session at most once a minute (core.middleware.SessionRenewalMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT", 7200, least=60)
SESSION_RENEW_SECONDS = 60
CSRF_FAILURE_VIEW = "i4region.core.views.csrf_failure"
# --- end of the security block

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "lt")
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "compute" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Vilnius")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = HOME_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, least=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "i4region <noreply@localhost>")

# Production hardening: on whenever DEBUG is off, so `i4region check --deploy` is clean.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # security (issue 17): preloading is a promise to browsers that is hard to undo; ask for it
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # check --deploy warns when preload is off; off is the deliberate default here
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# --- Security (issue 17): Content-Security-Policy (django-csp). Scripts only from our own static
# files or with the per-request nonce ({{ request.csp_nonce }}), never inline without it; styles
# only from our stylesheets (the HTML report adds its inlined one by hash, reports/views.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of the security block

# The one change history (core.history, on django-auditlog): no log of raw fixture loads, and
# the history of a record outlives the record.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
AUDITLOG_INCLUDE_ALL_MODELS = False

# The region this instance serves (Transfer: any NUTS code).
# `i4region setup --home-region CODE` writes it under I4REGION_HOME/var; the variable overrides.
I4REGION_HOME_REGION = (
    os.environ.get("I4REGION_HOME_REGION") or instance.home_region(HOME_DIR) or "LT025"
).upper()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
