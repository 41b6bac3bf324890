"""The dashboard pages in the back office (routed by admin.DashboardAdmin.get_urls).

County auditors and admins only: anyone else gets 403, and a township outside the user's
county answers 404. Views stay thin: reads in dashboard.py and the checks, writes in
refresh.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from townships import permissions as tp
from townships.models import Role, Township

from . import checks, dashboard, exports, permissions, refresh, table_html, wording, workdays
from .checks.base import Context
from .models import InspectionSettings, TownshipSnapshot, WordingDismissal, WordingHit

PAGE_SIZE = 100
TOWNSHIP_PAGE_ROWS = 10


def _county(request):
    county = permissions.county_for(request.user) if permissions.can_view_dashboard(
        request.user) else None
    if county is None:
        raise PermissionDenied
    return county


def _township(request, county, township_id: int) -> Township:
    return get_object_or_404(Township, pk=township_id, county=county)


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dashboard_view(request):
    county = _county(request)
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "problems")
    board = dashboard.build(county, status=status,
                            sort=sort if sort in dashboard.SORTS else "problems")
    return TemplateResponse(request, "admin/oversight/dashboard.html", _context(
        request, _("%(county)s政务公开监督检查") % {"county": county.name},
        board=board, rows_html=table_html.township_rows(board), charts=board.charts(),
        status=status, sort=sort,
        status_labels=dashboard.STATUS_LABELS,
        can_refresh=permissions.can_refresh(request.user)))


def dashboard_xlsx_view(request):
    county = _county(request)
    board = dashboard.build(county, sort="order")
    return _xlsx(exports.dashboard_xlsx(board), f"oversight-{timezone.localdate()}.xlsx")


@require_POST
def refresh_view(request):
    county = _county(request)
    if not permissions.can_refresh(request.user):
        raise PermissionDenied
    if refresh.refresh_in_background(county) is None:
        messages.warning(request, _("汇总数据正在更新中，请稍后刷新本页。"))
    else:
        messages.success(request, _("已开始更新汇总数据，通常需要几十秒，完成后刷新本页即可看到。"))
    return redirect("admin:oversight_dashboard")


def _snapshot(county, township) -> tuple:
    run = refresh.latest_run(county)
    snap = (TownshipSnapshot.objects.filter(run=run, township=township).first()
            if run else None)
    return run, (snap.data if snap else {})


def township_view(request, township_id: int):
    county = _county(request)
    township = _township(request, county, township_id)
    workdays.ensure_built()
    ctx = Context(county, townships=[township])
    run, data = _snapshot(county, township)
    sections = []
    for check in checks.CHECKS:
        values = (check.live_summary(county, [township.pk], ctx.today)[township.pk]
                  if check.live else data.get(check.key, {}))
        sections.append({"check": check, "values": values, "problems": check.problems(values),
                         "measures": [(m, values.get(m.key), m.level(values.get(m.key)))
                                      for m in check.measures],
                         "findings": check.findings(ctx, township, limit=TOWNSHIP_PAGE_ROWS)})
    return TemplateResponse(request, "admin/oversight/township.html", _context(
        request, _("%(name)s检查情况") % {"name": township.name}, township=township, run=run,
        sections=sections, charts=dashboard.township_charts(run, data, township),
        calendar_gaps=ctx.notes.get("calendar_gaps", []), row_limit=TOWNSHIP_PAGE_ROWS))


def _check(check_key: str):
    check = checks.get(check_key)
    if check is None:
        raise Http404("no such check")
    return check


def findings_view(request, township_id: int, check_key: str):
    county = _county(request)
    township = _township(request, county, township_id)
    check = _check(check_key)
    workdays.ensure_built()
    ctx = Context(county, townships=[township])
    found = check.findings(ctx, township)
    page = Paginator(found.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    notice_url = (reverse("admin:oversight_rectificationnotice_add") + "?"
                  + urlencode({"township": township.pk, "check_key": check.key}))
    return TemplateResponse(request, "admin/oversight/findings.html", _context(
        request, _("%(name)s · %(check)s") % {"name": township.name, "check": check.title},
        township=township, check=check, found=found, page=page, notice_url=notice_url,
        calendar_gaps=ctx.notes.get("calendar_gaps", [])))


def findings_xlsx_view(request, township_id: int, check_key: str):
    county = _county(request)
    township = _township(request, county, township_id)
    check = _check(check_key)
    workdays.ensure_built()
    found = check.findings(Context(county, townships=[township]), township)
    content = exports.findings_xlsx(township, check, found, request.build_absolute_uri)
    return _xlsx(content, f"{township.slug}-{check.key}.xlsx")


class DismissForm(forms.Form):
    reason = forms.CharField(label=_lazy("忽略理由"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_lazy("说明为什么这不是错误，例如：引用的原文、专有名称。"))


def can_dismiss_wording(user, township) -> bool:
    """The county overseers and the township's own 党政办 or 乡镇管理员."""
    return (permissions.oversees(user, township)
            or tp.has_role(user, township.pk, Role.PUBLISHER, Role.TOWNSHIP_ADMIN))


def wording_dismiss_view(request, hit_id: int):
    hit = get_object_or_404(WordingHit.objects.select_related("township"), pk=hit_id)
    if not can_dismiss_wording(request.user, hit.township):
        raise PermissionDenied
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        WordingDismissal.objects.create(
            township=hit.township, fingerprint=hit.fingerprint, phrase=hit.phrase,
            sentence=hit.sentence, reason=form.cleaned_data["reason"].strip(),
            dismissed_by=request.user)
        messages.success(request, _("已忽略，理由已记录。"))
        if permissions.oversees(request.user, hit.township):
            return redirect("admin:oversight_findings", hit.township_id, "wording")
        return redirect("admin:index")
    return TemplateResponse(request, "admin/oversight/wording_dismiss.html", _context(
        request, _("忽略用词检查结果"), hit=hit, form=form,
        marked=wording.mark(hit.sentence, hit.start, hit.end)))


def inspection_view(request):
    from .checks.inspection import ranking

    county = _county(request)
    run, rows = ranking(county)
    options = InspectionSettings.for_county(county)
    return TemplateResponse(request, "admin/oversight/inspection.html", _context(
        request, _("%(county)s网站检查结果") % {"county": county.name}, run=run, rows=rows,
        options=options))
