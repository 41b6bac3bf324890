from django.core.management.base import BaseCommand

from visits import store


class Command(BaseCommand):
    help = "把 Redis 中待写入的访问量写入数据库（配置了 Redis 时每分钟运行一次）。"

    def handle(self, *args, **options):
        moved = store.flush()
        if options["verbosity"]:
            self.stdout.write(f"flushed {moved} hits")
