"""`manage.py restore_drill [NAME|latest]`: the quarterly restore drill, without touching the
live site: the backup is restored into a scratch database and a scratch media directory,
compared table by table and file by file, then the scratch copy is dropped."""

from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from ops import drill
from ops.database import BackupError


class Command(BaseCommand):
    help = ("恢复演练：把备份恢复到临时数据库和临时目录并逐项核对，然后删除临时副本；"
            "不影响正在运行的网站。")

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", default="latest",
                            help="备份名称，默认 latest（最近一份）")
        parser.add_argument("--dir", help="从此本地目录读取备份，而不是配置的备份位置")
        parser.add_argument("--database", help=(
            "PostgreSQL：恢复到这个已建好的空库（保留，不删除）；"
            "默认新建 <库名>_restore_drill 并在结束后删除"))

    def handle(self, *args, name="latest", dir=None, database=None, **options):
        storage = FileSystemStorage(location=dir) if dir else None
        try:
            report = drill.run_drill(name, storage=storage, database=database)
        except BackupError as exc:
            raise CommandError(f"恢复演练失败：{exc}") from exc
        for problem in report.problems:
            self.stderr.write(problem)
        summary = (f"恢复演练 {report.name} → 临时数据库 {report.database}："
                   f"核对 {report.tables} 张表共 {report.rows} 行、{report.files} 个文件，"
                   f"用时 {report.seconds} 秒。")
        if report.problems:
            raise CommandError(summary + f"发现 {len(report.problems)} 处不一致。")
        self.stdout.write(summary + "全部一致。")
