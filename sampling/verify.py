"""Replaying a draw from its record: anyone holding the record (the API's draw, `manage.py verify_draw`) can
recompute it. Each check says what it compared; the draw is verified when every check holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import algorithm
from disputes.models import Employer

from .models import Draw
from .pools import conflicts, employer_pool, frequency_exclusions


@dataclass
class Check:
    name: str
    label: str
    ok: bool
    detail: str = ""


@dataclass
class Verification:
    draw: Draw
    checks: list[Check] = field(default_factory=list)
    replayed: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def replay(record: dict, seed: str) -> list[dict]:
    """The result the algorithm gives for this record and seed."""
    return algorithm.draw(seed, algorithm.DrawInput.from_canonical(record))


def verify(draw: Draw) -> Verification:
    out = Verification(draw=draw)
    add = out.checks.append
    add(Check("record_digest", _("The inputs are those recorded at the draw (SHA-256)"),
              algorithm.digest(draw.record) == draw.record_digest, draw.record_digest))
    add(Check("result_digest", _("The result is that recorded at the draw (SHA-256)"),
              algorithm.digest(draw.result) == draw.result_digest, draw.result_digest))
    try:
        out.replayed = replay(draw.record, draw.seed)
    except (ValueError, KeyError, algorithm.DrawImpossible) as exc:
        add(Check("replay", _("Replaying the seed gives the same employers and inspectors"), False, str(exc)))
        return out
    add(Check("replay", _("Replaying the seed gives the same employers and inspectors"), out.replayed == draw.result))
    rows = [
        {"employer": row.employer.credit_code, "inspectors": [str(t.inspector_id) for t in row.team.all()]}
        for row in draw.inspections.select_related("employer").prefetch_related("team").order_by("position")
    ]
    add(Check("rows", _("The inspections on file are those drawn"), rows == out.replayed))
    pairs = {(i, r["employer"]) for r in out.replayed for i in r["inspectors"]}
    recorded = {tuple(c) for c in draw.record["conflicts"]}
    add(Check("no_conflict", _("No inspector drawn for an employer they are in conflict with"), not pairs & recorded))
    # The database read again as it stood at the draw: earlier draws (frequency limits) and what linked the
    # drawn inspectors to the drawn employers (conflicts recorded since, e.g. by this inspection, do not count).
    plan = draw.plan
    base = [*draw.record["employers"], *(code for code, _reason in draw.record["excluded"])]
    employers = Employer.objects.filter(credit_code__in=base)
    expected = frequency_exclusions(plan, employers, draw.drawn_on, before=draw.drawn_at)
    recorded_excluded = {code: reason for code, reason in draw.record["excluded"]}
    add(Check("frequency", _("The employers left out by the frequency limits are those earlier draws require"),
              expected == recorded_excluded))
    drawn = Employer.objects.filter(credit_code__in=[r["employer"] for r in out.replayed])
    known = conflicts([int(i) for r in out.replayed for i in r["inspectors"]], drawn, before=draw.drawn_at)
    add(Check("conflicts_then", _("No drawn pair was in conflict by the record as it stood at the draw"),
              not pairs & known, ", ".join(sorted(f"{i}/{c}" for i, c in pairs & known))))
    return out
