from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = "访问量"
    default_auto_field = "django.db.models.BigAutoField"
