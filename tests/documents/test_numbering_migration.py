"""Number patterns moved from arbitration to documents (arbitration/0005, documents/0001): every pattern keeps
its issuer, and every series goes on from its last number, none lost and none given twice."""

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from core.models import Organization
from core.sequences import Sequence
from documents.models import NumberPattern
from documents.numbering import next_number

BEFORE = [("arbitration", "0004_number_patterns_for_inspection"), ("documents", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_patterns_and_their_series_go_on_after_the_move():
    executor = _migrate(BEFORE)
    old = executor.loader.project_state([("arbitration", "0004_number_patterns_for_inspection")]).apps
    Org, OldPattern, OldSequence = (old.get_model("core", "Organization"),
                                    old.get_model("arbitration", "CaseNumberPattern"),
                                    old.get_model("core", "Sequence"))
    commission = Org.objects.create(name="潍城区劳动人事争议仲裁委员会", kind="arbitration")
    team = Org.objects.create(name="潍城区劳动保障监察大队", kind="inspection")
    OldPattern.objects.create(commission=commission, kind="accept", pattern="潍城劳人仲案字〔{year}〕第{seq}号")
    OldPattern.objects.create(commission=team, kind="correction_order", pattern="潍城人社监令字〔{year}〕第{seq}号")
    OldSequence.objects.create(series=f"arbitration:{commission.pk}:accept", year=2026, last=41)
    OldSequence.objects.create(series=f"arbitration:{commission.pk}:accept", year=2025, last=380)
    OldSequence.objects.create(series=f"inspection:{team.pk}:correction_order", year=2026, last=7)
    # A series whose pattern an administrator deleted: entered again, it must not restart at 1.
    OldSequence.objects.create(series=f"arbitration:{commission.pk}:reject", year=2026, last=5)
    OldSequence.objects.create(series="case", year=2026, last=1000)

    _migrate(executor.loader.graph.leaf_nodes())

    commission, team = Organization.objects.get(pk=commission.pk), Organization.objects.get(pk=team.pk)
    assert {(p.issuer, p.kind) for p in NumberPattern.objects.all()} == {(commission, "accept"),
                                                                        (team, "correction_order")}
    NumberPattern.objects.create(issuer=commission, kind="reject", pattern="潍城劳人仲案不字〔{year}〕第{seq}号")
    with transaction.atomic():
        numbers = [next_number(issuer=commission, kind="accept", year=2026),
                   next_number(issuer=commission, kind="accept", year=2025),
                   next_number(issuer=team, kind="correction_order", year=2026),
                   next_number(issuer=commission, kind="reject", year=2026)]
    assert numbers == ["潍城劳人仲案字〔2026〕第42号", "潍城劳人仲案字〔2025〕第381号", "潍城人社监令字〔2026〕第8号",
                       "潍城劳人仲案不字〔2026〕第6号"]
    assert Sequence.objects.get(series="case", year=2026).last == 1000
    assert not Sequence.objects.filter(series__startswith="arbitration:").exists()
    assert not Sequence.objects.filter(series__startswith="inspection:").exists()
