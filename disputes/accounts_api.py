"""For API clients: a token for a staff login, its revocation, who the caller is, the staff of the caller's
organisation with their roles, and the divisions (organisations are `organizations/`).

The token is DRF's (rest_framework.authtoken). The password is checked by Django's authenticate(), so every
authentication backend and guard configured for the web login (a lockout after failed attempts) covers this
endpoint too; on top, DRF's throttle limits attempts per client address (`token` rate in REST_FRAMEWORK)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.access import staff_of
from core.api import Serializer
from core.errors import ValidationFailed
from core.models import Division, Role, StaffProfile
from core.refdata import division_by_id

from .kit.api import errors, validated
from .serializers import DivisionSerializer, ErrorSerializer


class TokenInputSerializer(Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenSerializer(Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


class OrganizationOfSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    division = DivisionSerializer(allow_null=True)


class StaffMemberSerializer(Serializer):
    id = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    name = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=Role.choices)
    role_display = serializers.CharField(source="get_role_display")

    def get_name(self, profile) -> str:
        return profile.user.get_full_name() or profile.user.get_username()


class MeSerializer(StaffMemberSerializer):
    organization = OrganizationOfSerializer()


class DivisionListSerializer(DivisionSerializer):
    administered_by = serializers.IntegerField(source="administered_by_id", allow_null=True)


def _with_division(org):
    org.division = division_by_id(org.division_id) if org.division_id else None
    return org


@extend_schema(
    tags=["auth"], request=TokenInputSerializer,
    responses={200: TokenSerializer, 400: errors(400)[400], 429: OpenApiResponse(ErrorSerializer, description="Too many attempts (the usual error body).")},
)
class TokenView(APIView):
    """Obtain the API token of a staff account with its username and password (the same check as the web
    login, which locks an account out after repeated failures; attempts are also limited per client)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def post(self, request):
        data = validated(TokenInputSerializer, request.data)
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if user is None or not user.is_active or not StaffProfile.objects.filter(user=user).exists():
            # One answer for a wrong password, an unknown name and an account that is not staff.
            raise ValidationFailed(_("The username or password is not correct."), code="invalid_credentials")
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


@extend_schema(tags=["auth"], request=None, responses={204: None, **errors(401)})
class TokenRevokeView(APIView):
    """Revoke the token this request was made with (log the client out); a new one is obtained by logging in."""

    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=204)


@extend_schema(tags=["auth"], responses={200: MeSerializer, **errors(401, 403)})
class MeView(APIView):
    """The caller: account, role and organisation."""

    def get(self, request):
        profile = staff_of(request.user)
        profile = StaffProfile.objects.select_related("user", "organization").get(pk=profile.pk)
        _with_division(profile.organization)
        return Response(MeSerializer(profile).data)


@extend_schema(tags=["auth"], responses={200: StaffMemberSerializer(many=True), **errors(401, 403)})
class StaffListView(APIView):
    """The active staff of the caller's organisation with their roles (the second inspector of a visit, the
    members of a tribunal)."""

    def get(self, request):
        profile = staff_of(request.user)
        staff = (
            StaffProfile.objects.select_related("user")
            .filter(organization_id=profile.organization_id, user__is_active=True).order_by("user__username")
        )
        return Response(StaffMemberSerializer(staff, many=True).data)


@extend_schema(tags=["organizations"], responses={200: DivisionListSerializer(many=True), **errors(401, 403)})
class DivisionListView(APIView):
    """Weifang's administrative divisions (GB/T 2260 codes; a development zone names the county it belongs to)."""

    def get(self, request):
        staff_of(request.user)
        return Response(DivisionListSerializer(Division.objects.order_by("code"), many=True).data)

