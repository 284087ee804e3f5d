from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("news/", views.article_list, name="list"),
    path("news/feed/", views.feed, name="feed"),
    path("news/feed/<slug:slug>/", views.feed, name="branch_feed"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("notices/dismiss/", views.notice_dismiss_view, name="notice_dismiss"),
]
