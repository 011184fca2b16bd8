"""The funders' demo index page and published opportunities, across every vocabulary. The first is
based on the captured seed page "Tackling health inequalities", written in our own words; the
organisations and addresses of the others are invented."""

import datetime

__all__ = ["INDEX", "OPPORTUNITIES"]


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items, intro=""):
    return (f"<p>{intro}</p>" if intro else "") + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


INDEX = {
    "slug": "funders",
    "title": "Funders' collaboration opportunities",
    "introduction": (
        "<p>Charities, trusts and NHS programmes spend a great deal on reducing inequalities in health, often "
        "without knowing who else is working on the same problem. These pages help funders find each other: "
        "browse opportunities to share what you know, align or pool funding, or learn from what others have "
        "already tried.</p>"
    ),
}


OPPORTUNITIES = [
    {
        "slug": "tackling-health-inequalities",
        "title": "Tackling health inequalities",
        "summary": (
            "NHS England's healthcare inequalities programme wants to talk with funders about building the "
            "reduction of health inequalities into their own programmes, and about working together."
        ),
        "issues": ["health"],
        "activities": ["information-sharing", "influencing-policy-and-practice"],
        "location": "england",
        "stage": "emerging-opportunity",
        "groups": [
            "core20",
            "ethnic-minority-communities",
            "inclusion-health-groups",
            "learning-disability-and-autism",
            "coastal-communities",
            "multiple-long-term-conditions",
            "protected-characteristic-groups",
        ],
        "topics": [
            "maternity",
            "severe-mental-illness",
            "chronic-respiratory-disease",
            "early-cancer-diagnosis",
            "hypertension",
        ],
        "aims": p(
            "The national healthcare inequalities improvement programme works across NHS England, with other "
            "parts of government, with partners in local systems and with patients and communities. Its aim is "
            "care of the highest quality for everyone: fair access, a good experience and the best possible "
            "outcomes, whoever and wherever people are.",
            "Health inequalities are differences in health between groups of people that are both avoidable and "
            "unfair: in how long people live, the conditions they live with and the care they are offered. Much "
            "of that difference is made outside the health service, in housing, work, income and education, and "
            "these wider determinants tend to come together. Someone out of work is more likely to live in a "
            "cold, damp home, far from green space and fresh food, and also to find care harder to reach.",
            "People in the most deprived areas, people from Black, Asian and other minority ethnic communities, "
            "and people in inclusion health groups carry the greatest risk. Rising living costs make that risk "
            "greater still.",
        ),
        "involved": ul(
            "improving the social determinants of health, above all housing, employment and education, as a "
            "route to narrowing health inequalities;",
            "practical support around care that helps people reach it and benefit from it, such as community "
            "champions and community transport.",
            intro="The programme would like to explore with funders how work on health inequalities could be "
            "built into their programmes. That might include:",
        )
        + p(
            "Opportunities that reach the communities and clinical priorities of the Core20PLUS5 approach are of "
            "particular interest: the most deprived fifth of the population, the PLUS groups, and the five "
            "clinical focus areas for adults and for children and young people."
        ),
        "events": [
            (
                "Informal online session for funders",
                datetime.date(2023, 3, 2),
                "11:30",
                "12:15",
                "Online. Register interest and the team will send the joining details.",
            ),
            (
                "Informal online session for funders (repeat)",
                datetime.date(2023, 3, 9),
                "11:30",
                "12:15",
                "Online. The same session as on 2 March, for those who could not make it.",
            ),
            (
                "In-depth discussion with interested funders",
                datetime.date(2027, 4, 20),
                "10:00",
                "12:30",
                "In person in Leeds, with an online option. Register interest to be invited.",
            ),
        ],
        "organisations": [("NHS England Healthcare Inequalities Improvement Team", "Lead", "")],
        "links": [
            (
                "Core20PLUS5: an approach to reducing healthcare inequalities",
                "https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/",
                "NHS England's description of the approach.",
            ),
        ],
        "contact": ("Healthcare inequalities team", "hi-team@example.org"),
        "reviewed": datetime.date(2026, 10, 1),
    },
    {
        "slug": "warm-homes-healthy-lungs",
        "title": "Warm homes, healthy lungs",
        "summary": (
            "Three funders pool money to repair cold, damp homes for families whose children have asthma, and to "
            "measure what it does for their breathing and their time off school."
        ),
        "issues": ["housing-and-homelessness", "health"],
        "activities": ["pooled-funding", "shared-evaluation"],
        "location": "north-east",
        "stage": "existing-collaboration",
        "groups": ["core20", "coastal-communities", "children-and-young-people"],
        "topics": ["asthma", "chronic-respiratory-disease"],
        "aims": p(
            "Damp and mould make asthma worse, and the families living with them are the least able to fix "
            "them. We fund insulation, ventilation and heating repairs in privately rented and owner-occupied "
            "homes, chosen with the help of school nurses and GP practices.",
            "An independent team is following the children for two winters to see whether emergency visits and "
            "missed school days fall.",
        ),
        "involved": p(
            "We are looking for one or two more funders to join the pooled fund for its second year, especially "
            "funders working on the coast, where many homes are older and harder to heat. Joining means a seat "
            "on the grants panel and a share of the evaluation."
        ),
        "events": [
            (
                "Open meeting of the grants panel",
                datetime.date(2027, 2, 9),
                "14:00",
                "15:30",
                "Online. Funders thinking of joining are welcome to observe.",
            ),
        ],
        "organisations": [
            ("North East Community Health Trust", "Lead funder", ""),
            ("Tyne Housing Foundation", "Co-funder", ""),
            ("Coastal Families Fund", "Co-funder", ""),
        ],
        "links": [],
        "contact": ("Grants manager", "warm-homes@example.org"),
        "reviewed": datetime.date(2026, 9, 14),
    },
    {
        "slug": "money-advice-in-gp-surgeries",
        "title": "Money advice in GP surgeries",
        "summary": (
            "Funders aligning grants so that welfare rights advisers work inside general practices in the most "
            "deprived neighbourhoods, with one shared evaluation."
        ),
        "issues": ["poverty-and-financial-inclusion", "health"],
        "activities": ["aligned-funding", "shared-evaluation"],
        "location": "yorkshire-and-the-humber",
        "stage": "existing-collaboration",
        "groups": ["core20", "multiple-long-term-conditions"],
        "topics": ["hypertension", "severe-mental-illness"],
        "aims": p(
            "Patients often tell their GP about money worries long before they see an adviser. Putting advice in "
            "the surgery, with referral from any member of staff, reaches people who would never walk into an "
            "advice centre.",
            "Each funder keeps its own grant agreements but we agree the outcomes we ask for, so practices report "
            "once.",
        ),
        "involved": p(
            "Funders in other regions who are planning similar work are welcome to use our shared outcome "
            "framework and to join the quarterly learning calls."
        ),
        "events": [],
        "organisations": [
            ("West Yorkshire Community Foundation", "Funder", ""),
            ("Humber Health Partnership", "Funder", ""),
            ("Citizens Advice (local offices)", "Delivery partner", ""),
        ],
        "links": [
            (
                "Shared outcome framework (draft)",
                "https://example.org/money-advice/outcomes",
                "What every practice reports.",
            ),
        ],
        "contact": ("Learning lead", "money-advice@example.org"),
        "reviewed": datetime.date(2026, 6, 30),
    },
    {
        "slug": "youth-mental-health-in-coastal-towns",
        "title": "Youth mental health in coastal towns",
        "summary": (
            "An emerging idea: a peer-learning network for funders supporting young people's mental health in "
            "seaside towns, where services are thin and distances long."
        ),
        "issues": ["mental-health"],
        "activities": ["peer-learning", "capacity-building"],
        "location": "south-west",
        "stage": "emerging-opportunity",
        "groups": ["coastal-communities", "young-carers", "looked-after-children-and-care-leavers"],
        "topics": ["mental-health"],
        "aims": p(
            "Young people in coastal towns wait longer for mental health support and have fewer places to go. "
            "Small local charities fill the gap but rarely have the capacity to bid for large grants.",
            "We want to find out whether funders would share what they are learning, and help small groups grow "
            "their capacity together rather than one grant at a time.",
        ),
        "involved": p("Tell us if you fund in a coastal area and would join a first conversation early next year."),
        "events": [
            ("First conversation for interested funders", datetime.date(2027, 1, 26), "13:00", "14:00", "Online."),
        ],
        "organisations": [("South West Young People's Trust", "Convenor", "")],
        "links": [],
        "contact": ("Programme officer", "coastal-youth@example.org"),
        "reviewed": datetime.date(2026, 11, 2),
    },
    {
        "slug": "routes-into-work-severe-mental-illness",
        "title": "Routes into work for people with severe mental illness",
        "summary": (
            "Pooled funding for individual placement and support, helping people with severe mental illness into "
            "paid work, and for making the case to commissioners to keep it going."
        ),
        "issues": ["employment", "mental-health"],
        "activities": ["pooled-funding", "influencing-policy-and-practice"],
        "location": "north-west",
        "stage": "existing-collaboration",
        "groups": ["core20", "multiple-long-term-conditions"],
        "topics": ["severe-mental-illness"],
        "aims": p(
            "Most people with severe mental illness want to work, and placement with support on the job works "
            "better than training first. Local funding for it comes and goes.",
            "Our pooled fund keeps services running while we gather the evidence commissioners ask for.",
        ),
        "involved": p("We welcome funders who can contribute to the pool or to the policy work."),
        "events": [],
        "organisations": [
            ("Mersey Employment Fund", "Lead funder", ""),
            ("Greater Manchester Health Charity", "Co-funder", ""),
        ],
        "links": [],
        "contact": ("Fund manager", "routes-into-work@example.org"),
        "reviewed": datetime.date(2026, 8, 20),
    },
    {
        "slug": "arts-on-prescription-what-we-learned",
        "title": "Arts on prescription: what we learned",
        "summary": (
            "Five years of funding arts on prescription together ended last year. Here is what worked, what did "
            "not, and what we would do differently."
        ),
        "issues": ["arts-culture-and-heritage", "mental-health"],
        "activities": ["shared-evaluation", "information-sharing"],
        "location": "london",
        "stage": "learning-from-a-past-collaboration",
        "groups": ["ethnic-minority-communities", "multiple-long-term-conditions"],
        "topics": ["mental-health"],
        "aims": p(
            "Link workers in primary care referred people to arts groups: singing, painting, museum visits. We "
            "funded the groups and an evaluation across four boroughs.",
            "People who took part valued it highly, but referrals reached fewer people from minority ethnic "
            "communities than we hoped until groups were run with community organisations rather than for them.",
        ),
        "involved": p("We are happy to talk to any funder planning something similar."),
        "events": [],
        "organisations": [("London Arts and Health Collaborative", "Convenor", "")],
        "links": [("Final evaluation report", "https://example.org/arts-on-prescription/evaluation", "")],
        "contact": ("Evaluation lead", "arts-learning@example.org"),
        "reviewed": datetime.date(2026, 5, 12),
    },
    {
        "slug": "homelessness-and-health-network-scotland",
        "title": "Homelessness and health: a funders' network in Scotland",
        "summary": (
            "A network of funders sharing information on what they fund for people experiencing homelessness, "
            "so that grants fit together rather than overlap."
        ),
        "issues": ["housing-and-homelessness", "health"],
        "activities": ["information-sharing", "peer-learning"],
        "location": "scotland",
        "stage": "existing-collaboration",
        "groups": ["people-experiencing-homelessness", "drug-and-alcohol-dependence"],
        "topics": [],
        "aims": p(
            "People experiencing homelessness die decades younger than the rest of the population. Many funders "
            "support them, but each sees only part of the picture.",
        ),
        "involved": p("Any funder active in Scotland can join; we meet four times a year."),
        "events": [("Network meeting", datetime.date(2027, 3, 3), "10:00", "12:00", "In Glasgow and online.")],
        "organisations": [("Scottish Funders Forum", "Host", "")],
        "links": [],
        "contact": ("Network coordinator", "homeless-health@example.org"),
        "reviewed": datetime.date(2026, 10, 21),
    },
    {
        "slug": "digital-skills-gypsy-roma-traveller",
        "title": "Digital skills for Gypsy, Roma and Traveller communities",
        "summary": (
            "Building the capacity of community organisations to teach digital skills, so that booking "
            "appointments and using the NHS App are within everyone's reach."
        ),
        "issues": ["education-and-skills", "health"],
        "activities": ["capacity-building"],
        "location": "east-of-england",
        "stage": "emerging-opportunity",
        "groups": ["gypsy-roma-traveller-communities"],
        "topics": [],
        "aims": p(
            "More and more of the health service is reached online. Without digital skills and data, people are "
            "left behind. Trusted community organisations are best placed to help but need support to do it.",
        ),
        "involved": p("We are seeking a co-funder for a two-year pilot."),
        "events": [],
        "organisations": [("East of England Traveller Health Fund", "Lead", "")],
        "links": [],
        "contact": ("Director", "digital-skills@example.org"),
        "reviewed": datetime.date(2026, 7, 7),
    },
    {
        "slug": "green-spaces-and-health-wales",
        "title": "Green spaces and health in Wales",
        "summary": (
            "Aligning environmental and health funding so that parks and community green spaces are improved "
            "first where health is poorest."
        ),
        "issues": ["environment", "community-development"],
        "activities": ["aligned-funding"],
        "location": "wales",
        "stage": "emerging-opportunity",
        "groups": ["core20"],
        "topics": ["hypertension", "mental-health"],
        "aims": p(
            "Access to good green space is least where it would do most for health. Environmental funders and "
            "health funders rarely plan together.",
        ),
        "involved": p("We would like to hear from funders of either kind working in Wales."),
        "events": [],
        "organisations": [("Welsh Community Green Spaces Trust", "Convenor", "")],
        "links": [],
        "contact": ("Partnerships manager", "green-spaces@example.org"),
        "reviewed": datetime.date(2026, 9, 1),
    },
    {
        "slug": "maternity-champions-learning-exchange",
        "title": "Maternity champions: an international learning exchange",
        "summary": (
            "What funders in three countries learned from paying community members to support women from "
            "minority ethnic communities through pregnancy."
        ),
        "issues": ["health"],
        "activities": ["peer-learning", "information-sharing"],
        "location": "international",
        "stage": "learning-from-a-past-collaboration",
        "groups": ["ethnic-minority-communities"],
        "topics": ["maternity"],
        "aims": p(
            "Women from some minority ethnic groups are several times more likely to die in pregnancy or soon "
            "after. Community champions can help women reach care early and be heard when they do.",
        ),
        "involved": p("Our exchange has ended, but the reports are open to all and we are glad to talk."),
        "events": [],
        "organisations": [("International Maternal Equity Funders Group", "Convenor", "")],
        "links": [("Learning exchange summary", "https://example.org/maternity-exchange/summary", "")],
        "contact": ("Secretariat", "maternity-exchange@example.org"),
        "reviewed": datetime.date(2026, 4, 15),
    },
]
