from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from p135portal.access import Perm, permission_required
from p135portal.pages import form_page
from trainings.forms import RulesForm, TopicForm
from trainings.models import Rules, Topic


def _edit(request, form, *, title, back, success):
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, success)
        return redirect(saved)
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def rules_list(request):
    rules = Rules.objects.select_related("phase", "legal_basis")
    return render(request, "trainings/rules_list.html", {"rules": rules})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def rules_create(request):
    form = RulesForm(request.POST or None)
    return _edit(
        request,
        form,
        title=_("Quy định của giai đoạn"),
        back=reverse("trainings:rules_list"),
        success=_("Đã lưu quy định."),
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def rules_update(request, pk):
    form = RulesForm(request.POST or None, instance=get_object_or_404(Rules, pk=pk))
    return _edit(
        request,
        form,
        title=_("Sửa quy định"),
        back=reverse("trainings:rules_list"),
        success=_("Đã lưu quy định; thay đổi được ghi vào lịch sử."),
    )


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def topic_list(request):
    return render(request, "trainings/topic_list.html", {"topics": Topic.objects.all()})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def topic_create(request):
    form = TopicForm(request.POST or None)
    return _edit(
        request,
        form,
        title=_("Thêm nội dung đào tạo"),
        back=reverse("trainings:topic_list"),
        success=_("Đã thêm nội dung."),
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def topic_update(request, pk):
    form = TopicForm(request.POST or None, instance=get_object_or_404(Topic, pk=pk))
    return _edit(
        request,
        form,
        title=_("Sửa nội dung đào tạo"),
        back=reverse("trainings:topic_list"),
        success=_("Đã lưu nội dung."),
    )
