"""Attachments on the sign page: {% load sign_files %} {{ attachment|text_preview }}."""

from django import template

from disclosure.attachment_text import BROWSER_TYPES, text_preview

register = template.Library()


@register.filter
def attachment_text(attachment) -> str | None:
    """The readable text of an attachment (Word, Excel, OFD, PDF text layer)."""
    return text_preview(attachment.file, attachment.extension)


@register.filter
def opens_in_browser(attachment) -> bool:
    return attachment.extension.lower() in BROWSER_TYPES
