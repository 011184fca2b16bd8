"""Blog posts on funding and politics, after the titles on the centre's captured blog listing."""

import datetime

from .stream import bullets, heading, image, key_finding, paragraph, quote, table

__all__ = ["POLICY_POSTS"]

POLICY_POSTS = [
    {
        "slug": "welcome-to-the-health-equity-evidence-centre",
        "title": "Welcome to the Health Equity Evidence Centre",
        "publication_date": datetime.date(2023, 5, 9),
        "summary": (
            "Decades of evidence on health and care inequalities have produced too little change. In our first "
            "post we explain why we think evidence has not been enough, and how the centre means to help."
        ),
        "groups": ["core20", "ethnic-minority-communities"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Priya Raman", "Dr Grace Okafor"],
        "image": "Interlocking rings",
        "body": [
            paragraph(
                "Researchers have described health and care inequalities in great detail for half a century. The "
                "people with the greatest need still get the least care, and the gap in healthy life expectancy "
                "between the richest and poorest neighbourhoods is close to two decades."
            ),
            heading("Change is possible"),
            paragraph(
                "There are stand-out successes. The cross-government strategy on health inequalities in England "
                "in the 2000s reduced the gap in life expectancy and in infant mortality. During the pandemic, the "
                "COVID-19 vaccination programme worked with community and faith leaders to increase uptake among "
                "minority ethnic groups. Both show what sustained, targeted effort can do."
            ),
            heading("Why evidence has not been enough"),
            paragraph(
                "One reason for slow progress is that evidence does not reach the people who make decisions in a "
                "form they can use. Reviews are long, written for other researchers and often out of date by the "
                "time they are published. Another is that most research describes the problem; far less tests "
                "solutions."
            ),
            quote(
                "We know a great deal about who is missing out. We need to know much more about what helps them, "
                "and to say it clearly.",
                "Dr Priya Raman",
            ),
            heading("What we will do"),
            bullets(
                "publish short What works briefs that rate each finding for its effect on inequalities",
                "analyse NHS data to show where resources go and whether they follow need",
                "build tools that help integrated care boards act",
                "listen to our Citizens' Panel, who will also write for this blog",
                intro="Over the coming months we will:",
            ),
            image(
                "Interlocking rings",
                alt_text="Blue and green rings linked together.",
                caption="Evidence, data and lived experience, working together.",
            ),
        ],
    },
    {
        "slug": "gp-contract-2024-25-more-money-same-problems",
        "title": "GP Contract 2024/25: More Money, Same Problems?",
        "publication_date": datetime.date(2024, 3, 5),
        "summary": (
            "The extra £899 million for general practice is welcome, and raising the global sum strengthens "
            "capitation as the basis of fair funding. But the Carr-Hill formula reflects activity rather than "
            "need, so more money through the same channels risks entrenching existing inequalities."
        ),
        "groups": ["core20"],
        "topics": ["primary-care-funding"],
        "authors": ["Tom Ashworth", "Dr Priya Raman"],
        "image": "Soft blue horizon",
        "body": [
            paragraph(
                "The 2024/25 contract adds £899 million to general practice in England. After years of real-terms "
                "pressure that matters, and most of the increase goes into the global sum, the core payment per "
                "patient. Capitation is the right foundation for fair funding: money follows patients, not "
                "targets."
            ),
            heading("The problem with the formula"),
            paragraph(
                "The global sum is shared out by the Carr-Hill formula, which estimates each practice's workload "
                "mainly from the age of its patients. It measures what practices do, not what their patients need. "
                "Practices in deprived areas, with younger patients who become ill earlier, are under-funded "
                "relative to need."
            ),
            key_finding(
                "Putting more money through an unfair formula increases the gap in cash terms between practices "
                "in the most and least deprived areas.",
                title="Why more money is not enough",
            ),
            heading("What should change"),
            bullets(
                "Review the Carr-Hill formula with up-to-date data and a stronger weight for deprivation.",
                "Let integrated care boards top up funding for practices serving deprived communities.",
                "Publish funding per patient alongside measures of need.",
            ),
        ],
    },
    {
        "slug": "introducing-efit",
        "title": "A new tool to help ICBs allocate general practice funding more equitably – introducing eFIT",
        "publication_date": datetime.date(2024, 9, 12),
        "summary": (
            "We introduce eFIT, a tool that helps integrated care boards take socio-economic need into account "
            "when they fund general practice, so that practices serving disadvantaged communities can get the "
            "extra resources their patients need."
        ),
        "groups": ["core20"],
        "topics": ["primary-care-funding"],
        "authors": ["Tom Ashworth"],
        "image": "Interlocking rings",
        "body": [
            paragraph(
                "National funding for general practice does not fully reflect need, as our analyses have shown. "
                "Integrated care boards cannot rewrite the national formula, but they do decide how to spend "
                "local money. eFIT helps them spend it where need is greatest."
            ),
            heading("How it works"),
            paragraph(
                "eFIT estimates what each practice would receive if funding reflected the deprivation of its "
                "patients as well as their age, compares that with current payments and suggests top-ups. An ICB "
                "chooses its budget and the tool does the rest."
            ),
            table(
                "Illustrative eFIT output for three practices",
                [
                    ["Practice", "Deprivation quintile", "Current funding", "Need-adjusted", "Suggested top-up"],
                    ["Practice A", "1 (most deprived)", "Below need", "Higher", "Largest"],
                    ["Practice B", "3", "Close to need", "Similar", "Small"],
                    ["Practice C", "5 (least deprived)", "Above need", "Lower", "None"],
                ],
            ),
            paragraph(
                "The tool is free to use. We would like to hear from ICBs that try it, so that we can improve it."
            ),
        ],
    },
    {
        "slug": "why-political-parties-need-to-address-health-inequalities",
        "title": "Why political parties need to address health inequalities before the elections",
        "publication_date": datetime.date(2024, 5, 30),
        "summary": (
            "The NHS will be one of the issues that decides July's general election. Parties are promising "
            "shorter waits, new technology and more staff. We argue that none of this will work for everyone "
            "unless inequalities are tackled explicitly."
        ),
        "groups": ["core20"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Grace Okafor"],
        "image": "Lavender evening",
        "body": [
            paragraph(
                "Voters care about the NHS, and the parties know it. Pledges on waiting times, technology and "
                "workforce are welcome, and major public health charities have called for more: action on the "
                "causes of ill health, from poverty to housing."
            ),
            paragraph(
                "Waiting lists are longest, and their effects most harmful, for people in deprived areas. Digital "
                "innovations can exclude those who most need care. Workforce shortfalls are deepest where need is "
                "highest. Any plan that ignores these gaps risks widening them."
            ),
            key_finding(
                "Every health pledge should say who it will help, and how the gap between groups will be measured.",
                title="Our ask",
            ),
        ],
    },
    {
        "slug": "manifestos-and-health-inequalities",
        "title": "How do the Conservative and Labour manifestos measure up in terms of health inequalities?",
        "publication_date": datetime.date(2024, 6, 20),
        "summary": (
            "The manifestos are out. What might they mean for health and care inequalities? We look at the "
            "commitments of the two largest parties against the evidence of what reduces inequalities."
        ),
        "groups": ["core20", "children-and-young-people"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Grace Okafor", "Megan Lloyd"],
        "image": None,
        "body": [
            paragraph(
                "We read both manifestos with one question in mind: what does the evidence say these "
                "commitments would do to the gap between the most and least advantaged?"
            ),
            heading("What we looked for"),
            bullets(
                "a cross-government strategy, since most causes of ill health lie outside the NHS",
                "resources weighted to need, in the NHS and in local government",
                "action on child poverty and the early years",
                "measurement of progress by deprivation and ethnicity",
            ),
            heading("What we found"),
            paragraph(
                "Both manifestos concentrate on NHS waiting times, staffing and technology. Labour's includes an "
                "aim to halve the gap in healthy life expectancy between the richest and poorest regions, a "
                "welcome goal that will need cross-government action to reach. Neither sets out in detail how "
                "resources would be weighted towards need."
            ),
            quote(
                "The evidence is clear that the biggest gains come from acting on the conditions in which people "
                "live, not only on the services they use."
            ),
        ],
    },
    {
        "slug": "improving-health-is-a-political-choice",
        "title": "Improving health is a political choice but how do we make it a shared political goal?",
        "publication_date": datetime.date(2024, 7, 23),
        "summary": (
            "A recent BMJ Commission set out the toll of fifteen years of austerity on the NHS and the nation's "
            "health in under nine pages. We ask how improving health, and narrowing the gaps, can become a goal "
            "shared across parties."
        ),
        "groups": ["core20", "children-and-young-people"],
        "topics": ["wider-determinants"],
        "authors": ["Dr Priya Raman"],
        "image": "Teal ripples",
        "body": [
            paragraph(
                "The numbers are stark: life expectancy has stalled and for some groups fallen, young children's "
                "physical and mental health has worsened, and infant and child deaths have risen, with the "
                "greatest harm in the poorest areas."
            ),
            paragraph(
                "These are the results of choices. Other choices are possible. The challenge is to make health a "
                "goal that survives changes of government, as the climate targets have partly done."
            ),
            bullets(
                "a legal duty to reduce health inequalities across government, with published progress",
                "an independent body to report on progress, like the Climate Change Committee",
                "long-term budgets for prevention, protected from short-term pressures",
                intro="Three ideas could help:",
            ),
        ],
    },
]
