#!/bin/bash
# Load test on the national data (seed_demo --scale national in $DATABASE_URL): gunicorn with 2 workers and
# production settings on loopback, wrk (Debian package) from a second process, 10 s per page, 8 connections.
# Prints requests/s, p50 and p99 per page beside the login page and /healthz/ of the same run.
cd "$(dirname "$0")/.."
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/p135bench} DEBUG=0 SECRET_KEY=bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING
.venv/bin/python manage.py collectstatic --noinput -v0
pkill -f "gunicorn p135portal.wsgi" ; sleep 1
.venv/bin/gunicorn p135portal.wsgi -b 127.0.0.1:8031 -w 2 --log-level warning > /tmp/gunicorn-load.log 2>&1 &
sleep 4
cookie() {
  .venv/bin/python -c "
import os, sys, logging; sys.path.insert(0, '.'); os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'p135portal.settings')
import django; django.setup(); logging.disable(logging.CRITICAL)
from django.test import Client
from p135portal.models import User
c = Client(); c.force_login(User.objects.get(username='$1')); print(c.cookies['sessionid'].value)"
}
STAFF=$(cookie bandantoc); OFFICER=$(cookie xa.dongdang)
PLAN=$(.venv/bin/python manage.py shell -v0 -c "from trainings.models import AnnualPlan; print(AnnualPlan.objects.get(year=2026).pk)" 2>/dev/null | tail -1)
run() { # label cookie url
  out=$(wrk -t2 -c8 -d10s --latency ${2:+-H "Cookie: sessionid=$2"} "http://127.0.0.1:8031$3" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf "%-44s %10s rps   p50 %8s   p99 %8s   non-2xx %s\n" "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
run "login page (anonymous)" "" /dang-nhap/
run "/healthz/" "" /healthz/
run "staff home" "$STAFF" /
run "registry list (staff)" "$STAFF" /don-vi/danh-sach/
run "registry search 'dong' (staff)" "$STAFF" "/don-vi/danh-sach/?q=dong"
run "annual plan 2026 (staff)" "$STAFF" /nang-cao-nang-luc/ke-hoach/$PLAN/
run "periodic report board (staff)" "$STAFF" /giam-sat/bao-cao-dinh-ky/
run "summary dashboard (staff)" "$STAFF" /tong-hop/
run "officer home" "$OFFICER" /
run "annual plan PDF (staff, cached)" "$STAFF" /nang-cao-nang-luc/ke-hoach/$PLAN/pdf/
pkill -f "gunicorn p135portal.wsgi"
