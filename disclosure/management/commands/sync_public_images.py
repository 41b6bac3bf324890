"""Rewrite the index of public rich-text images from the saved items and reports."""

from django.core.management.base import BaseCommand

from disclosure import image_uses


class Command(BaseCommand):
    help = "按已发布的信息和年报重建“公众可见的正文图片”索引（正常情况下发布、撤回时自动更新）。"

    def handle(self, *args, **options):
        rows = image_uses.rebuild()
        self.stdout.write(f"公众可见的正文图片使用记录：{rows} 条。")
