"""`manage.py restore NAME|latest`: bring a backup back into an empty database and media root."""

from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ops import backups
from ops.database import BackupError
from pagecache import generations
from pagecache.redis_cache import CacheUnavailableError

EMPTY_HINT = gettext_lazy(
    "恢复只写入空数据库和空的上传文件目录，以免覆盖现有数据。请先新建空数据库"
    "（PostgreSQL：dropdb 后 createdb；SQLite：移走数据库文件），"
    "并清空 MEDIA_ROOT，见 docs/DEPLOY.md。"
)


class Command(BaseCommand):
    help = _("把一份备份恢复到空数据库和空的上传文件目录，并逐表核对行数、逐个文件核对校验和。")

    def add_arguments(self, parser):
        parser.add_argument("name", help=_("备份名称，或 latest 表示最近一份"))
        parser.add_argument("--dir", help=_("从此本地目录读取备份，而不是配置的备份位置"))
        parser.add_argument("--verify-only", action="store_true",
                            help=_("只下载并核对备份文件的校验和，不恢复"))

    def handle(self, *args, **options):
        storage = FileSystemStorage(location=options["dir"]) if options["dir"] else None
        try:
            report = backups.restore_backup(options["name"], storage=storage,
                                            verify_only=options["verify_only"])
        except BackupError as exc:
            hint = EMPTY_HINT if "不是空的" in str(exc) else ""
            raise CommandError(_("恢复失败：%(error)s。%(hint)s") % {"error": exc, "hint": hint}) \
                from exc
        if options["verify_only"]:
            self.stdout.write(_("备份 %(name)s 的文件完整，校验和一致。") % {"name": report.name})
            return
        for problem in report.problems:
            self.stderr.write(problem)
        summary = _(
            "已恢复 %(name)s：核对 %(tables)d 张表共 %(rows)d 行、%(files)d 个文件，"
            "用时 %(seconds)s 秒。"
        ) % {"name": report.name, "tables": report.tables, "rows": report.rows,
             "files": report.files, "seconds": report.seconds}
        if report.problems:
            raise CommandError(summary + _("发现 %(n)d 处不一致。") % {"n": len(report.problems)})
        self.stdout.write(summary + _("全部一致。"))
        self.stdout.write(self._reset_caches())

    def _reset_caches(self) -> str:
        """What else a restore resets: every cached page (the counters, in Redis, outlive
        the database) and the search index, which is a table restored with the rest."""
        index = _("检索索引是数据库中的表，已随备份一同恢复，无需重建。")
        try:
            names = generations.bump_every_counter()
        except CacheUnavailableError:
            return _("警告：Redis 不可用，页面缓存未能清除；Redis 恢复后会自动清除。") + index
        return _("已递增 %(n)d 个页面缓存计数器，恢复前缓存的页面不会再被使用。") % {
            "n": len(names)} + index
