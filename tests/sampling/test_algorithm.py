"""The draw algorithm (owdraw-1) as a pure function: replayable from its seed, different for a different pool,
never pairing a conflicted inspector, and computable by anyone from its documented definition."""

import hashlib
import hmac

import pytest

from sampling import algorithm
from sampling.algorithm import DrawImpossible, DrawInput, digest, draw

SEED = "00" * 31 + "2a"
CODES = tuple(f"91370700MA{n:07d}X" for n in range(40))
INSPECTORS = tuple(str(i) for i in range(101, 109))


def _input(**kw):
    data = dict(base_size=len(CODES), employers=CODES, inspectors=INSPECTORS, conflicts=(), share="10.00",
                per_inspection=2)
    data.update(kw)
    return DrawInput(**data)


def test_the_same_seed_and_inputs_give_the_same_employers_and_inspectors():
    first = draw(SEED, _input())
    assert first == draw(SEED, _input())
    assert len(first) == 4  # ceil(40 × 10%)
    assert all(len(r["inspectors"]) == 2 and len(set(r["inspectors"])) == 2 for r in first)


def test_the_input_order_does_not_matter():
    assert draw(SEED, _input(employers=CODES[::-1], inspectors=INSPECTORS[::-1])) == draw(SEED, _input())


def test_another_seed_draws_otherwise():
    assert draw(algorithm.new_seed(), _input()) != draw(SEED, _input())


def test_a_changed_pool_gives_a_different_result_and_a_different_digest():
    before = draw(SEED, _input())
    first_drawn = before[0]["employer"]
    changed = _input(employers=tuple(c for c in CODES if c != first_drawn))
    after = draw(SEED, changed)
    assert after != before and first_drawn not in {r["employer"] for r in after}
    assert digest(changed.canonical()) != digest(_input().canonical())


def test_a_conflicted_inspector_is_never_drawn_for_that_employer():
    unconstrained = draw(SEED, _input())
    # Every inspector is in conflict with every drawn employer but two: only those two can be drawn for each.
    drawn = [r["employer"] for r in unconstrained]
    conflicts = tuple((i, code) for code in drawn for i in INSPECTORS[2:])
    constrained = draw(SEED, _input(conflicts=conflicts))
    for row in constrained:
        if row["employer"] in drawn:
            assert set(row["inspectors"]) == set(INSPECTORS[:2])
    # And each pair taken alone: the conflicted inspector drops out, another takes the place.
    for row in unconstrained:
        i = row["inspectors"][0]
        again = draw(SEED, _input(conflicts=((i, row["employer"]),)))
        assert i not in next(r for r in again if r["employer"] == row["employer"])["inspectors"]


def test_too_few_inspectors_free_of_conflict_refuses_the_draw():
    code = draw(SEED, _input())[0]["employer"]
    with pytest.raises(DrawImpossible):
        draw(SEED, _input(conflicts=tuple((i, code) for i in INSPECTORS[1:])))


def test_the_work_is_spread_over_the_inspectors():
    seven = INSPECTORS[:7]
    result = draw(SEED, _input(share="50.00", inspectors=seven))  # 20 inspections × 2 over 7: at most 6 each
    load = dict.fromkeys(seven, 0)
    for row in result:
        for i in row["inspectors"]:
            load[i] += 1
    assert sum(load.values()) == 40 and max(load.values()) <= 6 and min(load.values()) >= 4


def test_fewer_than_two_inspectors_per_inspection_is_refused():
    with pytest.raises(ValueError):
        draw(SEED, _input(per_inspection=1))


def test_an_independent_reading_of_the_documented_algorithm_gives_the_same_draw():
    """The module's docstring, programmed again here from its words only."""
    given = _input(share="10.00")

    def key(label):
        return hmac.new(bytes.fromhex(SEED), label.encode(), hashlib.sha256).hexdigest()

    n = -(-len(CODES) * 10 // 100)
    employers = sorted(CODES, key=lambda c: (key("employer|" + c), c))[:n]
    cap = -(-n * 2 // len(INSPECTORS))
    load = {i: 0 for i in INSPECTORS}
    expected = []
    for c in employers:
        ranked = sorted(INSPECTORS, key=lambda i: (key(f"inspector|{c}|{i}"), i))
        chosen = [i for i in ranked if load[i] < cap][:2]
        chosen += [i for i in ranked if i not in chosen][: 2 - len(chosen)]
        for i in chosen:
            load[i] += 1
        expected.append({"employer": c, "inspectors": chosen})
    assert draw(SEED, given) == expected


def test_the_record_round_trips():
    given = _input(conflicts=(("101", CODES[0]),), excluded=((CODES[1], "recent"),))
    assert DrawInput.from_canonical(given.canonical()).canonical() == given.canonical()
