"""One personal-data policy in the back office, generated from the registry
(security/personal_data.py): for every registered field of the applicants' and reporters'
models × every admin view, list, search and download where the model appears, a unique
marker never reaches a user who does not handle the case, and does reach its handler."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from applications.models import Delivery, Notice
from applications.personal_data import PERSONAL_FIELDS
from security.personal_data import REGISTRY
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from tests.feedback.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db

MODELS = ("applications.Application", "applications.Notice", "applications.Delivery",
          "feedback.ErrorReport")
FIELDS = [f for f in REGISTRY if f.model_label in MODELS]
_seq = itertools.count(7301)


def marker(field) -> str:
    """A value no page holds by chance, fitting the column (postcode: 6 characters)."""
    n = next(_seq)
    if field.name == "postcode":
        return f"邮编{n}"
    if "email" in field.name:
        return f"mk{n}x@example.cn"
    return f"标记{field.name[:4]}{n}"


@dataclass(frozen=True)
class View:
    name: str
    models: tuple[str, ...]
    #: (case, report) -> URL; `search` views put the marker in ?q=
    url: object
    #: the fields the handler sees in this view (None: every field of its models)
    handler_sees: tuple[str, ...] | None = None
    search: bool = False


def _app_url(name, *args):
    return lambda ctx: reverse(f"admin:applications_application_{name}",
                               args=[a(ctx) for a in args])


def _case(ctx):
    return ctx["app"].pk


def _report_url(name, with_pk=True):
    return lambda ctx: reverse(f"admin:feedback_errorreport_{name}",
                               args=[ctx["report"].pk] if with_pk else [])


VIEWS = [
    View("申请：办理页", ("applications.Application", "applications.Notice",
                      "applications.Delivery"), _app_url("change", _case)),
    View("申请：列表", ("applications.Application",), _app_url("changelist"),
         handler_sees=("name",)),
    View("申请：搜索", ("applications.Application",), _app_url("changelist"),
         handler_sees=("name",), search=True),
    View("申请：修改历史", ("applications.Application",), _app_url("history", _case),
         handler_sees=()),
    View("申请：查看理由页", ("applications.Application",), _app_url("reveal", _case),
         handler_sees=()),
    View("告知书下载（Word）", ("applications.Notice", "applications.Application"),
         _app_url("notice", _case, lambda ctx: ctx["notice"].pk), handler_sees=()),
    View("答复告知书下载（Word）", ("applications.Application",), _app_url("letter", _case),
         handler_sees=()),
    View("找错：处理页", ("feedback.ErrorReport",), _report_url("change")),
    View("找错：列表", ("feedback.ErrorReport",), _report_url("changelist", with_pk=False),
         handler_sees=()),
    View("找错：搜索", ("feedback.ErrorReport",), _report_url("changelist", with_pk=False),
         handler_sees=(), search=True),
]
PAIRS = [(field, view) for field in FIELDS for view in VIEWS if field.model_label in view.models]


@pytest.fixture
def world():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=datetime.date(2024, 3, 4))
    close(app, user=handler)
    app.refresh_from_db()
    notice = app.notices.first()
    if notice is None:
        notice = Notice.objects.create(application=app, kind="correction", number="1",
                                       issued_on=datetime.date(2024, 3, 5), recipient="x")
    delivery = Delivery.objects.create(application=app, notice=notice, method="post",
                                       delivered_on=datetime.date(2024, 3, 6),
                                       tracking_no="EA000000000CN", recorded_by=handler)
    report = make_report(township=township)
    return {"township": township, "handler": handler, "app": app, "notice": notice,
            "delivery": delivery, "report": report,
            "auditor": make_member(role=Role.COUNTY_AUDITOR, county=township.county),
            "colleague": make_member(township=township, role=Role.AUTHOR)}


def seed(ctx, field) -> str:
    value = marker(field)
    target = {"applications.Application": ctx["app"], "applications.Notice": ctx["notice"],
              "applications.Delivery": ctx["delivery"],
              "feedback.ErrorReport": ctx["report"]}[field.model_label]
    type(target)._default_manager.filter(pk=target.pk).update(**{field.name: value})
    return value


def page(ctx, user, view, value) -> str:
    client = Client()
    client.force_login(user)
    url = view.url(ctx)
    response = client.get(url, {"q": value} if view.search else {})
    body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
    if view.search:  # what matters is whether the marker finds the case
        found = (ctx["app"].tracking_number if "applications" in url
                 else f"/{ctx['report'].pk}/change/")
        return value if found in body else ""
    return body


def test_the_masked_fields_are_the_registered_ones():
    registered = {f.name for f in FIELDS if f.model_label == "applications.Application"}
    assert set(PERSONAL_FIELDS) == registered


def test_pair_count():
    """The figure reported: registered fields × the views where their model appears."""
    assert len(FIELDS) == 13
    # Application 7 fields × 7 views, Notice 1 × 2, Delivery 2 × 1, ErrorReport 3 × 3
    assert len(PAIRS) == 7 * 7 + 1 * 2 + 2 * 1 + 3 * 3


@pytest.mark.parametrize(("field", "view"), PAIRS,
                         ids=[f"{f.label}-{v.name}" for f, v in PAIRS])
def test_marker_hidden_from_non_handlers_shown_to_the_handler(world, field, view):
    value = seed(world, field)
    readers = ["auditor"] + (["colleague"] if field.model_label.startswith("applications")
                             else [])
    for who in readers:
        assert value not in page(world, world[who], view, value), who
    if view.handler_sees is None or field.name in view.handler_sees:
        assert value in page(world, world["handler"], view, value)


def test_the_audit_log_masks_every_registered_field(world):
    """Changes to a case are logged with the registered fields masked (security/audit.py)."""
    from auditlog.models import LogEntry

    app = world["app"]
    markers = {}
    for field in FIELDS:
        if field.model_label == "applications.Application":
            markers[field.name] = marker(field)
            setattr(app, field.name, markers[field.name])
    app.save()
    entry = LogEntry.objects.filter(object_pk=str(app.pk),
                                    action=LogEntry.Action.UPDATE).latest("pk")
    logged = str(entry.changes)
    assert set(markers) <= set(entry.changes_dict)
    for value in markers.values():
        assert value not in logged
