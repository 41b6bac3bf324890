"""Data for the production-sequence test, written through the ORM straight into the database
the gunicorn instances share (run as a script with the production environment).

    python tests/production/prepare_site.py seed            -> JSON of URLs and checksums
    python tests/production/prepare_site.py publish SLUG [TITLE] -> JSON of the new item
    python tests/production/prepare_site.py withdraw ID     -> withdraw item ID (the 党政办)
    python tests/production/prepare_site.py member USER PASSWORD ROLE -> a township account
    python tests/production/prepare_site.py county NAME     -> rename the county's site
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.urls import reverse  # noqa: E402

from disclosure.models import Attachment, RichTextImage  # noqa: E402
from tests.factories import make_item, make_township, make_user  # noqa: E402
from townships.models import Township  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 40 + b"\ntrailer<<>>\n%%EOF\n"
ADMIN_PASSWORD = "Production-Test-Pass-2026"


def _download_url(item, attachment) -> str:
    return reverse("disclosure:attachment_download", args=[
        item.township.slug, item.pk, attachment.pk])


def _picture(township, colour) -> RichTextImage:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    image = RichTextImage(township=township, alt="现场照片")
    image.file = SimpleUploadedFile("p.png", buffer.getvalue())
    image.save()
    return image


def authenticator(user) -> str:
    """A confirmed TOTP device for the user (production requires a second factor of
    privileged accounts); returns its hex key so the tests can compute codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="测试", confirmed=True).key


def seed() -> dict:
    township = make_township()
    public_picture, draft_picture = _picture(township, (30, 90, 160)), _picture(township, (0, 0, 0))
    body = f'<p>正文。</p><p><img src="{public_picture.url}" alt="现场照片"></p>'
    published = make_item(township=township, published=True, title="关于生产环境验证的通知",
                          body=body)
    draft = make_item(township=township, title="尚未发布的草稿",
                      body=f'<p><img src="{draft_picture.url}" alt="现场照片"></p>')
    public_file = Attachment.objects.create(item=published, title="资金明细",
                                            file=SimpleUploadedFile("资金明细.pdf", PDF))
    draft_file = Attachment.objects.create(item=draft, file=SimpleUploadedFile("草稿.pdf", PDF))
    operator = make_user(username="operator", password=ADMIN_PASSWORD, superuser=True)
    return {
        "township_url": township.get_absolute_url(),
        "township_slug": township.slug,
        "item_url": published.get_absolute_url(),
        "item_id": published.pk,
        "index_no": published.index_no,
        "attachment_url": _download_url(published, public_file),
        "attachment_name": public_file.file.name,
        "attachment_sha256": hashlib.sha256(PDF).hexdigest(),
        "attachment_size": len(PDF),
        "draft_attachment_url": _download_url(draft, draft_file),
        "draft_attachment_name": draft_file.file.name,
        "image_url": public_picture.url,
        "image_name": public_picture.file.name,
        "image_sha256": hashlib.sha256(public_picture.file.open("rb").read()).hexdigest(),
        "draft_image_url": draft_picture.url,
        "admin_username": "operator",
        "admin_password": ADMIN_PASSWORD,
        "admin_otp_key": authenticator(operator),
    }


def publish(slug: str, title: str = "关于扩容验证的第二份通知") -> dict:
    township = Township.objects.get(slug=slug)
    item = make_item(township=township, published=True, title=title)
    return {"item_url": item.get_absolute_url(), "title": item.title, "index_no": item.index_no,
            "item_id": item.pk}


def withdraw(item_id: str) -> dict:
    from disclosure.models import DisclosureItem
    from signoff import chain
    from signoff.models import PUBLISH_ROLE
    from tests.factories import crew

    item = DisclosureItem.objects.get(pk=int(item_id))
    chain.withdraw(item, crew(item.township)(PUBLISH_ROLE), reason="信息有误，撤回核实。")
    return {"item_id": item.pk}


def member(username: str, password: str, role: str) -> dict:
    """A staff account of the seeded township holding `role` (e.g. the 党政办)."""
    from tests.factories import make_member

    township = Township.objects.order_by("pk").first()
    user = make_user(username=username, password=password)
    make_member(user=user, township=township, role=role)
    return {"username": username, "otp_key": authenticator(user)}


def county(name: str) -> dict:
    """The county's site name changed through the ORM, as the admin saves it."""
    from townships.models import County

    row = County.objects.order_by("id").first()
    before, row.site_name = row.site_name, name
    row.save()
    return {"before": before, "site_name": name}


if __name__ == "__main__":
    actions = {"seed": seed, "publish": publish, "withdraw": withdraw, "member": member,
               "county": county}
    result = actions[sys.argv[1]](*sys.argv[2:])
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
