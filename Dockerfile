# OneWindow application image: web (gunicorn), Celery worker and beat all run from it (docs/deployment.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    MEDIA_ROOT=/var/lib/onewindow/media

# The CJK TrueType font that core.pdf embeds, so official PDFs look the same on every reader
# (without it the check onewindow.W001 warns and PDFs fall back to a non-embedded font).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 onewindow \
    && useradd --system --uid 10001 --gid onewindow --home-dir /app --no-create-home onewindow

WORKDIR /app

# Requirements first: the dependency layer stays cached while only the code changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# The dummy keys exist for this step only (settings refuse to load without one); it is not in the image's ENV.
# MEDIA_ROOT is created owned by the app user so a new named volume mounted there inherits that owner.
RUN SECRET_KEY=collectstatic-only-not-used-at-runtime FIELD_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LW5vdC1hLXJlYWwtayE= \
    BLIND_INDEX_KEY=collectstatic-only-not-used-at-runtime-000 python manage.py collectstatic --noinput \
    && install -d -o onewindow -g onewindow "$MEDIA_ROOT"

USER onewindow

EXPOSE 8000

CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi:application"]
