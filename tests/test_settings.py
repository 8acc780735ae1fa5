"""Settings: environment variables read strictly, Vietnamese formats, deploy checks."""

import os
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.utils import formats, translation

from p135portal.env import env_bool, env_int, env_list, env_str


def test_bad_environment_values_stop_the_start(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False)
    monkeypatch.setenv("DB_CONN_MAX_AGE", "sixty")
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE"):
        env_int("DB_CONN_MAX_AGE", 60)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY")


def test_environment_values_are_typed(monkeypatch):
    monkeypatch.setenv("DEBUG", "off")
    monkeypatch.setenv("ALLOWED_HOSTS", " p135.langson.gov.vn, ,127.0.0.1 ")
    assert env_bool("DEBUG", True) is False
    assert env_list("ALLOWED_HOSTS", []) == ["p135.langson.gov.vn", "127.0.0.1"]


def test_dates_and_numbers_print_the_vietnamese_way():
    with translation.override("vi"):
        assert formats.date_format(date(2018, 5, 3)) == "03/05/2018"
        assert formats.date_format(date(2018, 5, 3), "SHORT_DATE_FORMAT") == "03/05/2018"
    rendered = Template("{{ n|so }} | {{ n|dong }} | {{ m|trieu_dong }} | {{ neg|so }} | {{ d|phut }}").render(
        Context({"n": 1234567, "m": Decimal(8_038_500_000), "neg": -1500, "d": timedelta(minutes=15)})
    )
    assert rendered == "1.234.567 | 1.234.567 đ | 8.039 triệu đồng | -1.500 | 15"


def test_a_year_is_never_printed_with_a_thousands_separator():
    assert Template("{{ year }}").render(Context({"year": 2018})) == "2018"


def test_dates_are_typed_the_vietnamese_way():
    from django import forms

    with translation.override("vi"):
        assert forms.DateField().clean("03/05/2018") == date(2018, 5, 3)


def _manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, timeout=120)


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 30 + "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "p135.langson.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://p135.langson.gov.vn",
}


def test_the_deploy_check_passes_with_production_variables():
    env = {**os.environ, **PRODUCTION}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, **PRODUCTION}
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_only_postgresql_is_accepted():
    env = {**os.environ, "DATABASE_URL": "sqlite:///db.sqlite3"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_an_empty_choice_reads_in_vietnamese(client, staff):
    from django.urls import reverse

    client.force_login(staff)
    page = client.get(reverse("budgets:allocation_new")).text
    assert "— Chọn —" in page and "Select an option" not in page


def _redis_answers() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379 (the cache then stays in the database)")
def test_with_redis_url_every_instance_shares_one_cache_in_redis():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/15"}
    write = "from django.core.cache import cache; cache.set('instance-check', b'%PDF-1.7 shared', 60)"
    read = (
        "from django.core.cache import caches; c = caches['default']; print(type(c).__name__, c.get('instance-check'))"
    )
    assert _manage("shell", "-c", write, env=env).returncode == 0
    result = _manage("shell", "-c", read, env=env)  # another process, as another instance would be
    assert result.stdout.strip().splitlines()[-1] == "RedisCache b'%PDF-1.7 shared'", result.stderr


def test_with_s3_bucket_uploads_go_to_s3_compatible_storage_kept_private():
    env = {**os.environ, "S3_BUCKET": "p135-uploads", "S3_ENDPOINT_URL": "http://127.0.0.1:9000"}
    show = (
        "from django.core.files.storage import storages; s = storages['default'];"
        " print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl, s.file_overwrite)"
    )
    result = _manage("shell", "-c", show, env=env)
    expected = "S3Storage p135-uploads http://127.0.0.1:9000 private False"
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
