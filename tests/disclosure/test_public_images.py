"""Rich-text images: public once a published page shows them, private otherwise."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from disclosure import image_uses, revising
from disclosure.models import RichTextImage, RichTextImageUse
from disclosure.models.revisions import snapshot_item
from signoff import chain
from tests.factories import crew, make_item, make_member, make_township, publish
from townships.models import Role

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def picture(township, alt="村民代表大会现场") -> RichTextImage:
    image = RichTextImage(township=township, alt=alt)
    image.file = SimpleUploadedFile("p.png", png())
    image.save()
    return image


def body_with(image) -> str:
    return f'<p>正文。</p><p><img src="{image.url}" alt="{image.alt}"></p>'


def anonymous(url: str) -> int:
    return Client().get(url).status_code


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_an_image_used_only_by_a_draft_answers_404_to_the_public_and_200_to_its_staff():
    township = make_township()
    image = picture(township)
    make_item(township=township, body=body_with(image))
    assert anonymous(image.url) == 404
    staff = Client()
    staff.force_login(make_member(township=township, role=Role.AUTHOR))
    assert staff.get(image.url).status_code == 200


def test_publishing_makes_the_image_public_and_withdrawing_makes_it_private_again():
    township = make_township()
    image = picture(township)
    item = make_item(township=township, body=body_with(image), published=True)
    assert anonymous(image.url) == 200
    chain.withdraw(item, crew(township)(Role.PUBLISHER), reason="信息有误，重新发布")
    assert anonymous(image.url) == 404


def test_an_image_stays_public_while_any_published_item_shows_it():
    township = make_township()
    image = picture(township)
    first = make_item(township=township, body=body_with(image), published=True)
    second = make_item(township=township, body=body_with(image), published=True)
    chain.withdraw(first, crew(township)(Role.PUBLISHER), reason="重复发布")
    assert anonymous(image.url) == 200
    chain.withdraw(second, crew(township)(Role.PUBLISHER), reason="已过期")
    assert anonymous(image.url) == 404


def test_an_image_added_by_an_open_revision_stays_private_until_the_revision_is_published():
    township = make_township()
    item = make_item(township=township, body="<p>第一版。</p>", published=True)
    image = picture(township)
    data = {**snapshot_item(item), "body": body_with(image)}
    revision = revising.save_revision(item, crew(township)(Role.AUTHOR), data)
    assert anonymous(image.url) == 404
    from demo.walkthrough import publish_through_chain

    publish_through_chain(revision, crew(township), author=crew(township)(Role.AUTHOR))
    assert anonymous(image.url) == 200


def test_images_of_a_published_annual_report_are_public():
    from tests.reports.factories import make_report, reconciling_tables

    township = make_township()
    image = picture(township, alt="公开栏照片")
    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         section_5=body_with(image))
    assert anonymous(image.url) == 404
    publish(report)
    assert anonymous(image.url) == 200


def test_public_images_go_out_through_nginx_like_attachments(settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    township = make_township()
    image = picture(township)
    make_item(township=township, body=body_with(image), published=True)
    response = Client().get(image.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{image.file.name}"


def test_other_media_stays_private_and_the_index_can_be_rebuilt():
    township = make_township()
    image = picture(township)
    item = make_item(township=township, body=body_with(image), published=True)
    attachment_url = "/media/attachments/2024/01/" + "0" * 32 + ".pdf"
    assert anonymous(attachment_url) == 404
    RichTextImageUse.objects.all().delete()
    assert anonymous(image.url) == 404
    assert image_uses.rebuild() == 1
    assert anonymous(image.url) == 200
    assert item.is_public


def test_sync_public_images_command_rebuilds_the_index():
    from django.core.management import call_command

    township = make_township()
    image = picture(township)
    make_item(township=township, body=body_with(image), published=True)
    RichTextImageUse.objects.all().delete()
    out = io.StringIO()
    call_command("sync_public_images", stdout=out)
    assert "1 条" in out.getvalue()
    assert anonymous(image.url) == 200
