"""Checks a restored copy of the database and the documents' store (docs/deployment.md, "Restore drill").

Run on the copy, never on the live system (it signs a handler in and reads a case, which is audited):

    manage.py restore_check --write-counts - > counts.json      # at backup time, on the source
    manage.py restore_check --expect-counts counts.json --page  # on the restored copy

The counts are taken just before the dump: on a live system a few rows may be written or removed in between,
which --tolerance allows per table (they are still listed).

Fails (exit status 1, what is wrong on standard error) when a migration is not applied, a table's row count
differs from the one written at backup time, a document's file is missing from the store or its SHA-256 is not
the one recorded, or the newest case's page does not render for its handler.
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def project_models():
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if root in path.parents and ".venv" not in path.parts:
            yield from (m for m in config.get_models() if not m._meta.proxy and m._meta.managed)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in project_models()}


class Command(BaseCommand):
    help = "Check a restored database and document store: migrations, row counts, documents, a case page."

    def add_arguments(self, parser):
        parser.add_argument("--write-counts", metavar="FILE",
                            help="write every table's row count as JSON (at backup time; - for standard output)")
        parser.add_argument("--expect-counts", metavar="FILE", help="compare the row counts with this file")
        parser.add_argument("--tolerance", type=int, default=0,
                            help="rows a table may differ by (written between the counts and the dump; default 0)")
        parser.add_argument("--documents", type=int, default=200,
                            help="check the files of this many newest documents (0: none; default 200)")
        parser.add_argument("--page", action="store_true", help="render the newest case's page for its handler")

    def handle(self, *args, **options):
        counts = row_counts()
        if options["write_counts"]:
            text = json.dumps(counts, indent=1, sort_keys=True)
            if options["write_counts"] == "-":
                self.stdout.write(text)
            else:
                Path(options["write_counts"]).write_text(text)
                self.stdout.write(f"{len(counts)} tables, {sum(counts.values())} rows written to {options['write_counts']}")
            return
        problems = self.migrations()
        if options["expect_counts"]:
            expected = json.loads(Path(options["expect_counts"]).read_text())
            for label, n in sorted(expected.items()):
                found = counts.get(label)
                if found == n:
                    continue
                line = f"{label}: {found} rows, {n} at backup time"
                if found is not None and abs(found - n) <= options["tolerance"]:
                    self.stdout.write(f"{line} (within the tolerance)")
                else:
                    problems.append(line)
        problems += self.documents(options["documents"])
        if options["page"]:
            problems += self.case_page()
        if problems:
            raise CommandError("restore check failed:\n" + "\n".join(problems))
        self.stdout.write(f"restore check passed: {len(counts)} tables, {sum(counts.values())} rows")

    def migrations(self) -> list[str]:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"migration not applied: {migration.app_label}.{migration.name}" for migration, _ in plan]

    def documents(self, limit: int) -> list[str]:
        from disputes.models import Document

        problems = []
        for document in Document.objects.order_by("-pk")[:limit]:
            try:
                with document.file.open("rb") as stored:
                    digest = hashlib.sha256(stored.read()).hexdigest()
            except (OSError, ValueError) as exc:
                problems.append(f"document {document.pk} ({document.file.name}): {exc}")
                continue
            if digest != document.sha256:
                problems.append(f"document {document.pk} ({document.file.name}): SHA-256 differs from the record")
        return problems

    def case_page(self) -> list[str]:
        from django.test import Client
        from django.urls import reverse

        from core.second_factor import second_factor_required
        from disputes.models import Case

        for case in Case.objects.select_related("first_handler").order_by("-pk")[:50]:
            user = case.first_handler
            if user is None or not user.is_active or second_factor_required(user):
                continue
            client = Client()
            client.force_login(user)
            host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost").lstrip(".")
            response = client.get(reverse("disputes:case", args=[case.pk]), secure=True, HTTP_HOST=host)
            client.logout()
            if response.status_code != 200 or case.number not in response.content.decode(errors="replace"):
                return [f"case {case.number}: its page answered {response.status_code}"]
            self.stdout.write(f"case {case.number}: page rendered for its handler")
            return []
        return ["no case with an active handler signing in by password alone, to render a page for"]
