"""API shapes of complaint registration. Types and presence only: the rules (check digits, dates, claim
amounts, evidence content) are intake.services' and come back as per-field errors from there."""

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import Serializer
from disputes.choices import COMPLAINT_CHANNELS, ClaimType, Industry, Occupation
from disputes.kit.api import MoneyField, facts_field
from disputes.serializers import CaseSummarySerializer
from intake.services import ComplaintInput, GroupWorker


class ClaimInputSerializer(Serializer):
    type = serializers.ChoiceField(choices=ClaimType.choices)
    amount = MoneyField(
        required=False, allow_null=True,
        help_text="Yuan; required for monetary claim types.",
    )
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


@extend_schema_field(
    {
        "type": "string",
        "description": 'The claims as a JSON array, e.g. [{"type": "wages", "amount": "8600.00", "description": "..."}].',
    }
)
class ClaimsJSONStringField(serializers.Field):
    """Claims sent as a JSON string, for multipart/form-data where a field cannot hold a list of objects.
    A JSON list is accepted too, so one serializer serves both content types."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError(_("Send the claims as a JSON array.")) from None
        if not isinstance(data, list):
            raise serializers.ValidationError(_("Send the claims as a JSON array."))
        claims = ClaimInputSerializer(data=data, many=True)
        claims.is_valid(raise_exception=True)
        return claims.validated_data

    def to_representation(self, value):
        return value


class ComplaintSerializer(Serializer):
    """A complaint as JSON; a refused field is named in error.fields by the same name."""

    worker_name = serializers.CharField(max_length=64)
    worker_id_number = serializers.CharField(max_length=32, help_text="Resident ID number (18 characters).")
    worker_phone = serializers.CharField(max_length=20)
    worker_occupation = serializers.ChoiceField(choices=Occupation.choices)
    worker_platform = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    worker_email = serializers.CharField(
        max_length=254, required=False, allow_blank=True, default="", help_text="Where the worker is also told each step.",
    )
    worker_notices = serializers.BooleanField(
        required=False, default=True, help_text="False: the worker wants no text messages about the case.",
    )
    employer_name = serializers.CharField(max_length=128)
    employer_credit_code = serializers.CharField(max_length=32, help_text="Unified social credit code (18 characters).")
    employer_address = serializers.CharField(max_length=200)
    employer_is_platform = serializers.BooleanField(required=False, default=False)
    employer_industry = serializers.ChoiceField(choices=Industry.choices)
    division = serializers.IntegerField(help_text="Id of the county/district where the work is performed.")
    channel = serializers.ChoiceField(choices=COMPLAINT_CHANNELS)
    facts = facts_field()
    violation_started_on = serializers.DateField()
    violation_ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    employment_ended_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Empty while the worker is still employed."
    )
    limitation_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000,
        help_text="Required when a limitation period has expired (error code limitation_expired).",
    )
    child_labour_confirmed = serializers.BooleanField(
        required=False, default=False,
        help_text="True once the ID number of a worker under the minimum working age was checked against the card "
                  "(error code worker_under_minimum_age); the case is then marked for labour inspection.",
    )
    claims = ClaimInputSerializer(many=True)
    link_to_case = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="Add this complaint to the worker's open case (from a possible_duplicate answer) instead.",
    )
    force_new = serializers.BooleanField(
        required=False, default=False, help_text="Register a new case despite a possible duplicate."
    )

    def complaint_input(self) -> ComplaintInput:
        d = self.validated_data
        return ComplaintInput(
            worker_name=d["worker_name"],
            worker_id_number=d["worker_id_number"],
            worker_phone=d["worker_phone"],
            worker_occupation=d["worker_occupation"],
            worker_platform=d["worker_platform"],
            worker_email=d["worker_email"],
            worker_notices=d["worker_notices"],
            employer_name=d["employer_name"],
            employer_credit_code=d["employer_credit_code"],
            employer_address=d["employer_address"],
            employer_is_platform=d["employer_is_platform"],
            employer_industry=d["employer_industry"],
            division_id=d["division"],
            employment_ended_on=d.get("employment_ended_on"),
            limitation_reason=d.get("limitation_reason", ""),
            child_labour_confirmed=d["child_labour_confirmed"],
            channel=d["channel"],
            facts=d["facts"],
            violation_started_on=d["violation_started_on"],
            violation_ended_on=d["violation_ended_on"],
            claims=[dict(c) for c in d["claims"]],
        )


class ComplaintMultipartSerializer(ComplaintSerializer):
    """The same complaint as multipart/form-data, with evidence files (field `evidence`, repeated)."""

    claims = ClaimsJSONStringField()
    evidence = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), required=False, default=list,
        help_text="Evidence files (PDF, images, Word, Excel); checked on content, not name.",
    )


class CandidateSerializer(Serializer):
    """An open case of the same worker against the same employer (in a possible_duplicate error)."""

    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    status = serializers.CharField()
    owner_org = serializers.CharField(source="owner_org.name")
    registered_at = serializers.DateTimeField()


class RegistrationResultSerializer(Serializer):
    case = CaseSummarySerializer()
    query_code = serializers.CharField(
        allow_null=True,
        help_text="The worker's status query code. Shown ONLY in this response (and on the receipt): it is "
        "stored hashed and cannot be read back. Null when the complaint was linked to an existing case.",
    )
    linked = serializers.BooleanField(help_text="True when the complaint was added to an existing case.")
    collective = serializers.BooleanField()
    receipt_url = serializers.URLField(
        allow_null=True, help_text="GET it for the receipt PDF (null when the complaint was linked to an open case)."
    )
    receipt_ready = serializers.BooleanField(
        help_text="Whether the receipt PDF exists already. Either way receipt_url serves it: a receipt not "
        "rendered yet (the background worker renders them within seconds) is rendered when it is fetched."
    )


class SplitLinkSerializer(Serializer):
    """A case's link to a proceeding split from the same complaint (the case file's tracks.split)."""

    relation = serializers.ChoiceField(
        choices=[("split_from", "split_from"), ("split_into", "split_into")],
        help_text="split_from: this case was split off the other; split_into: the other was split off this one.",
    )
    case_id = serializers.IntegerField()
    number = serializers.CharField()


class SplitInputSerializer(Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The case version the client last read; a stale one is a 409.")
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=True,
        help_text="Ids of the case's claims that move to the new case (at least one; at least one stays).",
    )
    facts = facts_field(allow_blank=True, help_text="What the new proceeding is about.")
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list,
        help_text="Ids of the case's evidence also recorded on the new case (the same stored files).",
    )


class SplitResultSerializer(Serializer):
    case = CaseSummarySerializer(help_text="The new case.")
    split_from = CaseSummarySerializer(help_text="The case split, as it is now (its version moved on).")
    query_code = serializers.CharField(
        help_text="The new case's query code, shown ONLY in this response and on its receipt (stored hashed). "
        "The original case keeps its own."
    )
    receipt_url = serializers.URLField(help_text="GET it for the new case's receipt PDF.")
    claims_moved = serializers.IntegerField()
    evidence_copied = serializers.IntegerField()


class GroupWorkerInputSerializer(Serializer):
    name = serializers.CharField(max_length=64)
    id_number = serializers.CharField(max_length=32, help_text="Resident ID number (18 characters).")
    phone = serializers.CharField(max_length=20)
    claims = ClaimInputSerializer(many=True, help_text="This worker's own claims and amounts.")
    representative = serializers.BooleanField(
        required=False, default=False, help_text="Elected a representative by the workers (LDMAL art 7).",
    )


class CollectiveComplaintSerializer(ComplaintSerializer):
    """A collective complaint as JSON: the employer, facts and dates once, then the workers. A worker's refused
    field is named workers.<i>.<field> (name, id_number, phone, claims)."""

    # The worker's own fields are each listed worker's (`workers`); no linking to an open case here.
    worker_name = worker_id_number = worker_phone = worker_email = claims = link_to_case = force_new = None
    workers = GroupWorkerInputSerializer(many=True, help_text="The first listed leads the group.")

    def collective_input(self):
        d = self.validated_data
        data = ComplaintInput(
            worker_name="", worker_id_number="", worker_phone="", worker_occupation=d["worker_occupation"],
            worker_platform=d["worker_platform"], worker_notices=d["worker_notices"],
            employer_name=d["employer_name"], employer_credit_code=d["employer_credit_code"],
            employer_address=d["employer_address"], employer_is_platform=d["employer_is_platform"],
            employer_industry=d["employer_industry"], division_id=d["division"],
            employment_ended_on=d.get("employment_ended_on"), limitation_reason=d.get("limitation_reason", ""),
            channel=d["channel"], facts=d["facts"], violation_started_on=d["violation_started_on"],
            violation_ended_on=d["violation_ended_on"], claims=[],
        )
        workers = [GroupWorker(name=w["name"], id_number=w["id_number"], phone=w["phone"],
                               claims=[dict(c) for c in w["claims"]], representative=w["representative"])
                   for w in d["workers"]]
        return data, workers


class GroupCaseResultSerializer(Serializer):
    case = CaseSummarySerializer()
    worker_name = serializers.CharField(source="case.worker.name")
    query_code = serializers.CharField(help_text="This worker's status query code: shown ONLY in this response and "
                                       "on the receipt.")
    receipt_url = serializers.URLField()


class CollectiveResultSerializer(Serializer):
    lead = CaseSummarySerializer(help_text="The lead case, where the group's steps are taken.")
    cases = GroupCaseResultSerializer(many=True, help_text="Every worker's case, the lead's first, in list order.")
