"""The audit log: who changed what and when, with before and after values.

Every model keeps `history = HistoricalRecords()` (django-simple-history); the request's
user is recorded by HistoryRequestMiddleware, and services run outside a request set
`obj._history_user`. `history_entries()` turns the records into what the history panel
of every object page shows.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REASON_MAX_LENGTH = 100  # django-simple-history's history_change_reason column
ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


def assign(instance, data: dict, *, fields: Collection[str]) -> None:
    """Set the fields of `instance` from `data` (field name → value), as services receive them.

    `fields` are those the service lets its callers set; any other key (a caller passing `status`
    or `unit` where the service decides them) is a programming error and fails loudly."""
    unexpected = set(data) - set(fields)
    if unexpected:
        raise TypeError(f"{type(instance).__name__}: not settable here: {', '.join(sorted(unexpected))}")
    for name, value in data.items():
        setattr(instance, name, value)


def locked(instance):
    """`instance` re-read under a row lock (inside the service's transaction), so two people
    cannot move it at once."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def save_recorded(instance, actor, *, reason: str | None = None, exclude=None) -> None:
    """Validate and save `instance` with its history record naming `actor` (and `reason`): how a
    service writes a row."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.full_clean(exclude=exclude)
    instance.save()


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change]


def _display(record, field_name: str) -> str:
    field = record._meta.get_field(field_name)
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def history_entries(obj, limit: int = 50) -> list[Entry]:
    """The latest changes of `obj`, newest first, each with its field-by-field diff.

    A bounded number of queries whatever the length of the history: the records with their
    users, and one for each kind of related object a change points to (the person who sent or
    reviewed it, a topic …), shown by name rather than by id.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries, related = [], []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = record._meta.get_field(change.field)
                if field.many_to_one:
                    related.append((changes, len(changes), field.related_model, change.old, change.new))
                changes.append(
                    Change(
                        field=str(field.verbose_name),
                        old=_display(previous, change.field),
                        new=_display(record, change.field),
                    )
                )
        who = str(record.history_user) if record.history_user else str(_("Hệ thống"))
        entries.append(
            Entry(
                when=record.history_date,
                who=who,
                action=str(ACTIONS[record.history_type]),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    _name_related(related)
    return entries


def _name_related(related: list) -> None:
    """Put the names of related objects in place of their ids: one query per related model."""
    wanted: dict = {}
    for _changes, _index, model, old, new in related:
        wanted.setdefault(model, set()).update(value for value in (old, new) if value is not None)
    found = {model: model._base_manager.in_bulk(ids) for model, ids in wanted.items()}
    for changes, index, model, old, new in related:
        names = found[model]
        change = changes[index]
        changes[index] = Change(
            field=change.field,
            old=str(names[old]) if old in names else change.old,
            new=str(names[new]) if new in names else change.new,
        )
