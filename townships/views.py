"""The county's uploaded portal images, served by Django so they work wherever MEDIA is not
published by a web server (DEBUG off, several workers, any storage backend)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .portal_identity import SITE_IMAGE_FIELDS
from .selectors import current_county
from .site_images import content_type_for

ONE_DAY = 24 * 3600


@require_safe
def site_image(request, kind):
    field = SITE_IMAGE_FIELDS.get(kind)
    county = current_county()
    image = getattr(county, field, None) if field and county else None
    if not image:
        raise Http404("no such image")
    try:
        handle = image.storage.open(image.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("file missing") from None
    response = FileResponse(handle, content_type=content_type_for(image.name))
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
