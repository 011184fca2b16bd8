from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """ "Something not right?": readers report a problem with any page; editors resolve it."""

    name = "feedback"
    verbose_name = "Feedback"
