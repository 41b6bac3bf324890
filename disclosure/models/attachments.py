"""Attachments of disclosure items, shown with their type and size."""

import contextlib
import uuid

from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.images import replace_with_clean_copy
from disclosure.uploads import FILE_TYPES, extension_of, validate_upload


def attachment_path(instance, filename: str) -> str:
    ext = extension_of(filename)
    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class UploadedFileMixin:
    """Name, type and size of an uploaded `file`, shared by every attachment model.

    The model declares `file`, `title`, `original_name`, `extension` and, optionally, `size`.
    """

    def save(self, *args, **kwargs):
        upload = self.file
        if upload and not self.original_name:
            self.original_name = upload.name.rsplit("/", 1)[-1][:200]
        if upload:
            self.extension = extension_of(self.original_name or upload.name)
            replace_with_clean_copy(upload, self.extension)  # images lose EXIF/GPS
            if hasattr(self, "size"):
                with contextlib.suppress(OSError, ValueError):
                    self.size = upload.size
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.original_name.rsplit(".", 1)[0] if self.original_name else ""

    @property
    def type_label(self) -> str:
        file_type = FILE_TYPES.get(self.extension)
        return file_type.label if file_type else self.extension.upper()

    @property
    def size_label(self) -> str:
        return filesizeformat(getattr(self, "size", 0))


class Attachment(UploadedFileMixin, models.Model):
    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                             related_name="attachments", verbose_name=_("所属信息"))
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200,
                            validators=[validate_upload])
    title = models.CharField(_("附件名称"), max_length=200, blank=True,
                             help_text=_("留空则使用上传的文件名。"))
    original_name = models.CharField(_("原文件名"), max_length=200, editable=False)
    extension = models.CharField(_("类型"), max_length=10, editable=False)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.display_title
