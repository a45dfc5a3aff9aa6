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
    "the line's amount is unknown": "该订单行的金额未知",
    "counted as 0 in the volume": "销量按 0 计",
    "left out of the profit": "不计入利润",
    "no volume attainment for the rep": "该销售代表没有销量达成率",
    "no profit attainment for the rep": "该销售代表没有利润达成率",
    "the policy's base bonus (bonus.base) is used": "按制度的基本奖金（bonus.base）计算",
    "ranked lowest on potential value": "潜在价值按最低排名",
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
    "sales_champion": "销售冠军",
    "sales_star": "销售明星",
    "promotion_candidate": "晋升候选",
    # a folder that is not a workspace (#24)
    "pass the workspace with -w DIR, or make this folder one with `salescli init` "
    "(`salescli init --demo` for the demo company)": (
        "用 -w DIR 指定工作区，或用 `salescli init` 把此文件夹设为工作区（`salescli init --demo` "
        "生成演示公司）"
    ),
    # the customers table's definitions (cells of the definition column)
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
    "no handler: customer service has not taken it": "没有处理人：客服尚未受理",
    "fill in handler (处理人); it is counted under (no handler)": (
        "请填写处理人；未填写时计入（无处理人）"
    ),
    "a change on an order that is not in the orders export": "变更的订单不在订单导出中",
    "export the order too, or check the order number": "请同时导出该订单，或核对订单编号",
    "no rep, and the customer has no owner: counted under (no rep)": (
        "没有销售代表，客户也没有负责销售代表：计入（无销售代表）"
    ),
    # s5-zh: errors, hints, warnings and what run, init and cache print (#17)
    "order lines": "订单行",
    "not a number": "不是数字",
    "not a period": "不是期间",
    "this column writes decimals with a comma: write it like 1.234,50": (
        "此列用逗号作小数点：请写成 1.234,50 的形式"
    ),
    "counted as a sale": "按销售计入",
    "not taken as a cancel flag": "不视为取消标记",
    "taken as open": "按进行中处理",
    "write the header as the file spells it, or remove the line": (
        "请按文件中的写法填写表头，或删除这一行"
    ),
    "the file is empty": "文件是空的",
    "export the table again": "请重新导出该表",
    "the workbook is password-protected": "工作簿有密码保护",
    "open it in Excel and save it without a password (File > Info > Protect Workbook > Encrypt "
    "with Password: clear it), or export it again": (
        "请在 Excel 中打开并去掉密码后保存（文件 > 信息 > 保护工作簿 > 用密码进行加密：清空），"
        "或重新导出"
    ),
    "open it in Excel and save it without a password, or export it again": (
        "请在 Excel 中打开并去掉密码后保存，或重新导出"
    ),
    "the file declares XML entities": "文件声明了 XML 实体",
    "this is not an export a spreadsheet program writes; open and re-save it in Excel": (
        "这不是电子表格程序写出的导出文件；请在 Excel 中打开并另存"
    ),
    "the file is neither UTF-8, GBK nor Western text": "文件既不是 UTF-8、GBK，也不是西文文本",
    "save it from Excel as CSV UTF-8, or set its encoding under [inputs.NAME] in salescli.toml "
    '(encoding = "gb18030" for Chinese, "cp1252" for Western European text, "big5" for '
    'Traditional Chinese, "shift_jis" for Japanese, "utf-16" for Unicode text)': (
        "请在 Excel 中另存为“CSV UTF-8”，或在 salescli.toml 的 [inputs.NAME] 下设置编码"
        '（中文用 encoding = "gb18030"，西欧文字用 "cp1252"，繁体中文用 "big5"，日文用 '
        '"shift_jis"，UTF-16 文本用 "utf-16"）'
    ),
    "the file is damaged: it is not a complete xlsx/ods (zip) archive": (
        "文件已损坏：不是完整的 xlsx/ods（zip）压缩包"
    ),
    "export it again from the system, or open it in Excel (which may repair it) and save": (
        "请从系统重新导出，或在 Excel 中打开（Excel 可能会修复它）并保存"
    ),
    "the HTML file holds no table": "HTML 文件中没有表格",
    "write the file again": "请重新写出该文件",
    "open and re-save it in Excel": "请在 Excel 中打开并另存",
    "the workbook has no visible worksheet": "工作簿没有可见的工作表",
    "fix `encoding` under [inputs.…] in salescli.toml or remove it": (
        "请修改 salescli.toml 中 [inputs.…] 下的 encoding，或删除它"
    ),
    "open the file in Excel and save it, so the formulas' values are stored": (
        "请在 Excel 中打开并保存该文件，使公式的值被保存下来"
    ),
    "pass -w DIR, or create one with `salescli init DIR --demo`": (
        "请用 -w DIR 指定，或用 `salescli init DIR --demo` 新建一个"
    ),
    "let it finish, or raise lock_wait_seconds in salescli.toml": (
        "请等它结束，或调大 salescli.toml 中的 lock_wait_seconds"
    ),
    "check the path; it is relative to the current folder": "请检查路径；路径相对于当前文件夹",
    "check the path": "请检查路径",
    "identical later copies dropped (keep-first)": "已去掉后面完全相同的重复行（keep-first）",
    "earlier copies dropped (keep-last)": "已去掉前面的重复行（keep-last）",
    "fix the syntax": "请修正语法",
    "check the path (it is relative to the current folder), or leave --config out to use "
    "WORKSPACE/salescli.toml": (
        "请检查路径（相对于当前文件夹），或去掉 --config 以使用 WORKSPACE/salescli.toml"
    ),
    "settings must agree: S >= A >= B >= C, A's lines at or above B's, A visited at least as "
    "often as B and B as C, some weight in every group": (
        "各项设置必须一致：S ≥ A ≥ B ≥ C；A 类的门槛不低于 B 类；A 类的拜访不少于 B 类、B 类不少于 "
        "C 类；每组权重不能全为 0"
    ),
    "`salescli init` writes every setting with its description": (
        "`salescli init` 会写出每项设置及其说明"
    ),
    "`salescli init` writes every setting with its allowed values": (
        "`salescli init` 会写出每项设置及其可用的值"
    ),
    "a database is sqlite:///FILE or postgresql://…, or empty": (
        "数据库应为 sqlite:///FILE 或 postgresql://…，或留空"
    ),
    "the folder must hold {period}, e.g. reports/{period}": (
        "文件夹中必须含有 {period}，例如 reports/{period}"
    ),
    "placeholders are {period}, {command} and {today}": (
        "可用的占位符：{period}、{command} 和 {today}"
    ),
    "use {command} or {today}": "请用 {command} 或 {today}",
    "--rep with a database output would replace the whole period with some reps": (
        "--rep 与数据库输出同用，会用部分销售代表的数据替换整个期间"
    ),
    "write every rep to the database and filter in the BI tool": (
        "请把所有销售代表写入数据库，再在 BI 工具中筛选"
    ),
    "is the disk full? or write to a file with -o": "磁盘满了吗？或用 -o 写入文件",
    "pass --force to replace it": "请加 --force 以替换",
    "give an earlier day": "请给出更早的日期",
    "delete it: the next run then does only what is due today (use --since DAY to catch up "
    "further)": "请删除它：下次运行只做今天到期的任务（用 --since DAY 补做更早的）",
    "--notices needs --apply-to": "--notices 需要 --apply-to",
    "give --year and --total (or --apply-to FILE --adjustments FILE)": (
        "请给出 --year 和 --total（或 --apply-to FILE --adjustments FILE）"
    ),
    "give the company's annual target in yuan, e.g. --total 120000000": (
        "请给出公司的年度目标（元），例如 --total 120000000"
    ),
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
    "the export changed while it was read, run again": "导出文件在读取时发生了变化，请重新运行",
    "the system that writes it was still writing (or replaced it); run again when the export "
    "is complete (a cron job can run a few minutes after the export)": (
        "写出它的系统还在写入（或替换了它）；请在导出完成后重新运行（cron 任务可以在导出"
        "几分钟后运行）"
    ),
    "the last line has no line end: the file may have been cut short while it was written": (
        "最后一行没有换行符：文件可能在写入时被截断"
    ),
    "restore the file it points to, or remove the link from the workspace": (
        "请恢复它指向的文件，或从工作区删除这个链接"
    ),
    "the file is gone (removed or renamed while salescli ran)": (
        "文件不见了（salescli 运行时被删除或改名）"
    ),
    "put the export back and run again": "请放回导出文件后重新运行",
    "give salescli permission to read it (chmod a+r FILE), or move it out of the workspace": (
        "请允许 salescli 读取它（chmod a+r FILE），或把它移出工作区"
    ),
    "export it again, or save it from Excel as CSV UTF-8": (
        "请重新导出，或在 Excel 中另存为“CSV UTF-8”"
    ),
    "Big5 (Traditional Chinese)": "Big5（繁体中文）",
    "Shift-JIS (Japanese)": "Shift-JIS（日文）",
    "a literal brace is written twice ({{ or }})": "花括号本身要写两次（{{ 或 }}）",
    "or give a file name such as report.xlsx": "或给出文件名，例如 report.xlsx",
    "write the number without thousands separators, e.g. 120000000": (
        "数字请不要写千位分隔符，例如 120000000"
    ),
    "give a plain number, e.g. 120000000 or 0.85": "请给出普通数字，例如 120000000 或 0.85",
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
    "resolved before it was received": "解决日期早于反馈日期",
    "check resolved_on (解决日期) and received_on (反馈日期): days to resolve would be "
    "negative": "请核对 resolved_on（解决日期）和 received_on（反馈日期）：解决天数会是负数",
    "passed back to the rep but not resolved": "已回复销售代表但尚未解决",
    "until then it counts as open": "在此之前计为未办结",
    "passed back to the rep before it was resolved": "解决之前就已回复销售代表",
    "check returned_to_rep_on (回复销售日期) and resolved_on (解决日期)": (
        "请核对 returned_to_rep_on（回复销售日期）和 resolved_on（解决日期）"
    ),
    "the rep (销售代表), or add the customer to the customer file": (
        "销售代表，或把该客户加入客户档案"
    ),
    "not a decision": "不是审批结果",
    "write approved/通过, rejected/驳回, or leave it empty while pending": (
        "请写 approved/通过 或 rejected/驳回，待审批时留空"
    ),
    "a decision without its date": "有审批结果但没有审批日期",
    "decided before it was requested": "审批日期早于申请日期",
    "check decided_on (审批日期) and requested_on (申请日期)": (
        "请核对 decided_on（审批日期）和 requested_on（申请日期）"
    ),
    "a decision date without a decision: counted as pending": (
        "有审批日期但没有审批结果：计为待审批"
    ),
    "decision (审批结果)": "审批结果",
    "unused: customer id and name have columns": "未使用：已有客户编号和名称列",
    "kept; amount_basis = gross": "保留；amount_basis = gross",
    "the only amount: tax-inclusive": "唯一的金额：含税",
    "not a known change type: reported as written": "不是已知的变更类型：按原文列出",
    "quantity/数量, delivery_date/交期, price/价格, product/产品 or cancel/取消": (
        "quantity/数量、delivery_date/交期、price/价格、product/产品 或 cancel/取消"
    ),
    "each row must have its own number; remove the duplicate or fix the number": (
        "每行必须有自己的编号；请删除重复行或改正编号"
    ),
    'canonical_name = "header in the file"': 'canonical_name = "文件中的表头"',
    # issue 22: what a sale is
    "settle it in the export or salescli.toml; --strict stops on it": (
        "请在导出文件或 salescli.toml 中解决；使用 --strict 时会因此停止"
    ),
    # the header of salescli.toml
    "# salescli.toml: the sales policy's settings. Every key is shown with its default;": (
        "# salescli.toml：销售管理制度的各项设置。每个键都按默认值列出；"
    ),
    "# delete what you do not change. Input files can be pointed to with [inputs.NAME]:": (
        "# 不改的可以删除。输入文件可以用 [inputs.NAME] 指定："
    ),
    "# The settings of an [inputs.NAME] table:": "# [inputs.NAME] 表中的设置：",
}

PATTERNS: list[tuple[str, str]] = [
    (r"ignore = (?P<raw0>\[.*\]) under (?P<raw1>\[inputs\.\w+\])", "{1} 下的 ignore = {0}"),
    # prefixes
    (r"warning: (.+)", "警告：{0}"),
    (r"salescli: error: (.+)", "salescli：错误：{0}"),
    (r"  hint: (.+)", "  建议：{0}"),
    (r"fill in (.+) \((?P<col>[a-z_]+)\)", "请填写{0}"),
    (r"fill in (.+)", "请填写{0}"),
    (
        r"(?P<raw>.+) is not a salescli workspace: it has no salescli\.toml and no exports "
        r"\(orders\.xlsx, 订单\*\.xlsx, customers\.csv …\)",
        "{0} 不是 salescli 工作区：没有 salescli.toml，也没有任何导出文件"
        "（orders.xlsx、订单*.xlsx、customers.csv …）",
    ),
    (r"alias \(fallback (\d+)\)", "别名（备选 {0}）"),
    (r"alias \(one column\)", "别名（一列两用）"),
    (r"alias \(customer beside a name\)", "别名（另有客户名称列）"),
    (r"alias \(customer beside an id\)", "别名（另有客户编号列）"),
    (r"ignored \(ignore setting\)", "忽略（ignore 设置）"),
    (r"cancel (.+)", "取消标记 {0}"),
    (r"unused: the cost price beside 销售单价", "未使用：销售单价旁的成本价"),
    (r"unused: (\w+) is (.+)", "未使用：{0} 取自 {1}"),
    # errors and hints
    (r"the (\w+) table \((.+)\) is missing", "缺少 {0} 表（{1}）"),
    (
        r"looked for (.+); put the export there, set \[inputs\.(\w+)\] path in salescli\.toml, "
        r"or pass --input (\S+)",
        "查找过 {0}；请把导出文件放在那里、在 salescli.toml 中设置 [inputs.{1}] 的 path，"
        "或用 --input {2} 指定",
    ),
    (r"give exactly one of (.+)", "请给出且只给出 {0} 中的一个"),
    (r"e\.g\. (.+)", "例如 {0}"),
    (r"not a period: (.+)", "不是期间：{0}"),
    (r"accepted forms: (.+)", "可用的写法：{0}"),
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
    (
        r"(.+), sheet (.+): (\d+) total row\(s\) dropped, not summed \(rows (.+)\)",
        "{0}，工作表 {1}：已去掉 {2} 个合计行，未计入（第 {3} 行）",
    ),
    (r"no (\w+) table: the figures that need it are left empty", "没有 {0} 表：需要它的数字留空"),
    (r"no (\w+) table: (.+)", "没有 {0} 表：{1}"),
    (
        r"the (\w+) table has a header but no data rows \((.+)\)",
        "{0} 表只有表头、没有数据行（{1}）",
    ),
    (
        r"a mobile \((\d+) digits\) or a landline with area code \((.+)\)",
        "手机号（{0} 位）或带区号的固定电话（{1}）",
    ),
    (
        r"(\d+) error\(s\), (\d+) warning\(s\) in (\d+) table\(s\)",
        "{1} 个警告，{0} 个错误，共 {2} 张表",
    ),
    (r"(\w+): read (\d+) rows from (.+)", "{0}：读取 {1} 行，来自 {2}"),
    (r"(\w+): headers not used: (.+)", "{0}：未使用的表头：{1}"),
    # commands' notes
    (r"no market rows for (\S+)", "没有 {0} 的市场数据"),
    # why a report's section is empty (reports.EMPTY, satisfaction_gap)
    # the customers table's definitions (cells of the definition column)
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
    (r"salescli: run: (?P<raw0>\S+ \S+): wrote (?P<raw1>.+)", "salescli：运行：{0}：已写出 {1}"),
    (r"salescli: run: (?P<raw>\S+ \S+): (.+)", "salescli：运行：{0}：{1}"),
    (r"(?P<raw>\S+ \S+) waits: (.+)", "{0} 等待数据：{1}"),
    (r"already done on (\S+), inputs unchanged", "已于 {0} 完成，输入未变"),
    (
        r"the orders reach (\S+), not (\S+) yet \(tried again next run\)",
        "订单只到 {0}，尚未到 {1}（下次运行再试）",
    ),
    (
        r"there are no orders, not (\S+) yet \(tried again next run\)",
        "没有订单，尚未到 {0}（下次运行再试）",
    ),
    (r"(.+): (\S+) is the first working day of (\S+)", "{0}：{1} 是 {2} 的第一个工作日"),
    (r"(.+); the orders cannot be read: (?P<raw>.+)", "{0}；无法读取订单：{1}"),
    (r"nothing is due on (\S+)", "{0} 没有到期的任务"),
    (r"nothing is due from (\S+) to (\S+)", "{0} 至 {1} 没有到期的任务"),
    # periods and coverage
    (
        r"choose a period the (\w+) cover, or add the export that holds (\S+)",
        "请选择 {0} 覆盖的期间，或添加包含 {1} 的导出文件",
    ),
    (
        r"(\w+) end (\S+), (\d+) days? before (\S+) ends: the figures cover (\S+)\.\.(\S+) only",
        "{0} 截至 {1}，比 {3} 结束早 {2} 天：数字只覆盖 {4} 至 {5}",
    ),
    (r"(\w+) end (\S+), (\d+) days? before (\S+) ends", "{0} 截至 {1}，比 {3} 结束早 {2} 天"),
    (
        r"export the (\w+) up to (\S+), or set \[checks\] partial_period = \"warn\" to report "
        r"the part",
        '请导出截至 {1} 的 {0}，或在 [checks] 中设置 partial_period = "warn" 以报告已有部分',
    ),
    (r"(.+): the months are split equally", "{0}：各月平均分配"),
    (r"not a day: (?P<raw>.+)", "不是日期：{0}"),
    (r"(\d+) has no ISO week (\d+)", "{0} 年没有 ISO 第 {1} 周"),
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
    (
        r"(.+): (\d+) row\(s\) holding a total word \((?P<raw>.+)\) read as lines, since their "
        r"amounts are not the sum of the rows above \(rows (.+)\)",
        "{0}：{1} 行含合计字样（{2}），但其金额不是上方各行之和，已按订单行读取（第 {3} 行）",
    ),
    (
        r"(.+): (?P<col>[a-z_]+) is empty on every row: read as absent",
        "{0}：{1}每一行都为空：按没有这一列读取",
    ),
    (
        r"(.+): (?P<col>[a-z_]+) is empty on (\d+) row\(s\) \(rows (.+)\): (.+)",
        "{0}：{1}有 {2} 行为空（第 {3} 行）：{4}",
    ),
    (r"(.+): (?P<col>[a-z_]+) is empty on (\d+) row\(s\): (.+)", "{0}：{1}有 {2} 行为空：{3}"),
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
        r"(.+): (target|expense|review|customer) (?P<raw>.+) is listed (\d+) times \(rows (.+)\), "
        r"differing only in (?P<col>.+): read once, not summed",
        "{0}：{1} {2} 出现 {3} 次（第 {4} 行），仅{5}不同：只读一次，不累加",
    ),
    (
        r"(.+): (target|expense|review|customer) (?P<raw>.+) is listed (\d+) times \(rows (.+)\), "
        r"the same both times: read once, not summed",
        "{0}：{1} {2} 出现 {3} 次（第 {4} 行），各次相同：只读一次，不累加",
    ),
    (
        r"(\w+): rep names written in another case read as the rep of the targets or customer "
        r"file they match: (?P<raw>.+)",
        "{0}：大小写不同的销售代表名已按目标表或客户档案中对应的销售代表读取：{1}",
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
    (
        r"(?P<raw0>[^:]+): sheet (?P<raw1>.+) skipped, it holds no (\w+) table \((.+)\)",
        "{0}：跳过工作表 {1}，其中没有 {2} 表（{3}）",
    ),
    (
        r"(.+): (\d+) total row\(s\) dropped, not summed \(rows (.+)\)",
        "{0}：已去掉 {1} 个合计行，未计入（第 {2} 行）",
    ),
    (
        r"(.+): (\d+) footer line\(s\) after the data dropped \(rows ([^:]+): (?P<raw>.+)\)",
        "{0}：已去掉数据之后的 {1} 行页脚（第 {2} 行：{3}）",
    ),
    (
        r"(.+): (\d+) row\(s\) with values only in columns not read dropped \(rows ([^:]+): "
        r"(?P<raw>.+)\)",
        "{0}：已去掉 {1} 个只在未读取的列中有值的行（第 {2} 行：{3}）",
    ),
    (
        r"(.+): (?P<raw>.+) filled down from each order's first row onto (\d+) continuation "
        r"row\(s\) \(rows (.+)\); fill_down = false under \[inputs\.orders\] turns this off",
        "{0}：已把每个订单第一行的 {1} 向下填入 {2} 个续行（第 {3} 行）；"
        "在 [inputs.orders] 下设置 fill_down = false 可关闭",
    ),
    (
        r"(.+): amounts are tax-inclusive \(no net amount column\)",
        "{0}：金额为含税金额（没有不含税金额列）",
    ),
    (
        r"(.+): amounts are net \(no tax-inclusive column\)",
        "{0}：金额为不含税金额（没有含税金额列）",
    ),
    (r"orders: amount computed as quantity x (?P<raw>\w+)", "orders：金额按数量 × {0} 计算"),
    (r"quantity x (?P<raw>\w+)", "数量 × {0}"),
    (r"(?P<raw0>.+) \(steps aside for (?P<raw1>.+)\)", "{0}（让位于 {1}）"),
    (r"(?P<raw>.+) \(the cost price beside 销售单价\)", "{0}（销售单价旁的成本价）"),
    (
        r"(?P<raw>.+) \(the file has customer id and name columns\)",
        "{0}（文件已有客户编号和名称列）",
    ),
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
    (
        r"no column for (?P<raw0>.+) \((.+)\); header row (\d+) has: (?P<raw1>.+)",
        "没有 {0} 列（{1}）；第 {2} 行的表头为：{3}",
    ),
    (r"map it in salescli\.toml: (?P<raw>.+)", "请在 salescli.toml 中映射：{0}"),
    (
        r"no header row with (\w+) columns in the first (\d+) rows",
        "前 {1} 行中没有含 {0} 列的表头行",
    ),
    (
        r"the (\w+) table needs columns such as (?P<raw0>.+); or set header_row and column names "
        r"under (?P<raw1>\S+)",
        "{0} 表需要这样的列：{1}；或在 {2} 下设置 header_row 和列名",
    ),
    (
        r"headers (?P<raw0>.+) and (?P<raw1>.+) both map to column (\S+)",
        "表头 {0} 和 {1} 都对应列 {2}",
    ),
    (
        r"map (\w+) explicitly under (?P<raw0>\[inputs\.\w+\]) in salescli\.toml \((?P<raw1>.+); "
        r"the other then steps aside\), or add the other to ignore = \[\.\.\.\]",
        "请在 salescli.toml 的 {1} 下明确映射 {0}（{2}；另一个表头随即不用），"
        "或把另一个表头加入 ignore = [...]",
    ),
    (r"headers (?P<raw0>.+) and (?P<raw1>.+) both name the customer", "表头 {0} 和 {1} 都表示客户"),
    (
        r"map customer_id explicitly under (?P<raw>\[inputs\.\w+\]) in salescli\.toml",
        "请在 salescli.toml 的 {0} 下明确映射 customer_id",
    ),
    (
        r"(\S+): cannot tell whether (?P<raw>.+) hold a thousands separator \(1\.234 = 1234\) or "
        r"a decimal point \(1\.234 = 1\.234\)",
        "{0}：无法判断 {1} 中的点是千位分隔符（1.234 = 1234）还是小数点（1.234 = 1.234）",
    ),
    (
        r"set decimal = \",\" under (?P<raw>\S+)(?: in salescli\.toml)? if 1\.234 means 1234 "
        r"\(12\.500,00\), or "
        r"decimal = \"\.\" if it means 1\.234 \(12,500\.00\)",
        '若 1.234 表示 1234（12.500,00），请在 salescli.toml 的 {0} 下设置 decimal = ","；'
        '若表示 1.234（12,500.00），请设置 decimal = "."',
    ),
    (
        r"(\S+) is written with decimal commas \((?P<raw0>.+)\) and with decimal points "
        r"\((?P<raw1>.+)\)",
        "{0} 既有用逗号的小数（{1}），又有用点的小数（{2}）",
    ),
    (
        r"set decimal = \",\" or decimal = \"\.\" under (?P<raw>\S+)(?: in salescli\.toml)?; the "
        r"values written the "
        r"other way are then reported row by row",
        '请在 salescli.toml 的 {0} 下设置 decimal = "," 或 decimal = "."；'
        "写法不同的值随后会逐行报告",
    ),
    (
        r"dates are written both day-first and month-first \(e\.g\. (?P<raw>.+)\)",
        "日期既有日在前、又有月在前的写法（例如 {0}）",
    ),
    (
        r"set date_format = \"D/M/Y\" or \"M/D/Y\" under (?P<raw>.+) in salescli\.toml and "
        r"correct the dates that do not follow it",
        '请在 salescli.toml 的 {0} 下设置 date_format = "D/M/Y" 或 "M/D/Y"，并改正不符合的日期',
    ),
    (
        r"dates such as (?P<raw0>.+) in column (?P<raw1>\S+) can be day-first or month-first, and "
        r"no date of the file has a part above 12 to settle it",
        "列 {1} 中的日期（如 {0}）既可能日在前，也可能月在前，文件中没有大于 12 的部分可以判断",
    ),
    (
        r"say which under (?P<raw>.+) in salescli\.toml: date_format = \"M/D/Y\" \(Salesforce, "
        r"US\) or date_format = \"D/M/Y\" \(SAP, Europe\)",
        '请在 salescli.toml 的 {0} 下指明：date_format = "M/D/Y"（Salesforce、美国）'
        '或 date_format = "D/M/Y"（SAP、欧洲）',
    ),
    (r"header_row (\d+) is outside the sheet", "header_row {0} 超出了工作表"),
    (
        r"(?P<raw0>\[inputs\.\w+\] \w+ = .+): no such header; header row (\d+) has: (?P<raw1>.+)",
        "{0}：没有这个表头；第 {1} 行的表头为：{2}",
    ),
    (
        r"the file is neither UTF-8 nor (\S+) text \(byte (\d+) cannot be read as (\S+)\)",
        "文件既不是 UTF-8 也不是 {0} 文本（第 {1} 个字节无法按 {2} 读取）",
    ),
    (
        r"cannot tell the file's encoding: read as GBK its text is (?P<raw0>.+), read as "
        r"Windows-1252 (?P<raw1>.+), read as (Big5 \(Traditional Chinese\)|Shift-JIS "
        r"\(Japanese\)) (?P<raw2>.+)",
        "无法判断文件的编码：按 GBK 读是 {0}，按 Windows-1252 读是 {1}，按 {2} 读是 {3}",
    ),
    (
        r"cannot tell the file's encoding: read as GBK its text is (?P<raw0>.+), read as "
        r"Windows-1252 (?P<raw1>.+)",
        "无法判断文件的编码：按 GBK 读是 {0}，按 Windows-1252 读是 {1}",
    ),
    (r"the file is damaged \((?P<raw>.+)\)", "文件已损坏（{0}）"),
    (
        r"refused: the archive would inflate to (\S+) MB(?P<raw>.*)",
        "已拒绝：压缩包解压后将达 {0} MB{1}",
    ),
    (r"refused: (?P<raw>.+) declares XML entities", "已拒绝：{0} 声明了 XML 实体"),
    (r"cannot read the Parquet file: (?P<raw>.+)", "无法读取 Parquet 文件：{0}"),
    (r"cannot open the workbook: (?P<raw>.+)", "无法打开工作簿：{0}"),
    (r"cannot read the sheet: (?P<raw>.+)", "无法读取工作表：{0}"),
    (r"cannot read the file: (?P<raw>.+)", "无法读取文件：{0}"),
    (r"no sheet matches (?P<raw>.+)", "没有与 {0} 匹配的工作表"),
    (r"no sheet named (?P<raw>.+)", "没有名为 {0} 的工作表"),
    (r"sheets in this file: (?P<raw>.+)", "此文件中的工作表：{0}"),
    (r"unknown encoding (?P<raw>.+)", "未知的编码 {0}"),
    (r"the file is not valid (?P<raw>.+)", "文件不是有效的 {0}"),
    (
        r"(\d+) formula cell\(s\) have no saved value: (?P<raw>.+)",
        "{0} 个公式单元格没有保存的值：{1}",
    ),
    # the workspace
    (r"workspace folder (?P<raw>.+) does not exist", "工作区文件夹 {0} 不存在"),
    (
        r"another salescli run is using the workspace (?P<raw0>.+) \(waited (\S+) s for "
        r"(?P<raw1>.+)\)",
        "另一个 salescli 正在使用工作区 {0}（已等待 {1} 秒：{2}）",
    ),
    (r"workspace (?P<raw>.+) is read-only: not locked", "工作区 {0} 只读：不加锁"),
    (r"cannot lock (?P<raw>.+): running unlocked", "无法锁定 {0}：不加锁运行"),
    (
        r"not read: (?P<raw0>.+) \((?P<raw1>.+) is the (\w+) table\); to read them together set "
        r"(?P<raw2>\[inputs\.\w+\] path = .+) in salescli\.toml",
        "未读取：{0}（{1} 才是 {2} 表）；要一起读取，请在 salescli.toml 中设置 {3}",
    ),
    (r"--input (\w+): no file (?P<raw>.+)", "--input {0}：没有文件 {1}"),
    (r"no file (?P<raw>.+)", "没有文件 {0}"),
    (
        r"(\w+): read (\d+) rows from (?P<raw>.+); headers not used: (.+)",
        "{0}：读取 {1} 行，来自 {2}；未使用的表头：{3}",
    ),
    (
        r"the (\w+) table is exported twice, in (\d+) formats: (?P<raw>.+)",
        "{0} 表导出了两次，共 {1} 种格式：{2}",
    ),
    (
        r"keep one of them in the workspace, or set (?P<raw>\[inputs\.\w+\]) path in "
        r"salescli\.toml to the one to read \(monthly files of one format are fine\)",
        "工作区中只保留其中一个，或在 salescli.toml 中把 {0} path 设为要读取的那个"
        "（同一格式的按月文件没有问题）",
    ),
    (r"unknown table (?P<raw>.+)", "未知的表 {0}"),
    (r"tables are: (?P<raw>.+)", "可用的表：{0}"),
    # a hidden sheet that holds the table (before the locations below, which match it too)
    (
        r"name the sheets to read under (?P<raw0>\[inputs\.\w+\]) in salescli\.toml: to read "
        r"it, sheet = (?P<raw1>\[.*?\]); to leave it out, sheet = (?P<raw2>\[.*\])",
        "请在 salescli.toml 的 {0} 下指明要读取的工作表：要读取它，sheet = {1}；"
        "不读取它，sheet = {2}",
    ),
    (
        r"name the sheets to read under (?P<raw0>\[inputs\.\w+\]) in salescli\.toml: to read "
        r"it, sheet = (?P<raw1>\[.*\])",
        "请在 salescli.toml 的 {0} 下指明要读取的工作表：要读取它，sheet = {1}",
    ),
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
    (
        r"(\w+): ([\d,]+ .+) of (?P<raw0>.+) are also in (?P<raw1>.+): (.+)",
        "{0}：{2} 中的{1}也在 {3} 中：{4}",
    ),
    # salescli.toml
    (r"not valid TOML: (.+)", "不是有效的 TOML：{0}"),
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
    (r"--config (?P<raw>.+): no such file", "--config {0}：没有这个文件"),
    (r"(?P<raw>\S+) must be a table", "{0} 必须是一个表"),
    (r"(?P<raw>\S+ = .+) is not a column mapping", "{0} 不是列映射"),
    (
        r"keys are (?P<raw0>.+), or a column of (\w+): (?P<raw1>.+)",
        "可用的键：{0}；或 {1} 的列：{2}",
    ),
    (r"(?P<raw0>[\w.]+ = \S+) is below (?P<raw1>[\w.]+ = \S+)", "{0} 低于 {1}"),
    (r"(?P<raw0>[\w.]+ = \S+) is less often than (?P<raw1>[\w.]+ = \S+)", "{0} 的拜访频率低于 {1}"),
    (
        r"(?P<raw>.+) are all 0: the score without potential value has no weight",
        "{0} 都是 0：不含潜在价值的评分没有权重",
    ),
    (r"(?P<raw>.+) are all 0: performance has no weight", "{0} 都是 0：业绩得分没有权重"),
    (r"(?P<raw>.+) are all 0: the quarter has no weight", "{0} 都是 0：季度综合得分没有权重"),
    (r"unknown setting (?P<raw>.+)", "未知的设置 {0}"),
    (r"unknown time zone (?P<raw>.+)", "未知的时区 {0}"),
    (r"Value error, (.+)", "{0}"),
    (r"(?P<raw>[\w.]+ = .+): ([Ii]nput should .+)", "{0}：{1}"),
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
        r"(?P<raw0>-o|--[\w-]+) (?P<raw1>.+): unknown placeholder (?P<raw2>.+)",
        "{0} {1}：未知的占位符 {2}",
    ),
    (
        r"(?P<raw0>-o|--[\w-]+) (?P<raw1>.+): this command has no period for \{period\}",
        "{0} {1}：此命令没有可填入 {{period}} 的期间",
    ),
    (
        r"(?P<raw0>-o|--[\w-]+) (?P<raw1>.+): a brace that is not a placeholder",
        "{0} {1}：花括号不是占位符",
    ),
    (
        r"(?P<raw0>-o|--[\w-]+) (?P<raw1>.+): a placeholder takes no format: (?P<raw2>.+)",
        "{0} {1}：占位符不带格式：{2}",
    ),
    (
        r"write (?P<raw>\{\w+\}) alone \(\{today\} is YYYY-MM-DD, \{period\} 2024-05, 2024Q2, "
        r"2024-W19 or 2024\)",
        "只写 {0}（{{today}} 为 YYYY-MM-DD，{{period}} 为 2024-05、2024Q2、2024-W19 或 2024）",
    ),
    (r"orders: amount computed as (?P<raw>.+)", "orders：金额按 {0} 计算"),
    (
        r"(\w+): (\d+) customer name\(s\) match more than one customer in the customer file, so "
        r"those rows keep the name as the id: (?P<raw>.+)",
        "{0}：有 {1} 个客户名称在客户档案中对应多个客户，这些行以名称作客户编号：{2}",
    ),
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
    (r"(?P<raw>.+) already exists", "{0} 已存在"),
    (r"--since (\S+) is after today \((\S+)\)", "--since {0} 晚于今天（{1}）"),
    (
        r"the record of earlier runs cannot be read \((?P<raw>.+)\)",
        "无法读取以前运行的记录（{0}）",
    ),
    (r"no command (?P<raw>\S+) writes tables", "没有会写出表格的命令 {0}"),
    (r"--input (?P<raw>.+) is not NAME=PATH", "--input {0} 不是 NAME=PATH 的形式"),
    (r"--total (?P<raw>.+) is not a positive amount", "--total {0} 不是正数金额"),
    (r"--unit (?P<raw>.+) is not a positive number of yuan", "--unit {0} 不是正的元数"),
    (r"--by (?P<raw>.+) is not a list of levels", "--by {0} 不是层级列表"),
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
    (
        r"the hidden sheet (?P<raw0>.+) holds (\w+) rows: a hidden sheet is read only when it "
        r"is named",
        "隐藏的工作表 {0} 中有 {1} 数据行：隐藏的工作表只有在指明时才会读取",
    ),
    (
        r"the cache entry of (?P<raw0>.+) was damaged \((?P<raw1>.+)\): dropped and rebuilt "
        r"from the export",
        "{0} 的缓存条目已损坏（{1}）：已删除并从导出文件重建",
    ),
    (
        r"(?P<raw0>\.salescli/run\.json): the record of (?P<raw1>.+) cannot be read \(not a "
        r"job's record\): left out, so the job is done again when it is due",
        "{0}：{1} 的记录无法读取（不是任务记录）：已略去，到期时会重做该任务",
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
    (r"--strict: (.+)", "--strict：{0}"),
    (
        r"settle what the warning says \(the export or salescli\.toml\), or run without "
        r"--strict and \[checks\] strict to accept it",
        "请按警告所说处理（导出文件或 salescli.toml），或不用 --strict 且不设 [checks] strict "
        "以接受它",
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
    (
        r"no amount column \(金额\), and no quantity and unit price to compute one; header row "
        r"(\d+) has: (?P<raw0>.+)",
        "没有金额列（金额），也没有可以算出金额的数量和单价；第 {0} 行表头是：{1}",
    ),
    # click's own usage errors
    (
        r"No such option: (?P<raw0>\S+) Did you mean (?P<raw1>\S+)\?",
        "没有 {0} 这个选项。是不是想用 {1}？",
    ),
    (
        r"No such option: (?P<raw0>\S+) \(Possible options: (?P<raw1>.+)\)",
        "没有 {0} 这个选项（可能的选项：{1}）",
    ),
    (r"No such option: (?P<raw>\S+)", "没有 {0} 这个选项"),
    (
        r"No such command '(?P<raw0>.+)'\. Did you mean '(?P<raw1>.+)'\?",
        "没有 '{0}' 这个命令。是不是想用 '{1}'？",
    ),
    (r"No such command '(?P<raw>.+)'\.", "没有 '{0}' 这个命令"),
    (r"Option '(?P<raw>.+)' requires an argument\.", "选项 '{0}' 需要一个值"),
    (r"Option '(?P<raw>.+)' requires (\d+) arguments\.", "选项 '{0}' 需要 {1} 个值"),
    (r"Option '(?P<raw>.+)' does not take a value\.", "选项 '{0}' 不带值"),
    (r"Missing option '(?P<raw>.+)'\.", "缺少选项 '{0}'"),
    (r"Missing argument '(?P<raw>.+)'\.", "缺少参数 '{0}'"),
    (r"Got unexpected extra arguments? \((?P<raw>.+)\)", "多余的参数（{0}）"),
    (r"Invalid value for '(?P<raw>.+)': (.+)", "'{0}' 的值无效：{1}"),
    (r"(?P<raw0>'[^']*') is not one of (?P<raw1>.+)\.", "{0} 不是可选的值之一：{1}"),
    (r"(?P<raw0>'[^']*') is not a valid (\w+)\.", "{0} 不是有效的 {1}"),
    (r"(?P<raw0>--[\w-]+) (?P<raw1>'[^']*'): (.+)", "{0} {1}：{2}"),
    (r"(?P<raw>--[\w-]+): (.+)", "{0}：{1}"),
    (r"see `(?P<raw>.+) -h`", "请看 `{0} -h`"),
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
