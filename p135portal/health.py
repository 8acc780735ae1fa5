"""/healthz/ for load balancers: the database answers, its migrations are applied, the task worker
keeps up (no task ready to run has waited more than WORKER_LATE). Outside login; it says which
check failed and nothing else."""

from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

WORKER_LATE = timedelta(minutes=5)
_migrated = False  # once every migration is applied it stays so for the life of the process


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def _worker() -> bool:
    from django_tasks_db.models import DBTaskResult

    waiting_since = timezone.now() - WORKER_LATE
    return not DBTaskResult.objects.ready().filter(enqueued_at__lt=waiting_since).exists()


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {}
    for name, check in (("database", _database), ("migrations", _migrations), ("worker", _worker)):
        try:
            checks[name] = "ok" if check() else "fail"
        except Exception:  # a database that does not answer: that check failed, the others cannot run
            checks[name] = "fail"
            break
    healthy = len(checks) == 3 and all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503)
