"""/media/<name> (the back office's file links): only back-office users who may read the
row's township get the file; the public and other townships' staff get 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Attachment
from tests.factories import make_item, make_member, make_township
from townships.models import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft_file(db):
    township = make_township()
    item = make_item(township=township)
    attachment = Attachment.objects.create(item=item, file=SimpleUploadedFile("草稿.pdf", PDF))
    return attachment, f"/media/{attachment.file.name}"


def _read(response) -> bytes:
    return b"".join(response.streaming_content)


def test_public_visitor_gets_404(client, draft_file):
    assert client.get(draft_file[1]).status_code == 404


def test_author_of_the_township_reads_the_file_inline(client, draft_file):
    attachment, url = draft_file
    client.force_login(make_member(township=attachment.item.township, role=Role.AUTHOR))
    response = client.get(url)
    assert response.status_code == 200
    assert _read(response) == PDF
    assert response["Content-Disposition"].startswith("inline;")


def test_staff_of_another_township_gets_404(client, draft_file):
    client.force_login(make_member(township=make_township(), role=Role.PUBLISHER))
    assert client.get(draft_file[1]).status_code == 404


def test_county_auditor_reads_every_township(client, draft_file):
    client.force_login(make_member(role=Role.COUNTY_AUDITOR))
    assert client.get(draft_file[1]).status_code == 200


def test_behind_nginx_the_back_office_link_is_handed_over_too(client, settings, draft_file):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    attachment, url = draft_file
    client.force_login(make_member(township=attachment.item.township, role=Role.AUTHOR))
    assert client.get(url)["X-Accel-Redirect"] == f"/_protected_media/{attachment.file.name}"


@pytest.mark.parametrize("path", ["../settings.py", "attachments/../../etc/passwd",
                                  "attachments/none.pdf"])
def test_unknown_or_escaping_names_are_404(client, db, path):
    client.force_login(make_member(role=Role.COUNTY_ADMIN))
    assert client.get(f"/media/{path}").status_code == 404
