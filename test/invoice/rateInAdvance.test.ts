import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { inAdvanceFee, rateInAdvance, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, usageEvent } from "../_support/contract.js";
import { hourlyPeaksContract } from "../_support/hourlyPeaks.js";

type MeterInput = NonNullable<ContractInput["meters"]>[number];
type PriceInput = NonNullable<ContractInput["charges"]>[number]["price"];

function contractWith(meter: Partial<MeterInput>, price: PriceInput) {
  return buildContract({
    id: "ctr_in_advance",
    meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "v", ...meter } as MeterInput],
    charges: [{ id: "api", name: "API", meter: "m", price }, flatCharge("base", "Base", "10")],
  });
}
const event = (id: string, day: number, properties: Record<string, unknown>) =>
  usageEvent(id, "e", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, properties);
// Graduated: units 1–10 at 1.00, above 10 at 0.50 (upTo inclusive).
const GRADUATED: PriceInput = {
  model: "graduated",
  tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }],
};

describe("usage billed in advance, per event (rateInAdvance)", () => {
  it("bills each counted event 10.00 on arrival, as Lago's count / standard scenario does", () => {
    // Lago spec/scenarios/pay_in_advance_charges_spec.rb: count_agg, standard amount 10 → each event a
    // fee of 1,000 cents (units 1).
    const contract = contractWith(
      { aggregation: "count", valueProperty: undefined },
      { model: "unit", unitPrice: "10" },
    );
    const result = rateInAdvance(contract, "api", [event("a", 15, {}), event("b", 17, {})], "2026-03");
    expect(result.fees.map((fee) => [fee.event, fee.quantity, fee.fee])).toEqual([
      ["a", "1", "10.00"],
      ["b", "2", "10.00"],
    ]);
    expect(result.period).toEqual({ start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" });
    // 10.00 + 10.00 = 20.00 = 2 × 10.00 billed at the period's end: nothing left to bill
    expect(result).toMatchObject({
      billedInAdvance: "20.00",
      arrears: "20.00",
      due: "0.00",
      notRefunded: "0.00",
    });
  });

  it("bills the marginal tier price of each event on graduated tiers: 6.00, 5.00, 1.50", () => {
    const contract = contractWith({}, GRADUATED);
    const events = [event("a", 2, { v: "6" }), event("b", 3, { v: "6" }), event("c", 4, { v: "3" })];
    const result = rateInAdvance(contract, "api", events, "2026-03");
    // marks 6, 12, 15. A(6) = 6 × 1.00 = 6.00; A(12) = 10 × 1.00 + 2 × 0.50 = 11.00;
    // A(15) = 10.00 + 5 × 0.50 = 12.50. Fees 6.00, 11.00 − 6.00 = 5.00, 12.50 − 11.00 = 1.50
    expect(result.fees.map((fee) => fee.fee)).toEqual(["6.00", "5.00", "1.50"]);
    expect(result.fees.map((fee) => fee.billedSoFar)).toEqual(["6.00", "11.00", "12.50"]);
    // Σ = 12.50, the period's graduated amount for 15 units
    expect(result).toMatchObject({ billedInAdvance: "12.50", arrears: "12.50", due: "0.00" });
  });

  it("bills nothing for an event below the high-water mark and does not refund a decrease (Lago)", () => {
    const contract = contractWith({}, { model: "unit", unitPrice: "1" });
    const events = [event("a", 2, { v: "10" }), event("b", 3, { v: "-4" }), event("c", 4, { v: "3" })];
    const result = rateInAdvance(contract, "api", events, "2026-03");
    // running totals 10, 6, 9; the mark stays 10 (Lago's sum: current ≤ max → 0 units)
    expect(result.fees.map((fee) => [fee.quantity, fee.highWaterMark, fee.fee])).toEqual([
      ["10", "10", "10.00"],
      ["6", "10", "0.00"],
      ["9", "10", "0.00"],
    ]);
    // the period's quantity is 9 → 9.00; 10.00 was billed: 1.00 not refunded, nothing due
    expect(result).toMatchObject({
      billedInAdvance: "10.00",
      arrears: "9.00",
      due: "0.00",
      notRefunded: "1.00",
    });
  });

  it("bills a unique count's new values only: a, b, a again, c → 1, 1, 0, 1", () => {
    const contract = contractWith(
      { aggregation: "unique_count", valueProperty: "user" },
      { model: "unit", unitPrice: "1" },
    );
    const users = ["a", "b", "a", "c"];
    const result = rateInAdvance(
      contract,
      "api",
      users.map((user, at) => event(`e${at}`, at + 2, { user })),
      "2026-03",
    );
    expect(result.fees.map((fee) => fee.fee)).toEqual(["1.00", "1.00", "0.00", "1.00"]);
    expect(result.arrears).toBe("3.00");
  });

  it("rounds the running amount, not each event, so sub-cent prices add up to the period's amount", () => {
    const contract = contractWith({}, { model: "unit", unitPrice: "0.004" });
    const events = [1, 2, 3].map((n) => event(`e${n}`, n + 1, { v: "1" }));
    const result = rateInAdvance(contract, "api", events, "2026-03");
    // A(1) = 0.004 → 0.00; A(2) = 0.008 → 0.01; A(3) = 0.012 → 0.01 (half-even) → fees 0.00, 0.01, 0.00.
    // Lago rounds each event's 0.004 to 0.00 and bills 0.00 in all, a cent short of the period's 0.01.
    expect(result.fees.map((fee) => fee.fee)).toEqual(["0.00", "0.01", "0.00"]);
    expect(result).toMatchObject({ billedInAdvance: "0.01", arrears: "0.01" });
  });

  it("gives the same fee one event at a time (inAdvanceFee with the mark the last event left)", () => {
    const contract = contractWith({}, GRADUATED);
    const events = [event("a", 2, { v: "6" }), event("b", 3, { v: "6" }), event("c", 4, { v: "3" })];
    const fee = inAdvanceFee(contract, "api", events.slice(0, 2), events[2], "2026-03", {
      highWaterMark: "12",
    });
    expect(fee).toMatchObject({ event: "c", quantity: "15", highWaterMark: "15", fee: "1.50" });
  });

  it("its arrears is the period-end invoice's line for the charge", () => {
    const contract = contractWith({}, GRADUATED);
    const events = [event("a", 2, { v: "6" }), event("b", 3, { v: "9.5" })];
    const invoice = rateInvoice(contract, events, "2026-03");
    // 15.5 units: 10 × 1.00 + 5.5 × 0.50 = 12.75
    expect(invoice.lines.find((line) => line.id === "api")?.amount).toBe("12.75");
    expect(rateInAdvance(contract, "api", events, "2026-03").arrears).toBe("12.75");
  });

  it("refuses a fee, an unknown charge, with the charges it could bill", () => {
    const contract = contractWith({}, GRADUATED);
    expect(() => rateInAdvance(contract, "base", [], "2026-03")).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: "chargeId" }),
    );
    expect(() => rateInAdvance(contract, "nope", [], "2026-03")).toThrow(/its usage charges are: api/);
  });
});

describe("rateInAdvance and inAdvanceFee: order, marks and refusals", () => {
  it("bills events in time order whatever order they are given in, ties in id order", () => {
    // Given c (4th), a (2nd), b (3rd): billed a, b, c as in the graduated example above: 6.00, 5.00, 1.50.
    const contract = contractWith({}, GRADUATED);
    const given = [event("c", 4, { v: "3" }), event("a", 2, { v: "6" }), event("b", 3, { v: "6" })];
    const result = rateInAdvance(contract, "api", given, "2026-03");
    expect(result.fees.map((fee) => [fee.event, fee.fee])).toEqual([
      ["a", "6.00"],
      ["b", "5.00"],
      ["c", "1.50"],
    ]);
    // Same instant: "x" (8 units) and "w" (4 units) → w first: A(4) = 4.00, then A(12) − A(4) = 11.00 − 4.00 = 7.00.
    const tied = [event("x", 5, { v: "8" }), event("w", 5, { v: "4" })];
    expect(rateInAdvance(contract, "api", tied, "2026-03").fees.map((fee) => [fee.event, fee.fee])).toEqual([
      ["w", "4.00"],
      ["x", "7.00"],
    ]);
  });

  it("takes the prior events' quantity as the mark unless given one", () => {
    const contract = contractWith({}, GRADUATED);
    const prior = [event("a", 2, { v: "6" }), event("b", 3, { v: "6" })];
    const arriving = event("c", 4, { v: "3" });
    // No mark given: the prior quantity 12 is the mark; A(15) − A(12) = 12.50 − 11.00 = 1.50.
    expect(inAdvanceFee(contract, "api", prior, arriving, "2026-03").fee).toBe("1.50");
    // A mark of 14 (an earlier peak): A(15) − A(14) = 12.50 − 12.00 = 0.50.
    expect(inAdvanceFee(contract, "api", prior, arriving, "2026-03", { highWaterMark: "14" }).fee).toBe(
      "0.50",
    );
    expect(() =>
      inAdvanceFee(contract, "api", prior, arriving, "2026-03", { highWaterMark: "lots" }),
    ).toThrow(expect.objectContaining({ path: "options.highWaterMark" }));
  });

  it("measures the charge's own meter when the contract has others, listed before it", () => {
    // Two meters: "storage" (events "s", listed first) and the charge's "m" (events "e"), 1.00 a unit.
    const contract = buildContract({
      id: "ctr_in_advance_two_meters",
      meters: [
        { id: "storage", eventType: "s", aggregation: "sum", valueProperty: "v" },
        { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" },
      ],
      charges: [
        { id: "disk", name: "Disk", meter: "storage", price: { model: "unit", unitPrice: "0.1" } },
        { id: "api", name: "API", meter: "m", price: { model: "unit", unitPrice: "1" } },
      ],
    });
    const stored = usageEvent("s1", "s", "2026-03-02T00:00:00Z", { v: "100" });
    const events = [stored, event("a", 3, { v: "6" }), event("b", 4, { v: "4" })];
    const result = rateInAdvance(contract, "api", events, "2026-03");
    // Only "e" events count for "m": marks 6 and 10 → fees 6 × 1.00 = 6.00 and 4 × 1.00 = 4.00; the 100
    // units of "storage" (its own charge, 10.00) are not this charge's quantity: every event given has
    // its entry (the list is the events in time order), the storage event's adds 0 units, 0.00.
    expect(result.fees.map((fee) => [fee.event, fee.quantity, fee.fee])).toEqual([
      ["s1", "0", "0.00"],
      ["a", "6", "6.00"],
      ["b", "10", "4.00"],
    ]);
    expect(result).toMatchObject({ billedInAdvance: "10.00", arrears: "10.00", due: "0.00" });
  });

  it("names the charges it could bill, and says why it refuses a fee or a grouped charge", () => {
    const contract = contractWith({}, GRADUATED);
    expect(() => rateInAdvance(contract, "nope", [], "2026-03")).toThrow(
      'The contract has no charge "nope" in force at the period\'s start; its usage charges are: api.',
    );
    expect(() => rateInAdvance(contract, "base", [], "2026-03")).toThrow(
      'Charge "base" reads no meter: only usage is billed per event in advance (fees in advance are "billed": "in_advance").',
    );
    const grouped = buildContract({
      meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" }],
      charges: [
        {
          id: "api",
          name: "API",
          meter: "m",
          price: { model: "grouped", groupBy: ["region"], price: GRADUATED } as never,
        },
      ],
    });
    expect(() => rateInAdvance(grouped, "api", [], "2026-03")).toThrow(
      'Charge "api" has a line per group: usage billed in advance is worked out for a charge with one line (no group-by, no matrix).',
    );
    // Each refusal points at the charge id argument.
    for (const [terms, id] of [
      [contract, "nope"],
      [contract, "base"],
      [grouped, "api"],
    ] as const)
      expect(() => rateInAdvance(terms, id, [], "2026-03")).toThrow(
        expect.objectContaining({ path: "chargeId" }),
      );
    const feesOnly = buildContract({ meters: [], charges: [flatCharge("base", "Base", "10")] });
    expect(() => rateInAdvance(feesOnly, "api", [], "2026-03")).toThrow(/its usage charges are: none\.$/);
  });

  it("refuses a charge priced window by window, whose line is no amount of the period's quantity", () => {
    // Flexprice's bucketed max (test/rating/windowPricing.test.ts): hourly peaks 9 and 15, tiers 0–10 at
    // 0.10, 11–20 at 0.05, restarting in each window: 9 × 0.10 + (10 × 0.10 + 5 × 0.05) = 0.90 + 1.25 = 2.15.
    // The period's quantity 24 through the tiers once is 10 × 0.10 + 10 × 0.05 + 4 × 0.02 = 1.58: fees
    // worked out from it would never add up to the invoice's line, so the charge is refused.
    const windowed = hourlyPeaksContract({ id: "api", name: "API" });
    const peaks = [
      usageEvent("a", "e", "2026-03-01T00:05:00Z", { v: "9" }),
      usageEvent("b", "e", "2026-03-01T01:10:00Z", { v: "15" }),
    ];
    expect(rateInvoice(windowed, peaks, "2026-03").lines[0]!.amount).toBe("2.15");
    for (const call of [
      () => rateInAdvance(windowed, "api", peaks, "2026-03"),
      () => inAdvanceFee(windowed, "api", peaks.slice(0, 1), peaks[1], "2026-03"),
    ])
      expect(call).toThrow(
        expect.objectContaining({
          code: "invalid_argument",
          path: "chargeId",
          message:
            'Charge "api" prices its meter window by window ("windows"): usage billed in advance is worked out from the period\'s quantity alone, which does not say what each window holds.',
        }),
      );
  });
});

describe("laws of usage billed in advance", () => {
  const values = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 });
  const price = fc.constantFrom<PriceInput>(
    GRADUATED,
    { model: "unit", unitPrice: "0.333" },
    {
      model: "volume",
      tiers: [{ upTo: "10", unitPrice: "2" }, { unitPrice: "1.25" }],
    },
  );

  it("Σ in-advance fees = the period-end amount for sums of non-negative values (nothing due)", () => {
    fc.assert(
      fc.property(values, price, (list, terms) => {
        const contract = contractWith({}, terms);
        const events = list.map((v, at) => event(`e${at}`, (at % 28) + 1, { v: String(v) }));
        const result = rateInAdvance(contract, "api", events, "2026-03");
        const sum = result.fees.reduce((total, fee) => total + Math.round(Number(fee.fee) * 100), 0);
        expect(sum).toBe(Math.round(Number(result.arrears) * 100));
        expect(result.due).toBe("0.00");
      }),
      { numRuns: 25 },
    );
  });

  it("Σ in-advance fees = the period-end amount for unique counts, in any order of arrival", () => {
    const users = fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(users, (list) => {
        const contract = contractWith({ aggregation: "unique_count", valueProperty: "user" }, GRADUATED);
        const forward = list.map((user, at) => event(`e${at}`, at + 1, { user }));
        const backward = list.map((user, at) => event(`e${at}`, 28 - at, { user }));
        const a = rateInAdvance(contract, "api", forward, "2026-03");
        const b = rateInAdvance(contract, "api", backward, "2026-03");
        expect(a.billedInAdvance).toBe(a.arrears);
        expect(b.billedInAdvance).toBe(a.arrears);
        expect(a.fees.every((fee) => !fee.fee.startsWith("-"))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
