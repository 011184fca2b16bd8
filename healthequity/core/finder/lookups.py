"""`id__any_of`: many ids as one array parameter on PostgreSQL.

The finder narrows a queryset to the pages the facet and word indexes matched, up to 2,000 of
them. As `pk__in` that is 2,000 placeholders, which psycopg binds one by one: 8 ms for 1,500 ids
at 100,000 pages, against 2 ms for `= ANY(%s)` with one array.
"""

from django.db import connections
from django.db.models import IntegerField, Lookup

__all__ = ["among"]


@IntegerField.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]


def among(queryset, ids):
    """The pages of `queryset` whose ids are in `ids` (a list)."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(id__any_of=ids)
    return queryset.filter(pk__in=ids)
