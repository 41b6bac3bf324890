"""The search tests' shared corpus (tests/search/corpus.py), built once per module."""

import pytest
from django.db import transaction

from . import corpus


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), \
            django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield corpus.build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
