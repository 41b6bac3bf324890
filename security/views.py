"""Back-office pages of one's own account: the login history."""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import history


def my_logins(request):
    return render(request, "security/my_logins.html", {
        **admin.site.each_context(request),
        "title": _("我的登录记录"),
        "events": history.user_history(request.user.get_username(), limit=100),
    })
