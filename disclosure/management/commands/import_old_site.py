"""Move items in from a township's old site: a spreadsheet, saved pages, a .zip or a folder.

    manage.py import_old_site items.xlsx --township qingshi --category zcwj-bjwj --dry-run
    manage.py import_old_site pages/ --township qingshi --category zcwj-bjwj --user someone

Rows land as drafts (索引号 and dates kept) for the sign-off chain; 原网址 become 301s.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from disclosure import oldsite
from disclosure.models import Category
from townships.models import Township, User


class Command(BaseCommand):
    help = "从旧网站迁移政府信息（.xlsx 表格、保存的 .html 网页、.zip 或文件夹），导入为草稿。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--township", required=True, help="乡镇网址标识，如 qingshi")
        parser.add_argument("--category", default="",
                            help="表格或网页没有目录时使用的目录（代码或名称）")
        parser.add_argument("--user", default="", help="记为创建人的用户名")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出逐行结果")

    def handle(self, *args, **options):
        township = Township.objects.filter(slug=options["township"]).first()
        if township is None:
            raise CommandError(f"未找到乡镇“{options['township']}”。")
        category = self._category(township, options["category"])
        user = self._user(options["user"])
        path = Path(options["path"])
        try:
            if path.is_dir():
                rows = oldsite.read_folder(path)
            elif path.is_file():
                rows = oldsite.read_source(path.name, path.read_bytes())
            else:
                raise CommandError(f"文件不存在：{path}")
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self._run(rows, township, category, user, options)

    def _run(self, rows, township, category, user, options):
        results = oldsite.check_rows(rows, township, default_category=category)
        if not options["dry_run"]:
            oldsite.import_rows(results, user=user)
        counts = oldsite.summary(results)
        if options["json"]:
            self.stdout.write(json.dumps({**counts, "rows": [
                {"source": r.source, "title": r.title, "index_no": r.index_no,
                 "errors": r.errors, "warnings": r.warnings, "item": r.item_id,
                 "old_path": r.redirect} for r in results]}, ensure_ascii=False, indent=2))
            return
        for r in results:
            if r.errors:
                self.stdout.write(f"{r.source}：{r.title or '（无标题）'} —— 不导入："
                                  + "；".join(r.errors))
        verb = "可导入" if options["dry_run"] else "已导入为草稿"
        self.stdout.write(f"共{counts['rows']}条：{verb}{counts['kept']}条，"
                          f"不导入{counts['refused']}条；附件{counts['attachments']}个，"
                          f"旧网址跳转{counts['redirects']}条。")

    @staticmethod
    def _category(township, value):
        if not value:
            return None
        qs = Category.objects.filter(township=township)
        category = qs.filter(code=value).first() or qs.filter(name=value).first()
        if category is None:
            raise CommandError(f"本乡镇没有目录“{value}”。")
        return category

    @staticmethod
    def _user(username):
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"未找到用户“{username}”。")
        return user
