"""The joint-mediation page of a case: it lists the sessions and carries the forms to schedule and record them."""

import pytest
from django.urls import reverse

from disputes.models import Document
from mediation.models import JointMediationSession
from mediation.services import joint_session_hold, joint_session_schedule

from .conftest import D, at_ten, fresh

pytestmark = pytest.mark.django_db


def page(client, case):
    return client.get(reverse("mediation:joint_session", args=[case.pk]))


def scheduled(case, cast):
    return joint_session_schedule(
        case_id=case.pk, actor=cast.inspector, version=fresh(case).version, scheduled_at=at_ten(D(2026, 6, 5)),
        place="潍城区劳动者维权中心调解室", participant_ids=[cast.inspector.pk, cast.arbitrator.pk],
    )


def held(case, cast):
    session = scheduled(case, cast)
    joint_session_hold(session_id=session.pk, actor=cast.inspector, version=fresh(case).version,
                       present_ids=[cast.inspector.pk, cast.arbitrator.pk])
    return session


def test_the_case_file_links_to_the_joint_mediation_page(in_inspection, cast, client):
    case = in_inspection()
    client.force_login(cast.inspector)
    html = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert reverse("mediation:joint_session", args=[case.pk]) in html


def test_the_handler_sees_the_schedule_form_with_who_may_take_part(in_inspection, cast, client):
    case = in_inspection()
    client.force_login(cast.inspector)
    response = page(client, case)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="schedule-form"' in html
    assert f'value="{cast.arbitrator.pk}"' in html and f'value="{cast.inspector.pk}"' in html
    assert f'value="{cast.other_team_inspector.pk}"' not in html  # another team's inspector cannot take part
    assert f'value="{cast.far_arbitrator.pk}"' not in html
    assert 'id="no-sessions"' in html


def test_scheduling_through_the_form(in_inspection, cast, client):
    case = in_inspection()
    client.force_login(cast.inspector)
    response = client.post(reverse("mediation:schedule", args=[case.pk]), {
        "version": case.version, "date": "2026-06-05", "time": "09:30", "place": "调解室一",
        "participants": [cast.inspector.pk, cast.arbitrator.pk],
    }, follow=True)

    session = JointMediationSession.objects.get(case=case)
    assert session.state == "scheduled" and session.place == "调解室一"
    html = response.content.decode()
    assert f'id="session-{session.pk}"' in html and "2026-06-05 09:30" in html
    assert "李明" in html and "赵强" in html
    assert 'class="schedule-form"' not in html  # one open session at a time


def test_recording_held_and_the_agreement_through_the_forms(in_inspection, cast, client):
    case = in_inspection()
    session = scheduled(case, cast)
    client.force_login(cast.inspector)
    client.post(reverse("mediation:held", args=[session.pk]), {
        "version": fresh(case).version, "present": [cast.inspector.pk, cast.arbitrator.pk], "held_on": "2026-06-02",
    })
    assert JointMediationSession.objects.get(pk=session.pk).state == "held"

    claim = case.claims.get()
    response = client.post(reverse("mediation:agreement", args=[session.pk]), {
        "version": fresh(case).version, f"amount_{claim.pk}": "8000.00", f"due_on_{claim.pk}": "2026-06-30",
        "terms": "劳动者不再就本争议事项申请仲裁或者投诉", "workers_covered": "1",
    }, follow=True)

    assert fresh(case).status == "closed"
    html = response.content.decode()
    assert 'id="agreement-total">8000.00<' in html
    doc = Document.objects.get(case=case, kind="joint_mediation_agreement")
    assert reverse("disputes:document", args=[doc.pk]) in html


def test_bad_input_is_refused_in_chinese_and_nothing_changes(in_inspection, cast, client):
    case = in_inspection()
    session = held(case, cast)
    client.force_login(cast.inspector)
    claim = case.claims.get()
    response = client.post(reverse("mediation:agreement", args=[session.pk]), {
        "version": fresh(case).version, f"amount_{claim.pk}": "八千元",
    }, follow=True)

    html = response.content.decode()
    assert "请以元为单位输入金额" in html
    assert fresh(case).status == "inspection"
    assert JointMediationSession.objects.get(pk=session.pk).state == "held"


def test_a_stale_form_is_refused_in_chinese(in_inspection, cast, client):
    case = in_inspection()
    session = scheduled(case, cast)
    client.force_login(cast.arbitrator)
    response = client.post(reverse("mediation:failed", args=[session.pk]), {
        "version": case.version, "reason": "用人单位未到场",
    }, follow=True)
    assert "其他人已修改了它。请刷新后重试。" in response.content.decode()
    assert JointMediationSession.objects.get(pk=session.pk).state == "scheduled"
    response = client.post(reverse("mediation:failed", args=[session.pk]), {
        "version": fresh(case).version, "reason": "用人单位未到场",
    }, follow=True)
    assert JointMediationSession.objects.get(pk=session.pk).state == "failed"
    assert response.status_code == 200


def test_the_participant_of_the_other_organisation_records_but_does_not_agree(in_inspection, cast, client):
    case = in_inspection()
    held(case, cast)
    client.force_login(cast.arbitrator)
    html = page(client, case).content.decode()
    assert 'class="failed-form"' in html
    assert 'class="agreement-form"' not in html  # the agreement closes the case: the handler records it


def test_an_unrelated_organisation_gets_404(in_inspection, cast, client):
    case = in_inspection()
    session = scheduled(case, cast)
    client.force_login(cast.outsider_supervisor)
    assert page(client, case).status_code == 404
    response = client.post(reverse("mediation:cancel", args=[session.pk]), {"version": fresh(case).version, "reason": "x"})
    assert response.status_code == 404
    assert JointMediationSession.objects.get(pk=session.pk).state == "scheduled"


def test_the_timeline_and_the_workers_page_say_when_and_where_the_session_is(in_inspection, cast, client):
    from disputes.presentation import event_label
    from disputes.models import CaseEvent

    case = in_inspection()
    scheduled(case, cast)
    event = CaseEvent.objects.get(case=case, action="joint_mediation_scheduled")

    assert event.is_public  # the worker is a party: the session is on the status page too
    label = event_label(event)
    assert "2026-06-05 10:00" in label and "潍城区劳动者维权中心调解室" in label  # Beijing time, as scheduled
    client.force_login(cast.inspector)
    html = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert "joint_mediation_scheduled" not in html and "潍城区劳动者维权中心调解室" in html
