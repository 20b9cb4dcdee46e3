"""REST API of the publication of major violations (MOHRSS Order 29): the body's lists (read), assembling a
quarter's list, reviewing an entry, approving and publishing, each write one compliance.publication service
taking the list's version (a stale one is a 409). A list of another body is a 404."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ModelSerializer, Serializer, inline_choice
from core.access import staff_of
from core.errors import PermissionDenied
from disputes.kit.api import WriteEndpoint, errors

from . import publication as pub
from .publication_models import EntryDecision, Publication, PublicationCategory, PublicationEntry, PublicationState
from .publication_views import ENTRY, PUBLICATION

TAGS = ["publication"]
LIST_VERSION = "The list's version the client last read; a stale one is a 409."


class PublicationCategorySerializer(ModelSerializer):
    class Meta:
        model = PublicationCategory
        fields = ["id", "number", "code", "name", "source", "verified"]
        read_only_fields = fields


class PublicationEntrySerializer(ModelSerializer):
    decision = inline_choice(EntryDecision.choices, read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    category = PublicationCategorySerializer(read_only=True, allow_null=True)

    class Meta:
        model = PublicationEntry
        fields = ["id", "case", "case_number", "category", "decided_on", "employer_name", "credit_code", "address",
                  "legal_representative", "facts", "handling", "decision", "exclusion_reason"]
        read_only_fields = fields


class PublicationSummarySerializer(ModelSerializer):
    state = inline_choice(PublicationState.choices, read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Publication
        fields = ["id", "organization", "organization_name", "year", "quarter", "state", "approved_at",
                  "published_on", "version"]
        read_only_fields = fields


class PublicationSerializer(PublicationSummarySerializer):
    entries = serializers.SerializerMethodField()

    class Meta(PublicationSummarySerializer.Meta):
        fields = [*PublicationSummarySerializer.Meta.fields, "entries"]
        read_only_fields = fields

    @extend_schema_field(PublicationEntrySerializer(many=True))
    def get_entries(self, obj) -> list:
        return PublicationEntrySerializer(pub.entries_of(obj), many=True).data


class PublicationAssembleInputSerializer(Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)


class PublicationEntryReviewInputSerializer(Serializer):
    decision = inline_choice([c for c in EntryDecision.choices if c[0] != EntryDecision.PENDING])
    category = serializers.IntegerField(source="category_id", required=False, allow_null=True, default=None,
                                        help_text="A category's id (Order 29); required to include.")
    employer_name = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_representative = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    facts = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    handling = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    exclusion_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                             help_text="Required to exclude.")
    version = serializers.IntegerField(min_value=1, help_text=LIST_VERSION)


class PublicationStepInputSerializer(Serializer):
    version = serializers.IntegerField(min_value=1, help_text=LIST_VERSION)


def _reader(user):
    profile = staff_of(user)
    if profile.role not in pub.READER_ROLES:
        raise PermissionDenied()
    return profile


class _PublicationWrite(WriteEndpoint):
    tags, output = TAGS, PublicationSerializer
    doors = {"pk": PUBLICATION}

    def reply(self, returned, request, **kwargs):
        return returned


class PublicationsView(_PublicationWrite, input=PublicationAssembleInputSerializer, status=201,
                       service=pub.publication_assemble, doors={}):
    """Assemble a quarter's list from the body's decided cases (a supervisor of an inspection body); on a list
    still being reviewed, add the cases decided since."""

    @extend_schema(tags=TAGS, responses={200: PublicationSummarySerializer(many=True), **errors(401, 403)})
    def get(self, request):
        """The lists of the caller's body, newest first."""
        profile = _reader(request.user)
        rows = pub.publications_of(profile).select_related("organization").order_by("-year", "-quarter")[:100]
        return Response(PublicationSummarySerializer(rows, many=True).data)


@extend_schema(tags=TAGS, responses={200: PublicationSerializer, **errors(401, 403, 404)})
class PublicationDetailView(APIView):
    """A list of the caller's body with its entries."""

    def get(self, request, pk):
        return Response(PublicationSerializer(pub.publication_for(request.user, pk)).data)


class EntryReviewView(_PublicationWrite, input=PublicationEntryReviewInputSerializer,
                      service=pub.publication_entry_review,
                      doors={"pk": ENTRY}):
    """Include an entry (category, the texts as published) or exclude it with a reason; no personal data."""

    def reply(self, returned, request, **kwargs):
        return Publication.objects.select_related("organization").get(pk=returned.publication_id)


class ApproveView(_PublicationWrite, input=PublicationStepInputSerializer, service=pub.publication_approve):
    """Approve the reviewed list: every entry decided, every included one complete; the entries are frozen."""


class PublishView(_PublicationWrite, input=PublicationStepInputSerializer, service=pub.publication_publish):
    """Publish the approved list on the public page; its entries enter the employers' compliance files."""
