"""Uploaded images are verified and re-encoded: EXIF, including GPS, never reaches storage."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from disclosure.images import MAX_PIXELS
from disclosure.models import Attachment, RichTextImage
from disclosure.models.images import validate_image
from tests.factories import make_item, make_member, make_township
from townships.models import Role

GPS_IFD = 0x8825


def photo_with_gps(fmt="JPEG", size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = 6  # orientation: rotate 90 degrees
    exif[GPS_IFD] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif.tobytes())
    return buffer.getvalue() + b"trailing bytes after the image"


def stored(field_file) -> Image.Image:
    field_file.open("rb")
    data = field_file.read()
    field_file.close()
    assert b"trailing bytes" not in data
    return Image.open(io.BytesIO(data))


def test_photo_fixture_really_carries_gps():
    image = Image.open(io.BytesIO(photo_with_gps()))
    assert image.getexif().get_ifd(GPS_IFD)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_attachment_image_is_stored_without_exif_and_upright(fmt):
    item = make_item(township=make_township())
    ext = "jpg" if fmt == "JPEG" else "png"
    attachment = Attachment.objects.create(
        item=item, title="现场照片", file=SimpleUploadedFile(f"现场.{ext}", photo_with_gps(fmt)))
    image = stored(attachment.file)
    assert not image.getexif()
    assert "exif" not in image.info
    assert image.size == (30, 40)  # the recorded orientation was applied
    assert attachment.size == attachment.file.size


@pytest.mark.django_db
def test_richtext_image_uploaded_in_admin_is_clean_and_usable_in_the_body():
    township = make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    client = Client()
    client.force_login(author)
    response = client.post(reverse("admin:disclosure_richtextimage_add"), {
        "township": township.pk, "alt": "村民代表在会议室举手表决",
        "file": SimpleUploadedFile("IMG_0001.jpg", photo_with_gps())})
    assert response.status_code == 302
    picture = RichTextImage.objects.get()
    assert picture.uploaded_by == author
    assert not stored(picture.file).getexif()
    item = make_item(township=township, body=f'<p><img src="{picture.url}" alt="表决"></p>')
    assert f'src="{picture.url}"' in item.body


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.gif", b"GIF89a", "JPG 或 PNG"),
    ("a.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "不是有效的图片"),
])
def test_bad_richtext_image_is_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_image(SimpleUploadedFile(name, content))
    assert message in " ".join(excinfo.value.messages)


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("disclosure.images.MAX_PIXELS", 100)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as excinfo:
        validate_image(SimpleUploadedFile("big.png", buffer.getvalue()))
    assert "图片尺寸过大" in excinfo.value.messages[0]
    assert MAX_PIXELS >= 10_000_000
