"""Anonymise personal data past its retention period (security/personal_data.py).

Each registered field whose retention has a period is overwritten with its `anonymised`
value in the records whose clock started before the cutoff. Only personal fields change:
states, dates, outcomes, fees and kinds stay, so the statistics and the annual-report tables
are the same before and after. Records already anonymised are left alone (a second run
changes nothing), and each model's run writes one insert-only audit entry: how many records,
which fields, the cutoff and the record ids (never the values).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet

from .personal_data import REGISTRY, RETENTIONS, PersonalField, Retention, by_model


@dataclass(frozen=True)
class Outcome:
    model_label: str
    retention: Retention
    fields: tuple[PersonalField, ...]
    cutoff: datetime.datetime
    count: int


def _already_anonymised(fields) -> Q:
    done = Q()
    for field in fields:
        done &= (Q(**{f"{field.name}__isnull": True}) if field.anonymised is None
                 else Q(**{field.name: field.anonymised}))
    return done


def due(retention: Retention, model_label: str, fields, now) -> tuple[QuerySet, datetime.datetime]:
    cutoff = retention.cutoff(now)
    model = fields[0].model()
    expired = retention.expired[model_label](cutoff)
    return model._default_manager.filter(expired).exclude(_already_anonymised(fields)), cutoff


def _audit(model, outcome: Outcome, ids: list) -> None:
    labels = "、".join(str(model._meta.get_field(f.name).verbose_name) for f in outcome.fields)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model), object_pk="", object_id=None,
        object_repr=f"{model._meta.verbose_name}：{outcome.count} 条个人信息已匿名化",
        action=LogEntry.Action.UPDATE,
        changes={"个人信息匿名化": ["", labels],
                 "依据": ["", f"{outcome.retention.label}，保存期限 "
                              f"{outcome.retention.period()} "
                              f"{'年' if outcome.retention.unit == 'years' else '天'}届满"]},
        changes_text="", additional_data={"retention": outcome.retention.key,
                                          "cutoff": outcome.cutoff.isoformat(), "ids": ids})


def anonymise(now: datetime.datetime, *, dry_run: bool = False) -> list[Outcome]:
    outcomes = []
    for retention in RETENTIONS:
        if retention.expired is None:
            continue
        for model_label, fields in by_model(retention).items():
            fields = tuple(fields)
            with transaction.atomic():
                rows, cutoff = due(retention, model_label, fields, now)
                ids = list(rows.select_for_update().values_list("pk", flat=True).order_by("pk"))
                outcome = Outcome(model_label, retention, fields, cutoff, len(ids))
                if ids and not dry_run:
                    model = fields[0].model()
                    model._default_manager.filter(pk__in=ids).update(
                        **{f.name: f.anonymised for f in fields})
                    _audit(model, outcome, ids)
            outcomes.append(outcome)
    return outcomes


#: States in which an application is closed (答复 given or archived): only then may its
#: applicant's data be erased on request; a case still being handled needs it.
CLOSED_STATES = ("replied", "archived")
#: The case's records holding the applicant's data, and the path from each to the case.
CASE_MODELS = {"applications.Application": "pk", "applications.Notice": "application",
               "applications.Delivery": "application"}


class ErasureRefusedError(Exception):
    """The request cannot be carried out; the message says why, in Chinese."""


@dataclass(frozen=True)
class Erasure:
    reference: str  # the application's 查询码 or the 找错's 受理编号
    counts: dict[str, int]


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ErasureRefusedError("请说明删除理由（至少4个字），例如：申请人依个人信息保护法"
                                  "第四十七条请求删除。")
    return reason


def _erase(record, case_models: dict[str, str], *, reason: str, actor) -> dict[str, int]:
    """Overwrite the registered fields of `record` and its related rows; one audit entry."""
    counts, labels = {}, []
    for model_label, path in case_models.items():
        fields = [f for f in REGISTRY if f.model_label == model_label]
        model = apps.get_model(model_label)
        rows = model._default_manager.filter(**{path: record.pk})
        counts[model_label] = rows.update(**{f.name: f.anonymised for f in fields})
        labels += [f"{model._meta.verbose_name}·{model._meta.get_field(f.name).verbose_name}"
                   for f in fields]
    LogEntry.objects.log_create(
        record, force_log=True, action=LogEntry.Action.UPDATE, actor=actor,
        changes={"个人信息删除": ["", "、".join(labels)], "理由": ["", reason]},
        additional_data={"erasure": counts})
    return counts


def erase_case(tracking_number: str, *, reason: str, actor=None) -> Erasure:
    """Erase one closed case's applicant data now, whatever its retention (个人信息保护法
    第四十七条, a justified request): every registered field of the application, its notices
    and deliveries is overwritten with its anonymised value; states, dates, outcomes and fees
    stay, so the statistics are unchanged. One insert-only audit entry records who, why and
    which fields (never the values)."""
    reason = _check_reason(reason)
    application_model = apps.get_model("applications.Application")
    with transaction.atomic():
        app = (application_model._default_manager.select_for_update()
               .filter(tracking_number=(tracking_number or "").strip()).first())
        if app is None:
            raise ErasureRefusedError(f"没有查询码为“{tracking_number}”的申请。")
        if app.state not in CLOSED_STATES:
            raise ErasureRefusedError(
                f"申请 {app.tracking_number} 尚在办理中（{app.get_state_display()}），办理需要"
                "申请人信息，不能删除；请在答复或归档后再办理删除请求。")
        counts = _erase(app, CASE_MODELS, reason=reason, actor=actor)
    return Erasure(app.tracking_number, counts)


def erase_error_report(reference: str, *, reason: str, actor=None) -> Erasure:
    """The same for a 找错 report's contact (受理编号 ZC20261127-0012), once answered or closed."""
    reason = _check_reason(reason)
    model = apps.get_model("feedback.ErrorReport")
    reference = (reference or "").strip().upper()
    _prefix, _sep, number = reference.rpartition("-")
    with transaction.atomic():
        report = (model._default_manager.select_for_update().filter(pk=int(number)).first()
                  if number.isdigit() else None)
        if report is None or report.reference != reference:
            raise ErasureRefusedError(f"没有受理编号为“{reference}”的找错。")
        if report.status not in ("answered", "closed"):
            raise ErasureRefusedError(
                f"找错 {reference} 尚待答复，答复需要联系方式，不能删除；请在答复或关闭后再办理。")
        counts = _erase(report, {"feedback.ErrorReport": "pk"}, reason=reason, actor=actor)
    return Erasure(reference, counts)
