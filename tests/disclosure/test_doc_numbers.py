import pytest

from disclosure.numbers import is_valid_doc_number, normalize_doc_number


@pytest.mark.parametrize(("typed", "stored"), [
    ("青政发[2024]7号", "青政发〔2024〕7号"),
    ("青政发［2024］7号", "青政发〔2024〕7号"),
    ("青政发【2024】7号", "青政发〔2024〕7号"),
    ("青政发(2024)7号", "青政发〔2024〕7号"),
    ("青政发（2024）7号", "青政发〔2024〕7号"),
    ("青政发〔2024〕7号", "青政发〔2024〕7号"),
    (" 青政发 [２０２４] ７号 ", "青政发〔2024〕7号"),
    ("", ""),
])
def test_brackets_around_the_year_are_normalised_to_tortoise_shell(typed, stored):
    assert normalize_doc_number(typed) == stored


def test_parentheses_that_do_not_hold_a_year_are_kept():
    assert normalize_doc_number("青（党）发[2023]12号") == "青（党）发〔2023〕12号"


@pytest.mark.parametrize(("value", "valid"), [
    ("青政发〔2024〕7号", True),
    ("青政办发〔2019〕115号", True),
    ("青政发2024年7号", False),
    ("〔2024〕7号", False),
    ("青政发〔24〕7号", False),
    ("青政发〔2024〕第7号", False),
])
def test_doc_number_shape_is_checked(value, valid):
    assert is_valid_doc_number(value) is valid
