"""The framework floor for `make bench`: a minimal Django view returning the same bytes as the
item page (read from BENCH_FLOOR_BODY), served by the same gunicorn configuration.

    BENCH_FLOOR_BODY=item.html gunicorn -c deploy/gunicorn.conf.py bench.floor:application
"""

import os
from pathlib import Path

from django.conf import settings

BODY = Path(os.environ["BENCH_FLOOR_BODY"]).read_bytes()

settings.configure(
    DEBUG=False, SECRET_KEY="bench-floor-only", ALLOWED_HOSTS=["*"],  # noqa: S106
    ROOT_URLCONF=__name__, MIDDLEWARE=[], INSTALLED_APPS=[], USE_TZ=True,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
