"""Demo records from the public: submissions waiting for moderation and interest registrations,
each with a fixed token so loading twice adds nothing. People and addresses are invented."""

__all__ = ["REGISTRATIONS", "SUBMISSIONS"]

# Submissions waiting for moderation, and registrations: (fixed token, fields).
SUBMISSIONS = [
    (
        "5a0c5d0e-8a57-4a4c-9d4e-000000000001",
        {
            "title": "Community transport to cancer screening",
            "summary": "Funding volunteer drivers so that people in rural villages can reach screening appointments.",
            "issues": ["health", "community-development"],
            "activities": ["aligned-funding"],
            "location": "east-midlands",
            "stage": "emerging-opportunity",
            "groups": ["core20"],
            "topics": ["early-cancer-diagnosis"],
            "aims_and_activities": (
                "Screening uptake is lowest where buses are fewest.\n\nWe want to test volunteer transport."
            ),
            "how_to_get_involved": "Email us if you fund in the East Midlands.",
            "organisations": "Rural Lincolnshire Foundation",
            "submitter_name": "Priya Example",
            "submitter_organisation": "Rural Lincolnshire Foundation",
            "submitter_role": "Grants officer",
            "submitter_email": "priya@example.org",
        },
    ),
    (
        "5a0c5d0e-8a57-4a4c-9d4e-000000000002",
        {
            "title": "Oral health in early years settings",
            "summary": "Supervised toothbrushing in nurseries in the most deprived areas of the West Midlands.",
            "issues": ["health", "education-and-skills"],
            "activities": ["pooled-funding", "shared-evaluation"],
            "location": "west-midlands",
            "stage": "existing-collaboration",
            "groups": ["core20", "children-and-young-people"],
            "topics": ["oral-health"],
            "aims_and_activities": "Tooth decay is the commonest reason young children go into hospital.",
            "how_to_get_involved": "Join the pooled fund for 2027.",
            "organisations": "Black Country Children's Fund\nSmile Trust West Midlands",
            "submitter_name": "Tom Example",
            "submitter_organisation": "Black Country Children's Fund",
            "submitter_role": "",
            "submitter_email": "tom@example.org",
        },
    ),
    (
        "5a0c5d0e-8a57-4a4c-9d4e-000000000003",
        {
            "title": "Learning disability annual health checks: reaching more people",
            "summary": (
                "Sharing what works to raise uptake of annual health checks for people with a learning disability."
            ),
            "issues": ["health"],
            "activities": ["information-sharing", "peer-learning"],
            "location": "uk-wide",
            "stage": "emerging-opportunity",
            "groups": ["learning-disability-and-autism"],
            "topics": [],
            "aims_and_activities": "Health checks find problems early, but many people never have one.",
            "how_to_get_involved": "Come to a round table in spring.",
            "organisations": "",
            "submitter_name": "Alex Example",
            "submitter_organisation": "Learning Disability Health Alliance",
            "submitter_role": "Policy lead",
            "submitter_email": "alex@example.org",
        },
    ),
]

REGISTRATIONS = [
    (
        "6b1d6e1f-9b68-4b5d-8e5f-000000000001",
        "warm-homes-healthy-lungs",
        {
            "name": "Sam Example",
            "organisation": "Northumberland Coast Trust",
            "email": "sam@example.org",
            "message": "We fund on the Northumberland coast and would like to hear about joining the pool.",
        },
    ),
    (
        "6b1d6e1f-9b68-4b5d-8e5f-000000000002",
        "tackling-health-inequalities",
        {
            "name": "Jo Example",
            "organisation": "Healthy Futures Foundation",
            "email": "jo@example.org",
            "message": "Please invite us to the in-depth discussion.",
        },
    ),
    (
        "6b1d6e1f-9b68-4b5d-8e5f-000000000003",
        "youth-mental-health-in-coastal-towns",
        {
            "name": "Chris Example",
            "organisation": "Cornwall Community Fund",
            "email": "chris@example.org",
            "message": "",
        },
    ),
]
