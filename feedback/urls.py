from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.feedback_form, name="form"),
    path("feedback/answered/", views.feedback_answered, name="answered"),
    path("feedback/track/<str:token>/", views.feedback_track, name="track"),
    path("feedback/mine/", views.my_data, name="mine"),
    path("feedback/mine/feedback/<int:pk>/delete/", views.my_feedback_delete, name="mine_feedback_delete"),
    path("feedback/mine/surveys/<int:pk>/delete/", views.my_participation_delete, name="mine_participation_delete"),
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/<slug:slug>/", views.survey_answer, name="survey"),
    path("surveys/<slug:slug>/thanks/", views.survey_done, name="survey_done"),
    path("surveys/<slug:slug>/results/", views.survey_public_results, name="results"),
    path("surveys/<slug:slug>/report/", views.survey_report, name="report"),
    path("surveys/<slug:slug>/export.csv", views.survey_export_csv, name="export_csv"),
    path("surveys/<slug:slug>/export.xlsx", views.survey_export_xlsx, name="export_xlsx"),
]
