import pytest
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from disclosure.docimport import import_document
from tests.factories import make_township, make_member
from townships.models import Role

@pytest.mark.django_db
def test_scratch(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    t = make_township()
    u = make_member(township=t, role=Role.AUTHOR)
    for path in sorted(Path("tests/disclosure/documents").glob("*.docx")):
        rec = import_document(SimpleUploadedFile(path.name, path.read_bytes()), township=t, user=u)
        print("=====", path.name)
        print(rec.suggestions)
        print({k: rec.report[k] for k in ("source", "result", "kept", "removed", "dropped_images", "missing_alt")})
        print([ (f["kind"], f["match"]) for f in rec.report["pii"]])
        print(rec.body[:3000])
