"""Make valid (checksummed) identifiers for demo data and tests. Not for real people."""

import random

from .validators import _CREDIT_CHARSET, credit_code_check_char, id_number_check_char

WEIFANG_DIVISION_PREFIXES = ("370702", "370703", "370704", "370705", "370724", "370725", "370781", "370782")


def make_id_number(rng: random.Random | None = None, *, birth_year: int | None = None) -> str:
    rng = rng or random.Random()
    area = rng.choice(WEIFANG_DIVISION_PREFIXES)
    year = birth_year or rng.randint(1965, 2004)
    body = f"{area}{year:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + id_number_check_char(body)


def make_credit_code(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    # 9 = registered with market regulation, 1 = enterprise; 370700 = Weifang.
    body = "91370700" + "".join(rng.choice(_CREDIT_CHARSET) for _ in range(9))
    return body + credit_code_check_char(body)
