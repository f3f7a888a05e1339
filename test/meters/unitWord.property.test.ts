import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unitWord } from "../../src/meters/unitWord.js";

// The laws of a unit after a quantity (docs/explain.md#units-after-one), over generated units:
// - any quantity other than one keeps the unit exactly as the contract gives it;
// - after one, only the last word (after the last space or hyphen) may change, and only at its end:
//   it loses "s" or "es", or "ies" becomes "y", and is never empty;
// - a unit with a singular form given always takes it after one.
const letters = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzGBMs"),
  minLength: 1,
  maxLength: 10,
});
// The last word often ends as a plural does, so each ending of the rule is drawn.
const lastWord = fc
  .tuple(letters, fc.constantFrom("", "s", "es", "ies", "ches", "shes", "xes", "ss", "us", "aches"))
  .map(([stem, end]) => `${stem}${end}`);
const unitArb = fc
  .tuple(fc.array(letters, { maxLength: 2 }), fc.constantFrom(" ", "-"), lastWord)
  .map(([head, joint, last]) => [...head, last].join(joint));
const notOne = fc
  .oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -9, max: 9 }),
  )
  .filter((value) => Math.abs(value) !== 1)
  .map((value) => String(value));

describe("unitWord: laws", () => {
  it("keeps the unit as written after any quantity but one", () => {
    fc.assert(
      fc.property(notOne, unitArb, (quantity, unit) => unitWord(quantity, unit, undefined) === ` ${unit}`),
    );
  });

  it("after one, changes only the end of the last word: it loses s or es, or ies becomes y", () => {
    fc.assert(
      fc.property(unitArb, (unit) => {
        const one = unitWord("1", unit, undefined).slice(1);
        const cut = Math.max(unit.lastIndexOf(" "), unit.lastIndexOf("-")) + 1;
        expect(one.slice(0, cut)).toBe(unit.slice(0, cut));
        expect(one.length).toBeGreaterThan(cut);
        const ways = [one, `${one}s`, `${one}es`, one.endsWith("y") ? `${one.slice(0, -1)}ies` : one];
        expect(ways).toContain(unit);
      }),
    );
  });

  it("takes the singular the contract gives after one", () => {
    fc.assert(
      fc.property(unitArb, letters, (unit, singular) => unitWord("1.00", unit, singular) === ` ${singular}`),
    );
  });
});
