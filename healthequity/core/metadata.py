"""What a page tells search engines, social networks and citation managers about itself.

`page_metadata` gathers it once per request (title, description, canonical address, social image,
schema.org JSON-LD, Highwire citation tags) and templates/includes/meta.html prints it.
"""

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from wagtail.models import Site

from healthequity.core.citation import PUBLISHER, Citation, split_name
from healthequity.core.evidence.ratings import Cost, EvidenceStrength, InequalityEffect
from healthequity.core.finder.evidence_map import approaches
from healthequity.core.finder.location import finder_url, site_finder_url
from healthequity.core.finder.vocabulary import Vocabulary
from healthequity.core.models import EvidencePage, HomePage, ResourceType, SocialMediaSettings
from healthequity.core.site_urls import absolute_url

__all__ = ["SOCIAL_IMAGE_SPEC", "PageMetadata", "json_ld_script", "page_metadata", "route_metadata"]

# Open Graph's recommended 1.91:1 size; JPEG because some networks still ignore WebP.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-85"
DESCRIPTION_LENGTH = 300
HEADLINE_LENGTH = 110  # Google's limit for an article headline

SCHEMA_TYPES = {
    ResourceType.WHAT_WORKS: "ScholarlyArticle",
    ResourceType.REPORT: "Report",
    ResourceType.ANALYSIS: "Report",
    ResourceType.EVIDENCE_MAP: "Report",
    ResourceType.DATA: "Dataset",
    ResourceType.TOOL: "CreativeWork",
    ResourceType.BLOG: "BlogPosting",
    ResourceType.PANEL_POST: "BlogPosting",
}
# Page types that are scholarly enough for Google Scholar's Highwire tags.
NOT_SCHOLARLY = {ResourceType.BLOG, ResourceType.PANEL_POST}

# What the centre's data sets may be reused under (the demo's data set says so in its text); a
# data set's schema.org markup names it, as Google's Dataset search asks.
DATA_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# A raster logo at least 112 px square, as Google asks of an organisation's logo (not SVG).
LOGO_PATH = "img/logo.png"

# Characters that could end the <script> element or confuse an HTML parser, as JSON escapes.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element whose content cannot break out of it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(payload.translate(JSON_SCRIPT_ESCAPES))
    )


@dataclass
class SocialImage:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class PageMetadata:
    title: str
    description: str
    canonical_url: str
    site_name: str = PUBLISHER
    og_type: str = "website"
    image: SocialImage | None = None
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    json_ld: dict = field(default_factory=dict)
    highwire: list[tuple[str, str]] = field(default_factory=list)

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image else "summary"

    def json_ld_script(self):
        return json_ld_script(self.json_ld) if self.json_ld else ""


def _description(page):
    for candidate in (page.search_description, getattr(page, "summary", ""), getattr(page, "introduction", "")):
        text = " ".join(strip_tags(candidate or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def _canonical_url(page, request):
    """The page's own address; a listing's later pages keep their page number (Google's advice)."""
    url = page.get_full_url(request) or ""
    number = request.GET.get("page", "") if request is not None else ""
    # Bounded before int(): a visitor can send thousands of digits, which int() refuses.
    if url and number.isdigit() and len(number) <= 6 and int(number) > 1 and not isinstance(page, EvidencePage):
        url = f"{url}?{urlencode({'page': int(number)})}"
    return url


def _default_social_image(page, request):
    """The site's default sharing image (Settings → Social media), or None."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    return SocialMediaSettings.for_site(site).default_image


def _social_image(page, request):
    """The page's listing image, else the site's default, as a 1200×630 JPEG rendition."""
    image = getattr(page, "listing_image", None) or _default_social_image(page, request)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    except (OSError, ValueError):  # a missing or unreadable file must not break the page
        return None
    return SocialImage(
        url=absolute_url(rendition.url, request),
        width=rendition.width,
        height=rendition.height,
        alt=getattr(image, "description", "") or "",
    )


def _organisation(request):
    return {
        "@type": "Organization",
        "name": PUBLISHER,
        "url": absolute_url("/", request),
        "logo": {"@type": "ImageObject", "url": absolute_url(static(LOGO_PATH), request), "width": 512, "height": 512},
    }


def _person_or_organisation(author, request):
    if split_name(author.name).is_organisation:
        return {"@type": "Organization", "name": author.name}
    person = {"@type": "Person", "name": author.name}
    if author.role:
        person["jobTitle"] = author.role
    if author.organisation:
        person["affiliation"] = {"@type": "Organization", "name": author.organisation}
    return person


def _ancestors(page):
    """The page and its ancestors below the tree's root, top first. Wagtail's routing leaves each
    page it walked through on the next (`_cached_parent_obj`), so a routed page needs no query."""
    trail, current = [page], page
    while current.depth > 2:
        current = current.__dict__.get("_cached_parent_obj")
        if current is None:  # not routed (a preview, a test, a command): ask the database
            return [ancestor for ancestor in page.get_ancestors(inclusive=True) if ancestor.depth > 1]
        trail.append(current)
    return trail[::-1] if page.depth > 1 else []


def _breadcrumbs(page, request):
    trail = _ancestors(page)
    if len(trail) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.title, "item": crumb.get_full_url(request)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _evidence_json_ld(page, metadata, request):
    work = {
        "@type": SCHEMA_TYPES.get(page.resource_type, "CreativeWork"),
        "@id": f"{metadata.canonical_url}#work",
        "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
        "name": page.title,
        "description": metadata.description,
        "url": metadata.canonical_url,
        "mainEntityOfPage": metadata.canonical_url,
        "datePublished": page.publication_date.isoformat(),
        "dateModified": metadata.modified or page.publication_date.isoformat(),
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
        "genre": page.resource_type_label,
        "author": [_person_or_organisation(author, request) for author in page.authors] or [_organisation(request)],
        "publisher": _organisation(request),
    }
    if metadata.image:
        work["image"] = [metadata.image.url]
    if metadata.tags:
        work["keywords"] = metadata.tags
    about = [
        {
            "@type": "DefinedTerm",
            "name": term.name,
            "url": absolute_url(finder_url([(name, term.slug)], request), request),
        }
        for name, terms in (("group", page.groups.all()), ("topic", page.topics.all()))
        for term in terms
    ]
    if about:
        work["about"] = about
    if page.doi:
        work["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        work["sameAs"] = f"https://doi.org/{page.doi}"
    if page.replaced_by_id:
        work["creativeWorkStatus"] = "Superseded"
    if page.resource_type == ResourceType.DATA:
        work.update(_dataset_json_ld(page, work, request))
    findings = _findings_json_ld(page, request)
    if findings:
        work["hasPart"] = findings
    return work


def _findings_json_ld(page, request):
    """Each rated finding as a Claim with its ratings in words, read from the page itself (so a
    preview shows the draft's), named from the cached vocabularies: no query on a warm cache."""
    if not callable(getattr(page, "evidence_findings", None)):
        return []
    vocabulary = Vocabulary.load()
    approaches_by_pk = {term.pk: term for term in approaches()}
    claims = []
    for record in page.evidence_findings():
        if record.effect not in InequalityEffect.values or record.strength not in EvidenceStrength.values:
            continue
        effect = InequalityEffect(record.effect).label
        strength = EvidenceStrength(record.strength).label
        cost = Cost(record.cost).label if record.cost in Cost.values else Cost.NOT_KNOWN.label
        claim = {
            "@type": "Claim",
            "name": record.intervention,
            "text": f"{effect}. Strength of evidence: {strength.lower()}. {cost}.",
            "keywords": [effect, f"Strength of evidence: {strength}", cost],
        }
        approach = approaches_by_pk.get(record.approach_id)
        if approach:
            claim["genre"] = approach.name
        groups = [vocabulary.groups_by_pk[pk] for pk in record.group_ids if pk in vocabulary.groups_by_pk]
        if groups:
            claim["about"] = [
                {
                    "@type": "DefinedTerm",
                    "name": group.name,
                    "url": absolute_url(finder_url([("group", group.slug)], request), request),
                }
                for group in groups
            ]
        claims.append(claim)
    return claims


def _dataset_json_ld(page, work, request):
    """What Google's Dataset search asks beyond a creative work: its creator, licence and downloads
    (the documents the page links to)."""
    body = getattr(page, "body", None) or ()
    documents = [block.value["document"] for block in body if block.block_type == "document"]
    data = {"creator": work["author"], "license": DATA_LICENCE_URL}
    downloads = [
        {
            "@type": "DataDownload",
            "name": document.title,
            "contentUrl": absolute_url(document.url, request),
            "encodingFormat": document.content_type,
        }
        for document in documents
        if document is not None
    ]
    if downloads:
        data["distribution"] = downloads
    return data


def _home_json_ld(page, metadata, request):
    site_url = absolute_url("/", request)
    website = {
        "@type": "WebSite",
        "name": PUBLISHER,
        "url": site_url,
        "publisher": {"@id": f"{site_url}#organisation"},
    }
    finder = site_finder_url(request)
    if finder:  # the site's search is the evidence finder, wherever the page tree puts it
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(f"{finder}?q={{search_term_string}}", request),
            },
            "query-input": "required name=search_term_string",
        }
    return [
        {**_organisation(request), "@id": f"{site_url}#organisation", "description": metadata.description},
        website,
    ]


def page_metadata(page, request=None):
    """Everything meta.html prints for `page` (any Wagtail page, saved or being previewed)."""
    metadata = PageMetadata(
        title=page.seo_title or page.title,
        description=_description(page),
        canonical_url=_canonical_url(page, request),
    )
    graph = []
    metadata.image = _social_image(page, request)
    if isinstance(page, EvidencePage):
        metadata.og_type = "article"
        metadata.published = page.publication_date.isoformat()
        # The editor's "updated on" date, not the last save: a typo fix is not an update.
        metadata.modified = page.updated_on.isoformat() if page.updated_on else ""
        metadata.section = page.resource_type_label
        metadata.tags = [group.name for group in page.groups.all()] + [topic.name for topic in page.topics.all()]
        graph.append(_evidence_json_ld(page, metadata, request))
        if page.resource_type not in NOT_SCHOLARLY:
            metadata.highwire = Citation.for_page(page, request).highwire_tags()
    elif isinstance(page, HomePage):
        graph += _home_json_ld(page, metadata, request)
    else:
        graph.append(
            {
                "@type": "WebPage",
                "name": metadata.title,
                "url": metadata.canonical_url,
                "description": metadata.description,
            }
        )
    if page.pk and page.depth and page.depth > 2:
        breadcrumbs = _breadcrumbs(page, request)
        if breadcrumbs:
            graph.append(breadcrumbs)
    metadata.json_ld = {"@context": "https://schema.org", "@graph": graph}
    return metadata


def route_metadata(page, request, *, title, description="", trail=(), about=None):
    """The metadata of a view routed below `page` (an inequality group or topic page, their
    indexes): its own address, title and words, as a schema.org CollectionPage with breadcrumbs.
    `trail` is the (name, url) of each step between the page and this view."""
    canonical = absolute_url(request.path, request) if request is not None else ""
    metadata = PageMetadata(
        title=title,
        description=Truncator(" ".join(strip_tags(description).split())).chars(DESCRIPTION_LENGTH),
        canonical_url=canonical,
    )
    metadata.image = _social_image(page, request)
    collection = {
        "@type": "CollectionPage",
        "name": title,
        "url": canonical,
        "isPartOf": {"@type": "WebSite", "name": PUBLISHER, "url": absolute_url("/", request)},
        "publisher": _organisation(request),
    }
    if metadata.description:
        collection["description"] = metadata.description
    if about is not None:
        collection["about"] = {"@type": "DefinedTerm", "name": about.name, "url": canonical}
    crumbs = [(crumb.title, crumb.get_full_url(request)) for crumb in _ancestors(page)]
    crumbs += [(name, absolute_url(url, request)) for name, url in trail] + [(title, canonical)]
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
    metadata.json_ld = {"@context": "https://schema.org", "@graph": [collection, breadcrumbs]}
    return metadata
