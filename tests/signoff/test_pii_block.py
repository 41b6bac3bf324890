"""Personal data blocks submission and publication unless a reason is recorded."""

import pytest

from disclosure.models import Attachment
from signoff import chain
from signoff.models import SignOff
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    township = make_township()
    return township, make_staff(township=township)


def test_submit_is_blocked_when_body_has_unmasked_mobile(world):
    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR],
                      body="<p>联系人：王某，13812345678</p>")
    with pytest.raises(chain.PIIBlockedError) as info:
        chain.submit(item, staff[Role.AUTHOR])
    [source] = info.value.findings
    assert (source.label, source.field) == ("正文", "body")
    assert source.findings[0].match == "13812345678"
    item.refresh_from_db()
    assert item.status == "draft"
    assert not SignOff.objects.exists()


def test_submit_passes_when_numbers_are_masked(world):
    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR],
                      body="<p>王某，138****5678，330102********1234</p>")
    assert chain.submit(item, staff[Role.AUTHOR]).state == "in_review"


def test_submit_is_blocked_when_attachment_has_id_number(world, settings):
    from django.core.files.base import ContentFile

    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    attachment = Attachment(item=item, title="名单")
    attachment.file.save("名单.txt", ContentFile("张某 330102199001011234\n".encode()),
                         save=False)
    attachment.save()
    with pytest.raises(chain.PIIBlockedError) as info:
        chain.submit(item, staff[Role.AUTHOR])
    assert info.value.findings[0][0] == "附件：名单"


def test_publish_is_blocked_until_publisher_gives_reason(world):
    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR],
                      body="<p>村级便民服务热线13812345678</p>")
    review = chain.submit(item, staff[Role.AUTHOR], pii_reason="该号码为村委会公开服务热线")
    review = sign_all(review, staff)
    with pytest.raises(chain.PIIBlockedError):
        chain.publish(review, staff[Role.PUBLISHER])
    chain.publish(review, staff[Role.PUBLISHER], pii_reason="公开服务热线，经核实可以公开")
    log = SignOff.objects.get(action="publish")
    assert log.pii_override_reason == "公开服务热线，经核实可以公开"
    assert log.pii_findings == 1
    assert SignOff.objects.get(action="submit").pii_override_reason == "该号码为村委会公开服务热线"


def test_reviewers_see_findings_and_authors_reason_on_item_page(world, client):
    from django.urls import reverse

    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR],
                      body="<p>村级便民服务热线13812345678</p>")
    chain.submit(item, staff[Role.AUTHOR], pii_reason="该号码为村委会公开服务热线")
    client.force_login(staff[Role.OFFICE_HEAD])
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    page = client.get(url).content.decode()
    assert "【13812345678】" in page
    assert "该号码为村委会公开服务热线" in page
