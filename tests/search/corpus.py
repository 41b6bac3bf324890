"""A small, realistic, fictional corpus for search tests: two townships, items across the
catalogue with 文号, names, villages, policy terms and attachments, and an annual report.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile

from disclosure.models import Attachment, DisclosureItem
from tests.factories import leaf_category, make_item, make_township
from tests.reports.factories import make_report

D = datetime.date
Normative = DisclosureItem.DocType.NORMATIVE
Document = DisclosureItem.DocType.DOCUMENT
Penalty = DisclosureItem.DocType.PENALTY

QINGSHI = [
    ("dibao", "青石镇关于调整农村最低生活保障标准的通知", "zcwj-gfxwj", D(2024, 6, 20), {
        "doc_number": "青政发〔2024〕7号", "doc_type": Normative, "validity": "valid",
        "keywords": "低保 救助标准", "summary": "自七月起提高全镇农村低保标准。",
        "body": "<p>根据县民政局统一部署，经镇党委会议研究，自2024年7月1日起，全镇农村低保"
                "标准由每人每月560元提高到610元，特困人员基本生活标准同步调整。</p>"
                "<p>各村（社区）要做好政策宣传，确保调标资金按时足额发放到户。</p>"}),
    ("dibao_list", "青石镇2024年第二季度城乡低保对象公示", "msbz-shjz", D(2024, 7, 5), {
        "body": "<p>经村级评议、镇级审核，现将东岗村、西湾村等12个村新增低保对象予以公示，"
                "公示期七天。户主：陈*芳、刘*华等。</p>"}),
    ("appoint", "关于任命王秀兰同志为青石镇党政综合办公室主任的通知", "jgzn-ldxx",
     D(2024, 3, 8), {"doc_number": "青政任〔2024〕3号", "doc_type": Document,
                     "body": "<p>经镇党委研究决定，任命王秀兰同志为青石镇党政综合办公室主任，"
                             "试用期一年。</p>"}),
    ("dili", "青石镇耕地地力保护补贴资金发放情况公示", "nync-nczc", D(2024, 5, 16), {
        "body": "<p>2024年全镇发放耕地地力保护补贴资金126.5万元，涉及农户3120户，"
                "补贴标准为每亩105元，资金通过“一卡通”直接发放到户。</p>"}),
    ("yishi", "东岗村一事一议财政奖补项目实施方案", "nync-czcl", D(2024, 4, 2), {
        "body": "<p>项目建设内容为村内道路硬化2.3公里、安装路灯46盏，总投资88万元，"
                "其中申请财政奖补资金52万元，村民筹资筹劳折资36万元。</p>"}),
    ("budget", "青石镇2023年财政预算执行情况和2024年财政预算草案", "czyjs-ys",
     D(2024, 2, 1), {"body": "<p>2023年全镇一般公共预算收入完成4862万元，"
                             "为预算的102.3%。2024年一般公共预算收入预期增长5%。</p>"}),
    ("sangong", "青石镇2024年“三公”经费预算说明", "czyjs-sgjf", D(2024, 2, 6), {
        "body": "<p>2024年“三公”经费预算数为18.6万元，其中公务接待费3.2万元，"
                "公务用车运行维护费15.4万元，因公出国（境）费0元。</p>"}),
    ("flood", "青石镇防汛抗旱应急预案（2024年修订）", "yjgl", D(2024, 4, 18), {
        "doc_number": "青政办〔2024〕12号", "doc_type": Document,
        "body": "<p>本预案适用于全镇范围内洪涝、干旱灾害的预防和应急处置。"
                "镇防汛抗旱指挥部办公室设在镇应急管理办公室。</p>"}),
    ("homestead_old", "关于印发《青石镇农村宅基地审批管理办法》的通知", "zcwj-gfxwj",
     D(2023, 5, 10), {"doc_number": "青政发〔2023〕15号", "doc_type": Normative,
                      "validity": "repealed", "repealed_on": D(2024, 1, 31),
                      "body": "<p>现将《青石镇农村宅基地审批管理办法》印发给你们，"
                              "请认真贯彻执行。</p>"}),
    ("homestead", "青石镇农村宅基地审批管理办法（2024年修订）", "zcwj-gfxwj", D(2024, 2, 1), {
        "doc_number": "青政发〔2024〕2号", "doc_type": Normative, "validity": "valid",
        "body": "<p>第一条 为规范农村宅基地审批管理，保障农民合法权益，制定本办法。</p>"
                "<p>第二条 农村村民一户只能拥有一处宅基地，面积不得超过规定标准。</p>"}),
    ("dredge", "关于西湾村河道清淤工程招标结果的公示", "zfcg", D(2024, 8, 12), {
        "body": "<p>西湾村河道清淤工程已完成公开招标。中标单位：清河县恒通水利建设有限公司，"
                "中标价89.6万元，工期90日历天。</p>"}),
    ("tower", "青石镇5G基站建设选址公告", "zdxm", D(2024, 9, 3), {
        "body": "<p>为提升农村网络覆盖，拟在东岗村、西湾村新建5G基站6座，"
                "建设标准执行GB/T 50311有关规定。</p>"}),
    ("reading", "《青石镇农村宅基地审批管理办法》政策解读", "zcwj-zcjd", D(2024, 2, 3), {
        "body": "<p>一、修订背景。原办法施行以来，审批环节较多，群众反映办理时间长。</p>"}),
    ("straw", "青石镇关于开展秸秆禁烧工作的通告", "qtxx", D(2024, 5, 28), {
        "body": "<p>夏收期间，全镇范围内严禁露天焚烧秸秆，违者依法处理。</p>"}),
    ("projects", "青石镇2024年重点项目清单", "zdxm", D(2024, 3, 20), {
        "body": "<p>全镇2024年重点项目清单详见附件。</p>"}),
]

LIUXI = [
    ("lx_dibao", "柳溪乡关于调整农村最低生活保障标准的通知", "zcwj-gfxwj", D(2024, 6, 25), {
        "doc_number": "柳政发〔2024〕4号", "doc_type": Normative, "validity": "valid",
        "body": "<p>自2024年7月起，全乡农村低保标准提高到每人每月600元。</p>"}),
    ("lx_elder", "柳溪乡2024年高龄津贴发放名单公示", "msbz-shjz", D(2024, 4, 9), {
        "body": "<p>桃源村李桂英、石门村赵德福等87位八十周岁以上老人享受高龄津贴。</p>"}),
    ("lx_village", "柳溪乡桃源村集体经济发展项目公示", "nync-nczc", D(2024, 7, 30), {
        "body": "<p>桃源村利用闲置校舍发展竹编加工，预计年增村集体经济收入8万元。</p>"}),
    ("lx_forest", "柳溪乡林长制工作实施方案", "qtxx", D(2024, 1, 15), {
        "body": "<p>全面推行林长制，建立乡、村两级林长体系，落实森林防火责任。</p>"}),
    ("lx_penalty", "柳溪乡关于张建国违法占用耕地建房的行政处罚决定", "xzzf-xzcf",
     D(2024, 10, 11), {"doc_type": Penalty,
                       "body": "<p>当事人张建国未经批准占用耕地0.3亩建房，责令限期拆除，"
                               "恢复土地原状。</p>"}),
]


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (Latin letters and digits)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def xlsx_bytes(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _make(township, rows) -> dict:
    made = {}
    for key, title, code, published_on, fields in rows:
        made[key] = make_item(township=township, published=True, title=title,
                              category=leaf_category(township, code),
                              written_on=published_on, published_on=published_on, **fields)
    return made


def build() -> dict:
    """Create the corpus (items published through the chain); returns objects by key."""
    qingshi = make_township(name="青石镇")
    liuxi = make_township(name="柳溪乡")
    made = {"qingshi": qingshi, "liuxi": liuxi, **_make(qingshi, QINGSHI),
            **_make(liuxi, LIUXI)}
    projects = made["projects"]
    Attachment.objects.create(item=projects, title="重点项目表", file=ContentFile(
        xlsx_bytes([["项目名称", "投资（万元）"], ["青石大桥维修加固工程", 860]]),
        name="xiangmu.xlsx"))
    Attachment.objects.create(item=projects, title="项目说明", file=ContentFile(
        docx_bytes(["村级道路养护经费按每公里每年八千元安排。"]), name="shuoming.docx"))
    Attachment.objects.create(item=projects, title="项目批复", file=ContentFile(
        tiny_pdf("Approval code QS-2024-017 for Qingshi bridge"), name="pifu.pdf"))
    made["report"] = make_report(
        township=qingshi, year=2023, published=True,
        section_2="<p>全年主动公开政府信息326条，其中行政规范性文件4件。</p>",
        section_5="<p>存在的主要问题是部分村务公开栏更新不及时，下一步将开展专项检查。</p>")
    return made
