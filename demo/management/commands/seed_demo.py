"""`manage.py seed_demo`: Weifang demo organisations, logins and cases (the data lives in demo.data)."""

import logging
import time
import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.data import DEMO_PASSWORD, seed_demo
from core.models import Organization, Role


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@contextmanager
def _quiet_eager_tasks():
    """Eager Celery logs every notification task it runs: a thousand lines that would bury the logins."""
    logger = logging.getLogger("celery.app.trace")
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)


class Command(BaseCommand):
    help = "Create Weifang demo organisations, one login per role and demo cases (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300, help="How many cases to create (default 300).")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for the same data every time.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any organisation exists.")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, cases, seed, if_empty, force, **options):
        if not settings.DEBUG and not force:
            # Demo logins share a published password: never create them on a real deployment by accident.
            raise CommandError(_("Demo data is for development: DEBUG is off. Use --force if you really mean it."))
        if cases < 0:
            raise CommandError(_("--cases cannot be negative."))
        if if_empty and Organization.objects.exists():
            self.stdout.write(_("Organisations already exist: demo data not loaded."))
            return
        started = time.monotonic()
        with _quiet_eager_tasks():
            result = seed_demo(cases=cases, seed=seed)
        elapsed = time.monotonic() - started

        self.stdout.write(
            _("Created %(orgs)d organisations and %(cases)d cases in %(seconds).1f s.")
            % {"orgs": result.organizations, "cases": sum(result.states.values()), "seconds": elapsed}
        )
        if result.collective_cases:
            self.stdout.write(
                _("%(n)d cases are flagged as collective disputes.") % {"n": result.collective_cases}
            )
        for state, count in sorted(result.states.items()):
            self.stdout.write(f"  {state:<20} {count:>5}")

        rows = [(_("Username"), _("Full name"), _("Role"), _("Organisation"))]
        rows += [(spec.username, spec.full_name, str(Role(spec.role).label), org.name) for spec, org in result.users]
        widths = [max(_width(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(_("Demo logins (password for all: %(password)s)") % {"password": DEMO_PASSWORD})
        for row in rows:
            self.stdout.write("  " + "  ".join(_pad(cell, w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
