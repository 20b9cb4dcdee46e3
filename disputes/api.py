"""REST API of the case file for integrating systems (12333 hotline, online service hall, court).

Views only translate HTTP to service and selector calls: reads are scoped by disputes.selectors, every
write goes through disputes.services, and domain errors become {"error": ...} via core.api.exception_handler.
"""

import base64
import datetime
from urllib.parse import parse_qsl, urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, pagination, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from core.access import staff_of
from core.api import CursorPagination, invalid_cursor, page_size
from core.models import Organization
from core.replica import on_replica

from . import assignment, collective, priority, registry, selectors, services
from .audit import record_read
from .downloads import document_response
from .kit.api import DOWNLOAD_HEADERS, DownloadView, GuardedView, WriteEndpoint, errors, pdf_response, validated
from .kit.doors import REFERRAL
from .models import Case, ReadKind
from .search import SearchKey, search_cases
from .serializers import (
    ApiRootSerializer,
    GroupLinkInputSerializer,
    GroupResultSerializer,
    GroupSplitInputSerializer,
    RepresentativesInputSerializer,
    AssignInputSerializer,
    PriorityClearInputSerializer,
    PriorityInputSerializer,
    TakeInputSerializer,
    WorkloadSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    CaseSearchPageSerializer,
    CaseSearchQuerySerializer,
    CaseSearchResultSerializer,
    CaseSummarySerializer,
    DashboardSerializer,
    IncomingReferralSerializer,
    NoteInputSerializer,
    NoteResultSerializer,
    OrganizationQuerySerializer,
    OrganizationSerializer,
    QueueQuerySerializer,
    ReferralDeclineInputSerializer,
    ReferralOfferInputSerializer,
    ReferralResultSerializer,
    ReferralWithdrawInputSerializer,
    TransitionInputSerializer,
)


# --- reads ------------------------------------------------------------------------------------------


class QueuePagination(pagination.BasePagination):
    """Cursor pages of a queue (disputes.selectors.queue_page), in the queue's own order: collective cases
    first, then the newest. The cursor holds the place of the last (or first) case shown, so a page costs the
    same however deep it is and a case registered meanwhile neither repeats nor skips one. The body is DRF's
    cursor pagination's: next, previous, results."""

    page_size, max_page_size = 20, 100

    def paginate_queryset(self, queue, request, view=None):
        self.request = request
        self.size = page_size(request, self.page_size, self.max_page_size)
        direction, key = self._decode(request.query_params.get("cursor"))
        self.page = selectors.queue_page(
            queue, size=self.size, after=key if direction == "a" else None, before=key if direction == "b" else None
        )
        return self.page.cases

    def _decode(self, cursor):
        if not cursor:
            return None, None
        try:
            fields = dict(parse_qsl(base64.urlsafe_b64decode(cursor.encode()).decode(), strict_parsing=True))
            key = selectors.QueueKey(
                fields.get("p") == "1", fields["c"] == "1", datetime.datetime.fromisoformat(fields["t"]), int(fields["i"])
            )
            if fields["d"] not in ("a", "b") or key.registered_at.tzinfo is None:
                raise ValueError
        except (ValueError, KeyError, UnicodeDecodeError):
            raise invalid_cursor() from None
        return fields["d"], key

    def _link(self, direction, case):
        key = selectors.QueueKey.of(case)
        cursor = base64.urlsafe_b64encode(urlencode(
            {"d": direction, "p": int(key.is_priority), "c": int(key.is_collective), "t": key.registered_at.isoformat(),
             "i": key.id}
        ).encode()).decode()
        return replace_query_param(self.request.build_absolute_uri(), "cursor", cursor)

    def get_paginated_response(self, data):
        cases = self.page.cases
        return Response({
            "next": self._link("a", cases[-1]) if cases and self.page.has_next else None,
            "previous": self._link("b", cases[0]) if cases and self.page.has_previous else None,
            "results": data,
        })

    # The same query parameters and body as the other lists' cursor pagination.
    def get_paginated_response_schema(self, schema):
        return CursorPagination().get_paginated_response_schema(schema)

    def get_schema_operation_parameters(self, view):
        return CursorPagination().get_schema_operation_parameters(view)


@extend_schema(tags=["cases"], parameters=[QueueQuerySerializer], responses={200: CaseListSerializer(many=True), **errors(400, 401, 403)})
class CaseListView(generics.ListAPIView):
    """The caller's queue: open cases waiting for them (scope=mine) or their organisation (scope=org).

    Green-channel cases first, then collective ones, then the newest (the web queue's order), in cursor pages.
    """

    serializer_class = CaseListSerializer
    pagination_class = QueuePagination

    def get_queryset(self):
        params = validated(QueueQuerySerializer, self.request.query_params)
        return selectors.queue(
            self.request.user, scope=params["scope"], status=params.get("status", ""), search=params.get("q", ""),
            due=params.get("due", ""),
            filters={f.name: params[f.name] for f in registry.queue_filters() if f.label and params.get(f.name)},
        )


@extend_schema(
    tags=["cases"], parameters=[CaseSearchQuerySerializer], responses={200: CaseSearchPageSerializer, **errors(400, 401, 403)},
)
class CaseSearchView(APIView):
    """Find any case the caller's organisation may read, open or ended, here or handed on, by a number, an ID
    number, a phone, a credit code or a name. Best matches first (`rank`), then the newest; cursor pages.
    Results carry no ID number or phone (the case file shows them by the personal-data rule)."""

    def get(self, request):
        params = validated(CaseSearchQuerySerializer, request.query_params)
        after = None
        if params.get("cursor"):
            try:
                after = SearchKey.from_token(params["cursor"])
            except ValueError:
                raise invalid_cursor() from None
        found = search_cases(request.user, params["q"], size=params["page_size"], after=after)
        next_link = None
        if found.has_next:
            next_link = replace_query_param(
                request.build_absolute_uri(), "cursor", found.key_of(found.cases[-1]).token()
            )
        results = CaseSearchResultSerializer(found.cases, many=True, context={"request": request}).data
        return Response({"next": next_link, "partial": found.partial, "results": results})


@extend_schema(tags=["cases"], responses={200: CaseDetailSerializer, **errors(401, 403, 404)})
class CaseDetailView(APIView):
    """The whole case file, its timeline and what the caller may do next."""

    def get(self, request, pk):
        case = selectors.case_detail(user=request.user, case_id=pk)
        profile = staff_of(request.user)
        record_read(request, ReadKind.CASE_API, case_id=case.pk)
        context = {
            "request": request,
            "personal_data_visible": selectors.sees_personal_data(profile, case),
            "answers_to_worker": selectors.answers_to_worker(profile, case),
            "referrals": selectors.case_referrals(case=case),
            "events": selectors.case_events(case=case),
            "actions": services.available_actions(case, profile),
            "group": collective.group_of(case),
            # What the tracks add to the case file (deadlines: the case's clocks).
            **registry.case_api_context(case=case),
        }
        return Response(CaseDetailSerializer(case, context=context).data)


@extend_schema(
    tags=["cases"], parameters=DOWNLOAD_HEADERS,
    responses={**pdf_response("The document's PDF, as issued (its SHA-256 in the headers)."), **errors(401, 403, 404)},
)
class DocumentView(DownloadView):
    """An official document of a case (the `url` of an entry in the case's documents): whoever reads the case
    downloads it, except a receipt (only the handling and first-receiving organisations) and a document with the
    worker's personal data (only those who read it in full); for anyone else it is a 404."""

    def get(self, request, pk):
        document = selectors.document_get(user=request.user, document_id=pk)
        record_read(request, ReadKind.DOCUMENT, case_id=document.case_id, object_id=document.pk)
        return document_response(document)


class ReferralCursorPagination(CursorPagination):
    ordering = ("offered_at", "id")


@extend_schema(tags=["referrals"], responses={200: IncomingReferralSerializer(many=True), **errors(400, 401, 403)})
class IncomingReferralListView(generics.ListAPIView):
    """Offers waiting for the caller's organisation to accept or decline, oldest first."""

    serializer_class = IncomingReferralSerializer
    pagination_class = ReferralCursorPagination

    def get_queryset(self):
        return selectors.incoming_referrals(self.request.user)


@extend_schema(tags=["organizations"], parameters=[OrganizationQuerySerializer], responses={200: OrganizationSerializer(many=True), **errors(400, 401, 403)})
class OrganizationListView(generics.ListAPIView):
    """Active organisations, to choose a referral target (filter by purpose to get only valid receivers)."""

    serializer_class = OrganizationSerializer
    pagination_class = None  # a few hundred rows at most

    def get_queryset(self):
        staff_of(self.request.user)
        params = validated(OrganizationQuerySerializer, self.request.query_params)
        qs = Organization.objects.filter(is_active=True).select_related("division").order_by("name")
        if params.get("kind"):
            qs = qs.filter(kind=params["kind"])
        if params.get("purpose"):
            qs = qs.filter(kind__in=services.PURPOSE_ORG_KINDS[params["purpose"]])
        return qs


@extend_schema(tags=["api"], auth=[], responses={200: ApiRootSerializer, **errors(400, 401)})
class ApiRootView(APIView):
    """The entry points of version 1: its schema and documentation, and every path without an id in it (the
    collections, and the caller's own). Open to anyone: it names only what the schema names."""

    permission_classes = [AllowAny]
    patterns: tuple = ()  # the version's URL patterns (config/api_urls.py)

    def get(self, request):
        resources = {}
        for pattern in self.patterns:
            route = str(pattern.pattern)
            if route and "<" not in route and pattern.name:
                resources[pattern.name] = request.build_absolute_uri(reverse(f"api-v1:{pattern.name}"))
        return Response(ApiRootSerializer({
            "version": "v1",
            "schema": request.build_absolute_uri(reverse("schema")),
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "resources": resources,
        }).data)


@extend_schema(tags=["dashboard"], responses={200: DashboardSerializer, **errors(401, 403)})
class DashboardView(APIView):
    """Counts of the caller's organisation's cases this year and this month."""

    def get(self, request):
        return Response(on_replica(lambda: DashboardSerializer(selectors.dashboard_counts(request.user)).data, request))


@extend_schema(tags=["assignment"], responses={200: WorkloadSerializer, **errors(401, 403)})
class WorkloadView(APIView):
    """Open cases per colleague of the caller's organisation, and how many nobody is assigned to
    (supervisors)."""

    def get(self, request):
        rows, unassigned = assignment.workload(request.user)
        return Response(WorkloadSerializer({"unassigned": unassigned, "staff": rows}).data)


# --- writes -----------------------------------------------------------------------------------------


@extend_schema(
    tags=["assignment"], request=AssignInputSerializer,
    responses={200: CaseSummarySerializer(many=True), **errors(400, 401, 403, 404, 409)},
)
class AssignView(GuardedView):
    """Give open cases of your organisation to a colleague, all or none, with a reason on each case's timeline
    (supervisors). Returns the cases that moved. The first-responsible handler does not change. The lead of a
    collective dispute brings every member with it; a member chosen without its lead is a 409 `group_member`."""

    def post(self, request):
        data = validated(AssignInputSerializer, request.data)
        versions = {int(k): v for k, v in data.get("versions", {}).items() if str(k).isdigit()}
        moved = assignment.cases_assign(
            case_ids=data["cases"], actor=request.user, to_user_id=data["to_user"], reason=data["reason"],
            versions=versions,
        )
        return Response(CaseSummarySerializer(moved, many=True).data)


@extend_schema(
    tags=["cases"], request=PriorityInputSerializer, responses={200: CaseSummarySerializer, **errors(400, 401, 403, 404, 409)},
)
class PriorityView(GuardedView):
    """Put an open case in the green channel (绿色通道) with a coded ground and a note, or change its ground: it goes
    first in every queue and runs the channel's local service-level clocks. On a collective dispute's lead, every
    member too; a member alone is a 409 `group_member`."""

    def post(self, request, pk):
        data = validated(PriorityInputSerializer, request.data)
        case = priority.case_mark_priority(case_id=pk, actor=request.user, ground=data["ground"], note=data["note"],
                                           version=data.get("version"))
        return Response(CaseSummarySerializer(case).data)


@extend_schema(
    tags=["cases"], request=PriorityClearInputSerializer,
    responses={200: CaseSummarySerializer, **errors(400, 401, 403, 404, 409)},
)
class PriorityClearView(GuardedView):
    """Take a case out of the green channel, with the reason; its green-channel clocks end."""

    def post(self, request, pk):
        data = validated(PriorityClearInputSerializer, request.data)
        case = priority.case_clear_priority(case_id=pk, actor=request.user, reason=data["reason"],
                                            version=data.get("version"))
        return Response(CaseSummarySerializer(case).data)


@extend_schema(
    tags=["assignment"], request=TakeInputSerializer, responses={200: CaseSummarySerializer, **errors(400, 401, 403, 404, 409)},
)
class TakeView(GuardedView):
    """Take an open case of your organisation that nobody is assigned to (a collective dispute's lead with its
    members; a member alone is a 409 `group_member`)."""

    def post(self, request, pk):
        data = validated(TakeInputSerializer, request.data)
        case = assignment.case_take(case_id=pk, actor=request.user, version=data.get("version"))
        return Response(CaseSummarySerializer(case).data)


@extend_schema(
    tags=["cases"], request=TransitionInputSerializer,
    responses={200: CaseSummarySerializer, **errors(400, 401, 403, 404, 409)},
)
class CaseTransitionView(GuardedView):
    """Take one of the case's available_actions. Send the version you read; a stale one is a 409."""

    def post(self, request, pk):
        data = validated(TransitionInputSerializer, request.data)
        case = services.case_transition(
            case_id=pk, action=data["action"], actor=request.user, expected_version=data["version"],
            reason_code=data["reason_code"], reason=data["reason"], outcome=data["outcome"],
            due_on=data.get("due_on"),
        )
        return Response(CaseSummarySerializer(case).data)


@extend_schema(
    tags=["referrals"], request=ReferralOfferInputSerializer,
    responses={201: ReferralResultSerializer, **errors(400, 401, 403, 404, 409)},
)
class CaseReferralView(GuardedView):
    """Offer the case to another organisation; it moves only when the receiver accepts."""

    def post(self, request, pk):
        data = validated(ReferralOfferInputSerializer, request.data)
        referral = services.referral_offer(
            case_id=pk, actor=request.user, to_org_id=data["to_org"], purpose=data["purpose"], note=data["note"],
            expected_version=data["version"],
        )
        return Response(ReferralResultSerializer(referral).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["cases"], request=NoteInputSerializer,
    responses={201: NoteResultSerializer, **errors(400, 401, 403, 404, 409)},
)
class CaseNoteView(GuardedView):
    """Add an internal note to the timeline (never shown to the worker)."""

    def post(self, request, pk):
        data = validated(NoteInputSerializer, request.data)
        event = services.case_add_note(case_id=pk, actor=request.user, text=data["text"], expected_version=data["version"])
        return Response(NoteResultSerializer({"event": event, "case": event.case}).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["referrals"], request=None, responses={200: ReferralResultSerializer, **errors(401, 403, 404, 409)})
class ReferralAcceptView(GuardedView):
    """Accept an offer: the case moves to the purpose's stage and (except legal aid) to your organisation."""

    doors = {"pk": REFERRAL}

    def post(self, request, pk):
        referral = services.referral_accept(referral_id=pk, actor=request.user)
        return Response(ReferralResultSerializer(referral).data)


@extend_schema(
    tags=["referrals"], request=ReferralDeclineInputSerializer,
    responses={200: ReferralResultSerializer, **errors(400, 401, 403, 404, 409)},
)
class ReferralDeclineView(GuardedView):
    """Decline an offer with a coded reason; the case returns to the first-responsible handler."""

    doors = {"pk": REFERRAL}

    def post(self, request, pk):
        data = validated(ReferralDeclineInputSerializer, request.data)
        referral = services.referral_decline(referral_id=pk, actor=request.user, code=data["code"], reason=data["reason"])
        return Response(ReferralResultSerializer(referral).data)


@extend_schema(
    tags=["referrals"], request=ReferralWithdrawInputSerializer,
    responses={200: ReferralResultSerializer, **errors(400, 401, 403, 404, 409)},
)
class ReferralWithdrawView(GuardedView):
    """Withdraw an offer your organisation made that has not been decided yet."""

    doors = {"pk": REFERRAL}

    def post(self, request, pk):
        data = validated(ReferralWithdrawInputSerializer, request.data)
        referral = services.referral_withdraw(referral_id=pk, actor=request.user, reason=data["reason"])
        return Response(ReferralResultSerializer(referral).data)


# --- collective disputes (disputes.collective) -----------------------------------------------------------


class GroupEndpoint(WriteEndpoint, tags=["collective"], output=GroupResultSerializer):
    """The collective dispute's writes answer with the case and its group as they are now."""

    def reply(self, returned, request, **kwargs):
        case = Case.objects.select_related("owner_org").get(pk=returned.pk)
        return {"case": case, "group": collective.group_of(case)}


class GroupLinkView(GroupEndpoint, input=GroupLinkInputSerializer, service=collective.collective_link):
    """Make this case the lead of a collective dispute, or add members to its group: open cases of your
    organisation against the same employer, at the lead's stage and in no other group. From then on the
    group's steps (lifecycle, acceptance, tribunal, hearing, award) are taken on the lead and apply to every
    member; each member keeps its own claims, receipt, query code and status page. A group reaching the
    statutory number of workers is flagged collective."""


class GroupSplitView(GroupEndpoint, input=GroupSplitInputSerializer, service=collective.collective_split):
    """Split this member case off its collective dispute, with the reason (on its timeline and the lead's):
    from then on it is handled on its own."""


class RepresentativesView(GroupEndpoint, input=RepresentativesInputSerializer,
                          service=collective.collective_representatives_set):
    """Record the representatives the workers of the group elected among themselves (LDMAL art 7) on the lead
    case, replacing earlier ones."""
