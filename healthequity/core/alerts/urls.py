from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("new/", views.signup, name="signup"),
    path("check-your-email/", views.check_your_email, name="check_your_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
