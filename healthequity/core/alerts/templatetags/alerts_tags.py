from django import template

from healthequity.core.alerts.signup import alert_signup_path

register = template.Library()


@register.simple_tag
def alert_signup_url(page, finder=None):
    """The "Get emails" address for the view a finder shows on `page` ("" if it offers none)."""
    return alert_signup_path(getattr(page, "specific", page), finder)
