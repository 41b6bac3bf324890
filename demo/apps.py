from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo county (`manage.py seed_demo`). Installed where DEMO_APP is on:
    `make run` and the tests; production settings leave it out unless asked."""

    name = "demo"
    verbose_name = "演示数据"
