from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from . import generations, hooks, redis_cache

        hooks.load()
        if generations.bump_everything_on_recovery not in redis_cache.on_recovery:
            redis_cache.on_recovery.append(generations.bump_everything_on_recovery)
