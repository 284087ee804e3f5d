from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from feedback import api as feedback_api
from ill import api as ill_api
from ill.iso18626.receive import iso18626_endpoint
from library_portal import views
from library_portal.api import TokenObtainView
from library_portal.forms import NewPasswordForm
from pricing import api as pricing_api
from rooms import api as rooms_api
from services import api as services_api
from services import hours as services_hours

admin.site.site_header = _("Library portal back office")
admin.site.site_title = _("Library portal")
admin.site.index_title = _("Back office")

api_v1 = [
    path("auth/token/", TokenObtainView.as_view(), name="token"),
    path("branches/", services_api.BranchListApi.as_view(), name="branch-list"),
    # Before the branch by slug: "live" names no branch.
    path("branches/live/", services_hours.BranchesLiveApi.as_view(), name="branch-live"),
    path("branches/<slug:slug>/", services_api.BranchDetailApi.as_view(), name="branch-detail"),
    path("branches/<slug:slug>/hours/", services_hours.BranchHoursApi.as_view(), name="branch-hours"),
    path("services/", services_api.ServiceListApi.as_view(), name="service-list"),
    path("services/<slug:slug>/", services_api.ServiceDetailApi.as_view(), name="service-detail"),
    path("partners/", services_api.PartnerListApi.as_view(), name="partner-list"),
    path("e-services/", services_api.EServiceListApi.as_view(), name="eservice-list"),
    path("events/", services_api.EventListApi.as_view(), name="event-list"),
    path("events/<int:pk>/", services_api.EventDetailApi.as_view(), name="event-detail"),
    path(
        "events/<int:pk>/registrations/",
        services_api.EventRegistrationApi.as_view(),
        name="event-registration-create",
    ),
    path("price-lists/current/", pricing_api.CurrentPriceListApi.as_view(), name="price-list-current"),
    path("price-lists/quote/", pricing_api.QuoteApi.as_view(), name="price-list-quote"),
    path("price-lists/<int:pk>/", pricing_api.PriceListApi.as_view(), name="price-list-detail"),
    path("rooms/", rooms_api.RoomListApi.as_view(), name="room-list"),
    path("rooms/<slug:slug>/availability/", rooms_api.AvailabilityApi.as_view(), name="room-availability"),
    path("rooms/<slug:slug>/bookings/", rooms_api.RoomBookingApi.as_view(), name="room-booking-create"),
    path("bookings/", rooms_api.BookingListApi.as_view(), name="booking-list"),
    path("bookings/<int:pk>/cancel/", rooms_api.BookingCancelApi.as_view(), name="booking-cancel"),
    path("ill/requests/", ill_api.RequestListApi.as_view(), name="ill-request-list"),
    path("ill/requests/<int:pk>/", ill_api.RequestDetailApi.as_view(), name="ill-request-detail"),
    path("ill/requests/<int:pk>/cancel/", ill_api.RequestCancelApi.as_view(), name="ill-request-cancel"),
    path("ill/iso18626/", iso18626_endpoint, name="ill-iso18626"),
    path("feedback/", feedback_api.FeedbackCreateApi.as_view(), name="feedback-create"),
    path("surveys/<slug:slug>/", feedback_api.SurveyApi.as_view(), name="survey-detail"),
    path("surveys/<slug:slug>/responses/", feedback_api.SurveyResponseApi.as_view(), name="survey-responses"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
account = [
    path("register/", views.account_register, name="account_register"),
    path("verify/<str:token>/", views.account_verify, name="account_verify"),
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("profile/", views.account_profile, name="account_profile"),
    path("password-reset/", views.PasswordResetView.as_view(), name="account_password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="account/password_reset_done.html"),
        name="account_password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            template_name="account/password_reset_confirm.html",
            success_url=reverse_lazy("account_login"),
        ),
        name="account_password_reset_confirm",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("account/", include(account)),
    path("", include("services.urls")),
    path("", include("pricing.urls")),
    path("", include("ill.urls")),
    path("", include("feedback.urls")),
    path("", include("rooms.urls")),
    path("", include("news.urls")),
    path("", include("search.urls")),
    prefix_default_language=True,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "library_portal.views.bad_request"
handler403 = "library_portal.views.permission_denied"
handler404 = "library_portal.views.page_not_found"
handler500 = "library_portal.views.server_error"
