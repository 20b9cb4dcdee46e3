"""The process's copy of the reference tables (core.refdata): never a stale deadline after a change."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction

from core import refdata
from core.models import StatutoryParameter
from core.parameters import int_parameter
from deadlines.calendar import WorkCalendar
from deadlines.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

# A Monday in a year the migrations enter (2026); made a holiday by the tests below.
MONDAY = datetime.date(2026, 12, 7)


def test_the_calendar_is_read_from_the_database_once(django_assert_num_queries):
    WorkCalendar.load()
    with django_assert_num_queries(0):
        assert WorkCalendar.load().is_working_day(MONDAY)


def test_a_holiday_entered_in_this_transaction_counts_at_once_and_after_commit(django_capture_on_commit_callbacks):
    assert WorkCalendar.load().is_working_day(MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            CalendarDay.objects.create(date=MONDAY, kind=DayKind.HOLIDAY, name="test")
            assert not WorkCalendar.load().is_working_day(MONDAY)
    assert not WorkCalendar.load().is_working_day(MONDAY)


def test_a_change_rolled_back_is_not_kept_in_memory():
    assert WorkCalendar.load().is_working_day(MONDAY)
    with pytest.raises(RuntimeError), transaction.atomic():
        CalendarDay.objects.create(date=MONDAY, kind=DayKind.HOLIDAY, name="rolled back")
        assert not WorkCalendar.load().is_working_day(MONDAY)
        raise RuntimeError
    assert WorkCalendar.load().is_working_day(MONDAY)


def test_another_process_changing_the_rules_makes_this_one_reload(django_assert_num_queries):
    """What another web or Celery process does on commit: a new stamp in the shared cache."""
    assert int_parameter("collective_dispute_min_workers") == 10
    # Written without a signal, as a second process's row looks to this one...
    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=7)
    with django_assert_num_queries(0):
        assert int_parameter("collective_dispute_min_workers") == 10
    # ...until that process's commit stamps a new version.
    cache.set(refdata.VERSION_KEY, "stamped-by-another-process", timeout=None)
    assert int_parameter("collective_dispute_min_workers") == 7


def test_a_bulk_write_announced_with_reference_data_changed_is_seen():
    assert WorkCalendar.load().is_working_day(MONDAY)
    CalendarDay.objects.bulk_create([CalendarDay(date=MONDAY, kind=DayKind.HOLIDAY, name="bulk")])
    refdata.reference_data_changed()
    assert not WorkCalendar.load().is_working_day(MONDAY)


def test_a_lost_version_stamp_means_a_reload_not_a_guess():
    """A restarted or flushed Redis loses the stamp: the copy can no longer be trusted."""
    assert int_parameter("collective_dispute_min_workers") == 10
    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=4)
    cache.delete(refdata.VERSION_KEY)
    assert int_parameter("collective_dispute_min_workers") == 4


def test_a_missing_parameter_is_still_an_error_not_a_default():
    from django.core.exceptions import ImproperlyConfigured

    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").delete()
    with pytest.raises(ImproperlyConfigured):
        int_parameter("collective_dispute_min_workers")


def test_with_the_cache_down_the_tables_are_read_directly(monkeypatch):
    """Redis unavailable: slower, never stale, never a failed request."""

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    assert int_parameter("collective_dispute_min_workers") == 10
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "set", down)
    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=6)
    assert int_parameter("collective_dispute_min_workers") == 6
