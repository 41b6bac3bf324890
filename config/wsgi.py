"""WSGI entry point (gunicorn config.wsgi): Django's application inside the WSGI wrappers
settings.WSGI_WRAPPERS names, outermost first (pagecache.wsgi answers a stored page before
Django handles the request)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
for wrapper in reversed(getattr(settings, "WSGI_WRAPPERS", ())):
    application = import_string(wrapper)(application)
