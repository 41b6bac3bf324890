"""预览: an item rendered with the public page's own template, before it is public.

Staff who may read the item (authors, reviewers, signers of its township; county roles)
see the draft, or the open revision of a published item, exactly as the public page will
show it: the metadata block, the body with its tables and pictures, the 落款 and the
attachments (linked through `/media/`, which their session may read). Nothing is counted
or cached, and a banner says it is a preview.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from . import interpretations, selectors
from .models.revisions import linked_ids
from .revising import open_revision
from .subjects import RevisionSubject


class ItemPreviewMixin:
    """Mixed into DisclosureItemAdmin (after the chain mixin, which provides get_object)."""

    def get_preview_urls(self):
        return [path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view),
                     name="disclosure_disclosureitem_preview")]

    def chain_preview_url(self, obj) -> str:
        return reverse("admin:disclosure_disclosureitem_preview", args=[obj.pk])

    def preview_view(self, request, object_id):
        item = self.get_object_for_preview(request, object_id)
        revision = open_revision(item)
        if revision is not None:
            shown, attachments = revision.as_item(), RevisionSubject(revision).attachments()
        else:
            shown, attachments = item, list(item.attachments.all())
        if shown.published_on is None:
            shown.published_on = timezone.localdate()  # what publishing today would show
        response = render(request, "disclosure/item_detail.html", {
            "township": item.township, "item": shown, "category": shown.category,
            "attachments": attachments, "related": selectors.related_items(item),
            # The links the version shown will publish, to documents the public can open.
            "documents": list(selectors.public_items().filter(pk__in=linked_ids(shown))),
            "interpretations": list(interpretations.public_interpretations(item)),
            "nav": "catalogue", "preview": True,
            "preview_back": reverse("admin:disclosure_disclosureitem_change", args=[item.pk]),
        })
        response["Cache-Control"] = "private, no-store"
        return response
