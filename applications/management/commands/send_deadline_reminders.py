"""Run daily: email handling staff about applications due soon or overdue, then run the
daily reminders other apps declare on their AppConfig (`daily_reminders`: dotted paths of
functions `(today) -> result with emails, failed, no_address, webhooks, webhook_failed`),
e.g. overdue rectification notices (oversight). This app imports none of them."""

import datetime

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.module_loading import import_string

from applications.models import Application
from applications.reminders import send_reminders
from townships.calendar import CalendarMissing


class Command(BaseCommand):
    help = "向承办人员发送依申请公开答复期限提醒（5个工作日内到期或已超期）。建议每日定时执行。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天。")

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        try:
            run = send_reminders(today)
        except CalendarMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已发送提醒邮件 {run.sent} 封。")
        if run.webhooks or run.webhook_failed:
            self.stdout.write(f"已发到工作群 {run.webhooks} 条。")
        if run.no_address:
            self.stderr.write(f"{run.no_address} 名承办人员没有邮箱，未能提醒"
                              "（已列在乡镇管理员的工作台）。")
        provisional = Application.objects.running().filter(due_provisional=True).count()
        if provisional:
            self.stdout.write(f"其中答复期限为暂定的申请 {provisional} 件"
                              "（所在年度节假日安排尚未录入，按法定节假日推算）。")
        problems = self._other_apps(today)
        if run.failed:
            problems.append(f"发送失败 {run.failed} 封")
        if run.webhook_failed:
            problems.append(f"工作群发送失败 {run.webhook_failed} 条")
        if problems:
            # Non-zero exit: the timer's unit shows failed, the journal has the reason.
            raise CommandError("；".join(problems) + "。已记入“通知失败记录”，见管理后台工作台。")

    def _other_apps(self, today) -> list[str]:
        problems = []
        for config in apps.get_app_configs():
            for path in getattr(config, "daily_reminders", ()):
                extra = import_string(path)(today)
                self.stdout.write(f"{config.verbose_name}：已发送提醒邮件 {extra.emails} 封，"
                                  f"工作群 {extra.webhooks} 条。")
                if extra.no_address:
                    self.stderr.write(f"{config.verbose_name}：{extra.no_address} 人没有邮箱，"
                                      "未能提醒（已列在工作台）。")
                if extra.failed or extra.webhook_failed:
                    problems.append(f"{config.verbose_name}提醒未送达 "
                                    f"{extra.failed + extra.webhook_failed} 条")
        return problems
