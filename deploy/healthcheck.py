"""Container health check: GET /healthz from the gunicorn in this container (no Django import,
no curl in the image). Exit 0 when the database, cache and media storage all answer."""

import os
import sys
import urllib.error
import urllib.request

url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz?format=text")
host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
        or "localhost")
request = urllib.request.Request(url, headers={"Host": host,  # noqa: S310 - fixed local URL
                                               "User-Agent": "township-healthcheck"})
try:
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as exc:
    body = exc.read().decode(errors="replace") if isinstance(exc, urllib.error.HTTPError) else ""
    sys.stderr.write(f"unhealthy: {exc} {body}\n")
    sys.exit(1)
