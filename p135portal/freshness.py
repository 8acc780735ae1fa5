"""Figures cached until the data behind them changes.

Every write statement on the portal's data (the tables of its own apps: units, plans, money,
monitoring, users) adds a row to p135portal_datachange through a statement-level trigger,
installed after every migrate. The data version combines the sequence's last value (it never goes
back, even across a rollback), the highest id and the number of rows this transaction sees. It is
read before the figures, so the figures are never older than their key says; and a transaction
that commits after another with a higher id still changes the version (the row count grows).
Nothing here knows which tables a figure reads: any write anywhere makes every cached figure new."""

import hashlib
from collections.abc import Callable
from functools import cache as cache_once
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# Tables of the project's own apps that are not data figures are read from: the change log itself,
# the record of submitted forms, summaries being written.
NOT_DATA = {"p135portal_datachange", "p135portal_sentform", "summary_summaryfile"}
TRIGGER = "p135portal_data_changed"
KEPT_SECONDS = 3600  # what is kept is dropped after an hour even when no data changed
PRUNE_EVERY = 1000  # rows; the trigger keeps the table small by deleting older rows this often

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO p135portal_datachange DEFAULT VALUES RETURNING id INTO new_id;
    IF new_id % {PRUNE_EVERY} = 0 THEN
        DELETE FROM p135portal_datachange WHERE id < new_id - {PRUNE_EVERY};
    END IF;
    RETURN NULL;
END $$;
"""


def _is_project_app(config) -> bool:
    return Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in config.path


def _data_tables() -> list[str]:
    """The tables of every app of the project (not of installed libraries), a new app's included;
    history tables are written with their rows' own table, so they need no trigger."""
    tables = set()
    for config in apps.get_app_configs():
        if not _is_project_app(config):
            continue
        for model in config.get_models(include_auto_created=True):
            name = model._meta.db_table
            if model.__name__.startswith("Historical") or model._meta.proxy or name in NOT_DATA:
                continue
            tables.add(name)
    return sorted(tables)


def _updates(table: str) -> str:
    """Any update, except a sign-in's: it writes the user's last_login, which no figure reads, and
    would otherwise make every kept figure and page new each time someone signs in."""
    from p135portal.models import User

    if table != User._meta.db_table:
        return "UPDATE"
    columns = [field.column for field in User._meta.concrete_fields if field.column != "last_login"]
    return f"UPDATE OF {', '.join(connection.ops.quote_name(column) for column in columns)}"


def install_triggers(sender=None, using="default", **kwargs) -> None:
    """(post_migrate) The trigger on every data table, new tables included; safe to run again."""
    if sender is not None and sender.label != "p135portal":
        return
    existing = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:  # no write slips between two statements
        cursor.execute(_FUNCTION)
        for table in _data_tables():
            if table not in existing:  # a partial migrate: the next full one installs it
                continue
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR {_updates(table)} OR DELETE OR TRUNCATE"
                f" ON {connection.ops.quote_name(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
            )
        # A deployment runs migrate: figures cached by the previous code are not served by the new.
        cursor.execute("INSERT INTO p135portal_datachange DEFAULT VALUES")


def data_version() -> str:
    """One query: changes whenever any write on the portal's data has been committed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT last_value FROM p135portal_datachange_id_seq), max(id), count(*) FROM p135portal_datachange"
        )
        return "-".join(str(value) for value in cursor.fetchone())


def fresh(key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`'s value, from the shared cache while no data has changed since it was computed.
    `key` must name everything else the value depends on (user scope, year, today …)."""
    full_key = f"fresh:{data_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=KEPT_SECONDS)
    return value


def reader_key(request, kind: str, *parts) -> str:
    """The cache key of something rendered for the reader of `request` ({% fresh %} parts, kept
    downloads): the data version (read once per request), the code that rendered it, the reader's role
    and unit, the day, and `parts` (what it is and what else it depends on)."""
    if not hasattr(request, "data_version"):
        request.data_version = data_version()
    user = request.user
    reader = [user.role, user.unit_id, timezone.localdate().isoformat(), *parts]
    digest = hashlib.sha256(repr(reader).encode()).hexdigest()
    return f"fresh:{request.data_version}:{code_version()}:{kind}:{digest}"


@cache_once
def code_version() -> str:
    """A digest of the project's templates, stylesheets and Python code, once per process: what a kept
    page or download was rendered by. A deployment that changes them keeps nothing the previous code
    rendered, even while old and new instances run side by side."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "static" / "css"]
    roots += [Path(config.path) for config in apps.get_app_configs() if _is_project_app(config)]
    for root in roots:
        for file in sorted(root.rglob("*")):
            if file.suffix in {".py", ".html", ".css"} and file.is_file():
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def later(build: Callable[[], dict], *names: str) -> dict:
    """The values `build()` returns under `names`, computed only when a template first reads one of
    them: a part of a page kept by {% fresh %} then costs neither its queries nor its Python. Lists,
    dicts and objects only: a number passed this way would not print (filters call int() on it)."""
    once = cache_once(build)
    return {name: SimpleLazyObject(lambda name=name: once()[name]) for name in names}
