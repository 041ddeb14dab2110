"""An API fuzz: schemathesis generates requests from the service's own OpenAPI document and
sends them, with a valid API key, to the real app under uvicorn. No response may be a 5xx,
and every response must fit the documented schema. Auth is on, and the test checks that
the requests got past it (a fuzz that only ever meets 401 tests nothing).

One of schemathesis's checks is left out: positive_data_acceptance, which expects every
schema-valid body to be accepted; an article of white space or markup with no text fits
the schema and is rightly refused (422), and no JSON schema can say "has words".

schemathesis's pytest plugin does not run under this pytest, so its hypothesis strategies
drive a plain ``@given`` per operation.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from service.api.auth import new_key
from service.settings import get_settings
from tests.conftest import serve_in_thread


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    key, entry = new_key("fuzz", ("summaries", "batches", "admin"))
    service_settings = get_settings(
        data_dir=tmp_path, api_keys=[entry], rate_limit="100000/minute", max_text_chars=20_000
    )
    seen: Counter[tuple[str, int]] = Counter()
    with serve_in_thread(service_settings) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.label for op in operations} >= {"POST /v1/summaries", "GET /healthz"}
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
            def fuzz(case: schemathesis.Case) -> None:
                response = case.call(
                    base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30
                )
                seen[(case.operation.label, response.status_code)] += 1
                assert response.status_code < 500, (case.operation.label, response.text[:300])
                case.validate_response(response, excluded_checks=[positive_data_acceptance])

            fuzz()
    assert not any(status == 401 for (_, status) in seen), seen
    accepted = {label for (label, status) in seen if status < 300}
    assert "POST /v1/summaries" in accepted, seen
    assert sum(n for (label, _), n in seen.items() if label == "POST /v1/summaries") >= 20
