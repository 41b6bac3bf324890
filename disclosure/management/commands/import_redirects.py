"""Old-site addresses -> items, from a mapping (.xlsx or .csv: 原网址 and 索引号, 新网址 or 信息号).

    manage.py import_redirects mapping.csv --township qingshi [--dry-run]
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from disclosure import oldsite
from townships.models import Township


class Command(BaseCommand):
    help = "导入旧网址对照表（原网址 → 本乡镇的信息），旧网址以 301 跳转到新页面。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--township", required=True, help="乡镇网址标识，如 qingshi")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")

    def handle(self, *args, **options):
        townships = Township.objects.filter(slug=options["township"])
        if not townships.exists():
            raise CommandError(f"未找到乡镇“{options['township']}”。")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            rows = oldsite.read_redirect_mapping(path.name, path.read_bytes())
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        checked = oldsite.check_redirects(rows, townships)
        saved = 0 if options["dry_run"] else oldsite.save_redirects(checked)
        for row in checked:
            if row.errors:
                self.stdout.write(f"{row.source}：{row.old_path} —— " + "；".join(row.errors))
        ok = sum(1 for r in checked if not r.errors)
        self.stdout.write(f"共{len(checked)}条：" + (f"可导入{ok}条" if options["dry_run"]
                                                    else f"已导入{saved}条")
                          + f"，不导入{len(checked) - ok}条。")
