"""Public pages of the application desk: form, receipt, status lookup. Thin views."""

from __future__ import annotations

import contextlib
import time

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

import officialdocs
from townships.selectors import public_township

from . import antispam, deliveries, selectors, transitions
from .forms import ApplicationForm, StatusForm
from .models import Application, Channel

RECEIPT_SESSION_KEY = "applications:receipt"
#: After a lookup matched (query code and phone), this browser session may download that
#: case's documents for STATUS_SESSION_SECONDS; nothing else opens them.
STATUS_SESSION_KEY = "applications:status"
STATUS_SESSION_SECONDS = 30 * 60
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@never_cache
def apply(request, township_slug):
    township = public_township(township_slug)
    allowance = antispam.submissions()
    limited = None  # or the time the address may submit again
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if allowance.exhausted(request):
            limited = allowance.retry_at(request)
        elif form.is_valid():
            app = form.save(commit=False)
            app.township = township
            app.channel = Channel.ONLINE
            app.submitted_on = timezone.localdate()
            transitions.register(app)
            allowance.spend(request)  # only accepted applications count
            request.session[RECEIPT_SESSION_KEY] = app.pk
            return redirect("applications:receipt", township_slug=township.slug)
        question = antispam.question_for(request.POST.get("token", ""))
        if question is None:
            token, question = antispam.new_token()
            form.data = form.data.copy()
            form.data["token"] = token
    else:
        token, question = antispam.new_token()
        form = ApplicationForm(initial={"token": token})
    return render(request, "applications/application_form.html", {
        "township": township, "form": form, "question": question, "limited": limited,
        "limit": allowance.limit, "nav": "apply",
    }, status=429 if limited else 200)


def _lookup(request, township, form):
    """(application, not_found, retry_at): failed lookups count against the address."""
    allowance = antispam.failed_lookups()
    if allowance.exhausted(request):
        return None, False, allowance.retry_at(request)
    if not form.is_valid():
        return None, False, None
    app = selectors.public_status(township, form.cleaned_data["tracking_number"],
                                  form.cleaned_data["phone"])
    if app is None:
        allowance.spend(request)
    return app, app is None, None


@never_cache
def receipt(request, township_slug):
    township = public_township(township_slug)
    app_id = request.session.get(RECEIPT_SESSION_KEY)
    app = get_object_or_404(Application.objects.for_township(township), pk=app_id or 0)
    return render(request, "applications/application_receipt.html",
                  {"township": township, "app": app, "nav": "apply"})


@never_cache
def status(request, township_slug):
    township = public_township(township_slug)
    form = StatusForm(request.POST or None)
    app, not_found, limited = None, False, None
    if request.method == "POST":
        app, not_found, limited = _lookup(request, township, form)
        if app is not None:
            request.session.cycle_key()
            request.session[STATUS_SESSION_KEY] = {"app": app.pk,
                                                   "until": time.time() + STATUS_SESSION_SECONDS}
    return render(request, "applications/application_status.html", {
        "township": township, "form": form, "app": app, "not_found": not_found,
        "limited": limited, "documents": deliveries.applicant_documents(app) if app else [],
        "nav": "apply",
    }, status=429 if limited else 200)


def _verified_application(request, township) -> Application:
    """The case this session matched by query code and phone, still within its time."""
    entry = request.session.get(STATUS_SESSION_KEY) or {}
    if not entry.get("app") or entry.get("until", 0) < time.time():
        raise Http404
    return get_object_or_404(Application.objects.for_township(township), pk=entry["app"])


@never_cache
def document(request, township_slug, key):
    """One notice or the reply letter addressed to the applicant: PDF where LibreOffice is
    installed, otherwise the Word file. Only after the query code and phone matched."""
    township = public_township(township_slug)
    app = _verified_application(request, township)
    doc = deliveries.find(app, key, applicant=True)
    if doc is None:
        raise Http404
    allowance = antispam.document_downloads()
    if allowance.exhausted(request):
        retry = timezone.localtime(allowance.retry_at(request))
        text = _("下载次数过多，请于 %(time)s 之后再试。") % {"time": f"{retry:%H:%M}"}
        return HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    allowance.spend(request)
    data, suffix, content_type = deliveries.docx(app, doc), "docx", DOCX_TYPE
    if officialdocs.available():
        with contextlib.suppress(officialdocs.PDFUnavailableError):
            data, suffix, content_type = officialdocs.to_pdf(data), "pdf", "application/pdf"
    response = HttpResponse(data, content_type=content_type)
    name = f"{deliveries.file_stem(app, doc)}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
