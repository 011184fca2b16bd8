"""Which query parameters a page read, so the page cache keys it by those alone.

A page-cache key made of the whole address gives every junk query string (`/robots.txt?j=1`,
`?utm_source=…`, a cache-busting flood) an entry of its own. The middleware hands the view a
`request.GET` that remembers what was read: each parameter asked for by name (even one that was
absent), whether the view asked if there were any parameters at all, and whether it read all of
them (iterating, copying, encoding). The stored page is keyed by those parameters only; a page
that read them all is keyed by the whole query string, as before.
"""

from django.http import QueryDict

__all__ = ["ReadTrackingQueryDict", "WHOLE_QUERY"]

# What a page that read every parameter is keyed by.
WHOLE_QUERY = "*"
# What a page that asked whether there were any parameters is keyed by (besides those it read).
ANY_PARAMETERS = "?"


class ReadTrackingQueryDict(QueryDict):
    """An immutable QueryDict that records what was read from it."""

    @classmethod
    def tracking(cls, query):
        tracked = cls(mutable=True, encoding=query.encoding)
        for name, values in query.lists():
            tracked.setlist(name, values)
        tracked._mutable = False
        tracked.reads = set()
        return tracked

    def _read(self, what):
        reads = self.__dict__.get("reads")
        if reads is not None:
            reads.add(what)

    # By name.
    def __getitem__(self, key):
        self._read(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._read(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._read(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._read(key)
        return super().getlist(key, default)

    # Whether there are any.
    def __len__(self):
        self._read(ANY_PARAMETERS)
        return super().__len__()

    def __bool__(self):
        self._read(ANY_PARAMETERS)
        return super().__len__() > 0

    # Everything.
    def __iter__(self):
        self._read(WHOLE_QUERY)
        return super().__iter__()

    def keys(self):
        self._read(WHOLE_QUERY)
        return super().keys()

    def values(self):
        self._read(WHOLE_QUERY)
        return super().values()

    def items(self):
        self._read(WHOLE_QUERY)
        return super().items()

    def lists(self):
        self._read(WHOLE_QUERY)
        return super().lists()

    def dict(self):
        self._read(WHOLE_QUERY)
        return super().dict()

    def urlencode(self, safe=None):
        self._read(WHOLE_QUERY)
        return super().urlencode(safe)

    def __copy__(self):
        self._read(WHOLE_QUERY)
        return super().__copy__()

    def __deepcopy__(self, memo):
        self._read(WHOLE_QUERY)
        return super().__deepcopy__(memo)

    def __getstate__(self):
        self._read(WHOLE_QUERY)
        return super().__getstate__()

    def __repr__(self):
        self._read(WHOLE_QUERY)
        return super().__repr__()
