from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from p135portal.audit import REASON_MAX_LENGTH
from p135portal.documents.model import Signature
from p135portal.models import Signer
from p135portal.text import clean, clean_multiline


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng (phân biệt chữ hoa, chữ thường). "
            "Sau %(limit)s lần sai liên tiếp, việc đăng nhập sẽ bị tạm khóa %(minutes)s phút."
        ),
        "inactive": _("Tài khoản này đã bị vô hiệu hóa. Liên hệ quản trị hệ thống."),
    }

    def get_invalid_login_error(self):
        error = super().get_invalid_login_error()
        error.params = {
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
        return error


def for_update(queryset, request):
    """On a POST (one transaction, see p135portal.once) the rows read are locked until it commits,
    so that what a stale-edit check compares cannot change before the save."""
    return queryset.select_for_update(of=("self",)) if request.method == "POST" else queryset


class GuardedModelForm(forms.ModelForm):
    """A model form that refuses to save over a change made after it was opened.

    It carries the id of the object's latest history record; if someone saved the object
    in between, the form shows an error instead of silently overwriting their change.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.current_version()

    def current_version(self) -> int:
        return self.instance.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and transaction.get_connection().in_atomic_block:
            # A POST is one transaction (p135portal.once): the row stays locked until this save
            # commits, so that of several saves from the same version exactly one gets through.
            list(type(self.instance)._base_manager.select_for_update().filter(pk=self.instance.pk).values("pk"))
        if self.instance.pk and cleaned.get("seen_version") != self.current_version():
            raise forms.ValidationError(
                _("Dữ liệu này vừa được người khác sửa sau khi bạn mở trang. Hãy mở lại trang để xem bản mới rồi sửa."),
                code="stale",
            )
        return cleaned


class DateInput(forms.DateInput):
    """A date typed the Vietnamese way, 03/05/2018, whatever language the browser speaks."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": "ngày/tháng/năm", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs, format="%d/%m/%Y")


class ReturnForm(forms.Form):
    """The office returns something a unit sent: what the unit must correct."""

    comment = forms.CharField(
        label=_("Ý kiến gửi đơn vị: cần sửa, bổ sung gì"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Cán bộ của đơn vị thấy ý kiến này trên trang chủ của mình, sửa rồi gửi lại."),
    )

    def clean_comment(self):
        return clean_multiline(self.cleaned_data["comment"])


class ReopenForm(forms.Form):
    """Reopening something accepted or approved: the reason goes into its history."""

    reason = forms.CharField(label=_("Lý do mở lại"), max_length=REASON_MAX_LENGTH)

    def __init__(self, *args, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text or _("Được ghi vào lịch sử; đơn vị thấy lý do này.")

    def clean_reason(self):
        return clean(self.cleaned_data["reason"])


# The author's text of a printed plan (p135portal.models.AuthorsText): fields, widgets, hints.
AUTHORS_TEXT_FIELDS = ["opening", "closing", "recipients", "archive", "signer_authority"]
AUTHORS_TEXT_MULTILINE = ["opening", "closing", "recipients", "signer_authority"]
AUTHORS_TEXT_WIDGETS = {
    "opening": forms.Textarea(attrs={"rows": 3}),
    "closing": forms.Textarea(attrs={"rows": 6}),
    "recipients": forms.Textarea(attrs={"rows": 5}),
    "signer_authority": forms.Textarea(attrs={"rows": 2}),
}
AUTHORS_TEXT_HELP = {
    "opening": _("Để trống: câu mở đầu do cổng đề xuất (“… ban hành Kế hoạch với các nội dung như sau:”)."),
    "closing": _(
        "Mỗi dòng một đoạn; dòng đánh số “III.”, “1.”, “1.1.”, “a)” không kết thúc bằng dấu chấm là tiêu đề."
        " Để trống: phần do cổng đề xuất."
    ),
    "recipients": _(
        "Mỗi dòng một nơi nhận, ví dụ “Như trên;”, “Bộ Dân tộc và Tôn giáo (b/c);”. Để trống: cổng đề xuất."
    ),
    "archive": _("In thành dòng “- Lưu: …”, ví dụ “VT, KTN”."),
    "signer_authority": _("Mỗi dòng một dòng in trên chức vụ, ví dụ “TM. ỦY BAN NHÂN DÂN” rồi “KT. CHỦ TỊCH”."),
}


class SignerForm(GuardedModelForm):
    class Meta:
        model = Signer
        fields = ["name", "title", "authority", "active"]
        widgets = {"authority": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "title"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        if "authority" in cleaned:
            cleaned["authority"] = clean_multiline(cleaned["authority"])
        return cleaned


def signer_field() -> forms.ModelChoiceField:
    """'Chọn người ký': a signer of the catalogue, whose name, title and authority lines then replace
    what the form holds (apply_signer)."""
    return forms.ModelChoiceField(
        label=_("Chọn người ký trong danh mục"),
        queryset=Signer.objects.filter(active=True),
        required=False,
        empty_label=_("— nhập tay bên dưới —"),
    )


def apply_signer(cleaned: dict, *, name: str = "signer_name", title: str = "signer_title", authority: str = "") -> None:
    signer = cleaned.pop("signer", None)  # not a field of the plan: its values are
    if signer is not None:
        cleaned[name], cleaned[title] = signer.name, signer.title
        if authority:
            cleaned[authority] = signer.authority


SIGNER_SLOTS = 3  # signers printed side by side: one for most documents, two for a BIÊN BẢN, up to three


class OutlineForm(forms.Form):
    """The author's outline of a document (p135portal/documents/authoring.py): its trích yếu, Căn
    cứ lines, body, Nơi nhận and signers, each proposed by the portal and the author's to change."""

    summary = forms.CharField(
        label=_("Trích yếu"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    bases = forms.CharField(
        label=_("Căn cứ"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một dòng “Căn cứ …” in nghiêng, theo thứ tự in; một dòng có thể dẫn nhiều văn bản."),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace small", "spellcheck": "false"}),
        help_text=_(
            "Mỗi dòng một đoạn. Dòng đánh số “I.”, “1.”, “1.1.”, “a)” không kết thúc bằng dấu câu là đề mục."
            " Dòng “[[…]]” là phần cổng lập từ dữ liệu (bảng, nhiệm vụ…): đặt ở đâu in ở đó, xóa dòng thì"
            " không in. “_…_”: đoạn in nghiêng; “**Tiêu đề:** nội dung”: đoạn có phần đầu in đậm."
        ),
        error_messages={"required": _("Văn bản phải có nội dung.")},
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một nơi nhận, ví dụ “Như trên”, “Bộ Dân tộc và Tôn giáo (b/c)”; dòng Lưu ở ô dưới."),
    )
    archive = forms.CharField(label=_("Lưu"), required=False, max_length=200, help_text=_("Ví dụ: VT, KTN"))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slot in range(1, SIGNER_SLOTS + 1):
            self.fields[f"signer_{slot}"] = signer_field()
            self.fields[f"signer_{slot}"].label = _("Người ký %(n)s: chọn trong danh mục") % {"n": slot}
            self.fields[f"signer_{slot}_authority"] = forms.CharField(
                label=_("Thẩm quyền ký (mỗi dòng một dòng: TM., KT., Q., TL., TUQ. …)"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"signer_{slot}_title"] = forms.CharField(label=_("Chức vụ"), required=False, max_length=100)
            self.fields[f"signer_{slot}_name"] = forms.CharField(label=_("Họ và tên"), required=False, max_length=100)
            self.fields[f"signer_{slot}_hint"] = forms.CharField(
                label=_("Dòng ghi chú dưới chức vụ"),
                required=False,
                max_length=100,
                help_text=_("Ví dụ: (Ký, ghi rõ họ tên)"),
            )

    def signer_slots(self):
        """The signer fields grouped by slot, for the template."""
        return [
            [self[f"signer_{slot}{suffix}"] for suffix in ("", "_authority", "_title", "_name", "_hint")]
            for slot in range(1, SIGNER_SLOTS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("summary", "bases", "body", "recipients"):
            if name in cleaned:
                cleaned[name] = clean_multiline(cleaned[name])
        if "archive" in cleaned:
            cleaned["archive"] = clean(cleaned["archive"])
        for slot in range(1, SIGNER_SLOTS + 1):
            prefix = f"signer_{slot}"
            signer = cleaned.pop(prefix, None)
            if signer is not None:
                cleaned[f"{prefix}_name"], cleaned[f"{prefix}_title"] = signer.name, signer.title
                cleaned[f"{prefix}_authority"] = signer.authority
            for suffix in ("_title", "_name", "_hint"):
                cleaned[prefix + suffix] = clean(cleaned.get(prefix + suffix, ""))
            cleaned[prefix + "_authority"] = clean_multiline(cleaned.get(prefix + "_authority", ""))
        return cleaned

    def signatures(self) -> tuple[Signature, ...]:
        cleaned = self.cleaned_data
        found = []
        for slot in range(1, SIGNER_SLOTS + 1):
            prefix = f"signer_{slot}"
            authority = [line.strip() for line in cleaned[prefix + "_authority"].splitlines() if line.strip()]
            title, name, hint = cleaned[prefix + "_title"], cleaned[prefix + "_name"], cleaned[prefix + "_hint"]
            if authority or title or name:
                found.append(Signature(authority, title, name, hint))
        return tuple(found)

    @staticmethod
    def initial_from(outline, revision: int) -> dict:
        initial = {
            "summary": outline.summary,
            "bases": outline.bases,
            "body": outline.body,
            "recipients": outline.recipients,
            "archive": outline.archive,
            "revision": revision,
        }
        for slot, signature in enumerate(outline.signatures[:SIGNER_SLOTS], start=1):
            initial[f"signer_{slot}_authority"] = "\n".join(signature.authority_lines)
            initial[f"signer_{slot}_title"] = signature.title
            initial[f"signer_{slot}_name"] = signature.name
            initial[f"signer_{slot}_hint"] = signature.hint
        return initial
