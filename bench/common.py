"""What the benchmark scripts share: Django set up from the repository root, the bench users (username
prefix "bench.", so a run can find and remove what it made), sessions made server-side, the JSON of
figures. Not a script of its own."""

import json
import logging
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PREFIX = "bench."


def setup() -> None:
    """Django for a script run from the repository root (`.venv/bin/python bench/<name>.py`)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "p135portal.settings")
    import django

    django.setup()
    logging.disable(logging.CRITICAL)


def bench_users(wanted: dict[str, tuple[str, int | None]]) -> dict[str, object]:
    """The bench users {username: (role, unit id)}, created in bulk where missing (without a usable
    password: they sign in only through sessions made here). Usernames must start with "bench."."""
    from django.contrib.auth.hashers import make_password

    from p135portal.models import User

    assert all(name.startswith(BENCH_PREFIX) for name in wanted)
    have = {user.username: user for user in User.objects.filter(username__in=list(wanted))}
    missing = [
        User(
            username=name,
            role=role,
            unit_id=unit,
            password=make_password(None),
            last_name="[bench]",
            first_name=name.removeprefix(BENCH_PREFIX),
        )
        for name, (role, unit) in wanted.items()
        if name not in have
    ]
    User.objects.bulk_create(missing, batch_size=2_000)
    return {user.username: user for user in User.objects.filter(username__in=list(wanted))}


def sessions_for(users: list, *, hours: int = 3) -> dict[int, str]:
    """A signed-in session for each user, made in the session store as a login would make it, in bulk:
    {user id: session key}. They expire by themselves after `hours`; `end_sessions` removes them sooner."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.base import VALID_KEY_CHARS
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = "django.contrib.auth.backends.ModelBackend"
    keys = {}
    if hasattr(store, "get_model_class"):  # a database store: one statement per batch
        model = store.get_model_class()
        expires = timezone.now() + timedelta(hours=hours)
        rows = []
        for user in users:
            data = {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: backend,
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            key = get_random_string(32, VALID_KEY_CHARS)  # as the store makes them, unchecked: 32 random characters
            rows.append(model(session_key=key, session_data=store().encode(data), expire_date=expires))
            keys[user.pk] = key
        model.objects.bulk_create(rows, batch_size=2_000)
        return keys
    for user in users:
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend})
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(hours * 3600)
        session.create()
        keys[user.pk] = session.session_key
    return keys


def end_sessions(keys) -> None:
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):
        store.get_model_class().objects.filter(session_key__in=list(keys)).delete()
    else:
        for key in keys:
            store(session_key=key).delete()


def write_json(path: str, figures: dict) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str))
    print(f"\nFigures written to {out}")
