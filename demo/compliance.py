"""Demo data of the compliance and random-inspection pages, made through their services after the cases: the
industry departments, early warnings (the sweep over the demo's complaints), interviews with a follow-up due and
one overdue, a random-inspection plan with its draw, and the last ended quarter's publication list in draft.

Idempotent: a second `seed_demo` adds nothing here that is already there."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.utils import timezone

from compliance.publication import last_ended_quarter, publication_assemble
from compliance.publication_models import Publication
from compliance.warning_models import EarlyWarning, EmployerInterview, IndustryDepartment
from compliance.warnings import department_of, interview_record, warnings_sweep
from core.errors import DomainError
from disputes.models import Case, Employer
from sampling.models import Draw, DrawPlan, InspectionItem
from sampling.services import draw_run, plan_create

logger = logging.getLogger(__name__)

# The supervising departments (disputes.choices.SupervisingDepartment) as demo organisations: key, name, department.
DEPARTMENTS = [
    ("transport", "潍坊市交通运输局", "transport"),
    ("commerce", "潍坊市商务局", "commerce"),
    ("market_regulation", "潍坊市市场监督管理局", "market_regulation"),
    ("postal", "潍坊市邮政管理局", "postal"),
]
WARNED_EMPLOYER = "潍坊货运宝网络货运有限公司"


def seed_compliance(orgs: dict, users: dict, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    for key, _name, department in DEPARTMENTS:
        IndustryDepartment.objects.update_or_create(organization=orgs[key], defaults={"department": department})
    # The rules read the demo's complaints as they would at the hourly sweep; the departments named are told.
    warnings_sweep(today=today)
    _interviews(orgs, users, today)
    _random_inspection(orgs, users, today)
    _publication(orgs, users, today)


def _interviews(orgs: dict, users: dict, today: datetime.date) -> None:
    team = orgs["inspection"]
    if EmployerInterview.objects.filter(organization=team).exists():
        return
    inspector = users["inspector"]
    warning = (EarlyWarning.objects.filter(employer__name=WARNED_EMPLOYER, department="transport")
               .order_by("pk").first())
    employer = warning.employer if warning else Employer.objects.filter(name=WARNED_EMPLOYER).first()
    if employer is not None:
        # Held today on the warning, with the transport bureau: the follow-up falls due after the deadline.
        interview_record(
            employer_id=employer.pk, actor=inspector, kind="interview", held_on=today,
            attendees="企业法定代表人、人力资源负责人；潍坊市交通运输局道路运输科工作人员",
            departments=["transport"],
            matters="近一个月司机集中投诉平台拖欠运费结算、未与司机签订书面协议",
            commitments="十五日内结清拖欠款项，规范与司机的合作协议并报备",
            outcome="企业承认结算延迟，承诺限期整改",
            rectify_by=today + datetime.timedelta(days=15), warning_id=warning.pk if warning else None,
        )
    # A warning given three weeks ago to an employer the detachment handles cases of: its follow-up is overdue.
    handled = (Case.objects.filter(owner_org=team).exclude(employer__name=WARNED_EMPLOYER)
               .values_list("employer_id", "employer__industry").order_by("pk").first())
    if handled is None:
        return
    employer_id, industry = handled
    department = department_of(industry)
    interview_record(
        employer_id=employer_id, actor=inspector, kind="warning", held_on=today - datetime.timedelta(days=21),
        attendees="企业负责人、财务负责人", departments=[department] if department else [],
        matters="多名劳动者投诉延期支付工资", commitments="十日内补发拖欠工资并建立工资支付台账",
        outcome="书面警示，责令限期整改", rectify_by=today - datetime.timedelta(days=11),
    )


def _random_inspection(orgs: dict, users: dict, today: datetime.date) -> None:
    team, supervisor = orgs["inspection"], users["insp_supervisor"]
    name = f"{today.year}年度劳动保障“双随机”抽查计划"
    plan = DrawPlan.objects.filter(organization=team, year=today.year, name=name).first()
    if plan is None:
        items = list(InspectionItem.objects.filter(code__in=("contracts", "working_time", "wages"), active=True)
                     .values_list("pk", flat=True))
        plan = plan_create(actor=supervisor, name=name, year=today.year, item_ids=items, share_percent=Decimal("20"),
                           max_per_year=1, min_months_between=6, inspectors_per_inspection=2)
    if Draw.objects.filter(plan=plan).exists():
        return
    try:
        draw_run(actor=supervisor, plan_id=plan.pk)
    except DomainError as exc:  # too small a demo (no employer, or too few inspectors free of conflict)
        logger.warning("demo random inspection not drawn: %s", exc.message)


def _publication(orgs: dict, users: dict, today: datetime.date) -> None:
    year, quarter = last_ended_quarter(today)
    if Publication.objects.filter(organization=orgs["inspection"], year=year, quarter=quarter).exists():
        return
    # The demo's decisions are dated today, so last quarter's list is likely empty: a draft all the same.
    publication_assemble(actor=users["insp_supervisor"], year=year, quarter=quarter, today=today)
