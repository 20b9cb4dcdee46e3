"""A track plugs into the case file through disputes.registry alone: a new one (here "consultation", which no
code in disputes/ knows) gets its events named, its organisations let in, its steps kept to its own page, its
document kinds accepted and its hook run in the transaction, with no edit in disputes/."""

import copy

import pytest
from django.conf import settings
from django.db.models import Q
from django.test import override_settings

from core.errors import TransitionRefused
from disputes import registry
from disputes.models import CaseEvent, Document
from disputes.presentation import event_label
from disputes.selectors import case_detail, cases_visible_to
from disputes.services import available_actions, case_add_note, case_transition, referral_accept, referral_offer

pytestmark = pytest.mark.django_db

_TABLES = (
    "_event_labels", "_involvements", "_document_kinds", "_private_document_kinds", "_personal_document_kinds", "_tracks",
    "_event_hooks", "_queue_filters", "_case_page_parts", "_case_api_parts", "_dashboard_parts", "_urls", "_track_links",
    "_documents_controls", "_referral_accept_guards", "_referral_actions", "_fresh_case_rows",
)


@pytest.fixture
def scratch_registry():
    """The registry as the installed apps left it, restored after the test."""
    saved = {name: getattr(registry, name).copy() for name in _TABLES}
    yield registry
    for name, table in saved.items():
        current = getattr(registry, name)
        current.clear()
        current.update(table)


def test_a_new_tracks_events_are_named_as_it_registered_them(scratch_registry):
    assert event_label(CaseEvent(action="consultation_held")) == "consultation_held"

    scratch_registry.add_event_labels({
        "consultation_held": "Joint consultation held",
        "consultation_minuted": lambda event: f"Minutes of {event.payload['pages']} pages",
    })

    assert event_label(CaseEvent(action="consultation_held")) == "Joint consultation held"
    assert event_label(CaseEvent(action="consultation_minuted", payload={"pages": 3})) == "Minutes of 3 pages"


def test_an_organisation_a_track_involves_reads_the_case(scratch_registry, people, orgs, case):
    outsider = people["outsider"]
    assert not cases_visible_to(outsider).filter(pk=case.pk).exists()

    consulted = orgs["other_window"].pk
    scratch_registry.add_involvement("consultation", lambda org_id: Q(pk=case.pk) if org_id == consulted else Q(pk__in=[]))

    assert cases_visible_to(outsider).filter(pk=case.pk).exists()
    assert case_detail(user=outsider, case_id=case.pk).pk == case.pk


def test_a_step_a_track_registers_is_refused_outside_it_naming_its_page(scratch_registry, people, case):
    clerk = people["clerk"]
    assert "suspend" in {a.name for a in available_actions(case, clerk.staff)}

    scratch_registry.add_track("consultation", page="Joint consultation file", steps=("suspend",))

    assert "suspend" not in {a.name for a in available_actions(case, clerk.staff)}
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case_id=case.pk, action="suspend", actor=clerk, expected_version=case.version, reason="等待")
    assert refused.value.code == "use_track_service"
    assert "Joint consultation file" in str(refused.value.message)
    # The track's own service passes via_service=True and takes the step.
    moved = case_transition(case_id=case.pk, action="suspend", actor=clerk, expected_version=case.version,
                            reason="等待", via_service=True)
    assert moved.status == "suspended"


def test_a_tracks_document_kinds_are_document_kinds(scratch_registry):
    kinds = lambda: {k for k, _label in Document._meta.get_field("kind").choices}  # noqa: E731
    assert {"receipt", "award", "correction_order", "joint_mediation_agreement"} <= kinds()
    assert "consultation_minutes" not in kinds()

    scratch_registry.add_document_kinds([("consultation_minutes", "Minutes of the joint consultation")])

    assert "consultation_minutes" in kinds()


def test_a_tracks_event_hook_runs_in_the_transaction_of_every_event(scratch_registry, people, case):
    seen = []
    scratch_registry.add_event_hook("consultation", lambda *, case, event, fresh_case: seen.append(
        (event.action, CaseEvent.objects.filter(pk=event.pk).exists())
    ))

    case_add_note(case_id=case.pk, actor=people["clerk"], text="已电话联系")

    assert seen == [("note", True)]


def _with_template(name: str, source: str):
    """The project's templates, and one more kept in memory (a track's template no app has)."""
    engine = copy.deepcopy(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", {name: source}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return override_settings(TEMPLATES=[engine])


def test_a_track_takes_the_acceptance_of_its_referrals_to_its_own_page(scratch_registry, client, people, orgs, case):
    """The track's guard refuses a bare accept (its service accepts with via_service=True), and the case page
    and the incoming list show the track's control instead of the case file's Accept button."""
    def guard(*, referral, via_service):
        if referral.purpose == "mediation" and not via_service:
            raise TransitionRefused("Open the consultation first.", code="consultation_first")

    scratch_registry.add_referral_accept_guard("consultation", guard)
    scratch_registry.add_referral_action("mediation", "consultation/referral_action.html")
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["mediation"].pk,
                              purpose="mediation", note="", expected_version=case.version)
    mediator = people["mediator"]

    client.force_login(mediator)
    with _with_template("consultation/referral_action.html", '<a id="open-consultation-{{ referral.pk }}">Open</a>'):
        for url in (f"/cases/{case.pk}/", "/referrals/incoming/"):
            page = client.get(url).content.decode()
            assert f'id="open-consultation-{referral.pk}"' in page
            assert f"/referrals/{referral.pk}/accept/" not in page
            assert f"/referrals/{referral.pk}/decline/" in page

    with pytest.raises(TransitionRefused) as refused:
        referral_accept(referral_id=referral.pk, actor=mediator)
    assert refused.value.code == "consultation_first"
    assert referral_accept(referral_id=referral.pk, actor=mediator, via_service=True).state == "accepted"


def test_a_track_adds_its_control_under_the_case_documents(scratch_registry, client, people, case):
    scratch_registry.add_documents_control("consultation", "consultation/documents_control.html")
    client.force_login(people["clerk"])
    with _with_template("consultation/documents_control.html", '<a id="minutes">{{ case.number }}</a>'):
        page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'<a id="minutes">{case.number}</a>' in page


def test_an_app_writes_its_rows_for_a_new_case_with_the_case(scratch_registry, register):
    """Written with the registration (on PostgreSQL in its one statement), referring to the case and the event,
    and the app's own hook is told so (it must not write them again)."""
    seen = []
    scratch_registry.add_fresh_case_rows("consultation", lambda *, case, event: [
        CaseEvent(case=case, action="consultation_offered", payload={"after": event.action})])
    scratch_registry.add_event_hook("consultation", lambda *, case, event, fresh_case=False: seen.append(
        (event.action, registry.rows_written_with(event, "consultation"), registry.rows_written_with(event, "other"))))

    case = register().case

    offered = CaseEvent.objects.filter(case=case, action="consultation_offered")
    assert list(offered.values_list("payload", flat=True)) == [{"after": "registered"}]
    assert ("registered", True, False) in seen
