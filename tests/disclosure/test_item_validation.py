"""DOMAIN.md §6 items 22–26: metadata rules, with Chinese messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import DisclosureItem
from tests.factories import leaf_category, make_item, make_township

DocType = DisclosureItem.DocType
Validity = DisclosureItem.Validity


@pytest.fixture
def township(db):
    return make_township(name="验证镇")


def build(township, **fields):
    values = {
        "township": township, "category": leaf_category(township),
        "title": "关于做好2024年度秸秆禁烧工作的通知", "publisher_name": township.full_name,
        "written_on": datetime.date(2024, 3, 1),
    }
    values.update(fields)
    return DisclosureItem(**values)


def errors_of(item) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    return excinfo.value.message_dict


def test_valid_item_passes(township):
    build(township).full_clean()


def test_written_date_after_published_date_is_refused(township):
    errors = errors_of(build(township, published_on=datetime.date(2024, 2, 1)))
    assert "成文日期不能晚于发布日期" in errors["written_on"][0]


def test_summary_repeating_the_title_is_refused(township):
    errors = errors_of(build(township, summary="关于做好2024年度秸秆禁烧工作的通知。"))
    assert "不能只是重复标题" in errors["summary"][0]


def test_summary_that_is_part_of_the_title_is_refused(township):
    errors = errors_of(build(township, summary="秸秆禁烧工作"))
    assert "summary" in errors


def test_normative_document_needs_number_and_validity(township):
    errors = errors_of(build(township, doc_type=DocType.NORMATIVE))
    assert "须填写文号" in errors["doc_number"][0]
    assert "须注明有效性" in errors["validity"][0]


def test_general_information_needs_no_number(township):
    build(township, doc_type=DocType.GENERAL).full_clean()


def test_malformed_doc_number_is_refused(township):
    errors = errors_of(build(township, doc_type=DocType.DOCUMENT, doc_number="青政发2024年7号"))
    assert "文号格式" in errors["doc_number"][0]


def test_square_brackets_are_normalised_on_clean(township):
    item = build(township, doc_type=DocType.DOCUMENT, doc_number="青政发[2024]7号")
    item.full_clean()
    assert item.doc_number == "青政发〔2024〕7号"


def test_repealed_needs_a_repeal_date(township):
    errors = errors_of(build(township, doc_type=DocType.NORMATIVE, doc_number="青政规〔2020〕1号",
                             validity=Validity.REPEALED))
    assert "须填写废止日期" in errors["repealed_on"][0]


def test_repeal_date_only_for_repealed(township):
    errors = errors_of(build(township, validity=Validity.VALID,
                             repealed_on=datetime.date(2024, 5, 1)))
    assert "repealed_on" in errors


def test_validity_outside_the_three_values_is_refused(township):
    errors = errors_of(build(township, validity="过期"))
    assert "validity" in errors


def test_abbreviated_publisher_is_refused(township):
    errors = errors_of(build(township, publisher_name="镇里"))
    assert "标准全称" in errors["publisher_name"][0]


def test_published_date_year_must_match_index_number(township):
    item = make_item(township=township, published=True, published_on=datetime.date(2024, 4, 1))
    item.published_on = datetime.date(2025, 1, 2)
    errors = errors_of(item)
    assert "索引号年份" in errors["published_on"][0]


def test_category_of_another_township_is_refused(township):
    other = make_township(name="他镇")
    errors = errors_of(build(township, category=leaf_category(other)))
    assert "category" in errors


def test_publish_problems_list_missing_required_metadata(township):
    item = build(township, publisher_name="", title="")
    problems = item.publish_problems()
    assert "缺少标题。" in problems
    assert "缺少发布机构。" in problems
