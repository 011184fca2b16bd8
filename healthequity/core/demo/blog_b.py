"""Blog posts on particular groups, services and research, including a guest post."""

import datetime

from .stream import bullets, heading, image, key_finding, paragraph, quote

__all__ = ["GROUP_POSTS"]

GROUP_POSTS = [
    {
        "slug": "anti-racist-interventions-ethnic-inequalities",
        "title": "What works to tackle ethnic inequalities through anti-racist interventions",
        "publication_date": datetime.date(2024, 4, 18),
        "summary": (
            "BMJ Open has published an in-depth review of anti-racist interventions to address ethnic "
            "inequalities in health care. Two of the review's authors reflect on what it means for primary care."
        ),
        "groups": ["ethnic-minority-communities"],
        "topics": ["maternity", "severe-mental-illness"],
        "authors": ["Dr Grace Okafor", "Dr Priya Raman"],
        "image": "Lavender evening",
        "body": [
            paragraph(
                "When we began the review we expected to find many evaluations of anti-racist interventions. We "
                "found many interventions, but far fewer that measured whether patients' care or health changed."
            ),
            heading("What we learned"),
            paragraph(
                "Most interventions were aimed at individual staff, usually as training. Training can raise "
                "awareness, but on its own it rarely changes care. The most promising approaches changed how "
                "organisations work: collecting good ethnicity data, publishing outcomes by ethnic group and "
                "holding leaders to account for the gaps."
            ),
            heading("What it means for primary care"),
            bullets(
                "Check the ethnicity recording in your practice records; gaps hide inequalities.",
                "Look at your own data, such as blood pressure control or referrals, by ethnic group.",
                "Work with local communities on what would make the practice feel safe and welcoming.",
            ),
            quote(
                "Anti-racism is not a course staff complete once. It is a way an organisation chooses to run itself.",
                "Dr Grace Okafor",
            ),
        ],
    },
    {
        "slug": "why-sure-start-matters",
        "title": "Early intervention, lasting change: Why Sure Start matters",
        "publication_date": datetime.date(2025, 2, 4),
        "summary": (
            "Sure Start improved children's physical health, social functioning and neurodevelopment, support "
            "since eroded by austerity. We share findings from the first systematic review of its health "
            "effects: fewer hospital admissions, less childhood obesity and better school readiness."
        ),
        "groups": ["children-and-young-people", "core20"],
        "topics": ["wider-determinants", "mental-health"],
        "authors": ["Megan Lloyd", "Dr Grace Okafor"],
        "image": "Warm sand",
        "body": [
            paragraph(
                "Sure Start local programmes, later children's centres, opened from 1999 in England's most "
                "deprived areas. They brought together health visiting, parenting support, early education and "
                "advice for families with young children. Many closed after 2010 as local budgets fell."
            ),
            heading("What the review found"),
            bullets(
                "fewer hospital admissions in childhood, especially among children from low-income families",
                "lower rates of childhood obesity",
                "better social functioning and school readiness",
                "benefits to parents' mental health and parenting",
                intro="Our systematic review is the first to bring together the evidence on health. Sure Start was "
                "associated with:",
            ),
            key_finding(
                "The benefits were largest in the most deprived areas: Sure Start narrowed inequalities, not just "
                "improved averages."
            ),
            image(
                "Warm sand",
                decorative=True,
                caption="Early years services are among the best-evidenced ways to give every child a fair start.",
            ),
            heading("What should happen next"),
            paragraph(
                "Family hubs have begun to restore some of this support. To match Sure Start's effects they will "
                "need stable funding, a focus on the most deprived areas and health services at their core."
            ),
        ],
    },
    {
        "slug": "missingness-lens-missed-appointments-letters",
        "title": "Applying a missingness lens to healthcare – missed appointments letters – tear up and start again!",
        "publication_date": datetime.date(2025, 10, 14),
        "summary": (
            "In this guest blog, Professor Andrea Williamson reflects on research into repeatedly missed "
            "appointments, which links high non-attendance to poorer health and social disadvantage, and "
            "introduces a new approach to appointment letters that better supports patients."
        ),
        "groups": ["inclusion-health-groups", "multiple-long-term-conditions"],
        "topics": ["severe-mental-illness", "wider-determinants"],
        "authors": ["Professor Andrea Williamson"],
        "is_guest_post": True,
        "image": "Morning mist over the coast",
        "body": [
            paragraph(
                "A missed appointment is usually treated as the patient's failure. Research on people who miss "
                "appointments again and again tells a different story: repeated non-attendance is linked with "
                "poorer health, earlier death and social disadvantage. The people who miss the most care are often "
                "those who need it most."
            ),
            heading("A missingness lens"),
            paragraph(
                "Looking at services through a 'missingness' lens means asking why someone is missing, not only "
                "recording that they were. It means treating a pattern of missed appointments as a sign of unmet "
                "need and a reason to reach out."
            ),
            heading("Starting again with appointment letters"),
            paragraph(
                "Many appointment letters warn patients that they will be discharged if they do not attend. For "
                "someone with chaotic housing, poor mental health or caring duties, that letter can end their care. "
                "A new approach puts the essentials first, in plain language, with a clear way to rearrange and an "
                "offer of help."
            ),
            bullets(
                "lead with what the appointment is for and why it matters",
                "make it easy to change the time, by phone or text",
                "remove threats of discharge for a missed appointment",
                "invite patients to tell the service what would help them attend",
                intro="The redesigned letter does four things:",
            ),
            quote("If we want people to come, we need to write to them as if we want them there."),
        ],
    },
    {
        "slug": "continuous-glucose-monitoring-young-people-diabetes",
        "title": "Inequalities in Continuous Glucose Monitoring for young people with diabetes",
        "publication_date": datetime.date(2025, 8, 19),
        "summary": (
            "Continuous glucose monitoring sends up-to-date glucose readings from a small sensor to a phone, "
            "sparing young people repeated finger-prick tests. It is transforming diabetes care, but not yet "
            "equally: we look at who is missing out."
        ),
        "groups": ["children-and-young-people", "core20", "ethnic-minority-communities"],
        "topics": ["diabetes", "digital-exclusion"],
        "authors": ["Megan Lloyd", "Tom Ashworth"],
        "image": "Teal ripples",
        "body": [
            paragraph(
                "For a child with type 1 diabetes, continuous glucose monitoring (CGM) replaces painful finger "
                "pricks with a sensor worn on the skin. Parents can see readings overnight and alarms warn of low "
                "blood sugar. Better control now means fewer complications later."
            ),
            heading("Who is missing out"),
            paragraph(
                "National audit data show that young people in the most deprived areas and from some ethnic "
                "minority groups are less likely to use CGM, even where it is offered to all. Needing a smartphone "
                "and confidence with technology, and less time with clinical teams, all play a part."
            ),
            key_finding(
                "A technology offered to everyone can still widen inequalities if the support to use it is not "
                "offered equally."
            ),
            bullets(
                "monitor uptake by deprivation and ethnicity in every clinic",
                "provide devices and data where families cannot afford them",
                "offer extra education sessions, in community languages",
                intro="Clinics can:",
            ),
        ],
    },
    {
        "slug": "citizens-panel-first-year",
        "title": "What our Citizens' Panel taught us in its first year",
        "publication_date": datetime.date(2024, 12, 10),
        "summary": (
            "A year ago we invited members of the public to advise the centre. Panel members have shaped which "
            "reviews we do, changed how we write and shared their own stories on this blog."
        ),
        "groups": ["protected-characteristic-groups", "inclusion-health-groups"],
        "topics": ["digital-exclusion"],
        "authors": ["Hannah Brooks"],
        "image": "Sage circles",
        "body": [
            paragraph(
                "Our Citizens' Panel brings together people from across England with experience of health "
                "inequalities: living in deprived areas, managing long-term conditions, caring for family members "
                "or facing barriers to care."
            ),
            heading("What changed because of the panel"),
            bullets(
                "Two new What works briefs, on digital inclusion and young carers, came from panel suggestions.",
                "Our summaries are shorter and plainer after panel members tested them.",
                "Panel members now review each brief's recommendations before publication.",
            ),
            quote(
                "I joined because I was tired of being asked for my story and never hearing what happened next. "
                "Here, I see what changes.",
                "Panel member, North East",
            ),
        ],
    },
]
