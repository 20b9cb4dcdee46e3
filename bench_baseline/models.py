from django.db import models


class BaselineRow(models.Model):
    """One row per baseline request: the same insert-and-commit a registration pays for, and nothing else."""

    payload = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
