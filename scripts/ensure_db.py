"""Create the database named in DATABASE_URL when it does not exist yet.

Used by scripts/dev.sh with the project's virtualenv (psycopg2 and dj_database_url come
from requirements.txt). Connects to the server's maintenance database ("postgres", else
"template1") with the credentials of the URL, and runs CREATE DATABASE only when the name
is absent from pg_database. Prints one line when it creates the database, nothing else on
success; exits 1 with a short message when the server cannot be used.
"""

import os
import sys

import dj_database_url
import psycopg2
from psycopg2 import sql

# Collation the project relies on for Vietnamese sorting; needs a server built with ICU.
ICU_COLLATION = "vi-VN-x-icu"


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def connect(cfg: dict, dbname: str):
    params = {
        "dbname": dbname,
        "user": cfg.get("USER") or None,
        "password": cfg.get("PASSWORD") or None,
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
        "connect_timeout": 5,
    }
    params.update(cfg.get("OPTIONS") or {})
    conn = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    conn.autocommit = True
    return conn


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        fail("DATABASE_URL is not set")
    cfg = dj_database_url.parse(url)
    if cfg.get("ENGINE") != "django.db.backends.postgresql":
        fail("DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/name)")
    name = cfg.get("NAME")
    if not name:
        fail("DATABASE_URL names no database (postgres://user@host:port/NAME)")
    where = f"{cfg.get('HOST') or 'local socket'}:{cfg.get('PORT') or 5432} as user {cfg.get('USER') or '(default)'}"

    conn, errors = None, []
    for maintenance_db in ("postgres", "template1"):
        try:
            conn = connect(cfg, maintenance_db)
            break
        except psycopg2.OperationalError as exc:
            errors.append(str(exc).strip())
    if conn is None:
        # No maintenance database for this user: fine if the target database already exists.
        try:
            connect(cfg, name).close()
            return
        except psycopg2.OperationalError as exc:
            errors.append(str(exc).strip())
        fail(
            f"cannot connect to PostgreSQL at {where}:\n  "
            + "\n  ".join(dict.fromkeys(errors))
            + "\nSet DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/p135portal) to a server you can use."
        )

    # No "with conn": on psycopg2 2.9 it opens a transaction, and CREATE DATABASE cannot run in one.
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            try:
                cur.execute(
                    sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name))
                )
            except psycopg2.Error as exc:
                fail(f"cannot create database {name!r} at {where}: {str(exc).strip()}")
            print(f"==> created database {name}")
    conn.close()

    # Vietnamese ordering uses an ICU collation: warn early when the server lacks it.
    conn = connect(cfg, name)
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [ICU_COLLATION])
        if cur.fetchone() is None:
            print(
                f"warning: collation {ICU_COLLATION!r} is missing in database {name!r} "
                "(PostgreSQL built without ICU?); Vietnamese sorting will fail.",
                file=sys.stderr,
            )
    conn.close()


if __name__ == "__main__":
    main()
