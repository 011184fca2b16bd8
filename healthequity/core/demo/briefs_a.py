"""What works briefs on the health and care system itself: staff, teams, work and improvement."""

import datetime

from .stream import finding, message, reference

__all__ = ["SYSTEM_BRIEFS"]

STANDARD_METHODS = (
    "<p>We searched MEDLINE, Embase, PsycINFO and CINAHL, and grey literature from UK health bodies and "
    "think tanks, for studies in high-income countries. Machine learning ranked records by relevance; two "
    "researchers screened titles and abstracts, and one extracted data, checked by a second.</p>"
    "<p>Each finding is rated for its <b>effect on inequalities</b> (narrows, mixed, no clear effect, widens) "
    "and for the <b>strength of evidence</b>, taking account of study design, consistency and relevance to "
    "the NHS.</p>"
)

SYSTEM_BRIEFS = [
    {
        "slug": "what-works-empowering-health-care-staff",
        "title": "What works: Empowering health care staff to address health inequalities",
        "publication_date": datetime.date(2024, 2, 6),
        "summary": (
            "The NHS employs over 1.7 million people in England, so empowering staff to act on health "
            "inequalities could make a large difference, but the workforce faces real pressures. We review the "
            "international evidence on what helps staff to address inequalities."
        ),
        "groups": ["core20", "ethnic-minority-communities"],
        "topics": ["workforce"],
        "authors": ["Dr Samuel Adeyemi", "Dr Grace Okafor"],
        "image": "Interlocking rings",
        "review_question": (
            "What interventions enable health care staff to recognise and act on health inequalities in their "
            "day-to-day work, and what are their effects on inequalities in care?"
        ),
        "key_messages": [
            message("Training on its own raises awareness but rarely changes what staff do or what patients get."),
            message(
                "Training works better combined with data on inequalities in staff's own patients and with "
                "protected time to act on it."
            ),
            message("Staff who share patients' backgrounds and languages improve trust and uptake of care."),
            message(
                "Burnout and short staffing are the biggest barriers; empowerment cannot be added on top of overload."
            ),
        ],
        "findings": [
            finding(
                "Health inequalities training for clinicians",
                ["core20"],
                "no-clear-effect",
                "moderate",
                "Courses improved knowledge and attitudes in the short term. Few studies measured changes in "
                "care, and those that did found little effect.",
            ),
            finding(
                "Feedback of practice data broken down by deprivation and ethnicity",
                ["core20", "ethnic-minority-communities"],
                "narrows",
                "moderate",
                "When teams saw gaps in their own patients' care, such as lower blood pressure control in one "
                "group, they targeted recall and the gaps shrank.",
            ),
            finding(
                "Recruiting staff from the communities served",
                ["ethnic-minority-communities"],
                "narrows",
                "limited",
                "Community health workers and staff with shared language improved screening and immunisation "
                "uptake. Most studies come from the United States.",
            ),
            finding(
                "Leadership programmes with an equity focus",
                ["core20"],
                "mixed",
                "very-limited",
                "Participants valued them and reported local projects, but outcomes for patients were rarely "
                "measured and results varied.",
            ),
        ],
        "recommendations": (
            "<ul><li>Pair any training with practice-level data on inequalities and time to act on it.</li>"
            "<li>Make recruitment from local communities part of workforce plans.</li>"
            "<li>Name an inequalities lead in each team, with time in their job plan.</li>"
            "<li>Evaluate new programmes by outcomes for patients, not only by staff satisfaction.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2023, 11, 30),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "NHS England. NHS Long Term Workforce Plan. London: NHS England; 2023.",
                url="https://www.england.nhs.uk/publication/nhs-long-term-workforce-plan/",
            ),
            reference(
                "Tudor Hart J. The inverse care law. The Lancet. 1971;297(7696):405-412.",
                doi="10.1016/S0140-6736(71)92410-X",
            ),
            reference(
                "NHS England. Core20PLUS5: an approach to reducing healthcare inequalities. 2021.",
                url="https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/",
            ),
        ],
    },
    {
        "slug": "what-works-integrated-neighbourhood-teams",
        "title": "What works: How can integrated neighbourhood teams reduce inequalities in health and health care?",
        "publication_date": datetime.date(2025, 3, 11),
        "summary": (
            "Integrated care can improve population health and reduce health inequalities. This brief sets out "
            "four principles for designing integrated neighbourhood teams that reduce inequalities, drawing on "
            "the literature and on transferable evidence about equitable primary care."
        ),
        "groups": ["multiple-long-term-conditions", "core20"],
        "topics": ["workforce", "wider-determinants"],
        "authors": ["Dr Samuel Adeyemi", "Dr Priya Raman"],
        "image": "Sage circles",
        "review_question": (
            "How should integrated neighbourhood teams be designed and run so that they reduce, rather than "
            "widen, inequalities in health and health care?"
        ),
        "key_messages": [
            message(
                "Four principles emerge: target by need, share data across partners, involve communities, and "
                "fund for the long term."
            ),
            message(
                "Teams that identify patients by risk and deprivation reach people who otherwise fall between services."
            ),
            message("Integration alone improves coordination but does not automatically reduce inequalities."),
        ],
        "findings": [
            finding(
                "Case finding and proactive care for people with complex needs",
                ["multiple-long-term-conditions"],
                "narrows",
                "moderate",
                "Teams that used risk stratification weighted for deprivation reduced unplanned admissions most "
                "in deprived areas.",
            ),
            finding(
                "Co-located health, social care and voluntary sector staff",
                ["core20", "multiple-long-term-conditions"],
                "mixed",
                "limited",
                "Co-location improved staff relationships and referrals; effects on patient outcomes and on gaps "
                "between groups varied between sites.",
            ),
            finding(
                "Community involvement in setting team priorities",
                ["core20"],
                "narrows",
                "limited",
                "Where residents helped choose priorities, services reached groups with low previous use, though "
                "studies were small.",
            ),
            finding(
                "Integration without explicit equity goals",
                ["core20"],
                "no-clear-effect",
                "moderate",
                "Programmes focused on efficiency rarely reported outcomes by group, and those that did found "
                "little change in gaps.",
            ),
        ],
        "recommendations": (
            "<ol><li>Set an explicit goal to reduce inequalities and measure it from the start.</li>"
            "<li>Use data weighted by deprivation to decide who the team supports first.</li>"
            "<li>Give communities a real say in priorities.</li>"
            "<li>Commit funding for at least three years so trust can be built.</li></ol>"
        ),
        "evidence_searched_to": datetime.date(2024, 10, 31),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "NHS England. Next steps for integrating primary care: Fuller stocktake report. 2022.",
                url="https://www.england.nhs.uk/publication/next-steps-for-integrating-primary-care-fuller-stocktake-report/",
            ),
            reference(
                "Barnett K, Mercer SW, Norbury M, et al. Epidemiology of multimorbidity and implications for health "
                "care, research, and medical education: a cross-sectional study. The Lancet. 2012;380(9836):37-43.",
                doi="10.1016/S0140-6736(12)60240-2",
            ),
            reference(
                "The King's Fund. Health inequalities in a nutshell. 2021.",
                url="https://www.kingsfund.org.uk/insight-and-analysis/data-and-charts/health-inequalities-nutshell",
            ),
        ],
    },
    {
        "slug": "what-works-returning-to-work",
        "title": (
            "What works: Health and care interventions to support people from disadvantaged backgrounds in "
            "returning to work"
        ),
        "publication_date": datetime.date(2025, 5, 20),
        "summary": (
            "Return to work interventions aim to end long-term sickness absence or worklessness, but it is "
            "unclear whether they benefit everyone equally. We review health and care interventions that help "
            "people from disadvantaged backgrounds back into employment."
        ),
        "groups": ["core20", "multiple-long-term-conditions"],
        "topics": ["employment", "severe-mental-illness"],
        "authors": ["Megan Lloyd", "Dr Grace Okafor"],
        "image": "Warm sand",
        "review_question": (
            "Which health and care interventions help people from disadvantaged backgrounds who are off work "
            "through ill health to return to and stay in work, and do they reduce inequalities in employment?"
        ),
        "key_messages": [
            message(
                "Individual Placement and Support, which combines employment support with mental health care, "
                "has the strongest evidence, including for people with severe mental illness."
            ),
            message("Early, coordinated contact between health services, employers and the person helps most."),
            message(
                "People in insecure, low-paid work benefit least from employer-based schemes, which many cannot access."
            ),
            message("Few studies report results by income, ethnicity or deprivation."),
        ],
        "findings": [
            finding(
                "Individual Placement and Support for people with severe mental illness",
                ["core20", "multiple-long-term-conditions"],
                "narrows",
                "strong",
                "Randomised trials in several countries found more people in competitive employment than with "
                "usual vocational services.",
            ),
            finding(
                "Workplace-based return-to-work programmes",
                ["core20"],
                "widens",
                "moderate",
                "Helpful for people with stable jobs and supportive employers; those in insecure work or small "
                "firms rarely had access, widening the gap.",
            ),
            finding(
                "Employment advisers in general practice",
                ["core20"],
                "narrows",
                "limited",
                "Advisers in practices in deprived areas reached people who were not in contact with "
                "employment services.",
            ),
            finding(
                "Fit note conversations about work",
                ["multiple-long-term-conditions"],
                "no-clear-effect",
                "very-limited",
                "Training GPs to discuss work made conversations more common, but effects on return to work were "
                "not shown.",
            ),
        ],
        "recommendations": (
            "<ul><li>Expand Individual Placement and Support in mental health and primary care settings.</li>"
            "<li>Offer employment advice in general practice in deprived areas.</li>"
            "<li>Design schemes that reach people in insecure work and the self-employed.</li>"
            "<li>Report outcomes by deprivation and ethnicity.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2025, 1, 31),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "Waddell G, Burton AK. Is work good for your health and well-being? London: The Stationery "
                "Office; 2006.",
                url="https://www.gov.uk/government/publications/is-work-good-for-your-health-and-well-being",
            ),
            reference(
                "Black C. Working for a healthier tomorrow: Dame Carol Black's review of the health of Britain's "
                "working age population. London: The Stationery Office; 2008.",
                url="https://www.gov.uk/government/publications/working-for-a-healthier-tomorrow-work-and-health-in-britain",
            ),
            reference(
                "Marmot M, Allen J, Boyce T, Goldblatt P, Morrison J. Health Equity in England: The Marmot Review "
                "10 Years On. London: Institute of Health Equity; 2020.",
                url="https://www.instituteofhealthequity.org/resources-reports/marmot-review-10-years-on",
            ),
        ],
    },
    {
        "slug": "what-works-quality-improvement-inequalities",
        "title": "What works: Leveraging Quality Improvement to address health and care inequalities",
        "publication_date": datetime.date(2024, 10, 8),
        "summary": (
            "Quality improvement aims to make care better but does not always consider equity, and can create "
            "new inequalities. This brief summarises what helps quality improvement reduce inequalities, and "
            "which approaches risk making them worse."
        ),
        "groups": ["core20", "protected-characteristic-groups"],
        "topics": ["hypertension", "diabetes"],
        "authors": ["Dr Samuel Adeyemi", "Dr Grace Okafor", "Tom Ashworth"],
        "image": "Teal ripples",
        "review_question": (
            "What approaches ensure that quality improvement in health care reduces inequalities rather than "
            "generating new ones?"
        ),
        "key_messages": [
            message(
                "Improvement projects that measure only averages can widen gaps, because the easiest patients "
                "improve first."
            ),
            message("Breaking down improvement data by deprivation and ethnicity is the single most useful step."),
            message("Involving patients from under-served groups in design helps projects reach them."),
        ],
        "findings": [
            finding(
                "Stratified measurement in improvement projects",
                ["core20", "protected-characteristic-groups"],
                "narrows",
                "moderate",
                "Projects that tracked results by group could spot and correct widening gaps, for example in "
                "diabetes care processes.",
            ),
            finding(
                "Pay-for-performance schemes such as the Quality and Outcomes Framework",
                ["core20"],
                "mixed",
                "moderate",
                "Overall achievement rose and the gap between deprived and affluent practices narrowed, but "
                "exception reporting was higher in deprived areas.",
            ),
            finding(
                "Digital reminders and online self-management tools",
                ["protected-characteristic-groups"],
                "widens",
                "limited",
                "Benefits went mostly to younger, more affluent and digitally confident patients.",
            ),
            finding(
                "Co-design with under-served patients",
                ["core20"],
                "narrows",
                "limited",
                "Improved reach and acceptability in small studies, with few measures of clinical outcomes.",
            ),
        ],
        "recommendations": (
            "<ul><li>Report every improvement measure by deprivation and ethnicity.</li>"
            "<li>Include an equity check at the design stage of each project.</li>"
            "<li>Offer non-digital routes alongside digital ones.</li></ul>"
        ),
        "evidence_searched_to": datetime.date(2024, 6, 30),
        "methods": STANDARD_METHODS,
        "references": [
            reference(
                "Lorenc T, Petticrew M, Welch V, Tugwell P. What types of interventions generate inequalities? "
                "Evidence from systematic reviews. Journal of Epidemiology and Community Health. 2013;67(2):190-193.",
                doi="10.1136/jech-2012-201257",
            ),
            reference(
                "Veinot TC, Mitchell H, Ancker JS. Good intentions are not enough: how informatics interventions "
                "can worsen inequality. Journal of the American Medical Informatics Association. 2018;25(8):1080-1088.",
                doi="10.1093/jamia/ocy052",
            ),
            reference(
                "The Health Foundation. Quality improvement made simple. 3rd edition. London; 2021.",
                url="https://www.health.org.uk/publications/quality-improvement-made-simple",
            ),
        ],
    },
]
