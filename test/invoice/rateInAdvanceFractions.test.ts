import { describe, expect, it } from "vitest";
import { inAdvanceFee, rateInAdvance, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// A meter whose quantity is a quotient that does not end (an average of 32, 0 and 0 GB is 32/3) is
// priced as the fraction it is on the invoice (docs/meters.md, "Quotients"). Billed in advance, A(q) is
// the invoice's line amount at q, so it must price the same fraction: it priced the 50-digit quantity,
// and billed a cent more than the invoice, whose line the in-advance fees are netted against.

// The docs' example: rounded up, tiers up to 10 GB at 0.09, then 0.03.
const contract = buildContract({
  rounding: { mode: "up" },
  meters: [{ id: "m", eventType: "e", aggregation: "avg", valueProperty: "v" }],
  charges: [
    {
      id: "api",
      name: "API",
      meter: "m",
      price: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "0.09" }, { unitPrice: "0.03" }] },
    },
  ],
});
const readings = (...values: string[]) =>
  values.map((v, i) => usageEvent(`e${i + 1}`, "e", `2026-03-0${i + 2}T12:00:00Z`, { v }));

describe("usage billed in advance on a meter whose quantity does not end", () => {
  it("bills an average of 32/3 GB the invoice's 0.92, not 0.93", () => {
    const events = readings("0", "0", "32");
    // tier 1: 10 × 0.09 = 0.90; tier 2: (32 − 10 × 3) ÷ 3 = 2/3 GB × 0.03 = 0.02 exactly; 0.92, rounded up 0.92
    // (the 50-digit 10.666…67 put 0.666…67 in tier 2, 0.0200…01, rounded up 0.03: 0.93)
    expect(rateInvoice(contract, events, "2026-03").lines[0]!.amount).toBe("0.92");
    const result = rateInAdvance(contract, "api", events, "2026-03");
    // averages 0, 0, 32/3: the mark rises only with the third reading, A(32/3) − A(0) = 0.92
    expect(result.fees.map((fee) => fee.fee)).toEqual(["0.00", "0.00", "0.92"]);
    expect(result).toMatchObject({
      billedInAdvance: "0.92",
      arrears: "0.92",
      due: "0.00",
      notRefunded: "0.00",
    });
  });

  it("nets a mark above the period's average against the invoice's 0.92", () => {
    const result = rateInAdvance(contract, "api", readings("32", "0", "0"), "2026-03");
    // averages 32, 16, 32/3: A(32) = 0.90 + 22 × 0.03 = 1.56 billed on the first reading, nothing after;
    // arrears A(32/3) = 0.92, so 1.56 − 0.92 = 0.64 is not refunded (it said 0.93 and 0.63)
    expect(result.fees.map((fee) => fee.fee)).toEqual(["1.56", "0.00", "0.00"]);
    expect(result).toMatchObject({
      billedInAdvance: "1.56",
      arrears: "0.92",
      due: "0.00",
      notRefunded: "0.64",
    });
  });

  it("gives the same fee one event at a time", () => {
    const [first, second, third] = readings("0", "0", "32");
    // the mark before is 0 (the average of 0 and 0), after 32/3: 0.92 − 0.00
    expect(inAdvanceFee(contract, "api", [first, second], third, "2026-03").fee).toBe("0.92");
    expect(inAdvanceFee(contract, "api", [first, second], third, "2026-03", { highWaterMark: "0" }).fee).toBe(
      "0.92",
    );
  });

  it("prices a mark given as the text a fee showed as the fraction it is, not its 50 digits", () => {
    const events = readings("0", "0", "32", "0", "28");
    const [first, second, third, fourth, fifth] = events;
    const all = rateInAdvance(contract, "api", events, "2026-03");
    // averages 0, 0, 32/3, 32/4 = 8, 60/5 = 12: the mark is 32/3 from the third reading to the fifth,
    // which raises it to 12: A(12) − A(32/3) = (0.90 + 2 × 0.03) − 0.92 = 0.96 − 0.92 = 0.04
    expect(all.fees.map((fee) => fee.fee)).toEqual(["0.00", "0.00", "0.92", "0.00", "0.04"]);
    // The fourth fee shows the mark 32/3 as text (10.666…67, 50 digits): given back, it is priced as
    // 32/3, as the invoice prices it (priced as its 50 digits, tier 2 held 0.666…67 GB × 0.03 =
    // 0.0200…01, rounded up 0.03: A = 0.93 and the fee 0.96 − 0.93 = 0.03, a cent short)
    const mark = all.fees[3]!.highWaterMark;
    expect(mark).toMatch(/^10\.6{40,}7$/);
    const fee = inAdvanceFee(contract, "api", [first, second, third, fourth], fifth, "2026-03", {
      highWaterMark: mark,
    });
    expect([fee.billedSoFar, fee.fee]).toEqual(["0.96", "0.04"]);
  });
});
