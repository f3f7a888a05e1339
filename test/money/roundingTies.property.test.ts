import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  ROUNDING_MODES,
  type RoundingMode,
  roundTo,
  roundToInteger,
} from "../../src/money/index.js";
import { decimalText, nearTieArb, roundingModeArb, type ScaledUnits } from "../_arbitraries/money.js";
import { roundUnitsByHand } from "../_support/roundByHand.js";

// Laws whose inputs sit exactly on a tie (x.xx5) or one unit of the last place beside it, checked
// against rounding worked out on integers (test/_support/roundByHand.ts). Away from ties half_even,
// half_up and half_down agree, and on a tie up agrees with half_up: only inputs like these fail when
// one mode is swapped for another, which the last law proves for every pair.

const decimalsArb = fc.integer({ min: 0, max: 6 });
const decimalOf = ({ units, scale }: ScaledUnits) => new Decimal(decimalText(units, scale));
const byHand = (value: ScaledUnits, decimals: number, mode: RoundingMode) =>
  decimalText(roundUnitsByHand(value.units, value.scale, decimals, mode), decimals);

// 0.125 and 0.135 (ties below an even and an odd last digit), 0.1249 and 0.1251 (just below and just
// above a tie), each also negative: on these seven values no two modes give the same seven answers.
const WITNESSES: ReadonlyArray<ScaledUnits> = [125n, 135n, 1249n, 1251n].flatMap((units) => {
  const scale = units < 1000n ? 3 : 4;
  return [
    { units, scale },
    { units: -units, scale },
  ];
});

describe("rounding at and beside ties (laws that tell the modes apart)", () => {
  it("rounds a value at, just below or just above a tie as integer arithmetic does, in every mode", () => {
    fc.assert(
      fc.property(
        decimalsArb.chain((decimals) => fc.tuple(nearTieArb(decimals), fc.constant(decimals))),
        roundingModeArb,
        ([value, decimals], mode) => {
          expect(roundTo(decimalOf(value), decimals, mode).toFixed(decimals)).toBe(
            byHand(value, decimals, mode),
          );
        },
      ),
      {
        examples: WITNESSES.flatMap((value) =>
          ROUNDING_MODES.map((mode): [[ScaledUnits, number], RoundingMode] => [[value, 2], mode]),
        ),
      },
    );
  });

  it("rounds to a whole number (packages, quantity transforms) as integer arithmetic does", () => {
    fc.assert(
      fc.property(nearTieArb(0), roundingModeArb, (value, mode) => {
        expect(roundToInteger(decimalOf(value), mode).toFixed(0)).toBe(byHand(value, 0, mode));
      }),
    );
  });

  it("takes an exact tie away from zero with half_up, toward zero with half_down, to the even digit with half_even", () => {
    fc.assert(
      fc.property(
        decimalsArb.chain((decimals) =>
          fc.tuple(
            nearTieArb(decimals).filter((value) => isTie(value, decimals)),
            fc.constant(decimals),
          ),
        ),
        ([value, decimals]) => {
          const tie = decimalOf(value);
          const lastPlace = (rounded: Decimal) => rounded.times(new Decimal(10).pow(decimals));
          expect(roundTo(tie, decimals, "half_up").abs().greaterThan(tie.abs())).toBe(true);
          expect(roundTo(tie, decimals, "half_down").abs().lessThan(tie.abs())).toBe(true);
          expect(
            lastPlace(roundTo(tie, decimals, "half_even"))
              .mod(2)
              .isZero(),
          ).toBe(true);
        },
      ),
    );
  });

  it("fails for any mode swapped for another: the witnesses give each mode its own answers", () => {
    for (const actual of ROUNDING_MODES) {
      for (const expected of ROUNDING_MODES) {
        if (actual === expected) continue;
        // a roundTo that used `actual` where `expected` was asked for differs on some witness
        const caught = WITNESSES.some(
          (value) => roundTo(decimalOf(value), 2, actual).toFixed(2) !== byHand(value, 2, expected),
        );
        expect(caught, `${actual} in place of ${expected}`).toBe(true);
      }
    }
  });
});

/** Whether `units × 10^-scale` is exactly halfway between two neighbours at `decimals` places. */
function isTie({ units, scale }: ScaledUnits, decimals: number): boolean {
  const step = 10n ** BigInt(scale - decimals);
  const rest = (units < 0n ? -units : units) % step;
  return rest * 2n === step;
}
