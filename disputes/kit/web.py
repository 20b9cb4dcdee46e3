"""A track's staff pages: the workbench of a case, where each form posts to a view that calls ONE service.

    BENCH = Workbench("inspection:workbench", stash="inspection_form")

    @BENCH.post                                  # POST only, staff only, 404 outside the case's scope
    def visit(request, pk):
        form = VisitForm(request.POST, team=...)
        return BENCH.submit(request, pk, "visit", form, _("Visit recorded."), lambda d: services.visit_record(
            case_id=pk, actor=request.user, version=case_version(request), visited_on=d["visited_on"], ...))

submit validates the form, calls the service with the cleaned data, says so and redirects to the workbench (at
the form's anchor). Refused — by the form or by the service's DomainError — it says why, and keeps what was
typed and the errors per field in the session (core.refused_forms); the workbench's next GET builds that form
again from them (`BENCH.refused(request, pk)`, then `BENCH.form(refused, name, FormClass, ...)`), so nothing is
typed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.access import staff_of
from core.forms import PlainMessages, PlainMessagesMixin  # noqa: F401  (the kit's, for every track)
from core.errors import DomainError, NotFound, ValidationFailed
from core.refused_forms import Refused, keep_refused, take_refused

from . import doors as doors_
from . import inputs


def staff_required(view):
    """Signed in AND with a staff profile; a domain error becomes a message, a 404 stays a 404."""

    @login_required
    def wrapper(request, *args, **kwargs):
        try:
            request.profile = staff_of(request.user)
        except DomainError:
            raise DjangoPermissionDenied from None
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    wrapper.__name__ = view.__name__
    return wrapper


def through(**doors):
    """A staff page's write whose URL ids pass their doors first (disputes.kit.doors): an id outside the user's
    scope is a 404, as a missing one is, before the form is read or the service asked. Under staff_required."""

    def decorate(view):
        def wrapper(request, *args, **kwargs):
            try:
                doors_.require(request.user, doors, {name: kwargs[name] for name in doors})
            except NotFound:
                raise Http404 from None
            return view(request, *args, **kwargs)

        wrapper.__name__ = wrapper.__qualname__ = view.__name__
        return wrapper

    return decorate


def to_int(value, default=None):
    """A whole number from the query or the form, or `default` if there is none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def case_version(request) -> int:
    """The case version the page was built with (-1 if missing: the service refuses it as stale)."""
    return to_int(request.POST.get("version"), -1)


def flash_error(request, exc: DomainError) -> None:
    text = str(exc.message)
    details = [str(m) for msgs in exc.fields.values() if isinstance(msgs, list) for m in msgs if isinstance(m, str)]
    messages.error(request, " ".join([text, *details]))


class WorkbenchForm(PlainMessages):
    """A form of a workbench: its HTML ids carry the form's name, so many forms share one page."""

    def __init__(self, *args, name: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_{name}_%s")
        super().__init__(*args, **kwargs)
        self.name = name

    def field_for(self, key: str) -> str | None:
        """The field a service's error key belongs to (None: shown above the form)."""
        return key if key in self.fields else None


def row_labelled(field: forms.Field, row, row_label=_("Row %(n)s: %(field)s")) -> forms.Field:
    """A field in a table row under a column heading, named with its row for screen readers."""
    field.widget.attrs["aria-label"] = row_label % {"n": row, "field": field.label}
    return field


class TableRowForm(PlainMessages):
    """One row of a formset shown as a table under column headings: with no label beside them, its fields
    name their row for screen readers ("Claim 2: Amount")."""

    row_label = _("Row %(n)s: %(field)s")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = (self.prefix or "").rsplit("-", 1)[-1]
        if row.isdigit():
            for field in self.fields.values():
                row_labelled(field, int(row) + 1, self.row_label)


def _counter_text(limit: int) -> str:
    # {n} is replaced by static/js/counter.js as the user types.
    return gettext("%(n)s of %(max)s characters") % {"n": "{n}", "max": limit}


def _limit_text(limit: int) -> str:
    return gettext("At most %(max)s characters.") % {"max": limit}


class LongTextField(forms.CharField):
    """Long text typed in a box, with its limit stated under it and a live count as the user types
    (static/js/counter.js). The browser is given no maxlength, which would cut pasted text silently: over the
    limit the form refuses it with its message and the text comes back as typed. Line breaks count as one
    character, as the counter counts them (browsers send CR LF)."""

    def __init__(self, *, max_length: int, rows: int | None = None, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows} if rows else None))
        kwargs.setdefault("help_text", lazy(_limit_text, str)(max_length))
        super().__init__(max_length=max_length, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-max-chars"] = str(self.max_length)
        attrs["data-counter"] = lazy(_counter_text, str)(self.max_length)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class MoneyField(forms.DecimalField):
    """Yuan typed in a form, by the services' one money rule (disputes.kit.inputs.money): a third decimal is
    refused with a message, never rounded."""

    def __init__(self, *, allow_zero: bool = True, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        self.allow_zero = allow_zero
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return inputs.money(value, "amount", allow_zero=self.allow_zero)
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.fields["amount"], code="invalid") from None


def _field_for(form, key: str) -> str | None:
    if hasattr(form, "field_for"):
        return form.field_for(key)
    return key if key in getattr(form, "fields", {}) else None


def _invalid(form) -> ValidationFailed:
    """The form's own errors as a domain refusal, each message after its field's label."""
    fields = {}
    for key, errors in getattr(form, "errors", {}).items():
        label = form.fields[key].label if key in form.fields else ""
        fields[key] = [f"{label}：{e}" if label else str(e) for e in errors]
    return ValidationFailed(fields=fields)


@dataclass(frozen=True)
class Workbench:
    """The workbench page of one track: where its steps redirect, and where their refused forms are kept."""

    url_name: str  # the page, with the case's pk
    stash: str  # the session key of the refused form
    auto_id: str = "id_{name}_%s"  # the HTML ids of a form's fields

    def back(self, pk: int, anchor: str = ""):
        url = reverse(self.url_name, args=[pk])
        return redirect(f"{url}#{anchor}" if anchor else url)

    def post(self, view=None, *, door: doors_.Door = doors_.CASE):
        """A step's view: POST only, staff only, and the pk through its door (disputes.kit.doors) first: a 404
        for what the user may not see, as for a missing id.

        door: for a view whose pk is a row of the case (a session), that row's door; the case's id is given to
        the view as `case_id`."""

        def decorate(view):
            @require_POST
            @staff_required
            def wrapper(request, pk, *args, **kwargs):
                try:
                    case_id = door.case_id(request.user, pk)
                except NotFound:
                    raise Http404 from None
                if door is not doors_.CASE:
                    kwargs["case_id"] = case_id
                return view(request, pk, *args, **kwargs)

            wrapper.__name__ = wrapper.__qualname__ = view.__name__
            return wrapper

        return decorate(view) if view is not None else decorate

    def submit(self, request, pk: int, name: str, form, success, call: Callable[[dict], object], *,
               also=(), anchor: str = "", then=None, refused_to=None):
        """Validate `form` (and the forms in `also`, which are kept with it), call the service once, redirect.

        form: None for a step whose page builds no form again (the case page's buttons): the service reads the
        POST itself and a refusal is only said. success: the message; anchor: where on the workbench to land;
        then: another redirect on success (or a callable giving one, or None for the workbench); refused_to:
        another redirect on refusal."""
        checked = [f for f in (form, *also) if f is not None]
        if not all([f.is_valid() for f in checked]):  # every form, so each shows its errors
            self._refused(request, pk, name, form, _invalid(form))
            return refused_to or self.back(pk, anchor)
        try:
            call(form.cleaned_data if form is not None else {})
        except NotFound:
            raise
        except DomainError as exc:
            self._refused(request, pk, name, form, exc)
            return refused_to or self.back(pk, anchor)
        messages.success(request, success)
        if callable(then):
            then = then()
        return then or self.back(pk, anchor)

    def _refused(self, request, pk: int, name: str, form, exc: DomainError) -> None:
        """Say why, and keep what the user typed for the page the redirect shows."""
        flash_error(request, exc)
        if form is None:
            return
        # The redirect lands at the form, maybe far below the message: the form repeats what concerns it.
        fields = {NON_FIELD_ERRORS: [str(exc.message)]}
        own = getattr(form, "errors", {})
        for key, msgs in (exc.fields or {}).items():
            if not isinstance(msgs, list) or key in own:
                continue  # the form's own errors come back when the restored form is validated again
            target = _field_for(form, key) or NON_FIELD_ERRORS
            fields.setdefault(target, []).extend(str(m) for m in msgs)
        keep_refused(request, key=self.stash, case_id=pk, form=name, errors=fields)

    def refused(self, request, pk: int) -> Refused | None:
        """The form refused just before this page view, if it was this case's (taken once)."""
        return take_refused(request, key=self.stash, case_id=pk)

    def form(self, refused: Refused | None, name: str, cls, *, initial=None, **kwargs):
        """The form `name` as it was refused (its input and errors) if it is the one refused, else a fresh one."""
        kwargs.setdefault("auto_id", self.auto_id.format(name=name))
        if issubclass(cls, WorkbenchForm):
            kwargs["name"] = name
        if refused is None or refused.form != name:
            return cls(initial=initial, **kwargs)
        form = cls(data=refused.data, initial=initial, **kwargs)
        form.is_valid()
        if hasattr(form, "fields"):
            for key, msgs in refused.errors.items():
                form.add_error(key if key in form.fields else None, msgs)
        return form


# The case page's own steps (its buttons and small forms, which the page does not rebuild), for the case file and
# the tracks serving a step there (deadlines' extension, intake's reissued receipt).
CASE_PAGE = Workbench("disputes:case", stash="case_page_form")


def next_or(request, default: str):
    """A redirect to where the form asked to go back to (a path of this site only), else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)
