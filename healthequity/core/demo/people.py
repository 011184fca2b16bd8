"""Demo authors and the topics editors would add beside the seeded clinical focus areas.

The centre's team here is invented. The one real person is the guest author the captured blog
listing names (Professor Andrea Williamson); her entry says only what that listing says.
"""

__all__ = ["AUTHORS", "EXTRA_TOPICS", "HEEC"]

HEEC = "Health Equity Evidence Centre"

# name, role, organisation, bio
AUTHORS = [
    (
        "Dr Priya Raman",
        "Clinical director",
        HEEC,
        "A practising GP in an inner-city practice who leads the centre's clinical programme. Her work "
        "asks how general practice can find and support the patients it most often misses.",
    ),
    (
        "Tom Ashworth",
        "Lead data scientist",
        HEEC,
        "Builds the centre's analyses of NHS payments to general practice and the open tools that go "
        "with them, including the equitable funding tool for integrated care boards.",
    ),
    (
        "Dr Grace Okafor",
        "Senior research fellow",
        HEEC,
        "Leads the What works evidence reviews. Her background is in systematic review methods and "
        "ethnic inequalities in access to care.",
    ),
    (
        "Megan Lloyd",
        "Research associate",
        HEEC,
        "Works on evidence synthesis about children and young people, early years services and the "
        "wider determinants of health.",
    ),
    (
        "Dr Samuel Adeyemi",
        "Honorary clinical fellow",
        "Partner university department of primary care",
        "A public health registrar whose research looks at workforce, integrated neighbourhood teams "
        "and how quality improvement can take account of equity.",
    ),
    (
        "Hannah Brooks",
        "Public involvement lead",
        HEEC,
        "Coordinates the Citizens' Panel and supports members who want to write about their own experience of care.",
    ),
    (
        "Professor Andrea Williamson",
        "Guest author",
        "",
        "Guest author whose research into repeatedly missed healthcare appointments links high "
        "non-attendance to poorer health outcomes and social disadvantage.",
    ),
]

# Topics outside the clinical focus areas (kind "other"): slug, name.
EXTRA_TOPICS = [
    ("primary-care-funding", "Primary care funding"),
    ("workforce", "Workforce"),
    ("digital-exclusion", "Digital exclusion"),
    ("wider-determinants", "Wider determinants of health"),
    ("employment", "Employment and work"),
]
