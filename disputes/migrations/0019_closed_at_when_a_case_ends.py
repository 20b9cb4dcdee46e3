"""Cases that ended without an outcome (withdrawn, redirected, not accepted) get the time they ended in
`closed_at`, as disputes.services now records for every ending: the statistics count ended and carried-over
cases by it. The time is the event that ended the case; nothing else changes."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

ENDED_WITHOUT_OUTCOME = ["withdrawn", "redirected", "not_accepted"]


def backfill(apps, schema_editor):
    Case = apps.get_model("disputes", "Case")
    CaseEvent = apps.get_model("disputes", "CaseEvent")
    ended_at = (
        CaseEvent.objects.filter(case=OuterRef("pk"), to_state__in=ENDED_WITHOUT_OUTCOME)
        .order_by("-created_at", "-id").values("created_at")[:1]
    )
    Case.objects.filter(closed_at__isnull=True, status__in=[*ENDED_WITHOUT_OUTCOME, "archived"]).update(
        closed_at=Subquery(ended_at)
    )


class Migration(migrations.Migration):
    dependencies = [("disputes", "0018_read_audit")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
