"""One settings module, driven by environment variables (see README "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# A development key only when DEBUG is on; production must set SECRET_KEY (checked below).
SECRET_KEY = env_str("SECRET_KEY") or ("dev-insecure-key-onewindow" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

# Personal data at rest (core.crypto): AES-256-GCM keys (the first encrypts, all decrypt) and the blind index's
# HMAC key, each its own secret. Development keys only under DEBUG or the tests; production refuses to start
# without them, since data written under a made-up key could not be read once the real one is set.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
BLIND_INDEX_KEY = env_str("BLIND_INDEX_KEY")
if not (FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY):
    if DEBUG or env_bool("TESTING", False):
        import base64
        import hashlib

        FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [
            base64.urlsafe_b64encode(hashlib.sha256(b"onewindow:field-encryption:" + SECRET_KEY.encode()).digest()).decode()
        ]
        BLIND_INDEX_KEY = BLIND_INDEX_KEY or hashlib.sha256(b"onewindow:blind-index:" + SECRET_KEY.encode()).hexdigest()
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY must be set when DEBUG is off")
if len(BLIND_INDEX_KEY) < 32:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("BLIND_INDEX_KEY must be at least 32 characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django.contrib.postgres",
    "core.apps.AxesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "disputes",
    "intake",
    "mediation",
    "legal_aid",
    "portal",
    "deadlines",
    "documents",
    "arbitration",
    "hearings",
    "inspection",
    "notifications",
    "compliance",
    "sampling",
    # The supervisor's statistics read every track's figures through the registry.
    "reports",
    # Demo data drives every track's services: last, above them all.
    "demo",
]

MIDDLEWARE = [
    # The load balancer's and the container's health check: answered before host validation and the HTTPS
    # redirect, so a probe needs no public host name or forwarded scheme.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After a write, that browser and user read the primary, not the replica, for a while (core.replica).
    "core.replica.ReadYourWritesMiddleware",
    # A session that still owes its second factor reaches only that step (core.second_factor).
    "core.second_factor.SecondFactorMiddleware",
    # Writes the request's read audit after the response has been sent (disputes.audit).
    "disputes.audit.ReadAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
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
                "core.context_processors.staff",
            ],
        },
    }
]

# Behind a connection pooler in transaction mode (PgBouncer, docs/deployment.md "Pooling and the read replica"),
# consecutive transactions of one Django connection may run on different server sessions: nothing may rely on
# session state. Django's named cursors (WITH HOLD outside a transaction) and core.rows' prepared statements
# are then off; everything else the application runs is one transaction at a time.
DB_TRANSACTION_POOLER = env_bool("DB_TRANSACTION_POOLER", False)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A streaming replica for the reads that may lag a few seconds: the statistics, their exports and the dashboard
# (core.replica). Absent, everything reads the primary.
REPLICA_DATABASE_URL = env_str("REPLICA_DATABASE_URL")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    # A replica that does not answer must not hold the page: after this many seconds it counts as down.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("REPLICA_CONNECT_TIMEOUT", 2)
    # Tests read the replica of their own test database (physical replication copies every database).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.replica.ReplicaRouter"] if REPLICA_DATABASE_URL else []
# Replication lag beyond which the replica's reads go to the primary instead, and how long its state is trusted.
REPLICA_MAX_LAG_SECONDS = env_float("REPLICA_MAX_LAG_SECONDS", 5.0)
REPLICA_CHECK_SECONDS = env_float("REPLICA_CHECK_SECONDS", 5.0)
# After a write, that browser (a cookie) and that user (the cache) read the primary for this long: nobody misses
# their own write. Longer than the lag allowed above, so that once it ends the replica holds the write.
REPLICA_READ_YOUR_WRITES_SECONDS = env_float("REPLICA_READ_YOUR_WRITES_SECONDS", 10.0)
if DB_TRANSACTION_POOLER:
    for _alias in DATABASES.values():
        _alias["DISABLE_SERVER_SIDE_CURSORS"] = True

# The fixed-shape statements of core.rows run as server-side prepared statements on PostgreSQL (planned once
# per connection). Off behind a pooler in transaction mode, which does not keep a session's prepared statements.
DATABASE_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True) and not DB_TRANSACTION_POOLER

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Case files go through Django's storage API only (core.files): the local filesystem under MEDIA_ROOT by default,
# or an S3-compatible object store (core.object_storage) shared by every node with FILE_STORAGE=s3.
FILE_STORAGE = env_str("FILE_STORAGE", "filesystem")
if FILE_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif FILE_STORAGE == "s3":
    _default_storage = {"BACKEND": "core.object_storage.ObjectStorage", "OPTIONS": {
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        # "path" for most self-hosted servers (bucket in the path), "virtual" for a bucket host name.
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
        # A key prefix, so one bucket can hold several installations' files.
        "location": env_str("AWS_LOCATION"),
    }}
    if not _default_storage["OPTIONS"]["bucket_name"]:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("FILE_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"FILE_STORAGE must be filesystem or s3, got {FILE_STORAGE!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("TESTING", False)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Staff sign-in throttling (django-axes): failures counted per user name AND client address together, so a
# guesser is stopped on the account he tries from where he tries it, and nobody elsewhere can lock a clerk
# out. 10 failures lock that pair for 30 minutes (a failure during the lock restarts it); a success clears
# the count. Every attempt and failure is kept (AccessLog, AccessFailureLog, AccessAttempt in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# How many proxies append to X-Forwarded-For in front of the application (core.client_ip): 0 reads the
# socket's address only. Compose runs behind one (docs/deployment.md).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"

# The second factor (core.second_factor, django-otp's TOTP): required for these roles ("admin" also covers
# is_staff and superusers), optional for the others. `make run` (DEBUG) requires it of nobody, so the demo
# logins keep working with their password; anyone may still enrol there.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "" if DEBUG else "supervisor,admin")
OTP_TOTP_ISSUER = "OneWindow"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "disputes:queue"
LOGOUT_REDIRECT_URL = "login"

# Uploaded evidence: limits checked on content in intake.evidence.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Where the worker's status page lives, printed in the receipt's QR code.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Nothing a request leaves behind may live in one web node only (docs/deployment.md, "Several nodes"): sessions
# in the database, sign-in failures in the database (django-axes), the cache (status-page and API limiters,
# reference data's version stamp) in Redis. Local memory only without REDIS_URL, for `make run`; with DEBUG off
# the deployment check says so (core.checks, onewindow.W002).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_USE_CACHE = "default"
# The status lookup's limits (portal.limits, docs/security.md): failed look-ups per hour of one case number
# from any address, and of one client address on any number.
STATUS_LOOKUP_CASE_FAILURES = env_int("STATUS_LOOKUP_CASE_FAILURES", 10)
STATUS_LOOKUP_ADDRESS_FAILURES = env_int("STATUS_LOOKUP_ADDRESS_FAILURES", 100)

# Celery: eager in-process when no broker is configured (the embedded default).
# "memory://" only names a broker for eager mode; nothing is ever sent to it.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
# Each kind of task has its own queue and workers (config.celery.TASK_QUEUES). A prefix lets a test run its own
# workers and beat beside any other on the same broker; CELERY_QUEUE puts every task on that one queue instead.
CELERY_QUEUE_PREFIX = env_str("CELERY_QUEUE_PREFIX", "")
CELERY_QUEUE = env_str("CELERY_QUEUE", "")
CELERY_TASK_DEFAULT_QUEUE = CELERY_QUEUE or f"{CELERY_QUEUE_PREFIX}celery"
CELERY_TASK_ROUTES = ("config.celery.route_task",)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery would otherwise close the database connection around every task; config/celery.py applies Django's
# CONN_MAX_AGE instead. Celery still closes it every this many tasks.
CELERY_DB_REUSE_MAX = 1000
# django_celery_beat's DatabaseScheduler behind a lock in the broker's Redis (core.beat): however many beat
# processes run, one sends; the others stand by and take over within BEAT_LOCK_SECONDS of it stopping.
CELERY_BEAT_SCHEDULER = "core.beat:SingleBeatScheduler"
BEAT_LOCK_SECONDS = env_int("BEAT_LOCK_SECONDS", 30)
# The deadline sweep: reminders before a deadline, escalation when one passes (deadlines.tasks).
CELERY_BEAT_SCHEDULE = {
    # Listings on the wage-arrears list whose three-year term has ended (Order 45 arts 11, 17).
    "remove-expired-listings": {"task": "compliance.tasks.remove_expired_listings",
                                "schedule": env_int("LISTING_SWEEP_SECONDS", 3600)},
    # Early warning of complaints per employer, platform and industry (compliance.warnings; idempotent).
    "sweep-warnings": {"task": "compliance.tasks.sweep_warnings", "schedule": env_int("WARNING_SWEEP_SECONDS", 3600)},
    "sweep-clocks": {"task": "deadlines.tasks.sweep_clocks_parallel", "schedule": env_int("CLOCK_SWEEP_SECONDS", 300)},
    # Messages the broker could not take when their transaction committed (core.outbox).
    "resend-pending": {"task": "core.tasks.resend_pending", "schedule": env_int("RESEND_PENDING_SECONDS", 60)},
    # Messages to workers that are due: new ones no kick reached, and retries after their back-off.
    "send-worker-messages": {"task": "notifications.tasks.send_due_messages", "schedule": env_int("NOTIFY_SWEEP_SECONDS", 60)},
    # Receipts nobody has printed yet and no kick reached (intake.tasks.receipts_kick).
    "render-receipts": {"task": "intake.tasks.receipts_render_pending", "schedule": env_int("RECEIPT_SWEEP_SECONDS", 60)},
    # Uploads staged for a registration form that was never submitted again (intake.staging).
    "purge-staging": {"task": "intake.tasks.purge_staging", "schedule": 3600},
}
# Receipts (intake.tasks): at most one "render the pending receipts" message per RECEIPT_KICK_SECONDS from each
# web process; each run renders for up to RECEIPT_BATCH_SECONDS, then hands the rest to the next run.
RECEIPT_KICK_SECONDS = env_float("RECEIPT_KICK_SECONDS", 1.0)
RECEIPT_BATCH_SECONDS = env_float("RECEIPT_BATCH_SECONDS", 20.0)
# A broker that does not answer must not hold the window for the operating system's TCP timeout (minutes):
# after this, the message is kept in the database instead (core.outbox).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": env_int("BROKER_CONNECT_TIMEOUT", 3)}
CLOCK_SWEEP_PARALLEL = env_int("CLOCK_SWEEP_PARALLEL", 2)

# Messages to workers (notifications): the SMS backend (console in development; the government gateway's
# adapter, notifications.backends.GovernmentSmsGateway, in production) and e-mail through EMAIL_BACKEND.
NOTIFY_SMS_BACKEND = env_str("NOTIFY_SMS_BACKEND", "notifications.backends.ConsoleSmsBackend")
NOTIFY_EMAIL_BACKEND = env_str("NOTIFY_EMAIL_BACKEND", "notifications.backends.DjangoEmailBackend")
# Console unless a mail server is configured: an e-mail never goes to a guessed server.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@onewindow.invalid")
NOTIFY_SMS_GATEWAY = {
    "URL": env_str("NOTIFY_SMS_GATEWAY_URL", ""),
    "ACCOUNT": env_str("NOTIFY_SMS_GATEWAY_ACCOUNT", ""),
    "SECRET": env_str("NOTIFY_SMS_GATEWAY_SECRET", ""),
    "SIGN": env_str("NOTIFY_SMS_GATEWAY_SIGN", ""),
    "TIMEOUT": env_float("NOTIFY_SMS_GATEWAY_TIMEOUT", 10.0),
}
# A JSON line per SMS the console backend "sends", for reading what a phone would have received.
NOTIFY_OUTBOX_FILE = env_str("NOTIFY_OUTBOX_FILE", "")
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 8)
NOTIFY_RETRY_BASE_SECONDS = env_int("NOTIFY_RETRY_BASE_SECONDS", 60)
NOTIFY_RETRY_MAX_SECONDS = env_int("NOTIFY_RETRY_MAX_SECONDS", 6 * 3600)
NOTIFY_KICK_SECONDS = env_float("NOTIFY_KICK_SECONDS", 1.0)
NOTIFY_BATCH_SECONDS = env_float("NOTIFY_BATCH_SECONDS", 20.0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Stock: loading the staff profile in this query too (a five-table join) cost PostgreSQL 2.3 ms of
        # planning against 0.6 + ~1 ms for the two separate queries.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.CursorPagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.negotiation.ContentNegotiation",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # token: API logins per client address (disputes.accounts_api), beside the account lockout of the web login.
    "DEFAULT_THROTTLE_RATES": {"status_lookup": "30/minute", "token": "10/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OneWindow API",
    "DESCRIPTION": "Labour-dispute one-window case management (Weifang measures 10-14, 21).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.openapi.ids_are_positive",
        "core.openapi.every_read_may_refuse_malformed_parameters",
    ],
    # Name the shared enums once, so every endpoint that uses them refers to one schema component.
    "ENUM_NAME_OVERRIDES": {
        "OccupationEnum": "disputes.choices.Occupation",
        "PriorityGroundEnum": "disputes.choices.PriorityGround",
        "IndustryEnum": "disputes.choices.Industry",
        "DeclineReasonEnum": "disputes.choices.DeclineReason",
        "OutcomeEnum": "disputes.choices.Outcome",
        "StateEnum": "disputes.choices.ReferralState",
        "AidStateEnum": "legal_aid.models.AidState",
        "AidOutcomeEnum": "legal_aid.models.AidOutcome",
        "AidWorkKindEnum": "legal_aid.models.WorkKind",
        # A case's channel (own-initiative inspections included), the channels a complaint may come by, and
        # the channel a message to a worker goes by: three choice sets of fields all named "channel".
        "CaseChannelEnum": "disputes.choices.Channel",
        "ComplaintChannelEnum": "disputes.choices.COMPLAINT_CHANNELS",
        "MessageChannelEnum": "notifications.models.MessageChannel",
    },
}

# Security: strict unless DEBUG. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER via env.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Container health checks speak plain HTTP to the app inside its network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# PDF fonts: a TrueType CJK font that reportlab can embed (see core.pdf).
PDF_CJK_FONT_PATHS = env_list(
    "PDF_CJK_FONT_PATHS",
    ",".join(
        [
            str(BASE_DIR / "static" / "fonts" / "wqy-zenhei.ttc"),
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
        ]
    ),
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
