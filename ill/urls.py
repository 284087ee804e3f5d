from django.urls import path

from ill import views

app_name = "ill"

urlpatterns = [
    path("ill/", views.request_list, name="list"),
    path("ill/new/", views.request_new, name="new"),
    path("ill/<int:pk>/", views.request_detail, name="detail"),
    path("ill/<int:pk>/cancel/", views.request_cancel, name="cancel"),
]
