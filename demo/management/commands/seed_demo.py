"""Build (or refresh) the fictional demo county. Safe to run again: it is idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "创建演示数据：一个虚构的县、若干乡镇、各角色演示账号、目录和公开信息。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true",
            help=_("DEBUG 关闭时也载入演示数据（只用于演示服务器，切勿用于正式网站）"),
        )

    def handle(self, *args, **options):
        from auditlog.context import disable_auditlog

        from demo.seeding import build_demo

        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(_(
                "拒绝载入演示数据：DEBUG 已关闭，这是生产环境。演示数据会创建虚构的县、乡镇和信息，"
                "以及一批密码公开写在说明文档里的管理账号，任何人都能用它们登录后台。"
                "正式网站请用 create_county_admin 创建第一个县级管理员（见 docs/DEPLOY.md）；"
                "如果这台服务器确实只用于演示，请加 --allow-production 重新运行。"
            ))

        # Loading the fictional demo is not a staff change: it is not audited.
        with transaction.atomic(), disable_auditlog():
            ctx = build_demo(self.stdout)
        for line in ctx.notes:
            self.stdout.write(line)
