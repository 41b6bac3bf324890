"""The production stack of the production-sequence test: a fresh PostgreSQL database, a Redis
database, the build and release scripts, gunicorn instances and nginx, all on loopback."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NGINX_VARS = ("SERVER_NAME", "TLS_CERTIFICATE", "TLS_CERTIFICATE_KEY", "HTTP_PORT", "HTTPS_PORT",
              "UPSTREAM", "STATIC_ROOT", "MEDIA_ROOT", "REQUEST_MAX_MB")
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def run(args: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=timeout, check=False)


# --- PostgreSQL and Redis -------------------------------------------------------------------

def _maintenance(base_url: str):
    import psycopg2

    parsed = dj_database_url.parse(base_url)
    raw = psycopg2.connect(dbname="postgres", user=parsed["USER"] or None,
                           password=parsed["PASSWORD"] or None,
                           host=parsed["HOST"] or None, port=parsed["PORT"] or None)
    raw.autocommit = True
    return raw


def create_database(base_url: str, suffix: str) -> str:
    name = f"{dj_database_url.parse(base_url)['NAME']}_{suffix}"[:63]
    raw = _maintenance(base_url)
    with raw.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    raw.close()
    return base_url.rsplit("/", 1)[0] + "/" + name


def empty_database(url: str) -> None:
    """Drop the database at `url` (closing its connections) and create it again, empty."""
    drop_database(url)
    raw = _maintenance(url)
    with raw.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    raw.close()


def drop_database(url: str) -> None:
    raw = _maintenance(url)
    with raw.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    raw.close()


def query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg2

    parsed = dj_database_url.parse(url)
    raw = psycopg2.connect(dbname=parsed["NAME"], user=parsed["USER"] or None,
                           password=parsed["PASSWORD"] or None, host=parsed["HOST"] or None,
                           port=parsed["PORT"] or None)
    try:
        with raw.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        raw.close()


def redis_server(tmp: Path, port: int) -> subprocess.Popen:
    """A redis-server of its own on a spare port (no persistence), logging to tmp/redis.log."""
    log = (tmp / "redis.log").open("ab")
    try:
        return subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(tmp)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        log.close()


def wait_redis(tmp: Path, port: int, seconds: float = 30) -> None:
    import redis

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping()
            return
        except redis.exceptions.RedisError:
            time.sleep(0.2)
    raise RuntimeError(f"redis-server on {port} did not start:\n"
                       f"{(tmp / 'redis.log').read_text(errors='replace')[-2000:]}")


def postgres_bin() -> Path | None:
    """The directory of the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup)."""
    found = shutil.which("pg_config")
    if found:
        bindir = Path(subprocess.run([found, "--bindir"], capture_output=True, text=True,  # noqa: S603
                                     check=True).stdout.strip())
        if (bindir / "initdb").exists():
            return bindir
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return candidates[-1].parent if candidates else None


@dataclass
class Cluster:
    """A PostgreSQL cluster of its own on a spare port (never the machine's own server), run
    as the postgres user when the tests run as root. `options` are the server's -o options."""
    bindir: Path
    work: Path  # owned by the server's user; the socket lives here
    name: str
    port: int
    settings: str = "-c fsync=off"

    @property
    def as_postgres(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def data(self) -> Path:
        return self.work / self.name

    @property
    def options(self) -> str:
        return (f"-p {self.port} -k {self.work} -c listen_addresses=127.0.0.1 "
                f"{self.settings}")

    def url(self, database: str = "township") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args: str, timeout: int = 90) -> None:
        subprocess.run([*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.data),  # noqa: S603
                        "-w", "-t", "60", *args], check=True, capture_output=True,
                       timeout=timeout)

    def initdb(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bindir / "initdb"), "-D", str(self.data),  # noqa: S603
                        "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"],
                       check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        # -l: the server logs to its file, not to a pipe (which would stay open)
        self.pg_ctl("-o", self.options, "-l", str(self.work / f"{self.name}.log"), "start")

    def stop(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.data),  # noqa: S603
                        "-m", "immediate", "stop"], capture_output=True, timeout=60,
                       check=False)

    def copy_in(self, source_url: str, database: str = "township") -> str:
        """A copy of `source_url`'s database (pg_dump/pg_restore) as `database` here."""
        connect = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        subprocess.run([str(self.bindir / "createdb"), *connect, database], check=True,  # noqa: S603
                       capture_output=True, timeout=60)
        dump = self.work / f"{database}.dump"
        subprocess.run([str(self.bindir / "pg_dump"), "-Fc", "-f", str(dump), source_url],  # noqa: S603
                       check=True, capture_output=True, timeout=120)
        subprocess.run([str(self.bindir / "pg_restore"), "--no-owner", "--no-privileges",  # noqa: S603
                        *connect, "-d", database, str(dump)], check=True, capture_output=True,
                       timeout=120)
        return self.url(database)


def new_cluster_dir() -> Path:
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="township-pg-"))
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
    return work


# --- HTTP ----------------------------------------------------------------------------------

def totp_code(key_hex: str, _used: dict[str, int] = {}) -> str:  # noqa: B006 - per-process memo
    """The authenticator code for a TOTP key, never one already used in this process (a code
    is accepted once; waits for the next 30-second step when needed)."""
    from django_otp.oath import TOTP

    while True:
        totp = TOTP(bytes.fromhex(key_hex))
        if _used.get(key_hex) != totp.t():
            _used[key_hex] = totp.t()
            return f"{totp.token():06d}"
        time.sleep(1)


def second_factor(base: str, session: str, key_hex: str, *, headers: dict | None = None,
                  context: ssl.SSLContext | None = None, origin: str | None = None) -> Response:
    """Give the authenticator code after a password login (security/twofactor.py); returns
    the answer to the code (302 on success), whose cookies hold the verified session."""
    headers = headers or {}
    page = fetch(base + "/admin/account/otp/?next=/admin/", context=context,
                 headers={**headers, "Cookie": f"sessionid={session}"})
    csrf = page.cookies["csrftoken"]
    session = page.cookies.get("sessionid", session)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    origin = origin or base.replace("http://", "https://")
    answer = fetch(base + "/admin/account/otp/", method="POST", context=context, headers={
        **headers, "Origin": origin, "Referer": origin + "/admin/account/otp/",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}; sessionid={session}",
    }, body=urlencode({"csrfmiddlewaretoken": token, "token": totp_code(key_hex),
                       "next": "/admin/"}).encode())
    answer.cookies.setdefault("sessionid", session)
    return answer


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: dict[str, str] = field(default_factory=dict)  # every Set-Cookie: name -> value

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(url: str, *, method: str = "GET", headers: dict | None = None, body: bytes | None = None,
          context: ssl.SSLContext | None = None, timeout: float = 30) -> Response:
    """One request, no redirect following; header names lower-cased."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                           context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(method, path, body=body,
                     headers={"User-Agent": BROWSER_UA, **(headers or {})})
        response = conn.getresponse()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookies.update({k: m.value for k, m in SimpleCookie(value).items()})
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()},
                        response.read(), cookies)
    finally:
        conn.close()


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60,
                  context: ssl.SSLContext | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited {process.returncode}:\n"
                               f"{log.read_text()[-4000:]}")
        try:
            if fetch(url, timeout=5, context=context).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds}s:\n{log.read_text()[-4000:]}")


# --- processes -----------------------------------------------------------------------------

@dataclass
class Stack:
    tmp: Path
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)

    def start(self, args: list[str], log_name: str, **env) -> tuple[subprocess.Popen, Path]:
        log = self.tmp / log_name
        handle = log.open("wb")
        process = subprocess.Popen(args, cwd=ROOT, env={**self.env, **env},  # noqa: S603
                                   stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        handle.close()
        self.processes.append(process)
        return process, log

    def gunicorn(self, port: int) -> Path:
        return self.gunicorns(port)[0]

    def gunicorns(self, *ports: int) -> list[Path]:
        """gunicorn instances on `ports`, started together; returns once all answer."""
        started = [self.start([str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py",
                               "config.wsgi"], f"gunicorn-{port}.log",
                              GUNICORN_BIND=f"127.0.0.1:{port}") for port in ports]
        for port, (process, log) in zip(ports, started, strict=True):
            wait_until_up(f"http://127.0.0.1:{port}/healthz?format=text", process, log)
        return [log for _process, log in started]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


# --- TLS and nginx ---------------------------------------------------------------------------

def self_signed_certificate(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "fullchain.pem", tmp / "privkey.pem"
    result = subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",  # noqa: S607
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return cert, key


def render_nginx_site(values: dict[str, str]) -> str:
    """The template with exactly the documented names filled in (as render-nginx.sh does)."""
    text = (ROOT / "deploy/nginx/township.conf.template").read_text()
    for name in NGINX_VARS:
        text = text.replace("${" + name + "}", values[name])
    assert "${" not in text.replace("${NAME}", ""), "unfilled placeholder in the nginx template"
    # The test binds loopback only (HTTP_PORT is 127.0.0.1:port), so no [::] listeners.
    return "\n".join(line for line in text.splitlines() if "listen [::]" not in line)


def nginx_main_config(tmp: Path, site: Path) -> Path:
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / f"nginx-{name}").mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the pytest tmp dir
    conf = tmp / "nginx.conf"
    conf.write_text(f"""{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    include {site};
}}
""")
    return conf


def secret_key() -> str:
    return secrets.token_urlsafe(50)


def seed(env: dict[str, str], *args: str) -> dict:
    result = run([sys.executable, "tests/production/prepare_site.py", *args], env)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])
