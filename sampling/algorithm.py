"""The draw of a random inspection (双随机、一公开), as a pure function of its inputs and a seed.

Algorithm "owdraw-1", written out so that anyone holding a draw's record can recompute it with any language's
HMAC-SHA256 (docs/random_inspections.md gives a short reference program). Python's `random` is not used: its
generator is an implementation detail that may change between versions.

    key(label)  = lowercase hex of HMAC-SHA256(key = the seed's 32 bytes, message = label in UTF-8)

1. Employers. n = ceil(base_size × share / 100), at most the number eligible, where base_size is the pool
   before frequency limits and `share` the plan's percentage. The eligible credit codes are ordered by
   (key("employer|" + code), code); the first n are drawn, in that order.
2. Inspectors, k per inspection (at least two). cap = ceil(n × k / m) for m inspectors in the pool. For each
   drawn employer in draw order, the inspectors (ids as decimal strings) are ordered by
   (key("inspector|" + code + "|" + id), id); skipping any in conflict with that employer, the first k under
   the cap are taken; if fewer than k are under it, the places left go to the next ones over it, in the same
   order (conflicts are never lifted). Fewer than k free of conflict refuses the draw.
3. Digests: SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the inputs and of the result.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from decimal import Decimal

ALGORITHM = "owdraw-1"
MIN_INSPECTORS = 2  # 监察条例 art 16: at least two inspectors per inspection.


class DrawImpossible(Exception):
    """The inputs allow no lawful draw (too few inspectors free of conflict for an employer)."""

    def __init__(self, employer: str, available: int, needed: int):
        self.employer, self.available, self.needed = employer, available, needed
        super().__init__(f"{employer}: {available} inspectors free of conflict, {needed} needed")


@dataclass(frozen=True)
class DrawInput:
    """Everything the result depends on besides the seed. Codes and ids are strings."""

    base_size: int  # the employer pool before frequency limits
    employers: tuple[str, ...]  # eligible credit codes (after frequency limits)
    inspectors: tuple[str, ...]  # inspector ids
    conflicts: tuple[tuple[str, str], ...]  # (inspector id, employer code) never paired
    share: str  # percentage of base_size, a decimal string such as "5.00"
    per_inspection: int  # inspectors per inspection
    excluded: tuple[tuple[str, str], ...] = ()  # (employer code, reason) left out by frequency limits

    def canonical(self) -> dict:
        return {
            "algorithm": ALGORITHM,
            "base_size": self.base_size,
            "employers": sorted(self.employers),
            "inspectors": sorted(self.inspectors, key=_id_order),
            "conflicts": sorted([list(c) for c in self.conflicts]),
            "share": self.share,
            "per_inspection": self.per_inspection,
            "excluded": sorted([list(e) for e in self.excluded]),
        }

    @classmethod
    def from_canonical(cls, data: dict) -> "DrawInput":
        if data.get("algorithm") != ALGORITHM:
            raise ValueError(f"unknown draw algorithm {data.get('algorithm')!r}")
        return cls(
            base_size=int(data["base_size"]), employers=tuple(data["employers"]),
            inspectors=tuple(str(i) for i in data["inspectors"]),
            conflicts=tuple((str(i), str(e)) for i, e in data["conflicts"]), share=str(data["share"]),
            per_inspection=int(data["per_inspection"]), excluded=tuple((str(e), str(r)) for e, r in data["excluded"]),
        )


def _id_order(value: str):
    return (len(value), value)


def new_seed() -> str:
    """32 bytes from the operating system's generator, in hex: chosen by no one."""
    return secrets.token_hex(32)


def key(seed: str, label: str) -> str:
    return hmac.new(bytes.fromhex(seed), label.encode("utf-8"), hashlib.sha256).hexdigest()


def digest(data) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def how_many(base_size: int, share: str) -> int:
    return math.ceil(Decimal(base_size) * Decimal(share) / 100)


def draw(seed: str, given: DrawInput) -> list[dict]:
    """[{"employer": code, "inspectors": [id, ...]}, ...] in draw order."""
    if given.per_inspection < MIN_INSPECTORS:
        raise ValueError("at least two inspectors per inspection")
    if len(bytes.fromhex(seed)) != 32:
        raise ValueError("the seed is 32 bytes in hex")
    n = min(how_many(given.base_size, given.share), len(given.employers))
    employers = sorted(set(given.employers), key=lambda code: (key(seed, f"employer|{code}"), code))[:n]
    if not employers:
        return []
    k = given.per_inspection
    cap = math.ceil(n * k / max(len(given.inspectors), 1))
    conflicts = set(given.conflicts)
    load = dict.fromkeys(given.inspectors, 0)
    result = []
    for code in employers:
        ranked = sorted(set(given.inspectors), key=lambda i: (key(seed, f"inspector|{code}|{i}"), i))
        free = [i for i in ranked if (i, code) not in conflicts]
        if len(free) < k:
            raise DrawImpossible(code, len(free), k)
        chosen = [i for i in free if load[i] < cap][:k]
        chosen += [i for i in free if i not in chosen][: k - len(chosen)]
        for i in chosen:
            load[i] += 1
        result.append({"employer": code, "inspectors": chosen})
    return result
