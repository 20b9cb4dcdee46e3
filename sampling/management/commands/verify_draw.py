"""Replay random draws from their recorded seed and inputs: `manage.py verify_draw 12 13`, `--all`, or
`--file draw.json` for a record exported from the API (GET /api/v1/random-inspections/draws/<id>/) without
access to this database. Exits 1 if any check fails."""

import json

from django.core.management.base import BaseCommand, CommandError

from sampling import algorithm
from sampling.models import Draw
from sampling.verify import replay, verify


class Command(BaseCommand):
    help = "Replay random inspection draws from their seeds and check them against their records."

    def add_arguments(self, parser):
        parser.add_argument("draw_ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true", help="Every draw on record.")
        parser.add_argument("--file", help="A draw as the API gives it (JSON), checked without the database.")

    def handle(self, *args, draw_ids, all, file, **options):
        if file:
            return self._from_file(file)
        draws = Draw.objects.select_related("plan").order_by("pk")
        if not all:
            if not draw_ids:
                raise CommandError("name the draws to verify, or --all")
            draws = draws.filter(pk__in=draw_ids)
            missing = set(draw_ids) - set(draws.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no draw {sorted(missing)}")
        failed = 0
        for draw in draws:
            check = verify(draw)
            failed += not check.ok
            self.stdout.write(f"draw {draw.pk} ({draw.algorithm}, seed {draw.seed}): {'OK' if check.ok else 'FAILED'}")
            for c in check.checks:
                self.stdout.write(f"  {'ok ' if c.ok else 'BAD'} {c.name}{': ' + c.detail if c.detail and not c.ok else ''}")
        if failed:
            raise CommandError(f"{failed} draw(s) failed verification")

    def _from_file(self, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        checks = {
            "record_digest": algorithm.digest(data["record"]) == data["record_digest"],
            "result_digest": algorithm.digest(data["result"]) == data["result_digest"],
            "replay": replay(data["record"], data["seed"]) == data["result"],
        }
        for name, ok in checks.items():
            self.stdout.write(f"  {'ok ' if ok else 'BAD'} {name}")
        if not all(checks.values()):
            raise CommandError("the draw does not replay to its recorded result")
        self.stdout.write("OK")
