"""Bring a WordPress export across: media, authors, pages of every kind, library links, redirects.

Each WordPress item is keyed by its post ID (`ImportedItem`), so a second run updates what changed
and creates nothing twice. Pages are written as Wagtail revisions by the importing user, so each
page's history shows what the import did; a page an editor has changed since is left alone.
"""

import hashlib
import json
import mimetypes
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Site

from blog.models import BlogPage
from healthequity.core.content_files import stored_file_fields
from healthequity.core.finder.models import EvidenceIndexPage
from healthequity.core.models import Author, EvidencePageAuthor, HomePage, ResourceType, StandardPage
from library.models import LibraryLink, LibraryPage
from panel.models import PanelPostPage
from resources.models import ResourceIndexPage, ResourcePage, WhatWorksBriefPage

from .briefs import structure_brief
from .content import convert_body, plain_summary
from .library import library_links
from .models import ImportedItem
from .wagtail_hooks import IMPORTED
from .wxr import path_of

__all__ = ["Report", "WordPressImporter"]

# Bumped when the importer writes pages differently, so a re-run rewrites what it wrote before.
IMPORTER_VERSION = "1"
COLLECTION_NAME = "Imported from WordPress"
SKIPPED_STATUSES = {"trash": "in WordPress's trash", "auto-draft": "an empty automatic draft", "inherit": "a revision"}
UNPUBLISHED_STATUSES = {"draft", "pending", "private"}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
PAGE_MODELS = {
    "blog_post": BlogPage,
    "panel_post": PanelPostPage,
    "brief": WhatWorksBriefPage,
    "resource": ResourcePage,
    "standard_page": StandardPage,
}
LABELS = {
    "blog_post": "Blog posts",
    "panel_post": "Citizens' Panel posts",
    "resource": "Resources",
    "brief": "What works briefs",
    "standard_page": "Standard pages",
    "library": "Library links",
    "image": "Images",
    "document": "Documents",
    "author": "Authors",
    "redirect": "Redirects",
    "skip": "Not imported",
}


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)  # (label, outcome) → number
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (the item it came from, message)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (item, what the editor must do)

    def count(self, kind, outcome, number=1):
        self.counts[(LABELS.get(kind, kind), outcome)] += number

    def warn(self, item, message):
        self.warnings.append((item.label if hasattr(item, "label") else str(item), message))

    def lines(self):
        labels = sorted({label for label, _ in self.counts})
        outcomes = ["created", "updated", "unchanged", "skipped"]
        lines = [
            f"{label}: " + ", ".join(f"{self.counts[(label, outcome)]} {outcome}" for outcome in outcomes)
            for label in labels
        ]
        total = {outcome: sum(n for (_, o), n in self.counts.items() if o == outcome) for outcome in outcomes}
        lines.append("Total: " + ", ".join(f"{total[outcome]} {outcome}" for outcome in outcomes))
        if self.flagged:
            lines.append(f"For an editor ({len(self.flagged)}):")
            lines += [f"  {item}: {message}" for item, message in self.flagged]
        lines.append(f"Warnings ({len(self.warnings)}):" if self.warnings else "Warnings: none")
        lines += [f"  {item}: {message}" for item, message in self.warnings]
        return lines


class WordPressImporter:
    def __init__(self, export, mapping, *, uploads=None, user=None, dry_run=False, progress=None):
        self.export = export
        self.mapping = mapping
        self.uploads = Path(uploads).resolve() if uploads else None
        self.user = user
        self.dry_run = dry_run
        self.progress = progress or (lambda items, **kwargs: items)
        self.report = Report()
        self.items = {item.id: item for item in export.items}
        self.records = {record.wordpress_id: record for record in ImportedItem.objects.filter(site_url=export.site_url)}
        self.parents = {term.slug: term.parent for term in export.terms if term.taxonomy == "category"}
        self.stored_files = []  # names written to storage, removed again when the run is rolled back
        self.images_by_id, self.images_by_url = {}, {}
        self.documents_by_url = {}
        self.pages_by_id = {}
        self.child_slugs = {}  # parent page id → {slug: page id} of its children
        self.unmapped_terms = defaultdict(list)  # (taxonomy, slug, name) → [item labels]
        self.old_site = urlsplit(export.site_url)

    # The run

    def run(self):
        """Import everything in one transaction; a dry run, or an error, rolls it all back."""
        try:
            with transaction.atomic():
                self._import_all()
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self._remove_stored_files()
            raise
        if self.dry_run:
            self._remove_stored_files()
        return self.report

    def _import_all(self):
        self.site = self._site()
        self.authors = self._authors()
        attachments = [item for item in self.export.items if item.post_type == "attachment"]
        for item in self.progress(attachments, desc="Media", unit="file"):
            self._import_attachment(item)
        content = sorted((item for item in self.export.items if item.post_type != "attachment"), key=self._depth)
        for item in self.progress(content, desc="Posts and pages", unit="post"):
            self._import_content(item)
        for (taxonomy, slug, name), labels in sorted(self.unmapped_terms.items()):
            kind = "category" if taxonomy == "category" else "tag" if taxonomy == "post_tag" else taxonomy
            self.report.warn(
                f"{kind} {name!r} ({slug})",
                f"not in the mapping, so not carried to {len(labels)} item(s): {', '.join(labels)}",
            )

    def _depth(self, item):
        depth, seen = 0, set()
        while item.parent_id in self.items and item.parent_id not in seen and item.post_type == "page":
            seen.add(item.parent_id)
            item = self.items[item.parent_id]
            depth += 1
        return depth

    def _site(self):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("The site has no home page yet: create it (or run load_demo_content) first.")
        return Site.objects.filter(root_page=home).first() or Site.objects.filter(is_default_site=True).first()

    # Authors and media

    def _authors(self):
        """WordPress logins → our authors, by display name (existing authors are reused)."""
        by_name = {author.name: author for author in Author.objects.all()}
        authors = {}
        for login, wordpress_author in self.export.authors.items():
            name = wordpress_author.display_name.strip() or login
            created = name not in by_name
            if created:
                by_name[name] = Author.objects.create(name=name)
            self.report.count("author", "created" if created else "unchanged")
            authors[login] = by_name[name]
        return authors

    def _import_attachment(self, item):
        record = self.records.get(item.id)
        stored = record and (record.image or record.document)
        relative = item.meta.get("_wp_attached_file") or self._uploads_path(item.attachment_url)
        mime_type = mimetypes.guess_type(relative or item.attachment_url)[0] or ""
        kind = "image" if mime_type in IMAGE_TYPES else "document"
        alt = item.meta.get("_wp_attachment_image_alt", "").strip()
        title = item.title or Path(relative or item.attachment_url).stem
        if stored:
            changed = stored.title != title or (kind == "image" and stored.description != alt[:255])
            if changed:
                stored.title = title
                if kind == "image":
                    stored.description = alt[:255]
                stored.save()
            self.report.count(kind, "updated" if changed else "unchanged")
        else:
            data = self._read_upload(item, relative)
            if data is None:
                self.report.count(kind, "skipped")
                return
            model = get_image_model() if kind == "image" else get_document_model()
            fields = {"description": alt[:255]} if kind == "image" else {}
            try:
                stored = model.objects.create(
                    title=title[:255],
                    collection=self._collection(),
                    **stored_file_fields(data, Path(relative).name),
                    **fields,
                )
            except (OSError, ValueError) as error:  # Pillow cannot read it
                self.report.warn(item, f"file {relative} could not be stored ({error}): left out")
                self.report.count(kind, "skipped")
                return
            self.stored_files.append(stored.file.name)
            self.report.count(kind, "created")
        record = self._record(item, kind, image=stored if kind == "image" else None)
        if kind == "document":
            record.document = stored
        record.save()
        target_url = stored.file.url if kind == "image" else stored.url
        urls = {item.attachment_url, item.link, item.meta.get("guid", "")}
        if kind == "image":
            self.images_by_id[item.id] = (stored, alt)
            for url in urls | {self._upload_url(relative)}:
                if url:
                    self.images_by_url[self._url_key(url)] = (stored, alt)
        else:
            for url in urls | {self._upload_url(relative)}:
                if url:
                    self.documents_by_url[self._url_key(url)] = stored
        old_paths = [item.link, item.attachment_url, f"?attachment_id={item.id}", f"?p={item.id}"]
        self._redirect(old_paths, link=target_url)

    def _collection(self):
        if not hasattr(self, "_imported_collection"):
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=COLLECTION_NAME).first()
            self._imported_collection = existing or root.add_child(name=COLLECTION_NAME)
        return self._imported_collection

    def _uploads_path(self, url):
        """ "2023/05/photo.jpg" from ".../wp-content/uploads/2023/05/photo.jpg"."""
        path = unquote(urlsplit(url).path)
        marker = "/wp-content/uploads/"
        return path.split(marker, 1)[1] if marker in path else path.rsplit("/", 1)[-1]

    def _upload_url(self, relative):
        return f"{self.export.site_url}/wp-content/uploads/{relative}" if relative else ""

    def _read_upload(self, item, relative):
        if self.uploads is None:
            self.report.warn(item, "no --uploads folder given: the file is not imported")
            return None
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads):
            self.report.warn(item, f"file {relative!r} lies outside the uploads folder: refused")
            return None
        try:
            return path.read_bytes()
        except OSError:
            self.report.warn(item, f"file {relative} is missing from the uploads folder: not imported")
            return None

    def _remove_stored_files(self):
        """Files are not in the transaction: take away those a rolled-back run wrote."""
        image_storage = get_image_model()._meta.get_field("file").storage
        for name in self.stored_files:
            image_storage.delete(name)
        self.stored_files = []

    # What the posts' HTML finds

    def _url_key(self, url):
        """An address on the old site without its scheme, host or image size suffix ("-300x200")."""
        path = unquote(urlsplit(url).path).rstrip("/")
        stem, dot, extension = path.rpartition(".")
        if dot and "-" in stem:
            base, _, size = stem.rpartition("-")
            if "x" in size and size.replace("x", "").isdigit():
                path = f"{base}.{extension}"
        return path.lower()

    def image(self, attachment_id, url):
        return self.images_by_id.get(attachment_id) or (self.images_by_url.get(self._url_key(url)) if url else None)

    def document(self, url):
        return self.documents_by_url.get(self._url_key(url)) if self._is_old_site(url) else None

    def local_url(self, url):
        """A link into the old site, made relative: the redirects take the reader to the new page."""
        if not self._is_old_site(url):
            return url
        parts = urlsplit(url)
        return (
            (parts.path or "/")
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )

    def _is_old_site(self, url):
        parts = urlsplit(url)
        return parts.netloc == self.old_site.netloc or (not parts.netloc and parts.path.startswith("/"))

    # Posts and pages

    def _categories(self, item):
        """The item's category slugs and all their ancestors'."""
        slugs = set()
        for term in item.terms_of("category"):
            slug = term.slug
            while slug and slug not in slugs:
                slugs.add(slug)
                slug = self.parents.get(slug, "")
        return slugs

    def _import_content(self, item):
        rule = self.mapping.rule_for(item, self._categories(item))
        if item.status in SKIPPED_STATUSES:
            self.report.count("skip", "skipped")
            if item.status == "trash":
                self.report.warn(item, "in WordPress's trash: not imported")
                self._unpublish_if_imported(item)
            return
        if rule is None or rule.becomes == "skip":
            self.report.count("skip", "skipped")
            if rule is None:
                self.report.warn(item, f"no rule in the mapping for post type {item.post_type!r}: not imported")
            return
        if rule.becomes == "library":
            self._import_library(item)
        else:
            self._import_page(item, rule)

    def _unpublish_if_imported(self, item):
        record = self.records.get(item.id)
        if record and record.page and record.page.live:
            record.page.specific.unpublish(user=self.user, log_action=True)
            self.report.warn(item, "was imported and published before: unpublished")

    def _record(self, item, became, **fields):
        record = self.records.get(item.id) or ImportedItem(site_url=self.export.site_url, wordpress_id=item.id)
        record.post_type, record.became = item.post_type, became
        for name, value in fields.items():
            setattr(record, name, value)
        self.records[item.id] = record
        return record

    def _tags(self, item):
        groups, topics = {}, {}
        for term in item.terms:
            if term.taxonomy not in {"category", "post_tag"}:
                continue
            tags = self.mapping.terms.get(term.slug)
            if tags is None:
                if not self.mapping.read_by_rules(term.slug, self.parents):
                    self.unmapped_terms[(term.taxonomy, term.slug, term.name)].append(f"{item.post_type} {item.id}")
                continue
            groups.update({group.pk: group for group in tags.groups})
            topics.update({topic.pk: topic for topic in tags.topics})
        return list(groups.values()), list(topics.values())

    def _parent(self, item, becomes):
        if becomes == "standard_page":
            parent = self.pages_by_id.get(item.parent_id)
            return parent if isinstance(parent, StandardPage) else HomePage.objects.first()
        if becomes in {"resource", "brief"}:
            parent = ResourceIndexPage.objects.first()
            where = "a resources page (/resources/)"
        else:
            listed = ResourceType.BLOG if becomes == "blog_post" else ResourceType.PANEL_POST
            parent = EvidenceIndexPage.objects.filter(listed_type=listed).first()
            where = f"an evidence index page listing {listed}"
        if parent is None:
            raise CommandError(f"{item.label} becomes a {becomes}, but the site has no {where}: create it first.")
        return parent

    def _import_page(self, item, rule):
        model = PAGE_MODELS[rule.becomes]
        record = self.records.get(item.id)
        existing = record.page.specific if record and record.page else None
        if existing is not None and not isinstance(existing, model):
            self.report.warn(
                item, f"now maps to {rule.becomes}, but was imported as {type(existing).__name__}: left so"
            )
            model = type(existing)
            rule = next((r for r in self.mapping.rules if PAGE_MODELS.get(r.becomes) is model), rule)
        parent = existing.get_parent().specific if existing else self._parent(item, rule.becomes)
        fields, m2m, warnings, review = self._page_fields(item, rule, model)
        fingerprint = self._fingerprint(item, rule, parent)
        if existing and record.fingerprint == fingerprint:
            self.report.count(rule.becomes, "unchanged")
            self.pages_by_id[item.id] = existing
            self._redirect(self._old_paths(item), page=existing)
            return
        for message in warnings:
            self.report.warn(item, message)
        if existing and record.revision_id and existing.latest_revision_id != record.revision_id:
            self.report.warn(item, "changed by an editor since the last import: left alone")
            self.report.count(rule.becomes, "skipped")
            self.pages_by_id[item.id] = existing
            return
        page = existing or model()
        for name, value in fields.items():
            setattr(page, name, value)
        for name, values in m2m.items():
            getattr(page, name).set(values)
        if existing is None:
            page.slug = self._free_slug(parent, fields["slug"], item)
            page.live = False
            page.owner = self.user
            parent.add_child(instance=page)  # logs the creation, by the owner
            self.child_slugs[parent.pk][page.slug] = page.pk
        else:
            page.slug = self._free_slug(parent, fields["slug"], item, page=page)
        revision = page.save_revision(user=self.user, log_action=True, clean=False)
        wants_live = item.status in {"publish", "future"} and not review and not item.password
        if wants_live:
            revision.publish(user=self.user)
            if item.modified:
                Page.objects.filter(pk=page.pk, live=True).update(last_published_at=item.modified)
        elif page.live:
            page.unpublish(user=self.user, log_action=True)
        log(
            instance=page,
            action=IMPORTED,
            user=self.user,
            revision=revision,
            data={"wordpress_id": item.id, "post_type": item.post_type, "site": self.export.site_url},
        )
        if item.status == "private":
            self.report.warn(item, "private on WordPress: imported as a draft, not published")
        if item.password:
            self.report.warn(item, "password-protected on WordPress: imported as a draft, not published")
        if review:
            self.report.flagged.append((item.label, review))
        self.report.count(rule.becomes, "updated" if existing else "created")
        self._record(item, rule.becomes, page=page, revision=revision, fingerprint=fingerprint, needs_review=review)
        self.records[item.id].save()
        self.pages_by_id[item.id] = page
        self._redirect(self._old_paths(item), page=page)

    def _free_slug(self, parent, slug, item, page=None):
        """The post's slug, or the first of slug-2, slug-3… not taken by another page under the parent."""
        if parent.pk not in self.child_slugs:
            self.child_slugs[parent.pk] = dict(parent.get_children().values_list("slug", "pk"))
        taken = self.child_slugs[parent.pk]
        candidate, number = slug, 1
        while candidate in taken and (page is None or taken[candidate] != page.pk):
            number += 1
            candidate = f"{slug}-{number}"
        if candidate != slug:
            self.report.warn(item, f"the slug {slug!r} is taken under {parent.url_path}: imported as {candidate!r}")
        return candidate

    def _page_fields(self, item, rule, model):
        """(fields, many-to-many values, warnings, what an editor must do) for the item as a `model`."""
        conversion = convert_body(item.content, self)
        warnings = list(conversion.warnings)
        review = ""
        title = item.title or f"Untitled ({item.post_type} {item.id})"
        if not item.title:
            warnings.append("no title in WordPress: titled from its ID")
        slug = slugify(item.slug or item.title, allow_unicode=True)[:255] or f"wordpress-{item.id}"
        date = item.date or timezone.now()
        fields = {"title": title[:255], "draft_title": title[:255], "seo_title": ""}
        if item.status in {"publish", "future"}:
            fields["first_published_at"] = date
        fields["go_live_at"] = date if item.status == "future" and date > timezone.now() else None
        summary = plain_summary(item.excerpt, "") or plain_summary(conversion.first_paragraph, title)
        fields["slug"] = slug
        m2m = {}
        if model is StandardPage:
            fields.update(introduction=summary if item.excerpt.strip() else "", body=conversion.blocks)
            return fields, m2m, warnings, review
        groups, topics = self._tags(item)
        thumbnail = item.meta.get("_thumbnail_id", "")
        listing_image = None
        if thumbnail.isdigit():
            found = self.images_by_id.get(int(thumbnail))
            if found is None:
                warnings.append(f"featured image (attachment {thumbnail}) was not imported")
            else:
                listing_image = found[0]
        fields.update(
            summary=summary,
            # Yoast SEO's meta description, where the old site had one.
            search_description=item.meta.get("_yoast_wpseo_metadesc", "").strip(),
            publication_date=timezone.localtime(date).date() if timezone.is_aware(date) else date.date(),
            listing_image=listing_image,
        )
        m2m = {"groups": groups, "topics": topics}
        author = self.authors.get(item.creator)
        if model is not PanelPostPage and author is not None:
            fields["page_authors"] = [EvidencePageAuthor(author=author, sort_order=0)]
        if model is WhatWorksBriefPage:
            brief = structure_brief(conversion.blocks)
            fields.update(brief.fields)
            review = brief.review
        elif model is ResourcePage:
            fields.update(resource_type=rule.resource_type, body=conversion.blocks)
        else:
            fields["body"] = conversion.blocks
            if not conversion.blocks:
                warnings.append("no content in WordPress: imported with an empty body")
        if model is BlogPage:
            fields["is_guest_post"] = bool(self._categories(item) & self.mapping.guest_post_categories)
        return fields, m2m, warnings, review

    def _fingerprint(self, item, rule, parent):
        """Of everything the page is made from; the same fingerprint on a re-run means nothing to write."""
        media = sorted((key, image.pk) for key, (image, _alt) in self.images_by_id.items())
        source = {
            "version": IMPORTER_VERSION,
            "item": [item.title, item.slug, item.status, item.content, item.excerpt, item.creator],
            "dates": [str(item.date), str(item.modified)],
            "terms": sorted((term.taxonomy, term.slug) for term in item.terms),
            "thumbnail": item.meta.get("_thumbnail_id", ""),
            "rule": [rule.becomes, rule.resource_type, parent.pk],
            "mapping": hashlib.sha256(self.mapping.source.encode()).hexdigest(),
            "media": media if "<img" in item.content or "[gallery" in item.content else [],
        }
        return hashlib.sha256(json.dumps(source, sort_keys=True, default=str).encode()).hexdigest()

    # The external reading page

    def _import_library(self, item):
        page = LibraryPage.objects.first()
        if page is None:
            raise CommandError(f"{item.label} becomes library links, but the site has no library page: create it.")
        links, warnings = library_links(item.content)
        for message in warnings:
            self.report.warn(item, message)
        existing = {(link.organisation, link.url): link for link in LibraryLink.objects.all()}
        for spec in links:
            link = existing.get((spec["organisation"], spec["url"]))
            if link is None:
                LibraryLink.objects.create(**spec)
                self.report.count("library", "created")
            elif any(getattr(link, name) != value for name, value in spec.items()):
                for name, value in spec.items():
                    setattr(link, name, value)
                link.save()
                self.report.count("library", "updated")
            else:
                self.report.count("library", "unchanged")
        self._record(item, "library", page=page).save()
        self._redirect(self._old_paths(item), page=page)

    # Old addresses

    def _old_paths(self, item):
        paths = [item.link, f"?p={item.id}"]
        if item.post_type == "page":
            paths.append(f"?page_id={item.id}")
        return paths

    def _redirect(self, old_urls, *, page=None, link=""):
        """A permanent redirect from each old address (an address on the old site, or a query string on
        its front page) to the page or file, unless the old address is already the new one."""
        base = self.old_site.path.rstrip("/") or ""
        new_path = Redirect.normalise_path(page.url_path[len(self.site.root_page.url_path) - 1 :]) if page else ""
        old_paths = set()
        for url in old_urls:
            if not url:
                continue
            if url.startswith("?"):
                old = f"{base}/{url}"
            elif self._is_old_site(url):
                old = path_of(url)
            else:
                continue
            old_paths.add(Redirect.normalise_path(old))
        for old_path in sorted(old_paths - {"/", new_path}):
            if len(old_path) > 255:
                continue
            _, created = Redirect.objects.update_or_create(
                site=self.site,
                old_path=old_path,
                defaults={"redirect_page": page, "redirect_link": link if page is None else "", "is_permanent": True},
            )
            self.report.count("redirect", "created" if created else "unchanged")
