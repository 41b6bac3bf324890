"""How bodies are shown: cells that never break a value, sticky label columns, figures."""

from disclosure.templatetags.richtext import is_short_value, present_body

WIDE = ("<table><tbody><tr><th><p>序号</p></th><th><p>姓名</p></th><th><p>身份证号码</p></th>"
        "<th><p>说明</p></th></tr><tr><td><p>1</p></td><td><p>张某某</p></td>"
        "<td><p>110101********1235</p></td><td><p>经村民代表评议、镇政府审核，符合城乡低保条件，"
        "自本月起发放。</p></td></tr></tbody></table>")


def test_short_and_number_like_values_are_kept_whole():
    for value in ("张某某", "东岭村", "110101********1235", "138****5678", "0731-8666 1234",
                  "1,350.00", "90.3%", "2026年3月5日"):
        assert is_short_value(value), value
    assert not is_short_value("经村民代表评议、镇政府审核，符合城乡低保条件")


def test_cells_get_their_hints_and_header_cells_their_scope():
    html = present_body(WIDE)
    assert '<th class="rt-nowrap rt-col1" scope="col"><p>序号</p></th>' in html
    assert '<td class="rt-nowrap"><p>110101********1235</p></td>' in html
    assert "<td><p>经村民代表评议" in html  # long text wraps normally
    assert '<table class="rt-sticky">' in html


def test_a_picture_paragraph_and_its_caption_are_marked():
    html = present_body('<p><img src="/media/richtext/a/b.png" alt="现场"></p><p>图1  施工现场</p>')
    assert html == ('<p class="rt-figure"><img src="/media/richtext/a/b.png" alt="现场"></p>'
                    '<p class="rt-caption">图1  施工现场</p>')


def test_a_signature_the_body_ends_with_is_set_to_the_right():
    html = present_body("<p>特此通知。</p><p>青石镇人民政府</p><p>2026年3月18日</p>")
    assert html == ('<p>特此通知。</p><p class="rt-signature">青石镇人民政府</p>'
                    '<p class="rt-signature">2026年3月18日</p>')
    assert present_body("<p>会议于</p><p>2026年3月18日</p>") == "<p>会议于</p><p>2026年3月18日</p>"
