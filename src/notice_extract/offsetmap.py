"""The offset maps of the working text, stored as runs.

``Doc.starts[k]`` / ``Doc.ends[k]`` is the source offset where working
character ``k`` begins / ends. Almost every working character comes from one
source character, shifted by what was dropped or inserted before it, so a map
is a few runs: in the run that begins at index ``at[r]``, item ``k`` is
``k + shift[r]``. A character that breaks the pattern (a composed cluster, an
inserted space, a swapped tone mark) is a run of its own.

A dense map costs 4 bytes a character (two maps: 40 MB for a 5 MB input); on
the 68 dev documents a map has 1 to 275 runs, on a 5 MB archive of them about
12,700. ``OffsetMap`` reads like the dense array it replaces: ``len``,
indexing (negative too), slicing, iteration, ``bisect`` and ``==`` with any
sequence of ints. It is read-only; ``OffsetBuilder`` makes one from left to
right.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from operator import index as _index

_TYPE = "i" if array("i").itemsize >= 4 else "l"


class OffsetMap:
    """A read-only sequence of ints stored as runs of ``k + shift``."""

    __slots__ = ("_at", "_shift", "_n")

    def __init__(self, at: array, shift: array, n: int) -> None:
        self._at, self._shift, self._n = at, shift, n

    @classmethod
    def identity(cls, n: int, first: int = 0) -> "OffsetMap":
        """The map ``first, first + 1, ..., first + n - 1``."""
        if n <= 0:
            return cls(array(_TYPE), array(_TYPE), 0)
        return cls(array(_TYPE, [0]), array(_TYPE, [first]), n)

    @classmethod
    def of(cls, items: Iterable[int]) -> "OffsetMap":
        """The map holding ``items`` (for tests and small maps)."""
        b = OffsetBuilder()
        for v in items:
            b.append(v)
        return b.build()

    @property
    def runs(self) -> int:
        return len(self._at)

    @property
    def nbytes(self) -> int:
        """Bytes held by the runs (what a dense map would hold: 4 a character)."""
        return (len(self._at) + len(self._shift)) * self._at.itemsize

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):
        if k.__class__ is int and 0 <= k < self._n:  # the common case, first
            return k + self._shift[bisect_right(self._at, k) - 1]
        if k.__class__ is not int:
            if isinstance(k, slice):
                a, b, step = k.indices(self._n)
                if step == 1:
                    return self.slice(a, b)
                return array(_TYPE, [self[i] for i in range(a, b, step)])
            k = _index(k)
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError("offset map index out of range")
        return k + self._shift[bisect_right(self._at, k) - 1]

    def slice(self, a: int, b: int) -> "OffsetMap":
        """Items ``a`` to ``b - 1`` (``0 <= a``, ``b <= len``) as a map."""
        out = OffsetBuilder()
        out.extend_from(self, a, b)
        return out.build()

    def __iter__(self) -> Iterator[int]:
        at, shift, n = self._at, self._shift, self._n
        for r in range(len(at)):
            end = at[r + 1] if r + 1 < len(at) else n
            yield from range(at[r] + shift[r], end + shift[r])

    def tolist(self) -> list[int]:
        return list(self)

    def __eq__(self, other) -> bool:
        if isinstance(other, OffsetMap):
            return self._n == other._n and list(self._runs()) == list(other._runs())
        try:
            if len(other) != self._n:
                return False
        except TypeError:
            return NotImplemented
        return all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # compared by value, like a list

    def _runs(self) -> Iterator[tuple[int, int]]:
        return zip(self._at, self._shift)

    def __repr__(self) -> str:
        if self._n <= 20:
            return f"OffsetMap({list(self)!r})"
        return f"OffsetMap(<{self._n} items in {len(self._at)} runs>)"


class OffsetBuilder:
    """Builds an ``OffsetMap`` item by item or run by run, left to right.

    A new run starts only where the next item is not the last one + 1, so a map
    built from any pieces has the fewest runs."""

    __slots__ = ("_at", "_shift", "_n")

    def __init__(self) -> None:
        self._at, self._shift, self._n = array(_TYPE), array(_TYPE), 0

    def __len__(self) -> int:
        return self._n

    def _continue(self, shift: int) -> None:
        if not self._shift or self._shift[-1] != shift:
            self._at.append(self._n)
            self._shift.append(shift)

    def append(self, v: int) -> None:
        self._continue(v - self._n)
        self._n += 1

    def extend_range(self, a: int, b: int) -> None:
        """Items ``a, a + 1, ..., b - 1``."""
        if b > a:
            self._continue(a - self._n)
            self._n += b - a

    def extend_repeat(self, v: int, count: int) -> None:
        """``count`` items equal to ``v``."""
        for _ in range(count):
            self.append(v)

    def extend_from(self, m: OffsetMap, a: int, b: int) -> None:
        """Items ``a`` to ``b - 1`` of ``m``."""
        b = min(b, m._n)
        if a >= b:
            return
        at, shift = m._at, m._shift
        last = len(at) - 1
        r = bisect_right(at, a) - 1
        while a < b:
            stop = min(at[r + 1] if r < last else m._n, b)
            self.extend_range(a + shift[r], stop + shift[r])
            a = stop
            r += 1

    def build(self) -> OffsetMap:
        return OffsetMap(self._at, self._shift, self._n)


def replaced(m: OffsetMap, positions: Iterable[int], values: Iterable[int]) -> OffsetMap:
    """``m`` with item ``positions[k]`` set to ``values[k]`` (positions rising)."""
    if not positions:
        return m
    out = OffsetBuilder()
    prev = 0
    for p, v in zip(positions, values):
        out.extend_from(m, prev, p)
        out.append(v)
        prev = p + 1
    out.extend_from(m, prev, len(m))
    return out.build()


def inserted(m: OffsetMap, positions: Iterable[int], values: Iterable[int]) -> OffsetMap:
    """``m`` with ``values[k]`` inserted before item ``positions[k]`` (positions rising)."""
    out = OffsetBuilder()
    prev = 0
    for p, v in zip(positions, values):
        out.extend_from(m, prev, p)
        out.append(v)
        prev = p
    out.extend_from(m, prev, len(m))
    return out.build()


def kept_runs(m: OffsetMap, runs: Iterable[tuple[int, int]]) -> OffsetMap:
    """The items of ``m`` in the index ranges ``[a, b)`` of ``runs``, in order."""
    out = OffsetBuilder()
    for a, b in runs:
        out.extend_from(m, a, b)
    return out.build()
