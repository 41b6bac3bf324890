"""Attachment downloads: Django checks permission first, then streams the file, hands it to
nginx (X-Accel-Redirect) or redirects to a signed URL of the private bucket."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws

from disclosure.models import Attachment, DisclosureItem
from tests.factories import make_item, make_township

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _download_url(attachment) -> str:
    item = attachment.item
    return reverse("disclosure:attachment_download",
                   args=[item.township.slug, item.pk, attachment.pk])


@pytest.fixture
def published(db):
    item = make_item(township=make_township(), published=True)
    return Attachment.objects.create(item=item, title="资金明细",
                                     file=SimpleUploadedFile("x.pdf", PDF))


@pytest.fixture
def draft(db):
    item = make_item(township=make_township())
    return Attachment.objects.create(item=item, file=SimpleUploadedFile("x.pdf", PDF))


def test_without_nginx_django_streams_the_file_with_its_chinese_name(client, published):
    response = client.get(_download_url(published))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E8%B5%84%E9%87%91%E6%98%8E%E7%BB%86.pdf")


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(client, settings, published):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    response = client.get(_download_url(published))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{published.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_unpublished_and_withdrawn_attachments_are_never_handed_to_nginx(client, settings, draft,
                                                                         published):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    assert client.get(_download_url(draft)).status_code == 404
    DisclosureItem.objects.filter(pk=published.item_id).update(
        status=DisclosureItem.Status.WITHDRAWN)
    response = client.get(_download_url(published))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_missing_stored_file_is_404_not_500(client, settings, published):
    published.file.storage.delete(published.file.name)
    assert client.get(_download_url(published)).status_code == 404
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    assert client.get(_download_url(published)).status_code == 404


@pytest.mark.django_db
def test_media_in_a_private_bucket_is_a_short_lived_signed_redirect(client, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="media")
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "media", "region_name": "us-east-1", "default_acl": None,
                        "querystring_auth": True, "querystring_expire": 60,
                        "signature_version": "s3v4"}}}
        item = make_item(township=make_township(), published=True)
        attachment = Attachment.objects.create(item=item, title="名单",
                                               file=SimpleUploadedFile("x.pdf", PDF))
        response = client.get(_download_url(attachment))
        draft = make_item(township=item.township)
        hidden = Attachment.objects.create(item=draft, file=SimpleUploadedFile("y.pdf", PDF))
        assert client.get(_download_url(hidden)).status_code == 404
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["response-content-disposition"][0].startswith("attachment; filename*=utf-8''")
    assert query["response-content-type"] == ["application/pdf"]
