"""The ratings each finding carries: its effect on inequalities, the strength of evidence, its cost.

Values are the slugs the finder's and the map's filters take (`effect=narrows`).
"""

from django.db import models

__all__ = ["EFFECT_SHORT", "STRENGTH_RANK", "Cost", "EvidenceStrength", "InequalityEffect"]


class InequalityEffect(models.TextChoices):
    """What an intervention did to the gap between groups, the rating our briefs add."""

    NARROWS = "narrows", "Narrows inequalities"
    MIXED = "mixed", "Mixed effect"
    NO_CLEAR_EFFECT = "no-clear-effect", "No clear effect"
    WIDENS = "widens", "Widens inequalities"


class EvidenceStrength(models.TextChoices):
    """Strongest first: the order of every filter and of "the strongest evidence"."""

    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    VERY_LIMITED = "very-limited", "Very limited"


# Higher is stronger.
STRENGTH_RANK = {value: len(EvidenceStrength.values) - index for index, value in enumerate(EvidenceStrength.values)}


class Cost(models.TextChoices):
    """What putting the intervention in place costs, where a brief says."""

    LOW = "low", "Low cost"
    MODERATE = "moderate", "Moderate cost"
    HIGH = "high", "High cost"
    NOT_KNOWN = "not-known", "Cost not known"


# Short words for the effect split: "3 narrow, 1 widens".
EFFECT_SHORT = {
    InequalityEffect.NARROWS: ("narrows", "narrow"),
    InequalityEffect.MIXED: ("mixed", "mixed"),
    InequalityEffect.NO_CLEAR_EFFECT: ("no clear effect", "no clear effect"),
    InequalityEffect.WIDENS: ("widens", "widen"),
}
