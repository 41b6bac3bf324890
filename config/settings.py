"""Settings for the township disclosure platform, read from environment variables.

One module for every environment: development, tests and production differ only in
their environment (see `.env.example`).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.functional import lazy
from django_prose_editor.config import html_tags

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DEBUG = env_bool("DEBUG", False)

# The value shipped in .env.example: refused, like any key too short to be a real secret.
PLACEHOLDER_SECRET_KEY = "change-me-to-a-long-random-string"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see .env.example)."
        )
    if SECRET_KEY == PLACEHOLDER_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY is the placeholder from .env.example or shorter than 50 characters; "
            "generate one with: python -c \"import secrets; print(secrets.token_urlsafe(50))\""
        )
elif not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "townships.admin_site.TownshipAdminConfig",  # django.contrib.admin with the desk home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "health_check",
    "ops",
    "townships",
    "signoff",
    "disclosure",
    "applications",
    "reports",
    "oversight",
    "benchdata",  # manage.py generate_city (benchmark and test data only)
    "visits",
    "site_pages",
    "search",
    "feeds",
    "opendata",
    "feedback",
    "pagecache",
]
# The fictional demo county (demo/, `manage.py seed_demo`): installed for `make run` and the
# tests (DEBUG on), left out of production unless DEMO_APP=1 asks for a demonstration server.
DEMO_APP = env_bool("DEMO_APP", DEBUG)
if DEMO_APP:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "pagecache.replica.PublicReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "disclosure.oldsite_redirects.OldUrlRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "site_pages.care.CareModeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "townships.context_processors.site",
                "site_pages.care.display_mode",
            ],
            # {% extends %} that lists base.html's blocks once, not on every page.
            "builtins": ["web.templatetags.root_blocks"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL through Django's backend with a health check that needs no round trip while the
# connection's socket is quiet (web/postgresql/base.py).
POSTGRESQL_ENGINE = "web.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = POSTGRESQL_ENGINE
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves threads on one SQLite file while a background job (the oversight
    # refresh) writes: WAL lets readers and the writer proceed together; IMMEDIATE takes the
    # write lock at BEGIN, so a second writer waits (up to `timeout` seconds) instead of
    # failing with "database is locked" when its read lock cannot be upgraded.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
# Optional read replica for anonymous public page views (pagecache/replica.py); off unless set.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"]["ENGINE"] = POSTGRESQL_ENGINE
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["pagecache.replica.PublicReadsToReplica"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "townships.User"
# Password policy (docs/SECURITY.md): >= 10 characters, three of four character classes,
# not containing the username, not built from county/township/user names (Chinese or
# pinyin), years or common patterns, not a common password; every message in Chinese.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "security.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "security.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "security.passwords.UsernameNotContainedValidator"},
    {"NAME": "security.passwords.NamesAndPatternsValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded files: the local MEDIA_ROOT, or an S3-compatible bucket (MEDIA_STORAGE=s3). The
# bucket must be private: every download goes through Django's permission check
# (web/downloads.py).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
S3_OPTIONS = {
    "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
    "region_name": os.environ.get("S3_REGION") or None,
    "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
    "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
    "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
    "signature_version": os.environ.get("S3_SIGNATURE_VERSION") or "s3v4",
    "default_acl": None,
    "querystring_auth": True,
    "querystring_expire": env_int("S3_URL_EXPIRE_SECONDS", 60),
    "file_overwrite": False,
}
if MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "bucket_name": os.environ.get("S3_MEDIA_BUCKET", ""),
                    "location": os.environ.get("S3_MEDIA_PREFIX", "media")},
    }
elif MEDIA_STORAGE == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")

# Backups (`manage.py backup`, ops/): a local directory, or an S3-compatible bucket.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
if os.environ.get("BACKUP_S3_BUCKET"):
    BACKUP_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "bucket_name": os.environ["BACKUP_S3_BUCKET"],
                    "location": os.environ.get("BACKUP_S3_PREFIX", "backups")},
    }
else:
    BACKUP_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": str(BACKUP_DIR)}}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "backups": BACKUP_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Attachments are handed to nginx with X-Accel-Redirect after Django's permission check when
# this is set (the `internal` location of deploy/nginx/township.conf.template); else Django
# streams them itself.
MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("MEDIA_ACCEL_REDIRECT_PREFIX", "")

REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis failures never fail a page (pagecache/redis_cache.py): connect and read timeouts in
# seconds, and how long a cache that failed is left alone before Redis is tried again.
REDIS_CONNECT_TIMEOUT = float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5"))
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "1"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages (pagecache/, docs/PERFORMANCE.md): anonymous GETs served from this
# cache, keyed by URL, mode and generation counters that publishing bumps. On by default
# with Redis; without Redis off by default, because a local-memory cache cannot be
# invalidated across worker processes (PAGE_CACHE=1 turns it on for a single process).
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# A query parameter that forces a page-cache miss (`make bench` sets "_b"); empty (the
# default) in production. Honoured only for loopback clients without a proxy in between.
PAGE_CACHE_MISS_PARAM = os.environ.get("PAGE_CACHE_MISS_PARAM", "")
# How long a request waits for another one already rendering the same page.
PAGE_CACHE_WAIT_SECONDS = env_int("PAGE_CACHE_WAIT_SECONDS", 3)
# Pages each worker also keeps in its own memory (used only while Redis says they are current).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 300)
# …and at most this many bytes of them (bodies and fragments): the memory the copies take.
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)
# Each process follows counter bumps over Redis pub/sub, so hits skip the Redis round trip.
PAGE_CACHE_WATCH = env_bool("PAGE_CACHE_WATCH", True)
# The header, navigation and footer of a page-cache miss from the pages cache
# (pagecache/templatetags/fragments.py); 0 renders them every time (same HTML).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
# Fragments keyed by one object's version (`scope="all"`: an item's metadata, body and
# attachments) are kept this long; a change to the object gives a new key. So are the
# pieces pages read (generations.remember: a township's tree, the county), which a publish
# makes stale through the counters.
PAGE_CACHE_OBJECT_SECONDS = env_int("PAGE_CACHE_OBJECT_SECONDS", 24 * 3600)
# A stored page is answered by a WSGI wrapper before Django's request handling (signals,
# middleware, response object; pagecache/wsgi.py): the same page and headers, in less time.
# 0 leaves hits to PageCacheMiddleware (for comparison; `make bench` measures both).
PAGE_CACHE_EARLY_HITS = env_bool("PAGE_CACHE_EARLY_HITS", True)
WSGI_WRAPPERS = ["pagecache.wsgi.StoredPages"] if PAGE_CACHE_EARLY_HITS else []
PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/media/", "/visits/", "/healthz", "/readyz", "/api/",
                            "/static/", "/guanhuai/", "/chunwenben/", "/zhaocuo/", "/i18n/"]
# Pages (and their generation counters) in a Redis instance of their own, with maxmemory and
# an LRU policy that may evict them (docs/DEPLOY.md, 1.3): sessions and unflushed visits in
# REDIS_URL are never evicted. Defaults to REDIS_URL (a small site: one instance, which must
# then not evict; pages are bounded only by their expiry).
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", REDIS_URL)
CACHES["pages"] = (
    {"BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": PAGE_CACHE_REDIS_URL,
     "KEY_PREFIX": "pages"} if PAGE_CACHE_REDIS_URL else
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
     "OPTIONS": {"MAX_ENTRIES": 5000}}
)
# Sessions are written to the database and read through Redis when it is configured
# (`cached_db`): every web instance sees every login, and staff stay logged in and keep
# working while Redis is down (the cache fails open, the database answers).
SESSION_ENGINE = os.environ.get(
    "SESSION_ENGINE",
    f"django.contrib.sessions.backends.{'cached_db' if REDIS_URL else 'db'}",
)

# Visit counters (docs/VISITS.md): Redis when set, else atomic database upserts.
VISITS_REDIS_URL = os.environ.get("VISITS_REDIS_URL", REDIS_URL)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@example.gov.cn")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Seconds to wait for a township's 企业微信/钉钉 group robot (townships/messaging.py).
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5)
# Text messages to applicants when their case's status changes (townships/sms.py). Empty:
# no SMS. "townships.sms.HttpGatewayBackend" posts JSON to SMS_GATEWAY_URL.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "")
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
SMS_TIMEOUT = env_int("SMS_TIMEOUT", 5)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set at most one of EMAIL_USE_TLS and EMAIL_USE_SSL.")

# Uploads: attachments are checked against an allow-list and a size limit.
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 20)
ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024
# nginx's client_max_body_size (deploy/nginx): one form can carry several attachments.
REQUEST_MAX_MB = env_int("REQUEST_MAX_MB", ATTACHMENT_MAX_MB * 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Importing .doc/.wps/.rtf into an item body converts them with the same LibreOffice
# (SOFFICE_BINARY below; docs/IMPORT.md): how long one conversion may take, in seconds; the
# PDFs of officialdocs/pdf.py get the same (plus 30 s for each further file of a batch).
OFFICE_CONVERT_TIMEOUT = env_int("OFFICE_CONVERT_TIMEOUT", 120)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# PDF of letters and reports (officialdocs/pdf.py, docs/DOCUMENTS.md): the LibreOffice program;
# empty finds soffice or libreoffice on PATH. Without LibreOffice there are no PDFs (the pages
# say so); everything else works.
SOFFICE_BINARY = os.environ.get("SOFFICE_BINARY", "")

# Periodic commands run by `manage.py run_scheduler` (the compose `scheduler` service; bare
# metal uses the systemd timers in deploy/systemd). "every" in seconds, "at" local HH:MM.
SCHEDULER_JOBS = [
    {"command": "flush_visits", "every": env_int("FLUSH_VISITS_EVERY", 60)},
    {"command": "send_deadline_reminders", "at": os.environ.get("REMINDERS_AT", "07:30")},
    {"command": "backup", "at": os.environ.get("BACKUP_AT", "02:30")},
    # The county oversight figures (docs/OVERSIGHT.md) and the daily missing-file check.
    {"command": "refresh_oversight", "every": env_int("REFRESH_OVERSIGHT_EVERY", 600)},
    {"command": "check_attachment_files",
     "at": os.environ.get("CHECK_ATTACHMENTS_AT", "03:30")},
    # Request every published page, link and attachment (oversight/linkfetch.py).
    {"command": "check_links", "at": os.environ.get("CHECK_LINKS_AT", "04:00")},
    # Personal data past its retention period (security/personal_data.py).
    {"command": "anonymise_personal_data", "at": os.environ.get("ANONYMISE_AT", "03:00")},
]

# Site search (docs/SEARCH.md): hits counted and pageable at most; how many of the newest
# matches are ranked by relevance; how much body and attachment text is indexed.
SEARCH_RESULT_LIMIT = env_int("SEARCH_RESULT_LIMIT", 1000)
SEARCH_RANK_WINDOW = env_int("SEARCH_RANK_WINDOW", 500)
# PostgreSQL: a term the planner expects in more than SEARCH_SORT_MATCHES entries is not
# counted (the page says "more than") and its newest matches are found by walking the date
# index, over the newest SEARCH_WALK_ROWS entries at most (docs/SEARCH.md, "Cost").
SEARCH_SORT_MATCHES = env_int("SEARCH_SORT_MATCHES", 10000)
SEARCH_WALK_ROWS = env_int("SEARCH_WALK_ROWS", 20000)
# No statement of one public search runs longer (PostgreSQL; 0: no limit): the visitor is
# asked to narrow the search (HTTP 503, never cached) instead of a worker waiting seconds.
SEARCH_TIMEOUT_MS = env_int("SEARCH_TIMEOUT_MS", 5000)
SEARCH_CONTENT_CHARS = env_int("SEARCH_CONTENT_CHARS", 30000)
SEARCH_ATTACHMENT_CHARS = env_int("SEARCH_ATTACHMENT_CHARS", 20000)

# Open-data API (/api/v1/): requests per client address and window, e.g. "120/60s".
OPENDATA_RATE_LIMIT = os.environ.get("OPENDATA_RATE_LIMIT", "120/60s")

# 政府网站找错: working days to answer a report (the national norm is 3).
ERROR_REPORT_REPLY_DAYS = env_int("ERROR_REPORT_REPLY_DAYS", 3)
# Accepted 找错 reports per client address and hour.
ERROR_REPORT_LIMIT_PER_HOUR = env_int("ERROR_REPORT_LIMIT_PER_HOUR", 5)

# Public URL of the site, used in <meta name="SiteDomain"> and e-mails.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "www.example.gov.cn")
# Where the scheduled link check (manage.py check_links) requests this site's own pages;
# default https://SITE_DOMAIN. Inside a container: the app's internal address.
LINK_CHECK_BASE_URL = os.environ.get("LINK_CHECK_BASE_URL", "")

# Reverse proxies (nginx) whose X-Forwarded-For is believed; comma-separated addresses or
# networks. Empty: the socket address is the client (web/client_address.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # nginx sets X-Forwarded-Proto; gunicorn must only be reachable through it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Day one (docs/DEPLOY.md): HSTS 300 s with the subdomain and preload flags deliberately off.
# Django's check --deploy warns about each flag left off; an explicit "0" in the environment is
# the county's decision, so those two warnings are silenced then (ops.I001 reminds instead).
SILENCED_SYSTEM_CHECKS = [
    check for name, check in (("SECURE_HSTS_INCLUDE_SUBDOMAINS", "security.W005"),
                              ("SECURE_HSTS_PRELOAD", "security.W021"))
    if os.environ.get(name, "").strip() == "0"]
# Internal probes (container health checks) speak plain HTTP to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

PROSE_EDITOR_DEFAULT_EXTENSIONS = None
# The editor's paste hook (static/js/editor-word-paste.js): Word/WPS HTML pasted into a body
# is cleaned on the server, the same way as an imported document (docs/IMPORT.md).
DJANGO_PROSE_EDITOR_EXTENSIONS = [{
    "js": [lazy(static, str)("js/editor-word-paste.js")],
    "extensions": {"WordPaste": html_tags([])},  # adds no tags: it only cleans pastes
}]

# Logs go to stdout (journald or `docker compose logs`): LOG_FORMAT text or json.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                    "formatter": "json" if LOG_FORMAT == "json" else "text"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "ops": {"level": "INFO"},
    },
}


# ---- Security hardening (issue 11; docs/SECURITY.md) -----------------------------------
# Kept in one block so it merges cleanly with other settings work.
INSTALLED_APPS += ["axes", "auditlog", "django_otp", "django_otp.plugins.otp_totp",
                   "django_otp.plugins.otp_static", "security"]
MIDDLEWARE += [
    "security.middleware.PolicyMiddleware",  # django-csp's, the policy built once
    "security.middleware.SecurityHeadersMiddleware",
    "security.middleware.AuditContextMiddleware",
    "visits.middleware.BeaconPagesArePrivateMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.twofactor.TwoFactorRequiredMiddleware",
    "opendata.guard.BadParametersMiddleware",  # 400 for NUL, bad encoding, overlong
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions: end when the browser closes, and after SESSION_IDLE_MINUTES without a request.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Login lockout without denial of service (security/lockout.py, docs/SECURITY.md): an
# account is locked only from the client that failed LOGIN_FAILURE_LIMIT times; a client
# (IPv4 address or IPv6 /64) after LOGIN_ADDRESS_FAILURE_LIMIT failures on any accounts;
# past LOGIN_SLOWDOWN_AFTER failures of one account, unknown clients wait a growing delay;
# at LOGIN_ACCOUNT_LOCK_LIMIT failures in LOGIN_ACCOUNT_WINDOW_HOURS unknown clients are
# refused (county admins and owner e-mailed). Clients the owner logged in from within
# LOGIN_KNOWN_CLIENT_DAYS skip the last two. County admins unlock in the admin.
AXES_HANDLER = "security.lockout.TwoLimitHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = float(env_int("LOGIN_COOLOFF_MINUTES", 30)) / 60
LOGIN_SLOWDOWN_AFTER = env_int("LOGIN_SLOWDOWN_AFTER", 10)
LOGIN_SLOWDOWN_MAX_SECONDS = env_int("LOGIN_SLOWDOWN_MAX_SECONDS", 60)
LOGIN_ACCOUNT_LOCK_LIMIT = env_int("LOGIN_ACCOUNT_LOCK_LIMIT", 200)
LOGIN_ACCOUNT_WINDOW_HOURS = env_int("LOGIN_ACCOUNT_WINDOW_HOURS", 24)
LOGIN_KNOWN_CLIENT_DAYS = env_int("LOGIN_KNOWN_CLIENT_DAYS", 90)
AXES_CLIENT_IP_CALLABLE = "web.client_address.client_key"
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False  # a success must not wipe the address count
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # security/admin.py registers county-facing admins

# Two-factor authentication (django-otp, TOTP + recovery codes; security/twofactor.py):
# required for superusers, county admins, township admins and 党政办 when
# TWO_FACTOR_REQUIRED [on when DEBUG is off]; optional for everyone else.
# TWO_FACTOR_DEMO_EXEMPT=1 (set by `make run` only) waives it on a local http demo; a
# production configuration (DEBUG off with Secure cookies) refuses to start with it.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
TWO_FACTOR_DEMO_EXEMPT = env_bool("TWO_FACTOR_DEMO_EXEMPT", False)
if TWO_FACTOR_DEMO_EXEMPT and not DEBUG and env_bool("SECURE_COOKIES", True):
    raise ImproperlyConfigured(
        "TWO_FACTOR_DEMO_EXEMPT is only for `make run` on a local http server; a production "
        "configuration (DEBUG off, Secure cookies) must not waive two-factor authentication.")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "乡镇政务公开平台")
TWO_FACTOR_RECOVERY_CODES = 10

# Personal data over time (个人信息保护法; security/personal_data.py, docs/SECURITY.md):
# `manage.py anonymise_personal_data` (daily, SCHEDULER_JOBS) blanks applicants' data this
# many years after the reply, 找错 contacts this many years after receipt (answered or
# closed), and login-log addresses after this many days (网络安全法 第二十一条: logs at
# least six months, so not fewer than 180).
PERSONAL_DATA_APPLICATION_YEARS = env_int("PERSONAL_DATA_APPLICATION_YEARS", 10)
PERSONAL_DATA_ERROR_REPORT_YEARS = env_int("PERSONAL_DATA_ERROR_REPORT_YEARS", 3)
PERSONAL_DATA_LOG_DAYS = env_int("PERSONAL_DATA_LOG_DAYS", 180)
if PERSONAL_DATA_LOG_DAYS < 180:
    raise ImproperlyConfigured("PERSONAL_DATA_LOG_DAYS must be at least 180 (six months of "
                               "network logs, 网络安全法 第二十一条).")
if min(PERSONAL_DATA_APPLICATION_YEARS, PERSONAL_DATA_ERROR_REPORT_YEARS) < 1:
    raise ImproperlyConfigured("PERSONAL_DATA_*_YEARS must be at least 1.")

# Content-Security-Policy (django-csp): nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), serial=(), display-capture=()"
)

# Audit log (django-auditlog): actor, client address and before/after of every staff change.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
AUDITLOG_MASK_CALLABLE = "applications.masking.mask_personal"

# Public rate limits (applications/antispam.py), per client address in the shared cache.
APPLY_LIMIT_PER_HOUR = env_int("APPLY_LIMIT_PER_HOUR", 5)
LOOKUP_FAILURE_LIMIT_PER_HOUR = env_int("LOOKUP_FAILURE_LIMIT_PER_HOUR", 10)

# Visit counter (docs/VISITS.md): beacon tokens live VISITS_TOKEN_MAX_AGE seconds and count
# once; one address adds at most VISITS_PER_ADDRESS_PER_MINUTE counts per page per minute.
VISITS_TOKEN_MAX_AGE = env_int("VISITS_TOKEN_MAX_AGE", 2 * 60 * 60)
VISITS_PER_ADDRESS_PER_MINUTE = env_int("VISITS_PER_ADDRESS_PER_MINUTE", 120)
