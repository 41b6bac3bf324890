"""The chain in the back office: queue, item page, moves, revisions and their comparison."""

import pytest
from django.urls import reverse

from disclosure import revising
from disclosure.models import DisclosureItem, ItemRevision
from signoff import chain
from signoff.models import Review, SignOff
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知")
    return township, staff, item


def action_url(item, action):
    return reverse("admin:disclosure_disclosureitem_chain", args=[item.pk, action])


def change_url(item):
    return reverse("admin:disclosure_disclosureitem_change", args=[item.pk])


def test_queue_shows_waiting_items_oldest_first_with_age(world, client):
    township, staff, item = world
    later = make_draft(township=township, author=staff[Role.AUTHOR], title="关于冬季供暖的通知")
    chain.submit(item, staff[Role.AUTHOR])
    chain.submit(later, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(reverse("admin:signoff_pendingreview_changelist")).content.decode()
    assert page.index("关于秋季防火的通知") < page.index("关于冬季供暖的通知")
    assert "科室负责人审核" in page
    client.force_login(staff[Role.INFO_LEADER])
    page = client.get(reverse("admin:signoff_pendingreview_changelist")).content.decode()
    assert "关于秋季防火的通知" not in page


def test_item_page_offers_only_moves_user_may_make(world, client):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(change_url(item)).content.decode()
    assert action_url(item, "approve") in page
    assert action_url(item, "publish") not in page
    assert "审签流程" in page
    assert "待处理" in page
    client.force_login(staff[Role.INFO_LEADER])
    page = client.get(change_url(item)).content.decode()
    assert action_url(item, "approve") not in page
    assert client.get(action_url(item, "approve")).status_code == 403


def test_submit_through_admin_shows_pii_findings_with_context(world, client):
    _township, staff, item = world
    item.body = "<p>联系人：赵某，电话13812345678。</p>"
    item.save()
    client.force_login(staff[Role.AUTHOR])
    response = client.post(action_url(item, "submit"), {"version": "", "comment": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "【13812345678】" in page
    assert "赵某" in page
    assert not Review.objects.exists()


def test_approve_through_admin_requires_attestation_then_signs(world, client):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(action_url(item, "approve")).content.decode()
    assert "保密审查" in page
    response = client.post(action_url(item, "approve"), {"version": review.version})
    assert "保密审查" in response.content.decode()
    response = client.post(action_url(item, "approve"),
                           {"version": review.version, "attest": "on", "comment": "同意"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.current_step == 1


def test_stale_form_is_refused_with_explanation(world, client):
    township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    second_head = make_member(township=township, role=Role.OFFICE_HEAD)
    old_version = review.version
    chain.approve(review, staff[Role.OFFICE_HEAD], attest_confidentiality=True)
    client.force_login(second_head)
    response = client.post(action_url(item, "approve"),
                           {"version": old_version, "attest": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "已过期" in page
    assert str(staff[Role.OFFICE_HEAD]) in page
    assert SignOff.objects.filter(action="approve").count() == 1


def test_publish_through_admin_puts_item_online(world, client):
    _township, staff, item = world
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    client.force_login(staff[Role.PUBLISHER])
    response = client.post(action_url(item, "publish"), {"version": review.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == DisclosureItem.Status.PUBLISHED
    assert client.get(item.get_absolute_url()).status_code == 200


def test_direct_publish_path_is_gone(world, client):
    _township, staff, item = world
    client.force_login(staff[Role.PUBLISHER])
    page = client.get(change_url(item)).content.decode()
    assert "/publish/" not in page
    assert client.get(action_url(item, "publish")).status_code == 403


def test_editing_published_item_creates_revision_and_keeps_public_text(world, client):
    _township, staff, item = world
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    client.force_login(staff[Role.AUTHOR])
    page = client.get(change_url(item))
    form = page.context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items()
            if name in form.fields}
    data.update({"title": "关于秋季防火工作的补充通知", "category": item.category_id,
                 "written_on": "2024-03-01", "published_on": item.published_on.isoformat(),
                 "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
                 "_continue": "1"})
    response = client.post(change_url(item), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.title == "关于秋季防火的通知"
    revision = ItemRevision.objects.get(item=item, number=2)
    assert revision.title == "关于秋季防火工作的补充通知"
    page = client.get(change_url(item)).content.decode()
    assert action_url(item, "submit") in page
    assert 'value="关于秋季防火工作的补充通知"' in page


def test_revision_comparison_marks_changes(world, client):
    _township, staff, item = world
    item.body = "<p>一、防火期自10月1日起。</p><p>二、严禁野外用火。</p>"
    item.save()
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    from disclosure.models.revisions import snapshot_item

    data = snapshot_item(item)
    data["body"] = "<p>一、防火期自10月15日起。</p><p>二、严禁野外用火。</p><p>三、新增条款。</p>"
    revising.save_revision(item, staff[Role.AUTHOR], data)
    client.force_login(staff[Role.OFFICE_HEAD])
    url = reverse("admin:disclosure_disclosureitem_revisions", args=[item.pk])
    page = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "<ins>5</ins>" in page
    assert "<ins>三、新增条款。</ins>" in page


def test_other_township_staff_get_404_on_chain_pages(world, client):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    outsider = make_staff(township=make_township(), roles=[Role.OFFICE_HEAD])[Role.OFFICE_HEAD]
    client.force_login(outsider)
    assert client.get(action_url(item, "approve")).status_code == 404
    url = reverse("admin:disclosure_disclosureitem_revisions", args=[item.pk])
    assert client.get(url).status_code == 404


def test_chain_templates_are_listed_for_township_admin(world, client):
    township, _staff, _item = world
    admin_user = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    client.force_login(admin_user)
    page = client.get(reverse("admin:signoff_chaintemplate_changelist")).content.decode()
    assert "科室负责人审核 → 分管领导把关 → 信息分管领导签发 → 主要领导签发 → 党政办发布" in page


def test_item_in_chain_cannot_be_deleted_in_admin(world, client):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.AUTHOR])
    url = reverse("admin:disclosure_disclosureitem_delete", args=[item.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:disclosure_disclosureitem_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert DisclosureItem.objects.filter(pk=item.pk).exists()


def test_item_in_review_shows_read_only_form_without_save(world, client):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.AUTHOR])
    page = client.get(change_url(item)).content.decode()
    assert 'name="title"' not in page
    assert 'name="_save"' not in page


def test_township_admin_adds_a_step_to_a_chain(world, client):
    from signoff.models import ChainTemplate

    township, staff, item = world
    admin_user = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    chain.ensure_default_chains(township)
    template = ChainTemplate.objects.get(township=township, importance="normal")
    steps = list(template.steps.order_by("order"))
    data = {"steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "2", "steps-MIN_NUM_FORMS": "1",
            "steps-MAX_NUM_FORMS": "1000"}
    for n, step in enumerate(steps):
        data.update({f"steps-{n}-id": step.pk, f"steps-{n}-template": template.pk,
                     f"steps-{n}-order": step.order, f"steps-{n}-role": step.role,
                     f"steps-{n}-label": step.label})
    data.update({"steps-2-template": template.pk, "steps-2-order": 3,
                 "steps-2-role": Role.PRINCIPAL, "steps-2-label": "镇长签发"})
    client.force_login(admin_user)
    url = reverse("admin:signoff_chaintemplate_change", args=[template.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    review = chain.submit(item, staff[Role.AUTHOR])
    assert [s["label"] for s in review.steps] == ["科室负责人审核", "信息分管领导签发", "镇长签发"]


def test_other_roles_cannot_change_chains(world, client):
    from signoff.models import ChainTemplate

    township, staff, _item = world
    chain.ensure_default_chains(township)
    template = ChainTemplate.objects.get(township=township, importance="normal")
    client.force_login(staff[Role.PUBLISHER])
    url = reverse("admin:signoff_chaintemplate_change", args=[template.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_author_marks_attachment_for_removal_and_uploads_replacement(world, client):
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosure.models import Attachment
    from disclosure.models.revisions import snapshot_item

    _township, staff, item = world
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    old = Attachment(item=item, title="旧名单")
    old.file.save("旧名单.txt", ContentFile("名单".encode()), save=False)
    old.save()
    revision = revising.save_revision(item, staff[Role.AUTHOR], snapshot_item(item))
    client.force_login(staff[Role.AUTHOR])
    assert "修订稿附件" in client.get(change_url(item)).content.decode()
    url = reverse("admin:disclosure_itemrevision_change", args=[revision.pk])
    upload = SimpleUploadedFile("新名单.txt", "脱敏后的名单".encode())
    response = client.post(url, {
        "note": "替换附件", "removed_attachments": [old.pk],
        "new_attachments-TOTAL_FORMS": "1", "new_attachments-INITIAL_FORMS": "0",
        "new_attachments-0-file": upload, "new_attachments-0-title": "新名单",
        "new_attachments-0-order": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    revision.refresh_from_db()
    assert revision.data["removed_attachments"] == [old.pk]
    assert [a.title for a in revision.new_attachments.all()] == ["新名单"]
    url = reverse("admin:disclosure_disclosureitem_revisions", args=[item.pk])
    page = client.get(url).content.decode()
    assert "<ins>新名单</ins>" in page  # version 1 had no attachment; version 2 brings one
