"""The public 找错 form and its confirmation page. Thin views."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from townships.selectors import current_county
from web.antispam import RATE_WINDOW
from web.rate_limits import Allowance

from . import lookup, services
from .forms import HUMAN_CHECK, ErrorReportForm
from .models import ErrorReport

RECEIPT_SESSION_KEY = "feedback:receipt"


def accepted_reports() -> Allowance:
    """Only accepted reports count against an address, so junk posts block nobody."""
    return Allowance("feedback", settings.ERROR_REPORT_LIMIT_PER_HOUR, RATE_WINDOW)


@never_cache
def report(request):
    county = current_county()
    site_name = getattr(county, "site_name", "")
    allowance = accepted_reports()
    limited = None  # or the time the address may report again
    if request.method == "POST":
        form = ErrorReportForm(request.POST, host=request.get_host(), site_name=site_name)
        if allowance.exhausted(request):
            limited = allowance.retry_at(request)
        elif form.is_valid():
            saved = services.receive(form.save(commit=False))
            allowance.spend(request)
            request.session[RECEIPT_SESSION_KEY] = saved.pk
            return redirect("feedback:thanks")
        question = HUMAN_CHECK.question_for(request.POST.get("token", ""))
        if question is None:
            token, question = HUMAN_CHECK.new_token()
            form.data = form.data.copy()
            form.data["token"] = token
    else:
        token, question = HUMAN_CHECK.new_token()
        page = request.GET.get("page", "")
        try:
            page = services.page_path(page, request.get_host()) if page else ""
        except ValidationError:  # a link from elsewhere simply leaves the field empty
            page = ""
        form = ErrorReportForm(initial={
            "token": token, "page_url": page,
            "page_title": services.page_title(request.GET.get("title", ""), site_name)
            if page else "",
        }, host=request.get_host(), site_name=site_name)
    return render(request, "feedback/report_form.html", {
        "form": form, "question": question, "limited": limited,
        "reply_days": services.reply_days(), "nav": "feedback",
        "reported_title": form["page_title"].value(),
    }, status=429 if limited else 200)


@never_cache
def thanks(request):
    report_id = request.session.get(RECEIPT_SESSION_KEY)
    received = get_object_or_404(ErrorReport.objects.select_related("township"),
                                 pk=report_id or 0)
    return render(request, "feedback/report_thanks.html", {
        "report": received, "nav": "feedback",
        "responsible": services.responsible_body(received, current_county()),
        "reply_days": services.reply_days(),
    })


@never_cache
def answer_lookup(request):
    """找错答复查询: status and public answer by 受理编号 + 查询码 (feedback/lookup.py)."""
    form = lookup.LookupForm(request.POST or None)
    found, not_found, limited = None, False, None
    if request.method == "POST":
        allowance = lookup.failed_lookups()
        if allowance.exhausted(request):
            limited = allowance.retry_at(request)
        elif form.is_valid():
            found = lookup.find(form.cleaned_data["reference"], form.cleaned_data["query_code"])
            if found is None:
                allowance.spend(request)
                not_found = True
    return render(request, "feedback/answer_lookup.html", {
        "form": form, "found": found, "not_found": not_found, "limited": limited,
        "responsible": services.responsible_body(found, current_county()) if found else "",
        "nav": "feedback",
    }, status=429 if limited else 200)
