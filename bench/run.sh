#!/bin/bash
# The whole benchmark on the national data, then its one table (bench/table.py). Run from the
# repository root after the README's set-up; needs wrk, nginx and Redis (Debian packages wrk, nginx,
# redis-server). Makes the two databases when they do not exist (seed_demo --scale national and
# national-tenth, about a minute and a half together), and leaves their data as it found it.
#
#   bench/run.sh                  # everything, about 20 minutes on 2 cores
#   SKIP="peak instances" bench/run.sh
set -u
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
FULL=${FULL:-p135bench} TENTH=${TENTH:-p135bench_tenth}
URL=postgres://$PGUSER@$PGHOST:5432
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/12}
SKIP=${SKIP:-}
mkdir -p var
wanted() { [[ " $SKIP " != *" $1 "* ]]; }
# A part that fails leaves no figures of an earlier run for the table to show.
wanted pages && rm -f var/bench-full.json var/bench-tenth.json
wanted load && rm -f var/bench-load.json
wanted documents && rm -f var/bench-documents.json
wanted imports && rm -f var/bench-imports.json
wanted peak && rm -f var/bench-peak.json var/bench-peak-widen.json
wanted instances && rm -f var/bench-instances.json

for pair in "$FULL national" "$TENTH national-tenth"; do
  read -r db scale <<< "$pair"
  if ! psql -lqt | cut -d'|' -f1 | grep -qw "$db"; then
    createdb "$db"
    DATABASE_URL=$URL/$db DEBUG=1 sh -c ".venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py createcachetable \
      && .venv/bin/python manage.py seed_demo --scale $scale" || exit 1
  else
    DATABASE_URL=$URL/$db DEBUG=1 .venv/bin/python manage.py migrate -v0 || exit 1
  fi
done

if wanted pages; then
  echo "== pages: queries and time of every page of three roles, the country and one tenth"
  DATABASE_URL=$URL/$FULL DEBUG=1 .venv/bin/python bench/pages.py --out var/bench-full.json > var/bench-pages-full.log
  DATABASE_URL=$URL/$TENTH DEBUG=1 .venv/bin/python bench/pages.py --out var/bench-tenth.json > var/bench-pages-tenth.log
  .venv/bin/python bench/pages.py --table var/bench-full.json var/bench-tenth.json | tail -1
fi
if wanted load; then
  echo "== load: gunicorn and wrk"
  DATABASE_URL=$URL/$FULL bench/load.sh
fi
if wanted documents; then
  echo "== documents: first render and cached download"
  DATABASE_URL=$URL/$FULL DEBUG=1 .venv/bin/python bench/documents.py --out var/bench-documents.json | tail -3
fi
if wanted imports; then
  echo "== import of a 10,000-row list"
  DATABASE_URL=$URL/$FULL DEBUG=1 .venv/bin/python bench/imports.py --out var/bench-imports.json | tail -3
fi
if wanted peak; then
  echo "== deadline-day peak"
  DATABASE_URL=$URL/$FULL .venv/bin/python bench/peak.py --scope province --out var/bench-peak.json | tail -3
  DATABASE_URL=$URL/$FULL .venv/bin/python bench/peak.py --widen --out var/bench-peak-widen.json | tail -3
  DATABASE_URL=$URL/$FULL .venv/bin/python bench/peak.py --remove > /dev/null
fi
if wanted instances; then
  echo "== two instances behind nginx"
  DATABASE_URL=$URL/$FULL REDIS_URL=redis://127.0.0.1:6379/14 bench/instances.sh
fi
echo
.venv/bin/python bench/table.py | tee var/bench-table.md
