"""`manage.py import_calendar FILE --year YYYY --source "..."`: enter a year's official holiday notice.

The whole file is checked before anything is written, then the year's days, the CalendarYear row and the
clocks that were waiting for the year change in one transaction: a half-imported year would be a calendar
that answers, wrongly.
"""

import datetime
import re
from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.db import transaction
from django.utils.translation import gettext as _

from core.refdata import reference_data_changed
from deadlines.models import CalendarDay, CalendarYear, DayKind
from deadlines.services import clocks_recompute_for_year

HELP = """Import a year's official holiday calendar (the State Council General Office notice).

FILE is UTF-8 text, one exceptional date per line: the date, its kind, and an optional name.
  2027-01-01 holiday 元旦
  2027-02-06 workday 春节调休
"holiday" is a weekday off (a public holiday or a rest day moved by 调休); "workday" is a Saturday or
Sunday worked (调休上班). Ordinary weekends need no line. Blank lines and lines starting with # are ignored.
Every line is checked first (date in --year, kind, weekday, no duplicates); on any error nothing is
written. Otherwise the year's days are replaced, the year is marked entered with --source, and the
clocks that were waiting for this year's calendar get their due dates."""

class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    pass


LINE = re.compile(r"^(?P<date>\S+)\s+(?P<kind>\S+)(?:\s+(?P<name>.*\S))?\s*$")


def parse_calendar(text: str, year: int) -> list[tuple[datetime.date, str, str]]:
    """The file's rows, or CommandError listing every bad line by number."""
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            errors.append(_("line %(line)d: expected \"DATE KIND [NAME]\", got %(text)r") % {"line": number, "text": line})
            continue
        try:
            day = datetime.date.fromisoformat(match["date"])
        except ValueError:
            errors.append(_("line %(line)d: %(date)r is not a date (YYYY-MM-DD)") % {"line": number, "date": match["date"]})
            continue
        kind, name = match["kind"].lower(), match["name"] or ""
        if day.year != year:
            errors.append(_("line %(line)d: %(date)s is not in %(year)d") % {"line": number, "date": day, "year": year})
        if kind not in DayKind.values:
            errors.append(_("line %(line)d: kind must be \"holiday\" or \"workday\", got %(kind)r") % {"line": number, "kind": match["kind"]})
        elif kind == DayKind.WORKDAY and day.weekday() < 5:
            errors.append(_("line %(line)d: %(date)s is a weekday; only a Saturday or Sunday can be a make-up working day") % {"line": number, "date": day})
        elif kind == DayKind.HOLIDAY and day.weekday() >= 5:
            errors.append(_("line %(line)d: %(date)s is a Saturday or Sunday, already a rest day; list only weekdays off") % {"line": number, "date": day})
        if len(name) > CalendarDay._meta.get_field("name").max_length:
            errors.append(_("line %(line)d: the name is too long") % {"line": number})
        if day in seen:
            errors.append(_("line %(line)d: %(date)s is already on line %(first)d") % {"line": number, "date": day, "first": seen[day]})
        else:
            seen[day] = number
        rows.append((day, kind, name))
    if errors:
        raise CommandError("\n".join(errors))
    if not rows:
        # An empty notice would mark the year as entered with no holidays at all: certainly a wrong file.
        raise CommandError(_("The file lists no dates."))
    return rows


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Keep the help's line breaks: the file format is shown as an example.
        return super().create_parser(prog_name, subcommand, formatter_class=_HelpFormatter, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="The calendar file (UTF-8, one date per line).")
        parser.add_argument("--year", type=int, required=True, help="The year the notice is for.")
        parser.add_argument(
            "--source", required=True,
            help='The official notice, e.g. "国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕N号)".',
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")

    def handle(self, *args, file, year, source, dry_run, **options):
        source = source.strip()
        if not source:
            raise CommandError(_("Name the official notice with --source."))
        if len(source) > CalendarYear._meta.get_field("source").max_length:
            raise CommandError(_("--source is too long."))
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(_("No such file: %(file)s") % {"file": file}) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(_("Cannot read %(file)s as UTF-8 text: %(error)s") % {"file": file, "error": exc}) from None
        rows = parse_calendar(text, year)
        holidays = sum(1 for _day, kind, _name in rows if kind == DayKind.HOLIDAY)
        if dry_run:
            self.stdout.write(
                _("%(year)d: %(days)d dates are valid (%(holidays)d days off, %(workdays)d make-up working days); nothing written.")
                % {"year": year, "days": len(rows), "holidays": holidays, "workdays": len(rows) - holidays}
            )
            return
        with transaction.atomic():
            CalendarDay.objects.filter(date__year=year).delete()
            CalendarDay.objects.bulk_create([CalendarDay(date=day, kind=kind, name=name) for day, kind, name in rows])
            reference_data_changed()  # bulk_create sends no signal; every process must reload the calendar
            CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
            clocks = clocks_recompute_for_year(year)
        self.stdout.write(
            _("%(year)d: %(days)d dates imported (%(holidays)d days off, %(workdays)d make-up working days); %(clocks)d clocks of the year (re)dated.")
            % {"year": year, "days": len(rows), "holidays": holidays, "workdays": len(rows) - holidays, "clocks": clocks}
        )
