"""What a listing's id in a URL opens (disputes.kit.doors): the listing of a case the user's organisation sees."""

from core.access import staff_of
from disputes.kit.doors import Door
from disputes.models import Employer

from . import departments, warning_selectors
from .models import BlacklistListing
from .warning_models import EarlyWarning, EmployerInterview

LISTING = Door(BlacklistListing, "listing_id")


def _warnings_of(user):
    return warning_selectors.warnings_visible_to(staff_of(user))


def _employers_of(user):
    return warning_selectors.employers_in_reach(staff_of(user), user)


# A warning of a team the caller's reads; the service decides who may act (403).
WARNING = Door(EarlyWarning, "warning_id", case="", rows=_warnings_of)
# The employers of the team's divisions or of the cases it sees; the service decides who records an interview.
EMPLOYER = Door(Employer, "employer_id", case="", rows=_employers_of)


def _department_warnings_of(user):
    return departments.department_warnings(staff_of(user))


# A warning naming the caller's supervising department in its jurisdiction (compliance.departments): another
# county's or another industry's department finds nothing there.
DEPARTMENT_WARNING = Door(EarlyWarning, "warning_id", case="", rows=_department_warnings_of)
# An interview of the caller's team, whose follow-up it closes.
FOLLOW_UP = Door(EmployerInterview, "interview_id", case="", rows=warning_selectors.follow_ups_visible_to)
