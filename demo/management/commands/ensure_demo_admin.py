"""Create the demo logins that `make run` prints. Only the dev settings define them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from demo.editorial import EDITOR_USERNAME, draft_for_review, submit_draft_for_review
from healthequity.core.site_urls import admin_url

# username, first name, last name, group, what they can do
DEMO_TEAM = [
    (EDITOR_USERNAME, "Eddie", "Editor", "Editors", "Editor (drafts, submits for review)"),
    ("moderator", "Mo", "Moderator", "Moderators", "Moderator (reviews and publishes)"),
]


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo superuser named in the dev settings, a demo editor and a demo "
        "moderator, and print their logins. The editor submits the demo draft brief for review."
    )

    def handle(self, *args, **options):
        username = getattr(settings, "DEMO_ADMIN_USERNAME", None)
        password = getattr(settings, "DEMO_ADMIN_PASSWORD", None)
        if not (settings.DEBUG and username and password):
            raise CommandError("The demo admin exists only with the dev settings (healthequity.settings.dev).")
        User = get_user_model()

        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@healthequity.example"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        logins = [("Admin (everything)", username, created)]

        for member_username, first_name, last_name, group_name, role in DEMO_TEAM:
            try:
                group = Group.objects.get(name=group_name)
            except Group.DoesNotExist as error:
                raise CommandError(f'The "{group_name}" group is missing: run `manage.py migrate` first.') from error
            member, created = User.objects.get_or_create(
                username=member_username,
                defaults={
                    "email": f"{member_username}@healthequity.example",
                    "first_name": first_name,
                    "last_name": last_name,
                },
            )
            member.is_active = True
            member.is_staff = member.is_superuser = False
            member.set_password(password)
            member.save()
            member.groups.add(group)
            logins.append((role, member_username, created))

        editor = User.objects.get(username=EDITOR_USERNAME)
        draft = draft_for_review()
        if draft is not None and submit_draft_for_review(draft, editor):
            self.stdout.write(f"The demo editor submitted “{draft.title}” for moderation.")

        # Last, after any email the submission printed: the newcomer reads the logins first.
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Three demo logins, password '{password}' (dev settings only):"))
        for role, login, was_created in logins:
            self.stdout.write(f"  {login:<10} {role}{'' if was_created else ' (already there; password reset)'}")
        self.stdout.write(self.style.SUCCESS(f"Sign in at {admin_url('wagtailadmin_home')}"))
