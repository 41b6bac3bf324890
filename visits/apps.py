from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = "访问量"
    default_auto_field = "django.db.models.BigAutoField"
    #: Each cached copy of a page gets a fresh one-use token (pagecache/hooks.py).
    page_cache_copy_hooks = ("visits.page_copies",)

    def ready(self):
        """Apps that own pages declare `visit_key_checks` ({key prefix: dotted path of
        "is this page public now?"}) on their AppConfig; visits imports none of them."""
        from django.apps import apps
        from django.utils.module_loading import import_string

        from .rules import register_key_check

        for config in apps.get_app_configs():
            for prefix, path in getattr(config, "visit_key_checks", {}).items():
                register_key_check(prefix, import_string(path))
