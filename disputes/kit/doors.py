"""The one access rule for an id in a URL: what the caller's organisation may not see is a 404, the same answer
as for an id that names nothing (docs/security.md).

A door says what a URL's id names (a case, or a row of one: a referral, a hearing, a mediation file …) and the
way from that row to its case; the case's scope is disputes.selectors.cases_visible_to, the one scope rule.
Every write passes its doors before anything else happens (the body read, the version compared, the role
checked), so no refusal can tell a real id from a missing one; inside the case's scope the services decide who
may act (403). The kit applies the doors: an API write declares `doors` (disputes.kit.api), a page's step
`Workbench.post(door=...)` or `@through(pk=...)` (disputes.kit.web).

    HEARING = Door(Hearing, "hearing_id")            # the service's keyword for the id; the row's `case`
    ITEM = Door(MediationAgreementItem, "item_id", case="agreement__file__case")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet

from core.errors import NotFound
from core.rows import holds

from ..models import Case, Document, Evidence, Referral
from ..selectors import cases_visible_to


@dataclass(frozen=True)
class Door:
    """What an id in a URL names, for whom it opens."""

    model: type[Model]
    arg: str  # the service's keyword for this id (case_id, hearing_id …)
    case: str = "case"  # the path from the row to its case; "" when the row is the case
    where: dict = field(default_factory=dict)  # what else the row must be (a legal-aid referral)
    # A scope of its own, for rows that belong to no one case (a consultation: its participants' organisations).
    rows: Callable[[object], QuerySet] | None = None

    def visible(self, user) -> QuerySet:
        """The rows of this kind the user's organisation may see."""
        if self.rows is not None:
            return self.rows(user).filter(**self.where)
        if not self.case:
            return cases_visible_to(user).filter(**self.where)
        return self.model.objects.filter(**{f"{self.case}__in": cases_visible_to(user)}, **self.where)

    def opens(self, user, pk: int) -> bool:
        # An id no column can hold names nothing (and the database must not be asked).
        return holds(self.model._meta.pk, pk) and self.visible(user).filter(pk=pk).exists()

    def case_id(self, user, pk: int) -> int:
        """The id of the row's case, if the row is the user's to see; NotFound otherwise."""
        found = None
        if holds(self.model._meta.pk, pk):
            found = self.visible(user).filter(pk=pk).values_list(self.case or "pk", flat=True).first()
        if found is None:
            raise NotFound()
        return found


def require(user, doors: dict[str, Door], kwargs: dict) -> None:
    """Every id of the URL (`kwargs`) through its door, or NotFound: the same answer whether the row exists or not.
    An id the URL has but no door names is a mistake of the view, refused loudly."""
    for name, value in kwargs.items():
        door = doors.get(name)
        if door is None:
            raise LookupError(f"no door for the URL's {name!r}")
        if not door.opens(user, value):
            raise NotFound()


CASE = Door(Case, "case_id", case="")
REFERRAL = Door(Referral, "referral_id")
DOCUMENT = Door(Document, "document_id")
EVIDENCE = Door(Evidence, "evidence_id")
