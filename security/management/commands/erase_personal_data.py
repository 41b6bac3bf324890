"""`manage.py erase_personal_data (--application <查询码> | --error-report <受理编号>)
--reason <理由> [--actor <账号>]`: erase one closed case's applicant data (or one answered
找错's contact) on a justified request (个人信息保护法 第四十七条), whatever its retention
period (security/retention.py, erase_case / erase_error_report)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security.retention import ErasureRefusedError, erase_case, erase_error_report


class Command(BaseCommand):
    help = "依请求删除一件已办结申请或已答复找错的个人信息（记入审计日志，不记内容）。"

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--application", help="申请的查询码。")
        which.add_argument("--error-report", help="找错的受理编号（如 ZC20261127-0012）。")
        parser.add_argument("--reason", required=True,
                            help="删除理由，记入审计日志（例如：申请人来函请求删除）。")
        parser.add_argument("--actor", help="办理删除的工作人员账号（记入审计日志）。")

    def handle(self, *args, application=None, error_report=None, reason, actor=None,
               **options):
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"没有账号“{actor}”。")
        try:
            if application:
                erasure = erase_case(application, reason=reason, actor=user)
            else:
                erasure = erase_error_report(error_report, reason=reason, actor=user)
        except ErasureRefusedError as exc:
            raise CommandError(str(exc)) from None
        rows = "，".join(f"{label} {n} 条" for label, n in erasure.counts.items())
        self.stdout.write(f"{erasure.reference} 的个人信息已删除（{rows}），"
                          "已记入审计日志。")
