# ruff: noqa: E501, C901  (document text lines are kept whole, as they read)
"""Make the Word documents the import tests read (python-docx, reproducible).

    .venv/bin/python tests/disclosure/documents/make_documents.py   # rewrites the .docx here

Thirteen fictional township documents in the shapes staff really produce: red-header 文件
with 文号, 主送, numbered sections, tables with merged cells, pictures, Word numbered and
bullet lists, footnotes, 附件说明, 落款 (Arabic and Chinese-numeral dates), 附注, 主题词 and
版记; some carry what pasting from Word or WPS leaves behind (full-width indents, empty
paragraphs, typed bullets, indented paragraphs inside cells, manual line breaks), some carry
unmasked personal data for the scan to find. All names, numbers and places are invented.
The .doc, .wps and .rtf copies are made from 01 by LibreOffice in the tests (office.py).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- helpers ---------------------------------------------------------------------------


def _font(run, name="仿宋_GB2312", size=16, bold=False, color=None):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def para(doc, text="", *, align=None, size=16, font="仿宋_GB2312", bold=False, indent=False,
         color=None, style=None):
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    if text:
        _font(p.add_run(text), font, size, bold, color)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    return p


def red_header(doc, banner: str, number: str):
    para(doc, banner, align="center", size=36, font="方正小标宋简体", color="FF0000")
    para(doc, number, align="center")


def title(doc, text: str, second: str = ""):
    para(doc, text, align="center", size=22, font="方正小标宋简体")
    if second:
        para(doc, second, align="center", size=22, font="方正小标宋简体")


def signature(doc, org: str, date: str):
    para(doc, "")
    para(doc, org, align="right")
    para(doc, date, align="right")


def record(doc, copy_to: str, printed: str):
    para(doc, f"抄送：{copy_to}", size=14)
    para(doc, printed, size=14)


def table(doc, rows: list[list[str]], *, merges=(), indent_cells=False, widths=None):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is None:
                continue
            cell = t.cell(r, c)
            cell.text = ""
            p = cell.paragraphs[0]
            _font(p.add_run(value), "仿宋_GB2312", 12, bold=(r == 0))
            if indent_cells:  # what pasting body text into a cell leaves: a first-line indent
                p.paragraph_format.first_line_indent = Pt(24)
    for (r1, c1), (r2, c2) in merges:
        merged = t.cell(r1, c1).merge(t.cell(r2, c2))
        keep = merged.paragraphs[0]
        for extra in merged.paragraphs[1:]:
            extra._element.getparent().remove(extra._element)
        if not keep.text:
            keep.text = ""
    if widths:
        for row in t.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
    return t


def picture(doc, label: str, colour: tuple, *, alt: str = "", size=(480, 300), caption=""):
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 28, index=2)
    draw.rectangle([12, 12, size[0] - 12, size[1] - 12], outline=(255, 255, 255), width=4)
    draw.text((32, size[1] // 2 - 20), label, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    buffer.seek(0)
    doc.add_picture(buffer, width=Cm(12))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.inline_shapes[-1]._inline.docPr.set("descr", alt)
    if caption:
        para(doc, caption, align="center", size=14)


def footnotes(doc, notes: dict[int, str]) -> None:
    """Add a footnotes part (python-docx has no API for it)."""
    body = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for number, text in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f'<w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(),
                doc.part.package)
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def note_reference(paragraph, number: int) -> None:
    run = paragraph.add_run()
    ref = run._element.makeelement(qn("w:footnoteReference"), {qn("w:id"): str(number)})
    run._element.append(ref)


def body(doc, *texts, indent=True):
    for text in texts:
        para(doc, text, indent=indent)


# -- the documents ---------------------------------------------------------------------


def doc01(doc):
    """Red-header 通知: 文号, table with merged header cells, 附件说明, 附注, 版记."""
    red_header(doc, "青石镇人民政府文件", "青政发〔2026〕3号")
    title(doc, "青石镇人民政府关于做好2026年春耕生产", "补贴资金发放工作的通知")
    para(doc, "各村（居）民委员会，镇直各单位：")
    body(doc, "为切实做好2026年春耕生产工作，保障粮食生产安全，根据县农业农村局有关要求，"
              "现就补贴资金发放工作通知如下。",
         "一、补贴对象和标准",
         "补贴对象为本镇范围内实际种植粮食作物的农户和新型农业经营主体，标准如下表：")
    table(doc, [["作物", "补贴标准", None, "备注"],
                [None, "每亩（元）", "上限（元）", None],
                ["水稻", "120", "36000", "含双季稻"],
                ["小麦", "90", "27000", ""],
                ["玉米", "80", "24000", "套种按主作物计"]],
          merges=[((0, 0), (1, 0)), ((0, 1), (0, 2)), ((0, 3), (1, 3))])
    body(doc, "二、工作要求",
         "各村要在3月20日前完成面积核实和公示，公示期不少于7天。公示无异议后报镇农业服务中心汇总。")
    para(doc, "")
    para(doc, "附件：1．青石镇2026年春耕补贴面积核实表", indent=True)
    para(doc, "2．青石镇春耕补贴公示样表", indent=True)
    signature(doc, "青石镇人民政府", "2026年3月5日")
    para(doc, "（此件公开发布）", indent=True)
    para(doc, "")
    record(doc, "县农业农村局，县财政局。", "青石镇党政办公室                    2026年3月5日印发")


def doc02(doc):
    """低保公示 with names and (some unmasked) personal data; no 文号."""
    title(doc, "青石镇2026年第一季度城乡低保对象审批情况公示")
    body(doc, "根据《社会救助暂行办法》和县民政局有关规定，经村（居）民委员会评议、镇人民政府审核，"
              "现将2026年第一季度新增低保对象名单予以公示，公示期为7天。",
         "公示期间如有异议，请向镇社会事务办公室反映，联系人：周某某，联系电话13812345678。")
    table(doc, [["序号", "村（居）", "户主姓名", "身份证号码", "保障人数", "月保障金（元）"],
                ["1", "东岭村", "张某某", "110101********1235", "3", "1350"],
                ["2", "西坪村", "李某某", "110101195803152316", "1", "520"],
                ["3", "南塘社区", "王某", "110101********0427", "2", "980"],
                ["4", "东岭村", "赵某某", "110101********3318", "4", "1720"]])
    signature(doc, "青石镇人民政府", "2026年3月18日")


def doc03(doc):
    """项目进展 with two pictures, captions and a Word numbered list."""
    title(doc, "青石镇2026年农村人居环境整治项目进展情况")
    body(doc, "今年以来，镇党委、政府把农村人居环境整治作为乡村振兴的重要抓手，主要开展了以下工作：")
    for text in ("完成东岭村、西坪村污水管网铺设4.2公里；", "新建垃圾分类收集亭18座；",
                 "改造农村户厕236户，验收合格率100%。"):
        para(doc, text, style="List Number", indent=False)
    picture(doc, "东岭村污水管网施工", (46, 110, 160), alt="东岭村污水管网铺设施工现场",
            caption="图1  东岭村污水管网施工现场")
    body(doc, "下一步，镇政府将加快推进剩余项目建设，确保6月底前全部完工。")
    picture(doc, "垃圾分类收集亭", (90, 140, 70), alt="西坪村新建的垃圾分类收集亭",
            caption="图2  西坪村垃圾分类收集亭")
    signature(doc, "青石镇人民政府", "2026年4月2日")


def doc04(doc):
    """预算公开 with a wide table of numbers, merged both ways."""
    title(doc, "青石镇2026年一般公共预算支出情况说明")
    body(doc, "现将本镇2026年一般公共预算支出安排情况公开如下（单位：万元）：")
    header = ["功能分类", "科目名称", "2025年预算", "2026年预算", "增减额", "增减率",
              "基本支出", "项目支出", "其中：三公经费", "备注"]
    rows = [header,
            ["一般公共服务", "政府办公厅（室）", "312.50", "298.40", "-14.10", "-4.5%", "210.00",
             "88.40", "6.20", ""],
            [None, "财政事务", "86.30", "90.10", "3.80", "4.4%", "70.10", "20.00", "1.10", ""],
            ["农林水", "农业农村", "540.00", "602.75", "62.75", "11.6%", "120.00", "482.75",
             "0.00", "含春耕补贴"],
            [None, "水利", "210.40", "188.00", "-22.40", "-10.6%", "40.00", "148.00", "0.00", ""],
            ["合计", None, "1149.20", "1179.25", "30.05", "2.6%", "440.10", "739.15", "7.30", ""]]
    table(doc, rows, merges=[((1, 0), (2, 0)), ((3, 0), (4, 0)), ((5, 0), (5, 1))])
    body(doc, "三公经费支出较上年下降0.8万元，主要是公务接待费减少。")
    signature(doc, "青石镇财政所", "2026年2月10日")


def doc05(doc):
    """会议纪要 with footnotes, bullet list and 主题词."""
    red_header(doc, "青石镇人民政府", "青政纪〔2026〕2号")
    title(doc, "青石镇人民政府常务会议纪要")
    p = para(doc, "2026年3月12日，镇长主持召开镇政府第3次常务会议，研究春季森林防火和安全生产工作。",
             indent=True)
    note_reference(p, 1)
    body(doc, "会议议定以下事项：")
    for text in ("各村落实护林员巡山制度；", "清明节前完成重点区域隐患排查；", "安全生产月活动方案报镇安委办。"):
        para(doc, text, style="List Bullet", indent=False)
    p = para(doc, "会议要求各责任单位按照分工抓好落实，镇督查室跟踪督办。", indent=True)
    note_reference(p, 2)
    footnotes(doc, {1: "出席人员名单略。", 2: "督办结果在下次常务会议通报。"})
    signature(doc, "青石镇人民政府办公室", "2026年3月13日")
    para(doc, "主题词：森林防火　安全生产　会议纪要", size=14)
    record(doc, "镇党委各委员。", "青石镇人民政府办公室                2026年3月13日印发")


def doc06(doc):
    """应急预案 with Word heading styles and a nested numbered list."""
    title(doc, "青石镇防汛抗旱应急预案（试行）")
    para(doc, "总则", style="Heading 1")
    body(doc, "为做好防汛抗旱工作，最大程度减少灾害损失，制定本预案。")
    para(doc, "编制依据", style="Heading 2")
    body(doc, "《中华人民共和国防洪法》《中华人民共和国抗旱条例》等法律法规。")
    para(doc, "组织体系", style="Heading 1")
    for text in ("镇防汛抗旱指挥部", "各村防汛工作组", "抢险突击队"):
        para(doc, text, style="List Number", indent=False)
    para(doc, "预警和响应", style="Heading 1")
    body(doc, "根据雨情、水情，预警分为四级，分别用蓝色、黄色、橙色和红色表示。")
    signature(doc, "青石镇人民政府", "二〇二六年四月八日")


def doc07(doc):
    """征地补偿方案: table with row groups (rowspan) and 附件 content after the 落款."""
    red_header(doc, "青石镇人民政府文件", "青政发〔2026〕7号")
    title(doc, "青石镇人民政府关于印发东岭村土地征收补偿安置方案的通知")
    para(doc, "东岭村民委员会：")
    body(doc, "《东岭村土地征收补偿安置方案》已经镇政府研究同意，现印发给你们，请认真组织实施。")
    para(doc, "附件：东岭村土地征收补偿安置方案", indent=True)
    signature(doc, "青石镇人民政府", "2026年4月15日")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    para(doc, "附件", font="黑体")
    title(doc, "东岭村土地征收补偿安置方案")
    body(doc, "一、征收范围：东岭村三组、四组集体土地共计56.8亩。", "二、补偿标准：")
    table(doc, [["地类", "组别", "面积（亩）", "补偿标准（元/亩）"],
                ["耕地", "三组", "20.5", "48000"],
                [None, "四组", "18.3", "48000"],
                ["林地", "三组", "10.0", "21000"],
                [None, "四组", "8.0", "21000"]],
          merges=[((1, 0), (2, 0)), ((3, 0), (4, 0))])


def doc08(doc):
    """人事任免 with 主题词, 文号 and a phone number in the text."""
    red_header(doc, "中共青石镇委员会文件", "青发〔2026〕12号")
    title(doc, "中共青石镇委员会关于周某某等同志职务任免的通知")
    para(doc, "各党支部：")
    body(doc, "经镇党委研究决定：", "周某某同志任镇社会事务办公室主任；",
         "吴某同志任镇农业服务中心副主任，免去其镇综治中心副主任职务。",
         "如有意见，请于5个工作日内向镇党委组织办反映（电话：0731-8888 6666，手机 139 1234 5678）。")
    signature(doc, "中共青石镇委员会", "2026年4月20日")
    para(doc, "主题词：干部　任免　通知", size=14)
    record(doc, "县委组织部。", "中共青石镇委员会办公室             2026年4月20日印发")


def doc09(doc):
    """Pasted from Word and WPS: full-width indents, empty paragraphs, typed bullets,
    indented paragraphs inside table cells, manual line breaks."""
    title(doc, "柳湾乡关于开展2026年春季爱国卫生运动的通知")
    para(doc, "　　各村民委员会：", indent=False)
    para(doc, "")
    para(doc, "　　为营造干净整洁的人居环境，乡政府决定于4月开展春季爱国卫生运动。", indent=False)
    para(doc, "")
    para(doc, "")
    for text in ("● 清理房前屋后垃圾杂物；", "● 整治河塘沟渠；", "● 开展病媒生物防制。"):
        para(doc, "　　" + text, indent=False)
    table(doc, [["责任单位", "联系人", "联系电话"],
                ["柳湾村", "陈某某", "0731-8666 1234"],
                ["石桥村", "刘某", "0731-8666 5678"],
                ["乡卫生院", "孙某某", "0731-8666 9012"]], indent_cells=True)
    p = para(doc, "　　请各村于4月30日前将活动开展情况报乡社会事务办。", indent=False)
    p.add_run().add_break()
    _font(p.add_run("　　联系人：郑某，电话：0731-8666 0001。"))
    signature(doc, "柳湾乡人民政府", "2026年3月28日")


def doc10(doc):
    """安全生产检查通报: picture without a description, table, Chinese-numeral date."""
    red_header(doc, "青石镇安全生产委员会文件", "青安委〔2026〕4号")
    title(doc, "关于2026年第一季度安全生产检查情况的通报")
    para(doc, "各村（居）、镇直各单位，辖区各企业：")
    body(doc, "3月下旬，镇安委会组织对辖区企业和人员密集场所开展了安全生产检查，共检查单位42家，"
              "发现隐患67处，已整改59处。检查情况如下：")
    table(doc, [["类别", "检查单位数", "发现隐患", "已整改", "整改率"],
                ["工贸企业", "18", "31", "28", "90.3%"],
                ["人员密集场所", "16", "24", "21", "87.5%"],
                ["农村自建房", "8", "12", "10", "83.3%"],
                ["合计", "42", "67", "59", "88.1%"]])
    picture(doc, "隐患整改前后对比", (160, 80, 50), alt="")
    body(doc, "对尚未整改的8处隐患，由镇安委办跟踪督办，限期4月15日前完成整改。")
    signature(doc, "青石镇安全生产委员会", "二〇二六年四月二日")
    para(doc, "（此件公开发布）", indent=True)


def doc11(doc):
    """村务公开 in WPS style names (标题 1) with a table of numbers."""
    styles = doc.styles
    for name in ("标题 1", "标题 2"):
        style = styles.add_style(name, 1)
        style.font.bold = True
        style.font.size = Pt(16)
    title(doc, "东岭村2026年第一季度村务公开")
    para(doc, "一、财务收支情况", style="标题 1")
    table(doc, [["项目", "金额（元）", "说明"],
                ["上级补助收入", "150000.00", "村级运转经费"],
                ["集体经营收入", "86400.00", "厂房租金"],
                ["公益事业支出", "98250.50", "道路维修、路灯"],
                ["管理费用支出", "32100.00", "办公、水电"]])
    para(doc, "二、重大事项", style="标题 1")
    para(doc, "（一）道路硬化工程", style="标题 2")
    body(doc, "经村民代表会议表决通过，对三组至四组道路1.2公里进行硬化，预算46万元。")
    signature(doc, "东岭村民委员会", "2026年4月6日")


def doc12(doc):
    """政府信息公开指南: headings, lists, a web link, a long text table."""
    title(doc, "南岭镇政府信息公开指南")
    para(doc, "一、主动公开", style="Heading 1")
    body(doc, "（一）公开范围。本镇主动公开《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的政府信息。",
         "（二）公开方式。通过县政府门户网站南岭镇信息公开专栏、镇政务公开栏等方式公开。")
    para(doc, "二、依申请公开", style="Heading 1")
    for text in ("填写政府信息公开申请表；", "提交身份证明；", "按要求提供联系方式。"):
        para(doc, text, style="List Number", indent=False)
    table(doc, [["事项", "说明"],
                ["受理机构", "南岭镇党政综合办公室（镇政府一楼102室），办公时间为工作日上午8:30—12:00、"
                 "下午14:30—17:30，法定节假日除外。"],
                ["答复期限", "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，"
                 "需要延长的，延长期限最长不超过20个工作日。"]])
    signature(doc, "南岭镇人民政府", "2026年1月6日")


def doc13(doc):
    """WPS-pasted meeting notice with a merged title row and a number that must not wrap."""
    title(doc, "白沙镇2026年度高龄津贴发放名册")
    body(doc, "根据县民政局通知，现将本镇2026年4月高龄津贴发放情况公布如下。")
    table(doc, [["2026年4月高龄津贴发放名册", None, None, None, None],
                ["序号", "姓名", "村（社区）", "银行卡号（后四位）", "发放金额（元）"],
                ["1", "钱某某", "白沙社区", "**** 6217", "200"],
                ["2", "孙某", "河口村", "**** 3308", "300"],
                ["3", "林某某", "河口村", "**** 1125", "200"]],
          merges=[((0, 0), (0, 4))])
    signature(doc, "白沙镇人民政府", "2026年4月25日")


DOCUMENTS = {
    "01_春耕补贴通知": doc01, "02_低保对象公示": doc02, "03_人居环境整治进展": doc03,
    "04_一般公共预算支出": doc04, "05_常务会议纪要": doc05, "06_防汛抗旱应急预案": doc06,
    "07_土地征收补偿方案": doc07, "08_人事任免通知": doc08, "09_爱国卫生运动_粘贴": doc09,
    "10_安全生产检查通报": doc10, "11_村务公开_WPS样式": doc11, "12_政府信息公开指南": doc12,
    "13_高龄津贴发放名册": doc13,
}


def build(name: str, folder: Path = HERE) -> Path:
    document = docx.Document()
    document.core_properties.author = "青石镇党政办公室"
    document.core_properties.title = name
    DOCUMENTS[name](document)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def build_all(folder: Path = HERE) -> list[Path]:
    return [build(name, folder) for name in DOCUMENTS]


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path.name, path.stat().st_size)  # noqa: T201
