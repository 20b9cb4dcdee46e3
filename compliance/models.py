"""The rules that grade an employer's compliance (劳动保障守法诚信等级), kept as data with their source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    A = "A", _("A: law-abiding")
    B = "B", _("B: basically law-abiding")
    C = "C", _("C: not law-abiding")


class Fact(models.TextChoices):
    INVESTIGATED = "investigated", _("investigated and dealt with for a violation (an order to correct or a penalty)")
    NOT_COMPLIED = "not_complied", _("did not carry out an order, handling decision or penalty by its deadline")


class CreditRule(models.Model):
    """"An employer is graded `grade` when at least `min_cases` of its cases carry `fact` within the last
    `lookback_days`." The worst grade whose rule holds is the employer's; none holds: A."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    grade = models.CharField(_("grade"), max_length=1, choices=[(Grade.B, Grade.B.label), (Grade.C, Grade.C.label)])
    fact = models.CharField(_("what is counted"), max_length=32, choices=Fact.choices)
    min_cases = models.PositiveSmallIntegerField(_("at least this many cases"))
    lookback_days = models.PositiveIntegerField(_("within the last days"))
    description = models.CharField(_("rule"), max_length=300)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("checked against the official text"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["grade", "code"]
        verbose_name = _("credit grading rule")
        verbose_name_plural = _("credit grading rules")

    def __str__(self):
        return f"{self.grade}: {self.description}"
