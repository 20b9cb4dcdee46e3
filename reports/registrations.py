"""What the case file shows of the statistics, registered from ReportsConfig.ready() (disputes.registry): the
dashboard's link to them, for those who read them."""

from core.models import Role
from disputes import registry


def register() -> None:
    registry.add_dashboard_part(
        "reports", lambda *, profile: {"statistics_link": profile.role in (Role.SUPERVISOR, Role.ADMIN)},
        template="reports/_dashboard_link.html",
    )
