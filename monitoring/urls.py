from django.urls import path

from monitoring.views import handovers, index, tasks

app_name = "monitoring"
urlpatterns = [
    path("", index.index, name="index"),
    path("co-quan/", tasks.agency_list, name="agency_list"),
    path("co-quan/them/", tasks.agency_create, name="agency_create"),
    path("co-quan/<int:pk>/sua/", tasks.agency_update, name="agency_update"),
    path("ke-hoach-trien-khai/", tasks.plan_list, name="plan_list"),
    path("ke-hoach-trien-khai/them/", tasks.plan_create, name="plan_create"),
    path("ke-hoach-trien-khai/<int:pk>/", tasks.plan_detail, name="plan_detail"),
    path("ke-hoach-trien-khai/<int:pk>/sua/", tasks.plan_update, name="plan_update"),
    path("ke-hoach-trien-khai/<int:pk>/pdf/", tasks.plan_pdf, name="plan_pdf"),
    path("ke-hoach-trien-khai/<int:pk>/docx/", tasks.plan_docx, name="plan_docx"),
    path("ke-hoach-trien-khai/<int:pk>/nhiem-vu/them/", tasks.task_create, name="task_create"),
    path("nhiem-vu/", tasks.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", tasks.task_update, name="task_update"),
    path("nhiem-vu/<int:pk>/xoa/", tasks.task_delete, name="task_delete"),
    path("nhiem-vu/<int:pk>/bao-cao/", tasks.task_report, name="task_report"),
    path("ban-giao/", handovers.handover_list, name="handover_list"),
    path("ban-giao/them/", handovers.handover_create, name="handover_create"),
    path("ban-giao/<int:pk>/", handovers.handover_detail, name="handover_detail"),
    path("ban-giao/<int:pk>/sua/", handovers.handover_update, name="handover_update"),
    path("ban-giao/<int:pk>/xoa/", handovers.handover_delete, name="handover_delete"),
    path("ban-giao/<int:pk>/pdf/", handovers.handover_pdf, name="handover_pdf"),
    path("ban-giao/<int:pk>/docx/", handovers.handover_docx, name="handover_docx"),
    path("ban-giao/<int:pk>/ho/them/", handovers.household_create, name="household_create"),
    path("ho-huong-loi/", handovers.household_list, name="household_list"),
    path("ho-huong-loi/<int:pk>/", handovers.household_detail, name="household_detail"),
    path("ho-huong-loi/<int:pk>/sua/", handovers.household_update, name="household_update"),
    path("ho-huong-loi/<int:pk>/xoa/", handovers.household_delete, name="household_delete"),
    path("ho-huong-loi/<int:pk>/hang/them/", handovers.item_create, name="item_create"),
    path("ho-huong-loi/<int:pk>/kiem-tra/them/", handovers.check_create, name="check_create"),
    path("hang-ho-tro/<int:pk>/sua/", handovers.item_update, name="item_update"),
    path("hang-ho-tro/<int:pk>/xoa/", handovers.item_delete, name="item_delete"),
]
