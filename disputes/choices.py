"""Enumerations of the case file. Values are API-stable English codes; labels are translated."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Occupation(models.TextChoices):
    # The flexible-work groups named in measure 16 of the Weifang 22 measures (seed).
    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    RIDE_HAILING_DRIVER = "ride_hailing_driver", _("Ride-hailing driver")
    COURIER = "courier", _("Courier")
    DELIVERY_RIDER = "delivery_rider", _("Food delivery rider")
    CARER = "carer", _("Carer")
    ESTATE_AGENT = "estate_agent", _("Estate agent")
    MALL_INFORMATION_WORKER = "mall_information_worker", _("Mall information worker")
    DOMESTIC_WORKER = "domestic_worker", _("Domestic worker")
    SECURITY_GUARD = "security_guard", _("Security guard")
    OTHER_FLEXIBLE = "other_flexible", _("Other flexible work")
    EMPLOYEE = "employee", _("Employee (standard employment)")


FLEXIBLE_OCCUPATIONS = frozenset(o.value for o in Occupation if o != Occupation.EMPLOYEE)


class SupervisingDepartment(models.TextChoices):
    TRANSPORT = "transport", _("Transport bureau")
    COMMERCE = "commerce", _("Commerce bureau")
    MARKET_REGULATION = "market_regulation", _("Market regulation bureau")
    POSTAL = "postal", _("Postal administration")


class Industry(models.TextChoices):
    FREIGHT = "freight", _("Road freight / network freight")
    RIDE_HAILING = "ride_hailing", _("Ride-hailing")
    EXPRESS_DELIVERY = "express_delivery", _("Express delivery")
    FOOD_DELIVERY = "food_delivery", _("Food delivery platform")
    DOMESTIC_SERVICES = "domestic_services", _("Domestic and care services")
    RETAIL = "retail", _("Retail and shopping malls")
    REAL_ESTATE_AGENCY = "real_estate_agency", _("Real-estate agency")
    SECURITY_SERVICES = "security_services", _("Security services")
    OTHER = "other", _("Other")


# Measure 10 names four supervising departments; each industry is assigned to one of them.
# Kept as data so an administrator's correction is a one-line change with its reason in review.
INDUSTRY_DEPARTMENT = {
    Industry.FREIGHT: SupervisingDepartment.TRANSPORT,
    Industry.RIDE_HAILING: SupervisingDepartment.TRANSPORT,
    Industry.EXPRESS_DELIVERY: SupervisingDepartment.POSTAL,
    Industry.FOOD_DELIVERY: SupervisingDepartment.MARKET_REGULATION,
    Industry.DOMESTIC_SERVICES: SupervisingDepartment.COMMERCE,
    Industry.RETAIL: SupervisingDepartment.COMMERCE,
    Industry.REAL_ESTATE_AGENCY: SupervisingDepartment.MARKET_REGULATION,
    Industry.SECURITY_SERVICES: SupervisingDepartment.MARKET_REGULATION,
    Industry.OTHER: SupervisingDepartment.MARKET_REGULATION,
}


class Channel(models.TextChoices):
    WINDOW = "window", _("Service window")
    HOTLINE = "hotline_12333", _("12333 hotline")
    ONLINE = "online", _("Online service hall")
    PETITION = "petition", _("Petition transfer")
    UNION = "union", _("Trade union")
    COURT = "court", _("Court referral")
    LEGAL_AID = "legal_aid", _("Application at a legal-aid station")
    # No complainant: the department inspects on its own initiative (主动检查), e.g. a random draw's employer.
    OWN_INITIATIVE = "own_initiative", _("Own-initiative inspection (random draw)")


# The channels a complaint comes by: every one but the department's own initiative, which has no complainant.
COMPLAINT_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.OWN_INITIATIVE]


class ClaimType(models.TextChoices):
    # Dispute scope, LDMAL art 2 (statutory-rules §8).
    EMPLOYMENT_RELATIONSHIP = "employment_relationship", _("Confirm an employment relationship")
    CONTRACT = "contract", _("Conclude, perform, change, end or terminate a contract")
    DISMISSAL = "dismissal", _("Dismissal or resignation")
    WORKING_TIME = "working_time", _("Working time, rest and leave")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")
    WELFARE = "welfare", _("Welfare, training and labour protection")
    WAGES = "wages", _("Unpaid wages")
    OVERTIME = "overtime", _("Overtime pay")
    INJURY_MEDICAL = "injury_medical", _("Work-injury medical costs")
    SEVERANCE = "severance", _("Severance (economic compensation)")
    DAMAGES = "damages", _("Damages (e.g. unlawful dismissal, double pay)")
    OTHER = "other", _("Other")


# Claim types that are a sum of money: the amount is required for them.
MONETARY_CLAIM_TYPES = frozenset(
    {ClaimType.WAGES, ClaimType.OVERTIME, ClaimType.INJURY_MEDICAL, ClaimType.SEVERANCE, ClaimType.DAMAGES}
)


class CaseState(models.TextChoices):
    REGISTERED = "registered", _("Registered at the window")
    INSPECTION = "inspection", _("Labour inspection")
    CORRECTION_DUE = "correction_due", _("Order to correct issued")
    ARBITRATION_REVIEW = "arbitration_review", _("Arbitration application under review")
    NOT_ACCEPTED = "not_accepted", _("Arbitration not accepted")
    ARBITRATION = "arbitration", _("Arbitration")
    HEARING = "hearing", _("Hearing scheduled")
    LITIGATION = "litigation", _("In court")
    MEDIATION = "mediation", _("Mediation")
    CONFIRMATION = "confirmation", _("Awaiting judicial confirmation")
    REDIRECTED = "redirected", _("Redirected elsewhere")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


OPEN_STATES = (
    CaseState.REGISTERED,
    CaseState.INSPECTION,
    CaseState.CORRECTION_DUE,
    CaseState.ARBITRATION_REVIEW,
    CaseState.ARBITRATION,
    CaseState.HEARING,
    CaseState.LITIGATION,
    CaseState.MEDIATION,
    CaseState.CONFIRMATION,
)
# Suspended cases are still open (they resume); terminal ones are not.
ACTIVE_STATES = (*OPEN_STATES, CaseState.SUSPENDED)
# The same, as a list to write into a prepared statement (core.rows): constants of the code, never input,
# checked to be plain words. Written in, not passed as parameters: a plan made without them cannot use the
# partial indexes of open cases (docs/architecture.md, "Prepared once per connection").
if not all(re.fullmatch(r"[a-z_]+", str(state)) for state in ACTIVE_STATES):
    raise ValueError(f"a stage name that cannot be written into SQL as it is: {ACTIVE_STATES}")
ACTIVE_STATES_SQL = ", ".join(f"'{state}'" for state in ACTIVE_STATES)
ENDED_STATES = (CaseState.NOT_ACCEPTED, CaseState.REDIRECTED, CaseState.WITHDRAWN, CaseState.CLOSED)


class Outcome(models.TextChoices):
    CORRECTED = "corrected", _("Employer corrected after an order")
    PENALTY = "penalty", _("Penalty decided")
    NO_VIOLATION = "no_violation", _("No violation found")
    MEDIATED = "mediated", _("Settled by mediation")
    CONFIRMED = "confirmed", _("Mediation agreement judicially confirmed")
    AWARD = "award", _("Arbitral award")
    JUDGMENT = "judgment", _("Court judgment")
    RESOLVED_OTHER = "resolved_other", _("Resolved otherwise")


class ReferralPurpose(models.TextChoices):
    INSPECTION = "inspection", _("Labour inspection")
    ARBITRATION = "arbitration", _("Arbitration")
    MEDIATION = "mediation", _("Mediation")
    LEGAL_AID = "legal_aid", _("Legal aid")
    LITIGATION = "litigation", _("Court proceedings")
    JUDICIAL_CONFIRMATION = "judicial_confirmation", _("Judicial confirmation")


class ReferralState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DeclineReason(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("Outside our scope of duties")
    OUT_OF_JURISDICTION = "out_of_jurisdiction", _("Outside our jurisdiction")
    INCOMPLETE = "incomplete", _("Materials incomplete")
    DUPLICATE = "duplicate", _("Already handled in another case")
    TIME_BARRED = "time_barred", _("Limitation period expired")
    # A legal-aid station's own reasons (measure 14); "outside our area" is OUT_OF_JURISDICTION.
    NOT_ELIGIBLE = "not_eligible", _("Not eligible for legal aid")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    OTHER = "other", _("Other (see reason)")


class RedirectReason(models.TextChoices):
    NOT_LABOUR_DISPUTE = "not_labour_dispute", _("Not a labour dispute")
    OTHER_AUTHORITY = "other_authority", _("Belongs to another authority")
    CRIMINAL = "criminal", _("Criminal matter: referred to public security")
    OTHER = "other", _("Other (see reason)")


class PriorityGround(models.TextChoices):
    """Why a case is in the green channel (绿色通道, measure 11 of Weifang's 22 measures)."""

    FLEXIBLE_WAGES = "flexible_wages", _("Flexible worker's unpaid wages")
    COLLECTIVE = "collective", _("Collective dispute")
    VULNERABLE = "vulnerable", _("Vulnerable worker")
    URGENT_LIMITATION = "urgent_limitation", _("Limitation period about to expire")
