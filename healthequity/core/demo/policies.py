"""The privacy notice and the accessibility statement, written as a UK public-sector site would."""

import datetime

from django.conf import settings

from .stream import bullets, heading, paragraph, subheading, table

__all__ = ["ACCESSIBILITY_PAGE", "PRIVACY_PAGE"]

CONTACT = '<a href="mailto:hello@healthequity.example">hello@healthequity.example</a>'

PRIVACY_PAGE = {
    "slug": "privacy",
    "title": "Privacy notice",
    "introduction": "How we collect, use and protect personal information when you use this website.",
    "last_reviewed": datetime.date(2026, 6, 15),
    "body": [
        heading("Who we are"),
        paragraph(
            "This website is run by the Health Equity Evidence Centre. For the personal information described "
            "here, the centre's host university is the data controller. You can contact our data protection "
            f"officer at {CONTACT}, putting 'Data protection' in the subject line."
        ),
        heading("What we collect and why"),
        paragraph(
            "You can read everything on this site without telling us who you are. We only collect personal "
            "information when you choose to send it to us."
        ),
        table(
            "Personal information we collect, why, and the lawful basis",
            [
                ["What you send", "What we collect", "Why", "Lawful basis (UK GDPR)"],
                [
                    "A collaboration opportunity",
                    "Your name, organisation, email address and the opportunity's details",
                    "To review and publish the opportunity and to contact you about it",
                    "Legitimate interests",
                ],
                [
                    "Interest in an opportunity",
                    "Your name, organisation, email address and message",
                    "To pass your interest to the organisation that posted the opportunity",
                    "Consent",
                ],
                [
                    "A problem report ('Something not right?')",
                    "Your message and, if you give it, your email address",
                    "To fix the problem and reply to you",
                    "Legitimate interests",
                ],
                [
                    "Email alerts",
                    "Your email address and the filters you chose",
                    "To send you new content that matches",
                    "Consent",
                ],
            ],
        ),
        paragraph(
            "Citizens' Panel members who write for us agree separately how their name and story are used, and "
            "can ask us to take their post down at any time."
        ),
        heading("Cookies and analytics"),
        paragraph(
            "We only set cookies that the site needs to work, such as one that keeps you signed in if you are "
            "an editor and one that protects forms from misuse. We do not use advertising cookies. Our server "
            "logs record IP addresses for security; we keep them for 30 days."
        ),
        heading("How long we keep information"),
        bullets(
            "Published opportunities: until the funder asks us to remove them, or two years after they close.",
            # The retention command (healthequity/core/public_forms/privacy.py) enforces this period.
            "Opportunities you send us, interest registrations and problem reports: we remove your name, email "
            f"address and message {settings.PERSONAL_DATA_RETENTION_MONTHS} months after you send them, and keep "
            "the rest of the record without them.",
            "Email alert subscriptions: until you unsubscribe, which you can do from any alert.",
        ),
        heading("Who we share it with"),
        paragraph(
            "We never sell personal information. If you register interest in an opportunity we share your "
            "details with the organisation that posted it. Our hosting and email providers process information "
            "for us under contract and only on our instructions, within the UK or under approved safeguards."
        ),
        heading("Your rights"),
        bullets(
            "see the personal information we hold about you",
            "have it corrected if it is wrong",
            "have it deleted, or its use restricted",
            "object to how we use it",
            "withdraw your consent at any time, where we rely on consent",
            intro="You have the right to:",
        ),
        paragraph(
            f"To use any of these rights, contact {CONTACT}. If you are unhappy with how we have handled your "
            "information you can complain to the Information Commissioner's Office at "
            '<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>.'
        ),
        heading("Changes to this notice"),
        paragraph("We review this notice every year and whenever we change how we use personal information."),
    ],
}

ACCESSIBILITY_PAGE = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "introduction": "How accessible this website is, what to do if you have a problem, and how we test it.",
    "last_reviewed": datetime.date(2026, 10, 1),
    "body": [
        paragraph(
            "This accessibility statement applies to the Health Equity Evidence Centre website. It does not "
            "cover the external websites we link to from our library."
        ),
        heading("Using this website"),
        paragraph(
            "We want as many people as possible to be able to use this website. For example, that means you "
            "should be able to:"
        ),
        bullets(
            "change colours, contrast levels and fonts using your browser or device settings",
            "zoom in up to 400% without the text spilling off the screen",
            "navigate most of the website using just a keyboard or speech recognition software",
            "listen to most of the website using a screen reader (including the most recent versions of "
            "JAWS, NVDA, VoiceOver and TalkBack)",
            "use the search and filters of the resources finder without JavaScript",
        ),
        paragraph(
            "We have also made the text as simple as we can. "
            '<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device easier '
            "to use if you have a disability."
        ),
        heading("How accessible this website is"),
        bullets(
            "some PDF reports published by partners before 2024 are not fully accessible to screen readers",
            "some embedded videos from third parties do not have audio description",
            "some complex data tables in older analyses do not have row headers",
            intro="We know some parts of this website are not fully accessible:",
        ),
        heading("Feedback and contact information"),
        paragraph(
            "If you need information on this website in a different format, such as an accessible PDF, large "
            f"print, easy read or audio, email {CONTACT}. We will consider your request and get back to you "
            "within 5 working days."
        ),
        heading("Reporting accessibility problems with this website"),
        paragraph(
            "We are always looking to improve the accessibility of this website. If you find any problems not "
            "listed on this page or think we are not meeting accessibility requirements, use the 'Something not "
            f"right?' link at the foot of any page or email {CONTACT}."
        ),
        heading("Enforcement procedure"),
        paragraph(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
            "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
            "'accessibility regulations'). If you are not happy with how we respond to your complaint, "
            '<a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support '
            "Service (EASS)</a>.",
            "If you are in Northern Ireland and are not happy with how we respond to your complaint, you can "
            '<a href="https://www.equalityni.org/Home">contact the Equality Commission for Northern Ireland</a>, '
            "which is responsible for enforcing the accessibility regulations there.",
        ),
        heading("Technical information about this website's accessibility"),
        paragraph(
            "The Health Equity Evidence Centre is committed to making its website accessible, in accordance "
            "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
            "2018."
        ),
        subheading("Compliance status"),
        paragraph(
            'This website is partially compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content '
            "Accessibility Guidelines version 2.2</a> AA standard, due to the non-compliances listed below."
        ),
        heading("Non-accessible content"),
        paragraph("The content listed below is non-accessible for the following reasons."),
        subheading("Non-compliance with the accessibility regulations"),
        bullets(
            "Some partner PDF reports lack tags and a logical reading order, so screen reader users may not be "
            "able to follow them. This fails WCAG 2.2 success criterion 1.3.1 (Info and Relationships). We are "
            "asking partners for accessible versions and will link to them by March 2027.",
            "Some older data tables have no row headers, so the relationship between cells is not announced. "
            "This fails WCAG 2.2 success criterion 1.3.1 (Info and Relationships). We plan to fix these tables "
            "by March 2027.",
            "Some embedded third-party videos lack audio description of visual information. This fails WCAG "
            "2.2 success criterion 1.2.5 (Audio Description (Prerecorded)). We add a text summary beside each "
            "video and will add audio description to our own videos.",
        ),
        subheading("Disproportionate burden"),
        paragraph("We are not claiming disproportionate burden for any content at present."),
        subheading("Content that's not within the scope of the accessibility regulations"),
        paragraph(
            "PDFs and other documents published before 23 September 2018 that are not essential to providing "
            "our services are exempt. Live video is also exempt, though we caption our own recordings."
        ),
        heading("What we're doing to improve accessibility"),
        paragraph(
            "Every change to the website is tested automatically before it is released: every type of page is "
            "opened in a real browser and checked with axe-core against WCAG 2.2 levels A and AA, again at 320 "
            "pixels wide to make sure nothing needs scrolling sideways, and the main journeys (finding and "
            "reading evidence, adding a collaboration opportunity and correcting a mistake in the form) are "
            "completed with the keyboard alone.",
            "Automated tools find only some problems, so we also check new page types by hand with a keyboard, "
            "with screen readers and at 400% zoom. Editors are prompted to give every image alt text or mark it "
            "as decorative, and every table needs a caption.",
        ),
        heading("Preparation of this accessibility statement"),
        paragraph(
            "This statement was prepared on 1 October 2026. It was last reviewed on 1 October 2026.",
            "This website was last tested on 15 September 2026 against the WCAG 2.2 AA standard. The test was "
            "carried out by the centre's digital team. We tested a sample of every page type: the home page, "
            "the resources finder with filters applied, a What works brief, a blog post, the library and the "
            "funders' submission form.",
        ),
    ],
}
