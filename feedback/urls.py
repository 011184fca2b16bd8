"""Addresses outside the page tree: "Something not right?" works for any page on the site."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("report-a-problem/", views.report_problem, name="report_problem"),
    path("report-a-problem/thank-you/", views.report_problem_thank_you, name="report_problem_thank_you"),
]
