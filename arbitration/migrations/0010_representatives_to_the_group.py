"""The workbench's representatives (name and phone typed on the arbitration file) become the collective
dispute's own records (disputes.Representative, on the lead), the one record of them: each is matched to a worker
of the group (same name and phone, or the only worker of that name) and recorded as that worker; one who matches
no worker of the group is kept by name and phone (the phone now encrypted at rest). Going back writes them onto
the files again."""

import re

from django.db import migrations
from django.db.models import Q


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def to_the_group(apps, schema_editor):
    Old = apps.get_model("arbitration", "CollectiveRepresentative")
    Case = apps.get_model("disputes", "Case")
    Representative = apps.get_model("disputes", "Representative")
    for old in Old.objects.select_related("file__case").order_by("id").iterator():
        case = old.file.case
        lead_id = case.lead_id or case.pk
        workers = [c.worker for c in Case.objects.filter(Q(pk=lead_id) | Q(lead_id=lead_id)).select_related("worker")]
        name, phone = old.name.strip(), old.phone.strip()
        same_name = [w for w in workers if w.name.strip() == name]
        exact = [w for w in same_name if _digits(w.phone) == _digits(phone)]
        worker = exact[0] if exact else same_name[0] if len(same_name) == 1 else None
        if worker is not None:
            Representative.objects.get_or_create(case_id=lead_id, worker=worker)
        elif not Representative.objects.filter(case_id=lead_id, worker__isnull=True, name=name).exists():
            Representative.objects.create(case_id=lead_id, worker=None, name=name, phone=phone)


def back_to_the_files(apps, schema_editor):
    Old = apps.get_model("arbitration", "CollectiveRepresentative")
    ArbitrationFile = apps.get_model("arbitration", "ArbitrationFile")
    Representative = apps.get_model("disputes", "Representative")
    files = {f.case_id: f for f in ArbitrationFile.objects.filter(
        case_id__in=Representative.objects.values("case_id"))}
    for rep in Representative.objects.select_related("worker").order_by("id").iterator():
        file = files.get(rep.case_id)
        if file is None:
            continue  # a group's representatives recorded on its case page only: the files never held them
        Old.objects.create(file=file, name=rep.worker.name if rep.worker_id else rep.name,
                           phone=rep.worker.phone if rep.worker_id else rep.phone)


class Migration(migrations.Migration):

    dependencies = [
        ("arbitration", "0009_verbose_names"),
        ("disputes", "0023_representative_by_name"),
    ]

    operations = [
        migrations.RunPython(to_the_group, back_to_the_files),
        migrations.DeleteModel(name="CollectiveRepresentative"),
    ]
