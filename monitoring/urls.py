from django.urls import path

from monitoring.views import evaluations, index, inspections

app_name = "monitoring"
urlpatterns = [
    path("", index.index, name="index"),
    path("kiem-tra/ke-hoach/", inspections.plan_list, name="inspection_plan_list"),
    path("kiem-tra/ke-hoach/them/", inspections.plan_create, name="inspection_plan_create"),
    path("kiem-tra/ke-hoach/<int:pk>/", inspections.plan_detail, name="inspection_plan_detail"),
    path("kiem-tra/ke-hoach/<int:pk>/sua/", inspections.plan_update, name="inspection_plan_update"),
    path("kiem-tra/ke-hoach/<int:pk>/xoa/", inspections.plan_delete, name="inspection_plan_delete"),
    path("kiem-tra/ke-hoach/<int:pk>/dot/them/", inspections.round_create, name="inspection_round_create"),
    path("kiem-tra/dot/", inspections.round_list, name="inspection_round_list"),
    path("kiem-tra/dot/<int:pk>/", inspections.round_detail, name="inspection_round_detail"),
    path("kiem-tra/dot/<int:pk>/sua/", inspections.round_update, name="inspection_round_update"),
    path("kiem-tra/dot/<int:pk>/xoa/", inspections.round_delete, name="inspection_round_delete"),
    path("kiem-tra/dot/<int:pk>/ket-qua/", inspections.round_checklist_edit, name="inspection_round_checklist"),
    path("kiem-tra/dot/<int:pk>/pdf/", inspections.round_pdf, name="inspection_round_pdf"),
    path("kiem-tra/dot/<int:pk>/docx/", inspections.round_docx, name="inspection_round_docx"),
    path("kiem-tra/dot/<int:pk>/khac-phuc/them/", inspections.remediation_create, name="remediation_create"),
    path("kiem-tra/khac-phuc/", inspections.remediation_list, name="remediation_list"),
    path("kiem-tra/khac-phuc/excel/", inspections.remediation_export, name="remediation_export"),
    path("kiem-tra/khac-phuc/<int:pk>/", inspections.remediation_detail, name="remediation_detail"),
    path("kiem-tra/khac-phuc/<int:pk>/sua/", inspections.remediation_update, name="remediation_update"),
    path("kiem-tra/khac-phuc/<int:pk>/xoa/", inspections.remediation_delete, name="remediation_delete"),
    path("kiem-tra/khac-phuc/<int:pk>/cap-nhat/", inspections.remediation_status, name="remediation_status"),
    path("kiem-tra/khac-phuc/<int:pk>/mo-lai/", inspections.remediation_reopen, name="remediation_reopen"),
    path("danh-gia/", evaluations.evaluation_list, name="evaluation_list"),
    path("danh-gia/them/", evaluations.evaluation_create, name="evaluation_create"),
    path("danh-gia/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("danh-gia/<int:pk>/sua/", evaluations.evaluation_update, name="evaluation_update"),
    path("danh-gia/<int:pk>/xoa/", evaluations.evaluation_delete, name="evaluation_delete"),
    path("danh-gia/<int:pk>/pdf/", evaluations.evaluation_pdf, name="evaluation_pdf"),
    path("danh-gia/<int:pk>/docx/", evaluations.evaluation_docx, name="evaluation_docx"),
    path("danh-gia/<int:pk>/chi-tieu/them/", evaluations.indicator_create, name="indicator_create"),
    path("danh-gia/chi-tieu/<int:pk>/sua/", evaluations.indicator_update, name="indicator_update"),
    path("danh-gia/chi-tieu/<int:pk>/xoa/", evaluations.indicator_delete, name="indicator_delete"),
]
