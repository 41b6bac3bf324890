"""`manage.py grant_runtime [ROLE]`: give the runtime database role exactly what the web
processes need (docs/DEPLOY.md, "两个数据库角色"). Run by the owner role (the one that runs
`migrate` and `restore`) after every migrate and restore; deploy/release.sh does.

The runtime role owns nothing, so it cannot ALTER a table, DISABLE TRIGGER or TRUNCATE
(TRUNCATE is never granted). It may SELECT, INSERT, UPDATE, DELETE the application's
tables and use their sequences, except the two logs: on the audit log
(auditlog_logentry) and the sign-off log (signoff_signoff) it may only SELECT and INSERT
(plus UPDATE of auditlog_logentry.actor_id, which Django sets to NULL when a staff account
is deleted; the log's trigger refuses any other change). PostgreSQL only.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

LOGS = ("auditlog_logentry", "signoff_signoff")


def grant_statements(role: str, tables: list[str], schema: str = "public") -> list[str]:
    q = connections["default"].ops.quote_name
    r = q(role)
    statements = [
        f"GRANT USAGE ON SCHEMA {q(schema)} TO {r}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {q(schema)} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {q(schema)} FROM {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q(schema)} TO {r}",
    ]
    for table in tables:
        if table in LOGS:
            statements.append(f"GRANT SELECT, INSERT ON {q(table)} TO {r}")
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {q(table)} TO {r}")
    if "auditlog_logentry" in tables:
        statements.append(f"GRANT UPDATE (actor_id) ON {q('auditlog_logentry')} TO {r}")
    return statements


class Command(BaseCommand):
    help = _("给运行时数据库角色授予网站所需的最小权限（不含两张日志表的修改和删除、"
             "不含 TRUNCATE）；每次迁移和恢复后由所有者角色运行。")

    def add_arguments(self, parser):
        parser.add_argument("role", nargs="?", default=os.environ.get("DATABASE_RUNTIME_ROLE", ""),
                            help=_("运行时角色名（默认取环境变量 DATABASE_RUNTIME_ROLE）"))

    def handle(self, *args, role="", **options):
        connection = connections["default"]
        if connection.vendor != "postgresql":
            self.stdout.write(_("只有 PostgreSQL 需要授权，已跳过。"))
            return
        if not role:
            raise CommandError(_("请给出运行时角色名，或设置 DATABASE_RUNTIME_ROLE。"))
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(_("数据库角色 %(role)s 不存在，请先按 docs/DEPLOY.md 创建。")
                                   % {"role": role})
            cursor.execute("SELECT current_user")
            if cursor.fetchone()[0] == role:
                raise CommandError(_("请用所有者角色运行本命令，而不是运行时角色本身。"))
            tables = sorted(connection.introspection.table_names(cursor))
            for statement in grant_statements(role, tables):
                cursor.execute(statement)
        self.stdout.write(_("已为角色 %(role)s 授权 %(n)d 张表；两张日志表只能读取和追加。")
                          % {"role": role, "n": len(tables)})
