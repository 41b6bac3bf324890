"""Backups to an S3-compatible bucket (moto stands in for the object store): the same files,
checksums and retention as a local directory, and a restore can fetch and verify them."""

from __future__ import annotations

import io

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto import mock_aws

from disclosure.models import Attachment
from ops import backups
from tests.factories import make_item, make_township

BUCKET = "county-backups"
S3_BACKUPS = {"BACKEND": "storages.backends.s3.S3Storage",
              "OPTIONS": {"bucket_name": BUCKET, "location": "daily", "region_name": "us-east-1",
                          "access_key": "test", "secret_key": "test", "default_acl": None}}


@pytest.fixture
def bucket(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "backups": S3_BACKUPS}
        yield client


@pytest.mark.django_db(transaction=True)
def test_backup_to_bucket_writes_dump_archive_and_manifest_that_verify(bucket):
    item = make_item(township=make_township(), published=True)
    Attachment.objects.create(item=item, file=SimpleUploadedFile("通知.pdf", b"%PDF-1.4 x"))
    out = io.StringIO()
    call_command("backup", stdout=out)
    assert "备份完成" in out.getvalue()
    keys = sorted(o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    name = backups.list_backups()[0]
    assert [k.removeprefix(f"daily/{name}/") for k in keys] == [
        "database.dump" if "postgres" in _engine() else "database.sqlite3",
        "manifest.json", "media.tar"]
    verify = io.StringIO()
    call_command("restore", "latest", "--verify-only", stdout=verify)
    assert "校验和一致" in verify.getvalue()


@pytest.mark.django_db(transaction=True)
def test_retention_applies_to_the_bucket(bucket):
    make_township()
    for _ in range(3):
        call_command("backup", "--keep", "2", stdout=io.StringIO())
    assert len(backups.list_backups()) == 2
    prefixes = {o["Key"].split("/")[1] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert prefixes == set(backups.list_backups())


def _engine() -> str:
    from django.db import connection

    return connection.vendor
