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
