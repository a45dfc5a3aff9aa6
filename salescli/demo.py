"""The demo company: a deterministic generator of realistic exports (fixed seed).

About 40 reps in 6 regions, 2,000 customers with Chinese company names and contacts, 5 product
categories with a few hundred models, ~60,000 order lines over 2023-01..2024-12 with
seasonality and growth, and the other tables the policy uses. Orders and customers are `.xlsx`
with Chinese headers and a title row, as a CRM exports them; the rest are CSV. Some customer
records are deliberately incomplete so that `salescli check` has something to find.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240501
REGIONS = {
    "华东": (10, ["上海", "杭州", "南京", "苏州", "宁波", "合肥", "济南", "青岛"]),
    "华南": (8, ["广州", "深圳", "东莞", "佛山", "厦门", "福州", "南宁"]),
    "华北": (7, ["北京", "天津", "石家庄", "太原", "呼和浩特"]),
    "华中": (6, ["武汉", "长沙", "郑州", "南昌"]),
    "西南": (5, ["成都", "重庆", "昆明", "贵阳"]),
    "东北": (4, ["沈阳", "大连", "长春", "哈尔滨"]),
}
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌辉鹏飞宇浩然晨欣怡婷雪梅琳凯峰亮波宁"
)
BRANDS = list("宏华鑫盛泰达恒通瑞丰安康博远嘉诚启明天宇中信金源海川兴隆永昌德润")
GROUPS = ["制造业", "零售", "建筑工程", "医疗", "能源"]
CATEGORIES = {
    "电机": (60, 900),
    "变频器": (50, 2600),
    "传感器": (80, 320),
    "控制器": (60, 1500),
    "配件": (90, 60),
}
PAYMENT = ["月结30天", "款到发货", "货到付款", "承兑汇票"]
TITLES = ["采购经理", "总经理", "设备部主任", "采购专员", "技术总监"]
PREFERENCES = ["价格敏感", "重视交期", "重视质量", "需要技术支持", "偏好长期合作"]
FEEDBACK = ["满意", "希望缩短交期", "对售后满意", "价格偏高", "无"]
STAGES = ["初步接洽", "需求确认", "方案报价", "商务谈判"]
SOURCES = ["展会", "老客户推荐", "官网咨询", "电话营销", "招投标"]
SEASON = np.array([0.62, 0.55, 0.95, 1.0, 1.05, 1.1, 0.95, 0.9, 1.05, 0.85, 1.15, 1.35])
ORDER_HEADERS = {
    "order_id": "订单编号",
    "order_date": "下单日期",
    "customer_id": "客户编号",
    "customer_name": "客户名称",
    "rep": "销售代表",
    "region": "区域",
    "customer_group": "客户群体",
    "product_model": "产品型号",
    "category": "产品类别",
    "quantity": "数量",
    "unit_price": "单价",
    "amount": "金额",
    "cost": "成本",
    "due_date": "约定交货日期",
    "delivered_on": "实际交货日期",
    "payment_terms": "付款方式",
    "status": "状态",
}
CUSTOMER_HEADERS = {
    "customer_id": "客户编号",
    "customer_name": "客户名称",
    "rep": "销售代表",
    "region": "区域",
    "customer_group": "客户群体",
    "legal_representative": "法定代表人",
    "address": "地址",
    "phone": "联系电话",
    "contact_name": "联系人",
    "contact_title": "职位",
    "contact_phone": "联系人电话",
    "created_on": "建档日期",
    "potential_value": "潜在价值",
    "preferences": "需求偏好",
    "feedback": "客户反馈",
    "class": "客户分类",
}


@dataclass
class Company:
    reps: pd.DataFrame
    customers: pd.DataFrame
    orders: pd.DataFrame
    visits: pd.DataFrame
    opportunities: pd.DataFrame
    targets: pd.DataFrame
    adjustments: pd.DataFrame
    satisfaction: pd.DataFrame
    expenses: pd.DataFrame
    reviews: pd.DataFrame
    market: pd.DataFrame
    feedback: pd.DataFrame | None = None
    order_changes: pd.DataFrame | None = None


def generate(lines: int = 60_000, seed: int = SEED, clean: bool = False) -> Company:
    rng = np.random.default_rng(seed)
    reps = _reps(rng)
    customers = _customers(rng, reps, n=max(200, min(20_000, lines // 30)))
    orders = _orders(rng, customers, lines)
    size_rank = customers["_size"].rank(pct=True, ascending=False)
    customers["class"] = np.where(size_rank <= 0.1, "A", np.where(size_rank <= 0.35, "B", "C"))
    customers = _plant_gaps(rng, customers, clean)
    # a few customers that buy but were never entered in the customer file
    customers = customers.iloc[:-5].reset_index(drop=True)
    company = Company(
        reps=reps,
        customers=customers,
        orders=orders,
        visits=_visits(rng, customers),
        opportunities=_opportunities(rng, customers),
        targets=_targets(orders, reps),
        adjustments=_adjustments(reps),
        satisfaction=_satisfaction(rng, customers),
        expenses=_expenses(rng, reps),
        reviews=_reviews(rng, reps),
        market=_market(rng, orders),
    )
    # the duties' tables draw from their own generator: the tables above stay as they were
    duties = np.random.default_rng([seed, 18])
    company.visits = _blank_visit_fields(duties, company.visits, clean)
    company.feedback = _feedback(duties, customers, clean)
    company.order_changes = _order_changes(duties, orders, clean)
    return company


def _person(rng: np.random.Generator, n: int) -> list[str]:
    surname = rng.choice(SURNAMES, n)
    first = rng.choice(GIVEN, n)
    second = np.where(rng.random(n) < 0.6, rng.choice(GIVEN, n), "")
    return [a + b + c for a, b, c in zip(surname, first, second, strict=True)]


def _reps(rng: np.random.Generator) -> pd.DataFrame:
    rows, used = [], set()
    for region, (count, _) in REGIONS.items():
        while sum(1 for r in rows if r[1] == region) < count:
            name = _person(rng, 1)[0]
            if name not in used:
                used.add(name)
                rows.append((name, region))
    return pd.DataFrame(rows, columns=["rep", "region"])


def _customers(rng: np.random.Generator, reps: pd.DataFrame, n: int) -> pd.DataFrame:
    regions = list(REGIONS)
    weights = np.array([REGIONS[r][0] for r in regions], dtype=float)
    region = rng.choice(regions, n, p=weights / weights.sum())
    city = [rng.choice(REGIONS[r][1]) for r in region]
    rep = [rng.choice(reps.loc[reps["region"] == r, "rep"].to_numpy()) for r in region]
    group = rng.choice(GROUPS, n)
    brand = [a + b for a, b in zip(rng.choice(BRANDS, n), rng.choice(BRANDS, n), strict=True)]
    suffix = {
        "制造业": "机械制造",
        "零售": "商贸",
        "建筑工程": "建设工程",
        "医疗": "医疗器械",
        "能源": "能源科技",
    }
    names = [f"{c}{b}{suffix[g]}有限公司" for c, b, g in zip(city, brand, group, strict=True)]
    ids = [f"C{i:05d}" for i in range(1, n + 1)]
    mobile = rng.integers(13_000_000_000, 19_999_999_999, n)
    size = rng.lognormal(0, 1.1, n)
    return pd.DataFrame(
        {
            "customer_id": ids,
            "customer_name": _dedupe(names),
            "rep": rep,
            "region": region,
            "customer_group": group,
            "legal_representative": _person(rng, n),
            "address": [
                f"{c}市{rng.choice(['高新区', '经开区', '工业园区', '滨江区'])}"
                f"{rng.integers(1, 999)}号"
                for c in city
            ],
            "phone": [
                f"0{rng.integers(10, 999):d}-{rng.integers(10_000_000, 89_999_999):d}"
                for _ in range(n)
            ],
            "contact_name": _person(rng, n),
            "contact_title": rng.choice(TITLES, n),
            "contact_phone": [str(m) for m in mobile],
            "created_on": pd.Timestamp("2018-01-01")
            + pd.to_timedelta(rng.integers(0, 365 * 6, n), unit="D"),
            "potential_value": np.round(size * 200_000, -3),
            "preferences": rng.choice(PREFERENCES, n),
            "feedback": rng.choice(FEEDBACK, n),
            "class": "C",
            "_size": size,
        }
    )


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else name.replace("有限公司", f"{seen[name]}分公司"))
    return out


def _orders(rng: np.random.Generator, customers: pd.DataFrame, lines: int) -> pd.DataFrame:
    months = pd.period_range("2023-01", "2024-12", freq="M")
    growth = np.where(months.year == 2024, 1.12, 1.0) * SEASON[months.month - 1]
    n_orders = max(1, lines // 3)
    month_of = rng.choice(len(months), n_orders, p=growth / growth.sum())
    start = months[month_of].start_time
    day = rng.integers(0, months[month_of].days_in_month)
    dates = (start + pd.to_timedelta(day, unit="D")).normalize()
    weight = customers["_size"].to_numpy() ** 1.6
    customer = rng.choice(len(customers), n_orders, p=weight / weight.sum())
    per_order = rng.integers(1, 6, n_orders)
    scale = lines / per_order.sum()
    per_order = np.maximum(1, np.round(per_order * scale)).astype(int)
    order_index = np.repeat(np.arange(n_orders), per_order)[:lines]
    if len(order_index) < lines:
        order_index = np.concatenate([order_index, np.full(lines - len(order_index), n_orders - 1)])
    order_index.sort()
    models, prices, categories = _catalogue(rng)
    pick = rng.integers(0, len(models), lines)
    quantity = rng.integers(1, 40, lines)
    price = np.round(prices[pick] * rng.uniform(0.92, 1.08, lines), 2)
    amount = np.round(quantity * price, 2)
    cost = np.round(amount * rng.uniform(0.62, 0.82, lines), 2)
    order_dates = dates[order_index]
    due = order_dates + pd.to_timedelta(rng.integers(7, 31, lines), unit="D")
    lateness = np.where(
        rng.random(lines) < 0.9, -rng.integers(0, 5, lines), rng.integers(1, 12, lines)
    )
    delivered = pd.Series(due + pd.to_timedelta(lateness, unit="D"))
    delivered[delivered > pd.Timestamp("2024-12-31")] = pd.NaT
    rows = customers.iloc[customer[order_index]]
    order_no = pd.Series(order_dates.strftime("SO%Y%m")) + pd.Series(order_index + 1).map(
        "{:06d}".format
    )
    cancelled = np.isin(order_index, np.flatnonzero(rng.random(n_orders) < 0.02))
    frame = pd.DataFrame(
        {
            "order_id": order_no.to_numpy(),
            "order_date": order_dates,
            "customer_id": rows["customer_id"].to_numpy(),
            "customer_name": rows["customer_name"].to_numpy(),
            "rep": rows["rep"].to_numpy(),
            "region": rows["region"].to_numpy(),
            "customer_group": rows["customer_group"].to_numpy(),
            "product_model": models[pick],
            "category": categories[pick],
            "quantity": quantity,
            "unit_price": price,
            "amount": amount,
            "cost": cost,
            "due_date": due,
            "delivered_on": delivered.to_numpy(),
            "payment_terms": rng.choice(PAYMENT, lines),
            "status": np.where(cancelled, "已取消", "已完成"),
        }
    )
    return frame.sort_values(["order_date", "order_id"], kind="stable").reset_index(drop=True)


def _catalogue(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    models, prices, categories = [], [], []
    prefixes = {"电机": "YE3", "变频器": "VF", "传感器": "SN", "控制器": "PLC", "配件": "PJ"}
    for category, (count, price) in CATEGORIES.items():
        for i in range(count):
            models.append(f"{prefixes[category]}-{100 + i * 7}")
            prices.append(round(price * rng.uniform(0.5, 1.8), 2))
            categories.append(category)
    return np.array(models), np.array(prices), np.array(categories)


def _plant_gaps(rng: np.random.Generator, customers: pd.DataFrame, clean: bool) -> pd.DataFrame:
    """A few incomplete or malformed records, as any real CRM holds."""
    customers = customers.drop(columns="_size")
    if clean:
        return customers
    n = len(customers)
    for column in ["legal_representative", "address", "contact_phone", "preferences", "feedback"]:
        customers.loc[rng.choice(n, max(1, n // 100), replace=False), column] = ""
    customers.loc[rng.choice(n, 5, replace=False), "phone"] = "待补充"
    customers.loc[rng.choice(n, 3, replace=False), "contact_phone"] = "138001"
    return customers


def _visits(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """2024 visits: each customer's class frequency (weekly, fortnightly, monthly), with
    about one visit in seven missed and some extra ones."""
    mondays = pd.date_range("2024-01-01", "2024-12-23", freq="W-MON")
    every = {"A": 1, "B": 2, "C": 4}
    rows = []
    for customer in customers.itertuples(index=False):
        step = every.get(customer[customers.columns.get_loc("class")], 4)
        for monday in mondays[::step]:
            if rng.random() < 0.86:
                day = monday + pd.Timedelta(days=int(rng.integers(0, 5 if step == 1 else 12)))
                rows.append((day, customer.rep, customer.customer_id))
    frame = pd.DataFrame(rows, columns=["visit_date", "rep", "customer_id"])
    frame["purpose"] = rng.choice(["例行拜访", "需求沟通", "售后回访", "商务洽谈"], len(frame))
    frame["summary"] = rng.choice(
        ["了解下季度采购计划", "处理交期问题", "介绍新品", "收集反馈"], len(frame)
    )
    frame["next_step"] = rng.choice(["发送报价", "安排技术交流", "跟进回款", ""], len(frame))
    return frame.sort_values(["visit_date", "rep", "customer_id"], kind="stable")


def _blank_visit_fields(
    rng: np.random.Generator, visits: pd.DataFrame, clean: bool
) -> pd.DataFrame:
    """Some visit records without a purpose or a summary (2.3.2), as reps leave them."""
    if clean:
        return visits
    visits = visits.copy()
    for column in ("purpose", "summary"):
        visits.loc[rng.random(len(visits)) < 0.03, column] = ""
    return visits


FEEDBACK_TEXT = {
    "交期": ["希望提前交货", "上批货物延迟到货", "要求分批发货"],
    "质量": ["部分产品外壳有划痕", "传感器读数偏差", "电机运行噪音偏大"],
    "价格": ["认为报价偏高", "希望给予批量折扣", "询问年度框架价格"],
    "售后服务": ["维修响应慢", "需要上门调试", "备件供应不及时"],
    "技术支持": ["需要接线说明", "咨询变频器参数设置", "希望安排技术培训"],
}
FEEDBACK_RESULT = {
    "交期": "已协调生产提前发货",
    "质量": "已补发合格品并分析原因",
    "价格": "已按政策给予报价说明",
    "售后服务": "已安排工程师上门处理",
    "技术支持": "已提供资料并远程指导",
}
SERVICE_STAFF = ["客服周洁", "客服林涛", "客服孙悦", "客服何静", "客服郑洋"]
FEEDBACK_HEADERS = {
    "feedback_id": "反馈编号",
    "customer_id": "客户编号",
    "customer_name": "客户名称",
    "rep": "销售代表",
    "received_on": "受理日期",
    "channel": "渠道",
    "category": "类别",
    "content": "反馈内容",
    "handler": "处理人",
    "resolved_on": "办结日期",
    "result": "处理结果",
    "returned_to_rep_on": "回复销售日期",
}
DEMO_END = pd.Timestamp("2024-12-31")


def _feedback(rng: np.random.Generator, customers: pd.DataFrame, clean: bool) -> pd.DataFrame:
    """Customer feedback 2023-07..2024-12 and customer service's follow-up (2.2.4): most
    resolved within days and passed back to the rep; some slow, some still open, a few
    without a handler, result or rep (the rep is then the customer's owner)."""
    n = max(60, len(customers) // 2)
    who = rng.integers(0, len(customers), n)
    received = pd.Timestamp("2023-07-01") + pd.to_timedelta(rng.integers(0, 550, n), unit="D")
    category = rng.choice(list(FEEDBACK_TEXT), n, p=[0.3, 0.25, 0.15, 0.2, 0.1])
    content = [FEEDBACK_TEXT[c][i] for c, i in zip(category, rng.integers(0, 3, n), strict=True)]
    days = np.round(rng.lognormal(1.3, 0.9, n)).astype(int)
    never = rng.random(n) < 0.06
    resolved = pd.Series(received + pd.to_timedelta(days, unit="D")).where(~never)
    resolved = resolved.where(resolved <= DEMO_END)
    returned = resolved + pd.to_timedelta(rng.integers(0, 3, n), unit="D")
    returned = returned.where((rng.random(n) < 0.85) & (returned <= DEMO_END))
    frame = pd.DataFrame(
        {
            "feedback_id": [f"FK{i:05d}" for i in range(1, n + 1)],
            "customer_id": customers["customer_id"].to_numpy()[who],
            "customer_name": customers["customer_name"].to_numpy()[who],
            "rep": np.where(rng.random(n) < 0.7, customers["rep"].to_numpy()[who], ""),
            "received_on": received,
            "channel": rng.choice(["电话", "微信", "邮件", "拜访反馈", "400热线"], n),
            "category": category,
            "content": content,
            "handler": rng.choice(SERVICE_STAFF, n),
            "resolved_on": resolved,
            "result": np.where(resolved.notna(), [FEEDBACK_RESULT[c] for c in category], ""),
            "returned_to_rep_on": returned,
        }
    )
    if not clean:
        frame.loc[rng.random(n) < 0.03, "handler"] = ""
        frame.loc[(rng.random(n) < 0.03) & frame["resolved_on"].notna(), "result"] = ""
    frame = frame.sort_values("received_on", kind="stable").reset_index(drop=True)
    frame["feedback_id"] = [f"FK{i:05d}" for i in range(1, n + 1)]  # numbered as received
    return frame


CHANGE_HEADERS = {
    "change_id": "变更单号",
    "order_id": "订单编号",
    "rep": "销售代表",
    "requested_on": "申请日期",
    "change_type": "变更类型",
    "old_value": "原值",
    "new_value": "新值",
    "old_amount": "原金额",
    "new_amount": "新金额",
    "reason": "变更原因",
    "decision": "审批结果",
    "decided_on": "审批日期",
    "approver": "审批人",
}
CHANGE_REASONS = {
    "数量": ["客户追加采购", "客户项目缩减"],
    "交期": ["客户现场未具备安装条件", "客户要求提前到货"],
    "价格": ["批量采购议价", "原材料价格调整"],
    "产品": ["客户技术方案变更", "原型号停产"],
    "取消": ["客户项目取消", "客户改选其他方案"],
}


def _order_changes(rng: np.random.Generator, orders: pd.DataFrame, clean: bool) -> pd.DataFrame:
    """Change requests on 2024 orders (4.2.5): quantity, delivery date, price, product and
    cancellations (the cancelled orders); most approved within days, some rejected, some
    still pending; two on orders missing from the export."""
    first = (
        orders[orders["order_date"].dt.year == 2024]
        .groupby("order_id", sort=True)
        .agg(
            order_date=("order_date", "first"),
            rep=("rep", "first"),
            amount=("amount", "sum"),
            quantity=("quantity", "sum"),
            unit_price=("unit_price", "first"),
            model=("product_model", "first"),
            due=("due_date", "max"),
            status=("status", "first"),
        )
    )
    cancelled = first[first["status"] == "已取消"]
    live = first[first["status"] != "已取消"]
    n = max(20, len(live) // 40)
    picked = live.iloc[np.sort(rng.choice(len(live), n, replace=False))]
    kinds = rng.choice(["数量", "交期", "价格", "产品"], n, p=[0.35, 0.4, 0.12, 0.13])
    rows = []
    for (order_id, order), kind in zip(picked.iterrows(), kinds, strict=True):
        rows.append((order_id, order, kind))
    for order_id, order in cancelled.iterrows():
        rows.append((order_id, order, "取消"))
    records = [_change(rng, order_id, order, kind) for order_id, order, kind in rows]
    frame = pd.DataFrame(records, columns=list(CHANGE_HEADERS)[1:])
    frame = frame.sort_values(["requested_on", "order_id"], kind="stable").reset_index(drop=True)
    if not clean:
        strays = frame.iloc[[len(frame) // 3, 2 * len(frame) // 3]].copy()
        strays["order_id"] = ["SO20240599990", "SO20240899991"]
        frame = pd.concat([frame, strays], ignore_index=True)
        frame.loc[rng.random(len(frame)) < 0.03, "reason"] = ""
        frame = frame.sort_values(["requested_on", "order_id"], kind="stable")
    frame.insert(0, "change_id", [f"BG{i:05d}" for i in range(1, len(frame) + 1)])
    return frame.reset_index(drop=True)


def _change(rng: np.random.Generator, order_id: str, order: pd.Series, kind: str) -> tuple:
    requested = order["order_date"] + pd.Timedelta(days=int(rng.integers(1, 15)))
    reason = str(rng.choice(CHANGE_REASONS[kind]))
    amount = round(float(order["amount"]), 2)
    old_amount = new_amount = None
    if kind == "数量":
        factor = float(rng.choice([0.6, 0.8, 1.2, 1.5]))
        old_value, new_value = f"{order['quantity']:.0f}", f"{order['quantity'] * factor:.0f}"
        old_amount, new_amount = amount, round(amount * factor, 2)
        reason = CHANGE_REASONS[kind][0 if factor > 1 else 1]
    elif kind == "交期":
        old_value = order["due"].strftime("%Y-%m-%d")
        new_value = (order["due"] + pd.Timedelta(days=int(rng.integers(5, 30)))).strftime(
            "%Y-%m-%d"
        )
    elif kind == "价格":
        old_value = f"{order['unit_price']:.2f}"
        new_value = f"{order['unit_price'] * 0.95:.2f}"
        old_amount, new_amount = amount, round(amount * 0.95, 2)
    elif kind == "产品":
        old_value, new_value = order["model"], order["model"] + "B"
    else:
        old_value, new_value = "有效", "取消"
        old_amount, new_amount = amount, 0.0
    decided = requested + pd.Timedelta(days=int(rng.integers(1, 12)))
    outcome = rng.choice(["通过", "驳回", ""], p=[0.8, 0.14, 0.06])
    if kind == "取消":
        outcome = "通过"
    if outcome == "" or decided > DEMO_END:
        outcome, decided = "", pd.NaT
    approver = "" if outcome == "" else str(rng.choice(["王经理", "陈总监"]))
    return (
        order_id,
        order["rep"] if rng.random() < 0.5 else "",
        requested,
        kind,
        old_value,
        new_value,
        old_amount,
        new_amount,
        reason,
        outcome,
        decided,
        approver,
    )


def _opportunities(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    n = max(300, len(customers) * 3 // 2)
    who = rng.integers(0, len(customers), n)
    created = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 720, n), unit="D")
    outcome = rng.choice(["won", "lost", "open"], n, p=[0.32, 0.43, 0.25])
    closed = created + pd.to_timedelta(rng.integers(10, 120, n), unit="D")
    closed = pd.Series(closed).where((outcome != "open") & (closed <= pd.Timestamp("2024-12-31")))
    outcome = np.where(closed.isna() & (outcome != "open"), "open", outcome)
    stage = np.where(
        outcome == "won", "赢单", np.where(outcome == "lost", "输单", rng.choice(STAGES, n))
    )
    follow = created + pd.to_timedelta(rng.integers(5, 60, n), unit="D")
    return pd.DataFrame(
        {
            "opportunity_id": [f"OP{i:05d}" for i in range(1, n + 1)],
            "customer_id": customers["customer_id"].to_numpy()[who],
            "rep": customers["rep"].to_numpy()[who],
            "source": rng.choice(SOURCES, n),
            "created_on": created,
            "stage": stage,
            "expected_amount": np.round(rng.lognormal(11, 0.8, n), -2),
            "next_follow_up": pd.Series(follow).where(outcome == "open"),
            "closed_on": closed,
            "outcome": outcome,
        }
    ).sort_values("opportunity_id")


def _targets(orders: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    live = orders[orders["status"] != "已取消"]
    last = live[live["order_date"].dt.year == 2023].groupby("rep")["amount"].sum()
    rows = []
    for rep in reps["rep"]:
        # at least 10,000 a year: a small demo's rep with few sales still has a target above 0
        year_target = max(round(float(last.get(rep, 300_000)) * 1.15, -4), 10_000)
        for month in range(1, 13):
            rows.append(
                (
                    rep,
                    f"2024-{month:02d}",
                    round(year_target * SEASON[month - 1] / SEASON.sum(), -2),
                )
            )
    return pd.DataFrame(rows, columns=["rep", "period", "target"])


def _adjustments(reps: pd.DataFrame) -> pd.DataFrame:
    names = reps["rep"].tolist()
    return pd.DataFrame(
        [
            (names[0], "2024-05", 620000, "大客户项目延期", "客户书面通知", "是", "张总"),
            (names[3], "2024Q3", 1500000, "新增区域经销商", "经销合同", "✓", "2024-06-20"),
            (names[5], "2024-06", 300000, "市场需求下滑", "", "是", "是"),
            (names[7], "2024-07", 410000, "产品线调整", "产品停产通知", "是", ""),
            (names[9], "2024Q4", None, "人员调整", "人事通知", "是", "是"),
        ],
        columns=[
            "rep",
            "period",
            "new_target",
            "reason",
            "basis",
            "manager_approved",
            "leader_approved",
        ],
    )


def _satisfaction(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for quarter_end in pd.date_range("2023-03-20", "2024-12-20", freq="3MS"):
        chosen = rng.choice(len(customers), len(customers) // 4, replace=False)
        for i in chosen:
            day = quarter_end + pd.Timedelta(days=int(rng.integers(0, 10)))
            rows.append((customers.at[i, "customer_id"], day, int(rng.choice([3, 4, 4, 5, 5, 5]))))
    return pd.DataFrame(rows, columns=["customer_id", "survey_date", "score"])


def _expenses(rng: np.random.Generator, reps: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for rep in reps["rep"]:
        budget = float(rng.integers(15, 40)) * 1000
        for month in pd.period_range("2023-01", "2024-12", freq="M"):
            rows.append((rep, str(month), round(budget * rng.uniform(0.7, 1.25), 2), budget))
    return pd.DataFrame(rows, columns=["rep", "month", "expense", "budget"])


def _reviews(rng: np.random.Generator, reps: pd.DataFrame) -> pd.DataFrame:
    comments = [
        "客户关系维护到位，需加强新客户开发",
        "执行力强，报表及时",
        "需提高商机转化",
        "团队协作好，交期跟进需加强",
        "业绩稳定，可承担更多责任",
    ]
    rows = [
        (rep, f"2024Q{q}", int(rng.integers(65, 98)), rng.choice(comments))
        for rep in reps["rep"]
        for q in range(1, 5)
    ]
    return pd.DataFrame(rows, columns=["rep", "period", "score", "comment"])


def _market(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    rows = []
    live = orders[orders["status"] != "已取消"]
    for quarter in pd.period_range("2023Q1", "2024Q4", freq="Q"):
        inside = live[live["order_date"].dt.to_period("Q") == quarter]
        for region, amount in inside.groupby("region")["amount"].sum().items():
            size = round(amount / rng.uniform(0.08, 0.2), -4)
            for rival in ["汇川", "西门子", "ABB"]:
                rows.append(
                    (str(quarter), region, size, rival, round(size * rng.uniform(0.05, 0.25), -3))
                )
    return pd.DataFrame(
        rows, columns=["period", "region", "market_size", "competitor", "competitor_amount"]
    )


def write_demo(
    folder: Path,
    lines: int = 60_000,
    seed: int = SEED,
    clean: bool = False,
    csv_orders: bool = False,
) -> list[Path]:
    """Write the demo exports into a folder (the committed examples/demo is this output)."""
    from salescli.output.safe import atomic_write

    company = generate(lines, seed, clean)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    orders = company.orders
    if csv_orders:
        path = folder / "orders.csv"
        written.append(atomic_write(path, lambda p: _csv(orders, p, ORDER_HEADERS), set()))
    else:
        for year in sorted(orders["order_date"].dt.year.unique()):
            part = orders[orders["order_date"].dt.year == year]
            path = folder / f"orders-{year}.xlsx"
            written.append(
                atomic_write(
                    path,
                    lambda p, part=part, year=year: _xlsx(
                        part, p, ORDER_HEADERS, f"{year}年销售订单明细", "订单明细", total="amount"
                    ),
                    set(),
                )
            )
    path = folder / "customers.xlsx"
    written.append(
        atomic_write(
            path,
            lambda p: _xlsx(company.customers, p, CUSTOMER_HEADERS, "客户档案", "客户档案"),
            set(),
        )
    )
    for name in [
        "visits",
        "opportunities",
        "targets",
        "adjustments",
        "satisfaction",
        "expenses",
        "reviews",
        "market",
    ]:
        frame = getattr(company, name)
        path = folder / f"{name}.csv"
        written.append(atomic_write(path, lambda p, f=frame: _csv(f, p, None), set()))
    # the follow-up duties' exports: Chinese file names and headers, GBK as CRMs write them
    for frame, headers, filename in (
        (company.feedback, FEEDBACK_HEADERS, "客户反馈.csv"),
        (company.order_changes, CHANGE_HEADERS, "订单变更.csv"),
    ):
        path = folder / filename
        written.append(
            atomic_write(path, lambda p, f=frame, h=headers: _csv(f, p, h, encoding="gbk"), set())
        )
    return written


def _csv(
    frame: pd.DataFrame, path: Path, headers: dict[str, str] | None, encoding: str = "utf-8"
) -> None:
    out = frame.rename(columns=headers) if headers else frame
    out = out.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding=encoding, lineterminator="\n")


def _xlsx(
    frame: pd.DataFrame,
    path: Path,
    headers: dict[str, str],
    title: str,
    sheet: str,
    total: str | None = None,
) -> None:
    import xlsxwriter

    from salescli.output.xlsx import FIXED_TIME

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties({"created": FIXED_TIME})
    sheet_ = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    bold = book.add_format({"bold": True})
    sheet_.write_string(0, 0, title, bold)
    columns = list(headers)
    sheet_.write_row(2, 0, [headers[c] for c in columns], bold)
    values = {c: frame[c].tolist() for c in columns}
    for i in range(len(frame)):
        for j, column in enumerate(columns):
            value = values[column][i]
            if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
                continue
            if isinstance(value, pd.Timestamp):
                sheet_.write_datetime(3 + i, j, value.to_pydatetime(), date_format)
            elif isinstance(value, str):
                if value:
                    sheet_.write_string(3 + i, j, value)
            else:
                sheet_.write_number(3 + i, j, float(value))
    if total:
        row = 3 + len(frame)
        sheet_.write_string(row, 0, "合计", bold)
        sheet_.write_number(row, columns.index(total), float(frame[total].sum()))
    book.close()


def main(argv: list[str] | None = None) -> None:
    """python -m salescli.demo [FOLDER] [--lines N] [--seed S] [--csv]"""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m salescli.demo", description=main.__doc__)
    parser.add_argument("folder", nargs="?", default="examples/demo", type=Path)
    parser.add_argument("--lines", type=int, default=60_000, help="order lines to generate")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--csv", action="store_true", help="orders as one CSV, not xlsx")
    args = parser.parse_args(argv)
    for path in write_demo(args.folder, args.lines, args.seed, csv_orders=args.csv):
        print(path)


if __name__ == "__main__":
    main()
