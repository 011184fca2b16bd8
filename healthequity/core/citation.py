"""How an evidence page is cited: a Harvard-style reference, BibTeX, RIS and Highwire tags.

One `Citation` is built from a page and read by every format, so the text a reader copies, the
file a citation manager imports and the tags Google Scholar reads always agree. BibTeX is written
with bibtexparser (its text LaTeX-encoded by pylatexenc, the encoder bibtexparser itself uses), RIS
with rispy; docs/architecture.md says what is still written by hand and why.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

import bibtexparser
import rispy
from bibtexparser.middlewares import MergeCoAuthors, MergeNameParts, NameParts
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

__all__ = [
    "PUBLISHER",
    "Citation",
    "CitedName",
    "bibtex_escape",
    "citation_download",
    "normalise_doi",
    "split_name",
]

PUBLISHER = "Health Equity Evidence Centre"

HONORIFICS = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "revd", "lord", "lady"}
FAMILY_NAME_PARTICLES = {
    "van",
    "von",
    "de",
    "da",
    "del",
    "della",
    "der",
    "di",
    "du",
    "la",
    "le",
    "ten",
    "ter",
    "bin",
    "al",
}
# Words that mark an author as an organisation, cited whole rather than as "Family, G."
ORGANISATION_WORDS = {
    "agency", "alliance", "association", "board", "centre", "center", "charity", "college", "commission",
    "council", "department", "foundation", "fund", "group", "institute", "network", "nhs", "office",
    "panel", "partnership", "programme", "society", "team", "trust", "unit", "university",
}  # fmt: skip

# Words skipped when a BibTeX key takes the first word of the title ("What works: …" is every brief).
KEY_STOP_WORDS = {"what", "works", "with", "from", "into", "does", "about", "their", "there", "this", "that", "how"}

# A DOI as registered (10.<registrant>/<suffix>), after any resolver prefix is removed.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")

# Which BibTeX entry and RIS reference type each resource type becomes.
BIBTEX_TYPES = {"what-works-brief": "techreport", "report": "techreport", "analysis": "techreport"}
RIS_TYPES = {
    "what-works-brief": "RPRT",
    "report": "RPRT",
    "analysis": "RPRT",
    "evidence-map": "RPRT",
    "data": "DATA",
    "tool": "COMP",
    "blog": "BLOG",
    "citizens-panel": "BLOG",
}


def normalise_doi(value):
    """Accept a DOI as editors paste it (bare, doi:, or a doi.org link) and keep the bare form.

    Raises ValidationError with a message for the field when it is not a DOI at all.
    """
    doi = (value or "").strip()
    for prefix in DOI_PREFIXES:
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :].strip()
            break
    if doi and not DOI_PATTERN.match(doi):
        raise ValidationError(
            "Enter a DOI such as 10.1234/abcd.5678, or a https://doi.org/… link. It must start with “10.”."
        )
    return doi


@dataclass(frozen=True)
class CitedName:
    """An author as citation styles need it: split for people, whole for organisations."""

    full: str
    family: str = ""
    given: str = ""

    @property
    def is_organisation(self):
        return not self.family

    @property
    def initials(self):
        return " ".join(f"{part[0]}." for part in re.split(r"[\s.]+", self.given) if part)

    @property
    def family_given(self):
        """ "Raman, Priya" (RIS, Highwire) or the organisation's name."""
        return f"{self.family}, {self.given}" if self.family and self.given else (self.family or self.full)

    @property
    def harvard(self):
        """ "Raman, P." or the organisation's name."""
        return f"{self.family}, {self.initials}" if self.family and self.initials else (self.family or self.full)


def split_name(full_name):
    """Split "Dr Priya Raman" into family "Raman" and given "Priya"; keep organisations whole.

    Honorifics are dropped and lower-case particles stay with the family name
    ("Ludwig van Beethoven" → "van Beethoven, Ludwig").
    """
    name = " ".join(full_name.split())
    words = name.split(" ")
    if {word.lower().strip(".,") for word in words} & ORGANISATION_WORDS:
        return CitedName(full=name)
    while len(words) > 1 and words[0].lower().strip(".") in HONORIFICS:
        words = words[1:]
    if len(words) == 1:
        return CitedName(full=name, family=words[0])
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1] in FAMILY_NAME_PARTICLES:
        family_start -= 1
    return CitedName(full=name, family=" ".join(words[family_start:]), given=" ".join(words[:family_start]))


def plain_text(value):
    """Field text on one line: runs of whitespace become one space and control characters go.

    Neither writer does this: rispy would write a newline into the value and end the RIS line there,
    and the LaTeX encoder passes control characters through.
    """
    text = "".join(char for char in str(value) if char.isspace() or unicodedata.category(char) != "Cc")
    return " ".join(text.split())


# The encoder inside bibtexparser's LatexEncodingMiddleware (pylatexenc), used field by field because
# the middleware would encode URLs and DOIs too. A straight double quote stays as typed (by default it
# becomes LaTeX's closing quotes, read back as a curly one); "braces-after-macro" writes \textbackslash{}.
LATEX_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, {ord('"'): '"'}), "defaults"],
    replacement_latex_protection="braces-after-macro",
    unknown_char_warning=False,  # characters with no LaTeX form (Chinese, emoji) stay UTF-8, quietly
)

# BibTeX pairs every brace, escaped or not, so a brace without a partner is written as a text command:
# as \{ it would leave the field open and swallow the rest of the file.
UNPAIRED_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def unpaired_braces(text):
    """Positions of the braces in text that have no partner."""
    opened, unpaired = [], []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                unpaired.append(index)
    return sorted(unpaired + opened)


def bibtex_escape(text):
    """Text as LaTeX for a braced BibTeX field, so it compiles and reads back as written."""
    text = plain_text(text)
    latex, start = [], 0
    for index in unpaired_braces(text):
        latex += [LATEX_ENCODER.unicode_to_latex(text[start:index]), UNPAIRED_BRACES[text[index]]]
        start = index + 1
    latex.append(LATEX_ENCODER.unicode_to_latex(text[start:]))
    return "".join(latex)


def bibtex_verbatim(text):
    """URLs and DOIs are read verbatim by BibTeX's url package, so they are not LaTeX-encoded; only
    braces and backslashes would break the field, so those are percent-encoded (still a valid URL)."""
    return str(text).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


# Fields indented by two spaces, as our files always were (bibtexparser's default is a tab).
BIBTEX_FORMAT = bibtexparser.BibtexFormat()
BIBTEX_FORMAT.indent = "  "


class CitationRisWriter(rispy.RisWriter):
    """rispy's writer with the CRLF line endings the RIS specification asks for, and without the
    "1." line it puts before each reference: a file starts with its TY line."""

    NEWLINE = "\r\n"

    def set_header(self, count):
        return ""


@dataclass
class Citation:
    title: str
    url: str
    publication_date: datetime.date
    resource_type: str
    type_label: str
    authors: list[CitedName] = field(default_factory=list)
    summary: str = ""
    doi: str = ""
    updated_on: datetime.date | None = None
    keywords: list[str] = field(default_factory=list)
    pdf_url: str = ""
    accessed: datetime.date = field(default_factory=timezone.localdate)
    publisher: str = PUBLISHER

    @classmethod
    def for_page(cls, page, request=None):
        """The citation of an evidence page as it stands (works for previews of unsaved pages too).

        Made once per page and request: the page's <head> metadata and its "Cite this" box both ask.
        """
        made = page.__dict__.get("_citation_for_request")
        if made is not None and made[0] is request:
            return made[1]
        citation = cls._for_page(page, request)
        page.__dict__["_citation_for_request"] = (request, citation)
        return citation

    @classmethod
    def _for_page(cls, page, request):
        keywords = [group.name for group in page.groups.all()] + [topic.name for topic in page.topics.all()]
        return cls(
            title=page.title,
            url=page.get_full_url(request) or "",
            publication_date=page.publication_date,
            resource_type=page.resource_type,
            type_label=page.resource_type_label,
            authors=[split_name(author.name) for author in page.authors],
            summary=page.summary,
            doi=page.doi,
            updated_on=page.updated_on,
            keywords=keywords,
            pdf_url=page.get_pdf_url(request) if hasattr(page, "get_pdf_url") else "",
        )

    @property
    def year(self):
        return self.publication_date.year

    @property
    def cited_authors(self):
        """The people who wrote it or, when none is named, the centre as corporate author."""
        return self.authors or [CitedName(full=self.publisher)]

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def key(self):
        """A BibTeX key in the usual family-year-word form, ASCII only: "raman2025dispensing"."""
        first = self.cited_authors[0]
        family = (first.family or first.full).split(" ")[-1]
        title_words = [word for word in slugify(self.title).split("-") if len(word) > 3 and word not in KEY_STOP_WORDS]
        parts = [slugify(family).replace("-", ""), str(self.year), title_words[0] if title_words else ""]
        return "".join(parts) or "heec"

    # Harvard (Cite Them Right) style, the one UK health and social care readers expect.

    def harvard_authors(self):
        names = [name.harvard for name in self.cited_authors]
        if len(names) > 3:
            return f"{names[0]} et al."
        if len(names) == 1:
            return names[0]
        return f"{', '.join(names[:-1])} and {names[-1]}"

    def _harvard_parts(self):
        """The reference in pieces: (text before the title, title, text after the title)."""
        before = f"{self.harvard_authors()} ({self.year}) "
        after = []
        if self.type_label and self.resource_type not in ("blog", "citizens-panel"):
            after.append(f"{self.type_label}.")
        if self.authors:  # otherwise the centre is already named, as the author
            after.append(f"{self.publisher}.")
        if self.doi:
            after.append(f"doi:{self.doi}.")
        after.append(f"Available at: {self.url} (Accessed: {format_date(self.accessed, 'j F Y')}).")
        return before, self.title, " ".join(after)

    def as_text(self):
        before, title, after = self._harvard_parts()
        return f"{before}{title}. {after}"

    def as_html(self):
        before, title, after = self._harvard_parts()
        return format_html("{}<cite>{}</cite>. {}", before, title, after)

    def _bibtex_names(self):
        """Authors as BibTeX reads them: "Family, Given", an organisation braced so it stays whole."""
        return [
            NameParts(last=[f"{{{bibtex_escape(name.full)}}}"])
            if name.is_organisation
            else NameParts(last=[bibtex_escape(name.family)], first=[bibtex_escape(name.given)] if name.given else [])
            for name in self.cited_authors
        ]

    def as_bibtex(self):
        entry_type = BIBTEX_TYPES.get(self.resource_type, "misc")
        fields = [
            Field("author", self._bibtex_names()),
            # The inner braces keep the title's capital letters as written.
            Field("title", f"{{{bibtex_escape(self.title)}}}"),
            Field("institution" if entry_type == "techreport" else "publisher", bibtex_escape(self.publisher)),
            Field("type" if entry_type == "techreport" else "howpublished", bibtex_escape(self.type_label)),
            Field("year", str(self.year)),
            # `month` is a BibTeX macro (jan, feb, …): braced it would be plain text.
            Field("month", self.publication_date.strftime("%b").lower(), enclosing="no-enclosing"),
            Field("date", self.publication_date.isoformat()),
            Field("url", bibtex_verbatim(self.url)),
            Field("urldate", self.accessed.isoformat()),
        ]
        if self.doi:
            fields.append(Field("doi", bibtex_verbatim(self.doi)))
        if summary := plain_text(self.summary):
            fields.append(Field("abstract", bibtex_escape(summary)))
        if self.keywords:
            fields.append(Field("keywords", bibtex_escape(", ".join(self.keywords))))
        if self.updated_on:
            fields.append(Field("note", bibtex_escape(f"Updated {format_date(self.updated_on, 'j F Y')}")))
        library = bibtexparser.Library([Entry(entry_type, self.key, fields)])
        return bibtexparser.write_string(
            library, prepend_middleware=[MergeNameParts(), MergeCoAuthors()], bibtex_format=BIBTEX_FORMAT
        )

    def as_ris(self):
        reference = {
            "type_of_reference": RIS_TYPES.get(self.resource_type, "GEN"),
            "title": plain_text(self.title),
            "authors": [plain_text(name.family_given) for name in self.cited_authors],
            "year": str(self.year),
            "date": self.publication_date.strftime("%Y/%m/%d"),
            "publisher": plain_text(self.publisher),
            "type_of_work": plain_text(self.type_label),
            "urls": [self.url],
            "access_date": self.accessed.strftime("%Y/%m/%d"),
            "language": "en",
        }
        if self.doi:
            reference["doi"] = self.doi
        if summary := plain_text(self.summary):
            reference["abstract"] = summary
        if self.keywords:
            reference["keywords"] = [plain_text(keyword) for keyword in self.keywords]
        if self.pdf_url:
            reference["file_attachments1"] = self.pdf_url
        return rispy.dumps([reference], implementation=CitationRisWriter)

    def highwire_tags(self):
        """(name, content) pairs of the citation_* meta tags Google Scholar reads."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", name.family_given) for name in self.cited_authors]
        tags += [
            ("citation_publication_date", self.publication_date.strftime("%Y/%m/%d")),
            ("citation_publisher", self.publisher),
            ("citation_abstract_html_url", self.url),
            ("citation_language", "en"),
        ]
        if BIBTEX_TYPES.get(self.resource_type) == "techreport":
            tags.append(("citation_technical_report_institution", self.publisher))
        if self.doi:
            tags.append(("citation_doi", self.doi))
        if self.pdf_url:
            tags.append(("citation_pdf_url", self.pdf_url))
        if self.keywords:
            tags.append(("citation_keywords", "; ".join(self.keywords)))
        return tags

    def highwire_html(self):
        return format_html_join("\n", '<meta name="{}" content="{}">', self.highwire_tags())


def citation_download(content, content_type, filename):
    """A citation file served as a download citation managers recognise, kept out of search indexes."""
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
