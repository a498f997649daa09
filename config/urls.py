from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from kantoor import views as kantoor_views
from kantoor.forms import WachtwoordResetForm
from taken.urls import relatie_urlpatterns as taken_relatie_urls

urlpatterns = [
    path("inloggen/", kantoor_views.LoginView.as_view(), name="login"),
    path("inloggen/kantoor/", kantoor_views.kantoor_kiezen, name="kantoor_kiezen"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", kantoor_views.taal_kiezen, name="taal_kiezen"),
    path("gezond/", kantoor_views.gezond, name="gezond"),
    # Beheer's login page is the same view: throttled, and an address used at several offices
    # chooses the office (issue 9 item 6). Django's own would log into the first that matches.
    path(
        "beheer/login/",
        kantoor_views.LoginView.as_view(redirect_authenticated_user=False),
        name="beheer_login",
    ),
    path("beheer/", admin.site.urls),
    path("relaties/", include("teams.urls")),
    # Before relaties: the tab Overeenkomsten & taken belongs to taken.
    path("relaties/<int:pk>/werk/", include((taken_relatie_urls, "taken_relatie"))),
    path("relaties/", include("relaties.urls")),
    path("taken/", include("taken.urls")),
    path("", kantoor_views.start, name="start"),
]

# Password reset (issue 3): imported employees set their first password here. Django's views,
# our templates (templates/registration/) and a form that also serves employees without a
# usable password; all public (the views are marked login_not_required).
urlpatterns += [
    path(
        "wachtwoord/vergeten/",
        login_not_required(
            auth_views.PasswordResetView.as_view(
                form_class=WachtwoordResetForm,
                email_template_name="registration/password_reset_email.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        login_not_required(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
