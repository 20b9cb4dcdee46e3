"""Settings read from the environment: a value that is not what it must be stops start-up with its name."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_float, env_int


@pytest.mark.parametrize(("reader", "raw", "expected"), [(env_int, "42", 42), (env_float, "0.5", 0.5), (env_float, "2", 2.0)])
def test_a_set_value_is_read_as_its_kind(monkeypatch, reader, raw, expected):
    monkeypatch.setenv("OW_TEST_SETTING", raw)
    assert reader("OW_TEST_SETTING", 7) == expected


@pytest.mark.parametrize("raw", [None, ""])
def test_an_unset_or_empty_value_gives_the_default(monkeypatch, raw):
    monkeypatch.delenv("OW_TEST_SETTING", raising=False)
    if raw is not None:
        monkeypatch.setenv("OW_TEST_SETTING", raw)
    assert env_int("OW_TEST_SETTING", 7) == 7 and env_float("OW_TEST_SETTING", 1.5) == 1.5


@pytest.mark.parametrize(("reader", "raw", "kind"), [(env_int, "1.5", "an integer"), (env_float, "soon", "a number")])
def test_a_malformed_value_names_the_setting_and_what_it_must_be(monkeypatch, reader, raw, kind):
    monkeypatch.setenv("OW_TEST_SETTING", raw)
    with pytest.raises(ImproperlyConfigured, match=f"OW_TEST_SETTING must be {kind}, got '{raw}'"):
        reader("OW_TEST_SETTING", 7)
