"""Resources: the analyses of NHS funding for general practice, and the tools built on them.

Figures come from the centre's captured resource listing; the prose is written for the demo.
"""

import datetime

from .documents import DOCUMENTS
from .people import HEEC
from .stream import bullets, document, heading, image, key_finding, paragraph, quote, subheading, table

__all__ = ["FUNDING_RESOURCES"]

FUNDING_RESOURCES = [
    {
        "slug": "dispensing-practices-nhs-funding-geography-of-inequality",
        "title": "Dispensing Practices, NHS Funding, and the Geography of Inequality",
        "resource_type": "analysis",
        "publication_date": datetime.date(2025, 2, 18),
        "summary": (
            "In 2023 the NHS paid England's 6,669 general practices £10.2 billion, or £11 billion with COVID "
            "and Primary Care Network payments. About £870 million of that went on prescribing and dispensing. "
            "We look at how much of it reached the 944 dispensing practices, mostly rural, compared with "
            "everyone else, and what that means for areas of high deprivation."
        ),
        "groups": ["core20", "coastal-communities"],
        "topics": ["primary-care-funding"],
        "authors": ["Tom Ashworth", "Dr Priya Raman"],
        "image": "Green hills at dusk",
        "body": [
            paragraph(
                "Most people collect their medicines from a community pharmacy. In parts of rural England, "
                "where the nearest pharmacy may be miles away, the GP practice itself is allowed to dispense. "
                "Those practices are paid both for prescribing and for supplying the medicines, and the sums are "
                "large enough to change the picture of who gets what from the NHS."
            ),
            heading("What we looked at"),
            paragraph(
                "We used NHS Payments to General Practice for 2023, the open data set that lists every payment "
                "to every practice in England. In that year 6,669 practices received £10.2 billion. Adding "
                "COVID-related payments and payments routed through Primary Care Networks brings the total to "
                "about £11 billion.",
                "We grouped the payments that relate to prescribing and dispensing, then compared practices that "
                "dispense with those that do not, and looked at both groups by the deprivation of the "
                "neighbourhoods their patients live in.",
            ),
            heading("Where the prescribing and dispensing money goes"),
            paragraph(
                "Almost a tenth of all the money, some £870 million, was paid for prescribing and dispensing. "
                "The split between the two kinds of practice is striking."
            ),
            table(
                "Prescribing- and dispensing-related payments to general practice in England, 2023",
                [
                    ["Practices", "Number", "Registered patients", "Payments", "Approximate payment per patient"],
                    ["Dispensing practices", "944", "9.5 million", "£625 million", "£66"],
                    ["Non-dispensing practices", "5,537", "53 million", "£245 million", "£4.60"],
                ],
            ),
            document(DOCUMENTS[0][0], "Download the figures in this table"),
            key_finding(
                "Dispensing practices serve about one patient in seven but receive around <b>70%</b> of the "
                "prescribing and dispensing money: roughly £66 per patient against under £5 for everyone else."
            ),
            heading("Why this matters for inequalities"),
            paragraph(
                "Dispensing income pays for a real service, and rural patients would otherwise travel far for "
                "their medicines. But the payments sit inside the headline figures that are used to compare "
                "practices. When funding per patient is compared between areas, dispensing income makes rural, "
                "often more affluent, practices look far better funded than urban practices in deprived areas.",
                "That matters because deprived populations have more illness at a younger age, and the core "
                "funding formula already under-weights deprivation. A practice serving a deprived coastal town "
                "may have neither dispensing income nor a formula that recognises its patients' needs.",
            ),
            subheading("Coastal and rural pockets of deprivation"),
            paragraph(
                "Averages hide pockets of deprivation in rural and coastal areas. Some dispensing practices serve "
                "deprived villages and former mining or fishing communities; for them, dispensing income may be "
                "what keeps the practice viable. Any reform needs to look at practices one by one, not by type."
            ),
            image(
                "Green hills at dusk",
                decorative=True,
                caption="Rural practices make up most of England's 944 dispensing practices.",
            ),
            heading("What we suggest"),
            bullets(
                "Report dispensing income separately whenever funding per patient is compared between practices "
                "or areas.",
                "Judge the fairness of general practice funding on core and enhanced services, with dispensing "
                "considered as a separate service.",
                "Check that rural practices serving deprived communities are not harmed by any change.",
            ),
            heading("Limitations"),
            paragraph(
                "Payments data show what practices were paid, not what they spent: dispensing income must cover "
                "the cost of buying medicines. Practice boundaries do not match neighbourhoods, so deprivation is "
                "estimated from where registered patients live."
            ),
        ],
    },
    {
        "slug": "age-structure-nhs-payments-general-practice",
        "title": "How does the age structure of patients affect NHS payments to General Practice?",
        "resource_type": "analysis",
        "publication_date": datetime.date(2024, 11, 26),
        "summary": (
            "In 2023/24, 6,669 practices received £10.2 billion from the NHS, an average of £164.64 per patient. "
            "Capitation is adjusted by the Carr-Hill formula, which pays more for older patients and rural "
            "areas. We examine how age, deprivation and rurality shape what each practice receives."
        ),
        "groups": ["core20", "multiple-long-term-conditions"],
        "topics": ["primary-care-funding", "hypertension"],
        "authors": ["Tom Ashworth", "Dr Samuel Adeyemi"],
        "image": "Soft blue horizon",
        "body": [
            paragraph(
                "General practice is paid mostly by capitation: a sum for every registered patient. The sum is "
                "not the same for everyone. The Carr-Hill formula weights each patient by what it predicts their "
                "care will cost, and the largest weight by far is age."
            ),
            heading("The Carr-Hill formula in brief"),
            paragraph(
                "Introduced with the 2004 GP contract, the formula adjusts each practice's registered list "
                "before the global sum is shared out."
            ),
            table(
                "What the Carr-Hill formula adjusts for",
                [
                    ["Component", "What it measures"],
                    ["Age and sex", "Consultation rates for each age band, separately for men and women"],
                    ["Additional needs", "Limiting long-term illness and standardised mortality under 65"],
                    ["List turnover", "New registrations, which bring extra work"],
                    ["Market forces factor", "Differences in staff and premises costs between areas"],
                    ["Rurality", "Distance from patients' homes to the practice"],
                    ["Nursing and residential homes", "Patients living in care homes"],
                ],
                header_column=True,
            ),
            heading("What we found"),
            paragraph(
                "In 2023/24, 6,669 practices received £10.2 billion from the NHS, an average of £164.64 per "
                "registered patient. Practices with older populations received more per patient, as did rural "
                "practices. Both follow from how the formula works: older people consult more often, take more "
                "medicines and more often live with several long-term conditions."
            ),
            key_finding(
                "Age drives payments far more than deprivation does. Deprived areas have younger populations, "
                "yet people there develop multiple long-term conditions 10 to 15 years earlier, and the formula "
                "does not fully see that need."
            ),
            subheading("Why younger, deprived populations lose out"),
            paragraph(
                "The additional needs component was meant to capture illness beyond what age predicts, but it "
                "carries much less weight than age. A practice in a deprived urban area, with a young list and "
                "high rates of early multimorbidity, can receive less per patient than a practice in an affluent "
                "area with an older, healthier list.",
                "The formula also measures workload as consultations, which reflects who gets seen, not who "
                "needs care. Where access is harder, demand recorded as activity understates need.",
            ),
            quote(
                "A funding formula that follows activity rewards the practices whose patients already find it "
                "easiest to be seen.",
                "From the centre's analysis",
            ),
            heading("Implications"),
            bullets(
                "Update the formula's weights using current data on need, not only on consultations.",
                "Give deprivation an explicit and larger weight, as other NHS allocation formulae already do.",
                "Publish practice-level funding alongside need so that integrated care boards can see the gap.",
            ),
            heading("Data and methods"),
            paragraph(
                "We linked NHS Payments to General Practice 2023/24 to the numbers of patients registered at each "
                "practice by age band and to the Index of Multiple Deprivation of their neighbourhoods. Our code "
                "and derived tables are published with this analysis."
            ),
        ],
    },
    {
        "slug": "efit-equitable-funding-tool",
        "title": "eFIT: the equitable funding tool for integrated care boards",
        "resource_type": "tool",
        "publication_date": datetime.date(2024, 9, 10),
        "summary": (
            "eFIT lets integrated care boards see how general practice funding in their area would change if it "
            "took account of socio-economic need, practice by practice, and model options for topping up "
            "practices that serve disadvantaged communities."
        ),
        "groups": ["core20"],
        "topics": ["primary-care-funding"],
        "authors": ["Tom Ashworth"],
        "image": "Interlocking rings",
        "body": [
            paragraph(
                "Integrated care boards (ICBs) can add local money to general practice, but they rarely have a "
                "simple way to see which practices are under-funded for the needs of their patients. eFIT is a "
                "free, open tool that does that."
            ),
            heading("What eFIT does"),
            bullets(
                "shows current payments per patient for every practice in an ICB",
                "estimates funding per patient adjusted for deprivation as well as age",
                "models how much extra each practice would receive under different top-up options",
                "exports the results so finance and primary care teams can work with them",
                intro="For a chosen ICB, eFIT:",
            ),
            heading("Who it is for"),
            paragraph(
                "ICB primary care commissioners, finance teams and population health analysts; Primary Care "
                "Network clinical directors; and anyone interested in how general practice is funded."
            ),
            heading("How to use it"),
            paragraph(
                "Choose your ICB, then a top-up option and a budget. Results appear as a table you can sort and "
                "download. The method and the data sources are described on the tool's help page."
            ),
            key_finding(
                "Using eFIT, an ICB can target the same local budget at the practices whose patients face the "
                "greatest disadvantage, instead of spreading it evenly.",
                title="What it makes possible",
            ),
        ],
    },
    {
        "slug": "seven-high-impact-interventions",
        "title": "Seven high-impact interventions to tackle health and care inequalities",
        "resource_type": "report",
        "publication_date": datetime.date(2024, 5, 14),
        "summary": (
            "We carried out a series of ten evidence reviews for NHS England. This report picks out the seven "
            "interventions and programmes with the strongest evidence that they reduce inequalities in health "
            "and care, and what it takes to put them in place."
        ),
        "groups": ["core20", "ethnic-minority-communities", "inclusion-health-groups"],
        "topics": ["hypertension", "wider-determinants"],
        "authors": ["Dr Grace Okafor", "Dr Priya Raman", "Megan Lloyd"],
        "image": "Teal ripples",
        "body": [
            paragraph(
                "NHS England asked us to review what works to reduce inequalities across ten areas of health and "
                "care. Each review looked for interventions that narrow the gap between groups, not only ones "
                "that improve health on average. Seven approaches stood out for the strength and consistency of "
                "their evidence."
            ),
            heading("The seven interventions"),
            subheading("1. Proactive outreach for long-term condition checks"),
            paragraph(
                "Inviting people who do not attend, by phone or text and in community venues, and offering "
                "flexible times, increases the uptake of checks for blood pressure, diabetes and other conditions "
                "among people in deprived areas."
            ),
            subheading("2. Longer consultations where need is greatest"),
            paragraph(
                "Extra time for patients with complex needs, funded by weighting resources towards deprived "
                "practices, improves the quality of care for people with multiple long-term conditions."
            ),
            subheading("3. Community health workers and link workers"),
            paragraph(
                "Trusted people from the community who visit households, help with benefits and housing and "
                "connect people with services improve uptake of screening and immunisation."
            ),
            subheading("4. Professional interpreting"),
            paragraph(
                "Using trained interpreters rather than family members improves understanding, safety and "
                "satisfaction for people who do not speak English well."
            ),
            subheading("5. Inclusion health outreach services"),
            paragraph(
                "Specialist services that go to people experiencing homelessness, in hostels, day centres or on "
                "the street, reduce emergency admissions and improve continuity of care."
            ),
            subheading("6. Welfare advice in health care settings"),
            paragraph(
                "Advice on benefits and debt offered in practices and hospitals puts money in people's pockets, "
                "which in turn reduces stress and improves mental health."
            ),
            subheading("7. Targeted funding for general practice"),
            paragraph(
                "Allocating more resources to practices in deprived areas is associated with better outcomes in "
                "those areas, as shown in England in the 2000s."
            ),
            key_finding(
                "None of these interventions is new. What the evidence shows is that they work when they are "
                "targeted, sustained and properly funded, not run as short pilots."
            ),
            heading("What they have in common"),
            bullets(
                "They go to people rather than waiting for people to come to them.",
                "They build trust, often through people who share patients' backgrounds.",
                "They address the social causes of poor health alongside the clinical ones.",
            ),
            quote(
                "The interventions that work best are often the least glamorous: time, trust and targeted money.",
                "Senior research fellow, " + HEEC,
            ),
            heading("How we chose them"),
            paragraph(
                "Each review searched major databases and grey literature and rated every finding for its effect "
                "on inequalities and the strength of its evidence. We included an intervention in this list only "
                "where at least moderate evidence showed it narrows inequalities."
            ),
        ],
    },
    {
        "slug": "private-health-care-two-tier-system",
        "title": "Private health care: the emerging two-tier system",
        "resource_type": "analysis",
        "publication_date": datetime.date(2025, 1, 21),
        "summary": (
            "More people in the UK are paying for their own treatment. We look at the growth of private "
            "orthopaedic surgery, how access differs by region and deprivation, and what a two-tier system "
            "means for patients, the NHS and policy."
        ),
        "groups": ["core20", "multiple-long-term-conditions"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Samuel Adeyemi", "Tom Ashworth"],
        "image": "Morning mist over the coast",
        "body": [
            paragraph(
                "Long NHS waiting lists have pushed more people to pay for operations themselves, most visibly "
                "for hip and knee replacements and cataract surgery. Self-pay treatment is open only to those who "
                "can afford it, and it is not spread evenly across the country."
            ),
            heading("Regional differences"),
            paragraph(
                "Private orthopaedic procedures are concentrated in more affluent regions, especially in the south "
                "of England, where private hospitals are more plentiful. In more deprived regions, people are more "
                "likely to wait for NHS treatment and to live with pain and disability in the meantime."
            ),
            key_finding(
                "When access to timely surgery depends on the ability to pay, waiting lists become a driver of "
                "inequality in health, work and independence."
            ),
            heading("What it means"),
            bullets(
                "For patients: longer waits for those who cannot pay, with effects on work and mental health.",
                "For the NHS: staff time drawn into the private sector, and pressure on the NHS to treat "
                "complications.",
                "For policy: waiting list targets need to track who is waiting, not only how many.",
            ),
            heading("What we recommend"),
            paragraph(
                "Waiting lists should be reported by deprivation and ethnicity, and recovery funding should favour "
                "areas with the longest waits and least private provision."
            ),
        ],
    },
]
