#!/bin/bash
# Load test on the national data (seed_demo --scale national in $DATABASE_URL): gunicorn with 2 workers and
# production settings on loopback (the cache in Redis, as a national deployment runs), wrk (Debian package)
# from a second process, 10 s per page, 8 connections. Prints requests/s, p50 and p95 of the main pages of
# each role beside the login page and /healthz/ of the same run, and each page's share of the login page's
# throughput (the target: at least 1/10). Writes var/bench-load.json.
cd "$(dirname "$0")/.."
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/p135nat} DEBUG=0 \
       SECRET_KEY=bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=127.0.0.1 \
       SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
       REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/13}
PORT=8031
SECONDS_PER_PAGE=${SECONDS_PER_PAGE:-10}
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn p135portal.wsgi -b 127.0.0.1:$PORT -w 2 --log-level warning > var/bench-load-gunicorn.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz/" && break; sleep 0.5; done
read -r STAFF OFFICER LEADER PLAN < <(.venv/bin/python -c "
import sys; sys.path.insert(0, 'bench'); import common; common.setup()
from p135portal.models import User
from trainings.models import AnnualPlan
users = [User.objects.get(username=name) for name in ('bandantoc', 'xa.dongdang', 'lanhdao')]
keys = common.sessions_for(users)
print(*(keys[user.pk] for user in users), AnnualPlan.objects.get(year=2026).pk)")
PAGES=(
  "login page (anonymous)||/dang-nhap/"
  "/healthz/||/healthz/"
  "staff: home|$STAFF|/"
  "staff: registry list|$STAFF|/don-vi/danh-sach/"
  "staff: registry search 'dong'|$STAFF|/don-vi/danh-sach/?q=dong"
  "staff: annual plan 2026|$STAFF|/nang-cao-nang-luc/ke-hoach/$PLAN/"
  "staff: periodic report board|$STAFF|/giam-sat/bao-cao-dinh-ky/"
  "staff: summary dashboard|$STAFF|/tong-hop/"
  "staff: annual plan PDF (cached)|$STAFF|/nang-cao-nang-luc/ke-hoach/$PLAN/pdf/"
  "officer: home|$OFFICER|/"
  "officer: own periodic reports|$OFFICER|/giam-sat/bao-cao-dinh-ky/don-vi/"
  "leader: home|$LEADER|/"
  "leader: summary dashboard|$LEADER|/tong-hop/"
)
printf "%-36s %9s %8s %8s %7s %8s\n" "page" "req/s" "p50 ms" "p95 ms" "errors" "÷ login"
json="{"
for entry in "${PAGES[@]}"; do
  IFS="|" read -r label session path <<< "$entry"
  curl -s -o /dev/null ${session:+-b "sessionid=$session"} "http://127.0.0.1:$PORT$path"  # warm: first render
  read -r rps p50 p95 errors < <(wrk -t2 -c8 -d${SECONDS_PER_PAGE}s -s bench/wrk-report.lua \
    ${session:+-H "Cookie: sessionid=$session"} "http://127.0.0.1:$PORT$path" | awk '/^RESULT/ {print $2, $3, $4, $5}')
  [[ -z "$login" ]] && login=$rps
  share=$(awk -v a="$login" -v b="$rps" 'BEGIN { printf "1/%.1f", a / b }')
  printf "%-36s %9s %8s %8s %7s %8s\n" "$label" "$rps" "$p50" "$p95" "$errors" "$share"
  json+="\"$label\": {\"rps\": $rps, \"p50_ms\": $p50, \"p95_ms\": $p95, \"errors\": $errors},"
done
echo "${json%,}}" > var/bench-load.json
