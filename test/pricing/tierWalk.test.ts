import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { graduatedTiers } from "../../src/pricing/index.js";

const d = (value: string | number) => new Decimal(value);
const walk = (upTos: ReadonlyArray<number | undefined>, quantity: number) =>
  graduatedTiers(
    upTos.map((upTo) => ({ upTo: upTo === undefined ? undefined : d(upTo) })),
    d(quantity),
  ).map((reached) => ({
    tier: reached.index + 1,
    from: reached.from.toFixed(),
    units: reached.inTier.toFixed(),
  }));

describe("graduatedTiers", () => {
  it("gives each reached tier the units in (previous upTo, upTo]", () => {
    // 0–10, 10–100, over 100; 150 units: 10 + 90 + 50
    expect(walk([10, 100, undefined], 150)).toEqual([
      { tier: 1, from: "0", units: "10" },
      { tier: 2, from: "10", units: "90" },
      { tier: 3, from: "100", units: "50" },
    ]);
  });

  it("reaches tier 1 with zero usage, so the breakdown names the tier that applied", () => {
    expect(walk([10, undefined], 0)).toEqual([{ tier: 1, from: "0", units: "0" }]);
  });

  it("leaves out a first tier that holds no units when there is usage", () => {
    // a first tier up to 0 holds nothing of 5 units: only tier 2 is reached, with all 5
    expect(walk([0, undefined], 5)).toEqual([{ tier: 2, from: "0", units: "5" }]);
  });
});
