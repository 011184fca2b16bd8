"""The ratings each finding carries: its effect on inequalities, the strength of evidence, its cost.

Values are the slugs the finder's and the map's filters take (`effect=narrows`).
"""

from django.db import models

__all__ = ["EFFECT_SHORT", "STRENGTH_RANK", "Cost", "EvidenceStrength", "InequalityEffect", "effect_summary"]


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


def effect_summary(counts, *, name_the_gap=False):
    """ "4 findings: 3 narrow, 1 widens" from {effect: count}; "" for none. `name_the_gap` says what
    the first effect is about, for a line read on its own (a result card): "4 findings: 3 narrow
    inequalities, 1 widens"."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = []
    for effect in InequalityEffect.values:
        count = counts.get(effect, 0)
        if count:
            singular, plural = EFFECT_SHORT[effect]
            parts.append(f"{count} {singular if count == 1 else plural}")
    if name_the_gap and effect_names_the_gap(counts):
        parts[0] += " inequalities"
    noun = "finding" if total == 1 else "findings"
    return f"{total} {noun}: {', '.join(parts)}"


def effect_names_the_gap(counts):
    """Whether the first effect said is one that reads with "inequalities" after it (narrows, widens)."""
    first = next(effect for effect in InequalityEffect.values if counts.get(effect))
    return first in (InequalityEffect.NARROWS, InequalityEffect.WIDENS)
