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
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet

from .personal_data import RETENTIONS, PersonalField, Retention, by_model


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
