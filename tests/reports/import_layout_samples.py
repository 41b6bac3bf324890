"""Fictional 2023 reports in the table layouts city districts and townships publish.

Written for these tests: names, figures and sentences are invented. The layouts follow what
real pages give when copied as text:

- PIPE_DISTRICT_2023: every table copied from a web page with " | " between cells, the group
  labels in the same line as the row label ("三、本年度办理结果 | (一)予以公开 | 6 | …",
  "(三)不予公开 | 1.属于国家秘密 | 0 | …"), half-width punctuation throughout, and Table 2
  printed as four small tables headed 第二十条第(一)项, 第(五)项, 第(六)项, 第(八)项;
- TAB_TOWNSHIP_2023: the same tables pasted from a spreadsheet, cells split by tabs,
  the group label only on the group's first row and an empty first cell after it.

The figures are consistent: every row adds up, 三(七) is the sum of the outcomes, and
一 + 二 = 三(七) + 四 in every column.
"""

from reports import schemas

T2 = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 3, "repealed": 1, "in_force": 14},
    "licensing": {"decisions": 156},
    "penalties": {"decisions": 23},
    "enforcement": {"decisions": 2},
    "fees": {"amount_wan_yuan": 1.26},
}

T3 = {
    "r1": [14, 3, 0, 0, 1, 0, 18],
    "r2": [2, 0, 0, 0, 0, 0, 2],
    "r3_1": [6, 1, 0, 0, 0, 0, 7],
    "r3_2": [2, 0, 0, 0, 0, 0, 2],
    "r3_3_4": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_6": [0, 1, 0, 0, 0, 0, 1],
    "r3_4_1": [4, 0, 0, 0, 1, 0, 5],
    "r3_4_2": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_2": [1, 0, 0, 0, 0, 0, 1],
    "r3_6_1": [0, 1, 0, 0, 0, 0, 1],
    "r3_7": [15, 3, 0, 0, 1, 0, 19],
    "r4": [1, 0, 0, 0, 0, 0, 1],
}

# 行政复议 | 未经复议直接起诉 | 复议后起诉, each 结果维持 结果纠正 其他结果 尚未审结 总计
T4 = [1, 0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def expected_tables() -> dict:
    tables = schemas.empty_tables("2021")
    tables["table2"] = {key: dict(cells) for key, cells in T2.items()}
    for row, values in T3.items():
        tables["table3"][row] = dict(zip(schemas.TABLE3_COLUMN_IDS, values, strict=True))
    groups = [g for g, _l in schemas.TABLE4_GROUPS]
    for i, group in enumerate(groups):
        tables["table4"][group] = dict(zip(schemas.TABLE4_COLUMN_IDS, T4[i * 5:i * 5 + 5],
                                           strict=True))
    return tables


def half_width(text: str) -> str:
    return (text.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")
            .replace("；", ";").replace("“", '"').replace("”", '"'))


def _table2(sep: str) -> list[str]:
    out = []
    blocks: dict[str, list] = {}
    for row in schemas.TABLE2["2021"]:
        blocks.setdefault(row.block, []).append(row)
    for block, rows in blocks.items():
        out.append(half_width(block))
        out.append(sep.join(["信息内容", *(half_width(label) for _c, label in rows[0].columns)]))
        for row in rows:
            out.append(sep.join([row.label, *(_num(T2[row.key][c]) for c, _l in row.columns)]))
    return out


def _num(value) -> str:
    return str(value)


def _table3(sep: str, *, group_on_every_row: bool) -> list[str]:
    zero = [0] * 7
    out = [
        half_width(sep.join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                             "申请人情况"])),
        sep.join(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        sep.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
    ]
    for row in schemas.TABLE3_ROWS["2021"]:
        values = [str(v) for v in T3.get(row.id, zero)]
        label = half_width(row.label)
        if row.id == "r3_1":
            head = [schemas.RESULT_HEADING]
        elif row.group and (group_on_every_row or row.id.endswith("_1")):
            head = [half_width(schemas.GROUP_LABELS[row.group])]
        elif row.id.startswith("r3_"):
            head = [""]
        else:
            head = []
        out.append(sep.join([*head, label, *values]))
    return out


def _table4(sep: str) -> list[str]:
    columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        sep.join(["行政复议", "", "", "", "", "行政诉讼"]),
        sep.join(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"]),
        sep.join(columns * 3),
        sep.join(str(v) for v in T4),
    ]


def _report(township: str, sep: str, *, group_on_every_row: bool) -> str:
    lines = [
        f"{township}2023年政府信息公开工作年度报告",
        "发布时间:2024-01-25 来源:区政府办",
        "本报告依据《中华人民共和国政府信息公开条例》编制,统计期限为2023年1月1日至2023年12月31日。",
        "一、总体情况",
        f"2023年,{township}围绕群众关心的事项做好主动公开,全年发布信息二百余条。",
        "二、主动公开政府信息情况",
        *_table2(sep),
        "三、收到和处理政府信息公开申请情况",
        *_table3(sep, group_on_every_row=group_on_every_row),
        "四、政府信息公开行政复议、行政诉讼情况",
        *_table4(sep),
        "五、存在的主要问题及改进情况",
        "公开内容的时效性有待提高。下一步将按月核对各栏目更新情况。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        f"{township}人民政府",
        "2024年1月25日",
    ]
    return "\n".join(lines)


PIPE_DISTRICT_2023 = _report("云台街道", " | ", group_on_every_row=True)
TAB_TOWNSHIP_2023 = _report("松岗镇", "\t", group_on_every_row=False)


def cell_score(tables: dict | None) -> tuple[int, int]:
    """(cells read right, cells) of the 2021-format Tables 2–4 against the expected figures."""
    expected = expected_tables()
    total = right = 0
    got = tables or {}
    for table in ("table2", "table3", "table4"):
        for row, cells in expected[table].items():
            for column, value in cells.items():
                total += 1
                if got.get(table, {}).get(row, {}).get(column) == value:
                    right += 1
    return right, total


def docx_from_pipes(text: str) -> bytes:
    """The same report as a Word document: each run of " | " rows a Word table (the label
    cell of a row without a group label merged over the group column, as Word prints it)."""
    import io

    import docx

    document = docx.Document()
    block: list[list[str]] = []

    def flush():
        if not block:
            return
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for i, cells in enumerate(block):
            if len(cells) == width - 1 and width == 9 and not cells[0].startswith("(本列"):
                table.cell(i, 0).merge(table.cell(i, 1)).text = cells[0]
                for j, cell in enumerate(cells[1:], start=2):
                    table.cell(i, j).text = cell
                continue
            for j, cell in enumerate(cells):
                table.cell(i, j).text = cell
        block.clear()

    for line in text.splitlines():
        if " | " in line:
            block.append([c.strip() for c in line.split(" | ")])
        else:
            flush()
            document.add_paragraph(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
