"""Email addresses we can send to safely, recipient lists that stay lists, and web addresses a
public page may link to.

Django's `EmailValidator` accepts what RFC 5322 allows, quoted local parts included, so
`"a,victim@evil.example,b"@example.org` passes it. Such an address is one mailbox to the standard
but several to any code, mail client or relay that splits a header on commas: the confirmation
could go to a third party. Nobody needs one to reach us, so we take only the everyday form: a local
part of letters, digits and the usual dot-atom symbols (no quotes, commas, semicolons, angle
brackets or spaces) at a domain Django's validator accepts.

Recipients travel as lists from the setting or the record to the outbox and to the mail library;
a string is one address, never split.
"""

import ipaddress
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible

__all__ = [
    "SENDABLE_EMAIL_MESSAGE",
    "UnsafeAddress",
    "recipient_list",
    "validate_public_web_address",
    "validate_sendable_email",
]

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


PORT_MESSAGE = "Enter a web address with a real port number (1 to 65535), or none, like https://www.example.org"
PRIVATE_ADDRESS_MESSAGE = (
    "Enter the address of a public website, like https://www.example.org: this one points to a "
    "computer's own or a private network, which other people cannot open"
)
# Names that never reach a public website: the machine itself, and names kept for private networks.
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")


def validate_public_web_address(value):
    """A web address a public page may link to: a port that exists, and a host on the internet.

    Django's URL validator accepts any five-digit port (`http://[::1]:99999`, which Python's own
    parser then refuses) and any host, loopback and private networks included. The site publishes
    what funders send, so it must not link readers to their own machine or someone's intranet.
    Names are not looked up (that would take time, and what they point to can change): literal
    addresses and the reserved names are refused.
    """
    parts = urlsplit(str(value))
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(PORT_MESSAGE, code="port") from None
    if port == 0:
        raise ValidationError(PORT_MESSAGE, code="port")
    host = (parts.hostname or "").rstrip(".").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if not address.is_global or address.is_multicast:
            raise ValidationError(PRIVATE_ADDRESS_MESSAGE, code="private")
    elif host == "localhost" or host.endswith(LOCAL_SUFFIXES) or "." not in host:
        raise ValidationError(PRIVATE_ADDRESS_MESSAGE, code="private")
