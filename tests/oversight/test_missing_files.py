"""Attachment files missing from storage, found by the scheduled check (not on page load)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from disclosure.models import Attachment
from oversight import filecheck
from oversight.checks import get
from oversight.models import FileCheckRun
from tests.factories import make_item, make_township

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def town():
    return make_township()


def attach(item, name="renwu.pdf", title="任务分解表"):
    return Attachment.objects.create(item=item, title=title, file=ContentFile(PDF, name=name))


def test_missing_file_is_found_and_present_ones_are_not(town):
    item = make_item(township=town, published=True)
    kept = attach(item)
    lost = attach(item, name="fangan.pdf", title="实施方案")
    default_storage.delete(lost.file.name)
    run = filecheck.check_files()
    assert (run.files_checked, run.files_missing) == (2, 1)
    assert snapshot(town)["files"] == {"count": 1}
    [row] = findings(get("files"), town).rows
    assert (row.title, row.cells["path"]) == ("实施方案", lost.file.name)
    assert row.url == f"/admin/disclosure/disclosureitem/{item.pk}/change/"
    assert kept.file.name != lost.file.name


def test_rows_sharing_one_stored_file_are_checked_once(town):
    first = attach(make_item(township=town, published=True))
    for _n in range(3):
        Attachment.objects.create(item=make_item(township=town, published=True),
                                  title="同一文件", file=first.file.name)
    run = filecheck.check_files()
    assert (run.files_checked, run.files_missing) == (1, 0)


def test_drafts_are_not_checked_and_result_waits_for_the_command(town):
    draft_file = attach(make_item(township=town))
    default_storage.delete(draft_file.file.name)
    assert snapshot(town)["files"] == {"count": None}  # never checked yet
    call_command("check_attachment_files", verbosity=0)
    assert snapshot(town)["files"] == {"count": 0}


def test_dashboard_does_not_touch_storage(town, client, auditor, monkeypatch):
    attach(make_item(township=town, published=True))
    snapshot(town)
    storage = default_storage._wrapped if default_storage.location else None  # set up the lazy
    monkeypatch.setattr(storage, "exists", lambda name: pytest.fail("storage read"))
    client.force_login(auditor)
    assert client.get(reverse("admin:oversight_dashboard")).status_code == 200


def test_only_the_latest_runs_are_kept(town):
    for _n in range(filecheck.KEEP_RUNS + 2):
        filecheck.check_files()
    assert FileCheckRun.objects.count() == filecheck.KEEP_RUNS
