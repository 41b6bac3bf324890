"""The deployment files agree with each other: .env.example passes `check --deploy`, documents
every variable the code reads, docker compose accepts the compose file, the nginx template
and the systemd units name only things that exist."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from tests.ops.conftest import FIGURES
from tests.production.stack import NGINX_VARS, read_env_file, render_nginx_site

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"


def _production_env(**overrides) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {**inherited, **read_env_file(ENV_EXAMPLE)}
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the one value .env.example must not carry
    env["EMAIL_HOST"] = "smtp.qinghe.gov.cn"  # .env.example's is refused (ops.W005)
    env.update(overrides)
    return env


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_check_deploy_passes_with_the_production_values_of_env_example():
    result = _check_deploy(_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    # Only the note that .env.example's HSTS is the day-one value (300 s).
    assert re.findall(r"\?: \(([a-z_]+\.[A-Z]\d+)\)", result.stdout + result.stderr) == ["ops.I001"]
    assert "System check identified 1 issue (2 silenced)" in result.stderr
    FIGURES.append(f"check --deploy --fail-level WARNING with .env.example: exit 0, "
                   f"{result.stderr.strip().splitlines()[-1]}")


def test_check_deploy_fails_when_nginx_would_refuse_an_allowed_attachment():
    result = _check_deploy(_production_env(ATTACHMENT_MAX_MB="50", REQUEST_MAX_MB="50"))
    assert result.returncode != 0
    assert "ops.W001" in result.stderr + result.stdout


def test_check_deploy_fails_with_the_example_smtp_host():
    example_host = read_env_file(ENV_EXAMPLE)["EMAIL_HOST"]
    result = _check_deploy(_production_env(EMAIL_HOST=example_host))
    assert result.returncode != 0
    assert "ops.W005" in result.stderr + result.stdout
    FIGURES.append(f"check --deploy with EMAIL_HOST={example_host}: ops.W005, exit "
                   f"{result.returncode}")


def test_check_deploy_fails_without_hsts():
    result = _check_deploy(_production_env(SECURE_HSTS_SECONDS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_env_example_secret_key_is_refused_at_start_up():
    env = _production_env(SECRET_KEY=read_env_file(ENV_EXAMPLE)["SECRET_KEY"])
    result = _check_deploy(env)
    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_env_example_documents_every_variable_the_code_reads():
    code = "".join((ROOT / path).read_text() for path in (
        "config/settings.py", "deploy/gunicorn.conf.py", "deploy/healthcheck.py"))
    names = set(re.findall(
        r'(?:env_bool|env_int|env_list|os\.environ\.get|os\.environ\[)\(?\s*"([A-Z_0-9]+)"',
        code))
    documented = ENV_EXAMPLE.read_text()
    missing = sorted(n for n in names - {"HEALTHCHECK_URL"}
                     if not re.search(rf"^#? ?{n}=", documented, re.MULTILINE))
    assert len(names) > 40
    assert missing == []


def _compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"],  # noqa: S607
                               capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.fixture(scope="module")
def compose() -> dict:
    command = _compose_command()
    if command is None:
        if shutil.which("docker") and os.environ.get("CI") == "true":
            pytest.fail("docker is installed but no compose client: .ci/run installs one")
        pytest.skip("no docker compose client (docker compose plugin or docker-compose)")
    result = subprocess.run(  # noqa: S603
        [*command, "--env-file", str(ENV_EXAMPLE), "-f", "docker-compose.yml", "config"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "TOWNSHIP_ENV_FILE": ".env.example"})
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_file_is_accepted_with_every_service(compose):
    assert set(compose["services"]) == {"db", "redis", "redis-pages", "release", "web",
                                        "scheduler", "nginx"}
    assert set(compose["volumes"]) == {"pgdata", "redisdata", "media", "backups", "acme"}


def test_compose_web_runs_gunicorn_behind_nginx_with_health_checks(compose):
    web, nginx = compose["services"]["web"], compose["services"]["nginx"]
    assert web["command"][:3] == ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
    assert web["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]
    assert "ports" not in web  # reachable only through nginx
    assert web["environment"]["DATABASE_URL"].endswith("@db:5432/township")
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert web["environment"]["PAGE_CACHE_REDIS_URL"] == "redis://redis-pages:6379/0"
    pages = compose["services"]["redis-pages"]["command"]
    assert pages[pages.index("--maxmemory-policy") + 1] == "volatile-lru"
    assert pages[pages.index("--maxmemory") + 1] == "256mb"
    assert "--appendonly" in compose["services"]["redis"]["command"]
    assert "--maxmemory-policy" not in compose["services"]["redis"]["command"]
    assert web["environment"]["WEB_CONCURRENCY"] == "3"
    assert web["environment"]["TRUSTED_PROXIES"] == (
        nginx["networks"]["default"]["ipv4_address"])
    assert web["depends_on"]["release"]["condition"] == "service_completed_successfully"
    for name in ("db", "redis", "nginx"):
        assert "healthcheck" in compose["services"][name], name
    for name in ("release", "scheduler"):  # no gunicorn to ask
        check = compose["services"][name]["healthcheck"]
        assert check.get("disable") is True or check.get("test") == ["NONE"], name
    assert {p["target"] for p in nginx["ports"]} == {80, 443}
    assert nginx["environment"]["REQUEST_MAX_MB"] == read_env_file(ENV_EXAMPLE)["REQUEST_MAX_MB"]


def test_compose_trusts_forwarded_for_only_from_the_nginx_container(compose, settings):
    """Not the compose subnet: its gateway (every connection published from the host, the
    host itself) and any other container would be believed when they forge the header."""
    import ipaddress

    from django.test import RequestFactory

    from web.client_address import client_ip

    network = compose["networks"]["default"]["ipam"]["config"][0]
    subnet = ipaddress.ip_network(network["subnet"])
    others = ipaddress.ip_network(network["ip_range"])
    nginx = ipaddress.ip_address(
        compose["services"]["nginx"]["networks"]["default"]["ipv4_address"])
    gateway = ipaddress.ip_address(network["gateway"])
    assert nginx in subnet
    assert nginx not in others  # no other container can be given nginx's address
    assert gateway not in others
    assert gateway != nginx
    trusted = compose["services"]["web"]["environment"]["TRUSTED_PROXIES"]
    settings.TRUSTED_PROXIES = [trusted]
    assert [ipaddress.ip_address(a) for a in settings.TRUSTED_PROXIES] == [nginx]

    def seen(peer: str) -> str:
        return client_ip(RequestFactory().get(
            "/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"))

    assert seen(str(nginx)) == "198.51.100.7"  # nginx's appended hop
    for spoofer in (gateway, others[0], others[-1], subnet[3]):
        assert seen(str(spoofer)) == str(spoofer), spoofer  # the forged header is ignored
    FIGURES.append(f"compose: X-Forwarded-For believed from {nginx} only; forged from "
                   f"{gateway} (gateway) and {others} (other containers): ignored")


def test_compose_nginx_reads_media_read_only_and_scheduler_writes_backups(compose):
    def mounts(service):
        return {(v["target"] if isinstance(v, dict) else v.split(":")[1]):
                v for v in compose["services"][service]["volumes"]}

    media = mounts("nginx")["/srv/media"]
    assert media["read_only"] if isinstance(media, dict) else media.endswith(":ro")
    assert "/srv/backups" in mounts("scheduler")
    assert compose["services"]["scheduler"]["command"][-1] == "run_scheduler"
    assert compose["services"]["release"]["command"] == ["sh", "deploy/release.sh"]


def test_nginx_template_names_exactly_the_documented_placeholders():
    template = (ROOT / "deploy/nginx/township.conf.template").read_text()
    body = "\n".join(line for line in template.splitlines() if not line.startswith("#"))
    assert set(re.findall(r"\$\{([A-Z_]+)\}", body)) == set(NGINX_VARS)
    script = (ROOT / "deploy/render-nginx.sh").read_text()
    assert all("${" + name + "}" in script for name in NGINX_VARS)
    assert "client_max_body_size ${REQUEST_MAX_MB}m;" in body
    assert re.search(r"location /_protected_media/ \{\s+internal;", body)


def test_rendered_nginx_site_passes_nginx_t(tmp_path):
    if shutil.which("nginx") is None:
        pytest.skip("nginx not installed (the production sequence runs it for real)")
    cert = tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",  # noqa: S603, S607
                    "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(cert)], capture_output=True, check=True)
    site = tmp_path / "site.conf"
    site.write_text(render_nginx_site({
        "SERVER_NAME": "www.example.gov.cn", "TLS_CERTIFICATE": str(cert),
        "TLS_CERTIFICATE_KEY": str(tmp_path / "key.pem"), "HTTP_PORT": "127.0.0.1:8118",
        "HTTPS_PORT": "127.0.0.1:8119", "UPSTREAM": "127.0.0.1:8000",
        "STATIC_ROOT": str(tmp_path), "MEDIA_ROOT": str(tmp_path), "REQUEST_MAX_MB": "100"}))
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
                    f"events {{}}\nhttp {{ include /etc/nginx/mime.types; include {site}; }}\n")
    result = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)],  # noqa: S603, S607
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_systemd_timers_run_existing_management_commands():
    """Bare metal runs, by systemd timers, exactly the jobs the compose scheduler runs."""
    from django.conf import settings

    units = ROOT / "deploy/systemd"
    commands = set(get_commands())
    timed = set()
    for timer in sorted(units.glob("*.timer")):
        unit = re.search(r"^Unit=township-job@(\w+)\.service$", timer.read_text(), re.MULTILINE)
        assert unit, timer.name
        assert unit.group(1) in commands, timer.name
        timed.add(unit.group(1))
    assert timed == {job["command"] for job in settings.SCHEDULER_JOBS}
    web = (units / "township-web.service").read_text()
    assert "--config deploy/gunicorn.conf.py config.wsgi" in web
    assert "EnvironmentFile=/etc/township/township.env" in web


def test_dockerfile_builds_and_collects_with_the_shared_build_script():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "deploy/build.sh" in dockerfile
    assert "DEBUG=1" not in dockerfile
    assert "FROM nginx" in dockerfile
    assert "COPY --from=app /app/staticfiles /srv/static" in dockerfile
    # PDF output and .doc/.wps import in the container too (docs/DOCUMENTS.md)
    assert "libreoffice-writer-nogui" in dockerfile
    assert "fonts-noto-cjk" in dockerfile


def test_with_env_runs_a_command_with_the_env_file_and_the_venv(tmp_path):
    env_file = tmp_path / "township.env"
    env_file.write_text("SITE_DOMAIN=www.qinghe.gov.cn\nDEBUG=0\n")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["sh", "deploy/with-env.sh", "python", "-c",  # noqa: S607
         "import os, sys; print(os.environ['SITE_DOMAIN'], sys.executable)"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
        env={**os.environ, "TOWNSHIP_ENV_FILE": str(env_file), "TOWNSHIP_VENV": str(venv)})
    assert result.returncode == 0, result.stderr
    domain, python = result.stdout.split()
    assert domain == "www.qinghe.gov.cn"
    assert Path(python).parent == venv / "bin"


def test_timers_fire_on_beijing_time_whatever_the_server_time_zone():
    for timer in sorted((ROOT / "deploy/systemd").glob("*.timer")):
        for spec in re.findall(r"^OnCalendar=(.+)$", timer.read_text(), re.MULTILINE):
            assert spec.endswith(" Asia/Shanghai"), timer.name


def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """`systemd-analyze verify` on the units as installed (paths under a scratch root, so the
    venv's programs exist); it rejects unknown settings and bad OnCalendar= time zones."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    root = tmp_path / "srv/township"
    (root / "venv/bin").mkdir(parents=True)
    for program in ("python", "gunicorn"):
        path = root / "venv/bin" / program
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    for unit in (ROOT / "deploy/systemd").iterdir():
        (units / unit.name).write_text(unit.read_text().replace("/srv/township", str(root)))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",  # noqa: S603, S607
                             *sorted(str(u) for u in units.iterdir())],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""
    FIGURES.append(f"systemd-analyze verify: {len(list(units.iterdir()))} unit files, exit 0, "
                   "no messages")


def test_healthz_on_port_80_is_not_redirected():
    template = (ROOT / "deploy/nginx/township.conf.template").read_text()
    http_server = template.split("server {")[1]  # the first server block: plain HTTP
    assert "listen ${HTTP_PORT};" in http_server
    healthz = http_server.index("location = /healthz")
    assert "deny all;" in http_server[healthz:]
    assert "proxy_pass http://township_web;" in http_server[healthz:]


def test_docs_and_deploy_files_need_no_sudo():
    paths = [ROOT / "README.md", ROOT / ".env.example", ROOT / "docker-compose.yml",
             *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "deploy").rglob("*"))]
    command = re.compile(r"\bsudo\s+(-\w|[a-z/])")  # "sudo -u …", "sudo systemctl …"
    offenders = [str(p.relative_to(ROOT)) for p in paths
                 if p.is_file() and command.search(p.read_text(errors="replace"))]
    assert offenders == []
