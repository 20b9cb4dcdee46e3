"""Legal-aid station actions (法律援助法; 办理法律援助案件程序规定 2023)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Role
from disputes.choices import ReferralPurpose, ReferralState
from disputes.models import Referral
from disputes.services import bump_version, event_append, lock_case

from .models import LawyerAssignment

STATION_ROLES = (Role.LEGAL_AID, Role.SUPERVISOR)


def lawyer_assign(*, referral_id: int, actor, lawyer_name: str, lawyer_phone: str) -> LawyerAssignment:
    """Assign the lawyer for an accepted legal-aid referral (within 3 days of granting, art 24)."""
    profile = staff_of(actor)
    name, phone = (lawyer_name or "").strip(), (lawyer_phone or "").strip()
    errors = {}
    if not name:
        errors["lawyer_name"] = [_("Enter the lawyer's name.")]
    if not phone:
        errors["lawyer_phone"] = [_("Enter the lawyer's phone.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().filter(pk=referral_id, purpose=ReferralPurpose.LEGAL_AID).first()
        if referral is None:
            raise NotFound()
        if profile.organization_id != referral.to_org_id or profile.role not in STATION_ROLES:
            raise PermissionDenied(_("Only the legal-aid station that accepted the referral may assign its lawyer."))
        if referral.state != ReferralState.ACCEPTED:
            raise Conflict(_("The referral has not been accepted."), code="referral_not_accepted")
        case = lock_case(referral.case_id, None)
        try:
            with transaction.atomic():
                assignment = LawyerAssignment.objects.create(
                    referral=referral, lawyer_name=name, lawyer_phone=phone, assigned_by=actor
                )
        except IntegrityError:
            raise Conflict(_("A lawyer has already been assigned."), code="already_assigned") from None
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="lawyer_assigned", is_public=True,
                     payload={"referral": referral.pk, "lawyer": name})
    return assignment
