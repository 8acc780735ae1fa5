from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
