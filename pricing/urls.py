from django.urls import path

from pricing import views

app_name = "pricing"

urlpatterns = [
    path("prices/", views.current_list, name="current"),
    path("prices/quote/", views.quote, name="quote"),
    path("prices/pdf/", views.current_pdf, name="current_pdf"),
    path("prices/<int:pk>/", views.version, name="version"),
    path("prices/<int:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path("prices/<int:pk>/csv/", views.version_csv, name="version_csv"),
]
