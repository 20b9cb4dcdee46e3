"""The working-day calendar and the deadline rules are administrators' data; clocks are only shown.

A year's calendar is entered day by day (CalendarDay) and then declared complete (CalendarYear): only then
are deadlines in that year computed, and the clocks that were waiting for it get their dates.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.forms import PlainModelMessages

from .models import CalendarDay, CalendarYear, Clock, ClockState, DayKind, DeadlineRule
from .services import clocks_recompute_for_year


def _after_calendar_change(request, year: int) -> None:
    """Date the clocks waiting for this year and re-date the running ones that fall in it; say how many."""
    updated = clocks_recompute_for_year(year)
    messages.info(
        request,
        ngettext(
            "%(count)d clock of the %(year)d calendar now has its due date.",
            "%(count)d clocks of the %(year)d calendar now have their due dates.",
            updated,
        ) % {"count": updated, "year": year},
    )


class CalendarYearForm(PlainModelMessages):
    # A year a date can be in: a larger number would reach the database's date functions and fail there.
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=1900, max_value=9998)

    class Meta:
        model = CalendarYear
        fields = ("year", "source")

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year") or (self.instance.year if self.instance.pk else None)
        if year and not CalendarDay.objects.filter(date__year=year, kind=DayKind.HOLIDAY).exists():
            # Saving the year makes its deadlines computable at once: with no days entered they would all be
            # computed on plain weekends, and entering the days afterwards would not correct them.
            raise forms.ValidationError(
                _("Enter the days off and make-up working days of %(year)d (calendar days) before the year itself.")
                % {"year": year}
            )
        return cleaned


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    form = CalendarYearForm
    list_display = ("year", "source", "days", "entered_at")
    readonly_fields = ("entered_at",)

    def get_queryset(self, request):
        days = (
            CalendarDay.objects.annotate(y=ExtractYear("date")).filter(y=OuterRef("year"))
            .values("y").annotate(n=Count("pk")).values("n")
        )
        return super().get_queryset(request).annotate(day_count=Subquery(days, output_field=IntegerField()))

    @admin.display(description=gettext_lazy("exceptional days"))
    def days(self, obj):
        return obj.day_count or 0

    def get_readonly_fields(self, request, obj=None):
        # The year is the primary key: editing it in place would create a second row, not rename this one.
        return ("year", "entered_at") if obj else ("entered_at",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _after_calendar_change(request, obj.year)


class YearFilter(admin.SimpleListFilter):
    title = gettext_lazy("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


class CalendarDayForm(PlainModelMessages):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "name")

    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("kind")
        # Only exceptions are rows: a weekday off, or a weekend day worked (the same rule as import_calendar).
        if day and kind == DayKind.WORKDAY and day.weekday() < 5:
            self.add_error("kind", _("Only a Saturday or Sunday can be a make-up working day."))
        if day and kind == DayKind.HOLIDAY and day.weekday() >= 5:
            self.add_error("kind", _("A Saturday or Sunday is already a rest day: list only weekdays off."))
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    form = CalendarDayForm
    list_display = ("date", "weekday", "kind", "name")
    list_filter = (YearFilter, "kind")
    date_hierarchy = "date"
    search_fields = ("name",)

    @admin.display(description=gettext_lazy("weekday"), ordering="date")
    def weekday(self, obj):
        return date_format(obj.date, "l")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if CalendarYear.objects.filter(year=obj.date.year).exists():
            _after_calendar_change(request, obj.date.year)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "length", "unit", "extension_length", "source", "confidence", "is_active")
    list_filter = ("track", "unit", "confidence", "is_active")
    search_fields = ("code", "name", "source")
    fieldsets = (
        (None, {"fields": ("code", "name", "track", "is_active", "show_to_worker")}),
        (gettext_lazy("Length"), {"fields": ("length", "unit", "extension_length", "extension_role", "remind_before")}),
        (gettext_lazy("Case events"), {"fields": ("start_on", "satisfy_on", "pause_on", "resume_on", "restart_on")}),
        (gettext_lazy("Legal source"), {"fields": ("source", "confidence", "notes")}),
    )


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    """Clocks change only through case events and services; the admin shows them."""

    list_display = ("case", "rule", "state", "due_on", "missing_year", "owner_org")
    list_filter = ("state", "rule", "missing_year")
    list_select_related = ("case", "rule", "owner_org")
    show_full_result_count = False
    search_fields = ("case__number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
