"""Citizens' Panel posts. Members are shown only by the display name they chose."""

import datetime

from .stream import heading, image, paragraph, quote

__all__ = ["PANEL_POSTS"]

PANEL_POSTS = [
    {
        "slug": "path-to-recovery-role-of-my-gp",
        "title": "The path to recovery: The crucial role of my GP in overcoming schizophrenia post brain haemorrhage",
        "member_display_name": "Panel member, North West",
        "publication_date": datetime.date(2024, 8, 6),
        "summary": (
            "A member of our Citizens' Panel describes how one dedicated GP guided their recovery from a "
            "life-changing illness, and why compassionate care mattered as much for their mental health as for "
            "their physical health."
        ),
        "groups": ["multiple-long-term-conditions"],
        "topics": ["severe-mental-illness"],
        "image": "Green hills at dusk",
        "body": [
            paragraph(
                "After my brain haemorrhage I spent weeks in hospital. When I came home I was not the same person. "
                "A few months later I was diagnosed with schizophrenia, and for a long time I could not see a way "
                "forward."
            ),
            heading("Being seen by the same doctor"),
            paragraph(
                "What made the difference was my GP. I saw the same doctor every time. She knew my history, so I "
                "did not have to explain everything again on a bad day. She booked double appointments without me "
                "asking and called me when I missed one."
            ),
            quote("She treated me as a whole person, not as two separate illnesses."),
            heading("What I would ask of other services"),
            paragraph(
                "Continuity is not a luxury. For people like me, juggling physical and mental health, it is the "
                "thing that keeps us in care at all."
            ),
        ],
    },
    {
        "slug": "navigating-self-referrals-mental-health",
        "title": "Navigating self-referrals to mental health services",
        "member_display_name": "Panel member, London",
        "publication_date": datetime.date(2024, 10, 22),
        "summary": (
            "One of our Citizens' Panel members reflects on referring themselves for mental health care: what "
            "helped, what nearly stopped them, and what services could make easier."
        ),
        "groups": ["protected-characteristic-groups", "core20"],
        "topics": ["mental-health", "digital-exclusion"],
        "image": "Lavender evening",
        "body": [
            paragraph(
                "Being able to refer myself for talking therapy meant I did not have to wait for a GP appointment "
                "to ask for help. That mattered, because asking at all took a lot of courage."
            ),
            paragraph(
                "But the online form was long, asked the same questions several times and timed out when I "
                "stopped to think. I nearly gave up. Someone without a laptop or a quiet place to fill it in might "
                "well have done."
            ),
            quote("Self-referral should make help easier to reach, not add a test you have to pass first."),
            paragraph(
                "A phone option, a shorter form and a message telling me what would happen next would have made "
                "all the difference."
            ),
        ],
    },
    {
        "slug": "caring-for-my-dad-while-studying",
        "title": "Caring for my dad while studying: what I wish someone had asked",
        "member_display_name": "Panel member, Yorkshire and the Humber",
        "publication_date": datetime.date(2025, 5, 27),
        "summary": (
            "A young carer on our panel writes about looking after a parent through school and college, and the "
            "simple question from a professional that could have changed things sooner."
        ),
        "groups": ["young-carers", "children-and-young-people"],
        "topics": ["mental-health"],
        "image": "Warm sand",
        "body": [
            paragraph(
                "I started helping my dad after his stroke when I was thirteen. I did not call myself a carer. I "
                "just thought it was what you did."
            ),
            paragraph(
                "Teachers noticed I was tired and late. Our GP saw us both. Nobody asked who was looking after "
                "Dad, or whether I was all right. When I finally found a young carers' group at nineteen, it was "
                "the first time I met anyone in the same situation."
            ),
            quote("One question, 'Do you look after anyone at home?', would have changed everything."),
        ],
    },
    {
        "slug": "living-by-the-sea-waiting-for-a-doctor",
        "title": "Living by the sea, waiting for a doctor",
        "member_display_name": "Panel member, South West",
        "publication_date": datetime.date(2026, 4, 14),
        "summary": (
            "A panel member from a seaside town describes managing several long-term conditions where GPs are "
            "hard to recruit, and what a blood pressure check at the pharmacy started."
        ),
        "groups": ["coastal-communities", "multiple-long-term-conditions"],
        "topics": ["hypertension"],
        "image": "Morning mist over the coast",
        "body": [
            paragraph(
                "People think of the seaside as a healthy place to live. Where I live, many of us are older, many "
                "are on low incomes and our practice has struggled to keep its doctors."
            ),
            image(
                "Morning mist over the coast",
                alt_text="A misty grey-blue seascape with a pale band like a distant shoreline.",
                caption="Coastal towns can hide deep deprivation behind their views.",
            ),
            paragraph(
                "I have diabetes and arthritis, and last year a pharmacist offered to check my blood pressure while "
                "I waited for a prescription. It was high. Within a month I was on treatment, monitoring at home "
                "and sending readings by text."
            ),
            quote("If the pharmacist had not asked, I would still be waiting for a doctor to notice."),
        ],
    },
    {
        "slug": "an-interpreter-made-the-difference",
        "title": "Being heard: how an interpreter made the difference in my pregnancy",
        "member_display_name": "Panel member, West Midlands",
        "publication_date": datetime.date(2026, 9, 8),
        "summary": (
            "A panel member who arrived in the UK shortly before her first pregnancy describes the difference a "
            "professional interpreter made to her maternity care."
        ),
        "groups": ["vulnerable-migrants", "ethnic-minority-communities"],
        "topics": ["maternity"],
        "image": None,
        "body": [
            paragraph(
                "At my first appointments my husband translated for me. He did his best, but there were things I "
                "could not say in front of him and words neither of us knew."
            ),
            paragraph(
                "When my midwife booked a professional interpreter, I could finally ask my own questions. I "
                "understood my scan results and my birth plan. I felt like a patient, not a visitor."
            ),
            quote("Every woman should be able to speak for herself about her own body and her own baby."),
        ],
    },
]
