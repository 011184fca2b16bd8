"""Email addresses we can send to safely, and recipient lists that stay lists.

Django's `EmailValidator` accepts what RFC 5322 allows, quoted local parts included, so
`"a,victim@evil.example,b"@example.org` passes it. Such an address is one mailbox to the standard
but several to any code, mail client or relay that splits a header on commas: the confirmation
could go to a third party. Nobody needs one to reach us, so we take only the everyday form: a local
part of letters, digits and the usual dot-atom symbols (no quotes, commas, semicolons, angle
brackets or spaces) at a domain Django's validator accepts.

Recipients travel as lists from the setting or the record to the outbox and to the mail library;
a string is one address, never split.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible

__all__ = ["SENDABLE_EMAIL_MESSAGE", "UnsafeAddress", "recipient_list", "validate_sendable_email"]

SENDABLE_EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.org"
# RFC 5322's dot-atom, in ASCII: what everyday addresses are made of.
DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


class UnsafeAddress(ValueError):
    """A recipient the outbox will not send to."""


@deconstructible
class SendableEmailValidator:
    """Django's email validation, plus a plain dot-atom local part."""

    message = SENDABLE_EMAIL_MESSAGE
    code = "invalid"

    def __call__(self, value):
        value = str(value)
        EmailValidator(message=self.message, code=self.code)(value)
        local_part = value.rpartition("@")[0]
        if not DOT_ATOM.match(local_part) or len(local_part) > 64:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return isinstance(other, SendableEmailValidator)


validate_sendable_email = SendableEmailValidator()


def recipient_list(value):
    """A list of addresses from a list, a tuple or one address; blanks dropped, nothing split.

    Raises `UnsafeAddress` naming the first address we cannot send to safely.
    """
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    recipients = []
    for address in values:
        address = str(address).strip()
        if not address:
            continue
        try:
            validate_sendable_email(address)
        except ValidationError:
            raise UnsafeAddress(f"Refusing to send to {address!r}: not an address we can send to safely.") from None
        recipients.append(address)
    return recipients
