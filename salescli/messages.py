"""Chinese for the words salescli writes around its figures: notes, warnings, errors, hints,
the words in its cells (outcomes, moves, severities, honours) and the explanation's formulas.

One catalogue, in one place: `WORDS` maps a whole English cell or message to its Chinese;
`PATTERNS` maps a regular expression over an English message to a Chinese template with the
same groups (`{0}`, `{1}`…, each group itself translated). Messages are written in English
where they are made (rules, readers, commands) and translated here, at the output, when
`--lang zh` asks. Machine formats are never translated.

To add a message: add its English (or a pattern for it, numbers as groups) and its Chinese
here; `tests/test_zh.py` walks every command's Chinese output and fails on English left over.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from salescli.i18n import Msg

WORDS: dict[str, str] = {
    # outcomes, moves, severities, classes
    "TRUE": "是",
    "FALSE": "否",
    "total": "合计",
    "the rest": "其余",
    # issue 13: sales nobody owns, blank breakdown members, the explanation's "here" list
    "profit": "利润",
    "amount": "销售额",
    # issue 23: total words, empty and error cells, repeated keys, rep names
    "target": "目标",
    "expense": "费用",
    "review": "考评",
    "customer": "客户",
    # how check read a header
    # target levels, as named in notes
    "rep": "销售代表",
    "region": "区域",
    "category": "产品类别",
    "customer_group": "客户群体",
    # honours: codes in machine formats, labels in people's (salescli.rules.appraisal.HONOURS)
    # a folder that is not a workspace (#24)
    # the customers table's definitions
    "customers with an order": "本期有订单的客户",
    "first order ever in the period": "本期首次下单的客户",
    # check's problems and hints
    "no rep in the customer file": "客户档案中没有负责销售代表",
    "no class": "没有分类",
    # the explanation's formulas
    # the follow-up duties (feedback 2.2.4, visit records 2.3, order changes 4.2.5)
    "(not given)": "（未填写）",
    # a decision as a cell (the column names take their labels: 批准数, 驳回数…)
    "approved": "批准",
    "pending": "待审批",
    # what a target adjustment request lacks (targets.review_adjustments)
    "new target": "调整后目标",
    "a new target that is not negative": "不为负数的调整后目标",
    "sales manager's review": "销售经理审核",
    "company leader's approval": "公司领导审批",
    # table names, as the read log names them
    "feedback": "客户反馈",
    "order_changes": "订单变更",
    "quantity": "数量",
    "purpose": "拜访目的",
    "next_step": "下一步",
    # s5-zh: errors, hints, warnings and what run, init and cache print (#17)
    "order lines": "订单行",
    "not a number": "不是数字",
    "not a period": "不是期间",
    "counted as a sale": "按销售计入",
    "not taken as a cancel flag": "不视为取消标记",
    "taken as open": "按进行中处理",
    "the workbook has no visible worksheet": "工作簿没有可见的工作表",
    "check the path": "请检查路径",
    "give the company's annual target in yuan, e.g. total=120_000_000": (
        "请给出公司的年度目标（元），例如 total=120_000_000"
    ),
    "--include needs one name per level": "--include 每个层级需要一个名称",
    "a database output needs the period of the run": "数据库输出需要本次运行的期间",
    "give --month, --quarter, --year or --week (split-targets: --year)": (
        "请给出 --month、--quarter、--year 或 --week（split-targets：--year）"
    ),
    "write it to a file instead (-o FILE.xlsx)": "请改为写入文件（-o FILE.xlsx）",
    "sqlite:///FILE or postgresql://…": "应为 sqlite:///FILE 或 postgresql://…",
    "choose a file you can write to (a new one is created)": "请选择可写的文件（不存在会新建）",
    "PostgreSQL output needs psycopg": "PostgreSQL 输出需要 psycopg",
    "write one year at a time to a database": "请每次只把一年写入数据库",
    "nothing was written; run again when the other write is done": (
        "没有写入任何内容；请等另一次写入完成后再运行"
    ),
    "nothing was written; check the database's permissions and free space": (
        "没有写入任何内容；请检查数据库的权限和剩余空间"
    ),
    "check free disk space and permissions": "请检查磁盘剩余空间和权限",
    # read whole or refuse, outputs whole as a set (issue 23)
    "the previous output is unchanged": "原有输出未改动",
    "or give a file name such as report.xlsx": "或给出文件名，例如 report.xlsx",
    # the run's jobs, as its listing names them (POLICY.md sections)
    "last week's rep reports (4.3.3)": "上周的销售代表周报（4.3.3）",
    "last quarter's classification (2.1.2)": "上季度的客户分类（2.1.2）",
    "last month's manager report (4.3.4)": "上月的经理月报（4.3.4）",
    "last month's appraisal (5.2)": "上月的考核（5.2）",
    "last month's visit audit (2.3)": "上月的拜访检查（2.3）",
    "the month's visit plan (2.3)": "本月的拜访计划（2.3）",
    "last quarter's analysis pack (4.3.5)": "上季度的分析报告（4.3.5）",
    "last quarter's appraisal (5.2)": "上季度的考核（5.2）",
    "last year's appraisal (5.2)": "上年度的考核（5.2）",
    # check's problems of the records, the feedback and the order changes
    "until then it counts as open": "在此之前计为未办结",
    "the rep (销售代表), or add the customer to the customer file": (
        "销售代表，或把该客户加入客户档案"
    ),
    "decision (审批结果)": "审批结果",
    "unused: customer id and name have columns": "未使用：已有客户编号和名称列",
    "kept; amount_basis = gross": "保留；amount_basis = gross",
    "the only amount: tax-inclusive": "唯一的金额：含税",
    'canonical_name = "header in the file"': 'canonical_name = "文件中的表头"',
    # issue 22: what a sale is
    # the header of salescli.toml
}

PATTERNS: list[tuple[str, str]] = [
    (r"ignore = (?P<raw0>\[.*\]) under (?P<raw1>\[inputs\.\w+\])", "{1} 下的 ignore = {0}"),
    # prefixes
    (r"warning: (.+)", "警告：{0}"),
    (r"salescli: error: (.+)", "salescli：错误：{0}"),
    (r"  hint: (.+)", "  建议：{0}"),
    (r"fill in (.+) \((?P<col>[a-z_]+)\)", "请填写{0}"),
    (r"fill in (.+)", "请填写{0}"),
    (r"alias \(fallback (\d+)\)", "别名（备选 {0}）"),
    (r"alias \(one column\)", "别名（一列两用）"),
    (r"alias \(customer beside a name\)", "别名（另有客户名称列）"),
    (r"alias \(customer beside an id\)", "别名（另有客户编号列）"),
    (r"ignored \(ignore setting\)", "忽略（ignore 设置）"),
    (r"cancel (.+)", "取消标记 {0}"),
    (r"unused: the cost price beside 销售单价", "未使用：销售单价旁的成本价"),
    (r"unused: (\w+) is (.+)", "未使用：{0} 取自 {1}"),
    # errors and hints
    (
        r"looked for (.+); put the export there, set \[inputs\.(\w+)\] path in salescli\.toml, "
        r"or pass --input (\S+)",
        "查找过 {0}；请把导出文件放在那里、在 salescli.toml 中设置 [inputs.{1}] 的 path，"
        "或用 --input {2} 指定",
    ),
    (r"give exactly one of (.+)", "请给出且只给出 {0} 中的一个"),
    (r"e\.g\. (.+)", "例如 {0}"),
    (r"not a period: (.+)", "不是期间：{0}"),
    (r"(.+): refusing to overwrite an input file", "{0}：不能覆盖输入文件"),
    (r"refusing to overwrite an input file", "不能覆盖输入文件"),
    (r"choose another output path", "请换一个输出路径"),
    (r"(.+): cannot write here: (.+)", "{0}：无法写入此处：{1}"),
    (r"choose a folder you can write to", "请选择有写权限的文件夹"),
    (r"--format (\w+) needs -o FILE", "--format {0} 需要 -o 文件"),
    (r"cannot tell the output format of (.+)", "无法判断 {0} 的输出格式"),
    (
        r"use \.xlsx \.csv \.json \.jsonl \.parquet \.html or \.md, or --format",
        "请用 .xlsx .csv .json .jsonl .parquet .html 或 .md，或用 --format 指定",
    ),
    (r"no section (.+)", "没有 {0} 这一部分"),
    (r"sections: (.+)", "可选部分：{0}"),
    (
        r"run again with -v for the traceback and report it",
        "请加 -v 重新运行以查看详细信息，并报告此问题",
    ),
    (r"(.+): template (\S+), line (\d+): (.+)", "{0}：模板 {1} 第 {2} 行：{3}"),
    (r"(.+): template (\S+): (.+)", "{0}：模板 {1}：{2}"),
    (
        r"fix the template in --template-dir, or remove it to use salescli's own",
        "请修改 --template-dir 中的模板，或删除它以使用 salescli 自带的模板",
    ),
    # readers and the workspace
    (r"no (\w+) table: (.+)", "没有 {0} 表：{1}"),
    (
        r"a mobile \((\d+) digits\) or a landline with area code \((.+)\)",
        "手机号（{0} 位）或带区号的固定电话（{1}）",
    ),
    (
        r"(\d+) error\(s\), (\d+) warning\(s\) in (\d+) table\(s\)",
        "{1} 个警告，{0} 个错误，共 {2} 张表",
    ),
    (r"(\w+): headers not used: (.+)", "{0}：未使用的表头：{1}"),
    # commands' notes
    (r"no market rows for (\S+)", "没有 {0} 的市场数据"),
    # why a report's section is empty (reports.EMPTY, satisfaction_gap)
    # the customers table's definitions
    (r"an order in the (\d+) days before", "此前 {0} 天内有订单"),
    (r"of them, no order in the last (\d+) days", "其中最近 {0} 天没有订单"),
    (r"A or B customers with no order in (\d+) days", "{0} 天没有订单的 A、B 类客户"),
    # honours' rules
    (r"(\S+) or (\S+)", "{0} 或 {1}"),
    # the explanation's formulas
    # the follow-up duties' notes and hints
    (
        r"(.+) \(basis: ([^;]+); manager: ([^;]+); leader: ([^;]+)\)",
        "{0}（依据：{1}；经理审核：{2}；领导审批：{3}）",
    ),
    (r"an existing target for (\S+) in (\S+)", "{0} 在 {1} 的现有目标"),
    # issue 13: sales nobody owns, covered quarters, class sources, explanations
    # a classification method named inside a message (a whole cell "score" is the column label)
    (r"score", "评分法"),
    (r"pareto", "帕累托法"),
    (r"thresholds", "阈值法"),
    # s5-week: the weekly report's summary and contributions (against the previous ISO week)
    # s5-print: what a printed (HTML) report leaves out, and where every row is
    # s5-zh: errors, hints, warnings and what run, init and cache print (#17)
    (r"(.+): (\S+) is the first working day of (\S+)", "{0}：{1} 是 {2} 的第一个工作日"),
    # periods and coverage
    (r"(\w+) end (\S+), (\d+) days? before (\S+) ends", "{0} 截至 {1}，比 {3} 结束早 {2} 天"),
    (r"(.+): the months are split equally", "{0}：各月平均分配"),
    (r"not a day: (?P<raw>.+)", "不是日期：{0}"),
    (r"([^()]+) \(year\)", "{0}（年）"),
    (r"([^()]+) \(quarter\)", "{0}（季度）"),
    (r"([^()]+) \(month\)", "{0}（月）"),
    (r"([^()]+) \(ISO week\)", "{0}（ISO 周）"),
    (r"a day such as (\S+)", "某一天，如 {0}"),
    (r"or last / this", "或 last / this"),
    (r"(?P<raw>--\S+) or (--\S+(?: or --\S+)*)", "{0} 或 {1}"),
    (r"(?P<raw0>--\S+ \S+) or (?P<raw1>--\S+ \S+)", "{0} 或 {1}"),
    (r"(?P<raw0>\S+) (?P<raw1>'[^']*') is not a day", "{0} {1} 不是日期"),
    (r"write it as YYYY-MM-DD, e\.g\. (\S+)", "请写成 YYYY-MM-DD 的形式，例如 {0}"),
    # readers and cells
    (r"write it like ([^;]+)", "请写成 {0} 这样的形式"),
    (r"add a (.+) column to the export", "请在导出文件中加入 {0} 列"),
    # issue 23: total words, empty and error cells, repeated keys, rep names
    (
        r"the rows above sum to (-?[\d,]+\.\d\d), those since the last total row to "
        r"(-?[\d,]+\.\d\d)",
        "上方各行合计 {0}，上一合计行之后的各行合计 {1}",
    ),
    (r"the rows above sum to (-?[\d,]+\.\d\d)", "上方各行合计 {0}"),
    (r"(?P<col>[a-z_]+) (-?[\d,]+\.\d\d)", "{0} {1}"),
    (r"empty: (.+)", "为空：{0}"),
    (
        r'民國 years below 100: (?P<raw>date_format = "ROC") under \[inputs\.(\w+)\]',
        "民国纪年年份小于 100 时：在 [inputs.{1}] 下设置 {0}",
    ),
    (
        r"(target|expense|review|customer) (?P<raw>.+) is listed twice with different values, "
        r"rows (.+) \((.+)\)",
        "{0} {1} 重复出现且取值不同，第 {2} 行（{3}）",
    ),
    (r"(?P<col>[a-z_]+) = (?P<raw>[^;]+)", "{0} = {1}"),
    (
        r"keep the right row and delete the other: salescli does not choose a "
        r"(target|expense|review|customer) by its place in the file",
        "请保留正确的一行、删除另一行：salescli 不按行的位置选择{0}",
    ),
    (
        r"rep (?P<raw0>'[^']*') is (?P<raw1>.+) of the targets or customer file, case aside "
        r"\(rows (.+)\)",
        "销售代表 {0} 不分大小写时是目标表或客户档案中的 {1}（第 {2} 行）",
    ),
    (
        r"rep (?P<raw0>'[^']*') is (?P<raw1>.+) of the targets or customer file, case aside",
        "销售代表 {0} 不分大小写时是目标表或客户档案中的 {1}",
    ),
    # the readers' notes (output notes, -v)
    (r"template (?P<raw0>\S+), line (\d+): (?P<raw1>.+)", "模板 {0} 第 {1} 行：{2}"),
    (r"template (?P<raw0>\S+): (?P<raw1>.+)", "模板 {0}：{1}"),
    (
        r"check the URI: (?P<raw0>\S+) or (?P<raw1>\S+)",
        "请检查 URI：{0} 或 {1}",
    ),
    (r"(.+): the period of the decision depends on it", "{0}：审批所属的期间取决于它"),
    (r"(?P<raw>\w+) appears on more than one row", "{0} 出现在多行中"),
    (
        r"(.+): (\d+) line\(s\) with a status outside the vocabulary "
        r"\((?P<raw1>.+)\), ([^;]+); (.+)",
        "{0}：{1} 行的状态不在词表中（{2}），{3}；{4}",
    ),
    (
        r"(.+): (\d+) line\(s\) with a outcome outside the vocabulary "
        r"\((?P<raw1>.+)\), ([^;]+); (.+)",
        "{0}：{1} 行的结果不在词表中（{2}），{3}；{4}",
    ),
    # the workspace
    (r"no file (?P<raw>.+)", "没有文件 {0}"),
    # a hidden sheet that holds the table (before the locations below, which match it too)
    # the same lines in two exports
    (r"(?P<raw0>[^,]+), sheet (?P<raw1>.+)", "{0}，工作表 {1}"),
    (r"([\d,]+) order lines", "{0} 个订单行"),
    (r"([\d,]+) customers", "{0} 个客户"),
    (r"([\d,]+) visits", "{0} 次拜访"),
    (r"([\d,]+) (?P<raw>\w+) rows", "{0} 个 {1} 行"),
    (r"(.+) and (\d+) more", "{0} 等（另有 {1} 个）"),
    (
        r"([\d,]+ .+) have the key of a line in (?P<raw0>.+) but other values \(first: "
        r"(?P<raw1>\S+) (?P<raw2>.+), row (\d+) here, row (\d+) there; rows (.+) here\)",
        "{0}与 {1} 中某行的键相同但其他值不同（第一个：{2} {3}，此处第 {4} 行，"
        "彼处第 {5} 行；此处第 {6} 行）",
    ),
    # salescli.toml
    (r"(.+) \(at line (\d+), column (\d+)\)", "{0}（第 {1} 行第 {2} 列）"),
    (r"Expected '(.+)' at the end of a table declaration", "表头声明末尾缺少 '{0}'"),
    (r"Expected '(.+)' at the end of an array declaration", "数组表声明末尾缺少 '{0}'"),
    (r"Expected '=' after a key in a key/value pair", "键后面缺少 '='"),
    (r"Expected newline or end of document after a statement", "语句后面应换行或结束"),
    (r"Invalid value", "值无效"),
    (r"Invalid statement", "语句无效"),
    (r"Unterminated string", "字符串没有结束"),
    (r"Unclosed array", "数组没有闭合"),
    (r"Cannot declare (?P<raw>.+) twice", "不能两次声明 {0}"),
    (r"Cannot overwrite a value", "不能覆盖已有的值"),
    (r"Invalid date or datetime", "日期或时间无效"),
    (r"Illegal character (?P<raw>.+)", "非法字符 {0}"),
    (r"Value error, (.+)", "{0}"),
    (r"[Ii]nput should be less than or equal to (\S+)", "应小于或等于 {0}"),
    (r"[Ii]nput should be greater than or equal to (\S+)", "应大于或等于 {0}"),
    (r"[Ii]nput should be less than (\S+)", "应小于 {0}"),
    (r"[Ii]nput should be greater than (\S+)", "应大于 {0}"),
    (r"[Ii]nput should be a valid number(?:, .+)?", "应为有效的数字"),
    (r"[Ii]nput should be a valid integer(?:, .+)?", "应为整数"),
    (r"[Ii]nput should be a valid boolean(?:, .+)?", "应为 true 或 false"),
    (r"[Ii]nput should be a valid string", "应为文字"),
    (r"[Ii]nput should be a valid list", "应为列表"),
    (r"[Ii]nput should be (?P<raw>.+)", "应为 {0}"),
    (
        r"neither chinese-calendar nor holidays has holiday data for (\d+)",
        "chinese-calendar 和 holidays 都没有 {0} 年的节假日数据",
    ),
    (
        r"set calendar = \"weekdays\" in salescli\.toml, or list that year's holidays and make-up "
        r"workdays under `holidays` and `workdays`",
        '请在 salescli.toml 中设置 calendar = "weekdays"，或在 holidays 和 workdays 下列出'
        "那一年的节假日和调休工作日",
    ),
    # the command line
    (
        r"(\d+) is not in the chinese-calendar package yet: (.+); list (\d+)'s days off and "
        r"make-up working days under `holidays` and `workdays` in salescli\.toml once they are "
        r"announced",
        "chinese-calendar 中还没有 {0} 年：{1}；公布后请在 salescli.toml 的 holidays 和 workdays "
        "下列出 {2} 年的休息日和调休工作日",
    ),
    (
        r"its days off assumed from the `holidays` package's statutory days \((?P<raw>[^)]+)\)",
        "休息日按 holidays 包的法定假日推定（{0}）",
    ),
    (r"make-up working days unknown \(none assumed\)", "调休工作日未知（按没有调休处理）"),
    (r"cannot write to standard output: (?P<raw>.+)", "无法写入标准输出：{0}"),
    (r"choose from (?P<raw0>.+), e\.g\. (?P<raw1>.+)", "请从 {0} 中选择，例如 {1}"),
    (r"(?P<raw0>\S+) has no (?P<raw1>\w+) column", "{0} 没有 {1} 列"),
    (
        r"a folder output takes --format (?P<raw0>\S+), not (?P<raw1>\S+)",
        "文件夹输出只能用 --format {0}，不能用 {1}",
    ),
    (r"cannot write the file: (?P<raw>.+)", "无法写入文件：{0}"),
    (r"cannot write here: (?P<raw>.+)", "无法写入此处：{0}"),
    (
        r"the file is a link to (?P<raw>.+), which does not exist",
        "文件是指向 {0} 的链接，而该文件不存在",
    ),
    (
        r"the file looks like (?P<raw0>.+) text, but byte ([\d,]+) cannot be read as "
        r"(?P<raw1>.+) \(the file may be cut short or damaged\)",
        "文件看起来是 {0} 文本，但第 {1} 个字节无法按 {2} 读取（文件可能被截断或已损坏）",
    ),
    (
        r"export it again; if the file is whole \(some systems end the last line without a "
        r"line break\), set last_line = \"complete\" under (?P<raw>\[inputs\.\w+\]) in "
        r"salescli\.toml",
        "请重新导出；如果文件是完整的（有些系统的最后一行不带换行符），请在 salescli.toml 的 "
        '{0} 下设置 last_line = "complete"',
    ),
    (r"unknown database (?P<raw>.+)", "未知的数据库 {0}"),
    (r"(?P<raw>.+) is not sqlite:///FILE", "{0} 不是 sqlite:///FILE"),
    (r"cannot open the SQLite database: (?P<raw>.+)", "无法打开 SQLite 数据库：{0}"),
    (r"cannot connect to PostgreSQL: (?P<raw>.+)", "无法连接 PostgreSQL：{0}"),
    (r"another write held the database for (\S+) s", "另一次写入占用数据库已达 {0} 秒"),
    (r"the database refused the write: (?P<raw>.+)", "数据库拒绝写入：{0}"),
    (r"(?P<raw0>\S+) has no table for a database", "{0} 没有可写入数据库的表"),
    (
        r"(?P<raw0>\w+) holds rows of (?P<raw1>.+), outside (\S+)",
        "{0} 含有 {1} 的行，超出了 {2}",
    ),
    (
        r"table (?P<raw0>\w+) column (?P<raw1>\w+) is (?P<raw2>\w+) in the database but this "
        r"salescli writes (?P<raw3>\w+)",
        "数据库中表 {0} 的列 {1} 是 {2}，而本版 salescli 写入的是 {3}",
    ),
    (
        r"rename or drop (?P<raw>\S+) \(or the table\), or write to a new database",
        "请重命名或删除 {0}（或整张表），或写入新的数据库",
    ),
    # issue 22: what a sale is (columns that stop a run, documents, currencies, the seller)
    (r"may be who sold the line", "可能是成交的销售人员"),
    (
        r"may be the customer's owner, whom its sales count for",
        "可能是客户的负责人，其销售计入此人",
    ),
    (
        r"if it is the customer's owner, map it: (?P<raw0>.+); if not, add (.+)",
        "如果它是客户的负责人，请映射：{0}；如果不是，请加入 {1}",
    ),
    (r"may say which lines are returns or other documents", "可能标明哪些行是退货或其他单据"),
    (r"may mark lines cancelled or voided", "可能标明哪些行已取消或作废"),
    (r"holds currencies", "含有币种"),
    (r"may hold refunds or returns", "可能含有退款或退货"),
    (r"is a second amount the figures could mean", "是另一列金额，数字可能应取自它"),
    (r"is a second date the lines could be dated by", "是另一列日期，各行可能应按它计日期"),
    (
        r"if it is who sold the line, map it: (?P<raw0>.+); if not, add (.+)",
        "如果它是成交的销售人员，请映射：{0}；如果不是，请加入 {1}",
    ),
    (
        r"if it is the sales amount, map it: (?P<raw0>.+); if not, add (.+)",
        "如果它是销售金额，请映射：{0}；如果不是，请加入 {1}",
    ),
    (
        r"if the lines should be dated by it, map it: (?P<raw0>.+); if not, add (.+)",
        "如果各行应按它计日期，请映射：{0}；如果不是，请加入 {1}",
    ),
    (
        r"map it: (?P<raw0>.+?) \(its words are sorted into sale, order, invoice, return and "
        r"not_counted by \[documents\]\); or, if it says nothing of the kind, add (.+)",
        "请映射：{0}（其中的词按 [documents] 分为销售、订单、发票、退货和不计入）；"
        "如果它不说明单据类型，请加入 {1}",
    ),
    (
        r"map it: (?P<raw0>.+?) \(its yes words, listed in \[statuses\] flag_yes, take a line "
        r"out\); or, if it marks nothing, add (.+)",
        "请映射：{0}（[statuses] flag_yes 中的词表示该行不计入）；如果它不标明取消，请加入 {1}",
    ),
    (
        r"map it: (?P<raw0>.+?) \(with \[currency\] base and a rates table\); or add "
        r"(.+)",
        "请映射：{0}（配合 [currency] base 和汇率表）；或加入 {1}",
    ),
    (
        r"map it: (?P<raw0>.+?) \(subtracted from the line's amount\); or add (.+)",
        "请映射：{0}（从该行金额中扣除）；或加入 {1}",
    ),
    (
        r"(?P<raw0>.+): column\(s\) not read: (?P<raw1>.+); map each that a figure needs under "
        r"(?P<raw2>\[inputs\.\w+\]), or list it in ignore = \[\.\.\.\] there",
        "{0}：未读取的列：{1}；数字需要的请在 {2} 下映射，其余请列入那里的 ignore = [...]",
    ),
    (
        r"no rate in the rates table for (?P<raw0>.+) \((\d+) order line\(s\)\)",
        "汇率表中没有 {0} 的汇率（{1} 行订单）",
    ),
    (
        r"the amount is the same on every line of (\d+) order\(s\) whose lines differ \(e\.g\. "
        r"order (?P<raw0>\S+), rows (?P<raw1>[^)]+)\): it looks like the order's total repeated "
        r"on each line, which would be counted once per line",
        "{0} 张订单的各行数量或产品不同而金额都相同（如订单 {1}，第 {2} 行）：看起来是整单合计"
        "重复写在每一行上，按行相加会重复计算",
    ),
    # click's own usage errors
    (r"salescli: error: (.+)", "salescli：错误：{0}"),
]


class Legacy(Msg):
    """Text made before its maker said it as an id, as a message: the old translator renders
    it, so a message id can hold it as a parameter (`_("warning: {message}", message=…)`)
    while the messages move. It goes with this module."""

    def __new__(cls, text: str) -> Legacy:
        self = str.__new__(cls, text)
        self.id, self.plural, self.n, self.params = text, None, None, {}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Legacy, (str.__str__(self),))

    def render(self, lang: str) -> str:
        text = str.__str__(self)
        return _zh(text) if lang == "zh" and text else text


def message(text: object) -> Msg:
    """`text` as a message: a `Msg` as it is, other text for the old translator."""
    return text if isinstance(text, Msg) else Legacy(str(text))


def translate(text: str, lang: str) -> str:
    """A message or cell in the language asked; what the catalogue does not know stays.
    A `Msg` (salescli.i18n) is rendered through the gettext catalogues instead: while the
    messages move there, this is where the two meet."""
    if isinstance(text, Msg):
        return text.render(lang)
    if lang != "zh" or not isinstance(text, str) or not text:
        return text
    return _zh(text)


@cache
def _zh(text: str, names: bool = True) -> str:
    """`names`: a whole cell that is a canonical column name (amount, churn_rate) takes its
    label; inside a message (a pattern's group) names such as table names stay as they are."""
    from salescli.labels import label

    if text in WORDS:
        return WORDS[text]
    if names and label(text, "zh") != text:
        return label(text, "zh")
    if not re.search(r"[A-Za-z]{2}", text):
        return text
    for pattern, zh in _compiled():
        match = pattern.fullmatch(text)
        if match:
            # a group named raw… (a path, the data's own text, ids) is shown as it is; one
            # named col… holds canonical column names (cost, base_bonus), shown by their labels
            raw = {i - 1 for name, i in pattern.groupindex.items() if name.startswith("raw")}
            cols = {i - 1 for name, i in pattern.groupindex.items() if name.startswith("col")}
            groups = match.groups()
            return zh.format(
                *(
                    g if i in raw and g else _zh(g, i in cols) if g else ""
                    for i, g in enumerate(groups)
                )
            )
    for separator in ("; ", ", "):  # a list: each item on its own
        if separator in text:
            parts = [_zh(p, names) for p in text.split(separator)]
            return ("；" if separator == "; " else "、").join(parts)
    return text


@cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p, re.S), zh) for p, zh in PATTERNS]
