"""One way to answer with a stored file, after the caller has checked permission.

- Media on S3-compatible storage: a redirect to a short-lived signed URL of the private bucket.
- MEDIA_ACCEL_REDIRECT_PREFIX set (nginx in front): an empty response with X-Accel-Redirect;
  nginx sends the file from its `internal` location, which no client can request directly.
- Otherwise Django streams the file.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


def _is_local(storage) -> bool:
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True


def accel_path(name: str) -> str:
    return settings.MEDIA_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + quote(name)


def file_response(field_file, filename: str, *, as_attachment: bool = True) -> HttpResponse:
    """Send `field_file` (a FieldFile) under `filename`; 404 when the stored file is gone."""
    if not field_file:
        raise Http404("no file")
    storage, name = field_file.storage, field_file.name
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(as_attachment, filename)
    if not _is_local(storage):
        return HttpResponseRedirect(storage.url(name, parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": content_type,
        }))
    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        if not storage.exists(name):
            raise Http404("file missing")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_path(name)
        response["Content-Disposition"] = disposition
        return response
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    return FileResponse(handle, as_attachment=as_attachment, filename=filename,
                        content_type=content_type)
