"""The county portal's identity: banner, emblem, 承办单位 and the inspection marks.

PORTAL.md: every page carries the 党政机关网站标识 (an image and certificate link issued by
the 编办), the 公安备案 badge, 网站标识码 and ICP备案号. The county uploads and enters these
in the admin; the site never draws a look-alike, and shows nothing for a mark that is not
configured (`County.missing_portal_marks()` lists what the admin still has to enter).
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sample_marks import is_sample
from .site_images import EXTENSIONS, validate_site_image

#: The 编办's certificate pages (e.g. https://bszs.conac.cn/sitename?method=show&id=…).
GOV_MARK_HOST_SUFFIX = "conac.cn"


def validate_gov_mark_url(value: str) -> None:
    parts = urlsplit(value or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not (
        host == GOV_MARK_HOST_SUFFIX or host.endswith("." + GOV_MARK_HOST_SUFFIX)
    ):
        raise ValidationError(
            _("请填写编办发放的标识证书页面地址（conac.cn 域名下），如："
              "https://bszs.conac.cn/sitename?method=show&id=……"), code="gov_mark_host")


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def _image_field(verbose_name, help_text):
    return models.ImageField(
        verbose_name, upload_to="site/", blank=True, help_text=help_text,
        validators=[FileExtensionValidator(EXTENSIONS), validate_site_image],
    )


class PortalIdentityFields(models.Model):
    emblem_image = _image_field(
        _("徽标图片"),
        _("显示在网站名称左侧的徽标（如国徽或本县标志），PNG/JPG/GIF/WebP，不超过2 MB。"))
    emblem_alt = models.CharField(_("徽标替代文本"), max_length=60, blank=True,
                                  help_text=_("读屏软件朗读的文字，如：国徽。上传徽标时必填。"))
    banner_image = _image_field(
        _("横幅图片"), _("含网站名称的横幅图片；上传后代替文字网站名称显示。"))
    banner_alt = models.CharField(_("横幅替代文本"), max_length=120, blank=True,
                                  help_text=_("一般填写网站名称。上传横幅时必填。"))
    organizer = models.CharField(_("承办单位"), max_length=80, blank=True,
                                 help_text=_("负责网站日常运行维护的单位。"))
    organizer_phone = models.CharField(_("承办单位联系电话"), max_length=40, blank=True)
    organizer_address = models.CharField(_("承办单位地址"), max_length=120, blank=True)
    police_badge_image = _image_field(
        _("公安备案图标"), _("公安机关备案完成后取得的备案图标。"))
    gov_mark_image = _image_field(
        _("党政机关网站标识图片"),
        _("机构编制部门核发的党政机关网站标识图片，须与证书链接一同填写。"))
    gov_mark_url = HttpsURLField(
        _("党政机关网站标识证书链接"), max_length=300, blank=True,
        validators=[validate_gov_mark_url],
        help_text=_("点击标识打开的证书页面地址，由机构编制部门提供。"))

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.emblem_image and not self.emblem_alt.strip():
            errors["emblem_alt"] = _("上传徽标图片时须填写替代文本。")
        if self.banner_image and not self.banner_alt.strip():
            errors["banner_alt"] = _("上传横幅图片时须填写替代文本。")
        if bool(self.gov_mark_image) != bool(self.gov_mark_url):
            errors["gov_mark_url" if self.gov_mark_image else "gov_mark_image"] = _(
                "党政机关网站标识的图片和证书链接须同时填写，否则页脚不显示标识。")
        if errors:
            raise ValidationError(errors)

    @property
    def shows_gov_mark(self) -> bool:
        return bool(self.gov_mark_image and self.gov_mark_url)

    @cached_property
    def gov_mark_is_sample(self) -> bool:
        """The 党政机关网站标识 configured is the demo's 样例 picture, not the 编办's."""
        return is_sample(self.gov_mark_image, "gov_mark_image")

    @cached_property
    def emblem_is_sample(self) -> bool:
        return is_sample(self.emblem_image, "emblem_image")

    def sample_marks(self) -> list[str]:
        """The portal images that are still the demo's samples."""
        samples = []
        if self.gov_mark_is_sample:
            samples.append(str(_("党政机关网站标识（当前为演示样例，须换成机构编制部门核发的标识）")))
        if self.emblem_is_sample:
            samples.append(str(_("徽标图片（当前为演示占位图）")))
        return samples

    def missing_portal_marks(self) -> list[str]:
        """The footer items an inspection looks for that are not configured yet."""
        missing = []
        checks = [
            (self.site_id_code, _("网站标识码")),
            (self.icp_record, _("ICP备案号")),
            (self.police_record and self.police_record_code, _("公安备案号及其编码")),
            (self.police_badge_image, _("公安备案图标")),
            (self.shows_gov_mark, _("党政机关网站标识（图片和证书链接）")),
            (self.organizer, _("承办单位")),
            (self.phone, _("主办单位联系电话")),
        ]
        for present, label in checks:
            if not present:
                missing.append(str(label))
        return missing + self.sample_marks()

    # -- URLs of the uploaded images (served by townships.views.site_image) -----------

    def _image_url(self, kind: str) -> str:
        from hashlib import sha256

        from django.urls import reverse

        image = getattr(self, SITE_IMAGE_FIELDS[kind])
        if not image:
            return ""
        version = sha256(image.name.encode()).hexdigest()[:10]
        return f"{reverse('townships:site_image', args=[kind])}?v={version}"

    @property
    def emblem_image_url(self) -> str:
        return self._image_url("emblem")

    @property
    def banner_image_url(self) -> str:
        return self._image_url("banner")

    @property
    def police_badge_image_url(self) -> str:
        return self._image_url("police-badge")

    @property
    def gov_mark_image_url(self) -> str:
        return self._image_url("gov-mark")


#: URL name of each image -> its field.
SITE_IMAGE_FIELDS = {
    "emblem": "emblem_image",
    "banner": "banner_image",
    "police-badge": "police_badge_image",
    "gov-mark": "gov_mark_image",
}


def footer_items(county, township=None) -> dict:
    """What the footer shows: the township's own entries where it has them, else the county's.

    Images (badge, 党政机关网站标识) are the portal's, so they always come from the county.
    """
    def pick(name):
        own = getattr(township, name, "") if township is not None else ""
        return own or (getattr(county, name, "") if county is not None else "")

    in_township = township is not None
    return {
        "sponsor": pick("sponsor"),
        "phone": pick("phone"),
        "address": (township.address or "") if in_township else getattr(county, "address", ""),
        "organizer": getattr(county, "organizer", ""),
        "organizer_phone": getattr(county, "organizer_phone", ""),
        "organizer_address": getattr(county, "organizer_address", ""),
        "site_id_code": pick("site_id_code"),
        "icp_record": pick("icp_record"),
        "police_record": pick("police_record"),
        "police_record_code": pick("police_record_code"),
        "police_badge_url": getattr(county, "police_badge_image_url", "") if county else "",
        "gov_mark_url": getattr(county, "gov_mark_url", "") if county else "",
        "gov_mark_image_url": (county.gov_mark_image_url
                               if county is not None and county.shows_gov_mark else ""),
        "gov_mark_is_sample": bool(county is not None and county.shows_gov_mark
                                   and county.gov_mark_is_sample),
    }
