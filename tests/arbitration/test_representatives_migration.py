"""The arbitration workbench's own representatives (name and phone on the file) become the collective dispute's
records (arbitration/0010): each is matched to a worker of the group or kept by name, nothing is lost, the phone
of one kept by name is encrypted at rest, and going back puts them on the files again."""

import random

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from arbitration.services import application_accept
from core.identifiers import make_credit_code
from disputes.collective import collective_link, group_of, representatives_of
from disputes.models import Case, Representative
from disputes.services import referral_accept, referral_offer

from .conftest import D, at

BEFORE = [("arbitration", "0009_verbose_names"), ("disputes", "0023_representative_by_name")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _fresh(case):
    return Case.objects.get(pk=case.pk)


@pytest.mark.django_db(transaction=True)
def test_the_files_representatives_move_to_the_groups_records_without_loss(register, people, orgs, arb):
    with at("2026-04-10"):
        employer = make_credit_code(random.Random(10))
        lead, member = [register(seed=5100 + i, credit_code=employer, worker_name=f"工人{i}",
                                 violation_started_on=D(2026, 1, 5)).case for i in range(2)]
        collective_link(case_id=lead.pk, actor=people["clerk"], member_ids=[member.pk], version=_fresh(lead).version)
        single = register(seed=5200, violation_started_on=D(2026, 1, 5)).case
        for case in (lead, single):
            ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                                 purpose="arbitration", expected_version=_fresh(case).version)
            referral_accept(referral_id=ref.pk, actor=arb.arbitrator)
            application_accept(case_id=case.pk, actor=arb.arbitrator, version=_fresh(case).version)
    worker_phone = _fresh(lead).worker.phone

    executor = _migrate(BEFORE)
    state = executor.loader.project_state(BEFORE).apps
    Old, File = state.get_model("arbitration", "CollectiveRepresentative"), state.get_model("arbitration", "ArbitrationFile")
    lead_file, single_file = File.objects.get(case_id=lead.pk), File.objects.get(case_id=single.pk)
    Old.objects.create(file=lead_file, name="工人0", phone=worker_phone)  # the lead's worker, name and phone
    Old.objects.create(file=lead_file, name="工人1", phone="13999999999")  # the member's worker, by name alone
    Old.objects.create(file=lead_file, name="外来代表", phone="13700000001")  # no worker of the group
    Old.objects.create(file=single_file, name="张三", phone="13800000009")  # a collective case in no group

    _migrate(executor.loader.graph.leaf_nodes())

    rows = list(Representative.objects.filter(case=lead).order_by("id"))
    assert [r.worker_id for r in rows] == [lead.worker_id, member.worker_id, None]
    assert (rows[2].name, rows[2].phone) == ("外来代表", "13700000001")
    assert [r.display_name for r in representatives_of(_fresh(member))] == ["工人0", "工人1", "外来代表"]
    assert group_of(_fresh(lead)).named_representatives == ["外来代表"]
    assert [(r.name, r.phone) for r in representatives_of(single)] == [("张三", "13800000009")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM disputes_representative WHERE name <> ''")
        assert all("1370000" not in p and "1380000" not in p for (p,) in cursor.fetchall())  # encrypted

    executor = _migrate(BEFORE)
    Old = executor.loader.project_state(BEFORE).apps.get_model("arbitration", "CollectiveRepresentative")
    back = {(o.file.case_id, o.name, o.phone) for o in Old.objects.select_related("file")}
    assert back == {(lead.pk, "工人0", worker_phone), (lead.pk, "工人1", worker_phone),
                    (lead.pk, "外来代表", "13700000001"), (single.pk, "张三", "13800000009")}
    _migrate(executor.loader.graph.leaf_nodes())
