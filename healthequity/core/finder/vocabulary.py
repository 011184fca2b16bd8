"""The two vocabularies every finder filters by: inequality groups (a two-level tree) and topics."""

from collections import defaultdict

from healthequity.caching.content import cached
from healthequity.core.models import InequalityGroup, Topic

__all__ = ["Vocabulary"]


class Vocabulary:
    """Every inequality group and topic, read once per request (two small queries).

    Used to validate slugs, to widen a group to its subgroups, and to label facets, tags and
    feed titles without further queries.
    """

    def __init__(self, groups, topics):
        children = defaultdict(list)
        top_level = []
        for group in groups:
            (children[group.parent_id] if group.parent_id else top_level).append(group)
        self.subgroups = {group.pk: children.get(group.pk, []) for group in top_level}
        # Each top-level group followed by its subgroups: the order of the facet and of labels.
        self.groups = [member for group in top_level for member in [group, *self.subgroups[group.pk]]]
        self.groups_by_slug = {group.slug: group for group in self.groups}
        self.groups_by_pk = {group.pk: group for group in self.groups}
        self.topics = list(topics)
        self.topics_by_slug = {topic.slug: topic for topic in self.topics}

    @classmethod
    def load(cls):
        """From the cache, until a group or topic is edited (healthequity.caching)."""

        def read():
            groups = InequalityGroup.objects.only("name", "slug", "parent_id", "description", "sort_order")
            return cls(list(groups), list(Topic.objects.all()))

        return cached(("vocabulary",), read)

    @property
    def group_choices(self):
        return [(group.slug, group.name) for group in self.groups]

    @property
    def topic_choices(self):
        return [(topic.slug, topic.name) for topic in self.topics]

    def group_ids(self, slugs):
        """The chosen groups and, for a top-level group, all its subgroups."""
        ids = set()
        for slug in slugs:
            group = self.groups_by_slug[slug]
            ids.add(group.pk)
            ids.update(child.pk for child in self.subgroups.get(group.pk, []))
        return sorted(ids)

    def topic_ids(self, slugs):
        return sorted(self.topics_by_slug[slug].pk for slug in slugs)
