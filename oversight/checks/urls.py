"""Links from findings to their records: back-office change pages and public pages."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def admin_change(model, pk) -> str:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def public(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def item_public(slug: str, pk: int) -> str:
    return public("disclosure:item_detail", slug, pk)
