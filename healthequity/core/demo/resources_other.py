"""Resources: data briefings, evidence maps, reports and tools on particular groups and conditions."""

import datetime

from .stream import bullets, heading, key_finding, paragraph, table

__all__ = ["OTHER_RESOURCES"]

OTHER_RESOURCES = [
    {
        "slug": "hypertension-detection-coastal-communities",
        "title": "Finding undiagnosed hypertension in coastal communities",
        "resource_type": "analysis",
        "publication_date": datetime.date(2025, 6, 3),
        "summary": (
            "Coastal towns combine older populations, pockets of deep deprivation and hard-to-recruit general "
            "practice. We compare recorded and expected high blood pressure in coastal and inland practices and "
            "suggest where case-finding would do most good."
        ),
        "groups": ["coastal-communities", "core20"],
        "topics": ["hypertension"],
        "authors": ["Tom Ashworth", "Dr Priya Raman"],
        "image": "Morning mist over the coast",
        "body": [
            paragraph(
                "High blood pressure rarely causes symptoms, so it is found only when someone measures it. The "
                "gap between how many people a practice has on its hypertension register and how many it would "
                "expect, given its population, is a measure of missed diagnosis."
            ),
            heading("What we did"),
            paragraph(
                "We compared each practice's recorded prevalence of hypertension with modelled estimates, and "
                "grouped practices by whether they serve a coastal community and by deprivation."
            ),
            key_finding(
                "The gap between expected and recorded hypertension was widest in deprived coastal practices, "
                "where fewer clinicians serve older, sicker populations."
            ),
            heading("Where to start"),
            bullets(
                "blood pressure checks in community pharmacies and seafront venues",
                "text invitations for home blood pressure monitoring, with loaned monitors",
                "searches of practice records for people with a high reading and no follow-up",
                intro="Case-finding is cheap and effective. Good places to start are:",
            ),
        ],
    },
    {
        "slug": "evidence-map-inclusion-health-primary-care",
        "title": "Evidence map: primary care for inclusion health groups",
        "resource_type": "evidence-map",
        "publication_date": datetime.date(2024, 3, 12),
        "summary": (
            "An interactive map of studies on primary care for people experiencing homelessness, vulnerable "
            "migrants and Gypsy, Roma and Traveller communities, showing where evidence is plentiful and where "
            "it is missing."
        ),
        "groups": ["people-experiencing-homelessness", "vulnerable-migrants", "gypsy-roma-traveller-communities"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Grace Okafor", "Megan Lloyd"],
        "image": "Sage circles",
        "body": [
            paragraph(
                "Evidence maps show the shape of a body of research: which interventions and outcomes have been "
                "studied, for whom, and how well. This map covers primary care for three inclusion health groups."
            ),
            table(
                "Studies in the map by group and type of intervention",
                [
                    ["Intervention", "Homelessness", "Vulnerable migrants", "Gypsy, Roma and Traveller"],
                    ["Specialist practices", "Many", "Some", "Few"],
                    ["Outreach and mobile clinics", "Many", "Some", "Some"],
                    ["Registration support", "Some", "Some", "Few"],
                    ["Peer advocates", "Some", "Few", "Few"],
                ],
                header_column=True,
            ),
            paragraph(
                "The largest gaps are for Gypsy, Roma and Traveller communities and for outcomes that matter to "
                "people themselves, such as feeling respected."
            ),
        ],
    },
    {
        "slug": "evidence-map-digital-exclusion-general-practice",
        "title": "Evidence map: digital exclusion and access to general practice",
        "resource_type": "evidence-map",
        "publication_date": datetime.date(2025, 4, 8),
        "summary": (
            "As online booking and triage spread, who is left behind? This map brings together research on "
            "digital access routes to general practice and their effect on older people, disabled people and "
            "people on low incomes."
        ),
        "groups": ["core20", "protected-characteristic-groups", "learning-disability-and-autism"],
        "topics": ["digital-exclusion"],
        "authors": ["Megan Lloyd", "Dr Samuel Adeyemi"],
        "image": "Lavender evening",
        "body": [
            paragraph(
                "Digital-first access can make general practice easier to reach for many people. For others, it "
                "adds a barrier: no device, no data, low confidence online or a disability that the system was "
                "not designed for."
            ),
            heading("What the map shows"),
            bullets(
                "Most studies measure use of online services, few measure who stops trying to get care.",
                "Offering a choice of routes, including phone and walk-in, is the most consistent recommendation.",
                "Very few studies involve people with a learning disability or autistic people.",
            ),
        ],
    },
    {
        "slug": "practice-deprivation-data-set",
        "title": "Practice-level deprivation and funding data set",
        "resource_type": "data",
        "publication_date": datetime.date(2024, 1, 23),
        "summary": (
            "A tidy, openly licensed data set linking every general practice in England to the deprivation of "
            "its registered patients, its payments per patient and its workforce, updated each year."
        ),
        "groups": ["core20"],
        "topics": ["primary-care-funding", "workforce"],
        "authors": ["Tom Ashworth"],
        "image": None,
        "body": [
            paragraph(
                "Analysts across the NHS rebuild the same links between practices, patients' neighbourhoods and "
                "payments. This data set does it once, documents every step and is free to reuse under the Open "
                "Government Licence."
            ),
            table(
                "Main fields in the data set",
                [
                    ["Field", "Description", "Source"],
                    ["practice_code", "The practice's ODS code", "NHS Digital"],
                    ["imd_weighted_score", "Deprivation of registered patients' neighbourhoods", "MHCLG, NHS Digital"],
                    ["payments_per_patient", "Total NHS payments divided by registered patients", "NHS payments data"],
                    ["gp_fte_per_10000", "Fully qualified GPs per 10,000 patients", "General practice workforce"],
                ],
            ),
        ],
    },
    {
        "slug": "gp-workforce-distribution-deprivation",
        "title": "Where are the GPs? Workforce distribution by deprivation",
        "resource_type": "analysis",
        "publication_date": datetime.date(2023, 10, 17),
        "summary": (
            "Practices serving the most deprived communities have fewer fully qualified GPs per patient than "
            "those serving the least deprived, despite greater need. We track the gap over time and by region."
        ),
        "groups": ["core20", "coastal-communities"],
        "topics": ["workforce"],
        "authors": ["Tom Ashworth", "Dr Samuel Adeyemi"],
        "image": "Soft blue horizon",
        "body": [
            paragraph(
                "The inverse care law, first described in 1971, holds that good care is least available where it "
                "is most needed. General practice workforce data suggest it still applies."
            ),
            key_finding(
                "The gap in fully qualified GPs per patient between the most and least deprived practices has "
                "widened, and is largest in coastal and northern areas."
            ),
            paragraph(
                "Additional roles, such as pharmacists and physician associates, have grown fastest in deprived "
                "areas but do not replace GP time for patients with complex needs."
            ),
        ],
    },
    {
        "slug": "smi-physical-health-checks-variation",
        "title": "Physical health checks for people with severe mental illness: variation by deprivation",
        "resource_type": "analysis",
        "publication_date": datetime.date(2023, 6, 6),
        "summary": (
            "People with severe mental illness die on average 15 to 20 years earlier than the general "
            "population, mostly from preventable physical illness. We examine how uptake of annual physical "
            "health checks varies by deprivation and ethnicity."
        ),
        "groups": ["core20", "ethnic-minority-communities"],
        "topics": ["severe-mental-illness"],
        "authors": ["Dr Priya Raman", "Megan Lloyd"],
        "image": "Teal ripples",
        "body": [
            paragraph(
                "People with schizophrenia, bipolar disorder and other psychoses are entitled to an annual "
                "physical health check covering blood pressure, weight, smoking, alcohol, blood sugar and "
                "cholesterol. Completion of all six parts is much lower than completion of any one."
            ),
            heading("Main findings"),
            bullets(
                "Full checks were less often completed in more deprived areas.",
                "Follow-up after an abnormal result was recorded less often than the check itself.",
                "Practices with named leads and joint working with mental health teams did best.",
            ),
        ],
    },
    {
        "slug": "childhood-asthma-inequalities-briefing",
        "title": "Childhood asthma and deprivation: a data briefing",
        "resource_type": "report",
        "publication_date": datetime.date(2025, 9, 16),
        "summary": (
            "Children in deprived areas are more likely to be admitted to hospital with asthma. This briefing "
            "brings together data on admissions, damp and mouldy housing and air pollution, and what local "
            "systems can do."
        ),
        "groups": ["children-and-young-people", "core20"],
        "topics": ["asthma", "wider-determinants"],
        "authors": ["Megan Lloyd"],
        "image": "Warm sand",
        "body": [
            paragraph(
                "Asthma is the commonest long-term condition in childhood. Most asthma deaths and admissions are "
                "preventable with good routine care, and both are more common where families are poorer."
            ),
            key_finding(
                "Housing is health care: damp and mould, cold homes and traffic pollution all make children's "
                "asthma worse, and all are more common in deprived neighbourhoods."
            ),
            bullets(
                "annual asthma reviews with inhaler technique checks, offered in school hours and online",
                "referral pathways from primary care to housing teams for damp and mould",
                "school asthma champions and personalised asthma action plans",
                intro="Local systems can:",
            ),
        ],
    },
    {
        "slug": "evidence-map-maternity-ethnic-minority-women",
        "title": "Evidence map: maternity care for women from ethnic minority communities",
        "resource_type": "evidence-map",
        "publication_date": datetime.date(2024, 7, 2),
        "summary": (
            "Black and Asian women in the UK are more likely to die in pregnancy and after birth than white "
            "women. This map sets out the research on interventions to make maternity care safer and fairer."
        ),
        "groups": ["ethnic-minority-communities", "vulnerable-migrants"],
        "topics": ["maternity"],
        "authors": ["Dr Grace Okafor"],
        "image": "Lavender evening",
        "body": [
            paragraph(
                "Confidential enquiries into maternal deaths have shown the same disparity for over a decade. "
                "We mapped studies of continuity of carer, interpreting, community midwifery and anti-racism "
                "training in maternity services."
            ),
            paragraph(
                "Continuity of carer has the broadest evidence base. Evidence on anti-racism training is growing "
                "but rarely measures outcomes for women and babies."
            ),
        ],
    },
    {
        "slug": "early-cancer-diagnosis-learning-disability",
        "title": "Early cancer diagnosis for people with a learning disability",
        "resource_type": "report",
        "publication_date": datetime.date(2026, 1, 20),
        "summary": (
            "People with a learning disability are less likely to take part in cancer screening and more likely "
            "to be diagnosed late. This report reviews the barriers and the reasonable adjustments that help."
        ),
        "groups": ["learning-disability-and-autism"],
        "topics": ["early-cancer-diagnosis"],
        "authors": ["Dr Grace Okafor", "Hannah Brooks"],
        "image": "Sage circles",
        "body": [
            paragraph(
                "Invitations in plain print, appointments with no extra time and procedures explained in a rush "
                "all keep people with a learning disability away from screening."
            ),
            heading("Adjustments that help"),
            bullets(
                "easy read invitations and accessible videos",
                "a flag on the record so that longer appointments are offered automatically",
                "a visit beforehand to see the room and meet the staff",
                "support from carers and learning disability liaison nurses",
            ),
        ],
    },
    {
        "slug": "pcn-health-inequalities-self-assessment-tool",
        "title": "Health inequalities self-assessment tool for primary care networks",
        "resource_type": "tool",
        "publication_date": datetime.date(2023, 3, 28),
        "summary": (
            "A structured self-assessment that helps a primary care network see how well it identifies, "
            "reaches and supports its most disadvantaged patients, and choose priorities for the year ahead."
        ),
        "groups": ["core20", "inclusion-health-groups"],
        "topics": ["workforce"],
        "authors": ["Dr Samuel Adeyemi", "Dr Priya Raman"],
        "image": "Interlocking rings",
        "body": [
            paragraph(
                "The tool asks about five areas: data, access, workforce, partnerships and leadership. Each has "
                "three to five statements to rate, with examples of good practice and links to the evidence."
            ),
            paragraph("It takes a network team about an hour and works best done together."),
        ],
    },
    {
        "slug": "oral-health-looked-after-children",
        "title": "Oral health of looked-after children: a rapid review",
        "resource_type": "report",
        "publication_date": datetime.date(2025, 11, 4),
        "summary": (
            "Tooth decay is the commonest reason for hospital admission among young children, and children in "
            "care often miss out on dental check-ups when they move placement. We review what helps."
        ),
        "groups": ["looked-after-children-and-care-leavers", "children-and-young-people"],
        "topics": ["oral-health"],
        "authors": ["Megan Lloyd"],
        "image": "Warm sand",
        "body": [
            paragraph(
                "Children who come into care may have had little dental care before, and each change of placement "
                "risks losing their registration with a dentist."
            ),
            key_finding(
                "Named dental practices for looked-after children, with a check-up within weeks of entering care, "
                "were the most promising approach, though the evidence is limited."
            ),
        ],
    },
]
