"""Images for rich text: the only images the body of an item or report may show.

Staff upload an image here (verified and re-encoded, EXIF/GPS stripped) and use its
address in the editor's image dialog. The sanitiser (disclosure/richtext.py) drops every
other image address, so no page loads a remote image that could track visitors or cause
mixed content.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from disclosure.images import check_image, replace_with_clean_copy
from disclosure.uploads import extension_of, validate_upload

RICHTEXT_DIR = "richtext"


def image_path(instance, filename: str) -> str:
    return f"{RICHTEXT_DIR}/{instance.township.slug}/{uuid.uuid4().hex}.{extension_of(filename)}"


def validate_image(upload) -> None:
    if extension_of(upload.name) not in {"jpg", "jpeg", "png"}:
        from django.core.exceptions import ValidationError

        raise ValidationError(_("正文图片只能是 JPG 或 PNG 格式。"), code="image_type")
    validate_upload(upload)
    check_image(upload)


class RichTextImage(models.Model):
    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="richtext_images", verbose_name=_("乡镇"))
    file = models.FileField(_("图片"), upload_to=image_path, max_length=200,
                            validators=[validate_image],
                            help_text=_("JPG 或 PNG。上传后自动去除拍摄地点等隐藏信息。"))
    alt = models.CharField(_("图片说明（替代文本）"), max_length=200,
                           help_text=_("说明图片内容，供读屏软件朗读，例如：村民代表在会议室举手表决。"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, editable=False, related_name="+",
                                    verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("正文图片")
        verbose_name_plural = _("正文图片")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.alt

    def save(self, *args, **kwargs):
        if self.file:
            replace_with_clean_copy(self.file, extension_of(self.file.name))
        super().save(*args, **kwargs)

    @property
    def url(self) -> str:
        """The platform address (MEDIA_URL + name), the only image address rich text keeps
        (disclosure/richtext.py). Not `file.url`: on S3 storage that is a signed bucket URL
        that expires within a minute; /media/ checks permission, then redirects to a fresh one."""
        return f"{settings.MEDIA_URL}{self.file.name}" if self.file else ""


class RichTextImageUse(models.Model):
    """A public page shows this image: while one such row exists, anyone may open it.

    Rows are rewritten whenever an item or a report is saved (disclosure/image_uses.py):
    one per image in the body of a published item or report, none for drafts, revisions
    in review or withdrawn items. An image used only by a draft therefore stays private.
    """

    image = models.ForeignKey(RichTextImage, on_delete=models.CASCADE, related_name="uses",
                              verbose_name=_("正文图片"))
    owner_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                   related_name="+")
    owner_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("正文图片的公开使用")
        verbose_name_plural = _("正文图片的公开使用")
        constraints = [
            models.UniqueConstraint(fields=["image", "owner_type", "owner_id"],
                                    name="richtext_image_use_unique"),
        ]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="image_use_owner")]

    def __str__(self) -> str:
        return f"{self.image_id} ← {self.owner_type_id}:{self.owner_id}"
