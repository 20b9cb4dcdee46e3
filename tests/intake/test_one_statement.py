"""On PostgreSQL a registration's rows go in one statement (core.sqlbatch); they must be the rows the ORM path
writes, field for field, in every situation the window meets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.identifiers import make_credit_code, make_id_number
from core.models import StatutoryParameter
from core.query_codes import query_code_matches, unseal_query_code
from core.rows import statement_text
from core.sequences import Sequence
from disputes import registry
from disputes.models import Case, CaseEvent, Claim
from intake.models import PendingReceipt
from intake import services
from notifications.models import WorkerMessage
from tests.conftest import skip_unless_real

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("the one-statement registration is PostgreSQL's (set DATABASE_URL)", "REQUIRE_POSTGRES")


CASE_SKIP = {"id", "number", "query_code_hash", "registered_at", "updated_at", "worker_id", "employer_id", "related_case_id"}
EVENT_KEEP = ("action", "actor_id", "actor_org_id", "actor_role", "from_state", "to_state", "reason_code", "reason",
              "payload", "is_public")


def window_day(register, rng_base):
    """Six registrations covering what the window meets; returns the cases in order."""
    credit, returning = make_credit_code(), make_id_number()
    claims = [{"type": "wages", "amount": "8600.00", "description": "9-10月工资"},
              {"type": "employment_relationship", "amount": "", "description": ""}]
    cases = [
        register(seed=rng_base, credit_code=credit, id_number=returning, claims=claims).case,  # both new
        register(seed=rng_base + 1, credit_code=credit).case,  # a new worker, the employer unchanged
        # The same worker again on purpose, with a new phone; the employer with a new address.
        register(seed=rng_base + 2, credit_code=credit, id_number=returning, force_new=True,
                 worker_phone="13900139000", employer_address="潍坊市奎文区东风东街8号").case,
        register(seed=rng_base + 3, credit_code=credit).case,  # third worker: collective, the others flagged
        register(seed=rng_base + 4, credit_code=credit).case,  # collective from the start
        # An expired limitation period, registered with the reason recorded.
        register(seed=rng_base + 5, credit_code=credit, violation_started_on=datetime.date(2022, 1, 1),
                 violation_ended_on=datetime.date(2022, 3, 1), employment_ended_on=datetime.date(2022, 3, 1),
                 limitation_reason="劳动者曾向单位书面催讨，时效中断").case,
    ]
    return [Case.objects.select_related("worker", "employer").get(pk=c.pk) for c in cases]


def _pending_receipt(case):
    """Whether the pending receipt is dated with the registration, and by whom, and opens the case."""
    pending = PendingReceipt.objects.get(case=case)
    code = unseal_query_code(pending.sealed_code, max_age=None)
    return pending.issued_at == case.registered_at, pending.issued_by_id, query_code_matches(code, case.query_code_hash)


def described(cases):
    index = {c.pk: i for i, c in enumerate(cases)}
    out = []
    for c in cases:
        out.append({
            "case": {k: v for k, v in vars(c).items() if not k.startswith("_") and k not in CASE_SKIP},
            "related": index.get(c.related_case_id),
            "worker": {k: getattr(c.worker, k) for k in ("name", "phone", "occupation", "platform")},
            "employer": {k: getattr(c.employer, k) for k in ("name", "address", "is_platform", "industry")},
            "events": [tuple(getattr(e, k) for k in EVENT_KEEP) for e in CaseEvent.objects.filter(case=c).order_by("id")],
            "claims": list(Claim.objects.filter(case=c).order_by("id").values_list("type", "amount", "description")),
            "receipt": _pending_receipt(c),
            "messages": [
                (m.event.action, m.channel, m.recipient, m.template_key, m.context, sorted(m.sealed), m.state)
                for m in WorkerMessage.objects.filter(case=c).select_related("event").order_by("id")
            ],
        })
    return out


def test_the_one_statement_path_writes_what_the_orm_path_writes(register, monkeypatch):
    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=3)
    batched = window_day(register, 100)
    monkeypatch.setattr(services.sqlbatch, "supported", lambda using="default": False)
    through_orm = window_day(register, 200)

    assert described(batched) == described(through_orm)
    # The situations were really met: collective flags, the related case, the recorded reason, the update.
    first = described(batched)
    assert [c["case"]["is_collective"] for c in first] == [True] * 6
    assert [e[0] for e in first[0]["events"]] == ["registered", "collective_flagged"]
    assert first[2]["related"] == 0 and first[2]["worker"]["phone"] == "13900139000"
    assert first[5]["case"]["limitation_override_reason"]
    numbers = [int(c.number[-7:]) for c in batched + through_orm]
    assert numbers == list(range(numbers[0], numbers[0] + 12))  # one gap-free series through both paths


def test_the_rows_are_written_in_one_statement(register):
    register(seed=1)  # the year's counter row
    with CaptureQueriesContext(connection) as ctx:
        result = register(seed=2)
    statements = [statement_text(q["sql"]) for q in ctx.captured_queries]
    writes = [sql for sql in statements if sql.split(None, 1)[0] in ("INSERT", "UPDATE", "WITH")]
    # The worker's text message (an outbox row of the notifications app) goes in the same statement.
    assert len(writes) == 1 and writes[0].startswith("WITH")
    assert 'INSERT INTO "notifications_workermessage"' in writes[0]
    case = Case.objects.get(pk=result.case.pk)
    assert case.number == result.case.number and case.claims.count() == 1
    assert _pending_receipt(case) == (True, result.case.first_handler_id, True)
    assert result.case.worker.pk == case.worker_id and result.case.employer.pk == case.employer_id
    (message,) = WorkerMessage.objects.filter(case=case)
    registered = CaseEvent.objects.get(case=case, action="registered")
    assert (message.event_id, message.channel, message.recipient) == (registered.pk, "sms", case.worker.phone)
    assert query_code_matches(unseal_query_code(message.sealed["query_code"], max_age=None), case.query_code_hash)


def test_the_workers_message_costs_a_registration_no_statement_of_its_own(register, monkeypatch):
    """The message was a second INSERT after the statement (the notifications app's event hook): one round trip
    and one statement for PostgreSQL to parse and plan, in the busiest write."""
    register(seed=1)

    def statements(seed):
        with CaptureQueriesContext(connection) as ctx:
            register(seed=seed)
        return len(ctx.captured_queries)

    now = statements(2)
    # As before: the hook writes the message after the statement.
    monkeypatch.delitem(registry._fresh_case_rows, "notifications")
    before = statements(3)
    assert now == before - 1
    assert WorkerMessage.objects.count() == 3  # one for each registration, either way


@pytest.mark.parametrize("one_statement", [True, False], ids=["one statement", "orm"])
def test_a_year_past_ten_million_cases_gets_an_eight_digit_number(register, monkeypatch, one_statement):
    if not one_statement:
        monkeypatch.setattr(services.sqlbatch, "supported", lambda using="default": False)
    register(seed=1)
    Sequence.objects.filter(series="case").update(last=9_999_999)
    number = register(seed=2).case.number
    assert number == f"WF{number[2:6]}10000000"
    assert Case.objects.filter(number=number).exists()


def test_the_first_registration_of_a_year_creates_its_counter(register):
    Sequence.objects.filter(series="case").delete()
    case = register(seed=3).case
    assert case.number.endswith("0000001")
