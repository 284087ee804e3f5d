from django.urls import path

from rooms import views

app_name = "rooms"

urlpatterns = [
    path("rooms/", views.room_list, name="list"),
    path("rooms/cancel/<str:token>/", views.booking_cancel, name="cancel"),
    path("rooms/<slug:slug>/", views.room_detail, name="detail"),
]
