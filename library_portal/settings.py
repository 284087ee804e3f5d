"""Settings of the library portal.

Every value comes from the environment (or a `.env` file beside manage.py); production differs
from development only by environment. `.env.example` lists every variable with its default.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from library_portal.env import (
    env_bool,
    env_file_storage,
    env_int,
    env_list,
    env_networks,
    env_rate,
    env_str,
    load_dotenv,
    storage_origin,
)

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
# A production server must never start with a guessable key or an open host list.
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "library_portal.apps.PortalAdminConfig",  # django.contrib.admin, with the "Today" page as its index
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "library_portal",
    "services",
    "pricing",
    "ill",
    "feedback",
    "rooms",
    "news",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "library_portal.middleware.ContentSecurityPolicyMiddleware",
    "library_portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, language, CSRF and authentication middleware: a cached page costs none of their work.
    "library_portal.caching.PageCacheMiddleware",
    # Inside the page cache: a page that marks notices as heard sets a cookie, and is therefore never stored.
    "news.middleware.NoticeCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "library_portal.middleware.ApiLanguageMiddleware",
    # After the language is chosen, so that the 400 page is in the visitor's language.
    "library_portal.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "library_portal.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees a view's exception first: a storage or cache that is down answers 503, not 500.
    "library_portal.middleware.UnavailableMiddleware",
]

ROOT_URLCONF = "library_portal.urls"
WSGI_APPLICATION = "library_portal.wsgi.application"

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
                "library_portal.context_processors.portal",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/library_portal")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", default=60),
        # Testing a kept connection costs a round trip on every request; without it, after PostgreSQL
        # restarts each worker fails one request and reconnects.
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", default=False),
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://user:password@host:port/name).")
# Fail fast when the server is down instead of hanging for the kernel's TCP timeout.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", default=5)
# DATABASE_POOLER=pgbouncer: DATABASE_URL names a PgBouncer in transaction mode, which lends a server
# connection to the portal for one transaction at a time. The portal keeps no state in a database
# session across transactions (no advisory locks, LISTEN, prepared statements; the one session
# setting, the time zone Django sets on connecting, is a parameter PgBouncer keeps per client; the
# README's "Connection pooling" says how each was checked); only a server-side cursor would, so
# that is switched off. Kept connections (CONN_MAX_AGE) stay on: behind the pooler
# they hold no server connection between requests and save each request the pooler's handshake.
DATABASE_POOLER = env_str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured("DATABASE_POOLER must be empty (direct connections) or pgbouncer (transaction mode).")
# QuerySet.iterator() reads through a server-side cursor that Django declares WITH HOLD outside a
# transaction: behind a transaction-mode pooler its next FETCH may reach another server connection,
# where the cursor does not exist. Switched off, iterator() reads the whole result at once.
# Empty (as in .env.example) means "as the pooler needs", not "off".
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = (
    env_bool("DISABLE_SERVER_SIDE_CURSORS", default=False)
    if env_str("DISABLE_SERVER_SIDE_CURSORS", default="")
    else DATABASE_POOLER == "pgbouncer"
)
# `make run` and `make test` start an embedded PostgreSQL here when DATABASE_URL is not set and no server answers
# at the default address (library_portal/management/embedded_database.py); it listens on a socket in this
# directory. It is a development and trial server (no TLS, no backups, trust authentication, gone with the
# checkout), so a production portal refuses it. The sign is the address itself, the socket directory, and not a
# flag set by the make targets: whoever copies the URL into a production configuration is stopped too, and the
# portal otherwise treats this server like any other. (Only a checkout path too long for a Unix socket moves the
# socket elsewhere; `ensure_database` refuses the embedded server with DEBUG off in any case.)
EMBEDDED_DATABASE_DIR = BASE_DIR / "var" / "postgres"
_db_host = DATABASES["default"].get("HOST") or ""
if not DEBUG and _db_host.startswith("/") and Path(_db_host).resolve() == EMBEDDED_DATABASE_DIR.resolve():
    raise ImproperlyConfigured(
        "DATABASE_URL points to the embedded development PostgreSQL in var/postgres/, which is for development "
        "and trials only: with DEBUG off, set DATABASE_URL to your PostgreSQL server."
    )

AUTH_USER_MODEL = "library_portal.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
LOGOUT_REDIRECT_URL = "home"

# Languages: Lithuanian is the default; the others are complete translations, not stubs.
LANGUAGE_CODE = "lt"
LANGUAGES = [
    ("lt", _("Lithuanian")),
    ("en", _("English")),
    ("bg", _("Bulgarian")),
    ("fi", _("Finnish")),
]
# The portal's own catalogues (`make messages`), then the portal's translations of messages of Django's admin that
# Django's own catalogues lack or word against the grammar (library_portal/django_locale, kept by hand: makemessages
# would drop them as unused by the portal's code).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "library_portal" / "django_locale"]
FORMAT_MODULE_PATH = ["library_portal.formats"]
USE_I18N = True
USE_TZ = True
# The server's default zone; the library's own zone (used for "open now") is data in the admin.
TIME_ZONE = env_str("TIME_ZONE", default="Europe/Vilnius")
MODELTRANSLATION_DEFAULT_LANGUAGE = "lt"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("lt",)
# Served by the portal itself: no asset may come from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"  # modeltranslation reads this name

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Every stored file (price-list PDFs, logos, uploads) goes through Django's storage API: local files under
# MEDIA_ROOT (served at MEDIA_URL by `make run`), or, with STORAGE_URL set, an S3 bucket that every host shares.
# With DEBUG off, collectstatic writes hashed names and, unless STATIC_COMPRESS=0, gzip and Brotli copies that
# WhiteNoise serves to browsers that take them. Compressing is most of collectstatic's time (33 s against 3 s
# here, for the admin's, the API docs' and the portal's 1,100 files): `make cluster` and its test skip it, since
# what they prove does not depend on it, and a CDN that compresses by itself makes it redundant.
STATIC_COMPRESS = env_bool("STATIC_COMPRESS", default=True)
STORAGES = {
    "default": env_file_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_COMPRESS
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and host: the cached pages, the namespaces' versions that invalidate them
# (library_portal/caching.py) and the throttles' counters. Django's RedisCache when REDIS_URL is set. Without it,
# as on a fresh box for `make run`, a local cache in each process (said at start-up, library_portal/apps.py):
# right for one process, wrong for several, whose caches and counters would each go their own way.
REDIS_URL = env_str("REDIS_URL", default="")
# How many worker processes serve the portal on this host: gunicorn.conf.py sets it for its workers from
# GUNICORN_WORKERS (or WEB_CONCURRENCY, the usual name).
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", default=1)
if REDIS_URL:
    _SHARED_CACHE = {
        # Django's RedisCache, with one redis-py client per pool instead of one per operation (measured: see there).
        "BACKEND": "library_portal.redis_cache.SharedClientRedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that does not answer must not hang a request for the kernel's TCP timeout.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
else:
    if not DEBUG and WEB_CONCURRENCY > 1:
        raise ImproperlyConfigured(
            f"{WEB_CONCURRENCY} workers and no shared cache: each would keep its own cached pages and rate limits. "
            "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or run one worker (GUNICORN_WORKERS=1)."
        )
    _SHARED_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}

# Limits on public writes, per client and per target (library_portal/throttling.py): at most
# <count> per fixed window of <period> (s, m, h or d). Chosen so that a real patron never meets
# them; a script does at once.
THROTTLES = {
    # Log-in attempts (page and API) per e-mail address tried, and per client address.
    "login-account": env_rate("THROTTLE_LOGIN_ACCOUNT", default="10/15m"),
    "login-client": env_rate("THROTTLE_LOGIN_CLIENT", default="50/15m"),
    # Password-reset mails per address, and requests per client address.
    "password-reset-address": env_rate("THROTTLE_PASSWORD_RESET_ADDRESS", default="5/1h"),
    "password-reset-client": env_rate("THROTTLE_PASSWORD_RESET_CLIENT", default="20/1h"),
    # New accounts per client address (a library's public computers share one address).
    "register-client": env_rate("THROTTLE_REGISTER_CLIENT", default="20/1h"),
    # Registrations for one event from one client address (page and API).
    "event-registration": env_rate("THROTTLE_EVENT_REGISTRATION", default="10/1h"),
    # Responses to one survey from one client address (page and API; a kiosk in a branch is one address).
    "survey-response": env_rate("THROTTLE_SURVEY_RESPONSE", default="60/1h"),
    # Feedback messages per client address (page and API).
    "feedback": env_rate("THROTTLE_FEEDBACK", default="5/10m"),
    # Interlibrary-loan submissions per patron (page and API).
    "ill-submission": env_rate("THROTTLE_ILL_SUBMISSION", default="30/1d"),
    # Room booking requests per patron (API), taken or refused: the rooms' own per-person limits count what is held.
    "room-booking": env_rate("THROTTLE_ROOM_BOOKING", default="30/1h"),
    # ISO 18626 messages per partner library, and per client address before the partner is known.
    "iso18626-partner": env_rate("THROTTLE_ISO18626_PARTNER", default="600/10m"),
    "iso18626-client": env_rate("THROTTLE_ISO18626_CLIENT", default="1200/10m"),
}
CACHES = {
    "default": _SHARED_CACHE,
    # The same store, for the throttles' counters only (each counter is written with its own window's expiry).
    # A separate alias so that a local cache does not share its MAX_ENTRIES culling with the pages.
    "throttle": {**_SHARED_CACHE, "LOCATION": "throttle"} if not REDIS_URL else _SHARED_CACHE,
}
# Sessions live in PostgreSQL and are read through the shared cache (library_portal/sessions.py says why and how
# it behaves when the cache does not answer); a cached copy is kept at most this many seconds.
SESSION_ENGINE = "library_portal.sessions"
SESSION_CACHE_SECONDS = env_int("SESSION_CACHE_SECONDS", default=300)
# Client addresses are read from X-Forwarded-For only when the direct peer is one of these reverse
# proxies (addresses or CIDR networks); otherwise anyone could choose their own address.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", default=[])

# Background work (e-mail after commit, reminders) goes through Django's task API, stored in
# PostgreSQL and run by `manage.py task_worker` (`make worker`; `make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_TASK_ATTEMPTS = env_int("MAIL_TASK_ATTEMPTS", default=5)
# Seconds before the first retry of a failed send (mail, ISO 18626); each further retry waits twice
# as long, at most an hour.
MAIL_RETRY_DELAY = env_int("MAIL_RETRY_DELAY", default=60)
# A task RUNNING for longer than this many seconds belongs to a worker that died (SIGKILL, power
# loss): a worker puts it back in the queue. Every task we have is bounded well below it: an e-mail
# by EMAIL_TIMEOUT per SMTP exchange, an ISO 18626 message by its 30 s timeout.
TASK_RECLAIM_AFTER = env_int("TASK_RECLAIM_AFTER", default=300)
if MAIL_RETRY_DELAY < 1 or TASK_RECLAIM_AFTER < 1:
    raise ImproperlyConfigured("MAIL_RETRY_DELAY and TASK_RECLAIM_AFTER must be at least 1 (seconds).")

# E-mail. In development mails are printed to the console.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="biblioteka@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where staff notices go (new interlibrary-loan requests, cancellation requests).
ILL_STAFF_EMAIL = env_str("ILL_STAFF_EMAIL", default="tba@localhost")
# The portal's public address, for links in e-mails sent outside a request (workflow notices).
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Where staff notices of room bookings go (a new request, a patron's cancellation).
ROOMS_STAFF_EMAIL = env_str("ROOMS_STAFF_EMAIL", default="patalpos@localhost")
# Until how many hours before its start a patron may cancel a room booking free of charge; later only staff can.
ROOMS_CANCEL_CUTOFF_HOURS = env_int("ROOMS_CANCEL_CUTOFF_HOURS", default=24)
if ROOMS_CANCEL_CUTOFF_HOURS < 0:
    raise ImproperlyConfigured("ROOMS_CANCEL_CUTOFF_HOURS must be 0 or more (hours).")
# Our own ISO 18626 agency id (ISIL) in messages to partner libraries.
ILL_AGENCY_ID = env_str("ILL_AGENCY_ID", default="LT-000045")

# Security. Production values are the defaults; development relaxes only what needs HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page satisfies this policy: no inline scripts or styles, nothing from other hosts.
# Logos come from the bucket's public address when the files live in S3.
_IMAGE_SOURCES = " ".join(filter(None, ["'self'", "data:", storage_origin(STORAGES["default"])]))
_CSP_SOURCES = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    f"img-src {_IMAGE_SOURCES}; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
# No other site may frame a page of the portal (with X_FRAME_OPTIONS for older browsers)...
CONTENT_SECURITY_POLICY = f"{_CSP_SOURCES}; frame-ancestors 'none'"
# ...but the opening-hours widget (/<lang>/embed/hours/<slug>/), which is made for an <iframe> on a municipality's
# site: the same policy otherwise (services/hours.py).
CONTENT_SECURITY_POLICY_FRAMEABLE = f"{_CSP_SOURCES}; frame-ancestors *"
# Every powerful browser feature off: the portal uses none of them (PermissionsPolicyMiddleware).
PERMISSIONS_POLICY_FEATURES = [
    "accelerometer",
    "ambient-light-sensor",
    "autoplay",
    "battery",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "document-domain",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "interest-cohort",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "speaker-selection",
    "storage-access",
    "usb",
    "web-share",
    "window-management",
    "xr-spatial-tracking",
]
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in PERMISSIONS_POLICY_FEATURES)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that a bad token answers 401 with a WWW-Authenticate header.
        "library_portal.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The API takes JSON only (as documented), and its parser refuses control characters in any string.
    "DEFAULT_PARSER_CLASSES": ["library_portal.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "library_portal.schema.AutoSchema",
    # ?limit= from 1 to 200 (50 by default), ?offset= from 0; anything else answers 400.
    "DEFAULT_PAGINATION_CLASS": "library_portal.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "library_portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Library portal API",
    "DESCRIPTION": "Branches, services and the library's other public data. Language by Accept-Language or ?lang=.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No calls to the public validator: the docs page talks to this portal only.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Request bodies get their own components, so that what is refused on input binds no answer.
    "COMPONENT_SPLIT_REQUEST": True,
    # The kinds of opening hours appear in the weekly hours and in the hours per day: one enum, its first name kept.
    "ENUM_NAME_OVERRIDES": {"OpeningHoursOutputKindEnum": "services.models.HoursKind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # The ISO 18626 endpoint is a plain Django view that speaks XML: ill.api documents it.
        "ill.api.document_iso18626",
        "library_portal.schema.refuse_control_characters",
    ],
}

# The secrets of private links (feedback tracking, event cancel, survey invitations, e-mail confirmation,
# password reset) never reach the logs: PrivateLinkFilter hides them in runserver's access log
# (`django.server`), in request warnings ("Not Found: <path>") and in everything the console prints.
# gunicorn's access log gets the same filter in gunicorn.conf.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_links": {"()": "library_portal.log_filters.PrivateLinkFilter"}},
    "formatters": {
        # Django's own format for runserver's access log, which this configuration replaces.
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_links"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "level": "INFO"},
    },
    "loggers": {
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["private_links"],
        },
        "django.request": {"filters": ["private_links"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
}

# Demo accounts are only created by load_demo when DEBUG is on or --with-accounts is given.
DEMO_PASSWORD = env_str("DEMO_PASSWORD", default="demo-library-2026")

# Feedback: closed feedback keeps its author's contact details this many days.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", default=365)
# Working days (Monday to Friday) within which feedback is to be answered; the staff's "Today" page counts the
# feedback that is still unanswered after them.
FEEDBACK_ANSWER_WORKING_DAYS = env_int("FEEDBACK_ANSWER_WORKING_DAYS", default=10)
# Events: a public registration holds its place this many minutes, until the registrant confirms
# through the e-mailed link; an unconfirmed hold is then released to the next person waiting.
EVENT_HOLD_MINUTES = env_int("EVENT_HOLD_MINUTES", default=30)
if not 1 <= EVENT_HOLD_MINUTES <= 7 * 24 * 60:
    raise ImproperlyConfigured(f"EVENT_HOLD_MINUTES must be between 1 and 10080; got {EVENT_HOLD_MINUTES}.")
