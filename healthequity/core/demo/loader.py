"""Build the demo site from the data modules beside this one.

Everything is keyed: pages by their slug under their parent, authors by name, images and
documents by title, library links by organisation and title, topics by slug. A second run
finds it all present and changes nothing: no new pages, revisions, snippets or images.
"""

import datetime
from collections import Counter
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from blog.models import BlogPage
from healthequity.core.models import (
    Author,
    EvidencePageAuthor,
    HomePage,
    InequalityGroup,
    SocialMediaSettings,
    StandardPage,
    Topic,
    TopicKind,
)
from library.models import LibraryLink
from panel.models import PanelPostPage
from resources.models import ResourcePage, WhatWorksBriefPage

from .blog_a import POLICY_POSTS
from .blog_b import GROUP_POSTS
from .briefs_a import SYSTEM_BRIEFS
from .briefs_b import GROUP_BRIEFS
from .documents import DOCUMENTS, document_bytes
from .images import DEFAULT_SHARING_IMAGE, LANDSCAPE_IMAGES, draw_landscape, draw_portrait, to_jpeg
from .library import LIBRARY_LINKS
from .panel import PANEL_POSTS
from .people import AUTHORS, EXTRA_TOPICS
from .policies import ACCESSIBILITY_PAGE, PRIVACY_PAGE
from .resources_funding import FUNDING_RESOURCES
from .resources_other import OTHER_RESOURCES
from .site import ABOUT_PAGE, HOME, INDEX_PAGES
from .stream import resolve_findings, resolve_media

__all__ = ["DemoContentLoader"]

SITE_HOSTNAME = "localhost"
SITE_PORT = 80


class DemoContentLoader:
    """Create whatever demo content is missing and count what was created and what was present."""

    def __init__(self):
        self.created = Counter()
        self.present = Counter()
        self.site_updated = False

    def run(self):
        with transaction.atomic():
            self.topics = self.load_topics()
            self.groups = {group.slug: group for group in InequalityGroup.objects.all()}
            self.images = self.load_images()
            self.documents = self.load_documents()
            self.authors = self.load_authors()

            home = self.load_home()
            site = self.point_site_at(home)
            self.load_social_media_settings(site)
            index = {slug: self.load_index_page(home, slug, *rest) for slug, *rest in INDEX_PAGES}
            for spec in (ABOUT_PAGE, PRIVACY_PAGE, ACCESSIBILITY_PAGE):
                self.load_standard_page(home, spec)

            for spec in FUNDING_RESOURCES + OTHER_RESOURCES:
                self.load_evidence_page(
                    index["resources"],
                    ResourcePage,
                    "Resources",
                    spec,
                    resource_type=spec["resource_type"],
                    body=self.body(spec),
                )
            for spec in SYSTEM_BRIEFS + GROUP_BRIEFS:
                self.load_evidence_page(
                    index["resources"], WhatWorksBriefPage, "What works briefs", spec, **self.brief_fields(spec)
                )
            for spec in POLICY_POSTS + GROUP_POSTS:
                self.load_evidence_page(
                    index["blog"],
                    BlogPage,
                    "Blog posts",
                    spec,
                    is_guest_post=spec.get("is_guest_post", False),
                    body=self.body(spec),
                )
            for spec in PANEL_POSTS:
                self.load_evidence_page(
                    index["citizens-panel"],
                    PanelPostPage,
                    "Citizens' Panel posts",
                    spec,
                    member_display_name=spec["member_display_name"],
                    body=self.body(spec),
                )
            self.load_library_links()
        return self

    def summary_lines(self):
        labels = sorted(set(self.created) | set(self.present))
        lines = [f"{label}: {self.created[label]} created, {self.present[label]} already present" for label in labels]
        site = f"{SITE_HOSTNAME}:{SITE_PORT}"
        lines.append(f"Default site {site}: " + ("now points at the home page" if self.site_updated else "unchanged"))
        return lines

    def _count(self, label, created):
        (self.created if created else self.present)[label] += 1

    # Snippets, taxonomy and images

    def load_topics(self):
        for slug, name in EXTRA_TOPICS:
            _, created = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "kind": TopicKind.OTHER})
            self._count("Topics (other)", created)
        return {topic.slug: topic for topic in Topic.objects.all()}

    def load_images(self):
        """Return {title: image} for every demo image, drawing only those not yet stored."""
        image_model = get_image_model()
        wanted = [
            (title, description, lambda title=title: draw_landscape(title))
            for title, description, *_ in LANDSCAPE_IMAGES
        ]
        wanted += [
            (
                self.portrait_title(name),
                f"Placeholder portrait of {name}: initials on a soft gradient.",
                lambda name=name, seed=seed: draw_portrait(name, seed),
            )
            for seed, (name, *_) in enumerate(AUTHORS)
        ]
        stored = {image.title: image for image in image_model.objects.filter(title__in=[title for title, *_ in wanted])}
        for title, description, draw in wanted:
            if title in stored:
                self._count("Images", False)
                continue
            data = to_jpeg(draw())
            image = image_model(
                title=title,
                description=description,
                file=ImageFile(BytesIO(data), name=f"demo-{slugify(title)}.jpg"),
                file_size=len(data),
                file_hash=hash_filelike(BytesIO(data)),
            )
            image.save()
            stored[title] = image
            self._count("Images", True)
        return stored

    def load_documents(self):
        document_model = get_document_model()
        stored = {doc.title: doc for doc in document_model.objects.filter(title__in=[title for title, *_ in DOCUMENTS])}
        for title, file_name, rows in DOCUMENTS:
            if title in stored:
                self._count("Documents", False)
                continue
            data = document_bytes(rows)
            stored[title] = document_model.objects.create(
                title=title,
                file=ContentFile(data, name=file_name),
                file_size=len(data),
                file_hash=hash_filelike(BytesIO(data)),
            )
            self._count("Documents", True)
        return stored

    @staticmethod
    def portrait_title(name):
        return f"Author photo: {name}"

    def load_authors(self):
        authors = {}
        for name, role, organisation, bio in AUTHORS:
            author, created = Author.objects.get_or_create(
                name=name,
                defaults={
                    "role": role,
                    "organisation": organisation,
                    "bio": bio,
                    "photo": self.images[self.portrait_title(name)],
                },
            )
            authors[name] = author
            self._count("Authors", created)
        return authors

    def load_library_links(self):
        existing = set(LibraryLink.objects.values_list("organisation", "title"))
        for organisation, title, year, url, description, group_slugs, topic_slugs in LIBRARY_LINKS:
            if (organisation, title) in existing:
                self._count("Library links", False)
                continue
            link = LibraryLink(organisation=organisation, title=title, year=year, url=url, description=description)
            link.groups.set(self.lookup(self.groups, group_slugs, "inequality group"))
            link.topics.set(self.lookup(self.topics, topic_slugs, "topic"))
            link.save()
            existing.add((organisation, title))
            self._count("Library links", True)

    # Pages

    def load_home(self):
        home = HomePage.objects.first()
        if home is not None:
            self._count("Home page", False)
        else:
            root = Page.get_first_root_node()
            welcome_pages = self.default_welcome_pages()
            # Free the slug "home" for our page; the welcome page goes once no site points at it.
            Page.objects.filter(pk__in=[page.pk for page in welcome_pages]).update(slug="wagtail-default-welcome")
            home = self.add_and_publish(root, HomePage(**HOME), "Home page")
            Site.objects.filter(root_page__in=welcome_pages).update(root_page=home)
            Site.clear_site_root_paths_cache()  # update() sends no signals, so clear it ourselves
            for page in welcome_pages:
                page.refresh_from_db()
                page.delete()
        return home

    @staticmethod
    def default_welcome_pages():
        """Wagtail's own "Welcome to your new Wagtail site!" page: a plain Page at the top level."""
        plain_page = ContentType.objects.get_for_model(Page)
        pages = list(Page.objects.filter(depth=2, content_type=plain_page, slug="home"))
        if any(page.numchild for page in pages):
            raise CommandError("Wagtail's default welcome page has child pages; move them before loading the demo.")
        return pages

    def point_site_at(self, home):
        site = (
            Site.objects.filter(hostname=SITE_HOSTNAME, port=SITE_PORT).first()
            or Site.objects.filter(is_default_site=True).first()
            or Site(hostname=SITE_HOSTNAME, port=SITE_PORT)
        )
        wanted = {
            "hostname": SITE_HOSTNAME,
            "port": SITE_PORT,
            "root_page_id": home.pk,
            "is_default_site": True,
            "site_name": site.site_name or getattr(settings, "WAGTAIL_SITE_NAME", ""),
        }
        changed = site.pk is None or any(getattr(site, field) != value for field, value in wanted.items())
        if changed:
            Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
            for field, value in wanted.items():
                setattr(site, field, value)
            site.save()
        self.site_updated = changed
        return site

    def load_social_media_settings(self, site):
        """The image shared for pages without a listing image of their own, unless an editor chose one."""
        social = SocialMediaSettings.for_site(site)
        created = social.default_image_id is None
        if created:
            social.default_image = self.images[DEFAULT_SHARING_IMAGE]
            social.save()
        self._count("Site settings", created)

    def load_index_page(self, home, slug, model_label, title, introduction):
        model = apps.get_model(model_label)
        page = self.find_child(home, model, slug)
        if page is not None:
            self._count("Index pages", False)
            return page
        return self.add_and_publish(home, model(slug=slug, title=title, introduction=introduction), "Index pages")

    def load_standard_page(self, home, spec):
        if self.find_child(home, StandardPage, spec["slug"]) is not None:
            self._count("Standard pages", False)
            return
        page = StandardPage(
            slug=spec["slug"],
            title=spec["title"],
            introduction=spec["introduction"],
            last_reviewed=spec["last_reviewed"],
            body=self.body(spec),
        )
        self.add_and_publish(home, page, "Standard pages")

    def load_evidence_page(self, parent, model, label, spec, **fields):
        if self.find_child(parent, model, spec["slug"]) is not None:
            self._count(label, False)
            return
        page = model(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            publication_date=spec["publication_date"],
            first_published_at=self.publication_datetime(spec["publication_date"]),
            listing_image=self.images[spec["image"]] if spec.get("image") else None,
            **fields,
        )
        page.groups.set(self.lookup(self.groups, spec["groups"], "inequality group"))
        page.topics.set(self.lookup(self.topics, spec["topics"], "topic"))
        page.page_authors = [
            EvidencePageAuthor(author=self.authors[name], sort_order=order)
            for order, name in enumerate(spec.get("authors", []))
        ]
        self.add_and_publish(parent, page, label)

    def add_and_publish(self, parent, page, label):
        """Add the page as a draft, then publish its first revision so the admin history is real."""
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._count(label, True)
        return page

    @staticmethod
    def find_child(parent, model, slug):
        page = parent.get_children().filter(slug=slug).specific().first()
        if page is not None and not isinstance(page, model):
            raise CommandError(
                f"{parent.url_path}{slug}/ exists but is a {type(page).__name__}, not a {model.__name__}."
            )
        return page

    # Field values

    def body(self, spec):
        return resolve_media(
            spec["body"],
            {title: image.pk for title, image in self.images.items()},
            {title: doc.pk for title, doc in self.documents.items()},
        )

    def brief_fields(self, spec):
        group_ids = {slug: group.pk for slug, group in self.groups.items()}
        missing = {slug for block in spec["findings"] for slug in block["value"]["group_slugs"]} - set(group_ids)
        if missing:
            raise CommandError(f"Unknown inequality groups in {spec['slug']}: {', '.join(sorted(missing))}")
        return {
            "review_question": spec["review_question"],
            "key_messages": spec["key_messages"],
            "findings": resolve_findings(spec["findings"], group_ids),
            "recommendations": spec["recommendations"],
            "evidence_searched_to": spec["evidence_searched_to"],
            "methods": spec["methods"],
            "references": spec["references"],
        }

    @staticmethod
    def publication_datetime(date):
        """9am on the publication date, so the admin's "first published" agrees with the page."""
        moment = datetime.datetime.combine(date, datetime.time(9, 0))
        return timezone.make_aware(moment) if settings.USE_TZ else moment

    @staticmethod
    def lookup(objects, slugs, kind):
        missing = [slug for slug in slugs if slug not in objects]
        if missing:
            raise CommandError(f"Unknown {kind} slug(s): {', '.join(missing)}")
        return [objects[slug] for slug in slugs]
