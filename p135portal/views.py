from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from p135portal import home as home_registry
from p135portal.access import Perm, for_any_user, permission_required
from p135portal.fields import MAX_BIGINT
from p135portal.forms import SignerForm
from p135portal.models import Signer
from p135portal.numbers import amount_in_words, parse_amount
from p135portal.pages import form_page

HOME_TEMPLATES = {
    "province_staff": "home/staff.html",
    "local_officer": "home/officer.html",
    "leader": "home/leader.html",
    "administrator": "home/administrator.html",
}


@for_any_user
@require_GET
def home(request):
    user = request.user
    waiting, figures = home_registry.home_items(user)
    context = {
        "waiting": [item for item in waiting if not item.owed],
        "owed": [item for item in waiting if item.owed],
        "figures": figures,
        "panels": home_registry.panels_for(request),
    }
    return render(request, HOME_TEMPLATES.get(user.role, "home/no_role.html"), context)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


password_change = for_any_user(PasswordChangeView.as_view())


@for_any_user
@require_GET
def amount_words(request):
    """The amount typed so far, in words or with what is wrong with it: the line under each
    money field ("Bằng chữ: Chín trăm triệu đồng"), refreshed by static/js/portal.js."""
    try:
        amount = parse_amount(request.GET.get("so", ""), max_value=MAX_BIGINT)
    except ValidationError as error:
        return JsonResponse({"words": "", "error": " ".join(error.messages)})
    words = _("Bằng chữ: %(words)s") % {"words": amount_in_words(amount)} if amount is not None else ""
    return JsonResponse({"words": words, "error": ""})


@permission_required(Perm.MANAGE_SIGNERS)
@require_GET
def signer_list(request):
    return render(request, "signers/list.html", {"signers": Signer.objects.all()})


@permission_required(Perm.MANAGE_SIGNERS)
@require_http_methods(["GET", "POST"])
def signer_edit(request, pk=None):
    signer = get_object_or_404(Signer, pk=pk) if pk else Signer()
    form = SignerForm(request.POST or None, instance=signer)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("Đã lưu người ký."))
        return redirect("signer_list")
    title = _("Sửa người ký") if signer.pk else _("Thêm người ký")
    return form_page(request, form, title=title, back=reverse_lazy("signer_list"))
