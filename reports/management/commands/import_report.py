"""Import a legacy annual report (.txt or .docx) as a draft, or show what would be imported."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports import import_draft, importer
from reports import schemas as s
from townships.models import Township


class Command(BaseCommand):
    help = "导入旧年度报告（纯文本或 .docx）为草稿；--dry-run 只显示识别结果，不写入。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--township", help="乡镇网址标识（slug），留空则按标题识别")
        parser.add_argument("--year", type=int, help="报告年度，留空则按标题识别")
        parser.add_argument("--dry-run", action="store_true", help="只识别，不写入数据库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")

    @staticmethod
    def _township(slug):
        if not slug:
            return None
        township = Township.objects.filter(slug=slug).first()
        if township is None:
            raise CommandError(f"没有网址标识为“{slug}”的乡镇。")
        return township

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        township = self._township(options.get("township"))
        try:
            with path.open("rb") as handle:
                result = importer.parse_file(handle, path.name, year=options.get("year"),
                                             township=township.name if township else "")
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{result.title}（{result.township}，{result.year}年，"
                              f"{len(result.sections)}个部分，未归类{len(result.unplaced)}项，"
                              f"待核对{len(result.notes)}项）")
            cells = len(s.cell_paths(result.schema)) if result.schema else 0
            if cells:
                self.stdout.write(f"统计表单元格：读出{cells - len(result.unread)}/{cells}，"
                                  f"未读出的已逐格列入待核对事项。")
        if options["dry_run"]:
            return
        if township is None:
            township = Township.objects.filter(name=result.township).first()
        if township is None:
            raise CommandError(f"未找到乡镇“{result.township}”，请用 --township 指定。")
        try:
            report = import_draft.create_draft(result, township)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        if not options["json"]:
            self.stdout.write(f"已创建草稿：{report.pk}")
