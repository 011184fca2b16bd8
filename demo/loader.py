"""Build the demo site from the YAML files in demo/data/.

Everything is keyed: pages by their slug under their parent, authors by name, images and
documents by title, library links by organisation and title, topics by slug. A second run
finds it all present and changes nothing: no new pages, revisions, snippets or images.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from blog.models import BlogPage
from healthequity.core.content_files import stored_file_fields
from healthequity.core.evidence.models import Approach
from healthequity.core.finder.facet_index import build_index as build_facet_index
from healthequity.core.finder.word_index import build_word_index
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
from healthequity.core.site_urls import base_url_parts
from library.models import LibraryLink
from panel.models import PanelPostPage
from resources.models import ResourcePage, WhatWorksBriefPage

from .media import csv_bytes, draw_landscape, draw_portrait, to_jpeg
from .sections import index_pages
from .values import findings, key_messages, lookup, read, references, relative_dates, stream

__all__ = ["DemoContentLoader"]

# The evidence pages: data file, the slug of the section they go under, page type, label in the summary.
EVIDENCE = [
    ("resources", "resources", ResourcePage, "Resources"),
    ("briefs", "resources", WhatWorksBriefPage, "What works briefs"),
    ("blog", "blog", BlogPage, "Blog posts"),
    ("panel", "citizens-panel", PanelPostPage, "Citizens' Panel posts"),
]


class DemoContentLoader:
    """Create whatever demo content is missing and count what was created and what was present."""

    def __init__(self):
        self.created = Counter()
        self.present = Counter()
        self.site_updated = False

    def run(self):
        site, people, media = read("site"), read("people"), read("media")
        with transaction.atomic():
            self.topics = self.load_topics(people["topics"], people["focus_area_descriptions"])
            self.groups = {group.slug: group for group in InequalityGroup.objects.all()}
            self.images = self.load_images(media["images"], people["authors"])
            self.documents = self.load_documents(media["documents"])
            self.authors = self.load_authors(people["authors"])

            home = self.load_home(site["home"])
            self.load_social_media_settings(self.point_site_at(home), media["default_sharing_image"])
            sections = {page.slug: self.load_page(home, page, "Index pages") for page in index_pages()}
            for spec in [site["about"], *read("policies")]:
                self.load_page(home, StandardPage(**self.fields(spec)), "Standard pages")
            for name, section, model, label in EVIDENCE:
                for spec in read(name):
                    self.load_evidence_page(sections[section], model, label, spec)
            self.load_library_links(read("library"))
            # Publishing keeps the finder's facet and search word indexes in step once they exist:
            # build them now, so the demo's first finder request counts from them.
            build_facet_index()
            build_word_index()
        return self

    def summary_lines(self):
        labels = sorted(set(self.created) | set(self.present))
        lines = [f"{label}: {self.created[label]} created, {self.present[label]} already present" for label in labels]
        site_change = "now points at the home page" if self.site_updated else "unchanged"
        lines.append(f"Default site {settings.WAGTAILADMIN_BASE_URL}: {site_change}")
        return lines

    def _count(self, label, created):
        (self.created if created else self.present)[label] += 1

    # Snippets, taxonomy and images

    def load_topics(self, topics, focus_area_descriptions):
        for topic in topics:
            _, created = Topic.objects.get_or_create(
                slug=topic["slug"],
                defaults={"name": topic["name"], "kind": TopicKind.OTHER, "description": topic["description"]},
            )
            self._count("Topics (other)", created)
        # Every topic page opens with what the topic is; fills only a description nobody has written.
        for topic in Topic.objects.filter(slug__in=focus_area_descriptions, description=""):
            topic.description = focus_area_descriptions[topic.slug]
            topic.save(update_fields=["description"])
        return {topic.slug: topic for topic in Topic.objects.all()}

    def load_images(self, landscapes, authors):
        """Return {title: image} for every demo image, drawing only those not yet stored."""
        wanted = [(spec["title"], spec["description"], lambda spec=spec: draw_landscape(spec)) for spec in landscapes]
        wanted += [
            (
                self.portrait_title(author["name"]),
                f"Placeholder portrait of {author['name']}: their initials on a plain coloured disc.",
                lambda name=author["name"], seed=seed: draw_portrait(name, seed),
            )
            for seed, author in enumerate(authors)
        ]
        files = [
            (title, f"demo-{slugify(title)}.jpg", lambda draw=draw: to_jpeg(draw()), {"description": description})
            for title, description, draw in wanted
        ]
        return self.load_files(get_image_model(), "Images", files)

    def load_documents(self, documents):
        files = [
            (spec["title"], spec["file_name"], lambda rows=spec["rows"]: csv_bytes(rows), {}) for spec in documents
        ]
        return self.load_files(get_document_model(), "Documents", files)

    def load_files(self, model, label, files):
        """Return {title: stored object} for (title, file name, make the bytes, other fields) of each file,
        making and storing only those missing."""
        stored = {item.title: item for item in model.objects.filter(title__in=[title for title, *_ in files])}
        for title, file_name, make, fields in files:
            self._count(label, title not in stored)
            if title not in stored:
                data = make()
                stored[title] = model.objects.create(title=title, **stored_file_fields(data, file_name), **fields)
        return stored

    @staticmethod
    def portrait_title(name):
        return f"Author photo: {name}"

    def load_authors(self, authors):
        stored = {}
        for spec in authors:
            author, created = Author.objects.get_or_create(
                name=spec["name"],
                defaults={
                    "role": spec["role"],
                    "organisation": spec["organisation"],
                    "bio": spec["bio"],
                    "photo": self.images[self.portrait_title(spec["name"])],
                },
            )
            stored[author.name] = author
            self._count("Authors", created)
        return stored

    def load_library_links(self, organisations):
        existing = set(LibraryLink.objects.values_list("organisation", "title"))
        for organisation in organisations:
            for spec in organisation["links"]:
                key = (organisation["organisation"], spec["title"])
                self._count("Library links", key not in existing)
                if key in existing:
                    continue
                link = LibraryLink(
                    organisation=key[0],
                    title=key[1],
                    year=spec["year"],
                    url=spec["url"],
                    description=spec["description"],
                )
                link.groups.set(lookup(self.groups, spec["groups"], "inequality group"))
                link.topics.set(lookup(self.topics, spec["topics"], "topic"))
                link.save()
                existing.add(key)

    # Pages

    def load_home(self, spec):
        home = HomePage.objects.first()
        if home is not None:
            self._count("Home page", False)
        else:
            root = Page.get_first_root_node()
            welcome_pages = self.default_welcome_pages()
            # Free the slug "home" for our page; the welcome page goes once no site points at it.
            Page.objects.filter(pk__in=[page.pk for page in welcome_pages]).update(slug="wagtail-default-welcome")
            home = self.add_and_publish(root, HomePage(**spec), "Home page")
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
        """The default site: the demo's home page, at the address the site is served on."""
        hostname, port = base_url_parts(settings.WAGTAILADMIN_BASE_URL)
        site = (
            Site.objects.filter(hostname=hostname, port=port).first()
            or Site.objects.filter(is_default_site=True).first()
            or Site(hostname=hostname, port=port)
        )
        wanted = {
            "hostname": hostname,
            "port": port,
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

    def load_social_media_settings(self, site, image_title):
        """The image shared for pages without a listing image of their own, unless an editor chose one."""
        social = SocialMediaSettings.for_site(site)
        created = social.default_image_id is None
        if created:
            social.default_image = self.images[image_title]
            social.save()
        self._count("Site settings", created)

    def load_evidence_page(self, parent, model, label, spec, **fields):
        page = self.evidence_page(model, spec, **fields)
        page.first_published_at = self.publication_datetime(page.publication_date)
        return self.load_page(parent, page, label)

    def evidence_page(self, model, spec, **fields):
        """An unsaved evidence page: its groups and topics by slug, authors by name, listing image by title."""
        fields = {**self.fields(spec), **fields}
        groups, topics, authors = fields.pop("groups"), fields.pop("topics"), fields.pop("authors", [])
        image = fields.pop("image", None)
        page = model(listing_image=self.images[image] if image else None, **fields)
        page.groups.set(lookup(self.groups, groups, "inequality group"))
        page.topics.set(lookup(self.topics, topics, "topic"))
        page.page_authors = [
            EvidencePageAuthor(author=author, sort_order=order)
            for order, author in enumerate(lookup(self.authors, authors, "author"))
        ]
        return page

    def load_page(self, parent, page, label):
        """The child of `parent` with the page's slug, or the page itself, added and published."""
        existing = self.find_child(parent, type(page), page.slug)
        if existing is not None:
            self._count(label, False)
            return existing
        return self.add_and_publish(parent, page, label)

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

    @cached_property
    def approach_ids(self):
        return dict(Approach.objects.values_list("slug", "pk"))

    def fields(self, spec):
        """A page's fields from its YAML: relative dates worked out, StreamFields built from their outlines."""
        fields = relative_dates(spec)
        image_ids = {title: image.pk for title, image in self.images.items()}
        document_ids = {title: document.pk for title, document in self.documents.items()}
        group_ids = {slug: group.pk for slug, group in self.groups.items()}
        term_ids = {"group": group_ids, "topic": {slug: topic.pk for slug, topic in self.topics.items()}}
        builders = {
            "body": lambda outline: stream(outline, image_ids, document_ids, term_ids),
            "key_messages": key_messages,
            "findings": lambda items: findings(items, group_ids, self.approach_ids),
            "references": references,
        }
        return {name: builders[name](value) if name in builders else value for name, value in fields.items()}

    @staticmethod
    def publication_datetime(date):
        """9am on the publication date, so the admin's "first published" agrees with the page."""
        moment = datetime.datetime.combine(date, datetime.time(9, 0))
        return timezone.make_aware(moment) if settings.USE_TZ else moment
