from django.urls import path

from services import views
from services.models import Page

app_name = "services"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("branches/", views.branch_list, name="branch_list"),
    path("branches/<slug:slug>/", views.branch_detail, name="branch_detail"),
    path("about/principles/", views.principles, name="principles"),
    path("about/accessibility/", views.content_page, {"slug": Page.Slug.ACCESSIBILITY}, name="accessibility"),
    path("about/privacy/", views.content_page, {"slug": Page.Slug.PRIVACY}, name="privacy"),
]
