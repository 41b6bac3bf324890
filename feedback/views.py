"""The public 找错 form and its confirmation page. Thin views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from config import antispam
from townships.selectors import current_county

from . import services
from .forms import HUMAN_CHECK, ErrorReportForm
from .models import ErrorReport

RECEIPT_SESSION_KEY = "feedback:receipt"
RATE_LIMIT = 5


@never_cache
def report(request):
    county = current_county()
    site_name = getattr(county, "site_name", "")
    limited = False
    if request.method == "POST":
        form = ErrorReportForm(request.POST, host=request.get_host(), site_name=site_name)
        limited = antispam.rate_limited(request, "feedback:rate", RATE_LIMIT)
        if not limited and form.is_valid():
            saved = services.receive(form.save(commit=False))
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
