"""A client written only from the published schema finds no server error and no answer that breaks the schema.

schemathesis generates requests for every operation of /api/schema/ (valid and invalid bodies, query
parameters, ids) and checks each answer: never a 5xx, a documented status, a documented content type, a body
matching the documented schema. It runs as two roles of different organisations (a window clerk and an
arbitrator) on data in several stages; half of the generated ids are turned into ids of real objects of the
kind the path names, so answers about real records are checked too, not only 404s.

The number of examples per operation is FUZZ_EXAMPLES (a few by default, so `make test` stays short on SQLite;
CI sets more, bounded to a few minutes).
"""

import os
import re

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

from tests.api.schema_data import real_ids_by_segment, stage_cases

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """schemathesis calls the WSGI application itself, not through Django's test client, so the handlers that
    close a request's database connection would close the test's own (inside its transaction) after the first
    answer: detach them for the run, as the test client does for each of its requests."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


def _real_id(path: str, name: str, generated, ids: dict):
    """A real id for the path parameter `name`, chosen by the generated value (so the run is reproducible)."""
    if not isinstance(generated, int) or generated % 2:
        return generated
    segments = [s for s in path.strip("/").split("/")]
    placeholder = "{" + name + "}"
    position = segments.index(placeholder)
    kind = "recusals" if name == "rid" else segments[position - 1]
    choices = ids.get(kind) or []
    return choices[generated // 2 % len(choices)] if choices else generated


def _summary(exc: BaseException) -> str:
    """The failed checks' messages, without schemathesis' long rendering of the whole response."""
    parts = getattr(exc, "exceptions", None) or [exc]
    return " | ".join(re.sub(r"\s+", " ", str(part))[:600] for part in parts)


@pytest.mark.parametrize("role", ["clerk", "arbitrator"])
def test_fuzzed_requests_find_no_server_error_and_no_schema_mismatch(people, orgs, division, role):
    stage_cases(people, orgs, division)
    ids = real_ids_by_segment()
    token = Token.objects.get_or_create(user=people[role])[0].key
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    failures: dict[str, str] = {}

    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
            phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
        )
        @given(operation.as_strategy())
        def run(case):
            for name, value in (case.path_parameters or {}).items():
                case.path_parameters[name] = _real_id(operation.path, name, value, ids)
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            # A failed check (several come as one group): collected, so one run reports every operation.
            except (AssertionError, BaseExceptionGroup) as exc:
                failures.setdefault(
                    f"{operation.method.upper()} {operation.path}", f"{_summary(exc)} ({case.as_curl_command()})"
                )

        run()

    assert not failures, "\n\n".join(f"{op}: {message}" for op, message in sorted(failures.items()))
