"""How a track plugs into the case file: the one extension mechanism of `disputes/`.

The case file (`disputes/`) and the kernel (`core/`) import no track. A track (arbitration, hearings,
inspection, mediation, legal aid, intake; also `deadlines` and `documents`, which sit above the case file the
same way) tells the case file what it needs from it by calling the functions below from its
`AppConfig.ready()` (each app keeps them in its `registrations.py`). Adding a track is a new app plus its
registrations; nothing in `disputes/` changes.

Extension points (each keyed by name, so registering twice replaces rather than repeats):

- `add_event_labels({action: label})`: how the timeline, notifications and the worker's page name the events
  the track appends. A label is a (lazy) string or a function of the event returning one.
- `add_involvement(name, factory)`: who else may read a case. `factory(org_id)` returns a boolean expression
  on `Case` (an `Exists(...)` over `OuterRef("pk")`); `selectors.cases_visible_to` ORs it into the one scope
  rule, in the same query.
- `add_document_kinds([(kind, label), ...], private=..., personal=...)`: the kinds of documents the track
  issues (`Document.kind`'s choices are `document_kind_choices`), which of them only the handling and
  first-receiving organisations may download (`private`: the receipt prints the worker's query code), and which
  carry personal data for whoever reads it in full (`personal`). Page and API serve every kind by this rule
  (`selectors.document_get`).
- `add_track(name, page=..., steps=..., stage_steps=..., outcomes=...)`: the lifecycle steps (declared once
  on `Case`) that only the track's service takes, everywhere (`steps`) or in some stages (`stage_steps`), the
  outcomes only its decision records, and the page that takes them (named in the `use_track_service` refusal).
- `add_event_hook(name, hook)`: `hook(case=, event=, fresh_case=)` runs for every case event, in the
  transaction that appends it (deadlines' clocks).
- `add_fresh_case_rows(name, rows)`: `rows(case=, event=)` returns unsaved rows the app owes for an event of a
  case being registered, written with the case itself (intake: in its one statement on PostgreSQL), before the
  event hooks run; the app's hook then sees `rows_written_with(event, name)` and does not write them again. The
  rows refer to the case and the event as objects; the writer fills in their ids. (notifications: the worker's
  messages, the registration's busiest second write.)
- `add_case_ended_hook(name, hook)`: `hook(case=, actor=, profile=, action=, reason=)` runs once when a step
  ends the case (not accepted, redirected, withdrawn, closed), in that step's transaction with the case locked;
  a hook that raises refuses the step (hearings call off what is still booked).
- `add_queue_filter(name, factory, label=, choices=, ended=)`: a queue filter (`?due=`, `?agreement=` …);
  `factory(value)` returns a `Q` or None. With a `label` and `choices` the queue page offers it; `ended`: with it
  set, the queue also lists cases that have ended (an agreement unpaid after the case closed).
- `add_case_page_part(name, part, template=)`, `add_dashboard_part(name, part, template=)`,
  `add_queue_part(name, part, template=)`, `add_case_api_part(name, part, serializer=)`: extra context for the
  case page (`part(case=, profile=, today=)`), the dashboard and the queue page (`part(profile=)`) and the API's
  case file (`part(case=)`), each returning a dict; the template
  (a panel the page includes, in registration order) shows it. With `serializer` (a DRF serializer class), an API
  part returns a list of records instead, which the case file shows serialized under `tracks.<name>`.
- `add_notifications_part(name, part, template=)`: notices that belong to no case event on the notifications page
  (`part(user=)`; compliance: a warning naming an industry department).
- `add_track_link(name, template)`: the track's entry in the case page's Tracks card (a template rendering
  an `<li>`, or nothing where the track has no page for the case yet), in the order of the tracks' names.
- `add_documents_control(name, template)`: a control under the case page's evidence and documents (intake:
  print the receipt, reissue it with a new query code), rendered with the page's context.
- `add_referral_accept_guard(name, guard)`: `guard(referral=, via_service=)` runs before a referral is accepted
  and refuses by raising (inspection: its referral is accepted only by filing, `via_service=True`).
- `add_referral_action(purpose, template)`: the control that accepts a referral of this purpose on the case
  page and the incoming list, in place of the case file's Accept button (inspection: "File or refuse").
- `add_urls(name, patterns)`: web pages served under the case file's URL namespace (`disputes:`).
- `add_status_page_part(name, part, template=)`: extra context for the worker's status page (`part(case=)`,
  returning a dict) and the panel that shows it (legal aid: the worker's lawyer and the station's phone); lists
  under `worker_steps` and `worker_amounts` (disputes.presentation) are gathered into the page's "what next"
  and its sums.
- `add_worker_notice(action, template_key, when=, context=, sealed=)`: the worker is told of this event (an
  SMS, and an e-mail where an address is on file) with the message template `template_key`; `when(event)`
  narrows it (a confirmation that confirmed), `context(event)` adds the template's values, `sealed(event)` adds
  values kept sealed until sending (the query code). Whoever sends them (the `notifications` app) reads
  `worker_notices()`; nothing here imports it.
- `add_employer_records(name, records)`: what the track holds on an employer for its compliance file
  (守法诚信档案): `records(employer_ids)` returns `EmployerRecord`s (orders, penalties, awards, agreements,
  payments), each with the facts the credit grade's rules count (`investigated`, `not_complied`), in a
  constant number of queries.
- `add_case_number_lookup(name, lookup)`: the official numbers a track keeps (arbitration's 仲案字 number, an
  inspection document's number, a court's case number) by which the case search (`disputes.search`) finds a
  case: `lookup(text)` returns querysets of the ids of cases holding that exact number
  (`.values_list("case_id", flat=True)`).
- `add_statistics_part(name, part)`: the track's figures in the supervisor's statistics (`reports`):
  `part(scope=, start=, end=, today=)` returns rows `{"division_id": ..., figure: value}` from aggregate queries
  over the track's records of the period (`start` to `end`, dates, end excluded) whose case is in the scope
  (`scope(prefix)`: a Q reaching `Case` through `prefix`, e.g. "file__case__"); the figures are
  `amount_decided` (sums awarded, agreed or recovered) and `clocks_met`/`clocks_late`.
- `add_personal_data_reader(name, reader)`: beyond the handling and first-receiving organisations, who else
  reads the worker's ID number and phone in full: `reader(profile, case)` returns a boolean (legal aid: the
  station that granted aid, whose lawyer must call the client).

A plain module rather than Django signals: the points are read on every request (labels, scope), want
ordered, keyed, typed entries, and a missing registration should fail loudly, not silently return nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

_event_labels: dict[str, object] = {}
_involvements: dict[str, Callable] = {}
_document_kinds: dict[str, object] = {}
_private_document_kinds: set[str] = set()
_personal_document_kinds: set[str] = set()
_tracks: dict[str, Track] = {}
_event_hooks: dict[str, Callable] = {}
_case_ended_hooks: dict[str, Callable] = {}
_fresh_case_rows: dict[str, Callable] = {}
_queue_filters: dict[str, QueueFilter] = {}
_case_page_parts: dict[str, tuple[Callable, str]] = {}
_case_api_parts: dict[str, tuple[Callable, object]] = {}
_dashboard_parts: dict[str, tuple[Callable, str]] = {}
_queue_parts: dict[str, tuple[Callable, str]] = {}
_notifications_parts: dict[str, tuple[Callable, str]] = {}
_urls: dict[str, list] = {}
_track_links: dict[str, str] = {}
_documents_controls: dict[str, str] = {}
_referral_accept_guards: dict[str, Callable] = {}
_referral_actions: dict[str, str] = {}
_status_page_parts: dict[str, tuple[Callable, str, frozenset | None]] = {}
_personal_data_readers: dict[str, Callable] = {}
_worker_notices: dict[str, WorkerNotice] = {}
_employer_records: dict[str, Callable] = {}
_case_number_lookups: dict[str, Callable] = {}
_statistics_parts: dict[str, Callable] = {}


@dataclass(frozen=True)
class Track:
    name: str
    page: object
    steps: frozenset[str] = frozenset()
    stage_steps: Mapping[str, frozenset[str]] = field(default_factory=dict)
    outcomes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class WorkerNotice:
    action: str
    template_key: str
    when: Callable | None = None
    context: Callable | None = None
    sealed: Callable | None = None


@dataclass(frozen=True)
class EmployerRecord:
    kind: str  # order, compliance, penalty, award, mediation_statement, agreement, payment
    label: str
    on: object  # datetime.date, or None when not dated yet
    case_id: int
    case_number: str
    amount: object = None  # Decimal yuan, or None
    detail: str = ""
    facts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class QueueFilter:
    name: str
    factory: Callable
    label: object = None
    choices: tuple = ()
    ended: bool = False


# --- registration (called from AppConfig.ready) ---


def add_event_labels(labels: Mapping[str, object]) -> None:
    _event_labels.update(labels)


def add_involvement(name: str, factory: Callable) -> None:
    _involvements[name] = factory


def add_document_kinds(
    kinds: Iterable[tuple[str, object]], *, private: Iterable[str] = (), personal: Iterable[str] = (),
) -> None:
    kinds = [(str(kind), label) for kind, label in kinds]
    _document_kinds.update(kinds)
    _private_document_kinds.update(str(kind) for kind in private)
    _personal_document_kinds.update(str(kind) for kind in personal)


def add_track(
    name: str, *, page, steps: Iterable[str] = (), stage_steps: Mapping[str, Iterable[str]] | None = None,
    outcomes: Iterable[str] = (),
) -> None:
    _tracks[name] = Track(
        name=name, page=page, steps=frozenset(steps),
        stage_steps={str(s): frozenset(names) for s, names in (stage_steps or {}).items()},
        outcomes=frozenset(str(o) for o in outcomes),
    )


def add_event_hook(name: str, hook: Callable) -> None:
    _event_hooks[name] = hook


def add_case_ended_hook(name: str, hook: Callable) -> None:
    _case_ended_hooks[name] = hook


def add_fresh_case_rows(name: str, rows: Callable) -> None:
    _fresh_case_rows[name] = rows


def add_queue_filter(name: str, factory: Callable, *, label=None, choices=(), ended: bool = False) -> None:
    _queue_filters[name] = QueueFilter(name=name, factory=factory, label=label, choices=tuple(choices), ended=ended)


def add_case_page_part(name: str, part: Callable, *, template: str = "") -> None:
    _case_page_parts[name] = (part, template)


def add_case_api_part(name: str, part: Callable, *, serializer=None) -> None:
    _case_api_parts[name] = (part, serializer)


def add_dashboard_part(name: str, part: Callable, *, template: str = "") -> None:
    _dashboard_parts[name] = (part, template)


def add_queue_part(name: str, part: Callable, *, template: str = "") -> None:
    _queue_parts[name] = (part, template)


def add_notifications_part(name: str, part: Callable, *, template: str = "") -> None:
    _notifications_parts[name] = (part, template)


def add_track_link(name: str, template: str) -> None:
    _track_links[name] = template


def add_documents_control(name: str, template: str) -> None:
    _documents_controls[name] = template


def add_referral_accept_guard(name: str, guard: Callable) -> None:
    _referral_accept_guards[name] = guard


def add_referral_action(purpose: str, template: str) -> None:
    _referral_actions[str(purpose)] = template


def add_status_page_part(name: str, part: Callable, *, template: str = "", after: Iterable[str] | None = None) -> None:
    """`after`: the event actions without one of which the part has nothing to say (the rows it reads are written
    with them); the page then skips its queries. None: read on every page."""
    _status_page_parts[name] = (part, template, None if after is None else frozenset(after))


def add_personal_data_reader(name: str, reader: Callable) -> None:
    _personal_data_readers[name] = reader


def add_worker_notice(
    action: str, template_key: str, *, when: Callable | None = None, context: Callable | None = None,
    sealed: Callable | None = None,
) -> None:
    _worker_notices[action] = WorkerNotice(action, template_key, when=when, context=context, sealed=sealed)


def add_employer_records(name: str, records: Callable) -> None:
    _employer_records[name] = records
def add_case_number_lookup(name: str, lookup: Callable) -> None:
    _case_number_lookups[name] = lookup


def add_statistics_part(name: str, part: Callable) -> None:
    _statistics_parts[name] = part


def add_urls(name: str, patterns: list) -> None:
    _urls[name] = list(patterns)


# --- reading (by the case file) ---


def event_label_of(event) -> str | None:
    """The registered label of the event's action, or None when no track names it."""
    label = _event_labels.get(event.action)
    if label is None:
        return None
    return label(event) if callable(label) else str(label)


def involvements(org_id: int) -> list:
    return [factory(org_id) for factory in _involvements.values()]


def document_kind_choices() -> list[tuple[str, object]]:
    """Document.kind's choices: every kind a track registered (a callable, so migrations do not list them)."""
    return list(_document_kinds.items())


def is_document_kind(kind: str) -> bool:
    return kind in _document_kinds


def document_is_private(kind: str) -> bool:
    """Whether only the handling and first-receiving organisations may download documents of this kind (a
    receipt prints the worker's query code)."""
    return kind in _private_document_kinds


def document_is_personal(kind: str) -> bool:
    """Whether documents of this kind carry personal data, for the organisations that read it in full."""
    return kind in _personal_document_kinds


def tracks() -> dict[str, Track]:
    return dict(_tracks)


def track_of_step(name: str) -> str:
    """The track whose service alone takes this transition, wherever the case is; "" if none."""
    for track in _tracks.values():
        if name in track.steps:
            return track.name
    return ""


def track_of_stage_step(name: str, status: str) -> str:
    """The track that owns this transition in this stage only; "" if none."""
    for track in _tracks.values():
        if name in track.stage_steps.get(status, ()):
            return track.name
    return ""


def track_outcomes() -> dict[str, str]:
    """Outcomes that stand for a track's written decision, with the track that records them."""
    return {outcome: track.name for track in _tracks.values() for outcome in track.outcomes}


def track_page(name: str):
    return _tracks[name].page


def event_hooks() -> list[Callable]:
    return list(_event_hooks.values())


def case_ended_hooks() -> list[Callable]:
    return list(_case_ended_hooks.values())


def fresh_case_rows(*, case, events) -> list:
    """Every app's rows for these events of a case being registered (unsaved), for the caller to write with the
    case; each event is marked with the apps that gave rows for it (rows_written_with)."""
    rows = []
    for event in events:
        given = []
        for name, owed in _fresh_case_rows.items():
            mine = owed(case=case, event=event)
            if mine:
                rows += mine
                given.append(name)
        event.rows_written_by = frozenset(given)
    return rows


def rows_written_with(event, name: str) -> bool:
    """Whether the rows the app `name` owes for this event were written with its case (fresh_case_rows)."""
    return name in getattr(event, "rows_written_by", ())


def case_number_lookups(text: str) -> list:
    """Querysets of the ids of cases a track knows by the official number `text`."""
    return [ids for lookup in _case_number_lookups.values() for ids in lookup(text)]


def queue_filter(name: str, value):
    """The condition of a registered queue filter for this value, or None (no such filter, or no condition)."""
    registered = _queue_filters.get(name)
    return registered.factory(value) if registered is not None else None


def queue_filters() -> list[QueueFilter]:
    """Every registered queue filter, in registration order."""
    return list(_queue_filters.values())


def queue_filter_includes_ended(name: str) -> bool:
    registered = _queue_filters.get(name)
    return registered is not None and registered.ended


def _page_context(parts: dict, key: str, kwargs: dict) -> dict:
    context: dict = {key: [template for _part, template in parts.values() if template]}
    for part, _template in parts.values():
        context.update(part(**kwargs))
    return context


def case_page_context(**kwargs) -> dict:
    """The case page's extra context, with the templates it includes: `track_links`, `documents_controls` and
    `case_page_panels`."""
    return {
        "track_links": [_track_links[name] for name in sorted(_track_links)],
        "documents_controls": list(_documents_controls.values()),
        **_page_context(_case_page_parts, "case_page_panels", kwargs),
    }


def referral_accept_guards() -> list[Callable]:
    return list(_referral_accept_guards.values())


def referral_action(purpose: str, default: str) -> str:
    """The template of the control that accepts a referral of this purpose (the case file's own by default)."""
    return _referral_actions.get(str(purpose), default)


def case_api_context(**kwargs) -> dict:
    """The API case file's extra context, with `tracks`: each serialized part by the name it was registered under."""
    context: dict = {"tracks": {}}
    for name, (part, serializer) in _case_api_parts.items():
        if serializer is None:
            context.update(part(**kwargs))
        else:
            context["tracks"][name] = serializer(part(**kwargs), many=True).data
    return context


def dashboard_context(**kwargs) -> dict:
    """The dashboard's extra context, with `dashboard_panels`: the templates it includes."""
    return _page_context(_dashboard_parts, "dashboard_panels", kwargs)


def notifications_context(**kwargs) -> dict:
    """The notifications page's extra context (`part(user=)`: notices that belong to no case event), with
    `notifications_panels`: the templates it includes above the case notifications."""
    return _page_context(_notifications_parts, "notifications_panels", kwargs)


def queue_context(**kwargs) -> dict:
    """The queue page's extra context, with `queue_panels`: the templates it includes above the queue."""
    return _page_context(_queue_parts, "queue_panels", kwargs)


def status_page_context(*, case, actions: set[str]) -> dict:
    """The worker's status page's extra context, with `status_page_panels`: the templates it includes. The
    parts' `worker_steps` and `worker_amounts` (disputes.presentation) are gathered from every part, not replaced.
    `actions` are the case's event actions: a part registered `after` actions none of which occurred is not read
    (the busiest public page would otherwise ask every track about a case most have never seen)."""
    context: dict = {"status_page_panels": [t for _part, t, _after in _status_page_parts.values() if t],
                     "worker_steps": [], "worker_amounts": []}
    for part, _template, after in _status_page_parts.values():
        if after is not None and after.isdisjoint(actions):
            continue
        extra = dict(part(case=case))
        context["worker_steps"] += extra.pop("worker_steps", [])
        context["worker_amounts"] += extra.pop("worker_amounts", [])
        context.update(extra)
    return context


def reads_personal_data(profile, case) -> bool:
    """Whether a track lets this staff member's organisation read the worker's personal data in full."""
    return any(reader(profile, case) for reader in _personal_data_readers.values())


def worker_notice_for(event) -> WorkerNotice | None:
    """The notice the worker is owed for this event, or None."""
    notice = _worker_notices.get(event.action)
    if notice is None or (notice.when is not None and not notice.when(event)):
        return None
    return notice


def worker_notices() -> dict[str, WorkerNotice]:
    return dict(_worker_notices)


def employer_records(employer_ids: list[int]) -> list[EmployerRecord]:
    """Every track's records on these employers, newest first."""
    rows = [row for records in _employer_records.values() for row in records(employer_ids)]
    return sorted(rows, key=lambda r: (r.on is not None, r.on or 0, r.case_id), reverse=True)


def statistics_rows(**kwargs) -> list[dict]:
    """Every track's statistics rows for these cases and this period (one query per registered part)."""
    return [row for part in _statistics_parts.values() for row in part(**kwargs)]


def url_patterns() -> list:
    return [pattern for patterns in _urls.values() for pattern in patterns]
