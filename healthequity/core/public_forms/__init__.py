"""The public-form toolkit: what every form the public sends us shares, whichever app owns it.

- forms.py: `PublicFormMixin` (plain messages by each field and in a summary, a bound on every
  field, no control characters, honeypot, signed start time, idempotency token) and its fields;
- abuse.py: the signed start time and the rate limit per client address (django-ratelimit);
- views.py: `handle_public_form`, the one path every form follows, its signed confirmation pages
  and the clear 405, 413 and 503 pages;
- models.py: the abstract `PublicRecord` and the `OutgoingEmail` outbox;
- addresses.py: addresses we can send to safely, and recipient lists that stay lists;
- emails.py: queueing, sending (the `send_email` task) and retrying the outbox with back-off;
- privacy.py: retention (anonymising every `PublicRecord`, apps adding their own through the
  `purge_personal_data` hook);
- permissions.py: the permission to see personal data;
- admin.py: the admin's permission policy and history for public records (for wagtail_hooks).

Templates are under core/public_forms/. Settings: PUBLIC_FORM_RATE_LIMITS,
PUBLIC_FORM_MIN_FILL_SECONDS, PUBLIC_FORM_MAX_AGE_SECONDS, PUBLIC_FORM_MAX_BYTES,
EMAIL_MAX_ATTEMPTS, PERSONAL_DATA_RETENTION_MONTHS, PRIVACY_NOTICE_URL, TRUSTED_PROXY_COUNT.
"""

from healthequity.core.public_forms.abuse import RateLimit, form_started_token, seconds_since_form_started
from healthequity.core.public_forms.addresses import (
    SENDABLE_EMAIL_MESSAGE,
    UnsafeAddress,
    recipient_list,
    validate_public_web_address,
    validate_sendable_email,
)
from healthequity.core.public_forms.emails import (
    admin_url,
    build_message,
    deliver,
    one_line,
    queue,
    send_email,
    send_pending,
    send_soon,
)
from healthequity.core.public_forms.forms import (
    CONTROL_CHARACTERS_MESSAGE,
    EMAIL_MESSAGE,
    GROUP_TREE_ORDER,
    URL_MESSAGE,
    GroupCheckboxSelectMultiple,
    PublicFormMixin,
    SafeModelMultipleChoiceField,
    has_control_characters,
    required,
)
from healthequity.core.public_forms.models import ANONYMISED, OutgoingEmail, OutgoingEmailStatus, PublicRecord
from healthequity.core.public_forms.permissions import PERSONAL_DATA_PERMISSION, can_see_personal_data
from healthequity.core.public_forms.privacy import (
    ANONYMISE_ACTION,
    PURGE_HOOK,
    months_before,
    public_record_models,
    purge_personal_data,
)
from healthequity.core.public_forms.views import (
    FORM_METHODS,
    READ_METHODS,
    body_too_large,
    confirmation_page,
    confirmation_reference,
    confirmed_record,
    handle_public_form,
    help_email,
    method_not_allowed,
    previous_record,
    request_too_large,
    store_once,
    try_again,
    with_reference,
)

__all__ = [
    "ANONYMISED",
    "ANONYMISE_ACTION",
    "CONTROL_CHARACTERS_MESSAGE",
    "EMAIL_MESSAGE",
    "FORM_METHODS",
    "GROUP_TREE_ORDER",
    "PERSONAL_DATA_PERMISSION",
    "PURGE_HOOK",
    "READ_METHODS",
    "URL_MESSAGE",
    "GroupCheckboxSelectMultiple",
    "OutgoingEmail",
    "OutgoingEmailStatus",
    "PublicFormMixin",
    "PublicRecord",
    "RateLimit",
    "SENDABLE_EMAIL_MESSAGE",
    "UnsafeAddress",
    "SafeModelMultipleChoiceField",
    "admin_url",
    "body_too_large",
    "can_see_personal_data",
    "confirmation_page",
    "confirmation_reference",
    "confirmed_record",
    "build_message",
    "deliver",
    "form_started_token",
    "handle_public_form",
    "has_control_characters",
    "help_email",
    "method_not_allowed",
    "months_before",
    "one_line",
    "previous_record",
    "public_record_models",
    "purge_personal_data",
    "queue",
    "recipient_list",
    "request_too_large",
    "required",
    "seconds_since_form_started",
    "send_email",
    "send_pending",
    "send_soon",
    "store_once",
    "try_again",
    "validate_public_web_address",
    "validate_sendable_email",
    "with_reference",
]
