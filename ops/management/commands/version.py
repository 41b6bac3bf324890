"""Print the running release: `manage.py version` → `0.2.0 (a1b2c3d)`; --json for scripts."""

import json

from django.core.management.base import BaseCommand

from ops import release


class Command(BaseCommand):
    help = "Print the version (pyproject.toml) and build id of this installation."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print {version, build} as JSON")

    def handle(self, *args, **options):
        if options["json"]:
            info = {"version": release.version(), "build": release.build_id()}
            self.stdout.write(json.dumps(info))
        else:
            self.stdout.write(release.describe())
