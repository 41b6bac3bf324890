"""`manage.py backup`: snapshot the database and media into BACKUP_DIR or the backup bucket."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops import backups
from ops.database import BackupError


class Command(BaseCommand):
    help = _("备份整个数据库和全部上传文件（含清单：各表行数、每个文件的校验和），"
             "并按保留份数清理旧备份。")

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=int, default=settings.BACKUP_KEEP,
                            help=_("保留最近几份完整备份（默认 BACKUP_KEEP）"))
        parser.add_argument("--no-prune", action="store_true", help=_("不清理旧备份"))
        parser.add_argument("--dir", help=_("写入此本地目录，而不是配置的备份位置"))
        parser.add_argument("--list", action="store_true", help=_("只列出已有的完整备份"))

    def handle(self, *args, **options):
        storage = FileSystemStorage(location=options["dir"]) if options["dir"] else None
        if options["list"]:
            for name in backups.list_backups(storage):
                self.stdout.write(name)
            return
        try:
            manifest = backups.create_backup(storage=storage)
        except (BackupError, OSError) as exc:
            raise CommandError(_("备份失败：%(error)s") % {"error": exc}) from exc
        self.stdout.write(_(
            "备份完成：%(name)s（%(tables)d 张表 %(rows)d 行，%(files)d 个文件，"
            "用时 %(seconds)s 秒）"
        ) % {"name": manifest["name"], "tables": len(manifest["tables"]),
             "rows": sum(manifest["tables"].values()),
             "files": len(manifest["media"]["files"]), "seconds": manifest["seconds"]})
        if not options["no_prune"]:
            for name in backups.prune(storage, keep=options["keep"]):
                self.stdout.write(_("已删除旧备份：%(name)s") % {"name": name})
