from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("xxgk/<slug:township_slug>/nianbao/", views.report_list, name="report_list"),
    path("xxgk/<slug:township_slug>/nianbao/<int:year>/", views.report_detail,
         name="report_detail"),
    path("xxgk/<slug:township_slug>/nianbao/<int:year>/report.docx", views.report_docx,
         name="report_docx"),
    path("xxgk/<slug:township_slug>/nianbao/<int:year>/report.pdf", views.report_pdf,
         name="report_pdf"),
    path("xxgk/<slug:township_slug>/nianbao/<int:year>/tables.xlsx", views.report_xlsx,
         name="report_xlsx"),
    path("xxgk/<slug:township_slug>/nianbao/<int:year>/file/<int:attachment_id>/",
         views.attachment_download, name="attachment_download"),
]
