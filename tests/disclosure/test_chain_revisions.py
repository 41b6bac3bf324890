"""Revisions of published items go through the chain while the old text stays online."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disclosure import revising
from disclosure.models import DisclosureItem, ItemRevision
from disclosure.models.revisions import snapshot_item
from signoff import chain
from signoff.models import Review
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于春耕备耕的通知",
                      body="<p>第一段。</p>")
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    chain.publish(review, staff[Role.PUBLISHER])
    item.refresh_from_db()
    return township, staff, item


def revise(item, user, **changes):
    data = snapshot_item(item)
    data.update(changes)
    return revising.save_revision(item, user, data)


def test_first_publication_is_kept_as_revision_one(published):
    _township, _staff, item = published
    [first] = item.revisions.all()
    assert (first.number, first.status, first.title) == (1, "published", "关于春耕备耕的通知")


def test_public_sees_old_text_until_revision_is_published(published, client):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], title="关于春耕备耕工作的补充通知",
                      body="<p>第一段。</p><p>新增一段。</p>")
    review = chain.submit(revision, staff[Role.AUTHOR])
    assert review.content_type.model == "itemrevision"
    review = sign_all(review, staff)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "关于春耕备耕的通知" in page
    assert "补充通知" not in page
    chain.publish(review, staff[Role.PUBLISHER])
    item.refresh_from_db()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "关于春耕备耕工作的补充通知" in page
    assert "新增一段" in page
    numbers = list(item.revisions.values_list("number", "status"))
    assert numbers == [(1, "published"), (2, "published")]


def test_item_stays_published_with_same_index_no_while_revision_in_review(published):
    _township, staff, item = published
    index_no = item.index_no
    revision = revise(item, staff[Role.AUTHOR], title="新标题")
    chain.submit(revision, staff[Role.AUTHOR])
    item.refresh_from_db()
    assert (item.status, item.title, item.index_no) == ("published", "关于春耕备耕的通知", index_no)


def test_revision_cannot_be_edited_while_in_review(published):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], title="新标题")
    chain.submit(revision, staff[Role.AUTHOR])
    with pytest.raises(ValidationError, match="审核中"):
        revise(item, staff[Role.AUTHOR], title="再改一次")


def test_editing_again_updates_the_open_draft_revision(published):
    _township, staff, item = published
    first = revise(item, staff[Role.AUTHOR], title="新标题")
    second = revise(item, staff[Role.AUTHOR], title="更新的标题")
    assert first.pk == second.pk
    assert ItemRevision.objects.filter(item=item).count() == 2


def test_revision_importance_selects_its_chain(published):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], importance="critical")
    review = chain.submit(revision, staff[Role.AUTHOR])
    assert len(review.steps) == 4


def test_withdrawing_cancels_an_open_revision(published):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], title="新标题")
    review = chain.submit(revision, staff[Role.AUTHOR])
    chain.withdraw(item, staff[Role.PUBLISHER], reason="政策已调整")
    revision.refresh_from_db()
    review.refresh_from_db()
    item.refresh_from_db()
    assert item.status == DisclosureItem.Status.WITHDRAWN
    assert (revision.status, review.state) == ("discarded", Review.State.CANCELLED)


def test_author_can_discard_a_draft_revision(published):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], title="新标题")
    with pytest.raises(PermissionDenied):
        revising.discard_revision(item, staff[Role.OFFICE_HEAD])
    revising.discard_revision(item, staff[Role.AUTHOR])
    revision.refresh_from_db()
    assert revision.status == "discarded"
    assert revising.open_revision(item) is None


def test_revision_in_review_cannot_be_discarded(published):
    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], title="新标题")
    chain.submit(revision, staff[Role.AUTHOR])
    with pytest.raises(ValidationError, match="审核中"):
        revising.discard_revision(item, staff[Role.AUTHOR])


def _attach(item, name, text):
    from django.core.files.base import ContentFile

    from disclosure.models import Attachment

    attachment = Attachment(item=item, title=name)
    attachment.file.save(f"{name}.txt", ContentFile(text.encode()), save=False)
    attachment.save()
    return attachment


def test_revision_replaces_an_attachment_holding_personal_data(published, client):
    from django.core.files.base import ContentFile

    from disclosure.models import RevisionAttachment

    _township, staff, item = published
    leaked = _attach(item, "补助名单", "张某 330102199001011234\n")  # published before scanning
    revision = revise(item, staff[Role.AUTHOR], summary="更正附件")
    with pytest.raises(chain.PIIBlockedError):
        chain.submit(revision, staff[Role.AUTHOR])
    revision.data = {**revision.data, "removed_attachments": [leaked.pk]}
    revision.save()
    masked = RevisionAttachment(revision=revision, title="补助名单（已脱敏）")
    masked.file.save("名单.txt", ContentFile("张某 330102********1234\n".encode()), save=False)
    masked.save()
    revision = revising.save_revision(item, staff[Role.AUTHOR],
                                      {**revision.data, "keywords": "补助"})
    assert revision.data["removed_attachments"] == [leaked.pk]
    review = sign_all(chain.submit(revision, staff[Role.AUTHOR]), staff)
    assert [a.title for a in item.attachments.all()] == ["补助名单"]  # still online until publish
    chain.publish(review, staff[Role.PUBLISHER])
    assert [a.title for a in item.attachments.all()] == ["补助名单（已脱敏）"]
    first = item.revisions.get(number=1)
    revision.refresh_from_db()
    assert [a["title"] for a in revision.data["attachments"]] == ["补助名单（已脱敏）"]
    assert first.data["attachments"] == []  # published before the leaked file was added
    public = client.get(item.get_absolute_url()).content.decode()
    assert "补助名单（已脱敏）" in public


def test_revision_attachment_with_personal_data_blocks_submit(published):
    from django.core.files.base import ContentFile

    from disclosure.models import RevisionAttachment

    _township, staff, item = published
    revision = revise(item, staff[Role.AUTHOR], summary="新增附件")
    added = RevisionAttachment(revision=revision, title="联系表")
    added.file.save("联系表.txt", ContentFile("王某 13812345678".encode()), save=False)
    added.save()
    with pytest.raises(chain.PIIBlockedError) as info:
        chain.submit(revision, staff[Role.AUTHOR])
    assert info.value.findings[0][0] == "附件：联系表"
