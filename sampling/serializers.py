"""API shapes of random inspections. Input serializers check types only; the rules live in sampling.services,
whose field errors come back under the same names."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes.choices import Industry
from disputes.serializers import OrgRefSerializer, PersonField, PersonRefSerializer

from .models import Draw, DrawnInspection, DrawPlan, InspectionItem, InspectorConflict, Result


class EmployerRefSerializer(Serializer):
    name = serializers.CharField()
    credit_code = serializers.CharField()


class InspectionItemSerializer(ModelSerializer):
    class Meta:
        model = InspectionItem
        fields = ["id", "code", "name", "basis", "source", "verified"]
        read_only_fields = fields


class PlanSerializer(ModelSerializer):
    organization = OrgRefSerializer(read_only=True)
    items = InspectionItemSerializer(many=True, read_only=True)
    divisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    industries = serializers.ListField(child=inline_choice(Industry.choices), read_only=True)
    share_percent = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)

    class Meta:
        model = DrawPlan
        fields = ["id", "organization", "name", "year", "items", "divisions", "industries", "share_percent",
                  "max_per_year", "min_months_between", "inspectors_per_inspection", "policy_source",
                  "policy_verified", "version"]
        read_only_fields = fields


class PlanInputSerializer(Serializer):
    name = serializers.CharField(max_length=128)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    items = serializers.ListField(child=serializers.IntegerField(), source="item_ids")
    divisions = serializers.ListField(child=serializers.IntegerField(), required=False, source="division_ids")
    industries = serializers.ListField(child=inline_choice(Industry.choices), required=False)
    share_percent = serializers.DecimalField(max_digits=5, decimal_places=2,
                                             help_text="Percentage of the employer pool drawn, e.g. \"5.00\".")
    max_per_year = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    min_months_between = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    inspectors_per_inspection = serializers.IntegerField(min_value=2, required=False, default=2)
    policy_source = serializers.CharField(max_length=300, required=False, allow_blank=True)
    policy_verified = serializers.BooleanField(required=False, default=False)


class DrawInputSerializer(Serializer):
    """A draw takes nothing: its seed is made by the server and recorded."""


class DrawnInspectionSerializer(ModelSerializer):
    employer = serializers.SerializerMethodField()
    inspectors = serializers.SerializerMethodField()
    result = inline_choice(Result.choices, allow_blank=True, read_only=True)
    case = serializers.SerializerMethodField()
    opened_case = serializers.SerializerMethodField()

    class Meta:
        model = DrawnInspection
        fields = ["id", "position", "employer", "inspectors", "result", "checked_on", "case", "opened_case",
                  "version"]
        read_only_fields = fields

    @extend_schema_field(EmployerRefSerializer)
    def get_employer(self, row):
        return {"name": row.employer.name, "credit_code": row.employer.credit_code}

    @extend_schema_field(PersonRefSerializer(many=True))
    def get_inspectors(self, row):
        return [PersonField().to_representation(t.inspector) for t in row.team.all()]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="The inspection case's number, if any."))
    def get_case(self, row):
        return row.case.number if row.case_id else None

    @extend_schema_field(serializers.DictField(allow_null=True, help_text=(
        "The inspection case opened for this employer on the department's own initiative: {id, number, status}; "
        "null until the supervisor opens the draw's cases. Its ending gives `result`.")))
    def get_opened_case(self, row):
        case = row.opened_case
        return None if case is None else {"id": case.pk, "number": case.number, "status": case.status}


class CheckSerializer(Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    ok = serializers.BooleanField()
    detail = serializers.CharField()


class DrawSerializer(ModelSerializer):
    plan = serializers.IntegerField(source="plan_id", read_only=True)
    drawn_by = PersonField()
    inspections = DrawnInspectionSerializer(many=True, read_only=True)
    record = serializers.JSONField(read_only=True, help_text=(
        "The algorithm's input: base_size, employers (eligible credit codes), inspectors (ids), conflicts "
        "([inspector id, credit code]), share, per_inspection, excluded ([credit code, reason])."))
    result = serializers.JSONField(read_only=True, help_text="[{employer: credit code, inspectors: [id, ...]}] in draw order.")
    verified = serializers.SerializerMethodField(help_text="Whether the replay matches the record; null when not replayed.")
    checks = serializers.SerializerMethodField()

    class Meta:
        model = Draw
        fields = ["id", "plan", "drawn_on", "drawn_at", "drawn_by", "algorithm", "seed", "record", "record_digest",
                  "result", "result_digest", "inspections", "verified", "checks", "version"]
        read_only_fields = fields

    def _check(self, draw):
        check = self.context.get("check")
        return check if check is not None and check.draw.pk == draw.pk else None

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_verified(self, draw):
        check = self._check(draw)
        return None if check is None else check.ok

    @extend_schema_field(CheckSerializer(many=True))
    def get_checks(self, draw):
        check = self._check(draw)
        return [] if check is None else CheckSerializer(check.checks, many=True).data


class OpenCasesInputSerializer(Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The draw's version the client last read.")


class ResultInputSerializer(Serializer):
    result = inline_choice(Result.choices)
    checked_on = serializers.DateField()
    case_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, help_text="The drawn inspection's version the client last read.")


class ConflictInputSerializer(Serializer):
    inspector = serializers.IntegerField(source="inspector_id")
    credit_code = serializers.CharField(max_length=18)
    reason = serializers.CharField(max_length=300)


class ConflictSerializer(ModelSerializer):
    inspector = PersonField()
    employer = serializers.SerializerMethodField()

    class Meta:
        model = InspectorConflict
        fields = ["id", "inspector", "employer", "reason", "recorded_at"]
        read_only_fields = fields

    @extend_schema_field(EmployerRefSerializer)
    def get_employer(self, row):
        return {"name": row.employer.name, "credit_code": row.employer.credit_code}
