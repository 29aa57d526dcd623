"""The cycle collector rests while work makes tens of thousands of small records that hold no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_resting() -> Iterator[None]:
    """No cyclic garbage collection meanwhile; a `with` block, or a decorator (`@collector_resting()`).

    Such work (an export, a backup, counting the figures) allocates tens of thousands of
    small objects, and each time that sets off a full collection Python walks every record
    of the journal again to find nothing: a tenth of an export's time, about 40 ms of the
    figures' at ten years. Whatever was collecting before is collecting again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
