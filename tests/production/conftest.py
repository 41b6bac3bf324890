"""The production sequence, built once per run: .env.example's production settings with a real
secret key, a fresh PostgreSQL database, Redis, deploy/build.sh (collectstatic with the
manifest storage into a temporary STATIC_ROOT), deploy/release.sh (check --deploy, migrate),
two gunicorn instances sharing the database and Redis, and nginx with TLS in front of one.

Selected only with `-m production` (.ci/run has its own step for it). REQUIRE_PRODUCTION=1
(set by .ci/run) turns every missing prerequisite into a failure instead of a skip.
"""

from __future__ import annotations

import os
import shutil
import ssl
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.production import stack

BASE_PORT = int(os.environ.get("PRODUCTION_TEST_PORT", "8110"))
REDIS_URL = os.environ.get("PRODUCTION_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
REQUIRED = os.environ.get("REQUIRE_PRODUCTION") == "1"
ATTACHMENT_MAX_MB, REQUEST_MAX_MB = 1, 2


def pytest_collection_modifyitems(config, items):
    if "production" in (config.option.markexpr or ""):
        return
    for item in items:
        if item.get_closest_marker("production"):
            item.add_marker(pytest.mark.skip(reason="production sequence: run with -m production"))


def _missing() -> str | None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL must point at PostgreSQL"
    if not (Path(sys.executable).parent / "gunicorn").exists():
        return "gunicorn is not installed in this environment"
    for tool in ("nginx", "openssl"):
        if shutil.which(tool) is None:
            return f"{tool} not found (apt-get install nginx-light openssl)"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as exc:
        return f"Redis at {REDIS_URL} does not answer: {exc}"
    try:
        # The server, not the named database: the tests create their own databases.
        stack.query(base.rsplit("/", 1)[0] + "/postgres", "SELECT 1")
    except Exception as exc:
        return f"PostgreSQL at {base} does not answer: {exc}"
    return None


@dataclass
class Site:
    env: dict[str, str]
    data: dict
    a: str  # gunicorn instance A, http://127.0.0.1:port
    b: str  # gunicorn instance B
    https: str  # nginx (TLS) in front of A
    http: str  # nginx plain HTTP (redirects)
    tls: ssl.SSLContext
    database_url: str
    logs: list[Path]
    build_output: str
    release_output: str


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(f"REQUIRE_PRODUCTION=1 but {reason}")
        pytest.skip(reason)
    import redis

    tmp = tmp_path_factory.mktemp("production")
    database_url = stack.create_database(os.environ["DATABASE_URL"], "prodseq")
    redis.Redis.from_url(REDIS_URL).flushdb()
    port_a, port_b, port_http, port_https = BASE_PORT, BASE_PORT + 1, BASE_PORT + 2, BASE_PORT + 3
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("DJANGO_", "PYTEST_")) and k not in {"DEBUG"}}
    env = {
        **inherited,
        **stack.read_env_file(stack.ROOT / ".env.example"),
        "SECRET_KEY": stack.secret_key(),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "VISITS_REDIS_URL": REDIS_URL,
        "PAGE_CACHE_REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "BACKUP_DIR": str(tmp / "backups"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port_https}",
        "EMAIL_HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "ATTACHMENT_MAX_MB": str(ATTACHMENT_MAX_MB),
        "REQUEST_MAX_MB": str(REQUEST_MAX_MB),
        "LOG_LEVEL": "INFO",
        "PYTHON": sys.executable,
    }
    build = stack.run(["sh", "deploy/build.sh"], {**env, "SKIP_INSTALL": "1"})
    assert build.returncode == 0, build.stdout + build.stderr
    release = stack.run(["sh", "deploy/release.sh"], env)
    assert release.returncode == 0, release.stdout + release.stderr
    data = stack.seed(env, "seed")

    procs = stack.Stack(tmp, env)
    try:
        logs = procs.gunicorns(port_a, port_b)
        cert, key = stack.self_signed_certificate(tmp)
        site_conf = tmp / "site.conf"
        site_conf.write_text(stack.render_nginx_site({
            "SERVER_NAME": "127.0.0.1 localhost", "TLS_CERTIFICATE": str(cert),
            "TLS_CERTIFICATE_KEY": str(key), "HTTP_PORT": f"127.0.0.1:{port_http}",
            "HTTPS_PORT": f"127.0.0.1:{port_https}", "UPSTREAM": f"127.0.0.1:{port_a}",
            "STATIC_ROOT": env["STATIC_ROOT"], "MEDIA_ROOT": env["MEDIA_ROOT"],
            "REQUEST_MAX_MB": str(REQUEST_MAX_MB),
        }))
        conf = stack.nginx_main_config(tmp, site_conf)
        checked = stack.run(["nginx", "-t", "-c", str(conf), "-p", str(tmp)], env)
        assert checked.returncode == 0, checked.stderr
        nginx, nginx_log = procs.start(["nginx", "-c", str(conf), "-p", str(tmp)], "nginx.log")
        tls = ssl.create_default_context(cafile=str(cert))
        stack.wait_until_up(f"https://127.0.0.1:{port_https}/static/css/site.css", nginx,
                            nginx_log, context=tls, seconds=20)
        yield Site(env=env, data=data, a=f"http://127.0.0.1:{port_a}",
                   b=f"http://127.0.0.1:{port_b}", https=f"https://127.0.0.1:{port_https}",
                   http=f"http://127.0.0.1:{port_http}", tls=tls, database_url=database_url,
                   logs=[*logs, tmp / "nginx-error.log"], build_output=build.stdout,
                   release_output=release.stdout)
    finally:
        procs.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.drop_database(database_url)
    # After every test of the run: no request anywhere ended in a server error.
    for log in tmp.glob("*.log"):
        text = log.read_text(errors="replace")
        assert "Traceback" not in text, f"{log.name}:\n{text[-4000:]}"
        assert '" 500 ' not in text, f"{log.name}:\n{text[-4000:]}"
