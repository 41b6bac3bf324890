"""Media on S3-compatible storage (what provinces run: OSS, OBS, MinIO), against moto in server
mode — a real HTTP endpoint, as a multi-node county uses it: uploads land in the private bucket,
published attachments and public rich-text images are signed redirects that download byte for
byte, drafts are refused by Django and the bucket refuses unsigned reads, and `backup` /
`restore` (configured only by the documented environment variables) bring the whole bucket back
into an empty one."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from disclosure.models import Attachment
from tests.disclosure.test_public_images import body_with, picture
from tests.factories import make_item, make_township
from tests.ops.conftest import FIGURES
from tests.ops.fresh_db import fresh_database, row_counts_at, row_counts_here

moto_server = pytest.importorskip("moto.server")

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEDIA, BACKUPS, RESTORED = "county-media", "county-backups", "county-media-restored"
KEYS = {"AWS_ACCESS_KEY_ID": "township-test", "AWS_SECRET_ACCESS_KEY": "township-test-secret"}


@pytest.fixture(scope="module")
def endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                          aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"])
    for bucket in (MEDIA, BACKUPS, RESTORED):
        client.create_bucket(Bucket=bucket)
    yield url, client
    server.stop()


def _options(url: str, bucket: str, location: str) -> dict:
    # The same options config/settings.py builds from S3_* (S3_OPTIONS).
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "endpoint_url": url, "region_name": "us-east-1",
        "access_key": KEYS["AWS_ACCESS_KEY_ID"], "secret_key": KEYS["AWS_SECRET_ACCESS_KEY"],
        "addressing_style": "path", "signature_version": "s3v4", "default_acl": None,
        "querystring_auth": True, "querystring_expire": 60, "file_overwrite": False,
        "bucket_name": bucket, "location": location}}


@pytest.fixture
def s3(endpoint, settings):
    url, client = endpoint
    for bucket in (MEDIA, BACKUPS, RESTORED):  # each test starts with empty buckets
        for obj in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=obj["Key"])
    settings.STORAGES = {**settings.STORAGES, "default": _options(url, MEDIA, "media"),
                         "backups": _options(url, BACKUPS, "daily")}
    return url, client


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local moto
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _download(attachment) -> str:
    item = attachment.item
    return reverse("disclosure:attachment_download",
                   args=[item.township.slug, item.pk, attachment.pk])


def _bucket(client, bucket: str, prefix: str) -> dict[str, str]:
    out = {}
    for obj in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        body = client.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
        out[obj["Key"].removeprefix(prefix)] = hashlib.sha256(body).hexdigest()
    return out


@pytest.mark.django_db
def test_upload_public_download_and_refusals_over_http(s3):
    url, client = s3
    township = make_township()
    published = Attachment.objects.create(
        item=make_item(township=township, published=True), title="资金明细",
        file=SimpleUploadedFile("明细.pdf", PDF))
    draft = Attachment.objects.create(item=make_item(township=township),
                                      file=SimpleUploadedFile("草稿.pdf", PDF + b"draft"))
    stored = client.get_object(Bucket=MEDIA, Key=f"media/{published.file.name}")["Body"].read()
    assert stored == PDF  # the upload is in the bucket

    public = Client()
    response = public.get(_download(published))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{url}/{MEDIA}/media/")
    assert _get(response["Location"]) == (200, PDF)  # byte for byte through the signed URL

    assert public.get(_download(draft)).status_code == 404  # Django refuses the draft
    unsigned = f"{url}/{MEDIA}/media/{draft.file.name}"
    assert _get(unsigned)[0] == 403  # and the private bucket refuses a read without signature

    image = picture(township)
    draft_image = picture(township, alt="草稿里的图片")
    make_item(township=township, body=body_with(image), published=True)
    make_item(township=township, body=body_with(draft_image))
    assert image.url.startswith("/media/richtext/")  # the platform address, not a bucket URL
    shown = public.get(image.url)
    assert shown.status_code == 302
    status, body = _get(shown["Location"])
    assert status == 200
    assert body == client.get_object(Bucket=MEDIA, Key=f"media/{image.file.name}")["Body"].read()
    assert body.startswith(b"\x89PNG")
    assert public.get(draft_image.url).status_code == 404
    FIGURES.append("S3 (moto server mode): upload stored, published attachment 302 → 200 "
                   f"({len(PDF)} bytes equal), draft 404, unsigned bucket read 403, public image "
                   "302 → 200 PNG, draft image 404")


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_of_the_bucket_into_an_empty_one(s3, tmp_path):
    url, client = s3
    township = make_township()
    item = make_item(township=township, published=True)
    for n in range(3):
        Attachment.objects.create(item=item, file=SimpleUploadedFile(f"附件{n}.pdf", PDF * (n + 1)))
    image = picture(township)
    make_item(township=township, body=body_with(image), published=True)
    source = _bucket(client, MEDIA, "media/")
    assert len(source) == 4

    out = io.StringIO()
    call_command("backup", stdout=out)
    assert "备份完成" in out.getvalue()
    backup_keys = sorted(o["Key"].split("/", 2)[2]
                         for o in client.list_objects_v2(Bucket=BACKUPS)["Contents"])
    assert "manifest.json" in backup_keys
    assert "media.tar" in backup_keys
    live_rows = row_counts_here()

    env = {**os.environ, **KEYS, "DEBUG": "1", "REDIS_URL": "", "VISITS_REDIS_URL": "",
           "MEDIA_STORAGE": "s3", "S3_ENDPOINT_URL": url, "S3_REGION": "us-east-1",
           "S3_ACCESS_KEY_ID": KEYS["AWS_ACCESS_KEY_ID"],
           "S3_SECRET_ACCESS_KEY": KEYS["AWS_SECRET_ACCESS_KEY"], "S3_ADDRESSING_STYLE": "path",
           "S3_MEDIA_BUCKET": RESTORED, "S3_MEDIA_PREFIX": "media",
           "BACKUP_S3_BUCKET": BACKUPS, "BACKUP_S3_PREFIX": "daily"}
    with fresh_database(tmp_path, "s3restore") as database_url:
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", "latest"], cwd=ROOT,
            env={**env, "DATABASE_URL": database_url}, capture_output=True, text=True,
            check=False, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "全部一致" in result.stdout
        assert row_counts_at(database_url) == live_rows
    restored = _bucket(client, RESTORED, "media/")
    assert restored == source
    FIGURES.append(f"S3 bucket backup/restore (moto server mode): {len(source)} objects backed "
                   f"up to s3://{BACKUPS}/daily and restored into empty s3://{RESTORED}, "
                   f"every key and SHA-256 equal; {sum(live_rows.values())} rows equal")
