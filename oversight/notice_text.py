"""A draft notice written from a drill-down list, so the township admin gets the exact
records to fix (with links to their own back-office pages) rather than just a count."""

from __future__ import annotations

from django.utils.translation import gettext as _

from townships.models import Township

from . import checks, workdays
from .checks.base import Context, format_value

LISTED = 20
DUE_WORKING_DAYS = 10


def _line(number: int, finding, columns, absolute) -> str:
    details = "，".join(f"{label}：{format_value(finding.cells.get(key))}"
                       for key, label in columns if finding.cells.get(key) not in (None, ""))
    line = f"{number}. {finding.title}" + (f"（{details}）" if details else "")
    return line + (f"\n   {absolute(finding.url)}" if finding.url else "")


def initial_notice(county, township_id, check_key, absolute=str) -> dict:
    """Initial form values; empty when the township or check is not the county's."""
    try:
        township = Township.objects.get(pk=int(township_id), county=county)
    except (TypeError, ValueError, Township.DoesNotExist):
        return {}
    initial: dict = {"township": township.pk}
    ctx = Context(county, townships=[township])
    due = ctx.working_days_from_today(DUE_WORKING_DAYS)
    if due is not None:
        initial["due_on"] = due
    check = checks.get(check_key or "")
    if check is None:
        return initial
    workdays.ensure_built()
    found = check.findings(ctx, township)
    flagged = [f for f in found.rows if f.level] or found.rows
    lines = [_line(n, f, found.columns, absolute)
             for n, f in enumerate(flagged[:LISTED], start=1)]
    if len(flagged) > LISTED:
        lines.append(_("……共%(n)s条，其余请在后台查看。") % {"n": len(flagged)})
    body = "\n".join([
        _("经县政务公开办检查，你乡镇“%(check)s”存在以下问题：") % {"check": check.title},
        *lines,
        _("请在整改期限前完成整改，并在管理后台“督促整改通知”中反馈整改情况。"),
    ])
    initial.update(check_key=check.key, body=body,
                   title=_("%(check)s存在问题，请限期整改") % {"check": check.title})
    return initial


def current_result(notice, limit: int = 10) -> dict | None:
    """The check a notice was about, evaluated now (a live drill-down, not the stored run),
    for the county's review: how many problems remain and the first of them. None when the
    notice names no check."""
    check = checks.get(notice.check_key or "")
    if check is None:
        return None
    workdays.ensure_built()
    found = check.findings(Context(notice.county, townships=[notice.township]), notice.township)
    flagged = [f for f in found.rows if f.level]
    return {"check": check, "found": found, "flagged": len(flagged),
            "rows": flagged[:limit]}
