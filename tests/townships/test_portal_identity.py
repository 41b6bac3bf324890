"""The county's portal identity: uploaded images checked with Pillow, the 党政机关网站标识
only with its certificate link, and the admin saying which marks are still missing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import make_county, make_member, make_township
from townships.models import County, Role
from townships.portal_identity import validate_gov_mark_url
from townships.sample_marks import SAMPLE_FILES, SAMPLE_GOV_MARK_URL
from townships.selectors import forget_current_county
from townships.site_images import MAX_BYTES, validate_site_image

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 20), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (160, 0, 0)).save(buffer, fmt)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_real_png_passes_image_check():
    validate_site_image(upload("badge.png", png_bytes()))


@pytest.mark.parametrize(("name", "content", "code"), [
    ("badge.png", b"not an image at all", "not_image"),
    ("badge.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
     "not_image"),
    ("badge.png", png_bytes(fmt="JPEG"), "extension"),
    ("badge.bmp", png_bytes(fmt="BMP"), "format"),
    ("huge.png", png_bytes(size=(4100, 10)), "dimensions"),
])
def test_image_check_refuses_bad_upload_with_chinese_message(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_site_image(upload(name, content))
    assert exc.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.messages[0])


def test_image_check_refuses_file_over_size_limit():
    big = upload("big.png", png_bytes())
    big.size = MAX_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        validate_site_image(big)
    assert exc.value.code == "too_big"


@pytest.mark.parametrize("url", [
    "https://bszs.conac.cn/sitename?method=show&id=ABC123",
    "http://bszs.conac.cn/sitename?method=show&id=ABC123",
])
def test_gov_mark_url_accepts_conac_certificate_page(url):
    validate_gov_mark_url(url)


@pytest.mark.parametrize("url", [
    "https://example.com/fake-mark", "https://conac.cn.evil.example/x", "javascript:alert(1)",
])
def test_gov_mark_url_refuses_other_hosts(url):
    with pytest.raises(ValidationError):
        validate_gov_mark_url(url)


def test_gov_mark_image_without_certificate_link_does_not_validate():
    county = make_county()
    county.gov_mark_image = upload("mark.png", png_bytes())
    with pytest.raises(ValidationError) as exc:
        county.full_clean()
    assert "gov_mark_url" in exc.value.message_dict


def test_banner_without_alt_text_does_not_validate():
    county = make_county()
    county.banner_image = upload("banner.png", png_bytes())
    with pytest.raises(ValidationError) as exc:
        county.full_clean()
    assert "banner_alt" in exc.value.message_dict


def test_missing_marks_lists_unconfigured_items_until_all_are_entered():
    county = make_county()
    missing = county.missing_portal_marks()
    assert "公安备案图标" in missing
    assert "党政机关网站标识（图片和证书链接）" in missing
    assert "承办单位" in missing
    assert "网站标识码" not in missing
    county.police_badge_image = upload("police.png", png_bytes())
    county.gov_mark_image = upload("mark.png", png_bytes())
    county.gov_mark_url = "https://bszs.conac.cn/sitename?method=show&id=1"
    county.organizer = "清河县大数据中心"
    county.phone = "0000-1234567"
    county.save()
    assert county.missing_portal_marks() == []


def test_uploaded_image_is_served_with_its_type_and_unknown_kind_is_404(client):
    county = make_county()
    county.police_badge_image = upload("police.png", png_bytes())
    county.save()
    forget_current_county()
    response = client.get(county.police_badge_image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(reverse("townships:site_image", args=["banner"])).status_code == 404
    assert client.get(reverse("townships:site_image", args=["secret"])).status_code == 404


def test_county_admin_is_told_which_footer_marks_are_missing(client):
    county = make_county()
    make_township(county=county)
    admin_user = make_member(role=Role.COUNTY_ADMIN, county=county)
    client.force_login(admin_user)
    html = client.get(reverse("admin:townships_county_change", args=[county.pk]),
                      follow=True).content.decode()
    assert "页脚还缺少" in html
    assert "公安备案图标" in html


def test_county_admin_desk_lists_missing_marks_and_township_staff_see_none(client):
    county = make_county()
    township = make_township(county=county)
    client.force_login(make_member(role=Role.COUNTY_ADMIN, county=county))
    panels = {p.key: p for p in client.get(reverse("admin:index")).context["desk_panels"]}
    labels = [entry.label for entry in panels["portal-marks"].entries]
    assert "公安备案图标" in labels
    assert panels["portal-marks"].count == len(county.missing_portal_marks())
    client.force_login(make_member(township=township, role=Role.TOWNSHIP_ADMIN))
    panels = {p.key for p in client.get(reverse("admin:index")).context["desk_panels"]}
    assert "portal-marks" not in panels


def _with_samples(county):
    """The county as seed_demo leaves it: the 样例 mark and the emblem placeholder."""
    for field, path in SAMPLE_FILES.items():
        getattr(county, field).save(f"copy-{path.name}", File(io.BytesIO(path.read_bytes())),
                                    save=False)
    county.emblem_alt = "徽标（演示用占位图）"
    county.gov_mark_url = SAMPLE_GOV_MARK_URL
    county.full_clean()
    county.save()
    return County.objects.get(pk=county.pk)


def test_sample_images_are_valid_pictures_that_say_sample():
    for path in SAMPLE_FILES.values():
        validate_site_image(upload(path.name, path.read_bytes()))
        with Image.open(path) as image:
            # Grey and blue, never the red of the real mark: no pixel is mostly red.
            rgb = image.convert("RGB")
            reds = sum(1 for r, g, b in rgb.get_flattened_data() if r > 150 and g < 90 and b < 90)
        assert reds == 0


def test_sample_mark_is_recognised_by_content_and_listed_as_still_to_replace():
    county = _with_samples(make_county())
    assert county.shows_gov_mark
    assert county.gov_mark_is_sample
    assert county.emblem_is_sample
    missing = county.missing_portal_marks()
    assert "党政机关网站标识（当前为演示样例，须换成机构编制部门核发的标识）" in missing
    assert "徽标图片（当前为演示占位图）" in missing
    assert "党政机关网站标识（图片和证书链接）" not in missing
    county.gov_mark_image.save("real.png", File(io.BytesIO(png_bytes())), save=True)
    county = County.objects.get(pk=county.pk)
    assert not county.gov_mark_is_sample
    assert len(county.sample_marks()) == 1


def test_footer_calls_the_sample_a_sample(client):
    _with_samples(make_county())
    forget_current_county()
    html = client.get(reverse("disclosure:county_home")).content.decode()
    assert 'alt="党政机关网站标识样例（演示用，非真实标识）"' in html
    assert 'alt="徽标（演示用占位图）"' in html


@pytest.mark.parametrize("role", [Role.COUNTY_ADMIN, Role.COUNTY_AUDITOR])
def test_county_desk_warns_while_the_sample_mark_is_configured(client, role):
    county = _with_samples(make_county())
    client.force_login(make_member(role=role, county=county))
    panel = {p.key: p for p in client.get(reverse("admin:index")).context["desk_panels"]}[
        "portal-marks"]
    sample = [e for e in panel.entries if "演示样例" in e.label]
    assert len(sample) == 1
    assert sample[0].urgent
    assert sample[0].note == "样例图片不得用于正式网站"
    # Only the county admin can change the county: the auditor gets no link.
    assert bool(sample[0].url) == (role == Role.COUNTY_ADMIN)


def test_deploy_check_warns_about_the_sample_mark():
    from ops.checks import _sample_marks

    county = make_county()
    assert _sample_marks() == []
    _with_samples(county)
    warnings = _sample_marks()
    assert [w.id for w in warnings] == ["ops.W006"]
    assert "演示样例" in warnings[0].msg
