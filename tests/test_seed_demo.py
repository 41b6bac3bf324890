"""`manage.py seed_demo`: a complete, idempotent demo county whose printed logins work."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from demo.county import DEMO_PASSWORD, SUPERUSER_NAME
from disclosure.models import Attachment, Category, DisclosureItem
from townships.models import TOWNSHIP_ROLES, County, Membership, Office, Role, Township, User

Status = DisclosureItem.Status


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (County, Township, Office, User, Membership, Category, DisclosureItem,
                      Attachment)
    } | {"published": DisclosureItem.objects.filter(status=Status.PUBLISHED).count()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed twice, once for the module; keep what both runs printed and counted."""
    test_settings = override_settings(
        DEBUG=True,  # pytest-django runs tests with DEBUG off, where seed_demo refuses
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with test_settings, django_db_blocker.unblock():
        # Everything the module seeds is rolled back at the end, whatever the apps add.
        outer = transaction.atomic()
        outer.__enter__()
        try:
            first_output = _seed()
            first = _counts()
            second_output = _seed()
            second = _counts()
            yield {"first": first, "second": second, "output": first_output + second_output}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
def test_second_run_creates_nothing_when_seeded_twice(seeded):
    assert seeded["first"] == seeded["second"]


@pytest.mark.django_db
def test_county_has_townships_and_items_when_seeded(seeded):
    counts = seeded["second"]
    assert counts["Township"] >= 4
    assert counts["DisclosureItem"] >= 300
    assert 0 < counts["published"] < counts["DisclosureItem"]  # some drafts remain
    assert Township.objects.annotate(n=Count("items")).filter(n__lt=60).count() == 0


@pytest.mark.django_db
def test_every_leaf_category_has_items_when_seeded(seeded):
    empty_leaves = Category.objects.filter(
        township__isnull=False, children__isnull=True, items__isnull=True
    )
    assert list(empty_leaves.values_list("township__slug", "code")) == []


@pytest.mark.django_db
def test_every_township_role_has_a_demo_user_when_seeded(seeded):
    for township in Township.objects.all():
        roles = set(Membership.objects.filter(township=township).values_list("role", flat=True))
        assert roles == {r.value for r in TOWNSHIP_ROLES}, township.slug
    county_roles = set(Membership.objects.filter(county__isnull=False)
                       .values_list("role", flat=True))
    assert county_roles == {Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN}
    assert User.objects.get(username=SUPERUSER_NAME).is_superuser
    assert not User.objects.filter(is_staff=False).exists()
    assert not User.objects.filter(memberships__isnull=True).exists()


@pytest.mark.django_db
def test_published_items_have_unique_index_numbers_when_seeded(seeded):
    published = DisclosureItem.objects.filter(status=Status.PUBLISHED)
    numbers = list(published.values_list("index_no", flat=True))
    assert None not in numbers
    assert len(numbers) == len(set(numbers))
    for item in published.select_related("township").iterator():
        assert item.index_no.startswith(item.township.org_code + "/")
        assert item.index_no[19:23] == str(item.published_on.year)
        assert item.written_on <= item.published_on
        assert item.publish_problems() == []


@pytest.mark.django_db
def test_every_printed_login_works_when_seeded(seeded, client):
    output = seeded["output"]
    assert DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000/admin/" in output
    for user in User.objects.all():
        assert user.username in output
        response = client.post(reverse("admin:login"), {
            "username": user.username, "password": DEMO_PASSWORD, "next": "/admin/"})
        assert response.status_code == 302, user.username
        client.logout()


@pytest.mark.django_db
def test_demo_password_satisfies_the_password_policy_for_every_account(seeded):
    from django.contrib.auth.password_validation import validate_password

    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user)  # raises if the policy refuses it


@pytest.mark.django_db
def test_county_home_lists_townships_when_seeded(seeded, client):
    response = client.get(reverse("disclosure:county_home"))
    assert response.status_code == 200
    page = response.content.decode()
    for township in Township.objects.all():
        assert township.full_name in page
        assert township.get_absolute_url() in page


@pytest.mark.django_db
def test_demo_text_holds_no_id_or_phone_numbers_when_seeded(seeded):
    import re

    from disclosure.pii import html_to_text

    personal = re.compile(r"\d{17}[\dX]|(?<!\d)1[3-9]\d{9}(?!\d)")
    for title, summary, body in DisclosureItem.objects.values_list("title", "summary", "body"):
        # What a reader sees: the text, not the hashed names of stored pictures in src="…"
        # (a random digest can hold 11 digits that look like a mobile number).
        assert not personal.search(" ".join([title, summary, html_to_text(body)])), title


def test_demo_has_a_table_and_a_picture_pasted_from_word_in_every_township(seeded):
    from disclosure.models import DisclosureItem

    pasted = DisclosureItem.objects.published().filter(title__contains="春耕生产补贴发放情况公示")
    assert pasted.count() >= 4
    for item in pasted:
        assert "<table>" in item.body
        assert "<img" in item.body
        assert "mso" not in item.body
        assert "text-indent" not in item.body
        assert "<th><p>户主</p></th>" in item.body  # the header row, without Word's <b>


def test_every_demo_interpretation_names_the_document_it_interprets(seeded):
    readings = DisclosureItem.objects.filter(category__code="zcwj-zcjd")
    assert readings.count() >= Township.objects.count()
    assert not readings.filter(document_links__isnull=True).exists()
    named = DisclosureItem.objects.filter(interpretation_links__isnull=False).distinct()
    assert set(named.values_list("doc_type", flat=True)) == {DisclosureItem.DocType.NORMATIVE}
    print(f"\ndemo: {readings.count()} interpretations name "  # noqa: T201
          f"{named.count()} normative documents")


@pytest.mark.django_db
def test_demo_interpretations_come_out_with_their_documents(seeded):
    # The county's default rule: a 政策解读 is published the same day as its document, so the
    # oversight dashboard does not flag every demo township for late interpretations.
    from oversight.checks import Context, get
    county = Township.objects.first().county
    result = get("readings").summarize(Context(county))
    assert sum(row["documents"] for row in result.values()) >= Township.objects.count()
    assert {row["late"] for row in result.values()} == {0}
