"""Briefs people can cite: the reference, BibTeX and RIS downloads, DOIs and the notices."""

import datetime

from django.core.exceptions import ValidationError

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from healthequity.core.citation import Citation, bibtex_escape, normalise_doi, split_name
from resources.models import WhatWorksBriefPage
from tests import factories
from tests.editors_support import brief_form_data

ACCESSED = datetime.date(2026, 3, 2)


@pytest.fixture
def brief(resource_index):
    return factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: Empowering health care staff to address health inequalities",
        slug="empowering-staff",
        summary="How staff can be supported to act on inequalities.",
        publication_date=datetime.date(2024, 2, 6),
        doi="10.5555/heec.2024.001",
        groups=[factories.InequalityGroupFactory(name="Core20 test group")],
        topics=[factories.TopicFactory(name="Workforce")],
        authors=[factories.AuthorFactory(name="Dr Samuel Adeyemi"), factories.AuthorFactory(name="Dr Grace Okafor")],
    )


def parse_bibtex(text):
    """Parse with bibtexparser; authors split as BibTeX does, other fields LaTeX-decoded."""
    names = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not names.failed_blocks and not decoded.failed_blocks
    (entry,) = decoded.entries
    return entry, names.entries[0]["author"]


@pytest.mark.django_db
def test_bibtex_download_parses_and_carries_the_briefs_fields(client, brief):
    response = client.get("/resources/empowering-staff/cite/bibtex/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="empowering-staff.bib"'
    assert response["X-Robots-Tag"] == "noindex"

    entry, authors = parse_bibtex(response.content.decode())
    assert entry.entry_type == "techreport"
    assert entry.key == "adeyemi2024empowering"
    assert entry["title"] == brief.title
    assert [(name.last, name.first) for name in authors] == [(["Adeyemi"], ["Samuel"]), (["Okafor"], ["Grace"])]
    assert entry["year"] == "2024"
    assert entry["month"] == "feb"
    assert entry["institution"] == "Health Equity Evidence Centre"
    assert entry["url"] == "http://testserver/resources/empowering-staff/"
    assert entry["doi"] == "10.5555/heec.2024.001"
    assert entry["keywords"] == "Core20 test group, Workforce"


@pytest.mark.django_db
def test_ris_download_parses_and_carries_the_briefs_fields(client, brief):
    response = client.get("/resources/empowering-staff/cite/ris/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="empowering-staff.ris"'
    text = response.content.decode()
    assert text.startswith("TY  - RPRT\r\n") and text.endswith("ER  - \r\n")

    (record,) = rispy.loads(text)
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == brief.title
    assert record["authors"] == ["Adeyemi, Samuel", "Okafor, Grace"]
    assert record["year"] == "2024"
    assert record["date"] == "2024/02/06"
    assert record["publisher"] == "Health Equity Evidence Centre"
    assert record["urls"] == ["http://testserver/resources/empowering-staff/"]
    assert record["doi"] == "10.5555/heec.2024.001"
    assert record["keywords"] == ["Core20 test group", "Workforce"]
    assert record["abstract"] == brief.summary


def citation(**overrides):
    fields = {
        "title": "A title",
        "url": "https://example.org/resources/a/",
        "publication_date": datetime.date(2025, 5, 20),
        "resource_type": "analysis",
        "type_label": "Analysis",
        "accessed": ACCESSED,
    }
    fields.update(overrides)
    return Citation(**fields)


def test_bibtex_special_characters_are_escaped_and_read_back_as_written():
    title = r"Cost & outcome: 50% of {NHS} spend, $10m, #1 on_the list ~ a \ backslash"
    entry, _ = parse_bibtex(citation(title=title, summary="Line one\nline two & more").as_bibtex())
    assert entry["title"] == title
    assert entry["abstract"] == "Line one line two & more"
    assert bibtex_escape("{}") == r"\{\}"
    assert bibtex_escape("\\") == r"\textbackslash{}"


def test_bibtex_keeps_an_organisation_author_whole_and_urls_verbatim():
    text = citation(authors=[split_name("NHS England")], url="https://example.org/a_b%20c/{x}").as_bibtex()
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    (author,) = library.entries[0]["author"]
    assert author.last == ["{NHS England}"] and author.first == []
    assert library.entries[0]["url"] == "https://example.org/a_b%20c/%7Bx%7D"


AWKWARD_TITLES = [
    'Why "hard to reach" is the wrong phrase: <20% of 2 > 1',
    "From $10m to $20m: see https://example.org/a_b?c=1&d=2",
    "Ends with a backslash \\",
    "Zoë's naïve café in Łódź — £5 “each”",
    "日本の健康 😀",
]


@pytest.mark.parametrize("title", AWKWARD_TITLES)
def test_awkward_titles_read_back_as_written_from_bibtex_and_ris(title):
    made = citation(title=title, summary=title)
    entry, _ = parse_bibtex(made.as_bibtex())
    assert (entry["title"], entry["abstract"]) == (title, title)
    (record,) = rispy.loads(made.as_ris())
    assert (record["title"], record["abstract"]) == (title, title)


def test_a_caret_is_written_as_latexs_ascii_circumflex():
    # LaTeX prints ^ for it; Python's LaTeX decoders read it as "ˆ" (U+02C6), so it is checked as written.
    assert r"{x\textasciicircum{}2 = 4}" in citation(title="x^2 = 4").as_bibtex()


def test_a_brace_without_its_pair_does_not_leave_the_bibtex_field_open():
    text = citation(title="A lone { brace", summary="and a stray } one").as_bibtex()
    depth = 0
    for char in text:  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    (entry,) = bibtexparser.parse_string(text).entries
    assert entry["title"] == r"{A lone \textbraceleft{} brace}"
    assert entry["abstract"] == r"and a stray \textbraceright{} one"


def test_a_non_ascii_author_reads_back_from_bibtex_and_ris():
    name = split_name("Zoë Ó Súilleabháin")
    made = citation(authors=[name])
    middleware = [LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    (author,) = bibtexparser.parse_string(made.as_bibtex(), append_middleware=middleware).entries[0]["author"]
    assert (" ".join(author.last), " ".join(author.first)) == (name.family, name.given)
    (record,) = rispy.loads(made.as_ris())
    assert record["authors"] == [name.family_given]


def test_a_title_with_a_newline_or_control_character_stays_on_one_line():
    made = citation(title="Line one\nline\ttwo\x07bell\r\n")
    entry, _ = parse_bibtex(made.as_bibtex())
    assert entry["title"] == "Line one line twobell"
    assert "\r\nTI  - Line one line twobell\r\nAU  - " in made.as_ris()


@pytest.mark.parametrize("summary", ["", "  \n\t "])
def test_an_empty_summary_writes_no_abstract(summary):
    made = citation(summary=summary)
    entry, _ = parse_bibtex(made.as_bibtex())
    assert "abstract" not in entry.fields_dict
    assert "AB  -" not in made.as_ris()


def test_ris_writes_every_tag_in_order_with_crlf_line_endings():
    made = citation(
        authors=[split_name("Dr Priya Raman"), split_name("NHS England")],
        doi="10.5555/x",
        summary="A summary.",
        keywords=["Core20", "Workforce"],
        pdf_url="https://example.org/a.pdf",
    )
    *lines, last = made.as_ris().split("\r\n")
    assert last == "" and not any("\n" in line or "\r" in line for line in lines)
    tags = ["TY", "TI", "AU", "AU", "PY", "DA", "PB", "M3", "UR", "Y2", "LA", "DO", "AB", "KW", "KW", "L1", "ER"]
    assert [line[:6] for line in lines] == [f"{tag}  - " for tag in tags]
    assert lines[-1] == "ER  - "


def test_bibtex_month_is_an_unbraced_macro_and_urls_and_dois_are_not_latex():
    text = citation(url="https://example.org/a_b%20c/", doi="10.5555/a_b").as_bibtex()
    assert "\n  month = may,\n" in text
    assert "\n  url = {https://example.org/a_b%20c/},\n" in text
    assert "\n  doi = {10.5555/a_b}\n" in text


def test_the_centre_is_the_author_when_nobody_is_named():
    text = citation().as_text()
    assert text.startswith("Health Equity Evidence Centre (2025) A title. Analysis. Available at:")
    (record,) = rispy.loads(citation().as_ris())
    assert record["authors"] == ["Health Equity Evidence Centre"]


def test_harvard_reference_lists_up_to_three_authors_then_et_al():
    names = [split_name(name) for name in ("Dr Priya Raman", "Tom Ashworth", "Prof. Andrea Williamson")]
    text = citation(authors=names, doi="10.5555/x").as_text()
    assert text == (
        "Raman, P., Ashworth, T. and Williamson, A. (2025) A title. Analysis. Health Equity Evidence Centre. "
        "doi:10.5555/x. Available at: https://example.org/resources/a/ (Accessed: 2 March 2026)."
    )
    many = citation(authors=[*names, split_name("Megan Lloyd")]).as_text()
    assert many.startswith("Raman, P. et al. (2025)")


def test_names_are_split_for_citation_styles():
    assert (split_name("Dr Priya Raman").family, split_name("Dr Priya Raman").given) == ("Raman", "Priya")
    assert split_name("Ludwig van Beethoven").family_given == "van Beethoven, Ludwig"
    assert split_name("Mary-Jane O'Neil").harvard == "O'Neil, M."
    assert split_name("Health Foundation Trust").is_organisation
    assert split_name("Plato").family_given == "Plato"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("10.1136/jech-2012-201257", "10.1136/jech-2012-201257"),
        ("  https://doi.org/10.1016/S0140-6736(12)60240-2 ", "10.1016/S0140-6736(12)60240-2"),
        ("doi:10.5555/abc", "10.5555/abc"),
        ("", ""),
    ],
)
def test_dois_are_accepted_as_editors_paste_them(typed, stored):
    assert normalise_doi(typed) == stored


@pytest.mark.parametrize(
    "typed", ["not a doi", "11.1234/abc", "10.12/short-registrant", "https://example.org/10.1234/x"]
)
def test_things_that_are_not_dois_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_doi(typed)


@pytest.mark.django_db
def test_a_bad_doi_is_reported_by_the_field_and_nothing_is_saved(admin_client, resource_index):
    response = admin_client.post(
        f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
        brief_form_data("What works: bad doi", "bad-doi", "action-publish", doi="see the journal"),
    )
    assert response.status_code == 200
    assert "It must start with “10.”" in response.content.decode()
    assert not WhatWorksBriefPage.objects.filter(slug="bad-doi").exists()

    response = admin_client.post(
        f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
        brief_form_data("What works: good doi", "good-doi", "action-publish", doi="https://doi.org/10.5555/Good"),
    )
    assert response.status_code == 302
    assert WhatWorksBriefPage.objects.get(slug="good-doi").doi == "10.5555/Good"


@pytest.mark.django_db
def test_the_brief_shows_cite_this_with_reference_and_downloads(client, brief):
    html = client.get(brief.url).content.decode()
    assert 'id="cite-heading">Cite this brief</h2>' in html
    assert "Adeyemi, S. and Okafor, G. (2024) <cite>What works: Empowering health care staff" in html
    assert "doi:10.5555/heec.2024.001." in html
    assert "Available at: http://testserver/resources/empowering-staff/ (Accessed:" in html
    assert 'href="/resources/empowering-staff/cite/bibtex/"' in html
    assert 'href="/resources/empowering-staff/cite/ris/"' in html


@pytest.mark.django_db
def test_every_evidence_page_type_can_be_cited(client, resource_index, blog_index, panel_index):
    pages = [
        factories.ResourcePageFactory(parent=resource_index, resource_type="tool"),
        factories.BlogPageFactory(parent=blog_index),
        factories.PanelPostPageFactory(parent=panel_index),
    ]
    for page, ris_type in zip(pages, ["COMP", "BLOG", "BLOG"], strict=True):
        assert "Cite this" in client.get(page.url).content.decode()
        (record,) = rispy.loads(client.get(f"{page.url}cite/ris/").content.decode())
        assert record["type_of_reference"] == ris_type
        entry, _ = parse_bibtex(client.get(f"{page.url}cite/bibtex/").content.decode())
        assert entry.entry_type == "misc" and entry["title"] == page.title


@pytest.mark.django_db
def test_drafts_cannot_be_downloaded_as_citations(client, brief):
    brief.unpublish()
    assert client.get("/resources/empowering-staff/cite/bibtex/").status_code == 404
    assert client.get("/resources/empowering-staff/cite/ris/").status_code == 404


@pytest.mark.django_db
def test_a_superseded_brief_names_its_replacement_and_an_updated_one_says_when(client, resource_index):
    newer = factories.WhatWorksBriefPageFactory(
        parent=resource_index, title="What works: the 2025 edition", updated_on=datetime.date(2025, 9, 2)
    )
    older = factories.WhatWorksBriefPageFactory(parent=resource_index, replaced_by=newer)
    html = client.get(older.url).content.decode()
    assert "This has been replaced by a newer brief" in html
    assert f'<a href="{newer.url}">What works: the 2025 edition</a>' in html
    newer_html = client.get(newer.url).content.decode()
    assert "<dt>Updated on</dt>" in newer_html and "2 September 2025" in newer_html
    assert "has been replaced" not in newer_html

    newer.unpublish()  # a replacement nobody can read is not offered
    assert "has been replaced" not in client.get(older.url).content.decode()


@pytest.mark.django_db
def test_a_page_cannot_replace_itself(brief):
    brief.replaced_by = brief
    with pytest.raises(ValidationError) as error:
        brief.full_clean()
    assert "replaced_by" in error.value.message_dict
