"""Create the demo admin login that `make run` prints. Only the dev settings define one."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser named in the dev settings and print its login."

    def handle(self, *args, **options):
        username = getattr(settings, "DEMO_ADMIN_USERNAME", None)
        password = getattr(settings, "DEMO_ADMIN_PASSWORD", None)
        if not (settings.DEBUG and username and password):
            raise CommandError("The demo admin exists only with the dev settings (healthequity.settings.dev).")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@healthequity.example"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin {'created' if created else 'ready'}: http://127.0.0.1:8000/admin/ "
                f"username '{username}', password '{password}' (dev settings only)"
            )
        )
