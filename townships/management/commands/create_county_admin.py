"""The first county administrator of a new installation (and the county, if there is none).

Interactive by default; with --noinput every value comes from options or the environment
(COUNTY_ADMIN_USERNAME, COUNTY_ADMIN_PASSWORD, …), for automated installs. The password is
never taken from the command line, where other users could read it in the process list.
"""

from __future__ import annotations

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from townships.models import County, Membership, Role, User

USER_FIELDS = [  # option, environment variable, prompt
    ("username", "COUNTY_ADMIN_USERNAME", "用户名"),
    ("full_name", "COUNTY_ADMIN_FULL_NAME", "姓名"),
    ("email", "COUNTY_ADMIN_EMAIL", "电子邮箱（可留空）"),
]
COUNTY_FIELDS = [
    ("name", "COUNTY_NAME", "县名称（如：清河县）"),
    ("full_name", "COUNTY_FULL_NAME", "人民政府全称（如：清河县人民政府）"),
    ("division_code", "COUNTY_DIVISION_CODE", "行政区划代码（6位）"),
    ("site_name", "COUNTY_SITE_NAME", "网站名称"),
    ("sponsor", "COUNTY_SPONSOR", "主办单位"),
]
OPTIONAL = {"email"}


class Command(BaseCommand):
    help = _("创建第一个县级管理员账号（尚无县时一并创建县）。")

    def add_arguments(self, parser):
        for option, env, prompt in USER_FIELDS:
            parser.add_argument(f"--{option.replace('_', '-')}", dest=option,
                                help=f"{_(prompt)}（{_('或环境变量')} {env}）")
        for option, env, prompt in COUNTY_FIELDS:
            parser.add_argument(f"--county-{option.replace('_', '-')}", dest=f"county_{option}",
                                help=f"{_(prompt)}（{_('或环境变量')} {env}）")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help=_("不提问：取值来自选项和环境变量，"
                                   "密码来自 COUNTY_ADMIN_PASSWORD"))

    def _value(self, options, key, env, prompt) -> str:
        value = options.get(key) or os.environ.get(env, "")
        if not value and options["interactive"]:
            value = input(f"{_(prompt)}: ").strip()
        if not value and key.removeprefix("county_") not in OPTIONAL:
            raise CommandError(_("缺少“%(field)s”：请用选项或环境变量 %(env)s 提供。")
                               % {"field": _(prompt), "env": env})
        return value

    def _password(self, options, user: User) -> str:
        if options["interactive"]:
            password = getpass.getpass(_("密码: "))
            if password != getpass.getpass(_("再次输入密码: ")):
                raise CommandError(_("两次输入的密码不一致。"))
        else:
            password = os.environ.get("COUNTY_ADMIN_PASSWORD", "")
        if not password:
            raise CommandError(_("缺少密码：请设置环境变量 COUNTY_ADMIN_PASSWORD。"))
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return password

    def _county(self, options) -> County:
        counties = list(County.objects.all()[:2])
        wanted = options.get("county_name") or os.environ.get("COUNTY_NAME", "")
        if wanted:
            found = County.objects.filter(name=wanted).first()
            if found is not None:
                return found
        elif len(counties) == 1:
            return counties[0]
        elif len(counties) > 1:
            raise CommandError(_("已有多个县，请用 --county-name 指定。"))
        values = {field: self._value(options, f"county_{field}", env, prompt)
                  for field, env, prompt in COUNTY_FIELDS}
        county = County(**values)
        try:
            county.full_clean()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        county.save()
        self.stdout.write(_("已创建县：%(name)s") % {"name": county.name})
        return county

    def handle(self, *args, **options):
        username = self._value(options, "username", *USER_FIELDS[0][1:])
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if Membership.objects.filter(user=existing, role=Role.COUNTY_ADMIN).exists():
                self.stdout.write(_("县级管理员 %(u)s 已存在，未作修改。") % {"u": username})
                return
            raise CommandError(_("用户名 %(u)s 已被其他账号使用。") % {"u": username})
        full_name = self._value(options, "full_name", *USER_FIELDS[1][1:])
        email = self._value(options, "email", *USER_FIELDS[2][1:])
        user = User(username=username, full_name=full_name, email=email, is_staff=True)
        password = self._password(options, user)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            county = self._county(options)
            user.set_password(password)
            user.save()
            Membership.objects.create(user=user, county=county, role=Role.COUNTY_ADMIN)
        self.stdout.write(_("已创建县级管理员 %(u)s（%(county)s）。"
                            "请登录 /admin/ 添加乡镇和工作人员。")
                          % {"u": username, "county": county.name})
