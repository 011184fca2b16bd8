"""The home page, the section index pages and the "About us" page."""

import datetime

from .stream import bullets, heading, image, key_finding, paragraph, quote, subheading

__all__ = ["ABOUT_PAGE", "HOME", "INDEX_PAGES"]

HOME = {
    "title": "Health Equity Evidence Centre",
    "slug": "home",
    "introduction": (
        "We gather, test and share the evidence on what reduces inequalities in health and care, so that "
        "the people who plan, fund and deliver services can act on it."
    ),
    "about_heading": "About us",
    "about": (
        "<p>We are a research collaboration, working mostly from universities and funded by the NHS, "
        "that exists to help end avoidable differences in health and in the care people receive. We turn "
        "research and routine NHS data into short, usable evidence: <b>What works</b> briefs, analyses of how "
        "money flows through the health service, practical tools and blogs.</p>"
        "<p>Decades of research describe health inequalities in detail, yet progress in closing the gaps has "
        "been slow. The successes show change is possible: England's cross-government health inequalities "
        "strategy of the 2000s narrowed the gaps in life expectancy and infant mortality, and the COVID-19 "
        "vaccination programme worked hard to reach minority ethnic communities. We use modern machine "
        "learning to search and sift the literature quickly, and we ask members of the public, through our "
        "Citizens' Panel, what matters to them.</p>"
    ),
}

# slug, model label, title, introduction
INDEX_PAGES = [
    (
        "resources",
        "resources.ResourceIndexPage",
        "Resources",
        "Search or browse our collection of resources on health inequalities, produced by our team and "
        "collaborators: evidence briefs, analyses of NHS data, tools and blogs, newest first.",
    ),
    (
        "blog",
        "blog.BlogIndexPage",
        "Blog",
        "Views and opinions from our team, partners and collaborators on health and care inequalities, "
        "including guest posts.",
    ),
    (
        "citizens-panel",
        "panel.CitizensPanelIndexPage",
        "Citizens' Panel",
        "Members of the public who advise the centre write here about their own experience of health and "
        "care. They choose how their name is shown.",
    ),
    (
        "library",
        "library.LibraryPage",
        "Library",
        "A reading list of material from other organisations on health inequalities: definitions, data, "
        "frameworks and guidance, grouped by the organisation that published it.",
    ),
]

ABOUT_PAGE = {
    "slug": "about",
    "title": "About us",
    "introduction": (
        "Who we are, what we do and how we work to make evidence on health and care inequalities easier to "
        "find and use."
    ),
    "last_reviewed": datetime.date(2026, 9, 1),
    "body": [
        heading("Who we are"),
        paragraph(
            "The Health Equity Evidence Centre is a research collaboration. Most of our team work in "
            "university departments of primary care and public health, and our work is funded by the NHS. "
            "We share one aim: that everyone should be able to enjoy good health and receive the highest "
            "standard of care, whoever they are and wherever they live.",
            "Health inequalities are avoidable, unfair and systematic differences in health between groups "
            "of people. They show up in how long people live, how many years they live in good health, which "
            "conditions they develop and the care they are offered. Those differences follow deprivation, "
            "ethnicity, disability, where people live and many other circumstances that have nothing to do "
            "with choice.",
        ),
        image(
            "Interlocking rings",
            alt_text="Blue and green rings linking together, representing partners working with each other.",
            caption="We work with NHS organisations, universities, charities and members of the public.",
        ),
        heading("What we do"),
        paragraph(
            "There is no shortage of research describing inequalities. What busy clinicians, commissioners "
            "and analysts often lack is a quick, trustworthy answer to a practical question: what can we do "
            "about it here, and how sure can we be that it will help? We try to answer that question."
        ),
        subheading("Evidence reviews"),
        paragraph(
            "Our <b>What works</b> briefs review the research on an intervention or approach and rate every "
            "finding twice: for its effect on inequalities (does it narrow the gap, widen it, have a mixed "
            "effect or no clear effect?) and for the strength of the evidence behind it. Interventions that "
            "improve average outcomes can still leave the most disadvantaged behind, so we look for the "
            "effect on the gap, not only the average."
        ),
        subheading("Analysis of NHS data"),
        paragraph(
            "We analyse open NHS data, especially payments to general practice, to show where money goes "
            "and whether it follows need. Our analyses look at deprivation, rurality, dispensing and the age "
            "structure of practice populations."
        ),
        subheading("Tools"),
        paragraph(
            "We build free tools for integrated care boards and practices, such as eFIT, which helps boards "
            "see how general practice funding would change if it took account of socio-economic need."
        ),
        subheading("Bringing funders together"),
        paragraph(
            "Charities, trusts and NHS programmes fund a great deal of work on inequalities, often without "
            "knowing about each other. Our funders' pages let them share collaboration opportunities and find "
            "partners."
        ),
        heading("How we work"),
        bullets(
            "We search the literature systematically and use machine learning to help screen large numbers "
            "of studies quickly, with every included study checked by a researcher.",
            "We say how strong the evidence is, including when it is weak or missing.",
            "We publish in plain English and design every page to work on a phone, with a screen reader and "
            "on a slow connection.",
            "We involve members of the public through our Citizens' Panel, who shape our priorities and write "
            "for us about their own experience.",
            intro="A few principles guide all of our work:",
        ),
        key_finding(
            "Progress is possible. England's cross-government strategy on health inequalities in the 2000s "
            "narrowed the gap in life expectancy and in infant mortality, showing that sustained, coordinated "
            "action works.",
            title="Why we are optimistic",
        ),
        quote(
            "We want the person planning a service on a Monday morning to find the best evidence on their "
            "question in minutes, and to know how far they can trust it.",
            "Clinical director, Health Equity Evidence Centre",
        ),
        heading("Our funding and independence"),
        paragraph(
            "Our core funding comes from the NHS. We decide what our reviews conclude, and we publish our "
            "methods with every brief so that readers can judge them. Where a project has a separate funder, "
            "we say so on the page."
        ),
        heading("Contact us"),
        paragraph(
            "We welcome questions, ideas for evidence reviews and offers of collaboration. Email "
            '<a href="mailto:hello@healthequity.example">hello@healthequity.example</a>.'
        ),
    ],
}
