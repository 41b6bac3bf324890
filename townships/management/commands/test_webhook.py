"""Post a test message to a township's group robot (企业微信 / 钉钉): `manage.py test_webhook
SLUG`, or `--all` for every township with a robot set. Exits non-zero when any post failed."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from townships import messaging
from townships.models import Township


class Command(BaseCommand):
    help = "向乡镇的企业微信/钉钉工作群机器人发送一条测试消息。"

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="乡镇网址标识（乡镇设置里的“网址标识”）")
        parser.add_argument("--all", action="store_true", help="所有设置了机器人的乡镇")

    def handle(self, *args, slug=None, all=False, **options):
        if all:
            townships = list(Township.objects.exclude(webhook_url="").exclude(webhook_kind=""))
        elif slug:
            township = Township.objects.filter(slug=slug).first()
            if township is None:
                raise CommandError(f"没有网址标识为“{slug}”的乡镇。")
            if not (township.webhook_kind and township.webhook_url):
                raise CommandError(f"{township.name}没有设置群机器人（乡镇设置“工作群通知”）。")
            townships = [township]
        else:
            raise CommandError("请给出乡镇网址标识，或用 --all。")
        failed = 0
        for township in townships:
            text = (f"【测试】{township.name}政务公开平台工作群通知测试，"
                    f"{timezone.localtime():%Y-%m-%d %H:%M}。收到即表示设置正确。")
            if messaging.post_webhook(township, text, kind="test", subject="工作群通知测试"):
                self.stdout.write(f"{township.name}：已发送。")
            else:
                failed += 1
                error = township.notification_failures.order_by("-id").first()
                self.stderr.write(f"{township.name}：发送失败：{error.error if error else ''}")
        if failed:
            raise CommandError(f"{failed} 个乡镇发送失败，已记入“通知失败记录”。")
        if not townships:
            self.stdout.write("没有设置群机器人的乡镇。")
