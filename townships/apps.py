from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TownshipsConfig(AppConfig):
    name = "townships"
    verbose_name = _("县与乡镇")
    #: Back-office users open the files of rows their township role may read (web/media.py).
    media_readers = ("townships.media.readable_file",)

    def ready(self):
        from . import calendar_desk, notification_desk, pages, portal_desk

        calendar_desk.register()
        portal_desk.register()
        notification_desk.register()
        pages.connect()
