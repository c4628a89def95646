"""Generate the sample store (seeds/sample.jsonl): a few hundred synthetic cases of Shizuishan.

Deterministic: a fixed seed and a fixed cut-off (no event after CUTOFF except a licence's expiry,
which is known ahead), so the committed file can be rebuilt byte for byte and a test checks that
it is. Every rule of the plan gets cases, on time, late and still open, with events over 2025-2026
and licence expiries into 2027-2030 (provisional calendar years).

    python seeds/generate.py            # rewrites seeds/sample.jsonl
    python seeds/generate.py -o x.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

SEED = 20230207
CUTOFF = dt.date(2026, 11, 30)
OUT = Path(__file__).resolve().parent / "sample.jsonl"

COURTS = {
    "宁02": "石嘴山市中级人民法院",
    "宁0202": "大武口区人民法院",
    "宁0205": "惠农区人民法院",
    "宁0221": "平罗县人民法院",
}
COUNTIES = ("大武口区", "惠农区", "平罗县")
LICENCE_UNITS = ("市公安局", "市审批局", "市生态环境局", "市交通局", "市农业农村局", "市应急局")
LICENCES = (
    "排污许可证",
    "危险化学品经营许可证",
    "道路运输经营许可证",
    "食品经营许可证",
    "烟花爆竹经营许可证",
    "种子生产经营许可证",
    "建筑施工企业安全生产许可证",
)
LOCAL_BANKS = ("石嘴山银行", "宁夏石嘴山农村商业银行", "宁夏平罗农村商业银行")
OTHER_BANKS = ("中国工商银行石嘴山分行", "中国建设银行石嘴山分行")
FIRMS = (
    "石嘴山市宏达冶金",
    "宁夏天元锰业",
    "平罗县金土地农业",
    "惠农区鑫源化工",
    "大武口区华泰物流",
    "石嘴山市恒力建材",
    "宁夏英力特化工",
    "平罗县沙湖食品",
)


class Gen:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.cases: list[dict[str, Any]] = []

    # --- helpers --------------------------------------------------------------------------
    def day(self, lo: dt.date, hi: dt.date) -> dt.date:
        d = lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))
        return d + dt.timedelta(days=(7 - d.weekday()) % 7 if d.weekday() >= 5 else 0)

    def after(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return d + dt.timedelta(days=self.rng.randint(lo, hi))

    def case(
        self, cid: str, kind: str, unit: str, facts: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        self.cases.append(
            {
                "record": "case",
                "case": cid,
                "kind": kind,
                "unit": unit,
                "facts": facts or {},
                "events": events,
            }
        )
        return events

    @staticmethod
    def ev(
        events: list[dict[str, Any]], etype: str, on: dt.date, *, future: bool = False, **data: str
    ) -> bool:
        """Add the event if it has happened by CUTOFF (always for future-dated types)."""
        if on > CUTOFF and not future:
            return False
        item: dict[str, Any] = {"type": etype, "on": on.isoformat()}
        if data:
            item["data"] = data
        events.append(item)
        return True

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- case families --------------------------------------------------------------------
    def enforcement(self, n: int) -> None:
        for i in range(n):
            code = self.rng.choice(list(COURTS))
            filed = self.day(dt.date(2025, 1, 2), dt.date(2026, 11, 20))
            cid = f"({filed.year}){code}执{100 + i}号"
            facts = {"property_complexity": self.rng.choice(("simple", "simple", "complex"))}
            if self.chance(0.1):
                facts["needs_reference_price"] = False
            e = self.case(cid, "enforcement", COURTS[code], facts)
            self.ev(
                e,
                "enforcement.filed",
                filed,
            )
            launched = self.after(filed, 0, 1 if self.chance(0.85) else 4)
            if not self.ev(e, "enforcement.query-launched", launched):
                continue
            results = self.after(launched, 2, 10)
            if not self.ev(e, "enforcement.query-results", results):
                continue
            self.ev(
                e, "enforcement.online-seized", self.after(results, 0, 1 if self.chance(0.8) else 5)
            )
            seized = self.after(results, 1, 6)
            if not self.ev(e, "enforcement.property-seized", seized, asset="A-1"):
                continue
            if self.chance(0.3):
                self.ev(
                    e, "enforcement.deposit-eligible", self.after(seized, 0, 10), account="基本户"
                )
                if self.chance(0.85):
                    self.ev(
                        e,
                        "enforcement.deposit-deducted",
                        self.after(seized, 11, 16),
                        account="基本户",
                    )
            if self.chance(0.15):
                continue  # ascertaining still open
            ascertained = self.after(seized, 8, 26 if self.chance(0.8) else 40)
            if not self.ev(e, "enforcement.property-ascertained", ascertained, asset="A-1"):
                continue
            pricing = self.after(ascertained, 2, 6 if self.chance(0.8) else 12)
            if not self.ev(e, "enforcement.pricing-started", pricing, asset="A-1"):
                continue
            entrusted = self.after(pricing, 1, 8)
            if not self.ev(e, "enforcement.appraisal-entrusted", entrusted, asset="A-1"):
                continue
            if self.chance(0.15):
                self.ev(
                    e,
                    "enforcement.appraisal-extended",
                    self.after(entrusted, 8, 12),
                    asset="A-1",
                    period="10 days",
                )
            if self.chance(0.8):
                self.ev(
                    e, "enforcement.appraisal-reported", self.after(entrusted, 9, 34), asset="A-1"
                )
            if self.chance(0.5):
                arrived = self.after(entrusted, 40, 90)
                if self.ev(e, "enforcement.money-arrived", arrived, payment="P-1") and self.chance(
                    0.8
                ):
                    self.ev(
                        e, "enforcement.money-paid-out", self.after(arrived, 5, 35), payment="P-1"
                    )

    def bankruptcy(self, n: int) -> None:
        for i in range(n):
            code = self.rng.choice(("宁02", "宁0202", "宁0221"))
            accepted = self.day(dt.date(2019, 3, 1), dt.date(2026, 11, 16))
            track = self.rng.choice(("no-asset", "enforcement-to-bankruptcy", "ordinary"))
            cid = f"({accepted.year}){code}破{i + 1}号"
            e = self.case(cid, "bankruptcy", COURTS[code], {"track": track})
            self.ev(e, "bankruptcy.accepted", accepted)
            if self.chance(0.35):
                paused = self.after(accepted, 10, 40)
                self.ev(e, "court.suspended", paused, reason=self.rng.choice(("公告", "鉴定")))
                self.ev(e, "court.resumed", self.after(paused, 5, 30))
            if self.chance(0.2):
                self.ev(e, "court.extended", self.after(accepted, 60, 80), period="1 month")
            if accepted.year >= 2024 and self.chance(0.6):
                self.ev(e, "bankruptcy.closed", self.after(accepted, 50, 130))

    def licences(self, n: int) -> None:
        for i in range(n):
            unit = self.rng.choice(LICENCE_UNITS)
            county = self.rng.choice(COUNTIES)
            expires = self.day(dt.date(2025, 3, 1), dt.date(2030, 12, 31))
            name = self.rng.choice(LICENCES)
            cid = f"XK-{expires.year}-{i + 1:04d}"
            e = self.case(
                cid,
                "licence",
                unit,
                {"licence": name, "holder": f"{county}{self.rng.choice(FIRMS)}"},
            )
            self.ev(e, "licence.expires", expires, future=True)
            if self.chance(0.7):
                self.ev(e, "licence.reminded-60", expires - dt.timedelta(days=61))
            if self.chance(0.6):
                self.ev(e, "licence.reminded-30", expires - dt.timedelta(days=31))
            if self.chance(0.5):
                self.ev(
                    e,
                    "licence.renewal-applied",
                    expires - dt.timedelta(days=self.rng.randint(31, 50)),
                )

    def projects(self, n: int) -> None:
        for i in range(n):
            submitted = self.day(dt.date(2025, 1, 2), dt.date(2026, 11, 13))
            cid = f"XM-{submitted.year}-{i + 1:03d}"
            e = self.case(
                cid,
                "project",
                self.rng.choice(("市审批局", "大武口区审批局", "惠农区审批局", "平罗县审批局")),
                {"commitment": True, "project": f"{self.rng.choice(FIRMS)}技改项目"},
            )
            self.ev(e, "project.submitted", submitted)
            accepted = self.after(submitted, 1, 5)
            self.ev(e, "project.accepted", accepted)
            if self.chance(0.8):
                self.ev(e, "project.approved", self.after(accepted, 25, 70))

    def loans(self, n: int) -> None:
        for i in range(n):
            local = self.chance(0.75)
            bank = self.rng.choice(LOCAL_BANKS if local else OTHER_BANKS)
            amount = self.rng.choice(
                (
                    500_000,
                    2_000_000,
                    5_000_000,
                    8_000_000,
                    10_000_000,
                    10_000_000,
                    12_000_000,
                    30_000_000,
                )
            )
            received = self.day(dt.date(2025, 1, 2), dt.date(2026, 11, 25))
            cid = f"DK-{received.year}-{i + 1:04d}"
            facts = {
                "lender": "local-legal-person-bank" if local else "other-bank",
                "amount_yuan": amount,
                "borrower": self.rng.choice(FIRMS),
            }
            e = self.case(cid, "loan", bank, facts)
            self.ev(e, "loan.application-received", received)
            if self.chance(0.85):
                self.ev(e, "loan.decided", self.after(received, 7, 36))

    def vat_refunds(self, n: int) -> None:
        for i in range(n):
            manufacturing = self.chance(0.5)
            accepted = self.day(dt.date(2025, 1, 2), dt.date(2026, 11, 26))
            cid = f"TS-{accepted.year}-{i + 1:04d}"
            unit = self.rng.choice(
                (
                    "国家税务总局石嘴山市税务局",
                    "国家税务总局石嘴山市大武口区税务局",
                    "国家税务总局平罗县税务局",
                )
            )
            e = self.case(
                cid,
                "vat-refund",
                unit,
                {"manufacturing": manufacturing, "taxpayer": self.rng.choice(FIRMS)},
            )
            self.ev(e, "vat-refund.accepted", accepted)
            if manufacturing and self.chance(0.9):
                self.ev(
                    e, "vat-refund.arrived", self.after(accepted, 1, 4 if self.chance(0.8) else 7)
                )
            if self.chance(0.9):
                self.ev(
                    e,
                    "vat-refund.refunded",
                    self.after(accepted, 4, 15 if self.chance(0.8) else 20),
                )

    def monthly(
        self, kind: str, start_type: str, done_type: str, units: list[str], prefix: str
    ) -> None:
        for i, unit in enumerate(units):
            e = self.case(f"{prefix}-{i + 1:02d}", kind, unit)
            self.ev(e, start_type, dt.date(2025, 1, 2))
            y, m = 2025, 1
            while True:
                ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
                issued = self.after(dt.date(ny, nm, 1), -6 if self.chance(0.8) else 2, 8)
                if issued > CUTOFF:
                    break
                if self.chance(0.9):
                    self.ev(e, done_type, issued, period=f"{y}-{m:02d}")
                y, m = ny, nm

    def port_fees(self) -> None:
        e = self.case("KA-2025-01", "port-fees", "市商务局")
        self.ev(e, "port-fees.duty-started", dt.date(2025, 1, 2))
        self.ev(e, "port-fees.published", dt.date(2025, 6, 20), period="2025-H1")
        self.ev(e, "port-fees.published", dt.date(2026, 1, 8), period="2025-H2")
        self.ev(e, "port-fees.published", dt.date(2026, 6, 26), period="2026-H1")

    def consultations(self) -> None:
        e = self.case(
            "ZQ-2023-01",
            "consultation",
            "市审批服务管理局",
            {"title": "2023年营商环境提升行动工作方案(征求意见稿)"},
        )
        self.ev(e, "consultation.published", dt.date(2023, 2, 7))
        self.ev(e, "consultation.closed", dt.date(2023, 3, 9))
        e = self.case(
            "ZQ-2026-01",
            "consultation",
            "市审批服务管理局",
            {"title": "2026年营商环境提升行动工作方案(征求意见稿)"},
        )
        self.ev(e, "consultation.published", dt.date(2026, 11, 9))

    def build(self) -> list[dict[str, Any]]:
        self.consultations()
        self.licences(60)
        self.projects(35)
        self.monthly(
            "wage-supervision",
            "wage.duty-started",
            "wage.hazard-reported",
            ["市住房和城乡建设局", "市交通运输局", "市水务局"],
            "QX",
        )
        self.loans(45)
        self.vat_refunds(45)
        self.port_fees()
        self.enforcement(90)
        self.bankruptcy(20)
        self.monthly(
            "supervision",
            "supervision.duty-started",
            "supervision.bulletin-issued",
            ["市优化营商环境工作领导小组办公室", *(f"{c}营商办" for c in COUNTIES)],
            "DC",
        )
        return self.cases


def write(path: Path) -> int:
    cases = Gen().build()
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False, sort_keys=False) + "\n")
    return len(cases)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    n = write(args.output)
    print(f"wrote {n} cases to {args.output}")


if __name__ == "__main__":
    main()
