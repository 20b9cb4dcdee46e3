"""The official holiday calendars of 2024-2026 (State Council General Office notices), frozen as data.

Generated once from the `holidays` package (CN) and checked against statutory-rules.md section 1 for 2026
(make-up working days 4 Jan, 14 Feb, 28 Feb, 9 May, 20 Sep, 10 Oct). Only weekdays off and weekend days worked
are rows: ordinary weekends need none. Later years are entered by an administrator (admin or
`manage.py import_calendar`), never computed."""

from django.db import migrations

SOURCES = {
    2024: "国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号)",
    2025: "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)",
    2026: "国务院办公厅关于2026年部分节假日安排的通知",
}
HOLIDAYS = [
    ("2024-01-01", "New Year's Day"),
    ("2024-02-12", 'Chinese New Year (Spring Festival)'),
    ("2024-02-13", 'Chinese New Year (Spring Festival) (observed)'),
    ("2024-02-14", 'Chinese New Year (Spring Festival) (observed)'),
    ("2024-02-15", 'Day off (substituted from 02/04/2024)'),
    ("2024-02-16", 'Day off (substituted from 02/18/2024)'),
    ("2024-04-04", 'Tomb-Sweeping Day'),
    ("2024-04-05", 'Day off (substituted from 04/07/2024)'),
    ("2024-05-01", 'Labor Day'),
    ("2024-05-02", 'Day off (substituted from 04/28/2024)'),
    ("2024-05-03", 'Day off (substituted from 05/11/2024)'),
    ("2024-06-10", 'Dragon Boat Festival'),
    ("2024-09-16", 'Day off (substituted from 09/14/2024)'),
    ("2024-09-17", 'Mid-Autumn Festival'),
    ("2024-10-01", 'National Day'),
    ("2024-10-02", 'National Day'),
    ("2024-10-03", 'National Day'),
    ("2024-10-04", 'Day off (substituted from 09/29/2024)'),
    ("2024-10-07", 'Day off (substituted from 10/12/2024)'),
    ("2025-01-01", "New Year's Day"),
    ("2025-01-28", "Chinese New Year's Eve"),
    ("2025-01-29", 'Chinese New Year (Spring Festival)'),
    ("2025-01-30", 'Chinese New Year (Spring Festival)'),
    ("2025-01-31", 'Chinese New Year (Spring Festival)'),
    ("2025-02-03", 'Day off (substituted from 01/26/2025)'),
    ("2025-02-04", 'Day off (substituted from 02/08/2025)'),
    ("2025-04-04", 'Tomb-Sweeping Day'),
    ("2025-05-01", 'Labor Day'),
    ("2025-05-02", 'Labor Day'),
    ("2025-05-05", 'Day off (substituted from 04/27/2025)'),
    ("2025-06-02", 'Dragon Boat Festival (observed)'),
    ("2025-10-01", 'National Day'),
    ("2025-10-02", 'National Day'),
    ("2025-10-03", 'National Day'),
    ("2025-10-06", 'Mid-Autumn Festival'),
    ("2025-10-07", 'Day off (substituted from 09/28/2025)'),
    ("2025-10-08", 'Day off (substituted from 10/11/2025)'),
    ("2026-01-01", "New Year's Day"),
    ("2026-01-02", 'Day off (substituted from 01/04/2026)'),
    ("2026-02-16", "Chinese New Year's Eve"),
    ("2026-02-17", 'Chinese New Year (Spring Festival)'),
    ("2026-02-18", 'Chinese New Year (Spring Festival)'),
    ("2026-02-19", 'Chinese New Year (Spring Festival)'),
    ("2026-02-20", 'Day off (substituted from 02/14/2026)'),
    ("2026-02-23", 'Day off (substituted from 02/28/2026)'),
    ("2026-04-06", 'Tomb-Sweeping Day (observed)'),
    ("2026-05-01", 'Labor Day'),
    ("2026-05-04", 'Labor Day (observed)'),
    ("2026-05-05", 'Day off (substituted from 05/09/2026)'),
    ("2026-06-19", 'Dragon Boat Festival'),
    ("2026-09-25", 'Mid-Autumn Festival'),
    ("2026-10-01", 'National Day'),
    ("2026-10-02", 'National Day'),
    ("2026-10-05", 'National Day (observed)'),
    ("2026-10-06", 'Day off (substituted from 09/20/2026)'),
    ("2026-10-07", 'Day off (substituted from 10/10/2026)'),
]
WORKDAYS = [
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
]


def forward(apps, schema_editor):
    CalendarYear = apps.get_model("deadlines", "CalendarYear")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    for year, source in SOURCES.items():
        CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    for date, name in HOLIDAYS:
        CalendarDay.objects.update_or_create(date=date, defaults={"kind": "holiday", "name": name})
    for date in WORKDAYS:
        CalendarDay.objects.update_or_create(date=date, defaults={"kind": "workday", "name": "make-up working day"})


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
