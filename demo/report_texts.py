"""Old annual reports of the demo townships, as the text a clerk would paste into the
importer: a 2018 free-form report, a 2020 trial-format report with its tables on spaced
lines, and a 2021-format report copied from a web page with one table cell per line.

Everything here is fictional and written for the demo county. The tables are printed from
the official labels (schemas.py, applications/table3.py), so the importer reads them back.
"""

from __future__ import annotations

from reports import schemas as s

FOCUS = ["农村人居环境整治", "高标准农田建设", "乡村振兴衔接资金使用", "农村低保动态管理",
         "宅基地审批", "防汛抗旱应急预案"]
PROBLEMS = [
    "部分站所报送信息不够及时，栏目更新存在滞后",
    "政策解读形式较为单一，图解、音视频解读偏少",
    "村级公开栏内容更新与镇级平台衔接不够紧密",
    "依申请公开办理人员业务培训覆盖面不足",
]


def party_committee(name: str) -> str:
    return "乡党委" if name.endswith("乡") else "街道党工委" if name.endswith("街道") else "镇党委"


def old_numbers(index: int) -> dict[int, dict]:
    """Table 3 figures of 2020 and 2021: 2020's carry-over is 2021's carried-in; 2021
    carries nothing into 2022, the first year the platform's register covers."""
    new_2020 = 1 + index % 3
    carry = index % 2
    new_2021 = 2 + (index + 1) % 2
    return {
        2020: {"new": new_2020, "company": 1 if new_2020 >= 2 else 0, "carried": 0,
               "missing": 1 if new_2020 >= 3 else 0, "carry_out": carry},
        2021: {"new": new_2021, "company": 0, "carried": carry,
               "missing": 0, "repeat": 1, "carry_out": 0},
    }


def _table3_rows(schema: str, n: dict) -> dict[str, list[int]]:
    natural_new = n["new"] - n["company"]
    done = n["new"] + n["carried"] - n["carry_out"]
    repeat = n.get("repeat", 0)
    disclosed = done - n["missing"] - repeat
    company_done = n["company"]
    rows = {row: [0] * 7 for row in s.table3_row_ids(schema)}

    def put(row, natural, company=0):
        rows[row] = [natural, company, 0, 0, 0, 0, natural + company]

    put("r1", natural_new, n["company"])
    put("r2", n["carried"])
    put("r3_1", disclosed - company_done, company_done)
    put("r3_4_1", n["missing"])
    put("r3_5_2", repeat)
    put("r3_7", done - company_done, company_done)
    put("r4", n["carry_out"])
    return rows


def _sections_text(name: str, year: int, index: int, n: dict) -> tuple[str, str, str]:
    focus = FOCUS[(index + year) % len(FOCUS)]
    problem = PROBLEMS[(index + year) % len(PROBLEMS)]
    overview = (
        f"本报告根据《中华人民共和国政府信息公开条例》编制，本报告所列数据的统计期限为{year}年1月1日"
        f"至{year}年12月31日。\n"
        f"{year}年，{name}围绕{focus}等群众关注事项，通过县政府门户网站乡镇专栏和村务公开栏"
        "公开政府信息。\n"
        f"全年新收政府信息公开申请{n['new']}件，均在法定期限内答复。\n"
        f"{party_committee(name)}将政务公开纳入年度目标考核，组织群众代表开展社会评议，"
        "全年未发生责任追究情形。")
    problems = (f"一是{problem}。二是公开内容的系统性还有提升空间。\n"
                "下一步将明确各站所信息员职责，按月通报信息报送情况。")
    other = "本年度未收取信息处理费。"
    return overview, problems, other


def _cells(values) -> list[str]:
    return [str(v) for v in values]


def text_2018(name: str, full_name: str, index: int) -> str:
    return "\n".join([
        f"{name}2018年政府信息公开工作年度报告",
        "一、概述",
        f"2018年，{name}认真贯彻《中华人民共和国政府信息公开条例》，由党政综合办公室具体负责"
        "政府信息公开日常工作，各站所确定一名兼职信息员。",
        "二、主动公开政府信息的情况",
        f"全年通过县政府门户网站、镇便民服务中心和村务公开栏主动公开政府信息{96 + index}条，"
        "重点公开财政收支、惠农补贴发放和低保对象评议结果。",
        "三、依申请公开政府信息和不予公开政府信息的情况",
        "全年收到政府信息公开申请2件，均已按期答复，无不予公开情形。",
        "四、政府信息公开的收费及减免情况",
        "未收取任何费用。",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "无。",
        "六、存在的主要问题及改进情况",
        "信息公开的及时性有待提高，下一步将建立信息报送台账，按月督促。",
        full_name,
        "2019年3月12日",
    ])


def text_2020(name: str, full_name: str, index: int) -> str:
    """Trial format; tables printed as "label numbers" lines, as pasted from a document."""
    n = old_numbers(index)[2020]
    overview, problems, other = _sections_text(name, 2020, index, n)
    lines = [f"{name}2020年政府信息公开工作年度报告", "一、总体情况", *overview.split("\n"),
             "二、主动公开政府信息情况"]
    lines.append("第二十条第（一）项")
    lines.append("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")
    lines.append("规章 0 0 0")
    lines.append(f"规范性文件 0 0 {index % 2}")
    lines.append("第二十条第（五）项")
    lines.append("信息内容 上一年项目数量 本年增/减 处理决定数量")
    lines.append(f"行政许可 18 0 {10 + index}")
    lines.append("其他对外管理服务事项 6 0 4")
    lines.append("第二十条第（六）项")
    lines.append(f"行政处罚 2 0 {index % 3}")
    lines.append("行政强制 0 0 0")
    lines.append("第二十条第（八）项")
    lines.append("行政事业性收费 3 0")
    lines.append("第二十条第（九）项")
    lines.append(f"政府集中采购 {2 + index % 2} {18.5 + index}")
    lines.append("三、收到和处理政府信息公开申请情况")
    for row, values in _table3_rows(s.SCHEMA_2019, n).items():
        lines.append(" ".join([_label(s.SCHEMA_2019, row), *_cells(values)]))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append("行政复议 行政诉讼")
    lines.append(" ".join(["0"] * 15))
    lines += ["五、存在的主要问题及改进情况", *problems.split("\n"),
              "六、其他需要报告的事项", other, full_name, "2021年1月22日"]
    return "\n".join(lines)


def _label(schema: str, row_id: str) -> str:
    row = s.table3_row(schema, row_id)
    return f"{s.GROUP_LABELS[row.group]}{row.label}" if row.group else row.label


def text_2021(name: str, full_name: str, index: int) -> str:
    """2021 format copied from a web page: one table cell per line, blank lines between."""
    n = old_numbers(index)[2021]
    overview, problems, other = _sections_text(name, 2021, index, n)
    lines = ["您当前所在位置：首页 > 乡镇信息公开 > 年度报告",
             f"{name}2021年政府信息公开工作年度报告", full_name,
             "2021年政府信息公开工作年度报告", "一、总体情况", *overview.split("\n"),
             "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数",
             "本年废止件数", "现行有效件数", "规章", "0", "0", "0", "行政规范性文件", "0", "0", "0",
             "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", str(14 + index),
             "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", str(1 + index % 2),
             "行政强制", "0", "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）",
             "行政事业性收费", f"{0.4 + index / 10:.1f}",
             "三、收到和处理政府信息公开申请情况", s.TABLE3_BALANCE_NOTE, s.APPLICANT_LABEL,
             "自然人", s.LEGAL_PERSON_LABEL, "总计", "商业企业", "科研机构", "社会公益组织",
             "法律服务机构", "其他"]
    group = ""
    for row, values in _table3_rows(s.SCHEMA_2021, n).items():
        spec = s.table3_row(s.SCHEMA_2021, row)
        if row == "r3_1":
            lines.append(s.RESULT_HEADING)
        if spec.group and spec.group != group:
            lines.append(s.GROUP_LABELS[spec.group])
        group = spec.group
        lines += [spec.label, *_cells(values)]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼",
              *[label for _c, label in s.TABLE4_COLUMNS], "未经复议直接起诉", "复议后起诉",
              *[label for _c, label in s.TABLE4_COLUMNS] * 2, *["0"] * 15,
              "五、存在的主要问题及改进情况", *problems.split("\n"),
              "六、其他需要报告的事项", other, full_name, "2022年1月20日", "相关文章"]
    return "\n\n".join(lines)
