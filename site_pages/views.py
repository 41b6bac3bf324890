"""The 关怀版 and 纯文本 switches and two static public pages: 无障碍声明 and 无障碍工具条帮助."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .care import CARE_COOKIE, CARE_MAX_AGE, TEXT_COOKIE

SHORTCUTS = [
    ("Alt + Shift + A", _("打开或关闭无障碍工具条")),
    ("Alt + Shift + =", _("放大文字")),
    ("Alt + Shift + -", _("缩小文字")),
    ("Alt + Shift + C", _("切换配色")),
    ("Alt + Shift + M", _("大鼠标开关")),
    ("Alt + Shift + X", _("十字线开关")),
    ("Alt + Shift + D", _("显示屏开关")),
    ("Alt + Shift + S", _("声音开关")),
    ("Alt + Shift + R", _("连读主要内容")),
    ("Alt + Shift + P", _("指读开关")),
    ("Alt + Shift + 0", _("重置所有设置")),
    ("Esc", _("停止朗读（朗读时）")),
]


def _safe_next(request) -> str:
    """A path on this site (never another host, never a view name to reverse)."""
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if (not target.startswith("/") or target.startswith(("//", "/\\")) or "\x00" in target
            or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure())):
        return "/"
    return iri_to_uri(target)


def _mode_switch(cookie: str, on: bool):
    """A view that turns a display mode (a cookie read on the server) on or off and goes
    back to the page it was chosen on."""

    @require_http_methods(["GET", "POST"])
    def switch(request):
        response = HttpResponseRedirect(_safe_next(request))
        if on:
            response.set_cookie(cookie, "1", max_age=CARE_MAX_AGE, samesite="Lax",
                                secure=request.is_secure(), httponly=True)
        else:
            response.delete_cookie(cookie, samesite="Lax")
        return response

    return switch


care_on, care_off = _mode_switch(CARE_COOKIE, True), _mode_switch(CARE_COOKIE, False)
# 纯文本: the same pages without pictures or colour layout (a cookie, like 关怀版).
text_on, text_off = _mode_switch(TEXT_COOKIE, True), _mode_switch(TEXT_COOKIE, False)


def accessibility_statement(request):
    return render(request, "site_pages/accessibility_statement.html")


def toolbar_help(request):
    return render(request, "site_pages/toolbar_help.html", {"shortcuts": SHORTCUTS})
