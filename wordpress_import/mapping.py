"""The mapping file: what each WordPress item becomes, and which terms tag it with which groups and topics.

Editors read and change it as YAML (`default_mapping.yaml` beside this file is the shipped default);
it is checked whole before anything is imported, so a typo is one clear error, not half an import.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import CommandError

import yaml

from healthequity.core.models import InequalityGroup, ResourceType, Topic

__all__ = ["DEFAULT_MAPPING", "KINDS", "Mapping", "Rule", "TermTags", "read_mapping"]

DEFAULT_MAPPING = Path(__file__).resolve().parent / "default_mapping.yaml"
KINDS = {"blog_post", "panel_post", "resource", "brief", "standard_page", "library", "skip"}
RESOURCE_KINDS = {"analysis", "report", "tool", "data", "evidence-map"}
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _as_set(value):
    if value is None:
        return None
    return {str(item) for item in (value if isinstance(value, list) else [value])}


@dataclass
class Rule:
    becomes: str
    post_type: set[str] | None = None
    category: set[str] | None = None
    slug: set[str] | None = None
    resource_type: str = ResourceType.REPORT

    def matches(self, item, categories):
        """`categories`: the item's category slugs with every ancestor's."""
        return (
            (self.post_type is None or item.post_type in self.post_type)
            and (self.category is None or bool(self.category & categories))
            and (self.slug is None or item.slug in self.slug)
        )


@dataclass
class TermTags:
    groups: list = field(default_factory=list)
    topics: list = field(default_factory=list)


@dataclass
class Mapping:
    source: str
    rules: list[Rule]
    guest_post_categories: set[str]
    terms: dict[str, TermTags]

    def rule_for(self, item, categories):
        return next((rule for rule in self.rules if rule.matches(item, categories)), None)

    def read_by_rules(self, slug, parents):
        """Whether a category (or one above it, `parents` naming each one's parent) decides a page type or a
        guest post: such a category tags nothing, and is not reported as unmapped."""
        slugs = set(self.guest_post_categories).union(*(rule.category or set() for rule in self.rules))
        seen = set()
        while slug and slug not in seen:
            if slug in slugs:
                return True
            seen.add(slug)
            slug = parents.get(slug, "")
        return False


def read_mapping(path=None):
    path = Path(path) if path else DEFAULT_MAPPING
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Mapping file {path}: cannot be read ({error.strerror or error}).") from error
    try:
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - YAML_LOADER is a safe loader
    except yaml.YAMLError as error:
        raise CommandError(f"Mapping file {path}: not valid YAML ({error}).") from error
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CommandError(f"Mapping file {path}: needs a list of `rules` (see {DEFAULT_MAPPING.name}).")
    problems = []
    rules = [_rule(number, spec, problems) for number, spec in enumerate(data["rules"], start=1)]
    terms = {}
    groups = {group.slug: group for group in InequalityGroup.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for slug, spec in (data.get("terms") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - {"groups", "topics"}:
            problems.append(f"term {slug}: give `groups` and/or `topics`, or {{}}")
            continue
        tags = TermTags()
        for kind, known, target in (("groups", groups, tags.groups), ("topics", topics, tags.topics)):
            for wanted in _as_set(spec.get(kind)) or ():
                if wanted in known:
                    target.append(known[wanted])
                else:
                    problems.append(f"term {slug}: no {kind[:-1]} has the slug {wanted!r}")
        terms[str(slug)] = tags
    if problems:
        raise CommandError(f"Mapping file {path}:\n  " + "\n  ".join(problems))
    # A term named like a group or topic maps to it without a line in the file.
    for slug, group in groups.items():
        terms.setdefault(slug, TermTags(groups=[group]))
    for slug, topic in topics.items():
        terms.setdefault(slug, TermTags(topics=[topic]))
    return Mapping(
        source=text,
        rules=rules,
        guest_post_categories=_as_set(data.get("guest_post_categories")) or set(),
        terms=terms,
    )


def _rule(number, spec, problems):
    if not isinstance(spec, dict) or spec.get("becomes") not in KINDS:
        problems.append(f"rule {number}: `becomes` must be one of {', '.join(sorted(KINDS))}")
        return Rule(becomes="skip")
    unknown = set(spec) - {"becomes", "post_type", "category", "slug", "resource_type"}
    if unknown:
        problems.append(f"rule {number}: unknown condition {', '.join(sorted(unknown))}")
    resource_type = spec.get("resource_type", ResourceType.REPORT)
    if resource_type not in RESOURCE_KINDS:
        problems.append(f"rule {number}: resource_type must be one of {', '.join(sorted(RESOURCE_KINDS))}")
    return Rule(
        becomes=spec["becomes"],
        post_type=_as_set(spec.get("post_type")),
        category=_as_set(spec.get("category")),
        slug=_as_set(spec.get("slug")),
        resource_type=resource_type,
    )
