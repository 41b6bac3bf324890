"""The back-office endpoint of the editor's Word/WPS paste hook (paste.py)."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import Resolver404, path, resolve
from django.views.decorators.http import require_POST

from townships import scoping
from townships.models import Township

from .paste import clean_paste


def _township(request):
    """The township of the page the author pastes on: the object edited, or the form's
    township field, or the only township the author may write in."""
    editable = scoping.editable(Township.objects.all(), request.user, "id")
    try:
        match = resolve(request.POST.get("page", ""))
    except Resolver404:
        match = None
    if match is not None and match.kwargs.get("object_id", "").isdigit():
        app_label, _sep, rest = (match.url_name or "").partition("_")
        model_name = rest.rsplit("_", 1)[0]
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            model = None
        if model is not None and hasattr(model, "township_id"):
            row = model._default_manager.filter(pk=match.kwargs["object_id"]).values(
                "township_id").first()
            if row:
                return editable.filter(pk=row["township_id"]).first()
    chosen = request.POST.get("township", "")
    if chosen.isdigit():
        return editable.filter(pk=chosen).first()
    townships = list(editable[:2])
    return townships[0] if len(townships) == 1 else None


class PasteMixin:
    """Mixed into DisclosureItemAdmin: `<admin>/disclosure/disclosureitem/paste/`."""

    def get_paste_urls(self):
        return [path("paste/", self.admin_site.admin_view(require_POST(self.paste_view)),
                     name="disclosure_disclosureitem_paste")]

    def paste_view(self, request):
        if not scoping.editable(Township.objects.all(), request.user, "id").exists():
            return JsonResponse({"error": "forbidden"}, status=403)
        html = request.POST.get("html")
        if html is None:
            return HttpResponseBadRequest("html missing")
        try:
            body, notes = clean_paste(html, township=_township(request), user=request.user)
        except ValidationError as exc:
            return JsonResponse({"error": exc.messages[0]}, status=400)
        return JsonResponse({"html": body, "notes": notes})
