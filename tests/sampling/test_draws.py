"""Draws on the database: pools from the case file, a draw recorded and replayed from its seed, a changed record
detected, frequency limits and conflicts honoured, roles and organisations kept apart."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.errors import NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Role
from sampling import services
from sampling.models import Draw, DrawnInspection, InspectorConflict, Result
from sampling.pools import months_before, pools_for
from sampling.verify import verify
from tests.conftest import file_for_inspection, make_staff

pytestmark = pytest.mark.django_db


def _drawn(draw):
    return [(r.employer.credit_code, sorted(t.inspector_id for t in r.team.all()))
            for r in draw.inspections.order_by("position")]


def test_a_draw_is_replayed_from_its_seed_with_the_same_employers_and_inspectors(make_plan, boss, employers, team):
    plan = make_plan()
    draw = services.draw_run(actor=boss, plan_id=plan.pk)
    assert len(draw.result) == 3  # 30% of 10
    assert len(draw.seed) == 64 and draw.algorithm == "owdraw-1"
    rows = _drawn(draw)
    assert all(len(inspectors) == 2 for _code, inspectors in rows)
    check = verify(Draw.objects.get(pk=draw.pk))
    assert check.ok, [(c.name, c.detail) for c in check.checks if not c.ok]
    assert [(r["employer"], sorted(int(i) for i in r["inspectors"])) for r in check.replayed] == rows
    out = io.StringIO()
    call_command("verify_draw", str(draw.pk), stdout=out)
    assert "OK" in out.getvalue()


def test_a_changed_record_is_detected(make_plan, boss, employers, team):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    drawn = draw.result[0]["employer"]
    # Someone takes the first employer drawn out of the stored pool: the replay now draws another, and the
    # pool's digest no longer matches the one published at the draw.
    record = dict(draw.record, employers=[c for c in draw.record["employers"] if c != drawn])
    Draw.objects.filter(pk=draw.pk).update(record=record)
    check = verify(Draw.objects.get(pk=draw.pk))
    failed = {c.name for c in check.checks if not c.ok}
    assert {"record_digest", "replay"} <= failed
    assert drawn not in {r["employer"] for r in check.replayed}
    with pytest.raises(CommandError):
        call_command("verify_draw", str(draw.pk), stdout=io.StringIO())


def test_a_swapped_inspector_is_detected(make_plan, boss, employers, team):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    member = row.team.order_by("position").first()
    outsider = next(u for u in team if u.pk not in set(row.team.values_list("inspector_id", flat=True)))
    member.inspector = outsider
    member.save()
    check = verify(Draw.objects.get(pk=draw.pk))
    assert [c.name for c in check.checks if not c.ok] == ["rows"]


def test_the_pool_is_the_employers_on_record_in_the_divisions_and_industries(make_plan, employers, register, division):
    from core.models import Division

    elsewhere = register(seed=999, division_id=Division.objects.get(code="370781").pk,
                         employer_name="青州某企业").case.employer
    other_industry = register(seed=998, employer_industry="retail", employer_name="潍城某商场").case.employer
    pools = pools_for(make_plan(industries=["food_delivery"]), timezone.localdate())
    assert elsewhere.credit_code not in pools.given.employers  # outside the team's area
    assert other_industry.credit_code not in pools.given.employers
    assert set(pools.given.employers) == {e.credit_code for e in employers}
    assert pools.to_draw == 3


def test_an_inspector_who_handled_a_case_of_the_employer_is_never_drawn_for_it(
    make_plan, boss, employers, team, people, orgs
):
    # The `inspector` filed a case of every employer: never drawn for any of them; another is recorded.
    from disputes.models import Case

    for employer in employers:
        file_for_inspection(Case.objects.filter(employer=employer).first(), people, orgs)
    InspectorConflict.objects.create(inspector=team[1], employer=employers[0], reason="近亲属任职",
                                     recorded_by=boss)
    plan = make_plan(share_percent="100.00")
    draw = services.draw_run(actor=boss, plan_id=plan.pk)
    pairs = {(r.employer_id, t.inspector_id) for r in draw.inspections.all() for t in r.team.all()}
    assert not any(inspector == people["inspector"].pk for _e, inspector in pairs)
    assert (employers[0].pk, team[1].pk) not in pairs
    assert len(pairs) == 20
    assert verify(draw).ok


def test_frequency_limits_leave_out_employers_drawn_this_year(make_plan, boss, employers, team):
    plan = make_plan(share_percent="50.00", max_per_year=1)
    first = services.draw_run(actor=boss, plan_id=plan.pk)
    second = services.draw_run(actor=boss, plan_id=plan.pk)
    one, two = ({r["employer"] for r in d.result} for d in (first, second))
    assert len(one) == len(two) == 5 and not one & two
    assert {code for code, reason in second.record["excluded"]} == one
    assert verify(Draw.objects.get(pk=second.pk)).ok
    with pytest.raises(TransitionRefused) as refused:
        services.draw_run(actor=boss, plan_id=plan.pk)
    assert refused.value.code == "pool_empty"


def test_not_drawn_again_within_the_months_set(make_plan, boss, employers, team):
    plan = make_plan(share_percent="30.00", min_months_between=6)
    first = services.draw_run(actor=boss, plan_id=plan.pk)
    # The first draw moved back seven months: its employers may be drawn again.
    Draw.objects.filter(pk=first.pk).update(drawn_on=months_before(timezone.localdate(), 7))
    pools = pools_for(plan, timezone.localdate())
    assert pools.given.excluded == ()
    Draw.objects.filter(pk=first.pk).update(drawn_on=months_before(timezone.localdate(), 5))
    pools = pools_for(plan, timezone.localdate())
    assert {code for code, reason in pools.given.excluded} == {r["employer"] for r in first.result}
    assert {reason for _code, reason in pools.given.excluded} == {"recent"}


def test_a_recorded_exclusion_that_earlier_draws_do_not_explain_fails_verification(make_plan, boss, employers, team):
    plan = make_plan(max_per_year=1)
    draw = services.draw_run(actor=boss, plan_id=plan.pk)
    # Forged: an employer left out as if drawn before, with the digests made to match.
    from sampling import algorithm

    victim = draw.record["employers"][0]
    record = dict(draw.record, employers=draw.record["employers"][1:], excluded=[[victim, "year_cap"]])
    result = algorithm.draw(draw.seed, algorithm.DrawInput.from_canonical(record))
    Draw.objects.filter(pk=draw.pk).update(record=record, record_digest=algorithm.digest(record), result=result,
                                           result_digest=algorithm.digest(result))
    assert "frequency" in {c.name for c in verify(Draw.objects.get(pk=draw.pk)).checks if not c.ok}


def test_months_before_ends_on_the_last_day_of_a_short_month():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


def test_only_the_inspection_supervisor_plans_and_draws(make_plan, items, people, team, employers, orgs):
    for actor in (people["inspector"], people["supervisor"]):  # an inspector; a window's supervisor
        with pytest.raises(PermissionDenied):
            make_plan(actor=actor)
    plan = make_plan()
    other_boss = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb_boss")
    with pytest.raises(PermissionDenied):
        services.draw_run(actor=other_boss, plan_id=plan.pk)


def test_a_plan_of_another_team_is_not_found(make_plan, employers, team, division):
    from core.models import Division, Organization, OrgKind

    plan = make_plan()
    qz = Organization.objects.create(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION,
                                     division=Division.objects.get(code="370781"))
    with pytest.raises(NotFound):
        services.draw_run(actor=make_staff(qz, Role.SUPERVISOR, "qz_boss"), plan_id=plan.pk)


def test_a_plan_is_checked(boss, items, division):
    from core.models import Division

    with pytest.raises(ValidationFailed) as refused:
        services.plan_create(actor=boss, name="", year=timezone.localdate().year, item_ids=[], share_percent="0",
                             inspectors_per_inspection=1, industries=["nonsense"],
                             division_ids=[Division.objects.get(code="370781").pk])
    assert set(refused.value.fields) == {"name", "items", "share_percent", "inspectors_per_inspection",
                                         "industries", "divisions"}


def test_too_few_inspectors_refuses_the_draw(make_plan, boss, employers, people):
    # Only one inspector in the team.
    with pytest.raises(TransitionRefused) as refused:
        services.draw_run(actor=boss, plan_id=make_plan().pk)
    assert refused.value.code == "too_few_inspectors"
    assert not Draw.objects.exists()


def test_a_drawn_inspector_records_the_result_and_an_order_names_its_case(
    make_plan, boss, employers, team, people, orgs, register
):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    member = row.team.order_by("position").first().inspector
    stranger = next(u for u in team if u.pk not in set(row.team.values_list("inspector_id", flat=True)))
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.result_record(actor=stranger, inspection_id=row.pk, version=1, result="compliant", checked_on=today)
    with pytest.raises(ValidationFailed) as refused:
        services.result_record(actor=member, inspection_id=row.pk, version=1, result=Result.ORDER_ISSUED,
                               checked_on=today)
    assert "case_number" in refused.value.fields
    # A case of another employer does not do.
    other = register(seed=777).case
    with pytest.raises(ValidationFailed):
        services.result_record(actor=member, inspection_id=row.pk, version=1, result=Result.VIOLATIONS,
                               checked_on=today, case_number=other.number)
    done = services.result_record(actor=member, inspection_id=row.pk, version=1, result=Result.COMPLIANT,
                                  checked_on=today)
    assert done.version == 2 and done.result == "compliant"
    from core.errors import Conflict

    with pytest.raises(Conflict):
        services.result_record(actor=boss, inspection_id=row.pk, version=1, result=Result.VIOLATIONS, checked_on=today)
