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

WORDS: dict[str, str] = {
    # outcomes, moves, severities, classes
    "won": "赢单",
    "lost": "输单",
    "open": "进行中",
    "new": "新增",
    "same": "不变",
    "up": "上升",
    "down": "下降",
    "error": "错误",
    "warning": "警告",
    "yes": "是",
    "no": "否",
    "TRUE": "是",
    "FALSE": "否",
    "total": "合计",
    "合计 total": "合计",
    "the rest": "其余",
    # issue 13: sales nobody owns, blank breakdown members, the explanation's "here" list
    "(unassigned) 未分配": "未分配",
    "(blank) 未填写": "未填写",
    "none (no target)": "无（没有目标）",
    "profit": "利润",
    "amount": "销售额",
    # how check read a header
    "alias": "别名",
    "mapping": "映射",
    "ignored": "忽略",
    "unused": "未使用",
    # target levels, as named in notes
    "rep": "销售代表",
    "region": "区域",
    "category": "产品类别",
    "customer_group": "客户群体",
    # honours (the machine formats keep both languages)
    "销售冠军 sales champion": "销售冠军",
    "销售明星 sales star": "销售明星",
    "晋升候选 promotion candidate": "晋升候选",
    # the customers table's definitions
    "customers with an order": "本期有订单的客户",
    "first order ever in the period": "本期首次下单的客户",
    # check's problems and hints
    "no purchase history in the orders": "订单中没有该客户的购买记录",
    "a new customer, or orders exported under another customer id": (
        "新客户，或其订单以另一个客户编号导出"
    ),
    "required record field is empty": "必填的档案字段为空",
    "not a phone number": "不是电话号码",
    "a mobile (13800138000) or a landline with area code (021-12345678)": (
        "手机号（13800138000）或带区号的固定电话（021-12345678）"
    ),
    "no rep in the customer file": "客户档案中没有负责销售代表",
    "no class": "没有分类",
    # the explanation's formulas
    "sum of quantity over the same lines": "同一批订单行的数量之和",
    "sum of profit, or of amount - cost, over the same lines": (
        "同一批订单行的利润之和（或 金额 − 成本 之和）"
    ),
    "no profit or cost column: left empty": "没有利润或成本列：留空",
    "no target: attainment left empty": "没有目标：达成率留空",
    "mean of the customer indicator scores that have data": "有数据的客户管理指标得分的平均值",
    "mean of the process indicator scores that have data": "有数据的销售过程指标得分的平均值",
    "mean of the quarter's monthly performance scores": "本季度各月业绩得分的平均值",
    "mean of the quarter's monthly performance scores (a month without a target has none: left "
    "out)": "本季度各月业绩得分的平均值（没有目标的月份没有业绩得分，不计入）",
    "sum of the quarter's monthly bonuses": "本季度各月绩效奖金之和",
    "no quantity column: left empty": "没有数量列：留空",
    "mean of the quarters' final scores": "各季度综合得分的平均值",
    "the manager's review score": "经理评价得分",
    "churn rate: no base": "客户流失率：没有基数",
    # the follow-up duties (feedback 2.2.4, visit records 2.3, order changes 4.2.5)
    "(no rep)": "（无销售代表）",
    "(no handler)": "（无处理人）",
    "(not given)": "（未填写）",
    # a decision as a cell (the column names take their labels: 批准数, 驳回数…)
    "applied": "已生效",
    "approved": "批准",
    "rejected": "驳回",
    "pending": "待审批",
    # what a target adjustment request lacks (targets.review_adjustments)
    "new target": "调整后目标",
    "a new target that is not negative": "不为负数的调整后目标",
    "sales manager's review": "销售经理审核",
    "company leader's approval": "公司领导审批",
    # table names, as the read log names them
    "feedback": "客户反馈",
    "order_changes": "订单变更",
    "cancel": "取消",
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
}

PATTERNS: list[tuple[str, str]] = [
    # prefixes
    (r"warning: (.+)", "警告：{0}"),
    (r"salescli: warning: (.+)", "salescli：警告：{0}"),
    (r"salescli: error: (.+)", "salescli：错误：{0}"),
    (r"  hint: (.+)", "  建议：{0}"),
    (r"fill in (.+)", "请填写{0}"),
    (r"(\S+ (?:sales champion|sales star|promotion candidate)): ([^;]+)", "{0}：{1}"),
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
    (r"no rep (.+) in (\S+)", "{1} 没有销售代表 {0}"),
    (r"reps appraised: (.+)", "参与考核的销售代表：{0}"),
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
    (r"salescli: internal error: (.+)", "salescli：内部错误：{0}"),
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
        r"no customers table: at-risk customers and classes are left out",
        "没有客户档案：不列流失风险客户和客户分类",
    ),
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
    (
        r"(\d+) visits planned for (\d+) reps; at most (\d+) a day per rep; calendar (\w+)",
        "共计划拜访 {0} 次，{1} 名销售代表；每人每天最多 {2} 次；日历 {3}",
    ),
    (
        r"month (\S+) \(the week's Thursday\), to date (\S+)\.\.(\S+)",
        "所属月份 {0}（按本周星期四），月初至今 {1} 至 {2}",
    ),
    (
        r"total ([\d,]+) split by (.+) \((.+)\); months: (.+); unit (.+)",
        "总目标 {0} 按 {1} 分解（{2}）；月度：{3}；单位 {4}",
    ),
    (r"(\d+) monthly shares", "{0} 年各月占比"),
    (r"equal months", "各月平均"),
    (r"history", "历史销售额"),
    (
        r"(\d+) adjustment requests are for other years: ignored",
        "{0} 条调整申请属于其他年度：未采用",
    ),
    (
        r"adjustments are per rep: add rep to --by to apply them",
        "调整申请按销售代表：请在 --by 中加入 rep",
    ),
    (
        r"conversion rate (\S+): (\d+) won / (\d+) closed(?: = (.+))?",
        "{0} 商机转化率：赢单 {1} / 已结束 {2} = {3}",
    ),
    (r"churn rate (.+)", "客户流失率 {0}"),
    (r"change: against (\S+); yoy: against (\S+)", "环比：与 {0} 相比；同比：与 {1} 相比"),
    (
        r"method (\w+); window (\S+)\.\.(\S+) \((\d+) quarters\)",
        "方法 {0}；窗口 {1} 至 {2}（{3} 个季度）",
    ),
    (r"no market rows for (\S+)", "没有 {0} 的市场数据"),
    (
        r"(\d+) visits are to customers not in the customer file \(--section unknown_customers\)",
        "{0} 次拜访的客户不在客户档案中（--section unknown_customers）",
    ),
    (
        r"(\d+) visits were made by a rep other than the customer's owner; they count for the "
        r"customer \(--section other_rep\)",
        "{0} 次拜访由非负责销售代表完成；计入该客户（--section other_rep）",
    ),
    (
        r"each region, category and rep's part of the change in amount, largest first; the parts "
        r"of each dimension add up to the whole change",
        "各区域、品类和销售代表在销售额变动中所占的部分，从大到小；每个维度的各部分之和等于总变动",
    ),
    # the customers table's definitions
    (r"an order in the (\d+) days before", "此前 {0} 天内有订单"),
    (r"of them, no order in the last (\d+) days", "其中最近 {0} 天没有订单"),
    (r"A or B customers with no order in (\d+) days", "{0} 天没有订单的 A、B 类客户"),
    # honours' rules
    (r"highest amount of the period \(all reps tied at the top\)", "本期销售额最高（并列者均得）"),
    (
        r"top (\d+) final scores among reps at or above (\d+)% attainment "
        r"\(in a month: performance scores\)",
        "目标达成率不低于 {1}% 的销售代表中综合得分前 {0} 名（月度按业绩得分）",
    ),
    (
        r"grade (.+) in every quarter \(empty unless all four quarters are scored\)",
        "每个季度等级均为 {0}（四个季度都计分时才判断）",
    ),
    (r"grade (.+) in every quarter of the year", "全年每个季度等级均为 {0}"),
    (r"grade (.+) in every quarter", "每个季度等级均为 {0}"),
    (r"(\S+) or (\S+)", "{0} 或 {1}"),
    # the explanation's formulas
    (
        r"sum of amount over (\d+) order lines dated (\S+)\.\.(\S+) \(cancelled orders excluded; "
        r"a line without rep counts for its customer's owner, else for \(unassigned\) 未分配\)",
        "{1} 至 {2} 的 {0} 个订单行金额之和（不含已取消订单；没有销售代表的行计入客户的负责人，"
        "没有负责人的计入未分配）",
    ),
    (
        r"sum of amount over (\d+) order lines dated (\S+)\.\.(\S+) \(cancelled orders excluded; "
        r"a line without rep counts for its customer's owner\)",
        "{1} 至 {2} 的 {0} 个订单行金额之和（不含已取消订单；没有销售代表的行计入客户的负责人）",
    ),
    (
        r"targets rows for (.+) with period (\S+) \(or the sum of its months\)",
        "目标表中 {0}、期间 {1} 的行（或其各月之和）",
    ),
    (r"targets rows for (.+) with period (\S+)", "目标表中 {0}、期间 {1} 的行"),
    (r"amount / target = (\S+) / (\S+) = (\S+)", "销售额 / 目标 = {0} / {1} = {2}"),
    (
        r"100 x min\(attainment / ([\d.]+), ([\d.]+)\) \(weights (\S+) with quantity and profit "
        r"targets\)",
        "100 × 较小值(目标达成率 / {0}, {1})（有销量和利润目标时权重 {2}）",
    ),
    (
        r"0 below (\S+), attainment up to 100 %, then 1 \+ ([\d.]+) x \(attainment - 1\), at most "
        r"([\d.]+)",
        "低于 {0} 为 0，达成率 100% 以内等于达成率，超过后为 1 + {1} × (达成率 − 1)，最高 {2}",
    ),
    (r"base (\S+) x multiplier \(no multiplier: 0\)", "基数 {0} × 奖金系数（没有奖金系数：为 0）"),
    (r"base (\S+) x multiplier", "基数 {0} × 奖金系数"),
    (
        r"sum of amount over the order lines dated (\S+)\.\.(\S+) \(cancelled orders excluded; "
        r"a line without rep counts for its customer's owner, else for \(unassigned\) 未分配\)",
        "{0} 至 {1} 的订单行金额之和（不含已取消订单；没有销售代表的行计入客户的负责人，"
        "没有负责人的计入未分配）",
    ),
    (
        r"sum of the scored quarters' amounts \((.+)\): the orders do not cover the others",
        "已计分季度（{0}）的销售额之和：订单没有覆盖其余季度",
    ),
    (
        r"sum of the scored quarters' targets \((.+)\), so that a part of the year is not "
        r"measured against the whole year's target",
        "已计分季度（{0}）的目标之和：部分年份不与全年目标相比",
    ),
    (
        r"churned / base = (\d+) / (\d+) = (\S+) \(base: owned customers with an order "
        r"(\S+)\.\.(\S+); churned: no order (\S+)\.\.(\S+)\)",
        "流失 / 基数 = {0} / {1} = {2}（基数：{3} 至 {4} 有订单的客户；流失：{5} 至 {6} 没有订单）",
    ),
    (r"100 x clip\(2 - value / ([\d.]+), 0, ([\d.]+)\)", "100 × 限定在 0 至 {1}(2 − 指标值 / {0})"),
    (r"100 x min\(value / ([\d.]+), ([\d.]+)\)", "100 × 较小值(指标值 / {0}, {1})"),
    (
        r"won / \(won \+ lost\) = (\d+) / (\d+) among opportunities closed in (\S+)",
        "赢单 / (赢单 + 输单) = {0} / {1}，{2} 结束的商机",
    ),
    (r"expense / budget = (\S+) / (\S+)", "费用 / 预算 = {0} / {1}"),
    (
        r"([\d.]+) x quantitative \+ ([\d.]+) x qualitative \(quantitative alone without a "
        r"review\)",
        "{0} × 定量得分 + {1} × 定性得分（没有经理评价时只用定量得分）",
    ),
    (
        r"S >= (\d+), A >= (\d+), B >= (\d+), C >= (\d+), else D",
        "S ≥ {0}，A ≥ {1}，B ≥ {2}，C ≥ {3}，其余 D",
    ),
    (
        r"owned customers whose first order ever falls in (\S+)\.\.(\S+)",
        "首次下单在 {0} 至 {1} 的负责客户",
    ),
    (
        r"orders delivered on time / orders due = (\d+) / (\d+) \(due date: latest line's; "
        r"undelivered counts late\)",
        "按时交货订单 / 应交订单 = {0} / {1}（交货期按最晚的行；未交货算延迟）",
    ),
    (r"final score of (\S+)", "{0} 综合得分"),
    (
        r"([\d.]+) performance \+ ([\d.]+) customer \+ ([\d.]+) process, renormalised over groups "
        r"with data",
        "{0} 业绩 + {1} 客户管理 + {2} 销售过程，按有数据的组重新归一",
    ),
    (
        r"mean of (\d+) survey scores in (\S+) x (\d+) \(0-100\)",
        "{1} 的 {0} 份调查得分均值 × {2}（0-100）",
    ),
    (r"indicators scored below (\d+)", "得分低于 {0} 的指标"),
    # the follow-up duties' notes and hints
    (r"a complete record has (.+) filled in", "完整的拜访记录须填写{0}"),
    (
        r"`audit-visits --month M (--section incomplete_visits)` lists the incomplete",
        "每月拜访检查的 {0} 逐条列出记录不完整的拜访",
    ),
    (r"follow_up_overdue: next follow-up before (\S+)", "跟进逾期：下次跟进日期早于 {0}"),
    (
        r"received / resolved: dated in (\S+); open: received by (\S+) and not resolved by then; "
        r"overdue: open and received more than (\d+) days before (\S+); closed_loop_rate: "
        r"resolved with the result passed back to the rep / resolved",
        "收到反馈数 / 办结数：日期在 {0} 内；未办结数：{1} 前收到且当时尚未办结；逾期：未办结且"
        "在 {3} 前 {2} 天以上收到；闭环率：已将处理结果回传销售代表的办结数 / 办结数",
    ),
    (
        r"requested: requested in (\S+); approved / rejected: decided in (\S+); pending: "
        r"requested by (\S+), no decision by then; amount_effect: new_amount - old_amount of "
        r"the approved",
        "变更申请数：{0} 内申请；批准数 / 驳回数：{1} 内审批；待审批数：{2} 前申请且当时尚未审批；"
        "金额影响：已批准变更的 新金额 − 原金额",
    ),
    (
        r"(\d+) approved change\(s\) without both amounts are not in amount_effect",
        "{0} 个已批准的变更缺少原金额或新金额，未计入金额影响",
    ),
    (
        r"(.+) \(basis: ([^;]+); manager: ([^;]+); leader: ([^;]+)\)",
        "{0}（依据：{1}；经理审核：{2}；领导审批：{3}）",
    ),
    (
        r"(\d+) of (\d+) adjustment requests applied; company total changes by (\S+) \(from "
        r"(\S+) to (\S+)\)",
        "{1} 个调整申请中 {0} 个已生效；公司目标合计变动 {2}（由 {3} 变为 {4}）",
    ),
    (r"(\d+) notice\(s\) written to (.+)", "已写出 {0} 份调整通知，位于 {1}"),
    (r"an existing target for (\S+) in (\S+)", "{0} 在 {1} 的现有目标"),
    (r"overdue: received more than (\d+) days before (\S+)", "逾期：在 {1} 前 {0} 天以上收到"),
    # issue 13: sales nobody owns, covered quarters, class sources, explanations
    (
        r"(\d+) order lines in (\S+) \(amount (\S+)\) have no rep and their customer no owner: "
        r"shown as \(unassigned\) 未分配, with no target, bonus, score or honour \(fill in the "
        r"rep, or the customer's rep in the customer file\)",
        "{1} 有 {0} 个订单行（金额 {2}）没有销售代表，其客户也没有负责人：列为“未分配”，"
        "不设目标、奖金、得分和荣誉（请填写销售代表，或在客户档案中填写客户的负责人）",
    ),
    (
        r"no rep, and the customer has no owner: counted as \(unassigned\)",
        "没有销售代表，客户也没有负责人：计入“未分配”",
    ),
    (
        r"fill in the line's rep, or the customer's rep in the customer file",
        "请填写该行的销售代表，或在客户档案中填写客户的负责人",
    ),
    (
        r"(\d+) order lines of (\S+) \(amount (\S+)\) have no (.+): left out of the shares",
        "{1} 有 {0} 个订单行（金额 {2}）没有 {3}：不计入分配比例",
    ),
    (r"(\S+): orders cover (\S+)", "{0}：订单覆盖 {1}"),
    (r"(.+) only partly covered: not scored", "{0} 只覆盖一部分：不计分"),
    (r"(.+) not covered: not scored", "{0} 未覆盖：不计分"),
    (r"the year is the mean of (.+)", "全年得分为 {0} 的平均值"),
    (r"amount, target and attainment are theirs", "销售额、目标和达成率也只计这些季度"),
    (r"promotion candidates need all four quarters", "晋升候选需要四个季度都计分"),
    (r"no quarter is scored", "没有季度计分"),
    (r"quarters scored: none", "计分季度：无"),
    (r"quarters scored: (.+)", "计分季度：{0}"),
    (r"final score of (\S+), weight ([\d.]+)", "{0} 综合得分，权重 {1}"),
    (r"(\S+) only partly covered by the orders: not scored", "{0} 订单只覆盖一部分：不计分"),
    (r"(\S+) not covered by the orders: not scored", "{0} 订单未覆盖：不计分"),
    (r"no final score in (\S+): left out", "{0} 没有综合得分：不计入"),
    (
        r"mean of the scored quarters' final scores as published \((.+)\)",
        "已计分季度公布的综合得分的平均值（{0}）",
    ),
    (
        r"weighted mean of 100 x min\(attainment / goal, ([\d.]+)\) over the attainments with a "
        r"target, weights renormalised: amount ([\d.]+) \(goal ([\d.]+)\), quantity ([\d.]+) "
        r"\(goal ([\d.]+)\), profit ([\d.]+) \(goal ([\d.]+)\); here: (.+)",
        "有目标的各项达成率按 100 × 较小值(达成率 / 目标, {0}) 计分后加权平均（权重重新归一）："
        "销售额 {1}（目标 {2}）、销量 {3}（目标 {4}）、利润 {5}（目标 {6}）；本期计入：{7}",
    ),
    (
        r"classes: classified for (\S+) \((\w+), orders (\S+)\), the same classes as "
        r"class_summary and class_moves",
        "分类：{0} 重新分类（{1}，订单 {2}），与各类客户和客户分类变动相同",
    ),
    (
        r"classes: the customer file's class column, the rest classified for (\S+)",
        "分类：客户档案的分类列，其余按 {0} 分类",
    ),
    (r"classes: the customer file's class column", "分类：客户档案的分类列"),
    (
        r"classes: classified for (\S+) \((\w+)\): no classes in the file",
        "分类：档案中没有分类，按 {0}（{1}）分类",
    ),
    (r"previous: the customer file's class column", "上期分类：客户档案的分类列"),
    (r"amount over the classification window", "销售额为分类窗口内的金额"),
    (r"amount and orders in (\S+)", "{0} 的销售额和订单数"),
    # a classification method named inside a message (a whole cell "score" is the column label)
    (r"score", "评分法"),
    (r"pareto", "帕累托法"),
    (r"thresholds", "阈值法"),
    # s5-week: the weekly report's summary and contributions (against the previous ISO week)
    (
        r"each category and customer's part of the change in amount, largest first; the parts "
        r"of each dimension add up to the whole change",
        "各品类和客户在销售额变动中所占的部分，从大到小；每个维度的各部分之和等于总变动",
    ),
    (
        r"each rep, category and customer's part of the change in amount, largest first; the "
        r"parts of each dimension add up to the whole change",
        "各销售代表、品类和客户在销售额变动中所占的部分，从大到小；每个维度的各部分之和等于总变动",
    ),
    (r"the order lines of (.+)", "仅 {0} 的订单行"),
    (
        r"the orders start (\S+), after (\S+) began: no figures for (\S+)",
        "订单从 {0} 开始，晚于 {1} 的第一天：{2} 没有数据",
    ),
    # s5-print: what a printed (HTML) report leaves out, and where every row is
    (
        r"(\d+) of (\d+) rows shown, largest (.+) first; "
        r"every row is in the xlsx, csv and markdown outputs and from:",
        "共 {1} 行，列出{2}最大的 {0} 行；全部行见 xlsx、csv 或 md 输出，或运行：",
    ),
    (
        r"(.+): the (\d+) largest (.+) of (\d+) shown, the other (\d+) summed in one row; "
        r"every row is in the xlsx, csv and markdown outputs and from:",
        "{0}：列出{2}最大的 {1} 个（共 {3} 个），其余 {4} 个合计为一行；"
        "全部行见 xlsx、csv 或 md 输出，或运行：",
    ),
    (r"\(the other (\d+)\)", "（其余 {0} 个）"),
    (
        r"(\d+) rows not listed, every figure zero \(([^:]+): (.+)\)",
        "另有 {0} 行各项均为零，未列出（{1}：{2}）",
    ),
]


def translate(text: str, lang: str) -> str:
    """A message or cell in the language asked; what the catalogue does not know stays."""
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
            return zh.format(*(_zh(g, False) if g else "" for g in match.groups()))
    for separator in ("; ", ", "):  # a list: each item on its own
        if separator in text:
            parts = [_zh(p, names) for p in text.split(separator)]
            return ("；" if separator == "; " else "、").join(parts)
    return text


@cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p, re.S), zh) for p, zh in PATTERNS]
