from django import template

from ops import release

register = template.Library()


@register.simple_tag
def app_version() -> str:
    return release.version()


@register.simple_tag
def app_build_id() -> str:
    return release.build_id()
