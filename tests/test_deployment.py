"""The deployment files (Dockerfile, docker-compose.yml, gunicorn config) and production settings behaviour.

No Docker engine is assumed: the Compose file is checked against the Compose JSON schema, and the image's
runtime steps (collectstatic, gunicorn, the health checks) are run here against the working tree.
"""

import base64
import contextlib
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO / "docker-compose.yml"
# A copy of the workplace's ../shared/schemas/compose-spec.json (the Compose specification's JSON schema), kept
# in the repository so a clone anywhere can validate the compose file.
COMPOSE_SCHEMA = REPO / "tests" / "data" / "compose-spec.json"
DOCKERFILE = REPO / "Dockerfile"
HAPROXY_CFG = REPO / "deploy" / "haproxy" / "haproxy.cfg"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

WORKERS = ("worker-receipts", "worker-notifications", "worker-sweeps", "worker-exports")
LONG_RUNNING = ("lb", "web", *WORKERS, "beat", "db", "redis")
APP_SERVICES = ("web", *WORKERS, "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def dockerfile_env() -> dict[str, str]:
    """ENV key=value pairs of the Dockerfile (continuation lines joined)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    env = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def production_env(**overrides) -> dict[str, str]:
    """A clean environment like the container's: nothing inherited from the test run (TESTING, DEBUG...)."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(64)[:60],
        FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        BLIND_INDEX_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="onewindow.example.gov.cn",
        PDF_CJK_FONT_PATHS=str(CJK_FONT),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env, cwd=REPO):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


# --- docker-compose.yml -------------------------------------------------------------------------------------


def test_it_is_a_valid_compose_file(compose):
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_it_health_checks_every_long_running_service(compose, service):
    healthcheck = compose["services"][service].get("healthcheck", {})
    assert healthcheck.get("test"), f"{service} has no health check"
    assert not healthcheck.get("disable")
    assert healthcheck["test"][0] in ("CMD", "CMD-SHELL")


def test_it_waits_for_healthy_dependencies_and_finished_migrations(compose):
    services = compose["services"]
    for name, service in services.items():
        for dependency, spec in service.get("depends_on", {}).items():
            if spec["condition"] == "service_healthy":
                assert "healthcheck" in services[dependency], f"{name} waits on {dependency}, which has no check"
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"
    assert "migrate" in services["migrate"]["command"]
    assert services["migrate"]["restart"] == "no"


def test_it_keeps_uploads_on_one_named_volume_shared_by_web_and_worker(compose):
    media_root = dockerfile_env()["MEDIA_ROOT"]
    volumes_by_service = {}
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["environment"]["MEDIA_ROOT"] == media_root
        mounts = dict(reversed(v.split(":")[:2]) for v in service["volumes"])
        assert media_root in mounts, f"{name} does not mount a volume at MEDIA_ROOT"
        volumes_by_service[name] = mounts[media_root]
    assert len(set(volumes_by_service.values())) == 1, volumes_by_service
    assert volumes_by_service["web"] in compose["volumes"], "media must be a named volume, not a host path"


def test_it_keeps_postgres_data_on_a_named_volume(compose):
    mounts = dict(reversed(v.split(":")[:2]) for v in compose["services"]["db"]["volumes"])
    assert mounts["/var/lib/postgresql/data"] in compose["volumes"]


@pytest.mark.parametrize("service", ("migrate", *APP_SERVICES))
def test_it_refuses_to_start_without_the_required_secrets(compose, service):
    environment = compose["services"][service]["environment"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", environment["SECRET_KEY"])
    for key in ("FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"):
        assert re.fullmatch(rf"\$\{{{key}:\?[^}}]+\}}", environment[key])
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "ALLOWED_HOSTS", "BEHIND_TLS_PROXY",
                 "PUBLIC_BASE_URL", "MEDIA_ROOT"):
        assert environment.get(name), f"{service} lacks {name}"


def test_it_only_passes_variables_the_application_reads(compose):
    # A misspelt name would be silently ignored and the setting would keep its default.
    read = (REPO / "config" / "settings.py").read_text() + (REPO / "config" / "gunicorn.conf.py").read_text()
    for name in compose["services"]["web"]["environment"]:
        assert f'"{name}"' in read, f"{name} is set in docker-compose.yml but read nowhere"


def test_it_runs_exactly_one_beat(compose):
    beats = [name for name, service in compose["services"].items() if "beat" in (service.get("command") or [])]
    assert beats == ["beat"]
    assert "deploy" not in compose["services"]["beat"], "beat is not to be replicated (core.beat stands any other by)"


def test_only_the_load_balancer_is_published_and_it_checks_the_web_nodes(compose):
    services = compose["services"]
    published = [name for name, service in services.items() if service.get("ports")]
    assert published == ["lb"]
    assert services["lb"]["ports"] == ["${WEB_PUBLISH:-127.0.0.1:8000}:8080"]
    assert "./deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in services["lb"]["volumes"]
    assert services["lb"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert compose_default(str(services["web"]["deploy"]["replicas"])) == "2"
    cfg = HAPROXY_CFG.read_text()
    assert re.search(r"(?m)^\s*bind :8080$", cfg)
    assert re.search(r"(?m)^\s*http-check send meth GET uri /healthz/$", cfg)
    assert re.search(r"(?m)^\s*default-server check inter \d+s fall \d+ rise \d+", cfg)
    assert re.search(r"(?m)^\s*server-template web \S+ web:8000 resolvers docker", cfg)
    assert re.search(r"(?m)^\s*option redispatch", cfg)
    # Only a connection the node refused is tried again: a request it had begun may have committed.
    assert re.search(r"(?m)^\s*retry-on conn-failure$", cfg)


def test_the_load_balancer_config_is_valid():
    if not shutil.which("haproxy"):
        if os.environ.get("REQUIRE_NODES") == "1":
            pytest.fail("REQUIRE_NODES=1 but haproxy is not installed")
        pytest.skip("haproxy is not installed")
    result = subprocess.run(["haproxy", "-c", "-f", str(HAPROXY_CFG)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_proxies_in_front_are_counted_for_the_client_address(compose):
    # The TLS proxy and the balancer each append to X-Forwarded-For (docs/deployment.md).
    assert compose_default(compose["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"]) == "2"


# --- Dockerfile -----------------------------------------------------------------------------------------------


def test_it_builds_a_non_root_image_with_the_embedded_cjk_font():
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.11-slim-bookworm$", text, re.M)
    assert "fonts-wqy-zenhei" in text
    users = re.findall(r"^USER (\S+)$", text, re.M)
    assert users and users[-1] not in ("root", "0")
    assert "collectstatic" in text
    assert not re.search(r"^ENV .*SECRET_KEY", text.replace("\\\n", " "), re.M), "no key may be baked into the image"


def test_it_keeps_local_data_and_secrets_out_of_the_build_context():
    ignored = {line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", "db.sqlite3", "media", ".env"} <= ignored


def _copy_build_context(target: Path) -> Path:
    names = [line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()]
    patterns = [n.removeprefix("**/") for n in names if n and not n.startswith("#")]
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(*patterns, "staticfiles"))
    return target


def test_it_collects_static_files_at_build_time_with_only_a_dummy_key(tmp_path):
    context = _copy_build_context(tmp_path / "app")
    env = production_env(SECRET_KEY="collectstatic-only-not-used-at-runtime", ALLOWED_HOSTS=None)
    result = manage("collectstatic", "--noinput", env=env, cwd=context)
    assert result.returncode == 0, result.stderr
    # The manifest is what CompressedManifestStaticFilesStorage serves from at runtime.
    assert (context / "staticfiles" / "staticfiles.json").is_file()


def compose_default(value: str) -> str:
    """The value Compose substitutes for ${NAME:-default} when NAME is not set on the host."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(command: list[str], env: dict[str, str]):
    """Run the image's gunicorn command on a free port; yields the port once it accepts connections."""
    assert command[0] == "gunicorn"
    port = _free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *command[1:]], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not start listening"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_web_healthcheck(compose, port: int, env: dict[str, str], path: str = "/healthz/"):
    check = compose["services"]["web"]["healthcheck"]["test"]
    assert check[:3] == ["CMD", "python", "-c"]
    script = check[3].replace("http://127.0.0.1:8000/healthz/", f"http://127.0.0.1:{port}{path}")
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30)


def image_command() -> list[str]:
    return json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE.read_text(), re.M).group(1))


def test_it_reports_the_web_service_healthy_with_the_compose_settings(compose, tmp_path):
    """The Dockerfile's CMD and the web health check as written, with Compose's default BEHIND_TLS_PROXY."""
    env = production_env(
        BEHIND_TLS_PROXY=compose_default(compose["services"]["web"]["environment"]["BEHIND_TLS_PROXY"]),
        DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    with gunicorn(image_command(), env) as port:
        result = run_web_healthcheck(compose, port, env)
    assert result.returncode == 0, result.stderr


def test_the_web_health_check_counts_a_redirect_as_unhealthy(compose, tmp_path):
    """A redirect (here the HTTPS redirect of a path other than the check's) must not pass as healthy."""
    env = production_env(BEHIND_TLS_PROXY="1", DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}",
                         ALLOWED_HOSTS="127.0.0.1")
    with gunicorn(image_command(), env) as port:
        result = run_web_healthcheck(compose, port, env, path="/healthz")
    assert result.returncode != 0
    assert "301" in result.stderr


# --- production settings --------------------------------------------------------------------------------------


def test_it_passes_the_django_deployment_checks_with_production_settings():
    if not CJK_FONT.exists():
        pytest.skip(f"{CJK_FONT} is not installed, so onewindow.W001 would rightly warn (apt install fonts-wqy-zenhei)")
    # The check does not connect to Redis; without REDIS_URL it rightly warns (onewindow.W002, below).
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(REDIS_URL="redis://127.0.0.1:6379/1"))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checks_warn_of_a_cache_local_to_each_process():
    result = manage("check", "--deploy", env=production_env())
    assert "onewindow.W002" in result.stderr + result.stdout


def test_no_state_of_a_request_stays_in_one_web_process():
    """Sessions, sign-in failures and the cache behind every limiter are shared by all web nodes."""
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_ENGINE, s.AXES_HANDLER, s.CACHES['default']['BACKEND'], s.RATELIMIT_USE_CACHE)"
    )
    result = manage("shell", "-v", "0", "-c", script, env=production_env(REDIS_URL="redis://redis:6379/1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.contrib.sessions.backends.db", "axes.handlers.database.AxesDatabaseHandler",
        "django.core.cache.backends.redis.RedisCache", "default",
    ]


def test_it_refuses_to_start_with_debug_off_and_no_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("missing", ["FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"])
def test_it_refuses_to_start_with_debug_off_and_no_personal_data_key(missing):
    result = manage("check", env=production_env(**{missing: None}))
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY must be set" in result.stderr


def test_it_fails_loudly_on_a_boolean_it_cannot_read():
    result = manage("check", env=production_env(DEBUG="maybe"))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG must be a boolean" in result.stderr
    assert "'maybe'" in result.stderr
