"""`manage.py bump_page_cache`: make every cached public page stale (the release step runs it
after migrating; `restore` does the same itself). Exit 0 with a warning when Redis is down:
every process that saw the outage bumps all counters itself when Redis is back."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from pagecache import generations
from pagecache.redis_cache import CacheUnavailableError


class Command(BaseCommand):
    help = _("使所有已缓存的公开页面失效（递增全部页面缓存计数器）；发布和恢复步骤会运行它。")

    def handle(self, *args, **options):
        try:
            names = generations.bump_every_counter()
        except CacheUnavailableError:
            self.stderr.write(_("警告：Redis 不可用，页面缓存计数器未能递增；"
                                "Redis 恢复后各进程会自行递增全部计数器。"))
            return
        self.stdout.write(_("已递增 %(n)d 个页面缓存计数器，所有缓存页面已失效。")
                          % {"n": len(names)})
