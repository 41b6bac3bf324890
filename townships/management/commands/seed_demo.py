"""Build (or refresh) the fictional demo county. Safe to run again: it is idempotent."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "创建演示数据：一个虚构的县、若干乡镇、各角色演示账号、目录和公开信息。"

    def handle(self, *args, **options):
        from auditlog.context import disable_auditlog

        from townships.demo_data import build_county

        # Loading the fictional demo is not a staff change: it is not audited.
        with transaction.atomic(), disable_auditlog():
            ctx = build_county(self.stdout)
            for config in apps.get_app_configs():
                if config.name == "townships":
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.seed(ctx)
        for line in ctx.notes:
            self.stdout.write(line)
