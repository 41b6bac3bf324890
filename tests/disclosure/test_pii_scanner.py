"""The personal-data scanner on a table of positive and negative samples."""

import pytest

from disclosure import pii

# (text, expected [(kind, match)]) — every sample is fictional.
POSITIVES = [
    ("申请人身份证号：330102199001011234", [("id_card", "330102199001011234")]),
    ("身份证号码11010519491231002X。", [("id_card", "11010519491231002X")]),
    ("身份证号码11010519491231002x", [("id_card", "11010519491231002x")]),
    ("证件号 440304198511203011 已登记", [("id_card", "440304198511203011")]),
    ("号码330102 19900101 1234", [("id_card", "330102 19900101 1234")]),
    ("全角：３３０１０２１９９００１０１１２３４",
     [("id_card", "３３０１０２１９９００１０１１２３４")]),
    ("旧证号330102900101123", [("id_card", "330102900101123")]),
    ("标准示例440524188001010014", [("id_card", "440524188001010014")]),
    ("身份证 330102-19900101-1234", [("id_card", "330102-19900101-1234")]),
    ("15位旧证130503670401001", [("id_card", "130503670401001")]),
    ("客服13800138000", [("mobile", "13800138000")]),
    ("测试卡 4012888888881881", [("bank_card", "4012888888881881")]),
    ("卡号 5500 0000 0000 0004", [("bank_card", "5500 0000 0000 0004")]),
    ("卡号6011111111111117", [("bank_card", "6011111111111117")]),
    ("农行卡6228480402564890018", [("bank_card", "6228480402564890018")]),
    ("联系电话13812345678", [("mobile", "13812345678")]),
    ("手机：138 1234 5678（王）", [("mobile", "138 1234 5678")]),
    ("手机：138-1234-5678", [("mobile", "138-1234-5678")]),
    ("电话+86 19912345678", [("mobile", "19912345678")]),
    ("电话8613912345678", [("mobile", "13912345678")]),
    ("全角手机１５９１２３４５６７８", [("mobile", "１５９１２３４５６７８")]),
    ("村委会联系人李某（17712345678），", [("mobile", "17712345678")]),
    ("卡号6222021001123456789", [("bank_card", "6222021001123456789")]),
    ("账号：6228 4800 1234 5678 903", [("bank_card", "6228 4800 1234 5678 903")]),
    ("账号：6217-0012-3456-7890-122", [("bank_card", "6217-0012-3456-7890-122")]),
    ("信用卡4111111111111111到期", [("bank_card", "4111111111111111")]),
    ("卡号5454545454545454", [("bank_card", "5454545454545454")]),
    ("工行老卡9558801234567890128", [("bank_card", "9558801234567890128")]),
    ("Tel13812345678", [("mobile", "13812345678")]),
    ("手机：138-12345678", [("mobile", "138-12345678")]),
    ("电话(+86)18612345678", [("mobile", "18612345678")]),
    ("电话：0086 13712345678", [("mobile", "13712345678")]),
    ("ID330102199001011234", [("id_card", "330102199001011234")]),
    ("身份证：330102199001011234。手机13812345678", [("id_card", "330102199001011234"),
                                                ("mobile", "13812345678")]),
    ("卡号2221001234567896", [("bank_card", "2221001234567896")]),
    ("JCB 3566001234567897", [("bank_card", "3566001234567897")]),
    ("张三，330102199001011234，13812345678，6222021001123456789",
     [("id_card", "330102199001011234"), ("mobile", "13812345678"),
      ("bank_card", "6222021001123456789")]),
    ("名单\t510129197007155639\t15012345678", [("id_card", "510129197007155639"),
                                              ("mobile", "15012345678")]),
]

NEGATIVES = [
    "330102********1234",                    # masked ID
    "身份证号：330102199001******",           # masked ID, tail
    "身份证号：3301**********1234",
    "手机：138****5678",                       # masked mobile
    "手机：138＊＊＊＊5678",
    "手机号138xxxx5678",
    "卡号：6222 **** **** 6789",
    "卡号6222021001****6789",
    "330102199001011230",                     # wrong check digit
    "330102199013011234",                     # month 13
    "330102199002301234",                     # 30 February
    "330102290001011234",                     # born in the future
    "990102199001011235",                     # no such province
    "012345199001011234",                     # leading zero
    "索引号：11990100000001XY/2024-00001",     # 索引号
    "索引号 001234567/2024-00012",
    "青政发〔2024〕7号",                        # 文号
    "清财〔2023〕138号",
    "2024年3月1日",
    "2024-03-01 13:45",
    "20240301",
    "拨付资金13812345678元",                    # an amount, not a phone
    "合计￥13812345678",
    "金额 13812345678.50",
    "预算 1,381,234,567.80 万元",
    "电话：0571-88888888",                     # landline
    "电话：(0571)87654321",
    "12345678901",                            # starts 12: not a mobile
    "10086",
    "138123456789",                           # 12 digits: longer run
    "213812345678",                           # a longer run
    "6222021001123456788",                    # fails Luhn
    "4111111111111112",
    "1234567812345670",                       # passes Luhn, no card prefix
    "6000000000000000",                       # placeholder
    "统一社会信用代码：91330102MA2XXXXX1K",
    "统一社会信用代码：113301020024886851",
    "邮编310000，传真0571-86001234",
    "第1381234567号",
    "ISBN 978-7-111-12345-6",
    "订单号 202403011234567890123",           # 21 digits
    "版本 v1.13812345678",
    "ID13812345678X",
    "编号2024030112345678",                    # passes Luhn, starts 20: not a card prefix
    "编号3301021990010114",                    # passes Luhn, 16 digits starting 33
    "流水号7000123456789010",                  # passes Luhn, no card prefix
    "对公账号 1202021109900012345",            # a public (corporate) account, 12…
    "开户账号 33050161742700000123",           # 20 digits
    "统一社会信用代码 91110000100000000X",
    "身份证号 110105194912310021",             # check digit should be X
    "服务热线 400-123-4567",
    "发票代码 144031900111 发票号码 12345678",
    "文件哈希 a3f13812345678bc",
    "坐标 13812345678.123",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_personal_data_when_unmasked(text, expected):
    found = [(f.kind, f.match) for f in pii.scan_text(text)]
    assert found == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_finds_nothing_when_masked_or_look_alike(text):
    assert pii.scan_text(text) == []


def test_reports_line_numbers_and_context_when_found():
    text = "第一行无问题\n第二行：联系人王某，电话13812345678，请联系"
    [finding] = pii.scan_text(text)
    assert finding.line == 2
    assert "【13812345678】" in finding.context
    assert "联系人王某" in finding.context


def test_check_digit_follows_iso_7064_when_computed():
    assert pii.id_check_digit("11010519491231002") == "X"
    assert pii.id_check_digit("33010219900101123") == "4"


def test_luhn_accepts_known_test_number_when_checked():
    assert pii.luhn_ok("4111111111111111") is True
    assert pii.luhn_ok("4111111111111112") is False


def test_reads_text_from_html_body_when_tags_present():
    html = "<p>申请人：<strong>13812345678</strong></p><p>身份证：330102199001011234</p>"
    kinds = [f.kind for f in pii.scan_text(pii.html_to_text(html))]
    assert kinds == ["mobile", "id_card"]


def test_reads_table_cells_separately_when_body_has_table():
    html = ("<table><tr><th>姓名</th><th>电话</th></tr>"
            "<tr><td>王某</td><td>13812345678</td></tr>"
            "<tr><td>李某</td><td>139****5678</td></tr></table>")
    findings = pii.scan_text(pii.html_to_text(html))
    assert [(f.kind, f.match, f.line) for f in findings] == [("mobile", "13812345678", 2)]
