#!/bin/bash
# Several instances, one portal: two gunicorn instances (ports 8061, 8062) and one task worker with
# production settings, the cache in Redis ($REDIS_URL), uploads on one shared directory ($MEDIA_ROOT,
# the shared volume), nginx on loopback (port 8060) balancing over both. Runs the checks of
# bench/instances.py across the two instances, then wrk through nginx beside one instance alone.
# Needs nginx, wrk and Redis (Debian packages nginx, wrk, redis-server) and the data of seed_demo in
# $DATABASE_URL. Stops what it started.
set -u
cd "$(dirname "$0")/.."
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/p135portal} DEBUG=0 \
       SECRET_KEY=bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=127.0.0.1 \
       SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
       REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/14} MEDIA_ROOT=${MEDIA_ROOT:-$PWD/var/shared-media} \
       TRUSTED_PROXY_COUNT=0
RUN=$PWD/var/instances
mkdir -p "$RUN" "$MEDIA_ROOT"
.venv/bin/python manage.py collectstatic --noinput -v0
pids=()
stop() { kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop EXIT
for port in 8061 8062; do
  .venv/bin/gunicorn p135portal.wsgi -b 127.0.0.1:$port -w 2 --log-level warning > "$RUN/web-$port.log" 2>&1 &
  pids+=($!)
done
.venv/bin/python manage.py db_worker --queue-name '*' --no-reload > "$RUN/worker.log" 2>&1 &
pids+=($!)
cat > "$RUN/nginx.conf" <<EOF
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $RUN/body; proxy_temp_path $RUN/proxy;
  fastcgi_temp_path $RUN/fastcgi; uwsgi_temp_path $RUN/uwsgi; scgi_temp_path $RUN/scgi;
  upstream portal { server 127.0.0.1:8061; server 127.0.0.1:8062; keepalive 16; }
  server {
    listen 127.0.0.1:8060;
    client_max_body_size 55m;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
nginx -c "$RUN/nginx.conf" -g 'daemon off;' &
pids+=($!)
for port in 8060 8061 8062; do  # up when /healthz/ answers
  for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz/" && break; sleep 0.5; done
done

echo "== checks across the two instances (A = :8061, B = :8062)"
.venv/bin/python bench/instances.py http://127.0.0.1:8061 http://127.0.0.1:8062
checks=$?

echo "== wrk, 10 s, 8 connections: the load balancer (two instances) beside one instance alone"
printf "%-40s %12s %12s\n" "page" "nginx → A+B" "A alone"
for path in /dang-nhap/ /healthz/; do
  both=$(wrk -t2 -c8 -d10s "http://127.0.0.1:8060$path" | awk '/Requests\/sec/ {print $2}')
  one=$(wrk -t2 -c8 -d10s "http://127.0.0.1:8061$path" | awk '/Requests\/sec/ {print $2}')
  printf "%-40s %8s rps %8s rps\n" "$path" "$both" "$one"
done
exit $checks
