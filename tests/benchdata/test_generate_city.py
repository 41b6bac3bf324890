"""The benchmark data generator: consistent rows, realistic proportions, refuses production."""

import pytest
from django.core.management import CommandError, call_command

from disclosure.models import Attachment, DisclosureItem, IndexSerial
from oversight import filecheck
from oversight.refresh import refresh
from signoff.models import Review, SignOff
from townships.models import County, Township

pytestmark = pytest.mark.django_db


def generate(settings, **options):
    settings.DEBUG = True
    call_command("generate_city", townships=2, items_per_township=120, verbosity=0, **options)


def test_refuses_to_run_with_debug_off_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_city", townships=1, items_per_township=5, verbosity=0)
    assert not Township.objects.exists()
    call_command("generate_city", townships=1, items_per_township=5, verbosity=0,
                 allow_without_debug=True)
    assert Township.objects.count() == 1


def test_every_published_item_has_its_chain_and_a_revision(settings):
    generate(settings)
    items = DisclosureItem.objects.all()
    assert items.count() == 240
    published = items.filter(status="published")
    assert published.count() > 200
    assert not published.filter(index_no__isnull=True).exists()
    reviewed = set(Review.objects.filter(state="published").values_list("object_id", flat=True))
    assert set(published.values_list("pk", flat=True)) <= reviewed
    publishes = SignOff.objects.filter(action="publish").count()
    assert publishes >= published.count()
    assert all(item.revisions.filter(number=1).exists() for item in published[:20])


def test_index_serial_continues_after_the_generated_numbers(settings):
    generate(settings)
    item = DisclosureItem.objects.filter(status="published").order_by("-index_no").first()
    serial = IndexSerial.objects.get(prefix=item.index_no.split("/")[0],
                                     year=item.published_on.year)
    numbers = DisclosureItem.objects.filter(index_no__startswith=f"{serial.prefix}/"
                                            f"{serial.year}-").count()
    assert serial.last == numbers


def test_second_run_with_the_same_prefix_is_refused(settings):
    generate(settings)
    with pytest.raises(CommandError, match="prefix"):
        generate(settings)
    generate(settings, prefix="more")
    assert Township.objects.count() == 4


def test_shared_attachment_file_is_not_flagged_only_the_planted_missing_ones(settings):
    generate(settings)
    assert Attachment.objects.count() > 10
    run = filecheck.check_files()
    assert run.files_missing == 2  # one planted per township
    assert run.files_checked == 3  # the shared file once, plus the two missing ones
    snapshot = refresh(County.objects.get()).townships.first().data
    assert snapshot["files"] == {"count": 1}
    assert snapshot["columns"]["empty"] >= 2
