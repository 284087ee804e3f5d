from django.urls import path

from rooms import staff_views, views

app_name = "rooms"

urlpatterns = [
    path("rooms/", views.room_list, name="list"),
    path("rooms/cancel/<str:token>/", views.booking_cancel, name="cancel"),
    path("rooms/bookings/<int:pk>/receipt.pdf", staff_views.receipt, name="receipt"),
    path("rooms/<slug:slug>/", views.room_detail, name="detail"),
    path("staff/rooms/calendar/", staff_views.calendar_index, name="calendar_index"),
    path("staff/rooms/calendar/<slug:branch>/", staff_views.calendar, name="calendar"),
    path("staff/rooms/statistics/", staff_views.statistics, name="statistics"),
]
