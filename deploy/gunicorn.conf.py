"""gunicorn settings from the environment (docs/DEPLOY.md), for systemd and the container.

    gunicorn --config deploy/gunicorn.conf.py config.wsgi
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow for months; not so often that
# a busy worker restarts (and re-imports Django) every few seconds under load.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# Logs to stdout/stderr: journald or `docker compose logs`. The first field is nginx's
# address; the client is the right-most untrusted entry of X-Forwarded-For.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s xff="%({x-forwarded-for}i)s" "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"
# Worker heartbeat files in memory (a container's /tmp may be slow overlay storage).
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108
