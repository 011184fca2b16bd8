"""What works briefs on particular groups and conditions."""

import datetime

from .briefs_a import STANDARD_METHODS
from .stream import finding, message, reference

__all__ = ["GROUP_BRIEFS"]

GROUP_BRIEFS = [
    {
        "slug": "what-works-anti-racist-interventions",
        "title": "What works: Anti-racist interventions to reduce ethnic inequalities in health care",
        "publication_date": datetime.date(2024, 4, 16),
        "summary": (
            "Ethnic inequalities in access to care, experience and outcomes are persistent in the NHS. We review "
            "interventions that tackle racism at the level of individuals, organisations and systems, and what "
            "they achieve."
        ),
        "groups": ["ethnic-minority-communities"],
        "topics": ["maternity", "severe-mental-illness"],
        "authors": ["Dr Grace Okafor", "Dr Priya Raman"],
        "image": "Lavender evening",
        "review_question": (
            "Which anti-racist interventions in health care settings reduce ethnic inequalities in access, "
            "experience or outcomes of care?"
        ),
        "key_messages": [
            message("Most interventions target individual staff through training; few change organisations."),
            message(
                "Organisational changes, such as monitoring outcomes by ethnicity with accountable leaders, show "
                "most promise."
            ),
            message("Short, one-off training has little lasting effect on care."),
            message("Patients and communities should help design and judge interventions."),
        ],
        "findings": [
            finding(
                "Cultural competence and unconscious bias training",
                ["ethnic-minority-communities"],
                "no-clear-effect",
                "moderate",
                "Improved staff knowledge, with little evidence of change in patient experience or outcomes.",
            ),
            finding(
                "Ethnicity data monitoring with board-level accountability",
                ["ethnic-minority-communities"],
                "narrows",
                "limited",
                "Organisations that published outcomes by ethnicity and set targets reported reduced gaps in, "
                "for example, restraint in mental health services.",
            ),
            finding(
                "Continuity of midwifery carer for Black and Asian women",
                ["ethnic-minority-communities", "vulnerable-migrants"],
                "narrows",
                "moderate",
                "Associated with fewer preterm births and better experience among women from ethnic minority "
                "backgrounds.",
            ),
            finding(
                "Community-led advocacy services",
                ["ethnic-minority-communities"],
                "mixed",
                "very-limited",
                "Valued by users; evaluations were small and rarely measured health outcomes.",
            ),
        ],
        "recommendations": (
            "<ul><li>Move beyond training to organisational change with clear accountability.</li>"
            "<li>Record ethnicity accurately and publish outcomes by ethnic group.</li>"
            "<li>Prioritise continuity of carer in maternity for women at greatest risk.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2024, 1, 15),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "Kapadia D, Zhang J, Salway S, et al. Ethnic inequalities in healthcare: a rapid evidence review. "
                "NHS Race and Health Observatory; 2022.",
                url="https://www.nhsrho.org/research/ethnic-inequalities-in-healthcare-a-rapid-evidence-review-3/",
            ),
            reference(
                "NHS England. Core20PLUS5: an approach to reducing healthcare inequalities. 2021.",
                url="https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/",
            ),
            reference(
                "Public Health England. Beyond the data: understanding the impact of COVID-19 on BAME groups. "
                "London: PHE; 2020.",
                url="https://www.gov.uk/government/publications/covid-19-understanding-the-impact-on-bame-communities",
            ),
        ],
    },
    {
        "slug": "what-works-digital-inclusion-general-practice",
        "title": "What works: Digital inclusion in general practice",
        "publication_date": datetime.date(2025, 7, 15),
        "summary": (
            "Online consultation and booking are now the front door to many practices. We review what helps "
            "people who are digitally excluded keep fair access to care, and what makes exclusion worse."
        ),
        "groups": ["protected-characteristic-groups", "core20", "learning-disability-and-autism"],
        "topics": ["digital-exclusion"],
        "authors": ["Megan Lloyd", "Hannah Brooks"],
        "image": "Soft blue horizon",
        "review_question": (
            "How can general practice offer digital access without widening inequalities for people who are "
            "digitally excluded?"
        ),
        "key_messages": [
            message("Digital-only access routes widen inequalities; keeping phone and walk-in routes protects access."),
            message("Digital skills support, such as digital champions, helps some but not the most excluded."),
            message("Accessible design, tested with disabled people, benefits everyone."),
        ],
        "findings": [
            finding(
                "Digital-first or digital-only access to appointments",
                ["protected-characteristic-groups", "core20"],
                "widens",
                "moderate",
                "Older people, people on low incomes and people with limited English used online routes less "
                "and reported more difficulty getting appointments.",
            ),
            finding(
                "Digital champions and skills sessions in practices and libraries",
                ["core20"],
                "mixed",
                "limited",
                "Improved confidence among those who attended; attendance was lowest among the most excluded.",
            ),
            finding(
                "Easy read and accessible online forms",
                ["learning-disability-and-autism"],
                "narrows",
                "very-limited",
                "Small studies suggest better completion by people with a learning disability.",
            ),
        ],
        "recommendations": (
            "<ul><li>Always keep phone and in-person routes, with equal priority.</li>"
            "<li>Monitor who uses each route, by age, deprivation and ethnicity.</li>"
            "<li>Test online tools with disabled people before launch.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2025, 3, 31),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "NHS England. Inclusive digital healthcare: a framework for NHS action on digital inclusion. 2023.",
                url="https://www.england.nhs.uk/long-read/inclusive-digital-healthcare-a-framework-for-nhs-action-on-digital-inclusion/",
            ),
            reference(
                "Veinot TC, Mitchell H, Ancker JS. Good intentions are not enough: how informatics interventions "
                "can worsen inequality. Journal of the American Medical Informatics Association. 2018;25(8):1080-1088.",
                doi="10.1093/jamia/ocy052",
            ),
            reference(
                "Good Things Foundation. Health inequalities and digital exclusion.",
                url="https://www.goodthingsfoundation.org/",
            ),
        ],
    },
    {
        "slug": "what-works-hypertension-deprived-communities",
        "title": "What works: Detecting and controlling high blood pressure in deprived communities",
        "publication_date": datetime.date(2023, 9, 19),
        "summary": (
            "High blood pressure is a leading cause of stroke and heart attack, and more common and less often "
            "controlled in deprived areas. We review interventions that find and treat hypertension where the "
            "gap is widest, including coastal towns."
        ),
        "groups": ["core20", "coastal-communities"],
        "topics": ["hypertension"],
        "authors": ["Dr Priya Raman", "Tom Ashworth"],
        "image": "Morning mist over the coast",
        "review_question": (
            "Which interventions improve the detection and control of hypertension among people living in "
            "deprived and coastal communities?"
        ),
        "key_messages": [
            message(
                "Community blood pressure checks find many undiagnosed cases, especially where practice access is poor."
            ),
            message("Home monitoring with clinical follow-up improves control across groups."),
            message("Pharmacist-led care narrows gaps when it is targeted at deprived areas."),
            message("Checks without follow-up do little: a pathway into treatment is essential."),
        ],
        "findings": [
            finding(
                "Blood pressure checks in pharmacies and community venues",
                ["core20", "coastal-communities"],
                "narrows",
                "moderate",
                "Reached men and working-age adults who rarely visit their practice, with higher detection in "
                "deprived neighbourhoods.",
            ),
            finding(
                "Supported home blood pressure monitoring",
                ["core20"],
                "narrows",
                "strong",
                "Trials show better control when home readings are combined with medication review; loaned "
                "monitors avoid excluding those who cannot buy one.",
            ),
            finding(
                "Pharmacist-led hypertension management",
                ["core20"],
                "narrows",
                "moderate",
                "Improved control, with larger gains in practices serving deprived populations where targeted.",
            ),
            finding(
                "NHS Health Checks by invitation letter alone",
                ["core20"],
                "widens",
                "moderate",
                "Uptake was lower in deprived groups, so untargeted invitations risk widening gaps.",
            ),
        ],
        "recommendations": (
            "<ul><li>Take blood pressure checks to where people are, with a clear route into treatment.</li>"
            "<li>Lend home monitors and support remote review.</li>"
            "<li>Target pharmacist capacity at practices with the largest gaps.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2023, 5, 31),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "NHS England. Core20PLUS5: an approach to reducing healthcare inequalities. 2021.",
                url="https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/",
            ),
            reference(
                "Chief Medical Officer. Chief Medical Officer's annual report 2021: health in coastal communities. "
                "Department of Health and Social Care; 2021.",
                url="https://www.gov.uk/government/publications/chief-medical-officers-annual-report-2021-health-in-coastal-communities",
            ),
            reference(
                "National Institute for Health and Care Excellence. Hypertension in adults: diagnosis and "
                "management (NG136). 2019.",
                url="https://www.nice.org.uk/guidance/ng136",
            ),
        ],
    },
    {
        "slug": "what-works-primary-care-people-experiencing-homelessness",
        "title": "What works: Improving access to primary care for people experiencing homelessness",
        "publication_date": datetime.date(2026, 3, 10),
        "summary": (
            "People experiencing homelessness die decades younger than the general population and often cannot "
            "register with a GP. We review models of primary care that reach them, from specialist practices to "
            "outreach and peer advocacy."
        ),
        "groups": ["people-experiencing-homelessness", "drug-and-alcohol-dependence"],
        "topics": ["severe-mental-illness", "wider-determinants"],
        "authors": ["Dr Priya Raman", "Dr Grace Okafor"],
        "image": "Green hills at dusk",
        "review_question": (
            "Which models of primary care improve access and outcomes for people experiencing homelessness, "
            "including those with drug and alcohol dependence?"
        ),
        "key_messages": [
            message("Registration barriers are still common even though no proof of address is needed to register."),
            message("Specialist homeless health services and outreach improve continuity and reduce emergency use."),
            message("Peer advocates with lived experience help people attend and stay engaged."),
            message("Hospital discharge without housing undoes the gains."),
        ],
        "findings": [
            finding(
                "Specialist homeless health practices",
                ["people-experiencing-homelessness"],
                "narrows",
                "moderate",
                "Higher registration and continuity, and fewer emergency department visits, than mainstream practices.",
            ),
            finding(
                "Street and hostel outreach by primary care teams",
                ["people-experiencing-homelessness", "drug-and-alcohol-dependence"],
                "narrows",
                "limited",
                "Reached people not registered anywhere; evidence is largely from service evaluations.",
            ),
            finding(
                "Peer advocacy",
                ["people-experiencing-homelessness"],
                "narrows",
                "limited",
                "Improved attendance at appointments and trust in services in UK evaluations.",
            ),
            finding(
                "Hospital in-reach and discharge teams",
                ["people-experiencing-homelessness", "drug-and-alcohol-dependence"],
                "mixed",
                "moderate",
                "Reduced readmissions where housing was secured; little effect where it was not.",
            ),
        ],
        "recommendations": (
            "<ul><li>Make sure every practice registers patients without proof of address.</li>"
            "<li>Fund specialist services and outreach for the long term.</li>"
            "<li>Involve peer advocates and link hospital discharge to housing.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2025, 12, 31),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "National Institute for Health and Care Excellence. Integrated health and social care for people "
                "experiencing homelessness (NG214). 2022.",
                url="https://www.nice.org.uk/guidance/ng214",
            ),
            reference(
                "NHS England. A national framework for NHS action on inclusion health. 2023.",
                url="https://www.england.nhs.uk/long-read/a-national-framework-for-nhs-action-on-inclusion-health/",
            ),
            reference(
                "Tudor Hart J. The inverse care law. The Lancet. 1971;297(7696):405-412.",
                doi="10.1016/S0140-6736(71)92410-X",
            ),
        ],
    },
    {
        "slug": "what-works-supporting-young-carers-mental-health",
        "title": "What works: Supporting the mental health of young carers",
        "publication_date": datetime.date(2026, 7, 7),
        "summary": (
            "Young carers look after a family member who is ill or disabled, often unseen by services. We review "
            "what helps protect their mental health, from identification in schools and practices to respite "
            "and peer support."
        ),
        "groups": ["young-carers", "children-and-young-people"],
        "topics": ["mental-health"],
        "authors": ["Megan Lloyd", "Hannah Brooks"],
        "image": "Warm sand",
        "review_question": (
            "Which interventions improve the mental health and wellbeing of young carers, and do they reach "
            "those most at risk?"
        ),
        "key_messages": [
            message("Most young carers are not known to services; identification is the first step."),
            message("Young carers' services offering respite and peer groups improve wellbeing."),
            message("Whole-family support that meets the needs of the person cared for reduces caring load."),
        ],
        "findings": [
            finding(
                "Identification by schools and general practices",
                ["young-carers"],
                "narrows",
                "limited",
                "Flagging young carers on school and practice records increased referrals to support.",
            ),
            finding(
                "Young carers' groups and respite activities",
                ["young-carers", "children-and-young-people"],
                "narrows",
                "limited",
                "Participants reported less isolation and better wellbeing; few controlled studies exist.",
            ),
            finding(
                "Individual counselling alone",
                ["young-carers"],
                "no-clear-effect",
                "very-limited",
                "Small studies with inconsistent results; caring load was unchanged.",
            ),
        ],
        "recommendations": (
            "<ul><li>Ask about caring responsibilities at every contact with a child or young person.</li>"
            "<li>Commission young carers' services with respite and peer support.</li>"
            "<li>Assess the whole family's needs, not only the young carer's.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2026, 2, 28),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "Children and Families Act 2014, section 96: young carers' needs assessments.",
                url="https://www.legislation.gov.uk/ukpga/2014/6/section/96",
            ),
            reference(
                "Marmot M, Allen J, Boyce T, Goldblatt P, Morrison J. Health Equity in England: The Marmot Review "
                "10 Years On. London: Institute of Health Equity; 2020.",
                url="https://www.instituteofhealthequity.org/resources-reports/marmot-review-10-years-on",
            ),
            reference(
                "NHS England. Core20PLUS5 for children and young people. 2022.",
                url="https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/core20plus5-cyp/",
            ),
        ],
    },
]
