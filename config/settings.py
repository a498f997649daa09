"""Settings for kantoor, read from the environment (see `.env.example`).

Wiring only: no domain code lives here.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` is convenient in development (`dev.py run` writes one); real environment variables
# always win. ENV_FILE names another file (tests point it elsewhere, or at os.devnull for none).
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or set DEBUG=true for development)."
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "kantoor",
    "relaties",
    "teams",
    "taken",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "template_partials",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: answers /gezond/ before the Host header is validated (load balancers probe by IP).
    "kantoor.middleware.GezondMiddleware",
    "kantoor.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kantoor.middleware.NulTekenMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kantoor.middleware.SessieMiddleware",
    "kantoor.middleware.GeenCacheMiddleware",
    "kantoor.middleware.TaalMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "kantoor.middleware.KantoorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kantoor.context_processors.kantoor",
            ],
        },
    },
]

# The embedded default is an SQLite file beside the code. IMMEDIATE transactions take the write
# lock at BEGIN, so concurrent writers wait for each other (up to `timeout` seconds) instead of
# failing halfway with "database is locked".
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Short OLTP queries: PostgreSQL's JIT spent 0.1-2.4 s compiling a 50-row page whenever an
    # estimate crossed jit_above_cost (issue 11, measured on the seed); it never paid back here.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kantoor.Medewerker"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "taken:taak_list"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The UI is Dutch; source strings are English, so English comes for free.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need `collectstatic`, which production runs; development and the
    # tests serve the sources as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# WhiteNoise serves static files in every environment; in development (and the tests, which load
# the development settings) straight from the app folders, without `collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kantoor@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default, relaxed only where development over plain HTTP needs it.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The health check is probed over plain HTTP by load balancers and must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]

# Everything is served from our own origin: no CDN, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Every line: time, level, logger, request id and office code (kantoor/logboek.py); JSON lines
# with LOG_FORMAT=json. Django's own loggers write through the same handler (not its DEBUG-only
# console), so errors arrive once, with their stack trace.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "kantoor.logboek.ContextFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(kantoor)s] %(message)s"
        },
        "json": {"()": "kantoor.logboek.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if env.str("LOG_FORMAT", default="text") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# --- Logging in and sessions (issue 9 items 5 and 6; README "Inloggen en sessies") -------------

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out address before any password is checked.
    "kantoor.backends.DrempelBackend",
    "kantoor.backends.MedewerkerBackend",
]
# An address is unique per office, not globally (D9): MedewerkerBackend checks the password of
# every account with the address and lets the person choose the office, so the non-unique
# USERNAME_FIELD that auth.W004 warns about is handled on purpose.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
# taken_taak_open_rol INCLUDEs a column for index-only scans on PostgreSQL; SQLite, the embedded
# default, builds the same index without it, which is all models.W040 says.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS.append("models.W040")

# Argon2 first; older hashes (PBKDF2) still verify and are rehashed with Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# A session ends after SESSION_IDLE_MINUTES without a request (the cookie's and the stored
# session's age, renewed by kantoor.middleware.SessieMiddleware) and SESSION_MAX_HOURS after
# logging in, however busy.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=120)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=10)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# Throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one address from one
# client, that pair is locked for LOGIN_COOLOFF_MINUTES; an office admin can lift it earlier in
# Beheer (Medewerkers > action "Vergrendeling opheffen").
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# Counted per lower-cased address, so that "A@x.nl" and "a@x.nl" share one count.
AXES_USERNAME_CALLABLE = "kantoor.backends.axes_adres"
AXES_LOCKOUT_CALLABLE = "kantoor.views.vergrendeld"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked do not extend the lock: the cool-off runs from the last counted failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Only failures are kept (no log of every login), and Beheer unlocks through the employee, scoped
# to the office; axes' own admin pages would list every office's addresses.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# No banner at every start: an operator's log holds what happened, not the library's version.
AXES_VERBOSE = False

# Imports (issue 9 item 3): no uploaded or imported file over this many bytes is read. The upload
# handler stops a larger file while it arrives; larger files than FILE_UPLOAD_MAX_MEMORY_SIZE wait
# on disk, not in memory. The import's preview carries the file (compressed, in base64) in its
# confirmation form, so a form body may be that large; a larger one is refused by its
# Content-Length before it is read.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "kantoor.uploads.BegrensdeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, IMPORT_MAX_BYTES * 3 // 2)
