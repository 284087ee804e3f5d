from django.urls import path

from services import hours, views
from services.models import Page

app_name = "services"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("branches/", views.branch_list, name="branch_list"),
    path("branches/<slug:slug>/", views.branch_detail, name="branch_detail"),
    path("embed/hours/<slug:slug>/", hours.embed_hours, name="embed_hours"),
    path("e-services/", views.eservice_list, name="eservice_list"),
    path("e-services/<slug:slug>/", views.eservice_detail, name="eservice_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/feed.ics", views.event_feed, name="event_feed"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/confirm/<str:token>/", views.registration_confirm, name="registration_confirm"),
    path("events/cancel/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("staff/events/<int:pk>/", views.event_staff, name="event_staff"),
    path("staff/consultations/", views.consultation_add, name="consultation_add"),
    path("staff/consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("staff/consultations/<int:pk>/delete/", views.consultation_remove, name="consultation_remove"),
    path("staff/e-service-statistics/", views.statistics, name="statistics"),
    path("about/principles/", views.principles, name="principles"),
    path("about/accessibility/", views.content_page, {"slug": Page.Slug.ACCESSIBILITY}, name="accessibility"),
    path("about/privacy/", views.content_page, {"slug": Page.Slug.PRIVACY}, name="privacy"),
]
