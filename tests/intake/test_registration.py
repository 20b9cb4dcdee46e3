"""Registering a complaint at the window: validation, duplicates, collective disputes, evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ValidationFailed
from core.identifiers import make_credit_code, make_id_number
from core.rows import statement_text
from core.validators import credit_code_check_char, id_number_check_char
from disputes.models import Case, CaseEvent, Claim, Employer, Evidence, Worker
from intake.services import PossibleDuplicate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def test_known_identifiers_pass_their_check_digits():
    # Published GB 11643 and GB 32100 examples.
    assert id_number_check_char("11010519491231002") == "X"
    assert credit_code_check_char("91350100M000100Y4") == "3"


def test_registration_creates_one_case_with_its_claims_and_event(register, people):
    result = register()
    case = result.case
    assert case.number.startswith("WF")
    assert len(result.query_code) == 8
    assert case.status == "registered"
    assert list(case.claims.values_list("type", "amount")) == [("wages", __import__("decimal").Decimal("8600.00"))]
    assert CaseEvent.objects.filter(case=case, action="registered", is_public=True).count() == 1
    # The code itself is not stored, only its HMAC.
    assert result.query_code not in case.query_code_hash


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"id_number": "370702199001011235"}, "worker_id_number"),
        ({"id_number": "37070219900230123X"}, "worker_id_number"),
        ({"credit_code": "91370700MA3C4XYZ1O"}, "employer_credit_code"),
        ({"credit_code": "91350100M000100Y40"[:17] + "5"}, "employer_credit_code"),
        ({"worker_name": ""}, "worker_name"),
        ({"facts": "  "}, "facts"),
        ({"facts": "欠" * 5001}, "facts"),  # the one limit (disputes.kit.inputs.FACTS_MAX), whoever calls
        ({"claims": []}, "claims"),
        ({"claims": [{"type": "wages", "amount": ""}]}, "claims"),
        ({"claims": [{"type": "wages", "amount": "-5"}]}, "claims"),
        ({"claims": [{"type": "bogus", "amount": "5"}]}, "claims"),
        ({"worker_phone": "12"}, "worker_phone"),
        ({"division_id": 999999}, "division"),
        ({"worker_occupation": "astronaut"}, "worker_occupation"),
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_leaves_nothing(register, overrides, field):
    with pytest.raises(ValidationFailed) as exc:
        register(**overrides)
    assert field in exc.value.fields
    assert Case.objects.count() == 0 and Claim.objects.count() == 0
    assert Worker.objects.count() == 0 and Employer.objects.count() == 0


def test_all_mistakes_are_reported_at_once(register):
    with pytest.raises(ValidationFailed) as exc:
        register(id_number="123", credit_code="abc", worker_name="", claims=[])
    assert {"worker_id_number", "employer_credit_code", "worker_name", "claims"} <= set(exc.value.fields)


def test_an_open_case_for_the_same_pair_is_shown_before_a_duplicate_is_made(register):
    first = register(seed=1).case
    with pytest.raises(PossibleDuplicate) as exc:
        register(seed=1)
    assert [c.pk for c in exc.value.cases] == [first.pk]
    assert Case.objects.count() == 1
    # The clerk may still register anew deliberately.
    assert register(seed=1, force_new=True).case.pk != first.pk


def test_linking_adds_the_complaint_to_the_open_case(register, people, division):
    from intake.services import complaint_register
    from tests.conftest import complaint_input

    first = register(seed=2).case
    result = complaint_register(
        actor=people["clerk2"],
        data=complaint_input(division, seed=2, claims=[{"type": "overtime", "amount": "1200"}]),
        link_to_case_id=first.pk,
    )
    assert result.linked and result.case.pk == first.pk and result.query_code is None
    assert Case.objects.count() == 1
    assert sorted(first.claims.values_list("type", flat=True)) == ["overtime", "wages"]
    assert CaseEvent.objects.filter(case=first, action="complaint_linked").exists()


def test_ten_workers_against_one_employer_make_a_collective_dispute(register):
    credit = make_credit_code()
    results = [register(seed=100 + i, credit_code=credit) for i in range(10)]
    assert not results[8].collective
    assert results[9].collective
    assert Case.objects.filter(employer__credit_code=credit, is_collective=True).count() == 10
    assert CaseEvent.objects.filter(action="collective_flagged").count() == 10
    # The eleventh is flagged at once, the earlier ones are not flagged twice.
    register(seed=200, credit_code=credit)
    assert CaseEvent.objects.filter(action="collective_flagged").count() == 11


def test_the_collective_threshold_is_data_an_administrator_can_change(register):
    from core.models import StatutoryParameter

    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=3)
    credit = make_credit_code()
    assert [register(seed=300 + i, credit_code=credit).collective for i in range(3)] == [False, False, True]


def test_evidence_is_stored_with_its_hash(register):
    files = [SimpleUploadedFile("合同.pdf", PDF), SimpleUploadedFile("工资条.png", PNG)]
    case = register(files=files).case
    ev = list(Evidence.objects.filter(case=case).order_by("id"))
    assert [e.original_name for e in ev] == ["合同.pdf", "工资条.png"]
    assert [e.content_type for e in ev] == ["application/pdf", "image/png"]
    assert ev[0].file.read() == PDF


@pytest.mark.parametrize(
    "name,content",
    [("证据.pdf", EXE), ("照片.pdf", PNG), ("notes.txt", b"hello world"), ("空.pdf", b"")],
)
def test_disguised_or_unknown_files_are_refused_and_no_case_is_left(register, name, content):
    with pytest.raises(ValidationFailed) as exc:
        register(files=[SimpleUploadedFile(name, content)])
    assert name in " ".join(exc.value.fields["evidence"])
    assert Case.objects.count() == 0 and Evidence.objects.count() == 0


def test_oversized_files_are_refused(register, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationFailed):
        register(files=[SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)])
    assert Case.objects.count() == 0


def test_generated_identifiers_are_valid():
    from core.validators import validate_credit_code, validate_id_number

    for _ in range(50):
        validate_id_number(make_id_number())
        validate_credit_code(make_credit_code())


def test_registration_costs_the_same_queries_whatever_is_already_registered(register):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(seed):
        with CaptureQueriesContext(connection) as ctx:
            register(seed=seed)
        return len(ctx.captured_queries)

    register(seed=999)  # the year's case-number sequence row is created once, by the first registration
    first = queries(1000)
    for i in range(30):
        register(seed=2000 + i)
    assert queries(1001) == first


def test_a_registration_reads_the_reference_tables_from_memory(register, django_assert_max_num_queries):
    """Calendar, deadline rules, parameters and divisions come from the process's copy (core.refdata): what is
    left is the parties, the case, its event and claims, the collective count and the number, and the worker's
    text message (its outbox row; the sealed code comes with the event, not read back from the pending receipt)."""
    register(seed=3000)  # loads the reference tables and creates the year's number sequence
    with django_assert_max_num_queries(12) as ctx:
        register(seed=3001)
    tables = " ".join(statement_text(q["sql"]) for q in ctx.captured_queries)
    assert 'FROM "intake_pendingreceipt"' not in tables
    for table in ("deadlines_calendarday", "deadlines_deadlinerule", "core_statutoryparameter", "core_division"):
        assert table not in tables


def test_a_known_employer_named_again_unchanged_is_not_rewritten(register):
    """Rewriting an unchanged row would lock it until commit and queue every other window naming it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    credit = make_credit_code()
    register(seed=4000, credit_code=credit)
    with CaptureQueriesContext(connection) as ctx:
        register(seed=4001, credit_code=credit)
    assert not [q for q in map(statement_text, (q["sql"] for q in ctx.captured_queries)) if q.startswith('UPDATE "disputes_employer"')]


def test_a_known_employer_with_a_new_address_is_updated(register):
    credit = make_credit_code()
    register(seed=4100, credit_code=credit)
    register(seed=4101, credit_code=credit, employer_address="潍坊市奎文区东风东街8号")
    assert Employer.objects.get(credit_code=credit).address == "潍坊市奎文区东风东街8号"
    assert Employer.objects.filter(credit_code=credit).count() == 1


def test_a_worker_registered_meanwhile_by_another_window_is_updated_not_duplicated(register, division):
    """Two windows registering the same new worker at once: the second insert meets the first's row."""
    from intake.services import _party_rows, _upsert_parties
    from tests.conftest import complaint_input

    first = register(seed=4200).case.worker
    # What the second window saw before the first committed: nobody on file.
    data = complaint_input(division, seed=4201, id_number=first.id_number, worker_phone="13900139000")
    worker, _employer = _upsert_parties(_party_rows(data), known=(None, None))
    assert worker.pk == first.pk
    assert Worker.objects.get(pk=first.pk).phone == "13900139000"
    assert Worker.objects.filter(id_number_index=Worker.id_number_digest(first.id_number)).count() == 1
