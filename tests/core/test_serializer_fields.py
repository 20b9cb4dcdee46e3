"""Model serializers build their fields from the model once per class (core.api.ModelSerializer); each
instance must still get fields of its own, bound to it and reading its own context."""

import pytest
from django.utils import translation

from disputes.models import Case
from disputes.serializers import CaseDetailSerializer, CaseSummarySerializer, WorkerSerializer

pytestmark = pytest.mark.django_db


def test_two_instances_never_share_a_field(case):
    first, second = CaseSummarySerializer(case), CaseSummarySerializer(case)

    assert first.fields["number"] is not second.fields["number"]
    assert first.fields["number"].parent is first and second.fields["number"].parent is second
    assert first.data["number"] == second.data["number"] == case.number


def test_each_instance_masks_by_its_own_context(case):
    shown = WorkerSerializer(case.worker, context={"personal_data_visible": True}).data
    masked = WorkerSerializer(case.worker, context={}).data
    shown_again = WorkerSerializer(case.worker, context={"personal_data_visible": True}).data

    assert shown["id_number"] == case.worker.id_number == shown_again["id_number"]
    assert masked["id_number"] != case.worker.id_number and "*" in masked["id_number"]


def test_a_nested_serializer_reads_the_context_of_the_request_it_serves(case):
    """The worker nested in the case file is a field of the prototype too: its copy must follow the new
    instance's context, not the first one's."""
    context = {"referrals": [], "events": [], "actions": [], "clocks": []}
    visible = CaseDetailSerializer(case, context={**context, "personal_data_visible": True}).data
    hidden = CaseDetailSerializer(case, context=context).data

    assert visible["worker"]["phone"] == case.worker.phone and visible["personal_data_masked"] is False
    assert hidden["worker"]["phone"] != case.worker.phone and hidden["personal_data_masked"] is True


def test_the_stage_label_follows_the_language_and_keeps_an_unknown_value(case):
    with translation.override("zh-hans"):
        assert case.get_status_display() == "窗口已登记"
    with translation.override("en"):
        assert case.get_status_display() == "Registered at the window"
    assert Case(status="no_such_stage").get_status_display() == "no_such_stage"


def test_choice_labels_are_the_models_display_in_the_requests_language(case, orgs):
    """Every `*_display` of the API reads what the model's get_<field>_display says, in either language."""
    import inspect

    from core.api import ChoiceLabelField
    from disputes import serializers as module
    from disputes.models import Claim, Referral
    from disputes.services import referral_offer

    referral = referral_offer(
        case_id=case.pk, actor=case.first_handler, to_org_id=orgs["inspection"].pk, purpose="inspection",
        expected_version=case.version,
    )
    instances = {
        Case: case, Claim: case.claims.first(), type(case.worker): case.worker, type(case.employer): case.employer,
        Referral: referral, type(case.owner_org): case.owner_org,
    }
    checked = set()
    for _, serializer_class in inspect.getmembers(module, inspect.isclass):
        if not issubclass(serializer_class, module.ModelSerializer) or serializer_class is module.ModelSerializer:
            continue
        model = serializer_class.Meta.model
        declared = {n: f for n, f in serializer_class._declared_fields.items() if isinstance(f, ChoiceLabelField)}
        if not declared or model not in instances:
            continue
        for language in ("zh-hans", "en"):
            with translation.override(language):
                fields = serializer_class(instances[model], context={"request": None}).fields
                for name, field in declared.items():
                    shown = fields[name].to_representation(fields[name].get_attribute(instances[model]))
                    assert shown == getattr(instances[model], f"get_{field.source}_display")(), (serializer_class, name)
                    checked.add((model.__name__, field.source, language))
    # Every label column of the API was looked at, in both languages.
    assert {(m, f) for m, f, _ in checked} >= {
        ("Case", "status"), ("Claim", "type"), ("Worker", "occupation"), ("Employer", "industry"),
        ("Referral", "purpose"), ("Referral", "state"), ("Organization", "kind"),
    }
    # Every stage, not only the one the case is in.
    for value, _label in Case._meta.get_field("status").flatchoices:
        case.status = value
        with translation.override("zh-hans"):
            assert module.CaseSummarySerializer(case).data["status_display"] == case.get_status_display()
    case.refresh_from_db()
    with translation.override("zh-hans"):
        zh = module.CaseSummarySerializer(case).data["status_display"]
    with translation.override("en"):
        en = module.CaseSummarySerializer(case).data["status_display"]
    assert zh != en
