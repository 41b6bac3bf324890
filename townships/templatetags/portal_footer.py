"""{% site_footer as footer %}: the footer items for the page's township (or the county)."""

from django import template

from ..portal_identity import footer_items

register = template.Library()


@register.simple_tag(takes_context=True)
def site_footer(context):
    return footer_items(context.get("site_county"), context.get("township") or None)
