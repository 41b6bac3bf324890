"""Moving in from the old site: a spreadsheet and saved pages become drafts that keep their
索引号 and dates, refused rows say why in Chinese, and old addresses answer 301."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command

from disclosure import oldsite
from disclosure.models import Attachment, DisclosureItem, OldUrlRedirect
from tests.factories import leaf_category, make_township, publish

from .oldsite_samples import HEADER, page, spreadsheet_rows, workbook

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def township():
    return make_township()


def test_saved_pages_give_metadata_body_and_old_address(township):
    pages = {f"pages/{n}.html": page(n, publisher=township.full_name,
                                     encoding="gbk" if n % 2 else "utf-8",
                                     layout="inline" if n % 3 == 0 else "table")
             for n in range(1, 21)}
    rows = oldsite.rows_from_files(pages)
    results = oldsite.check_rows(rows, township, default_category=leaf_category(township))
    assert [r.errors for r in results] == [[]] * 20
    first = next(r for r in results if r.source == "1.html")
    item = first.item
    assert item.index_no == "11990100MB0001234X/2020-00001"
    assert item.title == "关于做好2020年农村人居环境整治工作的通知"
    assert (item.written_on, item.published_on) == (datetime.date(2020, 2, 2),
                                                      datetime.date(2020, 2, 4))
    assert item.doc_number == "某政发〔2020〕1号"
    assert item.topic == DisclosureItem.Topic.URBAN
    assert first.redirect == "/art/2020/2/2/art_1201_5001.html"
    assert "为做好2020年农村人居环境整治工作" in item.body
    assert "索引号" not in item.body


def test_import_saves_drafts_keeping_index_and_dates_and_sanitises(township):
    pages = {f"{n}.html": page(n, publisher=township.full_name) for n in range(1, 4)}
    results = oldsite.import_rows(oldsite.check_rows(
        oldsite.rows_from_files(pages), township, default_category=leaf_category(township)))
    items = DisclosureItem.objects.filter(township=township).order_by("index_no")
    assert items.count() == 3
    item = items.first()
    assert item.status == DisclosureItem.Status.DRAFT
    assert item.index_no == "11990100MB0001234X/2020-00001"
    assert item.published_on == datetime.date(2020, 2, 4)
    assert "<script" not in item.body
    assert "font-family" not in item.body
    assert [r.item_id for r in results] == [i.pk for i in
                                            DisclosureItem.objects.filter(township=township)
                                            .order_by("pk")]


def test_refused_pages_say_why_and_leave_nothing(township):
    pages = {
        "a.html": page(1, publisher=township.full_name, drop=("发布日期",)),
        "b.html": page(2, publisher=township.full_name, doc_number="某政发2020第3号"),
        "c.html": page(3, publisher="某镇"),
        "d.html": page(4, publisher=township.full_name, drop=("生成日期", "发布日期")),
    }
    results = oldsite.import_rows(oldsite.check_rows(
        oldsite.rows_from_files(pages), township, default_category=leaf_category(township)))
    errors = {r.source: r.errors for r in results}
    assert errors["a.html"] == ["有索引号的信息须有发布日期（索引号中的年份即发布年份）。"]
    assert errors["b.html"] == [
        "文号：文号格式应为“机关代字〔年份〕序号号”，如：青政发〔2024〕7号。"]
    assert errors["c.html"] == ["发布机构：发布机构须填写标准全称，如：清河县青石镇人民政府。"]
    assert "缺少成文日期。" in errors["d.html"]
    assert not DisclosureItem.objects.filter(township=township).exists()
    assert not OldUrlRedirect.objects.exists()


def test_spreadsheet_with_attachments_in_a_zip(township):
    category = leaf_category(township)
    rows = spreadsheet_rows(6, publisher=township.full_name, category=category.name, bad={
        2: {"附件": "通知.pdf；名单.pdf"},
        3: {"成文日期": "2021年13月5日"},
        4: {"目录": "不存在的目录"},
        5: {"索引号": "11990100MB0005678Y/2019-00001"},  # the same as row 1's
        6: {"附件": "缺失.pdf"},
    })
    for column in ("成文日期", "发布日期"):  # row 5 repeats row 1's 索引号 and dates
        rows[4][HEADER.index(column)] = rows[0][HEADER.index(column)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("目录/items.xlsx", workbook(rows))
        archive.writestr("目录/附件/通知.pdf", PDF)
        archive.writestr("目录/附件/名单.pdf", PDF)
    results = oldsite.check_rows(oldsite.read_source("old.zip", buffer.getvalue()), township)
    errors = {r.source: r.errors for r in results}
    assert errors["第2行"] == []
    assert errors["第3行"] == []
    assert errors["第4行"] == [
        "成文日期“2021年13月5日”不是日期（应为 2023-05-06 或 2023年5月6日）。"]
    assert errors["第5行"] == ["目录“不存在的目录”在本乡镇不存在；请先建目录，或选择默认目录。"]
    assert errors["第6行"] == ["索引号 11990100MB0005678Y/2019-00001 与第2行重复。"]
    assert errors["第7行"] == ["找不到附件“缺失.pdf”。"]
    oldsite.import_rows(results)
    assert oldsite.summary(results) == {"rows": 6, "kept": 2, "refused": 4, "redirects": 2,
                                        "attachments": 2}
    item = DisclosureItem.objects.get(title__contains="第2期")
    assert sorted(Attachment.objects.filter(item=item).values_list("original_name", flat=True)) \
        == ["名单.pdf", "通知.pdf"]
    assert item.body == "<p>本期简报通报高标准农田建设进展。</p><p>各村按计划推进，未发现问题。</p>"


def test_a_spreadsheet_of_1000_rows_checks_every_row(township):
    category = leaf_category(township)
    bad = {n: {"标题": ""} for n in range(10, 1001, 100)}
    bad.update({n: {"发布日期": "去年"} for n in range(55, 1001, 250)})
    data = workbook(spreadsheet_rows(1000, publisher=township.full_name, category=category.name,
                                     bad=bad))
    results = oldsite.check_rows(oldsite.read_source("items.xlsx", data), township)
    counts = oldsite.summary(results)
    assert (counts["rows"], counts["kept"], counts["refused"]) == (1000, 986, 14)
    reasons = {e for r in results for e in r.errors}
    assert reasons == {"缺少标题。", "发布日期“去年”不是日期（应为 2023-05-06 或 2023年5月6日）。"}
    assert not DisclosureItem.objects.filter(township=township).exists()  # a dry run


def test_a_spreadsheet_without_a_title_column_is_refused_in_chinese(township):
    with pytest.raises(Exception, match="至少有“标题”一列"):
        oldsite.read_source("x.xlsx", workbook([["a"]], header=["随便"]))


def test_old_address_answers_301_only_for_a_published_item(client, township):
    rows = oldsite.rows_from_files({"1.html": page(1, publisher=township.full_name)})
    [result] = oldsite.import_rows(oldsite.check_rows(
        rows, township, default_category=leaf_category(township)))
    item = DisclosureItem.objects.get(pk=result.item_id)
    old = "/art/2020/2/2/art_1201_5001.html"
    assert client.get(old).status_code == 404  # a draft is nobody's target
    publish(item)
    assert item.index_no == "11990100MB0001234X/2020-00001"  # kept through publication
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert client.get("/art/2020/2/2/other.html").status_code == 404


def test_redirect_mapping_upload_is_scoped_to_the_township(tmp_path, township, capsys):
    other = make_township()
    mine = publish_item(township)
    theirs = publish_item(other)
    path = tmp_path / "map.csv"
    path.write_text("原网址,索引号\n"
                    f"http://old.example.gov.cn/a.html,{mine.index_no}\n"
                    f"http://old.example.gov.cn/b.html,{theirs.index_no}\n", encoding="utf-8")
    call_command("import_redirects", str(path), "--township", township.slug)
    out = capsys.readouterr().out
    assert "本乡镇没有索引号为" in out
    assert "已导入1条，不导入1条" in out
    assert list(OldUrlRedirect.objects.values_list("old_path", "item")) == [("/a.html", mine.pk)]


def publish_item(township):
    from tests.factories import make_item

    return make_item(township=township, published=True)


def test_command_dry_run_and_import(tmp_path, township, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"{n}.html").write_bytes(page(n, publisher=township.full_name))
    (folder / "4.html").write_bytes(page(4, publisher="某镇"))
    args = [str(folder), "--township", township.slug, "--category", "zcwj-bjwj"]
    call_command("import_old_site", *args, "--dry-run")
    out = capsys.readouterr().out
    assert "共4条：可导入3条，不导入1条" in out
    assert "4.html" in out
    assert not DisclosureItem.objects.filter(township=township).exists()
    call_command("import_old_site", *args)
    assert "已导入为草稿3条" in capsys.readouterr().out
    assert DisclosureItem.objects.filter(township=township,
                                         status=DisclosureItem.Status.DRAFT).count() == 3


def test_a_page_brings_the_attachments_saved_beside_it_and_says_what_it_left(township):
    files = {
        "1.html": page(1, publisher=township.full_name, image=True,
                       attachments=("补贴名单.pdf", "申报表.docx")),
        "module/download/补贴名单.pdf": PDF,
        "files/网站使用说明.pdf": PDF,  # a site-wide link in the footer: not the item's
    }
    [result] = oldsite.import_rows(oldsite.check_rows(
        oldsite.rows_from_files(files), township, default_category=leaf_category(township)))
    assert result.errors == []
    assert result.warnings == [
        "页面链接的附件“申报表.docx”不在上传的文件中，未导入。",
        "正文中有1张图片引用旧网站的地址，未导入；请在编辑页上传后插入。"]
    assert list(Attachment.objects.filter(item_id=result.item_id)
                .values_list("original_name", flat=True)) == ["补贴名单.pdf"]


def test_an_imported_index_number_is_never_handed_out_again(township):
    from disclosure.publishing import next_index_no

    prefix = township.org_code.replace("-", "")
    html = page(3, publisher=township.full_name).replace(
        b"11990100MB0001234X/2022-00003", f"{prefix}/2022-00003".encode())
    [result] = oldsite.import_rows(oldsite.check_rows(
        oldsite.rows_from_files({"3.html": html}), township,
        default_category=leaf_category(township)))
    assert result.errors == []
    assert DisclosureItem.objects.get(pk=result.item_id).index_no == f"{prefix}/2022-00003"
    assert next_index_no(township.org_code, 2022) == f"{prefix}/2022-00004"
